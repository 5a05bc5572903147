//! Evidence photo uploads in chunks (`evidence_uploads`, `evidence_chunks`). A chunk is
//! stored in the same transaction as the conditional update that moves `received`, so
//! a dropped connection loses at most the chunk in flight and two copies of one chunk
//! cannot both land.

use super::nominations::photo_view;
use super::on_db;
use super::Db;
use super::Dialect;
use chrono::{DateTime, Utc};
use pingxuan_domain::field::UploadStatus;
use pingxuan_domain::nomination::PhotoView;
use std::collections::HashMap;

/// An upload as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Upload {
    pub id: String,
    pub account_id: i64,
    pub size: i64,
    pub sha256: String,
    pub received: i64,
    pub photo_id: Option<String>,
    pub photo_width: Option<i64>,
    pub photo_height: Option<i64>,
}

impl Upload {
    pub fn status(&self) -> UploadStatus {
        UploadStatus {
            upload_id: self.id.clone(),
            size: self.size as u64,
            received: self.received as u64,
            photo: self.photo_id.clone().map(|id| {
                photo_view(
                    id,
                    self.photo_width.unwrap_or(0),
                    self.photo_height.unwrap_or(0),
                )
            }),
        }
    }

    pub fn complete(&self) -> bool {
        self.photo_id.is_some()
    }
}

const SELECT: &str = "SELECT u.id, u.account_id, u.size, u.sha256, u.received, u.photo_id, \
    p.width AS photo_width, p.height AS photo_height FROM evidence_uploads u LEFT JOIN photos p ON p.id = u.photo_id";

/// What a chunk did.
#[derive(Debug)]
pub enum ChunkOutcome {
    /// Stored (or already there); the upload as it now stands.
    Stored(Upload),
    /// The chunk starts after the bytes received: a gap. The upload as it stands.
    Gap(Upload),
}

