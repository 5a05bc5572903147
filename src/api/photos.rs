//! `POST /api/v1/photos` with XMLHttpRequest rather than `fetch`, because only XHR
//! reports upload progress — each photo's bar moves as its bytes go out.

use super::client::error_from;
use super::ClientError;
use pingxuan_domain::api::{paths, CSRF_HEADER, DEVICE_HEADER};
use pingxuan_domain::nomination::PhotoView;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ProgressEvent, XmlHttpRequest};

/// A photo on a weak network gets this long before the upload counts as failed.
const TIMEOUT_MS: u32 = 120_000;

/// One upload under way.
pub struct PhotoUpload {
    xhr: Option<XmlHttpRequest>,
    /// Settles when the request ends, however it ends.
    ended: js_sys::Promise,
    _on_progress: Option<Closure<dyn FnMut(ProgressEvent)>>,
}

/// Starts sending `photo` (a JPEG). `on_progress` gets the share sent so far, 0–100.
pub fn upload(photo: &Blob, device: &str, on_progress: impl FnMut(u8) + 'static) -> PhotoUpload {
    upload_with(photo, (DEVICE_HEADER, device), on_progress)
}

/// The same as a signed-in staff member: with the session's CSRF token instead of the
/// device id (a cookie-authenticated write).
pub fn upload_as_staff(
    photo: &Blob,
    csrf: &str,
    on_progress: impl FnMut(u8) + 'static,
) -> PhotoUpload {
    upload_with(photo, (CSRF_HEADER, csrf), on_progress)
}

fn upload_with(
    photo: &Blob,
    (name, value): (&str, &str),
    on_progress: impl FnMut(u8) + 'static,
) -> PhotoUpload {
    let mut on_progress = on_progress;
    let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            on_progress((e.loaded() / e.total() * 100.0).clamp(0.0, 100.0) as u8);
        }
    });
    let mut xhr = XmlHttpRequest::new().ok();
    let ended = js_sys::Promise::new(&mut |resolve, _| {
        let sent = xhr.as_ref().is_some_and(|x| {
            x.set_onloadend(Some(&resolve));
            x.set_timeout(TIMEOUT_MS);
            if let Ok(upload) = x.upload() {
                upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
            }
            x.open("POST", paths::PHOTOS).is_ok()
                && x.set_request_header("content-type", "image/jpeg").is_ok()
                && x.set_request_header("accept", "application/json").is_ok()
                && x.set_request_header(name, value).is_ok()
                && x.send_with_opt_blob(Some(photo)).is_ok()
        });
        if !sent {
            xhr = None;
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    PhotoUpload {
        xhr,
        ended,
        _on_progress: Some(on_progress),
    }
}

impl PhotoUpload {
    /// Stops the upload (the photo was removed, or the page closed).
    pub fn abort(&self) {
        if let Some(xhr) = &self.xhr {
            let _ = xhr.abort();
        }
    }

    /// Waits for the server's answer: the stored photo, or why not.
    pub async fn answer(&self) -> Result<PhotoView, ClientError> {
        let _ = JsFuture::from(self.ended.clone()).await;
        let xhr = self.xhr.as_ref().ok_or(ClientError::Network)?;
        // Status 0: no answer at all (offline, timed out, aborted).
        let status = xhr.status().unwrap_or(0);
        if status == 0 {
            return Err(ClientError::Network);
        }
        let text = xhr.response_text().ok().flatten().unwrap_or_default();
        if (200..300).contains(&status) {
            serde_json::from_str(&text).map_err(|_| ClientError::BadResponse { status })
        } else {
            Err(error_from(status, &text))
        }
    }
}
