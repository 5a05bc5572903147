//! `/api/v1/rounds`: the current round (public), and creating, editing and advancing
//! rounds (office admins).

use crate::auth::Admin;
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use pingxuan_domain::api::{AdvanceRequest, CurrentRoundResponse, RoundList, RoundView};
use pingxuan_domain::phase::{self, TransitionError};
use pingxuan_domain::round::RoundInput;
use pingxuan_domain::{ErrorCode, Lang, Phase};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/rounds", get(list).post(create))
        .route("/rounds/current", get(current))
        .route("/rounds/{id}", get(one).put(update))
        .route("/rounds/{id}/advance", post(advance))
}

/// The current round (the latest), or none, with the server's clock.
#[utoipa::path(get, path = "/api/v1/rounds/current", tag = "rounds",
    responses((status = 200, body = CurrentRoundResponse)))]
pub async fn current(State(state): State<AppState>) -> AppResult<Json<CurrentRoundResponse>> {
    Ok(Json(CurrentRoundResponse {
        round: state.db.current_round().await?,
        server_time: Utc::now(),
    }))
}

/// One round by id.
#[utoipa::path(get, path = "/api/v1/rounds/{id}", tag = "rounds", params(("id" = i64, Path)),
    responses((status = 200, body = RoundView), (status = 400, body = pingxuan_domain::ErrorBody), (status = 404, body = pingxuan_domain::ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    AppPath(id): AppPath<i64>,
) -> AppResult<Json<RoundView>> {
    state
        .db
        .round(id)
        .await?
        .map(Json)
        .ok_or(AppError::Code(ErrorCode::NotFound))
}

/// Every round, newest first (admins).
#[utoipa::path(get, path = "/api/v1/rounds", tag = "rounds",
    responses((status = 200, body = RoundList), (status = 401, body = pingxuan_domain::ErrorBody), (status = 403, body = pingxuan_domain::ErrorBody)))]
pub async fn list(State(state): State<AppState>, _admin: Admin) -> AppResult<Json<RoundList>> {
    Ok(Json(RoundList {
        rounds: state.db.rounds().await?,
    }))
}

/// Starts a new round in the nomination phase. Only one round runs at a time: the
/// previous one must be published first.
#[utoipa::path(post, path = "/api/v1/rounds", tag = "rounds", request_body = RoundInput,
    params(("x-csrf-token" = String, Header)),
    responses((status = 201, body = RoundView), (status = 400, body = pingxuan_domain::ErrorBody),
              (status = 401, body = pingxuan_domain::ErrorBody), (status = 403, body = pingxuan_domain::ErrorBody),
              (status = 409, body = pingxuan_domain::ErrorBody), (status = 413, body = pingxuan_domain::ErrorBody),
              (status = 415, body = pingxuan_domain::ErrorBody), (status = 422, body = pingxuan_domain::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Admin(admin): Admin,
    AppJson(input): AppJson<RoundInput>,
) -> AppResult<(StatusCode, Json<RoundView>)> {
    input.validate()?;
    if let Some(running) = state.db.current_round().await? {
        if running.phase != Phase::Published {
            return Err(AppError::Message(
                ErrorCode::Conflict,
                format!("「{}」还没有公布结果，不能新建下一期。", running.name),
            ));
        }
    }
    let view = state
        .db
        .insert_round(&input, Some(admin.account.id), Utc::now())
        .await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Edits a round's name, schedule and settings. Published rounds are frozen; the
/// scoring settings are frozen once voting has begun.
#[utoipa::path(put, path = "/api/v1/rounds/{id}", tag = "rounds", request_body = RoundInput,
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = RoundView), (status = 400, body = pingxuan_domain::ErrorBody),
              (status = 401, body = pingxuan_domain::ErrorBody), (status = 403, body = pingxuan_domain::ErrorBody),
              (status = 404, body = pingxuan_domain::ErrorBody), (status = 409, body = pingxuan_domain::ErrorBody),
              (status = 422, body = pingxuan_domain::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    Admin(admin): Admin,
    AppPath(id): AppPath<i64>,
    AppJson(input): AppJson<RoundInput>,
) -> AppResult<Json<RoundView>> {
    input.validate()?;
    let existing = state
        .db
        .round(id)
        .await?
        .ok_or(AppError::Code(ErrorCode::NotFound))?;
    // Checked here for the common case; the UPDATE's own `phase <> 'published'` decides
    // when publication races this edit.
    let frozen = || AppError::Message(ErrorCode::Conflict, "结果已公布的一期不能再修改。".into());
    if existing.phase == Phase::Published {
        return Err(frozen());
    }
    if existing.phase >= Phase::Voting && existing.config != input.config {
        return Err(AppError::Message(
            ErrorCode::Conflict,
            "投票开始后不能再修改计分和投票规则。".into(),
        ));
    }
    state
        .db
        .update_round(id, &input, admin.account.id, Utc::now())
        .await?
        .map(Json)
        .ok_or_else(frozen)
}

/// Moves the round to its next phase. The body names the phase the caller saw; if the
/// round has moved on since, nothing changes (409).
#[utoipa::path(post, path = "/api/v1/rounds/{id}/advance", tag = "rounds", request_body = AdvanceRequest,
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = RoundView), (status = 400, body = pingxuan_domain::ErrorBody),
              (status = 401, body = pingxuan_domain::ErrorBody), (status = 403, body = pingxuan_domain::ErrorBody),
              (status = 404, body = pingxuan_domain::ErrorBody),
              (status = 409, description = "illegal_transition", body = pingxuan_domain::ErrorBody)))]
