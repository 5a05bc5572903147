//! Staff accounts.

use super::audit::{self, Entry};
use super::on_db;
use super::{Db, WriteError};
use chrono::{DateTime, Utc};
use pingxuan_domain::api::{NewStaff, StaffAccount, StaffChanges};
use pingxuan_domain::Role;

#[derive(sqlx::FromRow)]
pub(crate) struct Row {
    id: i64,
    username: String,
    display_name: String,
    role: String,
    category: Option<String>,
    town: Option<String>,
    active: bool,
    created_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, username, display_name, role, category, town, active, created_at";
/// The same columns of the table aliased `a`, for joins.
pub(crate) const A_COLUMNS: &str =
    "a.id, a.username, a.display_name, a.role, a.category, a.town, a.active, a.created_at";

impl Row {
    pub(crate) fn into_account(self) -> Result<StaffAccount, sqlx::Error> {
        let role = Role::from_stored(&self.role, self.category.as_deref(), self.town.as_deref())
            .ok_or_else(|| {
                sqlx::Error::Decode(
                    format!(
                        "bad role {:?}/{:?} for account {}",
                        self.role, self.category, self.id
                    )
                    .into(),
                )
            })?;
        Ok(StaffAccount {
            id: self.id,
            username: self.username,
            display_name: self.display_name,
            role,
            active: self.active,
            created_at: self.created_at,
        })
    }
}

impl Db {
    /// Creates an account; `Duplicate` when the user name is taken.
    pub async fn insert_account(
        &self,
        new: &NewStaff,
        password_hash: &str,
        by: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<StaffAccount, WriteError> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let row: Row = sqlx::query_as(&format!(
                "INSERT INTO staff_accounts (username, display_name, role, category, town, password_hash, active, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7, $8) RETURNING {COLUMNS}"
            ))
            .bind(new.username.as_str())
            .bind(new.display_name.as_str())
            .bind(new.role.kind())
            .bind(new.role.category().map(|c| c.as_str()))
            .bind(new.role.town().map(|t| t.name()))
            .bind(password_hash)
            .bind(now)
            .bind(now)
            .fetch_one(&mut *tx)
            .await
            .map_err(WriteError::from_sqlx)?;
            let account = row.into_account()?;
            let entry = Entry {
                account_id: by,
                action: "account.create",
                target: format!("account:{}", account.id),
                detail: format!("{} as {}", account.username, account.role.kind()),
            };
            audit::record(&mut tx, now, entry).await?;
            tx.commit().await?;
            Ok(account)
        })
    }

    /// The account and its password hash, for login.
    pub async fn account_for_login(
        &self,
        username: &str,
    ) -> Result<Option<(StaffAccount, String)>, sqlx::Error> {
        on_db!(self, db => {
            #[derive(sqlx::FromRow)]
            struct WithHash {
                #[sqlx(flatten)]
                row: Row,
                password_hash: String,
            }
            let found: Option<WithHash> = sqlx::query_as(&format!(
                "SELECT {COLUMNS}, password_hash FROM staff_accounts WHERE username = $1"
            ))
            .bind(username)
            .fetch_optional(db.pool)
            .await?;
            found
                .map(|w| Ok((w.row.into_account()?, w.password_hash)))
                .transpose()
        })
    }

    pub async fn account(&self, id: i64) -> Result<Option<StaffAccount>, sqlx::Error> {
        on_db!(self, db => {
            let row: Option<Row> = sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM staff_accounts WHERE id = $1"
            ))
            .bind(id)
            .fetch_optional(db.pool)
            .await?;
            row.map(Row::into_account).transpose()
        })
    }

    /// All accounts, admins first, then by name.
    pub async fn accounts(&self) -> Result<Vec<StaffAccount>, sqlx::Error> {
        on_db!(self, db => {
            let rows: Vec<Row> = sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM staff_accounts ORDER BY role = 'admin' DESC, username"
            ))
            .fetch_all(db.pool)
            .await?;
            rows.into_iter().map(Row::into_account).collect()
        })
    }

    /// How many active admins there are, besides `except`.
    pub async fn other_active_admins(&self, except: i64) -> Result<i64, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM staff_accounts WHERE role = 'admin' AND active AND id <> $1",
            )
            .bind(except)
            .fetch_one(db.pool)
            .await
        })
    }

    /// Applies `changes`; a new password or deactivation also ends the account's sessions.
    pub async fn update_account(
        &self,
        id: i64,
        changes: &StaffChanges,
        password_hash: Option<&str>,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<StaffAccount>, sqlx::Error> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let row: Option<Row> = sqlx::query_as(&format!(
                "UPDATE staff_accounts SET \
                   display_name = COALESCE($1, display_name), \
                   role = COALESCE($2, role), \
                   category = CASE WHEN $3 THEN $4 ELSE category END, \
                   town = CASE WHEN $5 THEN $6 ELSE town END, \
                   active = COALESCE($7, active), \
                   password_hash = COALESCE($8, password_hash), \
                   updated_at = $9 \
                 WHERE id = $10 RETURNING {COLUMNS}"
            ))
            .bind(changes.display_name.as_ref().map(|d| d.as_str()))
            .bind(changes.role.map(|r| r.kind()))
            .bind(changes.role.is_some())
            .bind(changes.role.and_then(|r| r.category()).map(|c| c.as_str()))
            .bind(changes.role.is_some())
            .bind(changes.role.and_then(|r| r.town()).map(|t| t.name()))
            .bind(changes.active)
            .bind(password_hash)
            .bind(now)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(row) = row else { return Ok(None) };
            let account = row.into_account()?;
            if password_hash.is_some() || changes.active == Some(false) {
                sqlx::query("DELETE FROM sessions WHERE account_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            let mut what = Vec::new();
            if changes.display_name.is_some() {
                what.push("display_name".to_string());
            }
            if let Some(r) = changes.role {
                what.push(format!("role={}", r.kind()));
            }
            if let Some(a) = changes.active {
                what.push(format!("active={a}"));
            }
            if password_hash.is_some() {
                what.push("password".to_string());
            }
            let entry = Entry {
                account_id: Some(by),
                action: "account.update",
                target: format!("account:{id}"),
                detail: what.join(", "),
            };
            audit::record(&mut tx, now, entry).await?;
            tx.commit().await?;
            Ok(Some(account))
        })
    }
}
