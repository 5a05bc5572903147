//! Rectification tasks (整改): made and moved by each published results version in its
//! own transaction ([`follow_version`]), and every later change of status as one
//! conditional update with its event row and audit entry.

use super::audit::{self, Entry};
use super::nominations::photo_view;
use super::Db;
use super::Dialect;
use super::{on_conn, on_db};
use chrono::{DateTime, Utc};
use pingxuan_domain::rectification::{
    self, Existing, ParsedSubmission, RectificationCounts, RectificationEvent,
    RectificationSubmission, RectificationTask, Step, TaskAction, TaskKind, TaskStatus,
};
use pingxuan_domain::results::{ResultLine, ResultsSnapshot};
use pingxuan_domain::Category;
use sqlx::Row;

fn decode(what: String) -> sqlx::Error {
    sqlx::Error::Decode(what.into())
}

/// What the list may be narrowed to.
#[derive(Debug, Clone, Copy, Default)]
pub struct TaskFilter<'a> {
    pub round_id: Option<i64>,
    pub status: Option<TaskStatus>,
    pub category: Option<Category>,
    pub town: Option<&'a str>,
}

/// Why a change of status was not made.
#[derive(Debug, thiserror::Error)]
pub enum ActError {
    /// Someone changed the task first: its status is now this.
    #[error("the task is now {0:?}")]
    Moved(TaskStatus),
    /// A photo is unknown or was not uploaded by the submitter.
    #[error("photos not the submitter's")]
    Photos,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

const TASK_COLUMNS: &str =
    "id, round_id, category, candidate_id, title, place_name, town, cover_url, \
     rank, total, kind, status, due_at, withdrawn_reason, created_at, updated_at";

fn task<R: Row>(r: &R, now: DateTime<Utc>) -> Result<RectificationTask, sqlx::Error>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    f64: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    String: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    i64: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    DateTime<Utc>: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<String>: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let id: i64 = r.try_get("id")?;
    let bad = |what: &str, v: &str| decode(format!("rectification task {id}: {what} {v:?}"));
    let category: String = r.try_get("category")?;
    let kind: String = r.try_get("kind")?;
    let status: String = r.try_get("status")?;
    let category = Category::parse(&category).ok_or_else(|| bad("category", &category))?;
    let kind = TaskKind::parse(&kind).ok_or_else(|| bad("kind", &kind))?;
    let status = TaskStatus::parse(&status).ok_or_else(|| bad("status", &status))?;
    let due_at: DateTime<Utc> = r.try_get("due_at")?;
    let rank: i64 = r.try_get("rank")?;
    Ok(RectificationTask {
        id,
        round_id: r.try_get("round_id")?,
        category,
        candidate_id: r.try_get("candidate_id")?,
        title: r.try_get("title")?,
        place_name: r.try_get("place_name")?,
        town: r.try_get("town")?,
        cover_url: r.try_get("cover_url")?,
        rank: rank as u32,
        total: r.try_get("total")?,
        kind,
        status,
        due_at,
        overdue: rectification::is_overdue(kind, status, due_at, now),
        withdrawn_reason: r.try_get("withdrawn_reason")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// One event row.
#[allow(clippy::too_many_arguments)]
async fn event(
    conn: impl Into<super::Conn<'_>>,
    task_id: i64,
    action: TaskAction,
    from: Option<TaskStatus>,
    to: TaskStatus,
    by: Option<i64>,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_conn!(conn => {
        sqlx::query(
            "INSERT INTO rectification_events (task_id, action, from_status, to_status, account_id, reason, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(task_id)
        .bind(action.as_str())
        .bind(from.map(TaskStatus::as_str))
        .bind(to.as_str())
        .bind(by)
        .bind(reason)
        .bind(now)
        .execute(conn)
        .await
        .map(|_| ())
    })
}

/// Makes the round's tasks follow a version just stored in the same transaction: the
/// first version creates one per worst and warned line; a correction adds tasks for new
/// lines, moves lines between the lists and withdraws (with its reason) those that left
/// them. Due dates are a calendar month after `now`, the version's publication.
pub(crate) async fn follow_version(
    conn: impl Into<super::Conn<'_>>,
    round_id: i64,
    version: u32,
    results_json: &str,
    reason: Option<&str>,
    by: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_conn!(conn => {
        let snapshot: ResultsSnapshot = serde_json::from_str(results_json)
            .map_err(|e| decode(format!("results of round {round_id} v{version}: {e}")))?;
        let lines: Vec<(Category, &ResultLine, TaskKind)> = snapshot
            .categories
            .iter()
            .flat_map(|c| c.lines.iter().map(move |l| (c.category, l)))
            .filter_map(|(c, l)| TaskKind::for_tier(l.tier).map(|k| (c, l, k)))
            .collect();
        let listed: Vec<(i64, TaskKind)> = lines.iter().map(|(_, l, k)| (l.candidate_id, *k)).collect();
        let rows = sqlx::query(
            "SELECT id, candidate_id, kind, status FROM rectification_tasks WHERE round_id = $1",
        )
        .bind(round_id)
        .fetch_all(&mut *conn)
        .await?;
        let mut existing = Vec::with_capacity(rows.len());
        for r in rows {
            let (kind, status): (String, String) = (r.try_get("kind")?, r.try_get("status")?);
            existing.push(Existing {
                task_id: r.try_get("id")?,
                candidate_id: r.try_get("candidate_id")?,
                kind: TaskKind::parse(&kind).ok_or_else(|| decode(format!("task kind {kind:?}")))?,
                status: TaskStatus::parse(&status)
                    .ok_or_else(|| decode(format!("task status {status:?}")))?,
            });
        }
        let due = rectification::due_at(now);
        let withdrawn_reason = reason.unwrap_or("结果更正后不在名单内");
        let (mut created, mut moved, mut withdrawn) = (0, 0, 0);
        for step in rectification::plan(&listed, &existing) {
            match step {
                Step::Create { candidate_id, kind } => {
                    let (category, line, _) = lines
                        .iter()
                        .find(|(_, l, _)| l.candidate_id == candidate_id)
                        .expect("planned from these lines");
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO rectification_tasks (round_id, candidate_id, category, town, title, place_name, cover_url, \
                           rank, total, kind, status, version, due_at, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $11, $12, $13, $14) RETURNING id",
                    )
                    .bind(round_id)
                    .bind(candidate_id)
                    .bind(category.as_str())
                    .bind(&line.town)
                    .bind(&line.title)
                    .bind(&line.place_name)
                    .bind(&line.cover_url)
                    .bind(i64::from(line.rank))
                    .bind(line.total)
                    .bind(kind.as_str())
                    .bind(i64::from(version))
                    .bind(due)
                    .bind(now)
                    .bind(now)
                    .fetch_one(&mut *conn)
                    .await?;
                    event(
                        &mut *conn,
                        id,
                        TaskAction::Create,
                        None,
                        TaskStatus::Open,
                        None,
                        None,
                        now,
                    )
                    .await?;
                    created += 1;
                }
                Step::Reopen {
                    task_id,
                    from,
                    kind,
                    status,
                } => {
                    let line = existing
                        .iter()
                        .find(|e| e.task_id == task_id)
                        .and_then(|e| {
                            lines
                                .iter()
                                .find(|(_, l, _)| l.candidate_id == e.candidate_id)
                        })
                        .map(|(_, l, _)| *l);
                    sqlx::query(
                        "UPDATE rectification_tasks SET kind = $1, status = $2, version = $3, due_at = $4, \
                           rank = COALESCE($5, rank), total = COALESCE($6, total), withdrawn_reason = NULL, updated_at = $7 \
                         WHERE id = $8",
                    )
                    .bind(kind.as_str())
                    .bind(status.as_str())
                    .bind(i64::from(version))
                    .bind(due)
                    .bind(line.map(|l| i64::from(l.rank)))
                    .bind(line.map(|l| l.total))
                    .bind(now)
                    .bind(task_id)
                    .execute(&mut *conn)
                    .await?;
                    event(
                        &mut *conn,
                        task_id,
                        TaskAction::Reopen,
                        Some(from),
                        status,
                        Some(by),
                        reason,
                        now,
                    )
                    .await?;
                    moved += 1;
                }
                Step::Withdraw { task_id, from } => {
                    sqlx::query(
                        "UPDATE rectification_tasks SET status = 'withdrawn', withdrawn_reason = $1, version = $2, updated_at = $3 \
                         WHERE id = $4",
                    )
                    .bind(withdrawn_reason)
                    .bind(i64::from(version))
                    .bind(now)
                    .bind(task_id)
                    .execute(&mut *conn)
                    .await?;
                    event(
                        &mut *conn,
                        task_id,
                        TaskAction::Withdraw,
                        Some(from),
                        TaskStatus::Withdrawn,
                        Some(by),
                        Some(withdrawn_reason),
                        now,
                    )
                    .await?;
                    withdrawn += 1;
                }
            }
        }
        if created + moved + withdrawn > 0 {
            audit::record(
                conn,
                now,
                Entry {
                    account_id: Some(by),
                    action: "rectification.follow",
                    target: format!("round:{round_id}"),
                    detail: format!(
                        "version {version}: {created} created, {moved} moved, {withdrawn} withdrawn"
                    ),
                },
            )
            .await?;
        }
        Ok(())
    })
}

impl Db {
    /// The tasks matching `filter`, by the clock's `now`: overdue first, then by due
    /// date, category and rank.
    pub async fn rectification_tasks(
        &self,
        filter: TaskFilter<'_>,
        now: DateTime<Utc>,
    ) -> Result<Vec<RectificationTask>, sqlx::Error> {
        on_db!(self, db => {
            let rows = sqlx::query(&format!(
                "SELECT {TASK_COLUMNS} FROM rectification_tasks \
                 WHERE ($1 IS NULL OR round_id = $1) AND ($2 IS NULL OR status = $2) \
                   AND ($3 IS NULL OR category = $3) AND ($4 IS NULL OR town = $4) \
                 ORDER BY due_at, category, rank, id"
            ))
            .bind(filter.round_id)
            .bind(filter.status.map(TaskStatus::as_str))
            .bind(filter.category.map(Category::as_str))
            .bind(filter.town)
            .fetch_all(db.pool)
            .await?;
            let mut tasks = rows
                .iter()
                .map(|r| task(r, now))
                .collect::<Result<Vec<_>, _>>()?;
            tasks.sort_by_key(|t| !t.overdue);
            Ok(tasks)
        })
    }

    /// How many tasks are where (all of them, or one category's), by the clock's `now`:
    /// counted a group of one kind, status and due moment at a time, overdue by the
    /// domain's rule — the same counts the list gives, without reading every task.
    pub async fn rectification_counts(
        &self,
        category: Option<Category>,
        now: DateTime<Utc>,
    ) -> Result<RectificationCounts, sqlx::Error> {
        on_db!(self, db => {
            let rows = sqlx::query(
                "SELECT kind, status, due_at, COUNT(*) AS n FROM rectification_tasks \
                 WHERE ($1 IS NULL OR category = $1) GROUP BY kind, status, due_at",
            )
            .bind(category.map(Category::as_str))
            .fetch_all(db.pool)
            .await?;
            let mut counts = RectificationCounts::default();
            for r in rows {
                let kind: String = r.try_get("kind")?;
                let status: String = r.try_get("status")?;
                let kind = TaskKind::parse(&kind)
                    .ok_or_else(|| decode(format!("rectification task kind {kind:?}")))?;
                let status = TaskStatus::parse(&status)
                    .ok_or_else(|| decode(format!("rectification task status {status:?}")))?;
                let due_at: DateTime<Utc> = r.try_get("due_at")?;
                let n: i64 = r.try_get("n")?;
                let overdue = rectification::is_overdue(kind, status, due_at, now);
                counts.add(kind, status, overdue, u32::try_from(n).unwrap_or(u32::MAX));
            }
            Ok(counts)
        })
    }

    pub async fn rectification_task(
        &self,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<RectificationTask>, sqlx::Error> {
        on_db!(self, db => {
            let row = sqlx::query(&format!(
                "SELECT {TASK_COLUMNS} FROM rectification_tasks WHERE id = $1"
            ))
            .bind(id)
            .fetch_optional(db.pool)
            .await?;
            row.map(|r| task(&r, now)).transpose()
        })
    }

    /// A task's events, oldest first, and its submissions, newest first.
    pub async fn rectification_history(
        &self,
        id: i64,
    ) -> Result<(Vec<RectificationEvent>, Vec<RectificationSubmission>), sqlx::Error> {
        on_db!(self, db => {
            let rows = sqlx::query(
                "SELECT e.id, e.action, e.from_status, e.to_status, a.display_name, e.reason, e.at \
                 FROM rectification_events e LEFT JOIN staff_accounts a ON a.id = e.account_id \
                 WHERE e.task_id = $1 ORDER BY e.id",
            )
            .bind(id)
            .fetch_all(db.pool)
            .await?;
            let mut events = Vec::with_capacity(rows.len());
            for r in rows {
                let action: String = r.try_get("action")?;
                let from: Option<String> = r.try_get("from_status")?;
                let to: String = r.try_get("to_status")?;
                events.push(RectificationEvent {
                    id: r.try_get("id")?,
                    action: TaskAction::parse(&action)
                        .ok_or_else(|| decode(format!("event action {action:?}")))?,
                    from_status: from.as_deref().and_then(TaskStatus::parse),
                    to_status: TaskStatus::parse(&to)
                        .ok_or_else(|| decode(format!("event status {to:?}")))?,
                    by_name: r.try_get("display_name")?,
                    reason: r.try_get("reason")?,
                    at: r.try_get("at")?,
                });
            }
            let rows = sqlx::query(&format!(
                "SELECT s.id, s.description, a.display_name, s.submitted_at, \
                   (SELECT {} FROM \
                      (SELECT ph.id, ph.width, ph.height FROM rectification_photos rp \
                       JOIN photos ph ON ph.id = rp.photo_id WHERE rp.submission_id = s.id ORDER BY rp.position) p) AS photos \
                 FROM rectification_submissions s JOIN staff_accounts a ON a.id = s.submitted_by \
                 WHERE s.task_id = $1 ORDER BY s.id DESC",
                DB::comma_list("p.id || ':' || p.width || ':' || p.height")
            ))
            .bind(id)
            .fetch_all(db.pool)
            .await?;
            let mut submissions = Vec::with_capacity(rows.len());
            for r in rows {
                let photos: Option<String> = r.try_get("photos")?;
                let photos = photos
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|p| {
                        let mut parts = p.split(':');
                        let id = parts.next()?.to_owned();
                        let w = parts.next()?.parse::<u32>().ok()?;
                        let h = parts.next()?.parse::<u32>().ok()?;
                        Some(photo_view(id, w, h))
                    })
                    .collect();
                submissions.push(RectificationSubmission {
                    id: r.try_get("id")?,
                    description: r.try_get("description")?,
                    photos,
                    by_name: r.try_get("display_name")?,
                    at: r.try_get("submitted_at")?,
                });
            }
            Ok((events, submissions))
        })
    }

    /// Moves a task `from` → `to` by `action` in one transaction: the conditional update
    /// first (so of two at once exactly one wins), then the submission and its photos
    /// (each uploaded by `by`), the event and the audit entry.
    #[allow(clippy::too_many_arguments)]
    pub async fn act_on_rectification(
        &self,
        id: i64,
        action: TaskAction,
        from: TaskStatus,
        to: TaskStatus,
        by: i64,
        reason: Option<&str>,
        submission: Option<&ParsedSubmission>,
        now: DateTime<Utc>,
    ) -> Result<(), ActError> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let changed = sqlx::query(
                "UPDATE rectification_tasks SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
            )
            .bind(to.as_str())
            .bind(now)
            .bind(id)
            .bind(from.as_str())
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 0 {
                let status: Option<String> =
                    sqlx::query_scalar("SELECT status FROM rectification_tasks WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await?;
                let status = status
                    .as_deref()
                    .and_then(TaskStatus::parse)
                    .unwrap_or(from);
                return Err(ActError::Moved(status));
            }
            if let Some(s) = submission {
                let mut owned = 0_i64;
                for photo in &s.photo_ids {
                    owned += sqlx::query_scalar::<_, i64>(
                        "SELECT COUNT(*) FROM photos WHERE id = $1 AND uploaded_by = $2",
                    )
                    .bind(photo)
                    .bind(by)
                    .fetch_one(&mut *tx)
                    .await?;
                }
                if owned != s.photo_ids.len() as i64 {
                    return Err(ActError::Photos);
                }
                let submission_id: i64 = sqlx::query_scalar(
                    "INSERT INTO rectification_submissions (task_id, description, submitted_by, submitted_at) \
                     VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(id)
                .bind(&s.description)
                .bind(by)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                for (position, photo) in s.photo_ids.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO rectification_photos (submission_id, position, photo_id) VALUES ($1, $2, $3)",
                    )
                    .bind(submission_id)
                    .bind(position as i64)
                    .bind(photo)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            event(&mut tx, id, action, Some(from), to, Some(by), reason, now).await?;
            audit::record(
                &mut tx,
                now,
                Entry {
                    account_id: Some(by),
                    action: match action {
                        TaskAction::Submit => "rectification.submit",
                        TaskAction::Verify => "rectification.verify",
                        TaskAction::Return => "rectification.return",
                        _ => "rectification.acknowledge",
                    },
                    target: format!("rectification:{id}"),
                    detail: format!(
                        "{} -> {}{}",
                        from.as_str(),
                        to.as_str(),
                        reason.map(|r| format!(": {r}")).unwrap_or_default()
                    ),
                },
            )
            .await?;
            tx.commit().await?;
            Ok(())
        })
    }
}
