//! `/api/v1/staff`: office admins manage staff accounts.

use crate::auth::{hash_password_blocking, Admin};
use crate::db::WriteError;
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, patch};
use axum::{Json, Router};
use chrono::Utc;
use pingxuan_domain::api::{CreateStaffRequest, StaffAccount, StaffList, UpdateStaffRequest};
use pingxuan_domain::{ErrorCode, FieldError, Role};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff", get(list).post(create))
        .route("/staff/{id}", patch(update))
}

/// All staff accounts.
#[utoipa::path(get, path = "/api/v1/staff", tag = "staff",
    responses((status = 200, body = StaffList), (status = 401, body = pingxuan_domain::ErrorBody), (status = 403, body = pingxuan_domain::ErrorBody)))]
pub async fn list(State(state): State<AppState>, _admin: Admin) -> AppResult<Json<StaffList>> {
    Ok(Json(StaffList {
        accounts: state.db.accounts().await?,
    }))
}

/// Creates a staff account with an initial password.
#[utoipa::path(post, path = "/api/v1/staff", tag = "staff", request_body = CreateStaffRequest,
    params(("x-csrf-token" = String, Header)),
    responses((status = 201, body = StaffAccount), (status = 400, body = pingxuan_domain::ErrorBody),
              (status = 401, body = pingxuan_domain::ErrorBody), (status = 403, body = pingxuan_domain::ErrorBody),
              (status = 409, description = "user name taken", body = pingxuan_domain::ErrorBody),
              (status = 422, body = pingxuan_domain::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Admin(admin): Admin,
    AppJson(req): AppJson<CreateStaffRequest>,
) -> AppResult<(StatusCode, Json<StaffAccount>)> {
    let new = req.parse()?;
    let hash = hash_password_blocking(new.password.expose().to_owned()).await?;
    match state
        .db
        .insert_account(&new, &hash, Some(admin.account.id), Utc::now())
        .await
    {
        Ok(account) => Ok((StatusCode::CREATED, Json(account))),
        Err(WriteError::Duplicate) => Err(AppError::Validation(vec![FieldError::new(
            "username",
            "taken",
            "这个用户名已经有人用了，请换一个。",
        )])
        .with_code(ErrorCode::Conflict)),
        Err(WriteError::Db(e)) => Err(e.into()),
    }
}

/// Changes a staff account: name, role, active, or a new password (which signs it out
/// everywhere). The last active admin cannot be disabled or demoted.
#[utoipa::path(patch, path = "/api/v1/staff/{id}", tag = "staff", request_body = UpdateStaffRequest,
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = StaffAccount), (status = 400, body = pingxuan_domain::ErrorBody),
              (status = 401, body = pingxuan_domain::ErrorBody), (status = 403, body = pingxuan_domain::ErrorBody),
              (status = 404, body = pingxuan_domain::ErrorBody), (status = 409, body = pingxuan_domain::ErrorBody),
              (status = 422, body = pingxuan_domain::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    Admin(admin): Admin,
    AppPath(id): AppPath<i64>,
    AppJson(req): AppJson<UpdateStaffRequest>,
) -> AppResult<Json<StaffAccount>> {
    let changes = req.parse()?;
    let existing = state
        .db
        .account(id)
        .await?
        .ok_or(AppError::Code(ErrorCode::NotFound))?;
    let loses_admin = existing.role == Role::Admin
        && existing.active
        && (changes.active == Some(false) || changes.role.is_some_and(|r| r != Role::Admin));
    if loses_admin && state.db.other_active_admins(id).await? == 0 {
        return Err(AppError::Message(
            ErrorCode::Conflict,
            "至少要保留一个可用的管理员账号。".into(),
        ));
    }
    let hash = match &changes.password {
        Some(p) => Some(hash_password_blocking(p.expose().to_owned()).await?),
        None => None,
    };
    state
        .db
        .update_account(id, &changes, hash.as_deref(), admin.account.id, Utc::now())
        .await?
        .map(Json)
        .ok_or(AppError::Code(ErrorCode::NotFound))
}
