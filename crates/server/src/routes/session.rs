//! `/api/v1/session`: staff sign in, see who they are, sign out.

use crate::auth::{self, Staff};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, ClientIp};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use axum_extra::extract::cookie::CookieJar;
use chrono::{Duration, Utc};
use pingxuan_domain::api::{LoginRequest, SessionResponse};
use pingxuan_domain::{ErrorCode, FieldError};

pub fn router() -> Router<AppState> {
    Router::new().route("/session", get(current).post(login).delete(logout))
}

/// Signs in with user name and password. Sets a new session cookie (any previous one is
/// discarded) and returns the account with its CSRF token. Attempts are limited per client
/// address and per user name.
#[utoipa::path(post, path = "/api/v1/session", tag = "session", request_body = LoginRequest,
    responses((status = 200, body = SessionResponse),
              (status = 401, description = "invalid_credentials", body = pingxuan_domain::ErrorBody),
              (status = 422, body = pingxuan_domain::ErrorBody),
              (status = 429, description = "rate_limited", body = pingxuan_domain::ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    AppJson(req): AppJson<LoginRequest>,
) -> AppResult<(CookieJar, Json<SessionResponse>)> {
    let username = req.username.trim().to_ascii_lowercase();
    let mut problems = Vec::new();
    if username.is_empty() || username.len() > 64 {
        problems.push(FieldError::new("username", "required", "请填写用户名。"));
    }
    if req.password.is_empty() || req.password.len() > 1024 {
        problems.push(FieldError::new("password", "required", "请填写密码。"));
    }
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }

    let ip_key = format!("ip:{}", ip.map(|i| i.to_string()).unwrap_or_default());
    let user_key = format!("user:{username}");
    if !state
        .login_limiter
        .try_acquire(&state.db, &[&ip_key, &user_key], state.clock.now())
        .await?
    {
        tracing::warn!(%username, ?ip, "login rate limit hit");
        return Err(AppError::Code(ErrorCode::RateLimited));
    }

    let found = state.db.account_for_login(&username).await?;
    let (account, hash) = match found {
        Some((account, hash)) => (Some(account), hash),
        None => (None, auth::dummy_hash().to_owned()),
    };
    let password = req.password;
    let ok = tokio::task::spawn_blocking(move || auth::verify_password(&password, &hash))
        .await
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("password check")))?;
    let account = match account {
        Some(a) if ok && a.active => a,
        _ => return Err(AppError::Code(ErrorCode::InvalidCredentials)),
    };
    state.login_limiter.reset(&state.db, &user_key).await?;

    let secure = state.config.secure_cookies;
    let previous = jar
        .get(auth::cookie_name(secure))
        .map(|c| auth::token_hash(c.value()));
    let token = auth::random_token();
    let csrf_token = auth::random_token();
    let now = Utc::now();
    let hours = state.config.session_hours;
    state
        .db
        .create_session(
            &auth::token_hash(&token),
            account.id,
            &csrf_token,
            previous.as_deref(),
            now,
            now + Duration::hours(hours),
        )
        .await?;
    tracing::info!(account = account.id, "signed in");
    let jar = jar.add(auth::session_cookie(token, secure, hours));
    Ok((
        jar,
        Json(SessionResponse {
            account,
            csrf_token,
        }),
    ))
}

/// The signed-in account and its CSRF token; 401 when signed out.
#[utoipa::path(get, path = "/api/v1/session", tag = "session",
    responses((status = 200, body = SessionResponse), (status = 401, body = pingxuan_domain::ErrorBody)))]
pub async fn current(staff: Staff) -> Json<SessionResponse> {
    Json(SessionResponse {
        account: staff.account,
        csrf_token: staff.csrf_token,
    })
}

/// Signs out: the session ends on the server and the cookie is removed.
#[utoipa::path(delete, path = "/api/v1/session", tag = "session",
    params(("x-csrf-token" = String, Header, description = "the session's CSRF token")),
    responses((status = 204), (status = 401, body = pingxuan_domain::ErrorBody), (status = 403, body = pingxuan_domain::ErrorBody)))]
pub async fn logout(
    State(state): State<AppState>,
    staff: Staff,
    jar: CookieJar,
) -> AppResult<(CookieJar, StatusCode)> {
    state.db.delete_session(&staff.token_hash).await?;
    let jar = jar.add(auth::removal_cookie(state.config.secure_cookies));
    Ok((jar, StatusCode::NO_CONTENT))
}
