//! Synced sheets (`field_sheets`) and the conflicting bodies kept for the office
//! (`field_sheet_conflicts`); the reads behind the inspector's bundle and the office's
//! consistency view.

use super::audit::{self, Entry};
use super::nominations::photo_view;
use super::{on_conn, on_db};
use super::{places, Db};
use chrono::{DateTime, Utc};
use pingxuan_domain::field::{
    ConflictKeep, FieldCandidate, SheetConflict, SheetReceipt, SheetSubmission,
};
use pingxuan_domain::geo::GeoPoint;
use pingxuan_domain::nomination::PhotoView;
use pingxuan_domain::Category;
use std::collections::{BTreeMap, HashMap};

/// A checked sheet ready to store.
pub struct NewFieldSheet<'a> {
    pub client_id: &'a str,
    pub round_id: i64,
    pub candidate_id: i64,
    pub sub_group_id: i64,
    pub account_id: i64,
    pub sheet_id: i64,
    /// The canonical JSON of the submission and its hash.
    pub body: &'a str,
    pub body_hash: &'a str,
    pub total: u32,
    pub filled_at: DateTime<Utc>,
    pub replaces: Option<&'a str>,
}

/// What became of a sheet sent to the server.
#[derive(Debug)]
pub enum Stored {
    /// Stored now.
    New(SheetReceipt),
    /// The same body was already stored: its receipt.
    Again(SheetReceipt),
    /// A different body holds the id; this one was kept in the conflicts table.
    Conflict,
}

/// Why a sheet was refused by the database.
#[derive(Debug, thiserror::Error)]
pub enum FieldSheetError {
    /// Another sheet already corrects the one this one `replaces`.
    #[error("already replaced")]
    AlreadyReplaced,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The stored sheet an existing client id names.
#[derive(Debug, sqlx::FromRow)]
pub struct Existing {
    pub round_id: i64,
    pub candidate_id: i64,
    pub sub_group_id: i64,
    pub body_hash: String,
}

#[derive(sqlx::FromRow)]
struct ReceiptRow {
    id: i64,
    client_id: String,
    candidate_id: i64,
    total: i64,
    replaces: Option<String>,
    received_at: DateTime<Utc>,
}

impl From<ReceiptRow> for SheetReceipt {
    fn from(r: ReceiptRow) -> SheetReceipt {
        SheetReceipt {
            client_id: r.client_id,
            sheet_id: r.id,
            candidate_id: r.candidate_id,
            total: r.total.clamp(0, 100) as u32,
            replaces: r.replaces,
            received_at: r.received_at,
        }
    }
}

const RECEIPT: &str =
    "SELECT id, client_id, candidate_id, total, replaces, received_at FROM field_sheets";

/// A stored sheet with what the office's view needs about who sent it.
#[derive(sqlx::FromRow)]
pub struct SheetRow {
    pub id: i64,
    pub client_id: String,
    pub candidate_id: i64,
    pub sub_group_id: i64,
    pub sub_group_name: String,
    pub work_group_name: String,
    pub submitted_by: String,
    pub sheet_id: i64,
    pub body: String,
    pub total: i64,
    pub received_at: DateTime<Utc>,
    pub replaced_by: Option<String>,
}

/// Inserts a sheet unless its client id is taken (then `None`); a second correction of
/// the same sheet is [`FieldSheetError::AlreadyReplaced`].
async fn insert_sheet(
    tx: impl Into<super::Conn<'_>>,
    s: &NewFieldSheet<'_>,
    now: DateTime<Utc>,
) -> Result<Option<ReceiptRow>, FieldSheetError> {
    on_conn!(tx => {
        sqlx::query_as(
            "INSERT INTO field_sheets (client_id, round_id, candidate_id, sub_group_id, account_id, sheet_id, body, body_hash, total, filled_at, received_at, replaces) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (client_id) DO NOTHING \
             RETURNING id, client_id, candidate_id, total, replaces, received_at",
        )
        .bind(s.client_id)
        .bind(s.round_id)
        .bind(s.candidate_id)
        .bind(s.sub_group_id)
        .bind(s.account_id)
        .bind(s.sheet_id)
        .bind(s.body)
        .bind(s.body_hash)
        .bind(i64::from(s.total))
        .bind(s.filled_at)
        .bind(now)
        .bind(s.replaces)
        .fetch_optional(tx)
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => FieldSheetError::AlreadyReplaced,
            _ => FieldSheetError::Db(e),
        })
    })
}

