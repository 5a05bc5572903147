//! Voting: SMS codes (single use, expiring, locking after wrong tries), verified voters
//! and their sessions, ballots written in batches, tallies, and the public ballot list.
//!
//! Every "only one" rule is a statement the database settles on its own: one code row per
//! number (primary key), one voter per identity (UNIQUE), one ballot per voter per
//! category per round (UNIQUE), a code used once (an UPDATE that clears it).

use super::audit::{self, Entry};
use super::rate_counters::{self, RateCharge};
use super::Db;
use super::Dialect;
use super::{on_conn, on_db};
use chrono::{DateTime, Duration, Utc};
use pingxuan_domain::voting::{
    Burst, HourlyVotes, IdentityMethod, InspectedBallot, PublicBallot, SharedSource,
};
use pingxuan_domain::{Category, Phase};
use sqlx::{QueryBuilder, Row};
use std::collections::{BTreeMap, HashMap};

/// Why a code could not be sent now.
#[derive(Debug, PartialEq, Eq)]
pub enum SendRefusal {
    /// The device or the address asked for too many codes this hour.
    RateLimited,
    /// A code went out less than the resend interval ago.
    TooSoon { retry_at: DateTime<Utc> },
    /// Too many wrong codes: locked until then.
    Locked { until: DateTime<Utc> },
}

/// Why a typed code was not accepted.
#[derive(Debug, PartialEq, Eq)]
pub enum CodeRefusal {
    /// Wrong, used, expired, or none was sent.
    Invalid,
    /// The device or the address tried too many codes this hour.
    RateLimited,
    /// Too many wrong codes: locked until then.
    Locked { until: DateTime<Utc> },
}

/// How long the n-th lock (0-based) lasts: 15 minutes, doubling, at most 8 hours.
pub fn lock_duration(locks: i64) -> Duration {
    Duration::minutes(15 << locks.clamp(0, 5))
}

/// A ballot on its way into the database.
#[derive(Debug, Clone)]
pub struct NewBallot {
    pub round_id: i64,
    pub category: Category,
    pub voter_id: i64,
    pub receipt: String,
    /// Sorted, distinct.
    pub candidate_ids: Vec<i64>,
    pub device_hash: Option<String>,
    pub network: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// What became of one ballot of a batch.
#[derive(Debug, Clone, PartialEq)]
pub enum BallotOutcome {
    /// Stored: this is its receipt.
    Accepted {
        receipt: String,
        candidate_ids: Vec<i64>,
        cast_at: DateTime<Utc>,
    },
    /// The voter had already voted in this category: their earlier ballot.
    AlreadyVoted {
        receipt: String,
        candidate_ids: Vec<i64>,
        cast_at: DateTime<Utc>,
    },
    /// Voting had closed by the time the ballot reached the database.
    Closed,
}

/// A live voter session.
#[derive(Debug, Clone, PartialEq)]
pub struct VoterSession {
    pub voter_id: i64,
    pub method: IdentityMethod,
    pub expires_at: DateTime<Utc>,
}

fn method_str(m: IdentityMethod) -> &'static str {
    match m {
        IdentityMethod::Sms => "sms",
        IdentityMethod::Wechat => "wechat",
    }
}

/// Rows per multi-row INSERT: well under SQLite's 32,766 bound parameters.
const ROWS_PER_INSERT: usize = 200;

/// A voter session to open once the person is verified: the cookie token's hash.
#[derive(Debug)]
pub struct NewVoterSession<'a> {
    pub token_hash: &'a str,
    pub method: IdentityMethod,
    pub device_hash: Option<&'a str>,
    pub expires_at: DateTime<Utc>,
}

