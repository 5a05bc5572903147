//! Rounds: their schedule, configuration and phase.

use super::audit::{self, Entry};
use super::on_db;
use super::Db;
use chrono::{DateTime, Utc};
use pingxuan_domain::api::RoundView;
use pingxuan_domain::phase::Window;
use pingxuan_domain::round::RoundInput;
use pingxuan_domain::{Phase, RoundConfig, Schedule};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    name: String,
    phase: String,
    nomination_starts_at: DateTime<Utc>,
    nomination_ends_at: DateTime<Utc>,
    screening_starts_at: DateTime<Utc>,
    screening_ends_at: DateTime<Utc>,
    voting_starts_at: DateTime<Utc>,
    voting_ends_at: DateTime<Utc>,
    field_scoring_starts_at: DateTime<Utc>,
    field_scoring_ends_at: DateTime<Utc>,
    review_starts_at: DateTime<Utc>,
    review_ends_at: DateTime<Utc>,
    config: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, name, phase, nomination_starts_at, nomination_ends_at, screening_starts_at, \
    screening_ends_at, voting_starts_at, voting_ends_at, field_scoring_starts_at, field_scoring_ends_at, \
    review_starts_at, review_ends_at, config, created_at, updated_at";

fn decode(what: &str, id: i64) -> sqlx::Error {
    sqlx::Error::Decode(format!("round {id}: bad {what}").into())
}

impl Row {
    fn into_view(self) -> Result<RoundView, sqlx::Error> {
        let w = |starts_at, ends_at| Window { starts_at, ends_at };
        Ok(RoundView {
            id: self.id,
            phase: Phase::parse(&self.phase).ok_or_else(|| decode("phase", self.id))?,
            config: serde_json::from_str::<RoundConfig>(&self.config)
                .map_err(|_| decode("config", self.id))?,
            name: self.name,
            schedule: Schedule {
                nomination: w(self.nomination_starts_at, self.nomination_ends_at),
                screening: w(self.screening_starts_at, self.screening_ends_at),
                voting: w(self.voting_starts_at, self.voting_ends_at),
                field_scoring: w(self.field_scoring_starts_at, self.field_scoring_ends_at),
                review: w(self.review_starts_at, self.review_ends_at),
            },
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// Binds a schedule's ten instants in column order.
macro_rules! bind_schedule {
    ($q:expr, $s:expr) => {
        $q.bind($s.nomination.starts_at)
            .bind($s.nomination.ends_at)
            .bind($s.screening.starts_at)
            .bind($s.screening.ends_at)
            .bind($s.voting.starts_at)
            .bind($s.voting.ends_at)
            .bind($s.field_scoring.starts_at)
            .bind($s.field_scoring.ends_at)
            .bind($s.review.starts_at)
            .bind($s.review.ends_at)
    };
}

fn config_json(c: &RoundConfig) -> String {
    serde_json::to_string(c).expect("RoundConfig serialises")
}

impl Db {
    /// Creates a round in the nomination phase.
    pub async fn insert_round(
        &self,
        input: &RoundInput,
        by: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<RoundView, sqlx::Error> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let sql = format!(
                "INSERT INTO rounds (name, phase, nomination_starts_at, nomination_ends_at, screening_starts_at, \
                 screening_ends_at, voting_starts_at, voting_ends_at, field_scoring_starts_at, field_scoring_ends_at, \
                 review_starts_at, review_ends_at, config, created_at, updated_at) \
                 VALUES ($1, 'nomination', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING {COLUMNS}"
            );
            let q = sqlx::query_as::<_, Row>(&sql).bind(input.name.trim());
            let row = bind_schedule!(q, input.schedule)
                .bind(config_json(&input.config))
                .bind(now)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
            let view = row.into_view()?;
            let entry = Entry {
                account_id: by,
                action: "round.create",
                target: format!("round:{}", view.id),
                detail: view.name.clone(),
            };
            audit::record(&mut tx, now, entry).await?;
            tx.commit().await?;
            Ok(view)
        })
    }

    /// The current round: the most recently created one.
    pub async fn current_round(&self) -> Result<Option<RoundView>, sqlx::Error> {
        on_db!(self, db => {
            let row: Option<Row> = sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM rounds ORDER BY id DESC LIMIT 1"
            ))
            .fetch_optional(db.pool)
            .await?;
            row.map(Row::into_view).transpose()
        })
    }

