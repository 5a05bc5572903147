//! Voting with WeChat (`snsapi_base`): `/voting/wechat/start` sends the browser to
//! WeChat's authorization page with a signed `state`; WeChat sends it back to
//! `/voting/wechat/callback` with a one-time `code`, which the server exchanges for the
//! person's openid. And `/wechat/jssdk`, the JS-SDK signature that lets a shared voting
//! link carry a title, a description and an image.
//!
//! The `state` is bound to a random nonce in a short-lived cookie set at the start, so a
//! state (or a callback link) obtained in one browser does not sign in another. Codes,
//! states and openids never appear in a URL this server makes shareable.

use crate::error::{AppError, AppResult};
use crate::extract::AppQuery;
use crate::identity::wechat::{issue_state, verify_state, StateError, WechatAuth, WechatError};
use crate::routes::nominations::device_hash;
use crate::routes::posters::base_url;
use crate::routes::voting::sign_in_voter;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use axum_extra::extract::CookieJar;
use base64::Engine;
use chrono::Utc;
use cookie::{Cookie, SameSite};
use pingxuan_domain::voting::{IdentityMethod, WechatJsSdk};
use pingxuan_domain::{ErrorBody, ErrorCode};
use serde::Deserialize;
use std::sync::Arc;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/voting/wechat/start", get(start))
        .route("/voting/wechat/callback", get(callback))
        .route("/wechat/jssdk", get(jssdk))
}

const CALLBACK: &str = "/api/v1/voting/wechat/callback";
/// Where WeChat's JS-SDK (`jweixin-1.6.0.js`) comes from: the CSP allows scripts from
/// it when an Official Account is configured.
pub const JSSDK_ORIGIN: &str = "https://res.wx.qq.com";
/// The cookie carrying the state's binding nonce and where to return.
const FLOW_COOKIE: &str = "pingxuan_wechat_flow";

fn wechat(state: &AppState) -> AppResult<Arc<dyn WechatAuth>> {
    state.wechat.clone().ok_or(AppError::Message(
        ErrorCode::NotFound,
        "本平台没有开通微信授权，请用手机号验证。".into(),
    ))
}

/// Only the voting pages are places to come back to.
fn safe_return(path: Option<&str>) -> String {
    match path {
        Some(p)
            if p.starts_with("/vote/")
                && !p.contains("//")
                && !p.contains('\\')
                && p.chars().all(|c| c.is_ascii_graphic()) =>
        {
            p.to_owned()
        }
        _ => "/vote/".to_owned(),
    }
}

fn flow_cookie(value: String, secure: bool) -> Cookie<'static> {
    Cookie::build((FLOW_COOKIE, value))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .path("/api/v1/voting/wechat")
        .max_age(cookie::time::Duration::minutes(10))
        .build()
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct StartQuery {
    /// The voting page to come back to (`/vote/…`).
    pub return_to: Option<String>,
}

