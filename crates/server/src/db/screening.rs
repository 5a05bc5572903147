//! Screening: staff views of nominations, merges, rejections and the shortlist.

use super::audit::{self, Entry};
use super::nominations::photo_view;
use super::on_db;
use super::places;
use super::Db;
use chrono::{DateTime, Utc};
use pingxuan_domain::geo::GeoPoint;
use pingxuan_domain::nomination::{reference, ParsedPlace};
use pingxuan_domain::screening::{
    Candidate, CandidateInput, NominationDetail, PlaceSignals, ScreeningPlace,
};
use pingxuan_domain::Category;
use std::collections::BTreeMap;

/// Why a screening change was refused.
#[derive(Debug, thiserror::Error)]
pub enum ScreeningError {
    #[error("no such place in this category")]
    UnknownPlace,
    #[error("no such nomination in this round")]
    UnknownNomination,
    #[error("the place is on the shortlist")]
    Shortlisted,
    /// A candidate residents did not nominate needs the department's reason.
    #[error("candidate {0} needs a reason")]
    ReasonRequired(usize),
    /// The cover photo is not one of the place's nominations' photos.
    #[error("candidate {0} has a foreign cover photo")]
    ForeignCover(usize),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

#[derive(sqlx::FromRow)]
struct NominationRow {
    id: i64,
    place_id: i64,
    description: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    contact_phone: Option<String>,
    rejected_reason: Option<String>,
    created_at: DateTime<Utc>,
}

impl Db {
    /// The round's nominated places of a category with every nomination (rejected ones
    /// included, marked), and the signals for duplicate suggestions (rejected excluded).
    pub async fn screening_places(
        &self,
        round_id: i64,
        category: Category,
    ) -> Result<(Vec<ScreeningPlace>, Vec<PlaceSignals>), sqlx::Error> {
        on_db!(self, db => {
            let rows: Vec<NominationRow> = sqlx::query_as(
                "SELECT id, place_id, description, latitude, longitude, contact_phone, rejected_reason, created_at \
                 FROM nominations WHERE round_id = $1 AND category = $2 ORDER BY place_id, id",
            )
            .bind(round_id)
            .bind(category.as_str())
            .fetch_all(db.pool)
            .await?;
            let photos: Vec<(i64, String, i64, i64, i64)> = sqlx::query_as(
                "SELECT np.nomination_id, ph.id, ph.width, ph.height, ph.dhash FROM nomination_photos np \
                 JOIN photos ph ON ph.id = np.photo_id JOIN nominations n ON n.id = np.nomination_id \
                 WHERE n.round_id = $1 AND n.category = $2 ORDER BY np.nomination_id, np.position",
            )
            .bind(round_id)
            .bind(category.as_str())
            .fetch_all(db.pool)
            .await?;
            let mut photos_of: BTreeMap<i64, Vec<(String, i64, i64, i64)>> = BTreeMap::new();
            for (nid, id, w, h, hash) in photos {
                photos_of.entry(nid).or_default().push((id, w, h, hash));
            }
            // Every nominated place in one query, not one query per place.
            let place_rows: Vec<places::Row> = sqlx::query_as(&format!(
                "SELECT {} FROM places WHERE id IN \
                 (SELECT place_id FROM nominations WHERE round_id = $1 AND category = $2)",
                places::COLUMNS
            ))
            .bind(round_id)
            .bind(category.as_str())
            .fetch_all(db.pool)
            .await?;
            let mut by_place: BTreeMap<i64, (ScreeningPlace, PlaceSignals)> = BTreeMap::new();
            for row in place_rows {
                let place = row.into_place()?;
                let signals = PlaceSignals {
                    place_id: place.id,
                    name: place.name.clone(),
                    town: place.town.clone(),
                    position: place.position,
                    photo_hashes: Vec::new(),
                    descriptions: Vec::new(),
                };
                let screening = ScreeningPlace {
                    place,
                    nominations: Vec::new(),
                };
                by_place.insert(signals.place_id, (screening, signals));
            }
            for r in rows {
                let (sp, sig) = by_place
                    .get_mut(&r.place_id)
                    .ok_or(sqlx::Error::RowNotFound)?;
                let position = match (r.latitude, r.longitude) {
                    (Some(latitude), Some(longitude)) => Some(GeoPoint {
                        latitude,
                        longitude,
                    }),
                    _ => None,
                };
                let own = photos_of.remove(&r.id).unwrap_or_default();
                if r.rejected_reason.is_none() {
                    sig.position = sig.position.or(position);
                    sig.photo_hashes.extend(own.iter().map(|p| p.3 as u64));
                    sig.descriptions.push(r.description.clone());
                }
                sp.nominations.push(NominationDetail {
                    reference: reference(round_id, r.id),
                    id: r.id,
                    description: r.description,
                    photos: own
                        .into_iter()
                        .map(|(id, w, h, _)| photo_view(id, w, h))
                        .collect(),
                    position,
                    contact_phone: r.contact_phone,
                    rejected_reason: r.rejected_reason,
                    created_at: r.created_at,
                });
            }
            let (mut places, signals): (Vec<_>, Vec<_>) = by_place.into_values().unzip();
            let live = |p: &ScreeningPlace| {
                p.nominations
                    .iter()
                    .filter(|n| n.rejected_reason.is_none())
                    .count()
            };
            places.sort_by(|a, b| live(b).cmp(&live(a)).then(a.place.id.cmp(&b.place.id)));
            let signals = signals
                .into_iter()
                .filter(|s| !s.descriptions.is_empty())
                .collect();
            Ok((places, signals))
        })
    }

