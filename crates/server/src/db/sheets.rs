//! Score sheet versions (`sheet_versions`) and the versions each round pins
//! (`round_sheets`). Approved versions are frozen by a trigger; pins lock by trigger once
//! field scoring runs.

use super::audit::{self, Entry};
use super::Db;
use super::{on_conn, on_db};
use chrono::{DateTime, Utc};
use pingxuan_domain::score_sheet::{SheetContent, SheetStatus, SheetVersion};
use pingxuan_domain::Category;

/// Why a sheet change was refused.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("no such sheet version")]
    NotFound,
    /// The category already has a draft (one at a time).
    #[error("the category already has a draft")]
    DraftExists,
    /// Approved versions never change.
    #[error("the version is approved")]
    Approved,
    /// Pins cannot change once field scoring runs.
    #[error("the round's sheets are locked")]
    Locked,
    /// Only an approved version of the same category can be pinned.
    #[error("not an approved version of the category")]
    NotPinnable,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    category: String,
    version: i64,
    status: String,
    content: String,
    edited_by: Option<String>,
    updated_at: DateTime<Utc>,
    approved_by: Option<String>,
    approved_at: Option<DateTime<Utc>>,
}

/// The version columns with the editor's and approver's names (`s` is the version).
const SELECT: &str = "SELECT s.id, s.category, s.version, s.status, s.content, e.display_name AS edited_by, \
    s.updated_at, a.display_name AS approved_by, s.approved_at FROM sheet_versions s \
    LEFT JOIN staff_accounts e ON e.id = s.edited_by LEFT JOIN staff_accounts a ON a.id = s.approved_by";

impl Row {
    fn into_version(self) -> Result<SheetVersion, sqlx::Error> {
        let bad = |what: &str| sqlx::Error::Decode(format!("sheet {}: bad {what}", self.id).into());
        Ok(SheetVersion {
            id: self.id,
            category: Category::parse(&self.category).ok_or_else(|| bad("category"))?,
            version: u32::try_from(self.version).map_err(|_| bad("version"))?,
            status: SheetStatus::parse(&self.status).ok_or_else(|| bad("status"))?,
            content: serde_json::from_str(&self.content).map_err(|_| bad("content"))?,
            edited_by: self.edited_by.unwrap_or_else(|| "系统".to_owned()),
            updated_at: self.updated_at,
            approved_by: self
                .approved_at
                .map(|_| self.approved_by.unwrap_or_else(|| "系统".to_owned())),
            approved_at: self.approved_at,
        })
    }
}

fn content_json(c: &SheetContent) -> String {
    serde_json::to_string(c).expect("SheetContent serialises")
}

/// One version, inside a transaction.
pub(crate) async fn get(
    conn: impl Into<super::Conn<'_>>,
    id: i64,
) -> Result<Option<SheetVersion>, sqlx::Error> {
    on_conn!(conn => {
        let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE s.id = $1"))
            .bind(id)
            .fetch_optional(conn)
            .await?;
        row.map(Row::into_version).transpose()
    })
}

/// The versions a round pinned, by category (inside a transaction).
pub(crate) async fn pinned(
    conn: impl Into<super::Conn<'_>>,
    round_id: i64,
) -> Result<Vec<SheetVersion>, sqlx::Error> {
    on_conn!(conn => {
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "{SELECT} JOIN round_sheets r ON r.sheet_id = s.id WHERE r.round_id = $1 ORDER BY s.category"
        ))
        .bind(round_id)
        .fetch_all(conn)
        .await?;
        rows.into_iter().map(Row::into_version).collect()
    })
}

/// After a conditional update of a draft (the write first, so the transaction holds the
/// write lock from its start): nothing changed means no such version, or an approved
/// one; otherwise audit the change and answer the version as it now is.
async fn finish_draft_change(
    tx: impl Into<super::Tx>,
    id: i64,
    changed: u64,
    by: i64,
    action: &str,
    now: DateTime<Utc>,
) -> Result<SheetVersion, SheetError> {
    let mut tx: super::Tx = tx.into();
    let version = get(&mut tx, id).await?.ok_or(SheetError::NotFound)?;
    if changed == 0 {
        return Err(SheetError::Approved);
    }
    let entry = Entry {
        account_id: Some(by),
        action,
        target: format!("sheet:{id}"),
        detail: format!("{} v{}", version.category.as_str(), version.version),
    };
    audit::record(&mut tx, now, entry).await?;
    tx.commit().await?;
    Ok(version)
}

fn is_trigger_abort(e: &sqlx::Error, text: &str) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.message().contains(text))
}

