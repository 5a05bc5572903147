//! Signing in and out: `/api/v1/session`.

use super::{fetch_json, send_json, ClientError};
use gloo_net::http::Method;
use pingxuan_domain::api::{paths, LoginRequest, SessionResponse};

/// The signed-in staff account, or `None` when nobody is signed in (401).
pub async fn current() -> Result<Option<SessionResponse>, ClientError> {
    match fetch_json::<SessionResponse>(paths::SESSION).await {
        Ok(session) => Ok(Some(session)),
        Err(e) if e.is_unauthenticated() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Signs in; the server sets the HttpOnly session cookie. No CSRF token exists yet.
pub async fn login(request: &LoginRequest) -> Result<SessionResponse, ClientError> {
    send_json(Method::POST, paths::SESSION, Some(request), None).await
}

/// Signs out of this session.
pub async fn logout(csrf: &str) -> Result<(), ClientError> {
    send_json::<(), ()>(Method::DELETE, paths::SESSION, None, Some(csrf)).await
}
