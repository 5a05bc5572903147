//! Score sheets: each category's department writes and edits its draft version, the
//! office approves it (frozen from then on), and a round pins the approved version of
//! each category it scores with — a pin that cannot change once field scoring runs.
//! Every change is in the audit log.

use crate::auth::{Admin, Staff};
use crate::db::sheets::SheetError;
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::Utc;
use pingxuan_domain::field::pins_editable;
use pingxuan_domain::score_sheet::{
    PinSheetRequest, RoundSheets, SheetDraftInput, SheetList, SheetStatus, SheetVersion,
};
use pingxuan_domain::{Category, ErrorBody, ErrorCode, FieldError, Role};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sheets", get(list).post(create))
        .route("/sheets/{id}", get(one).put(edit))
        .route("/sheets/{id}/approve", post(approve))
        .route("/rounds/{id}/sheets", get(round_sheets))
        .route("/rounds/{id}/sheets/{category}", put(pin))
}

/// Admins and the category's own department.
fn require_category(staff: &Staff, category: Category) -> AppResult<()> {
    match staff.account.role {
        Role::Admin => Ok(()),
        Role::Department { category: own } if own == category => Ok(()),
        _ => Err(AppError::Code(ErrorCode::Forbidden)),
    }
}

fn sheet_error(e: SheetError) -> AppError {
    match e {
        SheetError::NotFound => AppError::Code(ErrorCode::NotFound),
        SheetError::DraftExists => AppError::Message(
            ErrorCode::Conflict,
            "这一类已有一份草稿，请在草稿上修改。".into(),
        ),
        SheetError::Approved => AppError::Message(
            ErrorCode::Conflict,
            "这个版本已审定，不能再修改；请新建一个版本。".into(),
        ),
        SheetError::Locked => AppError::Message(
            ErrorCode::PhaseClosed,
            "现场评分已经开始，本期使用的评分表不能再更换。".into(),
        ),
        SheetError::NotPinnable => AppError::Validation(vec![FieldError::new(
            "sheet_id",
            "not_approved",
            "只能选用这一类已审定的评分表版本。",
        )]),
        SheetError::Db(e) => e.into(),
    }
}

async fn version(state: &AppState, id: i64) -> AppResult<SheetVersion> {
    state
        .db
        .sheet_version(id)
        .await?
        .ok_or(AppError::Code(ErrorCode::NotFound))
}

/// The round's phase; 404 when there is no such round.
pub(crate) async fn round_phase(state: &AppState, id: i64) -> AppResult<pingxuan_domain::Phase> {
    state
        .db
        .round(id)
        .await?
        .map(|r| r.phase)
        .ok_or(AppError::Code(ErrorCode::NotFound))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct CategoryQuery {
    pub category: Category,
}

/// A category's versions, newest first (its department and the office).
#[utoipa::path(get, path = "/api/v1/sheets", tag = "field", params(CategoryQuery),
    responses((status = 200, body = SheetList), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    AppQuery(q): AppQuery<CategoryQuery>,
) -> AppResult<Json<SheetList>> {
    require_category(&staff, q.category)?;
    Ok(Json(SheetList {
        versions: state.db.sheet_versions(q.category).await?,
    }))
}

/// One version (its category's department and the office).
#[utoipa::path(get, path = "/api/v1/sheets/{id}", tag = "field", params(("id" = i64, Path)),
    responses((status = 200, body = SheetVersion), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<i64>,
) -> AppResult<Json<SheetVersion>> {
    let version = version(&state, id).await?;
    require_category(&staff, version.category)?;
    Ok(Json(version))
}

/// Starts the category's next version as a draft (one draft per category at a time).
#[utoipa::path(post, path = "/api/v1/sheets", tag = "field", request_body = SheetDraftInput,
    params(("x-csrf-token" = String, Header)),
    responses((status = 201, body = SheetVersion), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    AppJson(input): AppJson<SheetDraftInput>,
) -> AppResult<(StatusCode, Json<SheetVersion>)> {
    require_category(&staff, input.category)?;
    input.content.validate()?;
    let version = state
        .db
        .insert_sheet_version(
            input.category,
            &input.content,
            SheetStatus::Draft,
            Some(staff.account.id),
            Utc::now(),
        )
        .await
        .map_err(sheet_error)?;
    Ok((StatusCode::CREATED, Json(version)))
}

/// Edits a draft; an approved version never changes (409).
#[utoipa::path(put, path = "/api/v1/sheets/{id}", tag = "field", request_body = SheetDraftInput,
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = SheetVersion), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn edit(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<i64>,
    AppJson(input): AppJson<SheetDraftInput>,
) -> AppResult<Json<SheetVersion>> {
    let current = version(&state, id).await?;
    require_category(&staff, current.category)?;
    if input.category != current.category {
        return Err(AppError::Validation(vec![FieldError::new(
            "category",
            "changed",
            "评分表的类别不能更改。",
        )]));
    }
    input.content.validate()?;
    let version = state
        .db
        .update_sheet_draft(id, &input.content, staff.account.id, Utc::now())
        .await
        .map_err(sheet_error)?;
    Ok(Json(version))
}

/// The office approves a draft: it is frozen from now on and rounds may pin it.
#[utoipa::path(post, path = "/api/v1/sheets/{id}/approve", tag = "field",
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = SheetVersion), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn approve(
    State(state): State<AppState>,
    Admin(admin): Admin,
    AppPath(id): AppPath<i64>,
) -> AppResult<Json<SheetVersion>> {
    let current = version(&state, id).await?;
    // Written valid, but the rules may have tightened since: check again.
    current.content.validate()?;
    let version = state
        .db
        .approve_sheet(id, admin.account.id, Utc::now())
        .await
        .map_err(sheet_error)?;
    Ok(Json(version))
}

/// The versions the round pinned, and whether they may still change (any staff).
#[utoipa::path(get, path = "/api/v1/rounds/{id}/sheets", tag = "field", params(("id" = i64, Path)),
    responses((status = 200, body = RoundSheets), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
pub async fn round_sheets(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<i64>,
) -> AppResult<Json<RoundSheets>> {
    let phase = round_phase(&state, id).await?;
    Ok(Json(RoundSheets {
        round_id: id,
        editable: pins_editable(phase),
        pinned: state.db.round_sheets(id).await?,
    }))
}

/// Pins an approved version for a category of the round (the office). Refused once
/// field scoring runs, except a category's first pin during field scoring.
#[utoipa::path(put, path = "/api/v1/rounds/{id}/sheets/{category}", tag = "field", request_body = PinSheetRequest,
    params(("id" = i64, Path), ("category" = Category, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = RoundSheets), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn pin(
    State(state): State<AppState>,
    Admin(admin): Admin,
    AppPath((id, category)): AppPath<(i64, Category)>,
    AppJson(req): AppJson<PinSheetRequest>,
) -> AppResult<Json<RoundSheets>> {
    let phase = round_phase(&state, id).await?;
    let pinned = state
        .db
        .pin_sheet(
            id,
            category,
            req.sheet_id,
            Some(admin.account.id),
            Utc::now(),
        )
        .await
        .map_err(sheet_error)?;
    Ok(Json(RoundSheets {
        round_id: id,
        editable: pins_editable(phase),
        pinned,
    }))
}