impl Db {
    /// A category's versions, newest first.
    pub async fn sheet_versions(
        &self,
        category: Category,
    ) -> Result<Vec<SheetVersion>, sqlx::Error> {
        on_db!(self, db => {
            let rows: Vec<Row> = sqlx::query_as(&format!(
                "{SELECT} WHERE s.category = $1 ORDER BY s.version DESC"
            ))
            .bind(category.as_str())
            .fetch_all(db.pool)
            .await?;
            rows.into_iter().map(Row::into_version).collect()
        })
    }

    pub async fn sheet_version(&self, id: i64) -> Result<Option<SheetVersion>, sqlx::Error> {
        on_db!(self, db => {
            get(&mut *db.pool.acquire().await?, id).await
        })
    }

    /// Starts the category's next version as a draft (`approved` for the demo seed).
    pub async fn insert_sheet_version(
        &self,
        category: Category,
        content: &SheetContent,
        status: SheetStatus,
        by: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<SheetVersion, SheetError> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let approved = status == SheetStatus::Approved;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO sheet_versions (category, version, status, content, edited_by, created_at, updated_at, approved_by, approved_at) \
                 VALUES ($1, (SELECT COALESCE(MAX(version), 0) + 1 FROM sheet_versions WHERE category = $2), $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(category.as_str())
            .bind(category.as_str())
            .bind(status.as_str())
            .bind(content_json(content))
            .bind(by)
            .bind(now)
            .bind(now)
            .bind(if approved { by } else { None })
            .bind(approved.then_some(now))
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| match &e {
                sqlx::Error::Database(d) if d.is_unique_violation() => SheetError::DraftExists,
                _ => SheetError::Db(e),
            })?;
            let version = get(&mut tx, id).await?.ok_or(SheetError::NotFound)?;
            let entry = Entry {
                account_id: by,
                action: "sheet.create",
                target: format!("sheet:{id}"),
                detail: format!(
                    "{} v{} {}",
                    category.as_str(),
                    version.version,
                    status.as_str()
                ),
            };
            audit::record(&mut tx, now, entry).await?;
            tx.commit().await?;
            Ok(version)
        })
    }

    /// Replaces a draft's content. `Approved` for an approved version.
    pub async fn update_sheet_draft(
        &self,
        id: i64,
        content: &SheetContent,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<SheetVersion, SheetError> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let changed = sqlx::query(
                "UPDATE sheet_versions SET content = $1, edited_by = $2, updated_at = $3 WHERE id = $4 AND status = 'draft'",
            )
            .bind(content_json(content))
            .bind(by)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            finish_draft_change(tx, id, changed, by, "sheet.edit", now).await
        })
    }

    /// Approves a draft: from now on it never changes.
    pub async fn approve_sheet(
        &self,
        id: i64,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<SheetVersion, SheetError> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let changed = sqlx::query(
                "UPDATE sheet_versions SET status = 'approved', approved_by = $1, approved_at = $2 WHERE id = $3 AND status = 'draft'",
            )
            .bind(by)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            finish_draft_change(tx, id, changed, by, "sheet.approve", now).await
        })
    }

    /// The versions a round pinned.
    pub async fn round_sheets(&self, round_id: i64) -> Result<Vec<SheetVersion>, sqlx::Error> {
        on_db!(self, db => {
            pinned(&mut *db.pool.acquire().await?, round_id).await
        })
    }

    /// Pins `sheet_id` for the round's category (replacing an earlier pin). The database
    /// refuses a version that is not approved or of another category, and any change
    /// once field scoring runs (a first pin still goes in during field scoring).
    pub async fn pin_sheet(
        &self,
        round_id: i64,
        category: Category,
        sheet_id: i64,
        by: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<Vec<SheetVersion>, SheetError> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            sqlx::query(
                "INSERT INTO round_sheets (round_id, category, sheet_id, pinned_by, pinned_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (round_id, category) DO UPDATE SET sheet_id = excluded.sheet_id, \
                 pinned_by = excluded.pinned_by, pinned_at = excluded.pinned_at",
            )
            .bind(round_id)
            .bind(category.as_str())
            .bind(sheet_id)
            .bind(by)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(|e| {
                if is_trigger_abort(&e, "locked") {
                    SheetError::Locked
                } else if is_trigger_abort(&e, "approved version") {
                    SheetError::NotPinnable
                } else {
                    SheetError::Db(e)
                }
            })?;
            let entry = Entry {
                account_id: by,
                action: "sheet.pin",
                target: format!("round:{round_id}/{}", category.as_str()),
                detail: format!("sheet {sheet_id}"),
            };
            audit::record(&mut tx, now, entry).await?;
            let list = pinned(&mut tx, round_id).await?;
            tx.commit().await?;
            Ok(list)
        })
    }

    /// Whether any version exists (the demo seed writes its sheets only into none).
    pub async fn has_sheet_versions(&self) -> Result<bool, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM sheet_versions)")
                .fetch_one(db.pool)
                .await
        })
    }
}
