//! `POST /api/v1/photos`: a resident's photo, checked and re-encoded before anything is
//! stored; `GET /media/{file}`: the stored copies, cached for a year.

use crate::auth::Staff;
use crate::db::nominations::photo_view;
use crate::db::photos::NewPhoto;
use crate::error::{AppError, AppResult};
use crate::extract::ClientIp;
use crate::photos::{self, PhotoError, MAX_UPLOAD_BYTES};
use crate::routes::rounds::open_round;
use crate::state::AppState;
use crate::{auth, routes::nominations::device_hash};
use anyhow::Context;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use pingxuan_domain::nomination::{is_photo_id, PhotoView};
use pingxuan_domain::{ErrorCode, Phase, Role};
use std::time::Instant;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/photos",
        post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
    )
}

/// Served outside `/api` so it can be cached: `/media/{id}.jpg`, `/media/{id}.thumb.jpg`.
pub fn media_router() -> Router<AppState> {
    Router::new().route("/media/{file}", get(media))
}

/// Uploads one photo (the raw bytes, `Content-Type: image/jpeg`, `image/png` or
/// `image/webp`): residents while nominations are open (the answer's id goes into the
/// nomination); department staff and admins at any time, for candidates' covers.
#[utoipa::path(post, path = "/api/v1/photos", tag = "nominations",
    request_body(content = Vec<u8>, content_type = "image/jpeg", description = "the photo, at most 10 MB"),
    params(("x-device-id" = Option<String>, Header, description = "the app's random per-device id")),
    responses((status = 201, body = PhotoView),
              (status = 409, description = "phase_closed", body = pingxuan_domain::ErrorBody),
              (status = 413, body = pingxuan_domain::ErrorBody),
              (status = 415, description = "unsupported_image", body = pingxuan_domain::ErrorBody),
              (status = 422, description = "image_rejected", body = pingxuan_domain::ErrorBody),
              (status = 429, body = pingxuan_domain::ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    staff: Option<Staff>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> AppResult<(StatusCode, Json<PhotoView>)> {
    let body = body.map_err(body_error)?;
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !declared.starts_with("image/") {
        return Err(AppError::Code(ErrorCode::UnsupportedImage));
    }
    // Residents upload while nominations are open; department staff and the office
    // upload their own inspection photos at any time.
    let staff_id = match &staff {
        Some(s) if !matches!(s.account.role, Role::Inspector) => Some(s.account.id),
        Some(_) => return Err(AppError::Code(ErrorCode::Forbidden)),
        None => None,
    };
    if staff_id.is_none() {
        open_round(&state, Phase::Nomination).await?;
        let device = device_hash(&headers);
        if !state
            .photo_limiter
            .try_acquire(device.as_deref(), ip, Instant::now())
        {
            return Err(AppError::Code(ErrorCode::RateLimited));
        }
    }

    let view = process_and_store(&state, body, staff_id).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Runs the photo pipeline on `body` (no more at once than the cores), stores the
/// re-encoded photo and its thumbnail, and records it; `uploaded_by` is the staff account,
/// none for residents. Also the last step of an evidence photo's chunked upload.
pub(crate) async fn process_and_store(
    state: &AppState,
    body: Bytes,
    uploaded_by: Option<i64>,
) -> AppResult<PhotoView> {
    let _slot = state
        .photo_slots
        .clone()
        .acquire_owned()
        .await
        .context("photo slots")?;
    let started = Instant::now();
    let processed = tokio::task::spawn_blocking(move || photos::process(&body))
        .await
        .context("photo task")?
        .map_err(|e| {
            tracing::info!(error = %e, "photo refused");
            match e {
                PhotoError::NotAPhoto => AppError::Code(ErrorCode::UnsupportedImage),
                _ => AppError::Code(ErrorCode::ImageRejected),
            }
        })?;
    tracing::debug!(ms = started.elapsed().as_millis() as u64, "photo processed");

    let id = auth::random_token()[..22].to_owned();
    state
        .storage
        .put(&format!("photos/{id}.jpg"), &processed.full_jpeg)
        .await
        .context("storing a photo")?;
    state
        .storage
        .put(&format!("photos/{id}.thumb.jpg"), &processed.thumb_jpeg)
        .await
        .context("storing a thumbnail")?;
    let record = NewPhoto {
        id: &id,
        width: processed.width,
        height: processed.height,
        bytes: processed.full_jpeg.len(),
        dhash: processed.dhash,
        original_gps: processed.original_gps,
        uploaded_by,
    };
    state.db.insert_photo(&record, Utc::now()).await?;
    Ok(photo_view(id, processed.width, processed.height))
}

/// A raw body that could not be read: too large (413), or cut off (400).
pub(crate) fn body_error(r: axum::extract::rejection::BytesRejection) -> AppError {
    if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::Code(ErrorCode::PayloadTooLarge)
    } else {
        AppError::Code(ErrorCode::BadRequest)
    }
}

/// A stored photo or thumbnail. Names are the server's own tokens; anything else is 404.
pub async fn media(
    State(state): State<AppState>,
    axum::extract::Path(file): axum::extract::Path<String>,
) -> Response {
    let id = file
        .strip_suffix(".thumb.jpg")
        .or_else(|| file.strip_suffix(".jpg"));
    let Some(id) = id.filter(|id| is_photo_id(id)) else {
        return AppError::Code(ErrorCode::NotFound).into_response();
    };
    let key = format!(
        "photos/{}",
        if file.ends_with(".thumb.jpg") {
            format!("{id}.thumb.jpg")
        } else {
            format!("{id}.jpg")
        }
    );
    match state.storage.get(&key).await {
        Ok(Some(bytes)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=31536000, immutable"),
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => AppError::Code(ErrorCode::NotFound).into_response(),
        Err(e) => {
            AppError::Internal(anyhow::Error::new(e).context("reading a photo")).into_response()
        }
    }
}
