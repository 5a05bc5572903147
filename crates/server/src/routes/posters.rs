//! QR codes for the posters the office prints (markets, village notice boards): the
//! nomination link now; each category's voting link comes with voting.

use crate::error::{AppError, AppResult};
use crate::extract::AppPath;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use pingxuan_domain::{Category, ErrorCode};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/posters/nomination-qr.svg", get(nomination_qr))
        .route("/posters/vote-qr/{category}", get(vote_qr))
}

/// The public base URL: configured, or the host this request came to.
pub(crate) fn base_url(state: &AppState, headers: &HeaderMap) -> AppResult<String> {
    if let Some(url) = &state.config.public_url {
        return Ok(url.trim_end_matches('/').to_owned());
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .ok_or(AppError::Code(ErrorCode::BadRequest))?;
    Ok(format!("http://{host}"))
}

/// The QR code (medium error correction) for `url`: the posters' SVG and the results'
/// share card draw it.
pub(crate) fn qr_code(url: &str) -> AppResult<QrCode> {
    QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("QR code for {url}: {e}")))
}

/// An SVG QR code (medium error correction, quiet zone, scalable) for `url`.
pub fn qr_svg(url: &str) -> AppResult<String> {
    Ok(qr_code(url)?
        .render::<svg::Color>()
        .min_dimensions(400, 400)
        .quiet_zone(true)
        .build())
}

/// The QR code for `url` as an SVG answer.
fn svg_response(url: &str) -> AppResult<impl IntoResponse> {
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("image/svg+xml"),
        )],
        qr_svg(url)?,
    ))
}

/// The QR code for the nomination page, for the A4 poster.
#[utoipa::path(get, path = "/api/v1/posters/nomination-qr.svg", tag = "nominations",
    responses((status = 200, content_type = "image/svg+xml", body = String), (status = 400, body = pingxuan_domain::ErrorBody)))]
pub async fn nomination_qr(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> AppResult<impl IntoResponse> {
    svg_response(&format!("{}/nominate", base_url(&state, &headers)?))
}

/// The QR code (SVG) for one category's voting page, for the voting-phase poster.
#[utoipa::path(get, path = "/api/v1/posters/vote-qr/{category}", tag = "voting",
    params(("category" = Category, Path)),
    responses((status = 200, content_type = "image/svg+xml", body = String), (status = 400, body = pingxuan_domain::ErrorBody)))]
pub async fn vote_qr(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(category): AppPath<Category>,
) -> AppResult<impl IntoResponse> {
    svg_response(&format!(
        "{}{}",
        base_url(&state, &headers)?,
        pingxuan_domain::api::paths::vote_page(category)
    ))
}
