//! Fixed-window event counters for the rate limits every server process shares
//! (`rate_limit::SharedLimiter`): one row per key and window.

use super::on_db;
use super::Db;

impl Db {
    /// Counts one more event for `key` in the window starting at `window_start` (Unix
    /// seconds) and returns the window's count so far, this one included. One statement,
    /// atomic on both backends, outside any write transaction: concurrent callers in any
    /// process each get their own number.
    pub async fn count_rate_event(&self, key: &str, window_start: i64) -> Result<i64, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_scalar(
                "INSERT INTO rate_counters (key, window_start, count) VALUES ($1, $2, 1) \
                 ON CONFLICT (key, window_start) DO UPDATE SET count = rate_counters.count + 1 \
                 RETURNING count",
            )
            .bind(key)
            .bind(window_start)
            .fetch_one(db.pool)
            .await
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
