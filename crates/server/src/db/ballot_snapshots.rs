//! The ballot box's daily snapshots: digests of the stored ballots, and the chain.

use super::on_db;
use super::voting::parse_ids;
use super::Db;
use super::Dialect;
use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use pingxuan_domain::ballot_snapshot::{ballot_line, BallotSnapshot, CategoryDigest};
use pingxuan_domain::Category;
use sha2::{Digest, Sha256};
use sqlx::Row;

const SELECT: &str =
    "SELECT seq, taken_at, last, categories, previous, chain FROM ballot_snapshots";

fn snapshot<R: Row>(row: R) -> Result<BallotSnapshot, sqlx::Error>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    String: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    i64: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    bool: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    DateTime<Utc>: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<String>: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let categories: String = row.try_get("categories")?;
    Ok(BallotSnapshot {
        seq: u32::try_from(row.try_get::<i64, _>("seq")?)
            .map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
        taken_at: row.try_get("taken_at")?,
        last: row.try_get("last")?,
        categories: serde_json::from_str(&categories)
            .map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
        previous: row.try_get("previous")?,
        chain: row.try_get("chain")?,
    })
}

impl Db {
    /// Every category's ballots as they stand, counted and hashed in the order they were
    /// stored (the public list's order), all read from one snapshot of the database.
    pub async fn ballot_digests(&self, round_id: i64) -> Result<Vec<CategoryDigest>, sqlx::Error> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let mut out = Vec::with_capacity(Category::ALL.len());
            for category in Category::ALL {
                let sql = format!(
                    "SELECT b.receipt, {} AS choices \
                     FROM ballots b LEFT JOIN ballot_choices c ON c.ballot_id = b.id \
                     WHERE b.round_id = $1 AND b.category = $2 GROUP BY b.id ORDER BY b.id",
                    DB::comma_list("c.candidate_id")
                );
                let mut rows = sqlx::query(&sql)
                .bind(round_id)
                .bind(category.as_str())
                .fetch(&mut *tx);
                let mut hasher = Sha256::new();
                let mut count = 0u64;
                while let Some(row) = rows.try_next().await? {
                    let receipt: String = row.try_get("receipt")?;
                    let ids = parse_ids(row.try_get("choices")?);
                    hasher.update(ballot_line(&receipt, &ids).as_bytes());
                    count += 1;
                }
                out.push(CategoryDigest {
                    category,
                    count,
                    sha256: hex::encode(hasher.finalize()),
                });
            }
            tx.commit().await?;
            Ok(out)
        })
    }

    pub async fn last_ballot_snapshot(
        &self,
        round_id: i64,
    ) -> Result<Option<BallotSnapshot>, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query(&format!(
                "{SELECT} WHERE round_id = $1 ORDER BY seq DESC LIMIT 1"
            ))
            .bind(round_id)
            .try_map(snapshot)
            .fetch_optional(db.pool)
            .await
        })
    }

    pub async fn ballot_snapshots(
        &self,
        round_id: i64,
    ) -> Result<Vec<BallotSnapshot>, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query(&format!("{SELECT} WHERE round_id = $1 ORDER BY seq"))
                .bind(round_id)
                .try_map(snapshot)
                .fetch_all(db.pool)
                .await
        })
    }

    /// Stores a snapshot; false when one with its number exists (another server, or an
    /// earlier tick, took it first).
    pub async fn insert_ballot_snapshot(
        &self,
        round_id: i64,
        s: &BallotSnapshot,
    ) -> Result<bool, sqlx::Error> {
        on_db!(self, db => {
            let categories = serde_json::to_string(&s.categories).expect("digests serialise");
            let done = sqlx::query(
                "INSERT INTO ballot_snapshots (round_id, seq, taken_at, last, categories, previous, chain) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (round_id, seq) DO NOTHING",
            )
            .bind(round_id)
            .bind(i64::from(s.seq))
            .bind(s.taken_at)
            .bind(s.last)
            .bind(categories)
            .bind(&s.previous)
            .bind(&s.chain)
            .execute(db.pool)
            .await?
            .rows_affected();
            Ok(done == 1)
        })
    }
}
