//! Staff sessions, stored by the SHA-256 of their cookie token.

use super::on_db;
use super::{accounts, Db};
use chrono::{DateTime, Utc};
use pingxuan_domain::api::StaffAccount;

impl Db {
    /// Stores a new session; `replaces` (the caller's previous token, if any) is removed in
    /// the same transaction, so a login always renews the session id.
    pub async fn create_session(
        &self,
        token_hash: &str,
        account_id: i64,
        csrf_token: &str,
        replaces: Option<&str>,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            if let Some(old) = replaces {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(old)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                .bind(now)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(token_hash)
                .bind(account_id)
                .bind(csrf_token)
                .bind(now)
                .bind(expires_at)
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        })
    }

    /// The live session's active account and CSRF token.
    pub async fn session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(StaffAccount, String)>, sqlx::Error> {
        on_db!(self, db => {
            #[derive(sqlx::FromRow)]
            struct Found {
                #[sqlx(flatten)]
                account: accounts::Row,
                csrf_token: String,
            }
            // One query on every staff request: the session and its account together.
            let found: Option<Found> = sqlx::query_as(&format!(
                "SELECT {}, s.csrf_token FROM sessions s JOIN staff_accounts a ON a.id = s.account_id \
                 WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.active",
                accounts::A_COLUMNS
            ))
            .bind(token_hash)
            .bind(now)
            .fetch_optional(db.pool)
            .await?;
            found
                .map(|f| Ok((f.account.into_account()?, f.csrf_token)))
                .transpose()
        })
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), sqlx::Error> {
        on_db!(self, db => {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(token_hash)
                .execute(db.pool)
                .await
                .map(|_| ())
        })
    }
}