impl Db {
    /// The sheet stored under `client_id`, if any.
    pub async fn field_sheet_by_client(
        &self,
        client_id: &str,
    ) -> Result<Option<Existing>, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_as(
                "SELECT round_id, candidate_id, sub_group_id, body_hash FROM field_sheets WHERE client_id = $1",
            )
            .bind(client_id)
            .fetch_optional(db.pool)
            .await
        })
    }

    /// The receipt of the sheet stored under `client_id`.
    pub async fn field_receipt(
        &self,
        client_id: &str,
    ) -> Result<Option<SheetReceipt>, sqlx::Error> {
        on_db!(self, db => {
            let row: Option<ReceiptRow> = sqlx::query_as(&format!("{RECEIPT} WHERE client_id = $1"))
                .bind(client_id)
                .fetch_optional(db.pool)
                .await?;
            Ok(row.map(Into::into))
        })
    }

    /// Stores a sheet once. A second identical body gets the first's receipt; a different
    /// body under the same id is kept in the conflicts table and stored nowhere else. The
    /// UNIQUE client id decides between concurrent senders; the audit entry is written in
    /// the same transaction.
    pub async fn store_field_sheet(
        &self,
        s: &NewFieldSheet<'_>,
        now: DateTime<Utc>,
    ) -> Result<Stored, FieldSheetError> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let inserted = insert_sheet(&mut tx, s, now).await?;
            if let Some(row) = inserted {
                let entry = Entry {
                    account_id: Some(s.account_id),
                    action: "field.sheet",
                    target: format!("candidate:{}", s.candidate_id),
                    detail: format!(
                        "{} total {}{}",
                        s.client_id,
                        s.total,
                        s.replaces
                            .map(|r| format!(" replaces {r}"))
                            .unwrap_or_default()
                    ),
                };
                audit::record(&mut tx, now, entry).await?;
                tx.commit().await?;
                return Ok(Stored::New(row.into()));
            }
            // The id is taken (perhaps a moment ago by a concurrent copy of this request).
            let hash: String =
                sqlx::query_scalar("SELECT body_hash FROM field_sheets WHERE client_id = $1")
                    .bind(s.client_id)
                    .fetch_one(&mut *tx)
                    .await?;
            if hash == s.body_hash {
                let row: ReceiptRow = sqlx::query_as(&format!("{RECEIPT} WHERE client_id = $1"))
                    .bind(s.client_id)
                    .fetch_one(&mut *tx)
                    .await?;
                tx.commit().await?;
                return Ok(Stored::Again(row.into()));
            }
            tx.rollback().await?;
            self.keep_conflict(
                s.client_id,
                s.round_id,
                s.account_id,
                s.body,
                s.body_hash,
                now,
            )
            .await?;
            Ok(Stored::Conflict)
        })
    }

    /// Keeps a body that conflicts with the stored sheet under `client_id` (once per body).
    pub async fn keep_conflict(
        &self,
        client_id: &str,
        round_id: i64,
        account_id: i64,
        body: &str,
        body_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let added = sqlx::query(
                "INSERT INTO field_sheet_conflicts (client_id, round_id, account_id, body, body_hash, received_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (client_id, body_hash) DO NOTHING",
            )
            .bind(client_id)
            .bind(round_id)
            .bind(account_id)
            .bind(body)
            .bind(body_hash)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if added > 0 {
                let entry = Entry {
                    account_id: Some(account_id),
                    action: "field.sheet_conflict",
                    target: format!("round:{round_id}"),
                    detail: client_id.to_owned(),
                };
                audit::record(&mut tx, now, entry).await?;
            }
            tx.commit().await
        })
    }

    /// Receipts of every sheet a sub-group's members synced, oldest first.
    pub async fn sub_group_receipts(
        &self,
        sub_group_id: i64,
    ) -> Result<Vec<SheetReceipt>, sqlx::Error> {
        on_db!(self, db => {
            let rows: Vec<ReceiptRow> =
                sqlx::query_as(&format!("{RECEIPT} WHERE sub_group_id = $1 ORDER BY id"))
                    .bind(sub_group_id)
                    .fetch_all(db.pool)
                    .await?;
            Ok(rows.into_iter().map(Into::into).collect())
        })
    }

    /// The category of `candidate_id` when it is assigned to `sub_group_id`.
    pub async fn assigned_category(
        &self,
        sub_group_id: i64,
        candidate_id: i64,
    ) -> Result<Option<Category>, sqlx::Error> {
        on_db!(self, db => {
            let c: Option<String> = sqlx::query_scalar(
                "SELECT c.category FROM assignments a JOIN candidates c ON c.id = a.candidate_id \
                 WHERE a.sub_group_id = $1 AND a.candidate_id = $2",
            )
            .bind(sub_group_id)
            .bind(candidate_id)
            .fetch_optional(db.pool)
            .await?;
            Ok(c.as_deref().and_then(Category::parse))
        })
    }

    /// A sub-group's assigned candidates as the phone keeps them: place, town, position,
    /// cover and up to six residents' photos from the round's nominations.
    pub async fn field_candidates(
        &self,
        round_id: i64,
        sub_group_id: i64,
    ) -> Result<Vec<FieldCandidate>, sqlx::Error> {
        on_db!(self, db => {
            #[allow(clippy::type_complexity)]
            let rows: Vec<(i64, String, String, String, i64, Option<String>, Option<i64>, Option<i64>)> =
                sqlx::query_as(
                    "SELECT c.id, c.category, c.title, c.description, c.place_id, c.cover_photo_id, ph.width, ph.height \
                     FROM assignments a JOIN candidates c ON c.id = a.candidate_id LEFT JOIN photos ph ON ph.id = c.cover_photo_id \
                     WHERE a.sub_group_id = $1 ORDER BY a.position",
                )
                .bind(sub_group_id)
                .fetch_all(db.pool)
                .await?;
            let place_rows: Vec<places::Row> = sqlx::query_as(&format!(
                "SELECT {} FROM places WHERE id IN (SELECT c.place_id FROM assignments a \
                 JOIN candidates c ON c.id = a.candidate_id WHERE a.sub_group_id = $1)",
                places::COLUMNS
            ))
            .bind(sub_group_id)
            .fetch_all(db.pool)
            .await?;
            let mut places_by_id = HashMap::new();
            for row in place_rows {
                let p = row.into_place()?;
                places_by_id.insert(p.id, p);
            }
            #[allow(clippy::type_complexity)]
            let photos: Vec<(i64, String, i64, i64, Option<f64>, Option<f64>)> = sqlx::query_as(
                "SELECT n.place_id, ph.id, ph.width, ph.height, n.latitude, n.longitude FROM nominations n \
                 JOIN nomination_photos np ON np.nomination_id = n.id JOIN photos ph ON ph.id = np.photo_id \
                 WHERE n.round_id = $1 AND n.rejected_reason IS NULL AND n.place_id IN (SELECT c.place_id FROM assignments a \
                 JOIN candidates c ON c.id = a.candidate_id WHERE a.sub_group_id = $2) ORDER BY n.place_id, n.id DESC, np.position",
            )
            .bind(round_id)
            .bind(sub_group_id)
            .fetch_all(db.pool)
            .await?;
            // Per place: its photos, and the first position a nomination gave.
            let mut photos_of: BTreeMap<i64, (Vec<PhotoView>, Option<GeoPoint>)> = BTreeMap::new();
            for (place_id, id, w, h, lat, lng) in photos {
                let entry = photos_of.entry(place_id).or_default();
                if entry.0.len() < 6 {
                    entry.0.push(photo_view(id, w, h));
                }
                if let (None, Some(latitude), Some(longitude)) = (entry.1, lat, lng) {
                    entry.1 = Some(GeoPoint {
                        latitude,
                        longitude,
                    });
                }
            }
            let mut out = Vec::with_capacity(rows.len());
            for (id, category, title, description, place_id, cover, w, h) in rows {
                let place = places_by_id
                    .get(&place_id)
                    .ok_or_else(|| sqlx::Error::Decode(format!("candidate {id}: place").into()))?;
                let (photos, nominated_at) = photos_of.get(&place_id).cloned().unwrap_or_default();
                out.push(FieldCandidate {
                    id,
                    category: Category::parse(&category).ok_or_else(|| {
                        sqlx::Error::Decode(format!("candidate {id}: category").into())
                    })?,
                    title,
                    description,
                    place_id,
                    place_name: place.name.clone(),
                    town: place.town.clone(),
                    district: place.district,
                    position: place.position.or(nominated_at),
                    cover: cover.map(|c| photo_view(c, w.unwrap_or(0), h.unwrap_or(0))),
                    photos,
                });
            }
            Ok(out)
        })
    }

    /// The round's stored sheets of a category's candidates, oldest first, each with
    /// the client id of the sheet that replaces it (if one arrived).
    pub async fn category_sheets(
        &self,
        round_id: i64,
        category: Category,
    ) -> Result<Vec<SheetRow>, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_as(
                "SELECT f.id, f.client_id, f.candidate_id, f.sub_group_id, sg.name AS sub_group_name, wg.name AS work_group_name, \
                 a.display_name AS submitted_by, f.sheet_id, f.body, f.total, f.received_at, \
                 (SELECT r.client_id FROM field_sheets r WHERE r.replaces = f.client_id) AS replaced_by \
                 FROM field_sheets f JOIN candidates c ON c.id = f.candidate_id JOIN sub_groups sg ON sg.id = f.sub_group_id \
                 JOIN work_groups wg ON wg.id = sg.work_group_id JOIN staff_accounts a ON a.id = f.account_id \
                 WHERE f.round_id = $1 AND c.category = $2 ORDER BY f.id",
            )
            .bind(round_id)
            .bind(category.as_str())
            .fetch_all(db.pool)
            .await
        })
    }

    /// Conflicting bodies kept for the round's sheets of a category.
    pub async fn category_conflicts(
        &self,
        round_id: i64,
        category: Category,
    ) -> Result<Vec<SheetConflict>, sqlx::Error> {
        on_db!(self, db => {
            let rows: Vec<(i64, String, String, DateTime<Utc>, String)> = sqlx::query_as(
                "SELECT x.id, x.client_id, a.display_name, x.received_at, x.body FROM field_sheet_conflicts x \
                 JOIN field_sheets f ON f.client_id = x.client_id JOIN candidates c ON c.id = f.candidate_id \
                 JOIN staff_accounts a ON a.id = x.account_id WHERE x.round_id = $1 AND c.category = $2 AND x.resolved_at IS NULL ORDER BY x.id",
            )
            .bind(round_id)
            .bind(category.as_str())
            .fetch_all(db.pool)
            .await?;
            rows.into_iter()
                .map(|(id, client_id, submitted_by, received_at, body)| {
                    let body: SheetSubmission = serde_json::from_str(&body)
                        .map_err(|_| sqlx::Error::Decode(format!("conflict {id}: body").into()))?;
                    Ok(SheetConflict {
                        id,
                        client_id,
                        submitted_by,
                        received_at,
                        body,
                    })
                })
                .collect()
        })
    }

    /// Sub-groups each of the round's candidates of a category is assigned to.
    pub async fn category_assignments(
        &self,
        round_id: i64,
        category: Category,
    ) -> Result<HashMap<i64, Vec<i64>>, sqlx::Error> {
        on_db!(self, db => {
            let rows: Vec<(i64, i64)> = sqlx::query_as(
                "SELECT a.candidate_id, a.sub_group_id FROM assignments a JOIN candidates c ON c.id = a.candidate_id \
                 WHERE c.round_id = $1 AND c.category = $2 ORDER BY a.sub_group_id",
            )
            .bind(round_id)
            .bind(category.as_str())
            .fetch_all(db.pool)
            .await?;
            let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
            for (candidate, sub) in rows {
                out.entry(candidate).or_default().push(sub);
            }
            Ok(out)
        })
    }

    /// How many sheets are stored under `client_id` (for tests: exactly one, or none).
    pub async fn field_sheet_rows(&self, client_id: &str) -> Result<i64, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_scalar("SELECT COUNT(*) FROM field_sheets WHERE client_id = $1")
                .bind(client_id)
                .fetch_one(db.pool)
                .await
        })
    }

    /// How many conflicting bodies are kept for `client_id` (for tests).
    pub async fn field_conflict_rows(&self, client_id: &str) -> Result<i64, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_scalar("SELECT COUNT(*) FROM field_sheet_conflicts WHERE client_id = $1")
                .bind(client_id)
                .fetch_one(db.pool)
                .await
        })
    }
}

