//! The ballot box's daily fingerprint. While voting runs, the server publishes once a day
//! (at midnight, Beijing time, and once more when voting closes) how many ballots each
//! category holds and a SHA-256 over them, each snapshot chained to the one before. When
//! voting closes the public ballot list shows every ballot in the order it was stored, so
//! anyone can check that the first `count` lines of a category hash to what was published
//! that day — no ballot was added to or taken out of the past afterwards.
//!
//! The formats here are the whole contract (the server hashes them with SHA-256):
//! - a ballot's line: `"{receipt}:{choices}\n"`, choices the candidate ids ascending,
//!   joined by `,` (a voided ballot keeps its line: voids are published beside it);
//! - a snapshot's chain input: `"{previous chain or empty}\n{round}\n{seq}\n{taken_at}\n"`
//!   then `"{category} {count} {sha256}\n"` per category in `Category::ALL` order;
//!   `taken_at` in RFC 3339 with seconds, UTC (`2026-12-05T16:00:00Z`).

use crate::time::beijing_offset;
use crate::Category;
use chrono::{DateTime, Duration, NaiveTime, SecondsFormat, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// One category's ballots at the moment of a snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryDigest {
    pub category: Category,
    /// Ballots stored so far: the first `count` lines of the public ballot list.
    pub count: u64,
    /// SHA-256 (hex) of those lines (`ballot_line`), concatenated.
    pub sha256: String,
}

/// `GET /api/v1/rounds/{id}/ballot-snapshots`: one of the daily snapshots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BallotSnapshot {
    /// 1, 2, … in the order taken.
    pub seq: u32,
    pub taken_at: DateTime<Utc>,
    /// The snapshot closing the voting (taken at or after its end).
    pub last: bool,
    pub categories: Vec<CategoryDigest>,
    /// The previous snapshot's `chain`; none for the first.
    pub previous: Option<String>,
    /// SHA-256 (hex) of `chain_input(…)`.
    pub chain: String,
}

/// `GET /api/v1/rounds/{id}/ballot-snapshots`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BallotSnapshots {
    pub snapshots: Vec<BallotSnapshot>,
    /// When the next one is due, while voting runs.
    pub next_at: Option<DateTime<Utc>>,
}

/// A ballot's line in the hashed text.
pub fn ballot_line(receipt: &str, candidate_ids: &[i64]) -> String {
    let mut ids = candidate_ids.to_vec();
    ids.sort_unstable();
    let choices: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("{receipt}:{}\n", choices.join(","))
}

/// The time written into the chain input (whole seconds, UTC).
pub fn chain_time(taken_at: DateTime<Utc>) -> String {
    taken_at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The text whose SHA-256 is a snapshot's `chain`.
pub fn chain_input(
    previous: Option<&str>,
    round_id: i64,
    seq: u32,
    taken_at: DateTime<Utc>,
    categories: &[CategoryDigest],
) -> String {
    let mut text = format!(
        "{}\n{round_id}\n{seq}\n{}\n",
        previous.unwrap_or(""),
        chain_time(taken_at)
    );
    for category in Category::ALL {
        if let Some(d) = categories.iter().find(|d| d.category == category) {
            text.push_str(&format!("{} {} {}\n", category.as_str(), d.count, d.sha256));
        }
    }
    text
}

/// The first Beijing midnight strictly after `t`.
pub fn next_beijing_midnight(t: DateTime<Utc>) -> DateTime<Utc> {
    let local = t.with_timezone(&beijing_offset());
    let next_day = local.date_naive() + Duration::days(1);
    beijing_offset()
        .from_local_datetime(&next_day.and_time(NaiveTime::MIN))
        .single()
        .expect("a fixed offset has no gaps")
        .with_timezone(&Utc)
}

/// When the snapshot after one taken at `last_taken` (none yet: voting's start) is due:
/// the next Beijing midnight, or voting's end if that comes first. None once the closing
/// snapshot (at or after the end) is taken.
pub fn next_due(
    voting_starts: DateTime<Utc>,
    voting_ends: DateTime<Utc>,
    last_taken: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    let from = last_taken.unwrap_or(voting_starts);
    if last_taken.is_some_and(|t| t >= voting_ends) {
        return None;
    }
    Some(next_beijing_midnight(from).min(voting_ends))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn lines_sort_their_choices() {
        assert_eq!(ballot_line("AB12", &[30, 4, 12]), "AB12:4,12,30\n");
        assert_eq!(ballot_line("CD34", &[7]), "CD34:7\n");
    }

    #[test]
    fn midnight_is_beijing_midnight() {
        // 23:30 Beijing on 5 December is 15:30 UTC; the next midnight is 16:00 UTC.
        assert_eq!(
            next_beijing_midnight(utc("2026-12-05T15:30:00Z")),
            utc("2026-12-05T16:00:00Z")
        );
        // Exactly at midnight: the next one, a day on.
        assert_eq!(
            next_beijing_midnight(utc("2026-12-05T16:00:00Z")),
            utc("2026-12-06T16:00:00Z")
        );
    }

    #[test]
    fn snapshots_fall_due_each_midnight_then_at_the_close() {
        let starts = utc("2026-12-05T01:00:00Z"); // 09:00 Beijing
        let ends = utc("2026-12-07T10:00:00Z"); // 18:00 Beijing two days on
        assert_eq!(
            next_due(starts, ends, None),
            Some(utc("2026-12-05T16:00:00Z"))
        );
        // Taken late (the server was down at midnight): the next is still a midnight.
        assert_eq!(
            next_due(starts, ends, Some(utc("2026-12-05T19:12:00Z"))),
            Some(utc("2026-12-06T16:00:00Z"))
        );
        assert_eq!(
            next_due(starts, ends, Some(utc("2026-12-06T16:00:30Z"))),
            Some(ends)
        );
        assert_eq!(next_due(starts, ends, Some(ends)), None);
    }

    #[test]
    fn the_chain_input_names_everything_it_vouches_for() {
        let digests = vec![
            CategoryDigest {
                category: Category::Market,
                count: 2,
                sha256: "bb".into(),
            },
            CategoryDigest {
                category: Category::Village,
                count: 5,
                sha256: "aa".into(),
            },
        ];
        let text = chain_input(Some("ff"), 3, 2, utc("2026-12-05T16:00:00.250Z"), &digests);
        assert_eq!(
            text,
            "ff\n3\n2\n2026-12-05T16:00:00Z\nvillage 5 aa\nmarket 2 bb\n"
        );
        assert!(
            chain_input(None, 3, 1, utc("2026-12-05T16:00:00Z"), &digests).starts_with("\n3\n1\n")
        );
    }
}