/// Checks a typed code, in the caller's transaction. The right one is used up in the
/// same statement that accepts it (so it works once, even under concurrent tries); a
/// wrong one counts, and the `max_wrong`-th wrong try in a row locks the number, each
/// lock longer. Every write is one conditional statement on the number's row.
async fn check_sms_code(
    conn: impl Into<super::Conn<'_>>,
    phone_hash: &str,
    code_hash: &str,
    now: DateTime<Utc>,
    max_wrong: u32,
) -> Result<Result<(), CodeRefusal>, sqlx::Error> {
    on_conn!(conn => {
        let accepted = sqlx::query(
            "UPDATE sms_codes SET code_hash = NULL, wrong = 0 \
             WHERE phone_hash = $1 AND code_hash = $2 AND expires_at > $3 \
               AND (locked_until IS NULL OR locked_until <= $4) RETURNING phone_hash",
        )
        .bind(phone_hash)
        .bind(code_hash)
        .bind(now)
        .bind(now)
        .fetch_optional(&mut *conn)
        .await?;
        if accepted.is_some() {
            return Ok(Ok(()));
        }
        // Wrong (or stale): count it, and lock on the last allowed try. The lock ends
        // at now + 15 min × 2^locks, chosen by CASE from precomputed instants.
        let ends: Vec<DateTime<Utc>> = (0..=5).map(|n| now + lock_duration(n)).collect();
        let counted = sqlx::query(
            "UPDATE sms_codes SET \
               wrong = CASE WHEN wrong + 1 >= $1 THEN 0 ELSE wrong + 1 END, \
               locks = CASE WHEN wrong + 1 >= $1 THEN locks + 1 ELSE locks END, \
               locked_until = CASE WHEN wrong + 1 >= $1 THEN \
                 (CASE CASE WHEN locks < 5 THEN locks ELSE 5 END WHEN 0 THEN $2 WHEN 1 THEN $3 WHEN 2 THEN $4 WHEN 3 THEN $5 WHEN 4 THEN $6 ELSE $7 END) \
                 ELSE locked_until END \
             WHERE phone_hash = $8 AND (locked_until IS NULL OR locked_until <= $9) \
             RETURNING locked_until",
        )
        .bind(max_wrong as i64)
        .bind(ends[0])
        .bind(ends[1])
        .bind(ends[2])
        .bind(ends[3])
        .bind(ends[4])
        .bind(ends[5])
        .bind(phone_hash)
        .bind(now)
        .fetch_optional(&mut *conn)
        .await?;
        match counted {
            Some(row) => {
                let until: Option<DateTime<Utc>> = row.get("locked_until");
                Ok(Err(match until.filter(|u| *u > now) {
                    Some(until) => CodeRefusal::Locked { until },
                    None => CodeRefusal::Invalid,
                }))
            }
            None => {
                // No row (never sent) or already locked.
                let until: Option<Option<DateTime<Utc>>> =
                    sqlx::query_scalar("SELECT locked_until FROM sms_codes WHERE phone_hash = $1")
                        .bind(phone_hash)
                        .fetch_optional(&mut *conn)
                        .await?;
                Ok(Err(match until.flatten().filter(|u| *u > now) {
                    Some(until) => CodeRefusal::Locked { until },
                    None => CodeRefusal::Invalid,
                }))
            }
        }
    })
}

/// The voter for an identity hash, created on first sight, in the caller's connection.
async fn upsert_voter(
    conn: impl Into<super::Conn<'_>>,
    identity_hash: &str,
    method: IdentityMethod,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_conn!(conn => {
        sqlx::query_scalar(
            "INSERT INTO voters (identity_hash, method, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (identity_hash) DO UPDATE SET method = voters.method RETURNING id",
        )
        .bind(identity_hash)
        .bind(method_str(method))
        .bind(now)
        .fetch_one(conn)
        .await
    })
}

