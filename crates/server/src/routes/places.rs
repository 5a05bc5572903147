//! `/api/v1/places`: the place register — searched by residents as they type, kept by
//! staff (admins, and each department for its own category).

use crate::auth::Staff;
use crate::db::places::Source;
use crate::db::WriteError;
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use chrono::Utc;
use pingxuan_domain::api::PlaceList;
use pingxuan_domain::place::{Place, PlaceInput};
use pingxuan_domain::{Category, ErrorCode, FieldError, Role};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/places", get(search).post(create))
        .route("/places/{id}", put(update))
}

/// May this account keep the register of `category`?
fn may_manage(staff: &Staff, category: Category) -> bool {
    match staff.account.role {
        Role::Admin => true,
        Role::Department { category: own } => own == category,
        Role::Inspector | Role::Town { .. } => false,
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct SearchQuery {
    pub category: Category,
    /// Part of the name or town; empty lists the first places.
    #[serde(default)]
    pub q: String,
    /// At most this many (default 20, at most 50).
    pub limit: Option<u32>,
}

/// Places of a category matching `q` (search-as-you-type).
#[utoipa::path(get, path = "/api/v1/places", tag = "places", params(SearchQuery),
    responses((status = 200, body = PlaceList), (status = 400, body = pingxuan_domain::ErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    AppQuery(q): AppQuery<SearchQuery>,
) -> AppResult<Json<PlaceList>> {
    let text: String = q.q.trim().chars().take(40).collect();
    let limit = q.limit.unwrap_or(20).clamp(1, 50);
    Ok(Json(PlaceList {
        places: state.db.search_places(q.category, &text, limit).await?,
    }))
}

fn taken() -> AppError {
    AppError::Validation(vec![FieldError::new(
        "name",
        "taken",
        "这个镇已经有同名的地点了。",
    )])
    .with_code(ErrorCode::Conflict)
}

/// Adds a place to the register.
#[utoipa::path(post, path = "/api/v1/places", tag = "places", request_body = PlaceInput,
    params(("x-csrf-token" = String, Header)),
    responses((status = 201, body = Place), (status = 400, body = pingxuan_domain::ErrorBody),
              (status = 401, body = pingxuan_domain::ErrorBody), (status = 403, body = pingxuan_domain::ErrorBody),
              (status = 409, body = pingxuan_domain::ErrorBody), (status = 422, body = pingxuan_domain::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    AppJson(input): AppJson<PlaceInput>,
) -> AppResult<(StatusCode, Json<Place>)> {
    if !may_manage(&staff, input.category) {
        return Err(AppError::Code(ErrorCode::Forbidden));
    }
    let new = input.parse()?;
    let source = if staff.account.role.is_admin() {
        Source::Register
    } else {
        Source::Department
    };
    match state.db.insert_place(&new, source, Utc::now()).await {
        Ok(place) => Ok((StatusCode::CREATED, Json(place))),
        Err(WriteError::Duplicate) => Err(taken()),
        Err(WriteError::Db(e)) => Err(e.into()),
    }
}

/// Corrects a place's name, town, category or position.
#[utoipa::path(put, path = "/api/v1/places/{id}", tag = "places", request_body = PlaceInput,
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = Place), (status = 400, body = pingxuan_domain::ErrorBody),
              (status = 401, body = pingxuan_domain::ErrorBody), (status = 403, body = pingxuan_domain::ErrorBody),
              (status = 404, body = pingxuan_domain::ErrorBody), (status = 409, body = pingxuan_domain::ErrorBody),
              (status = 422, body = pingxuan_domain::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<i64>,
    AppJson(input): AppJson<PlaceInput>,
) -> AppResult<Json<Place>> {
    let existing = state
        .db
        .place(id)
        .await?
        .ok_or(AppError::Code(ErrorCode::NotFound))?;
    if !may_manage(&staff, existing.category) || !may_manage(&staff, input.category) {
        return Err(AppError::Code(ErrorCode::Forbidden));
    }
    let new = input.parse()?;
    match state.db.update_place(id, &new, Utc::now()).await {
        Ok(Some(place)) => Ok(Json(place)),
        Ok(None) => Err(AppError::Code(ErrorCode::NotFound)),
        Err(WriteError::Duplicate) => Err(taken()),
        Err(WriteError::Db(e)) => Err(e.into()),
    }
}
