//! The browser's own facilities that the nomination form leans on, each behind a few
//! small functions so pages never touch `web_sys` directly: the per-device id, the
//! draft in localStorage, photos kept in IndexedDB, photos shrunk on a canvas, and the
//! phone's position; and for the field app its IndexedDB database, its service worker,
//! ids and checksums.

pub mod device_id;
pub mod draft_store;
pub mod field_crypto;
pub mod field_store;
pub mod file_export;
pub mod geolocation;
pub mod photo_shrink;
pub mod photo_store;
pub mod service_worker;
pub mod wechat_share;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Waits `ms` milliseconds (e.g. before retrying an upload).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms));
    });
    let _ = JsFuture::from(promise).await;
}

/// A promise that settles when `register` calls one of the two functions it is given:
/// the bridge from callback-style browser APIs (IndexedDB, `toBlob`, geolocation) to
/// `async`. Kept non-generic so the wasm holds it once.
pub async fn settle(
    register: &mut dyn FnMut(js_sys::Function, js_sys::Function),
) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| register(resolve, reject));
    JsFuture::from(promise).await
}
