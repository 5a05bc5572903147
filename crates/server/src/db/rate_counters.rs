//! Fixed-window event counters for the rate limits every server process shares
//! (`rate_limit::SharedLimiter`): one row per key and window.

use super::Db;
use super::{on_conn, on_db};

/// One key of a rate check: its counter (key and window) and the most events the window
/// allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateCharge {
    pub key: String,
    /// The window's start, Unix seconds.
    pub window_start: i64,
    pub limit: i64,
}

/// Counts one event for each of `charges` in turn, in the caller's transaction, and stops
/// at the first key that is over its limit (that key is charged, the keys after it are
/// not: a device refused behind a carrier NAT must not use up the address's budget for
/// everyone else). True when no key was over.
///
/// Each count is one atomic upsert on its own row, so concurrent checks in any process
/// each get their own number and none needs the write lock of [`super::On::begin_write`]:
/// on PostgreSQL the row lock the upsert takes holds off another check of the same key
/// until this transaction ends, and every check charges its keys in the same order (the
/// device before the address, the address before the user name), so two cannot wait on
/// each other.
pub(crate) async fn charge(
    conn: impl Into<super::Conn<'_>>,
    charges: &[RateCharge],
) -> Result<bool, sqlx::Error> {
    on_conn!(conn => {
        for c in charges {
            let count: i64 = sqlx::query_scalar(
                "INSERT INTO rate_counters (key, window_start, count) VALUES ($1, $2, 1) \
                 ON CONFLICT (key, window_start) DO UPDATE SET count = rate_counters.count + 1 \
                 RETURNING count",
            )
            .bind(&c.key)
            .bind(c.window_start)
            .fetch_one(&mut *conn)
            .await?;
            if count > c.limit {
                return Ok(false);
            }
        }
        Ok(true)
    })
}

impl Db {
    /// One rate check ([`charge`]) as one transaction: one commit however many keys it
    /// counts. True when no key was over its limit.
    pub async fn count_rate_events(&self, charges: &[RateCharge]) -> Result<bool, sqlx::Error> {
        if charges.is_empty() {
            return Ok(true);
        }
        on_db!(self, db => {
            let mut tx = db.begin_row_writes().await?;
            let passed = charge(&mut tx, charges).await?;
            tx.commit().await?;
            Ok(passed)
        })
    }

    /// The events counted so far for `key` in the window starting at `window_start`.
    pub async fn rate_count(&self, key: &str, window_start: i64) -> Result<i64, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_scalar::<_, i64>(
                "SELECT count FROM rate_counters WHERE key = $1 AND window_start = $2",
            )
            .bind(key)
            .bind(window_start)
            .fetch_optional(db.pool)
            .await
            .map(Option::unwrap_or_default)
        })
    }

    /// Forgets every window of `key` (a successful sign-in clears its user's failures).
    pub async fn forget_rate_key(&self, key: &str) -> Result<(), sqlx::Error> {
        on_db!(self, db => {
            sqlx::query("DELETE FROM rate_counters WHERE key = $1")
                .bind(key)
                .execute(db.pool)
                .await
                .map(|_| ())
        })
    }

    /// Removes the windows that started before `before` (Unix seconds); returns how many.
    pub async fn prune_rate_counters(&self, before: i64) -> Result<u64, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query("DELETE FROM rate_counters WHERE window_start < $1")
                .bind(before)
                .execute(db.pool)
                .await
                .map(|r| r.rows_affected())
        })
    }
}