/// An unresolved conflict with the stored sheet it disagrees with.
#[derive(sqlx::FromRow)]
pub struct ConflictRow {
    pub id: i64,
    pub client_id: String,
    pub account_id: i64,
    pub body: String,
    pub received_at: DateTime<Utc>,
    pub submitted_by: String,
    pub stored_body: String,
    pub stored_total: i64,
    pub stored_received_at: DateTime<Utc>,
    pub stored_by: String,
    pub candidate_id: i64,
    pub sub_group_id: i64,
    pub sub_group_name: String,
    pub work_group_name: String,
    pub replaced_by: Option<String>,
    pub resolved: bool,
}

const CONFLICT: &str = "SELECT x.id, x.client_id, x.account_id, x.body, x.received_at, xa.display_name AS submitted_by, \
     f.body AS stored_body, f.total AS stored_total, f.received_at AS stored_received_at, fa.display_name AS stored_by, \
     f.candidate_id, f.sub_group_id, sg.name AS sub_group_name, wg.name AS work_group_name, \
     (SELECT r.client_id FROM field_sheets r WHERE r.replaces = f.client_id) AS replaced_by, \
     x.resolved_at IS NOT NULL AS resolved \
     FROM field_sheet_conflicts x JOIN field_sheets f ON f.client_id = x.client_id \
     JOIN staff_accounts xa ON xa.id = x.account_id JOIN staff_accounts fa ON fa.id = f.account_id \
     JOIN sub_groups sg ON sg.id = f.sub_group_id JOIN work_groups wg ON wg.id = sg.work_group_id";

