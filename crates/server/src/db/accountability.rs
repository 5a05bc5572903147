//! Accountability's reads: every published round in its latest version, oldest first
//! (by schedule), with the place each ranked candidate stands for.

use super::on_db;
use super::Db;

/// A published round's latest version as stored: (round id, round name, version, the
/// results JSON).
pub type StoredRound = (i64, String, i64, String);

impl Db {
    /// Every round with a published version, ordered by its schedule (then id), each
    /// with its latest version's results JSON. Rounds never published are not listed.
    pub async fn published_rounds(&self) -> Result<Vec<StoredRound>, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_as(
                "SELECT r.id, r.name, v.version, v.results FROM rounds r \
                 JOIN result_versions v ON v.round_id = r.id \
                 AND v.version = (SELECT MAX(w.version) FROM result_versions w WHERE w.round_id = r.id) \
                 ORDER BY r.nomination_starts_at, r.id",
            )
            .fetch_all(db.pool)
            .await
        })
    }

    /// Each candidate of a published round with its place: (candidate id, place id).
    pub async fn published_candidate_places(&self) -> Result<Vec<(i64, i64)>, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_as(
                "SELECT c.id, c.place_id FROM candidates c \
                 WHERE EXISTS (SELECT 1 FROM result_versions v WHERE v.round_id = c.round_id)",
            )
            .fetch_all(db.pool)
            .await
        })
    }

    /// Whether the register has this place.
    pub async fn place_exists(&self, id: i64) -> Result<bool, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM places WHERE id = $1)")
                .bind(id)
                .fetch_one(db.pool)
                .await
        })
    }
}
