//! The field app's endpoints: the offline bundle, a finalised sheet synced under its
//! client id, and evidence photos uploaded in resumable chunks.

use super::client::{fetch_text, put_octets};
use super::{fetch_json, send_json, ClientError};
use gloo_net::http::Method;
use pingxuan_domain::api::paths;
use pingxuan_domain::field::{
    FieldBundle, SheetReceipt, SheetSubmission, UploadRequest, UploadStatus,
};

/// Everything the inspector's phone keeps offline, and the answer's text to keep (stored
/// as the server wrote it, so the app never needs to write the bundle itself).
pub async fn bundle() -> Result<(FieldBundle, String), ClientError> {
    let text = fetch_text(paths::FIELD_BUNDLE).await?;
    let bundle =
        serde_json::from_str(&text).map_err(|_| ClientError::BadResponse { status: 200 })?;
    Ok((bundle, text))
}

/// Sends one finalised sheet; the same sheet again gets the same receipt.
pub async fn send_sheet(
    round_id: i64,
    client_id: &str,
    sheet: &SheetSubmission,
    csrf: &str,
) -> Result<SheetReceipt, ClientError> {
    send_json(
        Method::PUT,
        &paths::field_sheet(round_id, client_id),
        Some(sheet),
        Some(csrf),
    )
    .await
}

/// Announces an evidence photo (size and SHA-256); answers where its upload stands.
pub async fn announce_upload(
    upload_id: &str,
    request: &UploadRequest,
    csrf: &str,
) -> Result<UploadStatus, ClientError> {
    send_json(
        Method::PUT,
        &paths::field_upload(upload_id),
        Some(request),
        Some(csrf),
    )
    .await
}

/// Where an upload stands: how many bytes arrived.
pub async fn upload_status(upload_id: &str) -> Result<UploadStatus, ClientError> {
    fetch_json(&paths::field_upload(upload_id)).await
}

/// One piece of an upload, starting at `offset`.
pub async fn send_chunk(
    upload_id: &str,
    offset: u64,
    bytes: &[u8],
    csrf: &str,
) -> Result<UploadStatus, ClientError> {
    put_octets(&paths::field_upload_chunk(upload_id, offset), bytes, csrf).await
}
