//! `GET /api/v1/health`: the server is up and its database answers.

use crate::error::AppResult;
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use pingxuan_domain::api::HealthResponse;

pub fn router() -> Router<AppState> {
    Router::new().route("/health", get(health))
}

/// The server is up and the database answers.
#[utoipa::path(get, path = "/api/v1/health", tag = "system",
    responses((status = 200, body = HealthResponse), (status = 500, body = pingxuan_domain::ErrorBody)))]
pub async fn health(State(state): State<AppState>) -> AppResult<Json<HealthResponse>> {
    state.db.ping().await?;
    Ok(Json(HealthResponse {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    }))
}
