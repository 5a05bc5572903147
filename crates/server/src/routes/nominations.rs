//! `/api/v1/nominations` and `/api/v1/rounds/{id}/nominations`: residents nominate
//! places (no login; rate-limited per device and address), and everyone sees the list.

use crate::db::nominations::NominationError;
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery, ClientIp};
use crate::routes::rounds::open_round;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use pingxuan_domain::api::DEVICE_HEADER;
use pingxuan_domain::nomination::{NominationInput, NominationList, NominationReceipt};
use pingxuan_domain::{Category, ErrorCode, FieldError, Phase};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::time::Instant;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/nominations", post(create))
        .route("/rounds/{id}/nominations", get(list))
}

/// The SHA-256 of the app's device id header, if it sent a plausible one.
pub fn device_hash(headers: &HeaderMap) -> Option<String> {
    let raw = headers.get(DEVICE_HEADER)?.to_str().ok()?.trim();
    (8..=64)
        .contains(&raw.len())
        .then(|| hex::encode(Sha256::digest(raw.as_bytes())))
}

/// Nominates a place while the nomination phase is open. No login.
#[utoipa::path(post, path = "/api/v1/nominations", tag = "nominations", request_body = NominationInput,
    params(("x-device-id" = Option<String>, Header, description = "the app's random per-device id")),
    responses((status = 201, body = NominationReceipt), (status = 400, body = pingxuan_domain::ErrorBody),
              (status = 409, description = "phase_closed", body = pingxuan_domain::ErrorBody),
              (status = 413, body = pingxuan_domain::ErrorBody), (status = 415, body = pingxuan_domain::ErrorBody),
              (status = 422, body = pingxuan_domain::ErrorBody), (status = 429, body = pingxuan_domain::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    AppJson(input): AppJson<NominationInput>,
) -> AppResult<(StatusCode, Json<NominationReceipt>)> {
    let parsed = input.parse()?;
    let round = open_round(&state, Phase::Nomination).await?;
    let device = device_hash(&headers);
    if !state
        .nomination_limiter
        .try_acquire(device.as_deref(), ip, Instant::now())
    {
        return Err(AppError::Message(
            ErrorCode::RateLimited,
            "您提交得太频繁了，请过一会儿再推荐。".into(),
        ));
    }
    let field = |name: &str, code: &str, msg: &str| {
        AppError::Validation(vec![FieldError::new(name, code, msg)])
    };
    match state
        .db
        .insert_nomination(round.id, &parsed, device.as_deref(), Utc::now())
        .await
    {
        Ok(receipt) => Ok((StatusCode::CREATED, Json(receipt))),
        Err(NominationError::UnknownPlace) => Err(field(
            "place.place_id",
            "unknown",
            "没有找到这个地点，请重新选择。",
        )),
        Err(NominationError::WrongCategory) => Err(field(
            "place.place_id",
            "wrong_category",
            "这个地点不属于所选的类别。",
        )),
        Err(NominationError::PhotoUnavailable) => Err(field(
            "photo_ids",
            "unknown",
            "有照片没有上传成功，请重新选择。",
        )),
        Err(NominationError::Db(e)) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    pub category: Category,
}

/// The round's nominations of a category, grouped by place, most nominated first.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/nominations", tag = "nominations",
    params(("id" = i64, Path), ListQuery),
    responses((status = 200, body = NominationList), (status = 400, body = pingxuan_domain::ErrorBody),
              (status = 404, body = pingxuan_domain::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    AppPath(id): AppPath<i64>,
    AppQuery(q): AppQuery<ListQuery>,
) -> AppResult<Json<NominationList>> {
    state
        .db
        .round(id)
        .await?
        .ok_or(AppError::Code(ErrorCode::NotFound))?;
    let places = state.db.nominated_places(id, q.category, 4).await?;
    Ok(Json(NominationList {
        round_id: id,
        category: q.category,
        total_nominations: places.iter().map(|p| p.nominations).sum(),
        places,
    }))
}
