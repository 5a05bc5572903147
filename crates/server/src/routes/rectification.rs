//! `/api/v1/rectifications`: the tasks published results give the towns (整改). Towns
//! and lead departments see and submit their own; inspectors and the office verify or
//! return them with a reason; towns acknowledge reminders. Who may see or do what, the
//! state machine and "overdue" are the domain's (`rectification`); the time is the
//! server's clock.

use crate::auth::Staff;
use crate::db::rectification::{ActError, TaskFilter};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use pingxuan_domain::rectification::{
    self, ParsedSubmission, RectificationCounts, RectificationDetail, RectificationList,
    RectificationTask, ReturnRectificationRequest, SubmitRectificationRequest, TaskAction,
    TaskStatus,
};
use pingxuan_domain::results::parse_reason;
use pingxuan_domain::{ErrorBody, ErrorCode, FieldError, Role};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/rectifications", get(list))
        .route("/rectifications/summary", get(summary))
        .route("/rectifications/{id}", get(detail))
        .route("/rectifications/{id}/submissions", post(submit))
        .route("/rectifications/{id}/verify", post(verify))
        .route("/rectifications/{id}/return", post(send_back))
        .route("/rectifications/{id}/acknowledge", post(acknowledge))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// Only this round's tasks.
    pub round: Option<i64>,
    /// Only tasks in this status (`open`, `submitted`, `verified`, `returned`,
    /// `acknowledged`, `withdrawn`).
    pub status: Option<String>,
    /// `true`: only overdue rectifications.
    #[serde(default)]
    pub overdue: bool,
}

/// The tasks the caller may see: the office all; a lead department its category's; a
/// town its own; inspectors those waiting for verification. Overdue first, then by due
/// date; `counts` for the office's panel.
#[utoipa::path(get, path = "/api/v1/rectifications", tag = "rectification", params(ListQuery),
    responses((status = 200, body = RectificationList), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    AppQuery(q): AppQuery<ListQuery>,
) -> AppResult<Json<RectificationList>> {
    let status = match q.status.as_deref() {
        None | Some("") => None,
        Some(s) => Some(TaskStatus::parse(s).ok_or_else(|| {
            AppError::Message(ErrorCode::BadRequest, "没有这种任务状态。".into())
        })?),
    };
    let role = staff.account.role;
    let mut filter = TaskFilter {
        round_id: q.round,
        status,
        category: role.category(),
        town: role.town().map(|t| t.name()),
    };
    if role == Role::Inspector {
        filter.status = match status {
            None | Some(TaskStatus::Submitted) => Some(TaskStatus::Submitted),
            // Inspectors see only what waits for them.
            Some(_) => return Ok(Json(empty(&state))),
        };
    }
    let now = state.clock.now();
    let mut tasks = state.db.rectification_tasks(filter, now).await?;
    tasks
        .retain(|t| rectification::may_see(role, t.owner(), t.status) && (!q.overdue || t.overdue));
    Ok(Json(RectificationList {
        counts: RectificationCounts::of(&tasks),
        tasks,
        now,
    }))
}

/// Only the counts, for the office home's panel: the office's over every task, a lead
/// department's over its category's — the counts `GET /rectifications` gives the same
/// account. Towns and inspectors have their list.
#[utoipa::path(get, path = "/api/v1/rectifications/summary", tag = "rectification",
    responses((status = 200, body = RectificationCounts), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody)))]
pub async fn summary(
    State(state): State<AppState>,
    staff: Staff,
) -> AppResult<Json<RectificationCounts>> {
    let category = match staff.account.role {
        Role::Admin => None,
        Role::Department { category } => Some(category),
        Role::Town { .. } | Role::Inspector => {
            return Err(AppError::Message(
                ErrorCode::Forbidden,
                "整改任务汇总只给市创卫办和牵头部门看；请打开整改任务列表。".into(),
            ))
        }
    };
    let counts = state
        .db
        .rectification_counts(category, state.clock.now())
        .await?;
    Ok(Json(counts))
}

fn empty(state: &AppState) -> RectificationList {
    RectificationList {
        tasks: Vec::new(),
        counts: RectificationCounts::default(),
        now: state.clock.now(),
    }
}

/// The task if the caller may see it: 404 when there is none, 403 when it is another
/// town's or category's.
async fn visible(state: &AppState, staff: &Staff, id: i64) -> AppResult<RectificationTask> {
    let task = state
        .db
        .rectification_task(id, state.clock.now())
        .await?
        .ok_or(AppError::Code(ErrorCode::NotFound))?;
    if !rectification::may_see(staff.account.role, task.owner(), task.status) {
        return Err(AppError::Message(
            ErrorCode::Forbidden,
            "这项整改任务不归你的单位负责。".into(),
        ));
    }
    Ok(task)
}

