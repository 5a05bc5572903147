//! Evidence photos from the field, uploaded in chunks that survive a dropped connection:
//! the phone announces an upload under its own UUID with the size and SHA-256
//! (`PUT /field/uploads/{id}`), sends chunks at offsets (`PUT …/chunks/{offset}`), and
//! after a drop asks how much arrived (`HEAD` or `GET`, the `upload-offset` header) and
//! goes on from there. When the last byte is in, the server checks the hash and runs
//! the photo pipeline; a mismatch or a file that is not a photo starts the upload over.

use crate::auth::Staff;
use crate::db::evidence::{ChunkOutcome, Upload};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath};
use crate::routes::field::require_inspector;
use crate::routes::photos::{body_error, process_and_store};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::{Json, Router};
use chrono::Utc;
use pingxuan_domain::field::{
    parse_client_id, UploadRequest, UploadStatus, MAX_CHUNK_BYTES, UPLOAD_OFFSET_HEADER,
};
use pingxuan_domain::{ErrorBody, ErrorCode, FieldError};
use sha2::{Digest, Sha256};

/// Unfinished uploads one account may hold at once (each up to 10 MB): far more than a
/// sub-group's photos of a day, far less than a disk.
const MAX_OPEN_UPLOADS: i64 = 200;
const MAX_OPEN_BYTES: i64 = 500 * 1024 * 1024;

/// Unfinished uploads are dropped this long after they were announced.
pub const ABANDONED_AFTER_DAYS: i64 = 7;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/field/uploads/{upload_id}", get(status).put(announce))
        .route(
            "/field/uploads/{upload_id}/chunks/{offset}",
            put(chunk).layer(DefaultBodyLimit::max(MAX_CHUNK_BYTES)),
        )
}

/// The status as JSON, with the received bytes in the `upload-offset` header too (what
/// `HEAD` answers with).
fn answer(status: StatusCode, upload: &Upload) -> Response {
    let mut res = (status, Json(upload.status())).into_response();
    res.headers_mut().insert(
        HeaderName::from_static(UPLOAD_OFFSET_HEADER),
        HeaderValue::from(upload.received),
    );
    res
}

/// The caller's own upload: inspectors only; an id another account announced is 404.
async fn own_upload(state: &AppState, staff: &Staff, raw_id: &str) -> AppResult<Upload> {
    require_inspector(staff)?;
    let id = parse_client_id("upload_id", raw_id)?;
    match state.db.upload(&id).await? {
        Some(u) if u.account_id == staff.account.id => Ok(u),
        _ => Err(AppError::Code(ErrorCode::NotFound)),
    }
}

/// Announces an evidence photo: its size and SHA-256. Announcing it again with the same
/// size and hash answers where it stands; with others, 409. An account holding too many
/// unfinished uploads is refused new ones (429) until they finish or are dropped.
#[utoipa::path(put, path = "/api/v1/field/uploads/{upload_id}", tag = "field", request_body = UploadRequest,
    params(("upload_id" = String, Path, description = "the phone's UUID for this photo"), ("x-csrf-token" = String, Header)),
    responses((status = 201, body = UploadStatus), (status = 200, description = "announced before", body = UploadStatus),
              (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
              (status = 429, description = "too many unfinished uploads", body = ErrorBody)))]
