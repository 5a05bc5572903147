//! Department screening (signed-in staff): the category's nominations by place, the
//! merge / split / reject decisions (each answers with the view as it now stands), the
//! shortlist, and the department's own photos for candidates nobody nominated.

use super::client::error_from;
use super::{fetch_json, send_json, ClientError};
use gloo_net::http::{Method, RequestBuilder};
use pingxuan_domain::api::{paths, CSRF_HEADER};
use pingxuan_domain::nomination::{PhotoView, PlaceChoice};
use pingxuan_domain::screening::{
    Candidate, MergeRequest, RejectRequest, ScreeningView, ShortlistInput, SplitRequest,
};
use pingxuan_domain::Category;
use serde::Serialize;
use web_sys::{Blob, RequestCredentials};

/// The category's nominated places, suggested duplicates and shortlist.
pub async fn view(round_id: i64, category: Category) -> Result<ScreeningView, ClientError> {
    fetch_json(&paths::screening(round_id, category)).await
}

/// Moves the round's nominations of `from` to `into` (one place described twice).
pub async fn merge(
    round_id: i64,
    category: Category,
    from: i64,
    into: i64,
    csrf: &str,
) -> Result<ScreeningView, ClientError> {
    let body = MergeRequest {
        from_place_id: from,
        into_place_id: into,
    };
    decide(round_id, category, paths::MERGE, &body, csrf).await
}

/// Moves one nomination to the place it is really about (registered or new).
pub async fn split(
    round_id: i64,
    category: Category,
    nomination_id: i64,
    place: PlaceChoice,
    csrf: &str,
) -> Result<ScreeningView, ClientError> {
    let body = SplitRequest {
        nomination_id,
        place,
    };
    decide(round_id, category, paths::SPLIT, &body, csrf).await
}

/// Sets a nomination aside, with the reason.
pub async fn reject(
    round_id: i64,
    category: Category,
    nomination_id: i64,
    reason: String,
    csrf: &str,
) -> Result<ScreeningView, ClientError> {
    let body = RejectRequest {
        nomination_id,
        reason,
    };
    decide(round_id, category, paths::REJECT, &body, csrf).await
}

/// `POST …/screening/{category}/{action}`: every decision answers with the new view.
async fn decide<B: Serialize>(
    round_id: i64,
    category: Category,
    action: &str,
    body: &B,
    csrf: &str,
) -> Result<ScreeningView, ClientError> {
    let path = paths::screening_action(round_id, category, action);
    send_json(Method::POST, &path, Some(body), Some(csrf)).await
}

/// Replaces the category's whole shortlist; answers with it as stored.
pub async fn save_shortlist(
    round_id: i64,
    category: Category,
    input: &ShortlistInput,
    csrf: &str,
) -> Result<Vec<Candidate>, ClientError> {
    let path = paths::shortlist(round_id, category);
    send_json(Method::PUT, &path, Some(input), Some(csrf)).await
}

/// Uploads the department's own photo (a JPEG already shrunk on the phone). Staff
/// uploads are cookie-authenticated writes, so they carry the CSRF token, which the
/// residents' progress-reporting upload (`photos.rs`) does not send.
pub async fn upload_photo(photo: &Blob, csrf: &str) -> Result<PhotoView, ClientError> {
    let request = RequestBuilder::new(paths::PHOTOS)
        .method(Method::POST)
        .credentials(RequestCredentials::SameOrigin)
        .header("accept", "application/json")
        .header("content-type", "image/jpeg")
        .header(CSRF_HEADER, csrf)
        .body(photo.clone())
        .map_err(|_| ClientError::Network)?;
    let response = request.send().await.map_err(|_| ClientError::Network)?;
    let status = response.status();
    let text = response.text().await.map_err(|_| ClientError::Network)?;
    if response.ok() {
        serde_json::from_str(&text).map_err(|_| ClientError::BadResponse { status })
    } else {
        Err(error_from(status, &text))
    }
}