/// The voter for an identity (created on first sight) and a new session of theirs, in
/// the caller's transaction; the voter's id.
async fn open_voter_session(
    conn: impl Into<super::Conn<'_>>,
    identity_hash: &str,
    s: &NewVoterSession<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_conn!(conn => {
        let voter_id = upsert_voter(&mut *conn, identity_hash, s.method, now).await?;
        sqlx::query(
            "INSERT INTO voter_sessions (token_hash, voter_id, device_hash, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(s.token_hash)
        .bind(voter_id)
        .bind(s.device_hash)
        .bind(now)
        .bind(s.expires_at)
        .execute(&mut *conn)
        .await?;
        Ok(voter_id)
    })
}

impl Db {
    /// Records a new code for a number unless one went out less than `resend` ago or the
    /// number is locked — decided in one statement, so two servers cannot both send. The
    /// request's rate `charges` are counted first, in the same transaction (one commit
    /// for the whole request); when one is over its limit nothing else is written.
    pub async fn store_sms_code(
        &self,
        charges: &[RateCharge],
        phone_hash: &str,
        code_hash: &str,
        now: DateTime<Utc>,
        ttl: Duration,
        resend: Duration,
    ) -> Result<Result<(), SendRefusal>, sqlx::Error> {
        on_db!(self, db => {
            let mut tx = db.begin_row_writes().await?;
            if !rate_counters::charge(&mut tx, charges).await? {
                tx.commit().await?;
                return Ok(Err(SendRefusal::RateLimited));
            }
            let stored = sqlx::query(
                "INSERT INTO sms_codes (phone_hash, code_hash, sent_at, expires_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (phone_hash) DO UPDATE SET code_hash = excluded.code_hash, \
                   sent_at = excluded.sent_at, expires_at = excluded.expires_at \
                 WHERE sms_codes.sent_at <= $5 AND (sms_codes.locked_until IS NULL OR sms_codes.locked_until <= $6) \
                 RETURNING phone_hash",
            )
            .bind(phone_hash)
            .bind(code_hash)
            .bind(now)
            .bind(now + ttl)
            .bind(now - resend)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let outcome = if stored.is_some() {
                Ok(())
            } else {
                let row = sqlx::query("SELECT sent_at, locked_until FROM sms_codes WHERE phone_hash = $1")
                    .bind(phone_hash)
                    .fetch_one(&mut *tx)
                    .await?;
                let locked: Option<DateTime<Utc>> = row.get("locked_until");
                Err(match locked.filter(|u| *u > now) {
                    Some(until) => SendRefusal::Locked { until },
                    None => SendRefusal::TooSoon {
                        retry_at: row.get::<DateTime<Utc>, _>("sent_at") + resend,
                    },
                })
            };
            tx.commit().await?;
            Ok(outcome)
        })
    }

    /// Forgets a code the SMS provider did not take, so the person may ask again at once.
    pub async fn forget_sms_code(&self, phone_hash: &str) -> Result<(), sqlx::Error> {
        on_db!(self, db => {
            sqlx::query(
                "UPDATE sms_codes SET code_hash = NULL, sent_at = '1970-01-01T00:00:00Z' WHERE phone_hash = $1",
            )
            .bind(phone_hash)
            .execute(db.pool)
            .await
            .map(|_| ())
        })
    }

    /// Ends every SMS code's validity at `at` (tests: five minutes are long to wait).
    pub async fn expire_sms_codes(&self, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
        on_db!(self, db => {
            sqlx::query("UPDATE sms_codes SET expires_at = $1")
                .bind(at)
                .execute(db.pool)
                .await
                .map(|_| ())
        })
    }

    /// Checks a typed code and, when it is right, signs the person in as a voter
    /// (`session`; the voter is the number's keyed hash): one transaction, one commit,
    /// the request's rate `charges` counted first (over a limit: nothing else is written,
    /// [`CodeRefusal::RateLimited`]). A wrong try's count is kept. The voter's id.
    pub async fn sign_in_by_sms_code(
        &self,
        charges: &[RateCharge],
        phone_hash: &str,
        code_hash: &str,
        now: DateTime<Utc>,
        max_wrong: u32,
        session: &NewVoterSession<'_>,
    ) -> Result<Result<i64, CodeRefusal>, sqlx::Error> {
        on_db!(self, db => {
            let mut tx = db.begin_row_writes().await?;
            let outcome = if !rate_counters::charge(&mut tx, charges).await? {
                Err(CodeRefusal::RateLimited)
            } else {
                match check_sms_code(&mut tx, phone_hash, code_hash, now, max_wrong).await? {
                    Ok(()) => Ok(open_voter_session(&mut tx, phone_hash, session, now).await?),
                    Err(refusal) => Err(refusal),
                }
            };
            tx.commit().await?;
            Ok(outcome)
        })
    }

    /// Signs a verified identity in as a voter (created on first sight) with `session`,
    /// in one transaction; the voter's id.
    pub async fn sign_in_voter(
        &self,
        identity_hash: &str,
        session: &NewVoterSession<'_>,
        now: DateTime<Utc>,
    ) -> Result<i64, sqlx::Error> {
        on_db!(self, db => {
            let mut tx = db.begin_row_writes().await?;
            let voter_id = open_voter_session(&mut tx, identity_hash, session, now).await?;
            tx.commit().await?;
            Ok(voter_id)
        })
    }

    /// The voter for an identity hash, created on first sight.
    pub async fn voter_for(
        &self,
        identity_hash: &str,
        method: IdentityMethod,
        now: DateTime<Utc>,
    ) -> Result<i64, sqlx::Error> {
        on_db!(self, db => {
            let mut conn = db.pool.acquire().await?;
            upsert_voter(&mut conn, identity_hash, method, now).await
        })
    }

    /// Many live voter sessions at once, by token hash (the session loader's batch).
    pub async fn voter_sessions(
        &self,
        token_hashes: &[String],
        now: DateTime<Utc>,
    ) -> Result<HashMap<String, VoterSession>, sqlx::Error> {
        on_db!(self, db => {
            let mut found = HashMap::with_capacity(token_hashes.len());
            for chunk in token_hashes.chunks(500) {
                let mut q: QueryBuilder<DB> = QueryBuilder::new(
                    "SELECT s.token_hash, s.voter_id, s.expires_at, v.method FROM voter_sessions s \
                     JOIN voters v ON v.id = s.voter_id WHERE s.expires_at > ",
                );
                q.push_bind(now).push(" AND s.token_hash IN (");
                let mut list = q.separated(", ");
                for hash in chunk {
                    list.push_bind(hash);
                }
                list.push_unseparated(")");
                for r in q.build().fetch_all(db.pool).await? {
                    found.insert(
                        r.get("token_hash"),
                        VoterSession {
                            voter_id: r.get("voter_id"),
                            method: if r.get::<String, _>("method") == "wechat" {
                                IdentityMethod::Wechat
                            } else {
                                IdentityMethod::Sms
                            },
                            expires_at: r.get("expires_at"),
                        },
                    );
                }
            }
            Ok(found)
        })
    }

    /// Registers many verified voters with a session each, in one transaction: the
    /// benchmarks' and the replay's crowd (identity hash, session token hash).
    pub async fn insert_voters_with_sessions(
        &self,
        voters: &[(String, String)],
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            for (identity_hash, token_hash) in voters {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO voters (identity_hash, method, created_at) VALUES ($1, 'sms', $2) RETURNING id",
                )
                .bind(identity_hash)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO voter_sessions (token_hash, voter_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(token_hash)
                .bind(id)
                .bind(now)
                .bind(expires_at)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await
        })
    }

    /// Writes a batch of ballots in one transaction (one commit, one sync to disk) and
    /// says what became of each: stored, the voter's earlier ballot, or refused because
    /// voting closed. Ballots are checked (candidates of the category, phase open) before
    /// they get here, against a round cached for up to a second.
    ///
    /// Invariant: no ballot is stored after voting closed. The round's phase and end are
    /// read again inside this write transaction, and the closing ballot-box snapshot is
    /// taken inside one too (`ballot_digests`); write transactions are serialised, so a
    /// ballot is either in the closing snapshot or refused.
    pub async fn write_ballots(
        &self,
        batch: &[NewBallot],
    ) -> Result<Vec<BallotOutcome>, sqlx::Error> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let now = Utc::now();
            let mut open: HashMap<i64, bool> = HashMap::new();
            for b in batch {
                if open.contains_key(&b.round_id) {
                    continue;
                }
                let row = sqlx::query("SELECT phase, voting_ends_at FROM rounds WHERE id = $1")
                    .bind(b.round_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let is_open = match row {
                    Some(r) => {
                        let phase: String = r.try_get("phase")?;
                        let ends_at: DateTime<Utc> = r.try_get("voting_ends_at")?;
                        phase == Phase::Voting.as_str() && now < ends_at
                    }
                    None => false,
                };
                open.insert(b.round_id, is_open);
            }
            let kept: Vec<NewBallot>;
            let live = if open.values().all(|o| *o) {
                batch
            } else {
                kept = batch
                    .iter()
                    .filter(|b| open[&b.round_id])
                    .cloned()
                    .collect();
                &kept[..]
            };
            let mut written = Db::write_open_ballots(&mut tx, live).await?.into_iter();
            tx.commit().await?;
            Ok(batch
                .iter()
                .map(|b| match open[&b.round_id] {
                    true => written.next().expect("one outcome per open ballot"),
                    false => BallotOutcome::Closed,
                })
                .collect())
        })
    }

    /// [`Db::write_ballots`] once the closed rounds' ballots are set aside.
    async fn write_open_ballots(
        tx: impl Into<super::Conn<'_>>,
        batch: &[NewBallot],
    ) -> Result<Vec<BallotOutcome>, sqlx::Error> {
        on_conn!(tx => {
            // Which rows went in: by (round, category, voter) → ballot id.
            let mut inserted: HashMap<(i64, &str, i64), i64> = HashMap::new();
            for chunk in batch.chunks(ROWS_PER_INSERT) {
                let mut q: QueryBuilder<DB> = QueryBuilder::new(
                    "INSERT INTO ballots (round_id, category, voter_id, receipt, device_hash, network, created_at) ",
                );
                q.push_values(chunk, |mut row, b| {
                    row.push_bind(b.round_id)
                        .push_bind(b.category.as_str())
                        .push_bind(b.voter_id)
                        .push_bind(&b.receipt)
                        .push_bind(&b.device_hash)
                        .push_bind(&b.network)
                        .push_bind(b.created_at);
                });
                q.push(" ON CONFLICT (round_id, category, voter_id) DO NOTHING RETURNING id, round_id, category, voter_id");
                for r in q.build().fetch_all(&mut *tx).await? {
                    let category: String = r.get("category");
                    let key_cat = Category::parse(&category).map_or("", Category::as_str);
                    inserted.insert((r.get("round_id"), key_cat, r.get("voter_id")), r.get("id"));
                }
            }
            // In each statement the first row of a key wins, so the stored ballot of a key
            // is its first in the batch; a later one of the same voter is a repeat.
            let mut first_of: HashMap<(i64, &str, i64), usize> = HashMap::new();
            let mut stored: Vec<(usize, i64)> = Vec::new();
            for (i, b) in batch.iter().enumerate() {
                let key = (b.round_id, b.category.as_str(), b.voter_id);
                if first_of.contains_key(&key) {
                    continue;
                }
                first_of.insert(key, i);
                if let Some(&id) = inserted.get(&key) {
                    stored.push((i, id));
                }
            }
            let choices: Vec<(i64, i64)> = stored
                .iter()
                .flat_map(|(i, id)| batch[*i].candidate_ids.iter().map(move |c| (*id, *c)))
                .collect();
            for chunk in choices.chunks(ROWS_PER_INSERT) {
                let mut q: QueryBuilder<DB> =
                    QueryBuilder::new("INSERT INTO ballot_choices (ballot_id, candidate_id) ");
                q.push_values(chunk, |mut row, (ballot, candidate)| {
                    row.push_bind(*ballot).push_bind(*candidate);
                });
                q.build().execute(&mut *tx).await?;
            }
            let mut added: BTreeMap<i64, i64> = BTreeMap::new();
            for (_, c) in &choices {
                *added.entry(*c).or_default() += 1;
            }
            // One statement for all the batch's candidates.
            let added: Vec<(i64, i64)> = added.into_iter().collect();
            for chunk in added.chunks(ROWS_PER_INSERT) {
                let mut q: QueryBuilder<DB> =
                    QueryBuilder::new("INSERT INTO tallies (candidate_id, votes) ");
                q.push_values(chunk, |mut row, (candidate, n)| {
                    row.push_bind(*candidate).push_bind(*n);
                });
                q.push(" ON CONFLICT (candidate_id) DO UPDATE SET votes = tallies.votes + excluded.votes");
                q.build().execute(&mut *tx).await?;
            }
            // Voters whose ballot was already in the database: read it once per voter.
            let mut earlier: HashMap<(i64, &str, i64), BallotOutcome> = HashMap::new();
            for b in batch {
                let key = (b.round_id, b.category.as_str(), b.voter_id);
                if inserted.contains_key(&key) || earlier.contains_key(&key) {
                    continue;
                }
                let (receipt, candidate_ids, cast_at) =
                    ballot_row(&mut *tx, b.round_id, b.category, b.voter_id)
                        .await?
                        .ok_or(sqlx::Error::RowNotFound)?;
                earlier.insert(
                    key,
                    BallotOutcome::AlreadyVoted {
                        receipt,
                        candidate_ids,
                        cast_at,
                    },
                );
            }
            let stored_at: std::collections::HashSet<usize> = stored.iter().map(|(i, _)| *i).collect();
            Ok(batch
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let key = (b.round_id, b.category.as_str(), b.voter_id);
                    if stored_at.contains(&i) {
                        return BallotOutcome::Accepted {
                            receipt: b.receipt.clone(),
                            candidate_ids: b.candidate_ids.clone(),
                            cast_at: b.created_at,
                        };
                    }
                    if let Some(outcome) = earlier.get(&key) {
                        return outcome.clone();
                    }
                    // A repeat of a ballot stored earlier in this batch.
                    let first = &batch[first_of[&key]];
                    BallotOutcome::AlreadyVoted {
                        receipt: first.receipt.clone(),
                        candidate_ids: first.candidate_ids.clone(),
                        cast_at: first.created_at,
                    }
                })
                .collect())
        })
    }

    /// The voter's ballot in a category, if any.
    pub async fn ballot_of(
        &self,
        round_id: i64,
        category: Category,
        voter_id: i64,
    ) -> Result<Option<(String, Vec<i64>, DateTime<Utc>)>, sqlx::Error> {
        on_db!(self, db => {
            let mut conn = db.pool.acquire().await?;
            ballot_row(&mut conn, round_id, category, voter_id).await
        })
    }

    /// Votes per candidate of a category (from the running tallies).
    pub async fn tallies(
        &self,
        round_id: i64,
        category: Category,
    ) -> Result<Vec<(i64, i64)>, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_as(
                "SELECT c.id, COALESCE(t.votes, 0) FROM candidates c LEFT JOIN tallies t ON t.candidate_id = c.id \
                 WHERE c.round_id = $1 AND c.category = $2 ORDER BY c.position",
            )
            .bind(round_id)
            .bind(category.as_str())
            .fetch_all(db.pool)
            .await
        })
    }

    /// A page of the public ballot list, in the order cast.
    pub async fn public_ballots(
        &self,
        round_id: i64,
        category: Category,
        after: i64,
        limit: i64,
    ) -> Result<Vec<(i64, PublicBallot)>, sqlx::Error> {
        on_db!(self, db => {
            let rows = sqlx::query(&format!(
                "SELECT b.id, b.receipt, b.voided_at IS NOT NULL AS voided, {} AS choices \
                 FROM ballots b LEFT JOIN ballot_choices c ON c.ballot_id = b.id \
                 WHERE b.round_id = $1 AND b.category = $2 AND b.id > $3 GROUP BY b.id ORDER BY b.id LIMIT $4",
                DB::comma_list("c.candidate_id")
            ))
            .bind(round_id)
            .bind(category.as_str())
            .bind(after)
            .bind(limit)
            .fetch_all(db.pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|r| {
                    (
                        r.get("id"),
                        PublicBallot {
                            receipt: r.get("receipt"),
                            candidate_ids: parse_ids(r.get::<Option<String>, _>("choices")),
                            voided: r.get("voided"),
                        },
                    )
                })
                .collect())
        })
    }

    /// Ballots stored for a round (tests and benchmarks compare this with what was
    /// accepted).
    pub async fn ballot_count(&self, round_id: i64) -> Result<i64, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_scalar("SELECT COUNT(*) FROM ballots WHERE round_id = $1")
                .bind(round_id)
                .fetch_one(db.pool)
                .await
        })
    }
}

