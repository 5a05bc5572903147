//! The office's panel against ballot-stuffing (刷票): ballots per hour per candidate,
//! bursts, devices and networks shared by many voters, the ballots from one source, and
//! voiding a ballot — never silently: the reason goes to the audit log in the same
//! transaction, and voided ballots are counted on the voting page and the results.

use crate::auth::Admin;
use crate::db::voting::VoidError;
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::state::AppState;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use pingxuan_domain::voting::{FraudReport, InspectedBallot, VoidRequest};
use pingxuan_domain::{ErrorBody, ErrorCode, FieldError};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/rounds/{id}/fraud", get(report))
        .route("/rounds/{id}/fraud/ballots", get(ballots))
        .route("/rounds/{id}/ballots/void", post(void))
}

async fn known_round(state: &AppState, id: i64) -> AppResult<()> {
    state
        .db
        .round(id)
        .await?
        .map(|_| ())
        .ok_or(AppError::Code(ErrorCode::NotFound))
}

/// The panel: hourly ballots per candidate, bursts, shared devices and busy networks.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/fraud", tag = "voting", params(("id" = i64, Path)),
    responses((status = 200, body = FraudReport), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn report(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<i64>,
) -> AppResult<Json<FraudReport>> {
    known_round(&state, id).await?;
    let (shared_devices, busy_networks) = state.db.shared_sources(id).await?;
    Ok(Json(FraudReport {
        hourly: state.db.hourly_votes(id).await?,
        bursts: state.db.bursts(id).await?,
        shared_devices,
        busy_networks,
        voided_ballots: state.db.voided_count(id, None).await? as u32,
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct SourceQuery {
    /// A device (its hash's first 12 characters, as the panel shows) or a network.
    pub source: String,
}

/// The ballots cast from one device or network.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/fraud/ballots", tag = "voting", params(("id" = i64, Path), SourceQuery),
    responses((status = 200, body = Vec<InspectedBallot>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn ballots(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<i64>,
    AppQuery(q): AppQuery<SourceQuery>,
) -> AppResult<Json<Vec<InspectedBallot>>> {
    known_round(&state, id).await?;
    let source = q.source.trim();
    if source.is_empty() || source.len() > 64 {
        return Err(AppError::Code(ErrorCode::BadRequest));
    }
    Ok(Json(state.db.ballots_from(id, source).await?))
}

/// Voids one ballot with a reason (2–200 characters), recorded in the audit log.
#[utoipa::path(post, path = "/api/v1/rounds/{id}/ballots/void", tag = "voting", request_body = VoidRequest,
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn void(
    State(state): State<AppState>,
    Admin(admin): Admin,
    AppPath(id): AppPath<i64>,
    AppJson(req): AppJson<VoidRequest>,
) -> AppResult<axum::http::StatusCode> {
    let reason = req.reason.trim();
    if !(2..=200).contains(&reason.chars().count()) {
        return Err(AppError::Validation(vec![FieldError::new(
            "reason",
            "length",
            "请写明作废的理由（2到200个字）。",
        )]));
    }
    match state
        .db
        .void_ballot(id, req.ballot_id, reason, admin.account.id, Utc::now())
        .await
    {
        Ok(()) => Ok(axum::http::StatusCode::NO_CONTENT),
        Err(VoidError::NotFound) => Err(AppError::Code(ErrorCode::NotFound)),
        Err(VoidError::AlreadyVoided) => Err(AppError::Message(
            ErrorCode::Conflict,
            "这张选票已经作废。".into(),
        )),
        Err(VoidError::Db(e)) => Err(e.into()),
    }
}