impl Db {
    pub async fn upload(&self, id: &str) -> Result<Option<Upload>, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_as(&format!("{SELECT} WHERE u.id = $1"))
                .bind(id)
                .fetch_optional(db.pool)
                .await
        })
    }

    /// Announces an upload; announcing it again changes nothing. Returns it as stored,
    /// which may differ from what was asked (the caller compares).
    pub async fn create_upload(
        &self,
        id: &str,
        account_id: i64,
        size: u64,
        sha256: &str,
        now: DateTime<Utc>,
    ) -> Result<Upload, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query(
                "INSERT INTO evidence_uploads (id, account_id, size, sha256, created_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(id)
            .bind(account_id)
            .bind(size as i64)
            .bind(sha256)
            .bind(now)
            .execute(db.pool)
            .await?;
            self.upload(id).await?.ok_or(sqlx::Error::RowNotFound)
        })
    }

    /// Stores the part of `data` (which starts at `start`) beyond what was received. A
    /// chunk wholly received already changes nothing; one starting past the received
    /// bytes is a gap and is not stored. The caller checks it fits in the size.
    pub async fn store_chunk(
        &self,
        id: &str,
        start: u64,
        data: &[u8],
    ) -> Result<ChunkOutcome, sqlx::Error> {
        on_db!(self, db => {
            let upload = self.upload(id).await?.ok_or(sqlx::Error::RowNotFound)?;
            let received = upload.received as u64;
            if start > received {
                return Ok(ChunkOutcome::Gap(upload));
            }
            let end = start + data.len() as u64;
            if end <= received || upload.complete() {
                return Ok(ChunkOutcome::Stored(upload));
            }
            let fresh = &data[(received - start) as usize..];
            // The write comes first, so the transaction holds the write lock from its start;
            // it moves only from the `received` read above, so a concurrent copy of this
            // chunk stores nothing.
            let mut tx = db.begin_write().await?;
            let moved = sqlx::query(
                "UPDATE evidence_uploads SET received = $1 WHERE id = $2 AND received = $3 AND photo_id IS NULL",
            )
            .bind(end as i64)
            .bind(id)
            .bind(received as i64)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if moved == 1 {
                sqlx::query("INSERT INTO evidence_chunks (upload_id, start, data) VALUES ($1, $2, $3)")
                    .bind(id)
                    .bind(received as i64)
                    .bind(fresh)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            let now = self.upload(id).await?.ok_or(sqlx::Error::RowNotFound)?;
            Ok(ChunkOutcome::Stored(now))
        })
    }

    /// Every received byte of an upload, in order.
    pub async fn upload_bytes(&self, id: &str) -> Result<Vec<u8>, sqlx::Error> {
        on_db!(self, db => {
            let chunks: Vec<Vec<u8>> = sqlx::query_scalar(
                "SELECT data FROM evidence_chunks WHERE upload_id = $1 ORDER BY start",
            )
            .bind(id)
            .fetch_all(db.pool)
            .await?;
            Ok(chunks.concat())
        })
    }

    /// Starts an upload over (its bytes did not match the hash, or were not a photo).
    pub async fn reset_upload(&self, id: &str) -> Result<(), sqlx::Error> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            sqlx::query("DELETE FROM evidence_chunks WHERE upload_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("UPDATE evidence_uploads SET received = 0 WHERE id = $1 AND photo_id IS NULL")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        })
    }

    /// Marks an upload complete with its photo (already recorded in `photos`) and drops
    /// its chunks. False when another request completed it first.
    pub async fn complete_upload(
        &self,
        id: &str,
        photo_id: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, sqlx::Error> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let done = sqlx::query(
                "UPDATE evidence_uploads SET photo_id = $1, completed_at = $2 WHERE id = $3 AND photo_id IS NULL AND received = size",
            )
            .bind(photo_id)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if done == 1 {
                sqlx::query("DELETE FROM evidence_chunks WHERE upload_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(done == 1)
        })
    }

    /// How many uploads `account_id` announced and has not finished, and their bytes.
    pub async fn open_uploads(&self, account_id: i64) -> Result<(i64, i64), sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_as(
                "SELECT COUNT(*), CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM evidence_uploads \
                 WHERE account_id = $1 AND photo_id IS NULL",
            )
            .bind(account_id)
            .fetch_one(db.pool)
            .await
        })
    }

    /// Drops uploads announced before `before` and never finished, with their chunks: a
    /// phone that comes back later announces the photo again and sends it whole.
    pub async fn remove_abandoned_uploads(
        &self,
        before: DateTime<Utc>,
    ) -> Result<u64, sqlx::Error> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            sqlx::query(
                "DELETE FROM evidence_chunks WHERE upload_id IN \
                 (SELECT id FROM evidence_uploads WHERE photo_id IS NULL AND created_at < $1)",
            )
            .bind(before)
            .execute(&mut *tx)
            .await?;
            let gone =
                sqlx::query("DELETE FROM evidence_uploads WHERE photo_id IS NULL AND created_at < $1")
                    .bind(before)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            tx.commit().await?;
            Ok(gone)
        })
    }

    /// The photos of completed uploads among `ids`.
    pub async fn evidence_photos(
        &self,
        ids: &[String],
    ) -> Result<HashMap<String, PhotoView>, sqlx::Error> {
        on_db!(self, db => {
            if ids.is_empty() {
                return Ok(HashMap::new());
            }
            let list = serde_json::to_string(ids).expect("strings serialise");
            let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(&format!(
                "SELECT u.id, p.id, p.width, p.height FROM evidence_uploads u JOIN photos p ON p.id = u.photo_id \
                 WHERE u.id IN (SELECT value FROM {})",
                DB::json_texts("$1")
            ))
            .bind(list)
            .fetch_all(db.pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(upload, id, w, h)| (upload, photo_view(id, w, h)))
                .collect())
        })
    }
}
