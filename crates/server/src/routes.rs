//! The router: `/api/v1` resources, the OpenAPI document, JSON answers for unknown API
//! routes and methods, and the built app for everything else.

pub mod accountability;
pub mod ballot_snapshots;
pub mod evidence;
pub mod field;
pub mod field_conflicts;
pub mod fraud;
pub mod health;
pub mod nominations;
pub mod photos;
pub mod places;
pub mod posters;
pub mod rectification;
pub mod results;
pub mod results_export;
pub mod results_share;
pub mod rounds;
pub mod screening;
pub mod session;
pub mod sheets;
pub mod staff;
pub mod teams;
pub mod voting;
pub mod wechat;

use crate::error::AppError;
use crate::state::AppState;
use crate::{openapi, web};
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use pingxuan_domain::ErrorCode;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;

/// JSON bodies above this are refused with 413 before they are read.
pub const JSON_BODY_LIMIT: usize = 64 * 1024;

/// The whole application.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .merge(health::router())
        .merge(session::router())
        .merge(rounds::router())
        .merge(staff::router())
        .merge(places::router())
        .merge(nominations::router())
        .merge(photos::router())
        .merge(screening::router())
        .merge(posters::router())
        .merge(voting::router())
        .merge(wechat::router())
        .merge(fraud::router())
        .merge(sheets::router())
        .merge(teams::router())
        .merge(field::router())
        .merge(evidence::router())
        .merge(field_conflicts::router())
        .merge(ballot_snapshots::router())
        .merge(results::router())
        .merge(results_export::router())
        .merge(accountability::router())
        .merge(rectification::router())
        .merge(results_share::router())
        .fallback(api_not_found)
        .method_not_allowed_fallback(api_method_not_allowed)
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
        .layer(axum::middleware::from_fn(reject_cross_origin_writes))
        .layer(axum::middleware::map_response(no_store));

    Router::new()
        .nest("/api/v1", api)
        .route("/api/openapi.json", get(openapi::document))
        .merge(photos::media_router())
        .merge(crate::vote_page::router(
            &state.config.dist_dir,
            state.config.public_url.as_deref(),
            state.wechat.is_some(),
        ))
        .merge(results_share::page_router(&state.config.dist_dir))
        .route("/api", get(api_not_found))
        .route("/api/{*rest}", axum::routing::any(api_not_found))
        .fallback_service(web::app_service(&state.config.dist_dir))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            web::security_headers,
        ))
        .layer(CatchPanicLayer::custom(|_| {
            AppError::Internal(anyhow::anyhow!("a handler panicked")).into_response()
        }))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn api_not_found() -> AppError {
    AppError::Code(ErrorCode::NotFound)
}

async fn api_method_not_allowed() -> AppError {
    AppError::Code(ErrorCode::MethodNotAllowed)
}

/// API answers are personal or live: never cached by browsers or proxies.
async fn no_store(mut res: Response) -> Response {
    res.headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    res
}

/// Refuses writes whose `Origin` names another site — a second guard against CSRF
/// beside SameSite cookies and the token header.
async fn reject_cross_origin_writes(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe {
        if let Some(origin) = req.headers().get(header::ORIGIN) {
            let host = req
                .headers()
                .get(header::HOST)
                .and_then(|h| h.to_str().ok());
            let origin_host = origin
                .to_str()
                .ok()
                .and_then(|o| o.split_once("://").map(|(_, rest)| rest));
            if origin_host.is_none() || origin_host != host {
                return AppError::Code(ErrorCode::CsrfFailed).into_response();
            }
        }
    }
    let res = next.run(req).await;
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE
        && res
            .headers()
            .get(header::CONTENT_TYPE)
            .is_none_or(|v| v != "application/json")
    {
        return AppError::Code(ErrorCode::PayloadTooLarge).into_response();
    }
    res
}
