//! The audit log: who changed what, written in the same transaction as the change.

use super::{on_conn, on_db};
use chrono::{DateTime, Utc};

/// One entry to record.
pub struct Entry<'a> {
    pub account_id: Option<i64>,
    pub action: &'a str,
    pub target: String,
    pub detail: String,
}

pub(crate) async fn record(
    conn: impl Into<super::Conn<'_>>,
    at: DateTime<Utc>,
    e: Entry<'_>,
) -> Result<(), sqlx::Error> {
    on_conn!(conn => {
        sqlx::query(
            "INSERT INTO audit_log (at, account_id, action, target, detail) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(at)
        .bind(e.account_id)
        .bind(e.action)
        .bind(e.target)
        .bind(e.detail)
        .execute(conn)
        .await
        .map(|_| ())
    })
}

impl super::Db {
    /// How many audit entries carry `action` (for tests and the dashboard).
    pub async fn audit_count(&self, action: &str) -> Result<i64, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
                .bind(action)
                .fetch_one(db.pool)
                .await
        })
    }
}