    pub async fn round(&self, id: i64) -> Result<Option<RoundView>, sqlx::Error> {
        on_db!(self, db => {
            let row: Option<Row> =
                sqlx::query_as(&format!("SELECT {COLUMNS} FROM rounds WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(db.pool)
                    .await?;
            row.map(Row::into_view).transpose()
        })
    }

    /// All rounds, newest first.
    pub async fn rounds(&self) -> Result<Vec<RoundView>, sqlx::Error> {
        on_db!(self, db => {
            let rows: Vec<Row> =
                sqlx::query_as(&format!("SELECT {COLUMNS} FROM rounds ORDER BY id DESC"))
                    .fetch_all(db.pool)
                    .await?;
            rows.into_iter().map(Row::into_view).collect()
        })
    }

    /// Replaces name, schedule and config unless the round is published.
    /// `None` when there is no such round or it is published.
    pub async fn update_round(
        &self,
        id: i64,
        input: &RoundInput,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<RoundView>, sqlx::Error> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let sql = format!(
                "UPDATE rounds SET name = $1, nomination_starts_at = $2, nomination_ends_at = $3, screening_starts_at = $4, \
                 screening_ends_at = $5, voting_starts_at = $6, voting_ends_at = $7, field_scoring_starts_at = $8, \
                 field_scoring_ends_at = $9, review_starts_at = $10, review_ends_at = $11, config = $12, updated_at = $13 \
                 WHERE id = $14 AND phase <> 'published' RETURNING {COLUMNS}"
            );
            let q = sqlx::query_as::<_, Row>(&sql).bind(input.name.trim());
            let row = bind_schedule!(q, input.schedule)
                .bind(config_json(&input.config))
                .bind(now)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(row) = row else { return Ok(None) };
            let view = row.into_view()?;
            let entry = Entry {
                account_id: Some(by),
                action: "round.update",
                target: format!("round:{id}"),
                detail: view.name.clone(),
            };
            audit::record(&mut tx, now, entry).await?;
            tx.commit().await?;
            Ok(Some(view))
        })
    }

    /// Moves the round from `from` to `to` only if it is still in `from` — the database
    /// decides, so two admins tapping at once move it one step, not two.
    pub async fn set_round_phase(
        &self,
        id: i64,
        from: Phase,
        to: Phase,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<RoundView>, sqlx::Error> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let row: Option<Row> = sqlx::query_as(&format!(
                "UPDATE rounds SET phase = $1, updated_at = $2 WHERE id = $3 AND phase = $4 RETURNING {COLUMNS}"
            ))
            .bind(to.as_str())
            .bind(now)
            .bind(id)
            .bind(from.as_str())
            .fetch_optional(&mut *tx)
            .await?;
            let Some(row) = row else { return Ok(None) };
            let view = row.into_view()?;
            let entry = Entry {
                account_id: Some(by),
                action: "round.advance",
                target: format!("round:{id}"),
                detail: format!("{} -> {}", from.as_str(), to.as_str()),
            };
            audit::record(&mut tx, now, entry).await?;
            tx.commit().await?;
            Ok(Some(view))
        })
    }

    /// Whether any round exists (the demo seed only fills an empty database).
    /// Ends a round's voting window at `at` (tests and the replay benchmark, which
    /// cannot wait eight days for voting to close).
    pub async fn end_voting_at(&self, id: i64, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
        on_db!(self, db => {
            sqlx::query("UPDATE rounds SET voting_ends_at = $1 WHERE id = $2")
                .bind(at)
                .bind(id)
                .execute(db.pool)
                .await
                .map(|_| ())
        })
    }

    pub async fn has_rounds(&self) -> Result<bool, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM rounds)")
                .fetch_one(db.pool)
                .await
        })
    }
}
