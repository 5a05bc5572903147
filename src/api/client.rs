//! The generic requests every endpoint goes through: `fetch_json` for reads,
//! `send_json` for staff writes, `post_public` for residents' writes and `put_octets`
//! for the pieces of a chunked upload. Same-origin
//! cookies, a timeout, and an abort when the view that asked goes away. (Photo uploads,
//! which need progress events, go through `photos.rs`.)

use super::ClientError;
use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::{on_cleanup, set_timeout_with_handle, StoredValue, WithValue};
use pingxuan_domain::api::{CSRF_HEADER, DEVICE_HEADER};
use pingxuan_domain::ErrorBody;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::time::Duration;
use web_sys::{AbortController, RequestCredentials};

/// A phone on a weak rural network gets this long before we call it a network failure.
const TIMEOUT: Duration = Duration::from_secs(20);

/// `GET path` and read the JSON answer.
pub async fn fetch_json<T: DeserializeOwned>(path: &str) -> Result<T, ClientError> {
    let (status, text) = exchange(Method::GET, path, None, None).await?;
    decode(status, &text)
}

/// `GET path` and the answer as the server wrote it (kept as is, e.g. for offline use).
pub async fn fetch_text(path: &str) -> Result<String, ClientError> {
    let (_, text) = exchange(Method::GET, path, None, None).await?;
    Ok(text)
}

/// `PUT path` with raw bytes (`application/octet-stream`) and the session's CSRF token,
/// reading the JSON answer: a piece of a chunked upload.
pub async fn put_octets<T: DeserializeOwned>(
    path: &str,
    bytes: &[u8],
    csrf: &str,
) -> Result<T, ClientError> {
    let body = Body::Octets(js_sys::Uint8Array::from(bytes));
    let (status, text) = exchange(Method::PUT, path, Some(body), Some((CSRF_HEADER, csrf))).await?;
    decode(status, &text)
}

/// `method path` with an optional JSON body. `csrf` is the session's token: every
/// cookie-authenticated write sends it in the `x-csrf-token` header.
pub async fn send_json<B, T>(
    method: Method,
    path: &str,
    body: Option<&B>,
    csrf: Option<&str>,
) -> Result<T, ClientError>
where
    B: Serialize + ?Sized,
    T: DeserializeOwned,
{
    let json = match body {
        Some(b) => {
            Some(serde_json::to_string(b).map_err(|_| ClientError::BadResponse { status: 0 })?)
        }
        None => None,
    };
    let (status, text) = exchange(
        method,
        path,
        json.map(Body::Json),
        csrf.map(|t| (CSRF_HEADER, t)),
    )
    .await?;
    decode(status, &text)
}

/// `POST path` with a JSON body from a resident: no session, but the app's per-device
/// id in `x-device-id`, which the server's rate limits key on.
pub async fn post_public<B, T>(path: &str, body: &B, device: &str) -> Result<T, ClientError>
where
    B: Serialize + ?Sized,
    T: DeserializeOwned,
{
    let json = serde_json::to_string(body).map_err(|_| ClientError::BadResponse { status: 0 })?;
    let (status, text) = exchange(
        Method::POST,
        path,
        Some(Body::Json(json)),
        Some((DEVICE_HEADER, device)),
    )
    .await?;
    decode(status, &text)
}

/// The error a non-2xx answer stands for: the server's error body, or "unreadable".
pub(crate) fn error_from(status: u16, text: &str) -> ClientError {
    match serde_json::from_str::<ErrorBody>(text) {
        Ok(body) => ClientError::Server { status, body },
        Err(_) => ClientError::BadResponse { status },
    }
}

/// Reads a successful answer as `T`; 204 No Content reads as JSON `null`, which is `()`.
fn decode<T: DeserializeOwned>(status: u16, text: &str) -> Result<T, ClientError> {
    let text = if text.trim().is_empty() { "null" } else { text };
    serde_json::from_str(text).map_err(|_| ClientError::BadResponse { status })
}

/// What a request carries.
enum Body {
    Json(String),
    Octets(js_sys::Uint8Array),
}

/// The request itself, kept free of generics so the wasm holds it once: the status and
/// body of a 2xx answer, or the server's error body. `header` is one extra header
/// (the CSRF token or the device id).
async fn exchange(
    method: Method,
    path: &str,
    body: Option<Body>,
    header: Option<(&str, &str)>,
) -> Result<(u16, String), ClientError> {
    let controller = AbortController::new().ok();
    let signal = controller.as_ref().map(AbortController::signal);
    // Abort if the view that asked is cleaned up (navigated away, or refetched).
    let stored = StoredValue::new_local(controller.clone());
    on_cleanup(move || {
        stored.try_with_value(|c| c.as_ref().map(AbortController::abort));
    });
    let timeout = controller.and_then(|c| set_timeout_with_handle(move || c.abort(), TIMEOUT).ok());

    let mut builder = RequestBuilder::new(path)
        .method(method)
        .credentials(RequestCredentials::SameOrigin)
        .header("accept", "application/json")
        .abort_signal(signal.as_ref());
    if let Some((name, value)) = header {
        builder = builder.header(name, value);
    }
    let request = match body {
        Some(Body::Json(json)) => builder
            .header("content-type", "application/json")
            .body(json),
        Some(Body::Octets(bytes)) => builder
            .header("content-type", "application/octet-stream")
            .body(bytes),
        None => builder.build(),
    };
    let result = match request {
        Ok(request) => request.send().await,
        Err(e) => Err(e),
    };
    if let Some(handle) = timeout {
        handle.clear();
    }
    let response = result.map_err(|_| ClientError::Network)?;
    let status = response.status();
    let text = response.text().await.map_err(|_| ClientError::Network)?;
    if response.ok() {
        Ok((status, text))
    } else {
        Err(error_from(status, &text))
    }
}