/// A voter's ballot in a category: receipt, choices, when.
async fn ballot_row(
    conn: impl Into<super::Conn<'_>>,
    round_id: i64,
    category: Category,
    voter_id: i64,
) -> Result<Option<(String, Vec<i64>, DateTime<Utc>)>, sqlx::Error> {
    on_conn!(conn => {
        let row = sqlx::query(&format!(
            "SELECT b.receipt, b.created_at, {} AS choices FROM ballots b \
             LEFT JOIN ballot_choices c ON c.ballot_id = b.id \
             WHERE b.round_id = $1 AND b.category = $2 AND b.voter_id = $3 GROUP BY b.id",
            DB::comma_list("c.candidate_id")
        ))
        .bind(round_id)
        .bind(category.as_str())
        .bind(voter_id)
        .fetch_optional(conn)
        .await?;
        Ok(row.map(|r| {
            (
                r.get("receipt"),
                parse_ids(r.get::<Option<String>, _>("choices")),
                r.get("created_at"),
            )
        }))
    })
}

/// Why a ballot could not be voided.
#[derive(Debug, thiserror::Error)]
pub enum VoidError {
    #[error("no such ballot in this round")]
    NotFound,
    #[error("the ballot was voided already")]
    AlreadyVoided,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// A minute with at least this many ballots for one candidate is a burst.
pub const BURST_PER_MINUTE: i64 = 30;

fn category_of(s: &str) -> Category {
    Category::parse(s).unwrap_or(Category::Market)
}

impl Db {
    /// Ballots per candidate per hour (Beijing time), voided ones left out.
    pub async fn hourly_votes(&self, round_id: i64) -> Result<Vec<HourlyVotes>, sqlx::Error> {
        on_db!(self, db => {
            let rows: Vec<(String, i64, String, i64)> = sqlx::query_as(&format!(
                "SELECT b.category, c.candidate_id, {} AS hour, COUNT(*) \
                 FROM ballots b JOIN ballot_choices c ON c.ballot_id = b.id \
                 WHERE b.round_id = $1 AND b.voided_at IS NULL GROUP BY 1, 2, 3 ORDER BY 3, 1, 2",
                DB::beijing_hour("b.created_at")
            ))
            .bind(round_id)
            .fetch_all(db.pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(category, candidate_id, hour, n)| HourlyVotes {
                    category: category_of(&category),
                    candidate_id,
                    hour,
                    ballots: n as u32,
                })
                .collect())
        })
    }