pub async fn advance(
    State(state): State<AppState>,
    Admin(admin): Admin,
    AppPath(id): AppPath<i64>,
    AppJson(req): AppJson<AdvanceRequest>,
) -> AppResult<Json<RoundView>> {
    let round = state
        .db
        .round(id)
        .await?
        .ok_or(AppError::Code(ErrorCode::NotFound))?;
    let now = Utc::now();
    let refuse = |e: TransitionError| AppError::Message(e.code(), e.message(Lang::Zh).to_owned());
    let next = phase::advance(round.phase, req.from, &round.schedule, now).map_err(refuse)?;
    if next == Phase::Published {
        // Publication freezes the results as version 1: the same as `…/results/publish`.
        let by = admin.account.id;
        super::results::store_version(&state, id, crate::db::results::Publication::First, by)
            .await?;
        return one(State(state), AppPath(id)).await;
    }
    match state
        .db
        .set_round_phase(id, req.from, next, admin.account.id, now)
        .await?
    {
        Some(view) => {
            tracing::info!(
                round = id,
                from = req.from.as_str(),
                to = next.as_str(),
                by = admin.account.id,
                "phase advanced"
            );
            if req.from == Phase::Voting {
                // Voting is closed: publish the ballot box's closing snapshot now rather
                // than at the next minute tick (which stays as the fallback if this fails).
                if let Err(err) = super::ballot_snapshots::take_due(&state, Utc::now()).await {
                    tracing::warn!(error = ?err, round = id, "closing ballot snapshot failed");
                }
            }
            Ok(Json(view))
        }
        // Someone else moved it between our read and our write.
        None => Err(refuse(TransitionError::Stale {
            expected: req.from,
            actual: round.phase,
        })),
    }
}

/// The current round if it is in `phase` and inside that phase's window now; otherwise
/// 409 `phase_closed`, saying when it opens or that it has closed.
pub(crate) async fn open_round(state: &AppState, phase: Phase) -> AppResult<RoundView> {
    use pingxuan_domain::phase::WindowStatus;
    let round = state
        .db
        .current_round()
        .await?
        .ok_or(AppError::Code(ErrorCode::PhaseClosed))?;
    let now = Utc::now();
    match round.schedule.window(phase).map(|w| (w, w.status(now))) {
        Some((_, WindowStatus::Open)) if round.phase == phase => Ok(round),
        Some((w, WindowStatus::Upcoming)) if round.phase == phase => Err(AppError::Message(
            ErrorCode::PhaseClosed,
            format!(
                "{}将于{}开始。",
                pingxuan_domain::lang::Label::label(&phase, Lang::Zh),
                pingxuan_domain::time::format_datetime(w.starts_at, Lang::Zh)
            ),
        )),
        _ => Err(AppError::Message(
            ErrorCode::PhaseClosed,
            format!(
                "本期{}已经结束。",
                pingxuan_domain::lang::Label::label(&phase, Lang::Zh)
            ),
        )),
    }
}