async fn detail_of(state: &AppState, staff: &Staff, id: i64) -> AppResult<RectificationDetail> {
    let task = visible(state, staff, id).await?;
    let (events, submissions) = state.db.rectification_history(id).await?;
    Ok(RectificationDetail {
        allowed: rectification::allowed(staff.account.role, &task),
        task,
        events,
        submissions,
        now: state.clock.now(),
    })
}

/// A task with its events (oldest first), its submissions (newest first, each with its
/// photos) and what the caller may do now.
#[utoipa::path(get, path = "/api/v1/rectifications/{id}", tag = "rectification", params(("id" = i64, Path)),
    responses((status = 200, body = RectificationDetail), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn detail(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<i64>,
) -> AppResult<Json<RectificationDetail>> {
    Ok(Json(detail_of(&state, &staff, id).await?))
}

/// Checks role and state, then makes the change (one conditional update: of two at
/// once, one wins and the other gets 409 with the state it found).
async fn act(
    state: &AppState,
    staff: &Staff,
    id: i64,
    action: TaskAction,
    reason: Option<&str>,
    submission: Option<&ParsedSubmission>,
) -> AppResult<RectificationDetail> {
    let task = visible(state, staff, id).await?;
    let role = staff.account.role;
    if !rectification::may_act(role, task.owner(), action) {
        return Err(AppError::Message(
            ErrorCode::Forbidden,
            match action {
                TaskAction::Submit => "只有负责的镇（街道）或牵头部门可以提交整改。",
                TaskAction::Acknowledge => "只有负责的镇（街道）可以确认提醒。",
                _ => "只有现场评分员或创卫办可以核验整改。",
            }
            .into(),
        ));
    }
    let illegal = |msg: &str| AppError::Message(ErrorCode::IllegalTransition, msg.into());
    let to = rectification::transition(task.kind, task.status, action).map_err(illegal)?;
    let now = state.clock.now();
    match state
        .db
        .act_on_rectification(
            id,
            action,
            task.status,
            to,
            staff.account.id,
            reason,
            submission,
            now,
        )
        .await
    {
        Ok(()) => detail_of(state, staff, id).await,
        Err(ActError::Moved(now_status)) => Err(illegal(
            rectification::transition(task.kind, now_status, action)
                .err()
                .unwrap_or("这项任务刚被别人处理过，请刷新后再看。"),
        )),
        Err(ActError::Photos) => Err(AppError::Validation(vec![FieldError::new(
            "photo_ids",
            "unknown",
            "有照片没有上传成功，请重新上传后再提交。",
        )])),
        Err(ActError::Db(e)) => Err(e.into()),
    }
}

/// Sends after-photos (uploaded first through `POST /api/v1/photos` by the same account)
/// and a description: the task's town or its lead department, while it is open or
/// returned.
#[utoipa::path(post, path = "/api/v1/rectifications/{id}/submissions", tag = "rectification",
    request_body = SubmitRectificationRequest, params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 201, body = RectificationDetail), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "illegal_transition: not open or returned", body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn submit(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<i64>,
    AppJson(req): AppJson<SubmitRectificationRequest>,
) -> AppResult<(StatusCode, Json<RectificationDetail>)> {
    let parsed = req.parse().map_err(AppError::Validation)?;
    let d = act(&state, &staff, id, TaskAction::Submit, None, Some(&parsed)).await?;
    Ok((StatusCode::CREATED, Json(d)))
}

/// Accepts a submitted rectification: an inspector or the office.
#[utoipa::path(post, path = "/api/v1/rectifications/{id}/verify", tag = "rectification",
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = RectificationDetail), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "illegal_transition: not submitted", body = ErrorBody)))]
pub async fn verify(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<i64>,
) -> AppResult<Json<RectificationDetail>> {
    Ok(Json(
        act(&state, &staff, id, TaskAction::Verify, None, None).await?,
    ))
}

/// Sends a submitted rectification back with a required reason (2–200 characters): an
/// inspector or the office. The submission is kept; the town submits again.
#[utoipa::path(post, path = "/api/v1/rectifications/{id}/return", tag = "rectification",
    request_body = ReturnRectificationRequest, params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = RectificationDetail), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "illegal_transition: not submitted", body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn send_back(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<i64>,
    AppJson(req): AppJson<ReturnRectificationRequest>,
) -> AppResult<Json<RectificationDetail>> {
    let reason = parse_reason(&req.reason)?;
    Ok(Json(
        act(&state, &staff, id, TaskAction::Return, Some(&reason), None).await?,
    ))
}

/// The town acknowledges a reminder (次差): nothing to submit.
#[utoipa::path(post, path = "/api/v1/rectifications/{id}/acknowledge", tag = "rectification",
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = RectificationDetail), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "illegal_transition: not an open reminder", body = ErrorBody)))]
pub async fn acknowledge(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<i64>,
) -> AppResult<Json<RectificationDetail>> {
    Ok(Json(
        act(&state, &staff, id, TaskAction::Acknowledge, None, None).await?,
    ))
}