/// Starts WeChat authorization: a redirect to WeChat with a signed `state`.
#[utoipa::path(get, path = "/api/v1/voting/wechat/start", tag = "voting", params(StartQuery),
    responses((status = 302, description = "to WeChat's authorization page"),
              (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn start(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    AppQuery(q): AppQuery<StartQuery>,
) -> AppResult<Response> {
    let wechat = wechat(&state)?;
    let nonce = crate::auth::random_token();
    let back = safe_return(q.return_to.as_deref());
    let oauth_state = issue_state(state.secret.bytes(), &nonce, Utc::now());
    let redirect_uri = format!("{}{CALLBACK}", base_url(&state, &headers)?);
    let flow = format!(
        "{nonce}.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(back)
    );
    let jar = jar.add(flow_cookie(flow, state.config.secure_cookies));
    let to = wechat.authorize_url(&redirect_uri, &oauth_state);
    Ok((jar, (StatusCode::FOUND, [(header::LOCATION, to)])).into_response())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct CallbackQuery {
    pub code: Option<String>,
    pub state: Option<String>,
}

fn refused(message: &str) -> AppError {
    AppError::Message(ErrorCode::BadRequest, message.to_owned())
}

/// WeChat's return: checks `state` against this browser's nonce, exchanges `code` for
/// the openid, makes the person a verified voter, and returns to the voting page.
#[utoipa::path(get, path = "/api/v1/voting/wechat/callback", tag = "voting", params(CallbackQuery),
    responses((status = 302, description = "back to the voting page, verified"),
              (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    AppQuery(q): AppQuery<CallbackQuery>,
) -> AppResult<Response> {
    let wechat = wechat(&state)?;
    let (Some(code), Some(oauth_state)) = (q.code.as_deref(), q.state.as_deref()) else {
        // The person declined, or the link was cut short.
        return Err(refused("没有完成微信授权，请重新打开投票链接。"));
    };
    if code.is_empty()
        || code.len() > 128
        || !code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(refused("微信授权码无效，请重新打开投票链接。"));
    }
    let flow = jar.get(FLOW_COOKIE).map(|c| c.value().to_owned());
    let Some((nonce, back)) = flow.as_deref().and_then(|f| f.split_once('.')) else {
        return Err(refused("微信授权已失效，请重新打开投票链接。"));
    };
    match verify_state(state.secret.bytes(), nonce, oauth_state, Utc::now()) {
        Ok(()) => {}
        Err(StateError::Expired) => return Err(refused("微信授权已超时，请重新打开投票链接。")),
        Err(StateError::Forged | StateError::Malformed) => {
            return Err(AppError::Message(
                ErrorCode::Forbidden,
                "微信授权校验失败，请重新打开投票链接。".into(),
            ))
        }
    }
    let openid = match wechat.exchange_code(code).await {
        Ok(openid) => openid,
        Err(WechatError::InvalidCode | WechatError::CodeUsed) => {
            return Err(refused(
                "这个微信授权已经用过或已过期，请重新打开投票链接。",
            ))
        }
        Err(WechatError::Unavailable(e)) => {
            tracing::warn!(error = %e, "WeChat did not answer the code exchange");
            return Err(AppError::Code(ErrorCode::WechatUnavailable));
        }
        Err(e @ WechatError::Other { .. }) => {
            return Err(AppError::Internal(anyhow::anyhow!(
                "WeChat code exchange: {e}"
            )))
        }
    };
    let identity = state.secret.keyed_hash(&["wechat", openid.as_str()]);
    let jar = sign_in_voter(
        &state,
        jar,
        &identity,
        IdentityMethod::Wechat,
        device_hash(&headers).as_deref(),
    )
    .await?;
    // The flow cookie has served: remove it so the callback cannot be replayed here.
    let jar = jar.remove(flow_cookie(String::new(), state.config.secure_cookies));
    let back = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(back)
        .ok()
        .and_then(|b| String::from_utf8(b).ok());
    let to = safe_return(back.as_deref());
    Ok((jar, (StatusCode::FOUND, [(header::LOCATION, to)])).into_response())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct JsSdkQuery {
    /// The page's own address (without `#…`).
    pub url: String,
}

/// The JS-SDK signature for one of this site's pages, for `wx.config`.
#[utoipa::path(get, path = "/api/v1/wechat/jssdk", tag = "voting", params(JsSdkQuery),
    responses((status = 200, body = WechatJsSdk), (status = 400, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn jssdk(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppQuery(q): AppQuery<JsSdkQuery>,
) -> AppResult<Json<WechatJsSdk>> {
    let wechat = wechat(&state)?;
    // Only our own pages: the signature vouches for the page it names.
    let base = base_url(&state, &headers)?;
    if !q.url.starts_with(&format!("{base}/")) || q.url.len() > 1000 {
        return Err(AppError::Message(
            ErrorCode::BadRequest,
            "只能为本站页面签名。".into(),
        ));
    }
    match wechat.sign(&q.url).await {
        Ok(s) => Ok(Json(WechatJsSdk {
            app_id: s.app_id,
            timestamp: s.timestamp,
            nonce_str: s.nonce_str,
            signature: s.signature,
        })),
        Err(WechatError::Unavailable(e)) => {
            tracing::warn!(error = %e, "WeChat did not answer for the JS-SDK ticket");
            Err(AppError::Code(ErrorCode::WechatUnavailable))
        }
        Err(e) => Err(AppError::Internal(anyhow::anyhow!("WeChat JS-SDK: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returns_only_to_voting_pages() {
        assert_eq!(safe_return(Some("/vote/market")), "/vote/market");
        for bad in [
            "https://evil.example/vote/",
            "//evil.example/vote/",
            "/vote//evil.example",
            "/staff/",
            "/vote/\\evil",
            "/vote/ x",
        ] {
            assert_eq!(safe_return(Some(bad)), "/vote/", "{bad}");
        }
        assert_eq!(safe_return(None), "/vote/");
    }

    // The error body for a refused callback is JSON like every other answer.
    #[test]
    fn refusals_are_bad_requests() {
        let body: ErrorBody = refused("x").body();
        assert_eq!(body.code, ErrorCode::BadRequest);
    }
}