    /// Moves the round's nominations of `from` to `into`. Returns how many moved.
    pub async fn merge_places(
        &self,
        round_id: i64,
        category: Category,
        from: i64,
        into: i64,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<u64, ScreeningError> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            for id in [from, into] {
                match places::get(&mut tx, id).await? {
                    Some(p) if p.category == category => {}
                    _ => return Err(ScreeningError::UnknownPlace),
                }
            }
            let shortlisted: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM candidates WHERE round_id = $1 AND category = $2 AND place_id = $3)",
            )
            .bind(round_id)
            .bind(category.as_str())
            .bind(from)
            .fetch_one(&mut *tx)
            .await?;
            if shortlisted {
                return Err(ScreeningError::Shortlisted);
            }
            let moved = sqlx::query("UPDATE nominations SET place_id = $1 WHERE round_id = $2 AND category = $3 AND place_id = $4")
                .bind(into)
                .bind(round_id)
                .bind(category.as_str())
                .bind(from)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            let entry = Entry {
                account_id: Some(by),
                action: "screening.merge",
                target: format!("round:{round_id}/{}", category.as_str()),
                detail: format!("place {from} -> place {into}: {moved} nominations"),
            };
            audit::record(&mut tx, now, entry).await?;
            tx.commit().await?;
            Ok(moved)
        })
    }

    /// Moves one nomination to another place of the category (registered, or new).
    pub async fn split_nomination(
        &self,
        round_id: i64,
        category: Category,
        nomination_id: i64,
        place: &ParsedPlace,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64, ScreeningError> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let target =
                match places::resolve(&mut tx, category, place, places::Source::Department, now).await?
                {
                    places::Resolved::Found(p) => p,
                    _ => return Err(ScreeningError::UnknownPlace),
                };
            let from: Option<i64> = sqlx::query_scalar(
                "SELECT place_id FROM nominations WHERE id = $1 AND round_id = $2 AND category = $3",
            )
            .bind(nomination_id)
            .bind(round_id)
            .bind(category.as_str())
            .fetch_optional(&mut *tx)
            .await?;
            let from = from.ok_or(ScreeningError::UnknownNomination)?;
            sqlx::query("UPDATE nominations SET place_id = $1 WHERE id = $2")
                .bind(target.id)
                .bind(nomination_id)
                .execute(&mut *tx)
                .await?;
            let entry = Entry {
                account_id: Some(by),
                action: "screening.split",
                target: format!("nomination:{nomination_id}"),
                detail: format!("place {from} -> place {}", target.id),
            };
            audit::record(&mut tx, now, entry).await?;
            tx.commit().await?;
            Ok(target.id)
        })
    }

    /// Sets a nomination aside with a reason (or restores it when `reason` is None).
    pub async fn reject_nomination(
        &self,
        round_id: i64,
        category: Category,
        nomination_id: i64,
        reason: Option<&str>,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<(), ScreeningError> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let changed = sqlx::query(
                "UPDATE nominations SET rejected_reason = $1, rejected_by = $2, rejected_at = $3 \
                 WHERE id = $4 AND round_id = $5 AND category = $6",
            )
            .bind(reason)
            .bind(reason.map(|_| by))
            .bind(reason.map(|_| now))
            .bind(nomination_id)
            .bind(round_id)
            .bind(category.as_str())
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 0 {
                return Err(ScreeningError::UnknownNomination);
            }
            let entry = Entry {
                account_id: Some(by),
                action: if reason.is_some() {
                    "screening.reject"
                } else {
                    "screening.restore"
                },
                target: format!("nomination:{nomination_id}"),
                detail: reason.unwrap_or_default().to_owned(),
            };
            audit::record(&mut tx, now, entry).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Replaces the category's shortlist, all or nothing.
    pub async fn replace_shortlist(
        &self,
        round_id: i64,
        category: Category,
        candidates: &[CandidateInput],
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<Candidate>, ScreeningError> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            sqlx::query("DELETE FROM candidates WHERE round_id = $1 AND category = $2")
                .bind(round_id)
                .bind(category.as_str())
                .execute(&mut *tx)
                .await?;
            for (i, c) in candidates.iter().enumerate() {
                match places::get(&mut tx, c.place_id).await? {
                    Some(p) if p.category == category => {}
                    _ => return Err(ScreeningError::UnknownPlace),
                }
                let nominated: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM nominations WHERE round_id = $1 AND place_id = $2 AND rejected_reason IS NULL",
                )
                .bind(round_id)
                .bind(c.place_id)
                .fetch_one(&mut *tx)
                .await?;
                let reason = c
                    .department_reason
                    .as_deref()
                    .map(str::trim)
                    .filter(|r| !r.is_empty());
                if nominated == 0 && reason.is_none() {
                    return Err(ScreeningError::ReasonRequired(i));
                }
                if let Some(cover) = &c.cover_photo_id {
                    // One of the place's nominations' photos, or a staff photo no nomination uses.
                    let ours: bool = sqlx::query_scalar(
                        "SELECT EXISTS (SELECT 1 FROM nomination_photos np JOIN nominations n ON n.id = np.nomination_id \
                         WHERE np.photo_id = $1 AND n.round_id = $2 AND n.place_id = $3) \
                         OR EXISTS (SELECT 1 FROM photos p WHERE p.id = $4 AND p.uploaded_by IS NOT NULL \
                         AND NOT EXISTS (SELECT 1 FROM nomination_photos np WHERE np.photo_id = p.id))",
                    )
                    .bind(cover)
                    .bind(round_id)
                    .bind(c.place_id)
                    .bind(cover)
                    .fetch_one(&mut *tx)
                    .await?;
                    if !ours {
                        return Err(ScreeningError::ForeignCover(i));
                    }
                }
                sqlx::query(
                    "INSERT INTO candidates (round_id, category, place_id, title, description, cover_photo_id, department_reason, position, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(round_id)
                .bind(category.as_str())
                .bind(c.place_id)
                .bind(c.title.trim())
                .bind(c.description.trim())
                .bind(&c.cover_photo_id)
                .bind(reason)
                .bind(i as i64)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            let entry = Entry {
                account_id: Some(by),
                action: "screening.shortlist",
                target: format!("round:{round_id}/{}", category.as_str()),
                detail: candidates
                    .iter()
                    .map(|c| c.place_id.to_string())
                    .collect::<Vec<_>>()
                    .join(","),
            };
            audit::record(&mut tx, now, entry).await?;
            tx.commit().await?;
            Ok(self.shortlist(round_id, category).await?)
        })
    }

    /// The category's shortlist in its order.
    pub async fn shortlist(
        &self,
        round_id: i64,
        category: Category,
    ) -> Result<Vec<Candidate>, sqlx::Error> {
        on_db!(self, db => {
            #[allow(clippy::type_complexity)]
            let rows: Vec<(i64, i64, String, String, Option<String>, Option<i64>, Option<i64>, Option<String>, i64, String)> = sqlx::query_as(
                "SELECT c.id, c.place_id, c.title, c.description, c.cover_photo_id, ph.width, ph.height, c.department_reason, \
                   (SELECT COUNT(*) FROM nominations n WHERE n.round_id = c.round_id AND n.place_id = c.place_id AND n.rejected_reason IS NULL), \
                   pl.town \
                 FROM candidates c LEFT JOIN photos ph ON ph.id = c.cover_photo_id \
                 JOIN places pl ON pl.id = c.place_id \
                 WHERE c.round_id = $1 AND c.category = $2 ORDER BY c.position",
            )
            .bind(round_id)
            .bind(category.as_str())
            .fetch_all(db.pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(
                    |(id, place_id, title, description, cover, w, h, reason, nominations, town)| {
                        Candidate {
                            id,
                            round_id,
                            category,
                            place_id,
                            title,
                            description,
                            cover: cover.map(|c| photo_view(c, w.unwrap_or(0), h.unwrap_or(0))),
                            nominations: nominations as u32,
                            department_reason: reason,
                            town,
                        }
                    },
                )
                .collect())
        })
    }
}