pub async fn announce(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(upload_id): AppPath<String>,
    AppJson(req): AppJson<UploadRequest>,
) -> AppResult<Response> {
    require_inspector(&staff)?;
    let id = parse_client_id("upload_id", &upload_id)?;
    let sha256 = req.validate()?;
    let existed = state.db.upload(&id).await?.is_some();
    if !existed {
        let (open, bytes) = state.db.open_uploads(staff.account.id).await?;
        if open >= MAX_OPEN_UPLOADS || bytes.saturating_add(req.size as i64) > MAX_OPEN_BYTES {
            return Err(AppError::Message(
                ErrorCode::RateLimited,
                format!(
                    "还有{open}张照片没有传完，请先让它们传完再上传新的照片；如有疑问请联系创卫办。"
                ),
            ));
        }
    }
    let upload = state
        .db
        .create_upload(&id, staff.account.id, req.size, &sha256, Utc::now())
        .await?;
    if upload.account_id != staff.account.id
        || upload.size as u64 != req.size
        || upload.sha256 != sha256
    {
        return Err(AppError::Message(
            ErrorCode::Conflict,
            "这个上传编号已用于另一张照片。".into(),
        ));
    }
    let status = if existed {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok(answer(status, &upload))
}

/// Where an upload stands: bytes received (also in the `upload-offset` header, which is
/// all `HEAD` answers with) and, once complete, the photo.
#[utoipa::path(get, path = "/api/v1/field/uploads/{upload_id}", tag = "field",
    params(("upload_id" = String, Path)),
    responses((status = 200, body = UploadStatus, headers(("upload-offset" = u64, description = "bytes received"))),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn status(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(upload_id): AppPath<String>,
) -> AppResult<Response> {
    let upload = own_upload(&state, &staff, &upload_id).await?;
    // Every byte arrived but the photo was not made (the server stopped in between):
    // finish now.
    if !upload.complete() && upload.received == upload.size {
        let done = finish(&state, &staff, upload).await?;
        return Ok(answer(StatusCode::OK, &done));
    }
    Ok(answer(StatusCode::OK, &upload))
}

/// One chunk of raw bytes (`application/octet-stream`) starting at `offset`. A chunk
/// overlapping what arrived stores only its new part; one wholly received already
/// changes nothing; one starting past the received bytes is 409 (ask `HEAD` and go on
/// from there). The last chunk completes the upload: the hash must match (422 and the
/// upload starts over if not) and the file must be a usable photo.
#[utoipa::path(put, path = "/api/v1/field/uploads/{upload_id}/chunks/{offset}", tag = "field",
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "at most 1 MiB"),
    params(("upload_id" = String, Path), ("offset" = u64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = UploadStatus), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn chunk(
    State(state): State<AppState>,
    staff: Staff,
    AppPath((upload_id, offset)): AppPath<(String, u64)>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> AppResult<Response> {
    let upload = own_upload(&state, &staff, &upload_id).await?;
    let body = body.map_err(body_error)?;
    let octets = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.starts_with("application/octet-stream")
                || v.starts_with("application/offset+octet-stream")
        });
    if !octets {
        return Err(AppError::Code(ErrorCode::UnsupportedMediaType));
    }
    if body.is_empty() || offset.saturating_add(body.len() as u64) > upload.size as u64 {
        return Err(AppError::Validation(vec![FieldError::new(
            "offset",
            "out_of_range",
            "这一段超出了照片的大小。",
        )]));
    }
    let upload = match state.db.store_chunk(&upload.id, offset, &body).await? {
        ChunkOutcome::Stored(u) => u,
        ChunkOutcome::Gap(u) => {
            let mut res = AppError::Message(
                ErrorCode::Conflict,
                format!("前面还有内容没有收到，请从第{}字节接着上传。", u.received),
            )
            .into_response();
            res.headers_mut().insert(
                HeaderName::from_static(UPLOAD_OFFSET_HEADER),
                HeaderValue::from(u.received),
            );
            return Ok(res);
        }
    };
    if !upload.complete() && upload.received == upload.size {
        let done = finish(&state, &staff, upload).await?;
        return Ok(answer(StatusCode::OK, &done));
    }
    Ok(answer(StatusCode::OK, &upload))
}

/// Every byte is in: check the hash, run the photo pipeline, record the photo. On a
/// mismatch or a rejected photo the upload starts over, so the phone can send it again.
async fn finish(state: &AppState, staff: &Staff, upload: Upload) -> AppResult<Upload> {
    let bytes = state.db.upload_bytes(&upload.id).await?;
    let hash = hex::encode(Sha256::digest(&bytes));
    if bytes.len() as i64 != upload.size || hash != upload.sha256 {
        state.db.reset_upload(&upload.id).await?;
        tracing::info!(upload = %upload.id, "evidence upload did not match its hash");
        return Err(AppError::Body(ErrorBody {
            message: "照片传输出错（校验值不符），请重新上传。".into(),
            fields: Some(vec![FieldError::new(
                "sha256",
                "mismatch",
                "收到的内容与校验值不符，已清空，请从头重新上传。",
            )]),
            ..ErrorBody::new(ErrorCode::ValidationFailed)
        }));
    }
    let photo = match process_and_store(state, Bytes::from(bytes), Some(staff.account.id)).await {
        Ok(photo) => photo,
        Err(e @ AppError::Code(ErrorCode::UnsupportedImage | ErrorCode::ImageRejected)) => {
            state.db.reset_upload(&upload.id).await?;
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    // A concurrent request may have finished it first; its photo stands either way.
    state
        .db
        .complete_upload(&upload.id, &photo.id, Utc::now())
        .await?;
    state
        .db
        .upload(&upload.id)
        .await?
        .ok_or(AppError::Code(ErrorCode::NotFound))
}