/// How the office resolves one conflict.
pub struct Resolution<'a> {
    pub round_id: i64,
    pub conflict_id: i64,
    pub admin_id: i64,
    pub keep: ConflictKeep,
    pub reason: &'a str,
    /// With 采用新版本: the correction to store.
    pub correction: Option<NewFieldSheet<'a>>,
}

/// Why a resolution was refused by the database.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    /// Someone resolved it first.
    #[error("already resolved")]
    AlreadyResolved,
    /// A correction already replaced the stored sheet.
    #[error("already replaced")]
    AlreadyReplaced,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl Db {
    /// The round's unresolved conflicts, oldest first.
    pub async fn open_conflicts(&self, round_id: i64) -> Result<Vec<ConflictRow>, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_as(&format!(
                "{CONFLICT} WHERE x.round_id = $1 AND x.resolved_at IS NULL ORDER BY x.id"
            ))
            .bind(round_id)
            .fetch_all(db.pool)
            .await
        })
    }

    /// One of the round's conflicts, resolved or not.
    pub async fn conflict(
        &self,
        round_id: i64,
        conflict_id: i64,
    ) -> Result<Option<ConflictRow>, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_as(&format!("{CONFLICT} WHERE x.round_id = $1 AND x.id = $2"))
                .bind(round_id)
                .bind(conflict_id)
                .fetch_optional(db.pool)
                .await
        })
    }

    /// Marks a conflict resolved (who, when, which, why) with the conditional update that
    /// makes a second resolution fail, stores the correction when the incoming body is
    /// kept, and writes the audit entry — all in one transaction.
    pub async fn resolve_conflict(
        &self,
        r: &Resolution<'_>,
        now: DateTime<Utc>,
    ) -> Result<Option<SheetReceipt>, ResolveError> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let mut receipt = None;
            if let Some(s) = &r.correction {
                let row = insert_sheet(&mut tx, s, now).await.map_err(|e| match e {
                    FieldSheetError::AlreadyReplaced => ResolveError::AlreadyReplaced,
                    FieldSheetError::Db(e) => ResolveError::Db(e),
                })?;
                // The id is fresh: nothing else can hold it.
                receipt = row.map(SheetReceipt::from);
            }
            let updated = sqlx::query(
                "UPDATE field_sheet_conflicts SET resolved_at = $1, resolved_by = $2, resolution = $3, resolution_reason = $4, resolved_sheet = $5 \
                 WHERE id = $6 AND round_id = $7 AND resolved_at IS NULL",
            )
            .bind(now)
            .bind(r.admin_id)
            .bind(r.keep.as_str())
            .bind(r.reason)
            .bind(r.correction.as_ref().map(|c| c.client_id))
            .bind(r.conflict_id)
            .bind(r.round_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if updated == 0 {
                tx.rollback().await?;
                return Err(ResolveError::AlreadyResolved);
            }
            let entry = Entry {
                account_id: Some(r.admin_id),
                action: "field.conflict_resolve",
                target: format!("conflict:{}", r.conflict_id),
                detail: format!(
                    "keep {}{}: {}",
                    r.keep.as_str(),
                    receipt
                        .as_ref()
                        .map(|s| format!(
                            " as {} replacing {}",
                            s.client_id,
                            s.replaces.as_deref().unwrap_or("")
                        ))
                        .unwrap_or_default(),
                    r.reason
                ),
            };
            audit::record(&mut tx, now, entry).await?;
            tx.commit().await?;
            Ok(receipt)
        })
    }

    /// How a conflict was resolved: which side and the correction's client id (for tests).
    pub async fn conflict_resolution(
        &self,
        conflict_id: i64,
    ) -> Result<(Option<String>, Option<i64>, Option<String>), sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_as(
                "SELECT resolution, resolved_by, resolved_sheet FROM field_sheet_conflicts WHERE id = $1",
            )
            .bind(conflict_id)
            .fetch_one(db.pool)
            .await
        })
    }
}
