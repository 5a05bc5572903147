//! Staff authentication: argon2id password hashes, session cookies, CSRF tokens, and the
//! extractors that let a handler say who may call it ([`Staff`], [`Admin`]).

use crate::error::AppError;
use crate::state::AppState;
use anyhow::Context;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::Method;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use base64::Engine;
use pingxuan_domain::api::{StaffAccount, CSRF_HEADER};
use pingxuan_domain::ErrorCode;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// Hashes a password with argon2id (the crate's defaults: 19 MiB, 2 passes). Slow on
/// purpose: call it from `spawn_blocking`.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

/// Checks a password against a stored hash; a malformed hash never matches.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to verify against when the user name is unknown, so that a wrong name takes as
/// long as a wrong password and does not reveal which names exist.
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password("pingxuan-no-such-user").expect("argon2 hashes"))
}

/// Hashes off the async runtime.
pub async fn hash_password_blocking(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .context("password hashing task")?
        .map_err(AppError::from)
}

/// 32 random bytes, base64url: session tokens and CSRF tokens.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database stores instead of the token itself.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The session cookie's name: with the `__Host-` prefix when served over HTTPS.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-pingxuan_session"
    } else {
        "pingxuan_session"
    }
}

/// The session cookie: HttpOnly, SameSite=Lax, path `/`, Secure on HTTPS.
pub fn session_cookie(token: String, secure: bool, max_age_hours: i64) -> Cookie<'static> {
    Cookie::build((cookie_name(secure), token))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .path("/")
        .max_age(cookie::time::Duration::hours(max_age_hours))
        .build()
}

/// A cookie that removes the session cookie.
pub fn removal_cookie(secure: bool) -> Cookie<'static> {
    let mut c = session_cookie(String::new(), secure, 0);
    c.make_removal();
    c
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A signed-in staff member. As an extractor it answers 401 without a live session, and
/// 403 `csrf_failed` on a write (any method but GET/HEAD/OPTIONS) whose `x-csrf-token`
/// header does not match the session's token.
#[derive(Debug, Clone)]
pub struct Staff {
    pub account: StaffAccount,
    pub csrf_token: String,
    pub token_hash: String,
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let token = jar
            .get(cookie_name(state.config.secure_cookies))
            .map(|c| c.value().to_owned())
            .ok_or(AppError::Code(ErrorCode::Unauthenticated))?;
        let token_hash = token_hash(&token);
        let (account, csrf_token) = state
            .db
            .session(&token_hash, chrono::Utc::now())
            .await?
            .ok_or(AppError::Code(ErrorCode::Unauthenticated))?;
        if !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .map(|v| v.as_bytes())
                .unwrap_or_default();
            if !constant_time_eq(sent, csrf_token.as_bytes()) {
                return Err(AppError::Code(ErrorCode::CsrfFailed));
            }
        }
        Ok(Staff {
            account,
            csrf_token,
            token_hash,
        })
    }
}

/// `Option<Staff>`: `None` for a visitor without a live session; a signed-in staff member
/// whose write lacks the CSRF token is still refused.
impl axum::extract::OptionalFromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Self::Rejection> {
        match <Staff as FromRequestParts<AppState>>::from_request_parts(parts, state).await {
            Ok(staff) => Ok(Some(staff)),
            Err(AppError::Code(ErrorCode::Unauthenticated)) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A signed-in office admin (创卫办); other roles get 403.
#[derive(Debug, Clone)]
pub struct Admin(pub Staff);

impl FromRequestParts<AppState> for Admin {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let staff = Staff::from_request_parts(parts, state).await?;
        if staff.account.role.is_admin() {
            Ok(Admin(staff))
        } else {
            Err(AppError::Code(ErrorCode::Forbidden))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_themselves() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse batter", &h));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (random_token(), random_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
    }

    #[test]
    fn cookie_attributes() {
        let c = session_cookie("t".into(), true, 12).to_string();
        assert!(c.starts_with("__Host-pingxuan_session=t"), "{c}");
        for attr in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
            assert!(c.contains(attr), "{c} lacks {attr}");
        }
        assert!(!session_cookie("t".into(), false, 12)
            .to_string()
            .contains("Secure"));
    }
}
