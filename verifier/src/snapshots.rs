//! The daily ballot-box snapshots (`GET /api/v1/rounds/{id}/ballot-snapshots`) checked
//! against the ballots of the open data, with code of this crate's own. The rules, as
//! the server publishes them:
//! - a ballot's line is `"{receipt}:{choices}\n"`, choices its candidate ids ascending
//!   joined by `,`; every ballot keeps its line, voided or excluded;
//! - a category's digest is the SHA-256 (hex) of the first `count` lines of that
//!   category, in the order of the open data's `ballots` (the order they were stored);
//! - a snapshot's `chain` is the SHA-256 (hex) of
//!   `"{previous chain or empty}\n{round}\n{seq}\n{taken_at, RFC 3339 whole seconds, Z}\n"`
//!   then `"{category} {count} {sha256}\n"` for village, ditch, road, market in that order;
//! - snapshots are numbered 1, 2, … each naming the previous chain; counts never go
//!   down, and the closing snapshot (`last`) holds every ballot of the round.

use crate::{int, list, text, Mismatch, Unreadable};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

const CATEGORY_ORDER: [&str; 4] = ["village", "ditch", "road", "market"];

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `2026-12-05T16:00:00.123456Z` → `2026-12-05T16:00:00Z`: the chain holds whole seconds.
fn whole_seconds(t: &str) -> Result<String, Unreadable> {
    let ok = t.len() >= 20 && t.ends_with('Z') && t.as_bytes().get(10) == Some(&b'T');
    if !ok {
        return Err(Unreadable(format!(
            "a snapshot's taken_at {t:?} is not UTC RFC 3339"
        )));
    }
    Ok(format!("{}Z", &t[..19]))
}

/// What the snapshot check found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SnapshotSummary {
    pub snapshots: usize,
    pub mismatches: Vec<Mismatch>,
}

fn mismatch(scope: String, field: &str, published: String, recomputed: String) -> Mismatch {
    Mismatch {
        scope,
        candidate: String::new(),
        field: field.to_owned(),
        published,
        recomputed,
    }
}

/// Checks every snapshot in `snapshots` (the endpoint's document, `{"snapshots": […]}`)
/// against the ballots of the open data `doc`.
pub fn verify_snapshots(doc: &Value, snapshots: &Value) -> Result<SnapshotSummary, Unreadable> {
    let round = int(crate::field(doc, "round", "document")?, "id", "round")?;
    // Each category's lines, in stored order.
    let mut lines: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for b in list(doc, "ballots", "document")? {
        let mut ids: Vec<i64> = list(b, "candidate_ids", "ballot")?
            .iter()
            .map(|v| {
                v.as_i64()
                    .ok_or_else(|| Unreadable("a ballot's choice".into()))
            })
            .collect::<Result<_, _>>()?;
        ids.sort_unstable();
        let choices: Vec<String> = ids.iter().map(i64::to_string).collect();
        lines
            .entry(text(b, "category", "ballot")?.to_owned())
            .or_default()
            .push(format!(
                "{}:{}\n",
                text(b, "receipt", "ballot")?,
                choices.join(",")
            ));
    }

    let mut out = SnapshotSummary::default();
    let mut previous: Option<String> = None;
    let mut counts_before: BTreeMap<String, u64> = BTreeMap::new();
    let published = list(snapshots, "snapshots", "snapshots document")?;
    for (i, s) in published.iter().enumerate() {
        let seq = int(s, "seq", "snapshot")?;
        let scope = format!("snapshot {seq}");
        if seq != i as i64 + 1 {
            out.mismatches.push(mismatch(
                scope.clone(),
                "seq",
                seq.to_string(),
                (i + 1).to_string(),
            ));
        }
        let stated_previous = s.get("previous").and_then(Value::as_str).map(str::to_owned);
        if stated_previous != previous {
            out.mismatches.push(mismatch(
                scope.clone(),
                "previous",
                format!("{stated_previous:?}"),
                format!("{previous:?}"),
            ));
        }
        let taken_at = whole_seconds(text(s, "taken_at", "snapshot")?)?;
        let last = s.get("last").and_then(Value::as_bool).unwrap_or(false);
        let mut digests: BTreeMap<String, (u64, String)> = BTreeMap::new();
        for d in list(s, "categories", "snapshot")? {
            let category = text(d, "category", "digest")?.to_owned();
            let count = int(d, "count", "digest")?;
            let count = u64::try_from(count)
                .map_err(|_| Unreadable(format!("{scope}: a negative count")))?;
            let sha = text(d, "sha256", "digest")?.to_owned();
            let all = lines.get(&category).map_or(&[][..], Vec::as_slice);
            let cat_scope = format!("{scope} {category}");
            if count as usize > all.len() {
                out.mismatches.push(mismatch(
                    cat_scope.clone(),
                    "count",
                    count.to_string(),
                    format!("only {} ballots in the open data", all.len()),
                ));
            } else {
                let mut hasher = Sha256::new();
                for line in &all[..count as usize] {
                    hasher.update(line.as_bytes());
                }
                let recomputed = hex(&hasher.finalize());
                if recomputed != sha {
                    out.mismatches.push(mismatch(
                        cat_scope.clone(),
                        "sha256",
                        sha.clone(),
                        recomputed,
                    ));
                }
                if last && count as usize != all.len() {
                    out.mismatches.push(mismatch(
                        cat_scope.clone(),
                        "count at the close",
                        count.to_string(),
                        all.len().to_string(),
                    ));
                }
            }
            let before = counts_before.get(&category).copied().unwrap_or(0);
            if count < before {
                out.mismatches.push(mismatch(
                    cat_scope,
                    "count",
                    count.to_string(),
                    format!("at least {before} (the previous snapshot's)"),
                ));
            }
            counts_before.insert(category.clone(), count);
            digests.insert(category, (count, sha));
        }
        let mut input = format!(
            "{}\n{round}\n{seq}\n{taken_at}\n",
            previous.as_deref().unwrap_or("")
        );
        for category in CATEGORY_ORDER {
            if let Some((count, sha)) = digests.get(category) {
                input.push_str(&format!("{category} {count} {sha}\n"));
            }
        }
        let chain = hex(&Sha256::digest(input.as_bytes()));
        let stated = text(s, "chain", "snapshot")?.to_owned();
        if chain != stated {
            out.mismatches
                .push(mismatch(scope, "chain", stated.clone(), chain));
        }
        // The next snapshot must name what was published, so one broken link is
        // reported once rather than down the whole chain.
        previous = Some(stated);
        out.snapshots += 1;
    }
    Ok(out)
}