    /// Minutes in which one candidate got at least [`BURST_PER_MINUTE`] ballots.
    pub async fn bursts(&self, round_id: i64) -> Result<Vec<Burst>, sqlx::Error> {
        on_db!(self, db => {
            let rows: Vec<(String, i64, String, i64)> = sqlx::query_as(&format!(
                "SELECT b.category, c.candidate_id, {} AS minute, COUNT(*) AS n \
                 FROM ballots b JOIN ballot_choices c ON c.ballot_id = b.id \
                 WHERE b.round_id = $1 AND b.voided_at IS NULL GROUP BY 1, 2, 3 HAVING COUNT(*) >= $2 \
                 ORDER BY n DESC LIMIT 100",
                DB::beijing_minute("b.created_at")
            ))
            .bind(round_id)
            .bind(BURST_PER_MINUTE)
            .fetch_all(db.pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(category, candidate_id, minute, n)| Burst {
                    category: category_of(&category),
                    candidate_id,
                    minute,
                    ballots: n as u32,
                })
                .collect())
        })
    }

    /// Devices with three or more voters, and the networks with the most voters.
    pub async fn shared_sources(
        &self,
        round_id: i64,
    ) -> Result<(Vec<SharedSource>, Vec<SharedSource>), sqlx::Error> {
        on_db!(self, db => {
            let devices: Vec<(String, i64, i64)> = sqlx::query_as(
                "SELECT substr(device_hash, 1, 12), COUNT(DISTINCT voter_id) AS voters, COUNT(*) FROM ballots \
                 WHERE round_id = $1 AND device_hash IS NOT NULL GROUP BY device_hash HAVING COUNT(DISTINCT voter_id) >= 3 \
                 ORDER BY voters DESC LIMIT 50",
            )
            .bind(round_id)
            .fetch_all(db.pool)
            .await?;
            let networks: Vec<(String, i64, i64)> = sqlx::query_as(
                "SELECT network, COUNT(DISTINCT voter_id) AS voters, COUNT(*) FROM ballots \
                 WHERE round_id = $1 AND network IS NOT NULL GROUP BY network ORDER BY voters DESC LIMIT 20",
            )
            .bind(round_id)
            .fetch_all(db.pool)
            .await?;
            let to = |rows: Vec<(String, i64, i64)>| {
                rows.into_iter()
                    .map(|(source, voters, ballots)| SharedSource {
                        source,
                        voters: voters as u32,
                        ballots: ballots as u32,
                    })
                    .collect()
            };
            Ok((to(devices), to(networks)))
        })
    }

    /// Voided ballots of a round (of one category, when given).
    pub async fn voided_count(
        &self,
        round_id: i64,
        category: Option<Category>,
    ) -> Result<i64, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM ballots WHERE round_id = $1 AND voided_at IS NOT NULL AND ($2 IS NULL OR category = $3)",
            )
            .bind(round_id)
            .bind(category.map(Category::as_str))
            .bind(category.map(Category::as_str))
            .fetch_one(db.pool)
            .await
        })
    }

    /// The ballots cast from one device (hash prefix) or one network, for inspection.
    pub async fn ballots_from(
        &self,
        round_id: i64,
        source: &str,
    ) -> Result<Vec<InspectedBallot>, sqlx::Error> {
        on_db!(self, db => {
            let rows = sqlx::query(&format!(
                "SELECT b.id, b.category, b.voter_id, substr(b.device_hash, 1, 12) AS device, b.network, b.created_at, \
                 b.void_reason, {} AS choices FROM ballots b \
                 LEFT JOIN ballot_choices c ON c.ballot_id = b.id \
                 WHERE b.round_id = $1 AND (b.network = $2 OR (length($3) >= 8 AND b.device_hash LIKE $4 || '%')) \
                 GROUP BY b.id ORDER BY b.id LIMIT 500",
                DB::comma_list("c.candidate_id")
            )
            )
            .bind(round_id)
            .bind(source)
            .bind(source)
            .bind(source)
            .fetch_all(db.pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|r| InspectedBallot {
                    id: r.get("id"),
                    category: category_of(&r.get::<String, _>("category")),
                    voter_id: r.get("voter_id"),
                    candidate_ids: parse_ids(r.get::<Option<String>, _>("choices")),
                    device: r.get("device"),
                    network: r.get("network"),
                    cast_at: r.get("created_at"),
                    void_reason: r.get("void_reason"),
                })
                .collect())
        })
    }

    /// Voids a ballot: marked (never deleted), its votes taken off the tallies, and the
    /// reason in the audit log — all in one transaction.
    pub async fn void_ballot(
        &self,
        round_id: i64,
        ballot_id: i64,
        reason: &str,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<(), VoidError> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let voided: Option<String> = sqlx::query_scalar(
                "UPDATE ballots SET voided_at = $1, void_reason = $2, voided_by = $3 \
                 WHERE id = $4 AND round_id = $5 AND voided_at IS NULL RETURNING receipt",
            )
            .bind(now)
            .bind(reason)
            .bind(by)
            .bind(ballot_id)
            .bind(round_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(receipt) = voided else {
                let exists: bool = sqlx::query_scalar(
                    "SELECT EXISTS (SELECT 1 FROM ballots WHERE id = $1 AND round_id = $2)",
                )
                .bind(ballot_id)
                .bind(round_id)
                .fetch_one(&mut *tx)
                .await?;
                return Err(if exists {
                    VoidError::AlreadyVoided
                } else {
                    VoidError::NotFound
                });
            };
            sqlx::query(
                "UPDATE tallies SET votes = votes - 1 WHERE candidate_id IN \
                 (SELECT candidate_id FROM ballot_choices WHERE ballot_id = $1)",
            )
            .bind(ballot_id)
            .execute(&mut *tx)
            .await?;
            audit::record(
                &mut tx,
                now,
                Entry {
                    account_id: Some(by),
                    action: "ballot.void",
                    target: format!("round:{round_id}/ballot:{ballot_id}"),
                    detail: format!("receipt {receipt}: {reason}"),
                },
            )
            .await?;
            tx.commit().await?;
            Ok(())
        })
    }
}

pub(super) fn parse_ids(list: Option<String>) -> Vec<i64> {
    let mut ids: Vec<i64> = list
        .unwrap_or_default()
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    ids.sort_unstable();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_grow_and_stop_growing() {
        assert_eq!(lock_duration(0), Duration::minutes(15));
        assert_eq!(lock_duration(1), Duration::minutes(30));
        assert_eq!(lock_duration(5), Duration::minutes(480));
        assert_eq!(lock_duration(40), Duration::minutes(480));
    }

    #[test]
    fn choice_lists_read_back_sorted() {
        assert_eq!(parse_ids(Some("9,3,12".into())), vec![3, 9, 12]);
        assert_eq!(parse_ids(None), Vec::<i64>::new());
    }
}
