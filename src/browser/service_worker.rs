//! The field app's installation: its service worker (`/field/sw.js`, scope `/field/`,
//! which keeps the app shell so the pages open offline), persistent storage, and the
//! candidates' photos put in the worker's media cache so they show offline too. Only
//! the field app calls these: the residents' and voting apps have no service worker.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The worker's script and scope.
const SCRIPT: &str = "/field/sw.js";
const SCOPE: &str = "/field/";
/// The cache the worker serves photos from (the same name as in `sw.js`).
const MEDIA_CACHE: &str = "pingxuan-field-media-v1";

/// Registers the worker (the browser installs it in the background and precaches the
/// shell). Nothing happens where service workers are missing (e.g. not on HTTPS).
pub fn register() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let options = web_sys::RegistrationOptions::new();
    options.set_scope(SCOPE);
    let promise = navigator
        .service_worker()
        .register_with_options(SCRIPT, &options);
    wasm_bindgen_futures::spawn_local(async move {
        let _ = JsFuture::from(promise).await;
    });
}

/// Asks the browser not to clear this site's storage when space runs low; true if it
/// agreed (Chrome decides by itself, without a prompt).
pub async fn persist() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &"storage".into()).unwrap_or(false) {
        return false;
    }
    match navigator.storage().persist() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_bool()) == Some(true),
        Err(_) => false,
    }
}

/// Puts the photos at `urls` in the media cache (those not there yet); answers how many
/// are there now. Best effort: a photo that fails is simply not shown offline.
pub async fn cache_photos(urls: &[String]) -> usize {
    let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else {
        return 0;
    };
    let Ok(cache) = JsFuture::from(caches.open(MEDIA_CACHE)).await else {
        return 0;
    };
    let cache: web_sys::Cache = cache.unchecked_into();
    let mut kept = 0;
    for url in urls {
        let there = JsFuture::from(cache.match_with_str(url))
            .await
            .is_ok_and(|r| !r.is_undefined());
        if there || JsFuture::from(cache.add_with_str(url)).await.is_ok() {
            kept += 1;
        }
    }
    kept
}

/// Whether the browser says it is online now.
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Calls `f(true)` every time the browser comes back online and `f(false)` when it goes
/// offline, for the page's lifetime.
pub fn on_network_change(f: impl Fn(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let f = std::rc::Rc::new(f);
    for (event, online) in [("online", true), ("offline", false)] {
        let f = f.clone();
        let closure = Closure::<dyn Fn()>::new(move || f(online));
        let _ = window.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        closure.forget();
    }
}
