//! Residents' nominations, each about a place and carrying 1–6 photos.

use super::on_db;
use super::places::{self, Resolved, Source};
use super::Db;
use chrono::{DateTime, Utc};
use pingxuan_domain::nomination::{
    reference, NominatedPlace, NominationReceipt, ParsedNomination, PhotoView,
};
use pingxuan_domain::Category;
use std::collections::HashMap;

/// Why a nomination could not be stored.
#[derive(Debug, thiserror::Error)]
pub enum NominationError {
    #[error("no such place")]
    UnknownPlace,
    #[error("the place is of another category")]
    WrongCategory,
    /// A photo id that was never uploaded, or that another nomination already uses.
    #[error("photo unknown or already used")]
    PhotoUnavailable,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The public URLs of a stored photo.
/// A stored photo's view; its size as the database or the image processing has it.
pub fn photo_view(id: String, width: impl TryInto<u32>, height: impl TryInto<u32>) -> PhotoView {
    let (width, height) = (
        width.try_into().unwrap_or(0),
        height.try_into().unwrap_or(0),
    );
    PhotoView {
        url: format!("{}/{id}.jpg", pingxuan_domain::api::paths::MEDIA),
        thumb_url: format!("{}/{id}.thumb.jpg", pingxuan_domain::api::paths::MEDIA),
        id,
        width,
        height,
    }
}

impl Db {
    /// Stores a nomination and attaches its photos, all or nothing.
    pub async fn insert_nomination(
        &self,
        round_id: i64,
        n: &ParsedNomination,
        device_hash: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<NominationReceipt, NominationError> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let place =
                match places::resolve(&mut tx, n.category, &n.place, Source::Resident, now).await? {
                    Resolved::Found(place) => place,
                    Resolved::Unknown => return Err(NominationError::UnknownPlace),
                    Resolved::OtherCategory => return Err(NominationError::WrongCategory),
                };
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO nominations (round_id, category, place_id, description, latitude, longitude, contact_phone, device_hash, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(round_id)
            .bind(n.category.as_str())
            .bind(place.id)
            .bind(&n.description)
            .bind(n.position.map(|g| g.latitude))
            .bind(n.position.map(|g| g.longitude))
            .bind(&n.contact_phone)
            .bind(device_hash)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            for (position, photo_id) in n.photo_ids.iter().enumerate() {
                // The photo must exist (foreign key) and be unused (UNIQUE): the database decides.
                let attached = sqlx::query(
                    "INSERT INTO nomination_photos (nomination_id, photo_id, position) \
                     SELECT $1, id, $2 FROM photos WHERE id = $3",
                )
                .bind(id)
                .bind(position as i64)
                .bind(photo_id)
                .execute(&mut *tx)
                .await;
                match attached {
                    Ok(r) if r.rows_affected() == 1 => {}
                    Ok(_) => return Err(NominationError::PhotoUnavailable),
                    Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                        return Err(NominationError::PhotoUnavailable)
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            tx.commit().await?;
            Ok(NominationReceipt {
                id,
                reference: reference(round_id, id),
                place_id: place.id,
                created_at: now,
            })
        })
    }

    /// The round's nominations of a category, grouped by place: most nominated first, each
    /// with up to `photos_per_place` of its newest photos.
    pub async fn nominated_places(
        &self,
        round_id: i64,
        category: Category,
        photos_per_place: usize,
    ) -> Result<Vec<NominatedPlace>, sqlx::Error> {
        on_db!(self, db => {
            #[derive(sqlx::FromRow)]
            struct Counted {
                #[sqlx(flatten)]
                place: places::Row,
                nominations: i64,
            }
            let counted: Vec<Counted> = sqlx::query_as(&format!(
                "SELECT {}, n.nominations FROM places p JOIN \
                   (SELECT place_id, COUNT(*) AS nominations, MAX(id) AS latest FROM nominations \
                    WHERE round_id = $1 AND category = $2 GROUP BY place_id) n ON n.place_id = p.id \
                 ORDER BY n.nominations DESC, n.latest DESC",
                places::COLUMNS
                    .split(", ")
                    .map(|c| format!("p.{c}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .bind(round_id)
            .bind(category.as_str())
            .fetch_all(db.pool)
            .await?;
            let photo_rows: Vec<(i64, String, i64, i64)> = sqlx::query_as(
                "SELECT n.place_id, ph.id, ph.width, ph.height FROM nominations n \
                 JOIN nomination_photos np ON np.nomination_id = n.id JOIN photos ph ON ph.id = np.photo_id \
                 WHERE n.round_id = $1 AND n.category = $2 ORDER BY n.id DESC, np.position",
            )
            .bind(round_id)
            .bind(category.as_str())
            .fetch_all(db.pool)
            .await?;
            let mut photos: HashMap<i64, Vec<PhotoView>> = HashMap::new();
            for (place_id, id, w, h) in photo_rows {
                let list = photos.entry(place_id).or_default();
                if list.len() < photos_per_place {
                    list.push(photo_view(id, w, h));
                }
            }
            counted
                .into_iter()
                .map(|c| {
                    let place = c.place.into_place()?;
                    Ok(NominatedPlace {
                        photos: photos.remove(&place.id).unwrap_or_default(),
                        place_id: place.id,
                        category: place.category,
                        name: place.name,
                        town: place.town,
                        district: place.district,
                        nominations: c.nominations as u32,
                    })
                })
                .collect()
        })
    }
}
