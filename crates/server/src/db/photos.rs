//! Uploaded photos (the files are in storage; this is their record).

use super::on_db;
use super::Db;
use chrono::{DateTime, Utc};
use pingxuan_domain::geo::GeoPoint;

/// A processed photo's record.
pub struct NewPhoto<'a> {
    pub id: &'a str,
    pub width: u32,
    pub height: u32,
    pub bytes: usize,
    pub dhash: u64,
    pub original_gps: Option<GeoPoint>,
    /// The staff account that uploaded it; `None` for residents.
    pub uploaded_by: Option<i64>,
}

impl Db {
    pub async fn insert_photo(
        &self,
        p: &NewPhoto<'_>,
        now: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        on_db!(self, db => {
            sqlx::query(
                "INSERT INTO photos (id, width, height, bytes, dhash, original_latitude, original_longitude, uploaded_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(p.id)
            .bind(i64::from(p.width))
            .bind(i64::from(p.height))
            .bind(p.bytes as i64)
            // SQLite integers are signed: store the hash's bits as i64.
            .bind(p.dhash as i64)
            .bind(p.original_gps.map(|g| g.latitude))
            .bind(p.original_gps.map(|g| g.longitude))
            .bind(p.uploaded_by)
            .bind(now)
            .execute(db.pool)
            .await
            .map(|_| ())
        })
    }

    /// The original's GPS, as kept for staff.
    pub async fn photo_original_gps(&self, id: &str) -> Result<Option<GeoPoint>, sqlx::Error> {
        on_db!(self, db => {
            let row: Option<(Option<f64>, Option<f64>)> =
                sqlx::query_as("SELECT original_latitude, original_longitude FROM photos WHERE id = $1")
                    .bind(id)
                    .fetch_optional(db.pool)
                    .await?;
            Ok(match row {
                Some((Some(latitude), Some(longitude))) => Some(GeoPoint {
                    latitude,
                    longitude,
                }),
                _ => None,
            })
        })
    }

    /// Width and height of a stored photo.
    pub async fn photo_size(&self, id: &str) -> Result<Option<(u32, u32)>, sqlx::Error> {
        on_db!(self, db => {
            let size: Option<(i64, i64)> =
                sqlx::query_as("SELECT width, height FROM photos WHERE id = $1")
                    .bind(id)
                    .fetch_optional(db.pool)
                    .await?;
            Ok(size.map(|(w, h)| (w as u32, h as u32)))
        })
    }
}

impl Db {
    /// Residents' photos uploaded before `cutoff` that no nomination uses (an abandoned
    /// form): their records are deleted and their ids returned, so the files can go too.
    pub async fn delete_orphan_photos(
        &self,
        cutoff: DateTime<Utc>,
    ) -> Result<Vec<String>, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_scalar(
                "DELETE FROM photos WHERE created_at < $1 AND uploaded_by IS NULL \
                 AND id NOT IN (SELECT photo_id FROM nomination_photos) \
                 AND id NOT IN (SELECT cover_photo_id FROM candidates WHERE cover_photo_id IS NOT NULL) \
                 RETURNING id",
            )
            .bind(cutoff)
            .fetch_all(db.pool)
            .await
        })
    }
}
