//! WeChat's JS-SDK, for one thing: a shared voting link's card (title, description,
//! image) in a chat and in Moments. Loaded only inside WeChat and only when the
//! deployment has an Official Account — the server then marks the page with
//! `<meta name="pingxuan-wechat">` and its CSP allows the SDK's origin; the page works
//! the same without it.

use js_sys::{Array, Function, Object, Reflect};
use pingxuan_domain::voting::WechatJsSdk;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// WeChat's own copy of the SDK (WeChat requires it from there).
pub const SDK_URL: &str = "https://res.wx.qq.com/open/js/jweixin-1.6.0.js";

/// What a shared link shows.
pub struct ShareCard<'a> {
    pub title: &'a str,
    pub desc: &'a str,
    /// The page to open (same site as the signed page).
    pub link: &'a str,
    /// An absolute image address.
    pub img_url: &'a str,
}

thread_local! {
    static ENTRY_URL: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn user_agent() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default()
}

/// Whether the page runs in WeChat's in-app browser.
pub fn in_wechat() -> bool {
    user_agent().contains("MicroMessenger")
}

/// Whether the server says an Official Account can sign this page (its `<meta>` tag).
pub fn configured() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name=pingxuan-wechat]")
                .ok()
                .flatten()
        })
        .is_some()
}

/// This page's address without `#…`.
pub fn current_url() -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    Some(match href.split_once('#') {
        Some((url, _)) => url.to_owned(),
        None => href,
    })
}

/// `https://host[:port]`, for absolute image addresses.
pub fn origin() -> Option<String> {
    web_sys::window()?.location().origin().ok()
}

/// Notes the address the app was opened at: iOS WeChat checks the signature against
/// that one, however the page moved since (Android checks the current one).
pub fn note_entry_url() {
    ENTRY_URL.with(|e| {
        let mut e = e.borrow_mut();
        if e.is_none() {
            *e = current_url();
        }
    });
}

/// The address `wx.config` is checked against, for the page at `current`.
pub fn url_to_sign(current: &str) -> String {
    let ua = user_agent();
    let ios = ua.contains("iPhone") || ua.contains("iPad");
    let entry = ENTRY_URL.with(|e| e.borrow().clone());
    match entry {
        Some(entry) if ios => entry,
        _ => current.to_owned(),
    }
}

fn set(target: &Object, key: &str, value: &JsValue) -> Result<(), JsValue> {
    Reflect::set(target, &JsValue::from_str(key), value).map(|_| ())
}

fn call(wx: &JsValue, method: &str, arg: &JsValue) -> Result<(), JsValue> {
    let f: Function = Reflect::get(wx, &JsValue::from_str(method))?.dyn_into()?;
    f.call1(wx, arg).map(|_| ())
}

/// `window.wx`, loading the SDK first if this page has not yet.
async fn sdk() -> Result<JsValue, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let existing = Reflect::get(&window, &JsValue::from_str("wx"))?;
    if existing.is_object() {
        return Ok(existing);
    }
    let document = window
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let script = document.create_element("script")?;
    script.set_attribute("src", SDK_URL)?;
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    super::settle(&mut |resolve, reject| {
        let _ = set(&script, "onload", &resolve);
        let _ = set(&script, "onerror", &reject);
        let _ = body.append_child(&script);
    })
    .await?;
    Reflect::get(&window, &JsValue::from_str("wx"))
}

/// Configures the SDK with the server's signature and sets the card for both "send to a
/// chat" and "share to Moments".
pub async fn set_share_card(signed: &WechatJsSdk, card: &ShareCard<'_>) -> Result<(), JsValue> {
    let wx = sdk().await?;
    let config = Object::new();
    set(&config, "debug", &JsValue::FALSE)?;
    set(&config, "appId", &JsValue::from_str(&signed.app_id))?;
    set(
        &config,
        "timestamp",
        &JsValue::from_f64(signed.timestamp as f64),
    )?;
    set(&config, "nonceStr", &JsValue::from_str(&signed.nonce_str))?;
    set(&config, "signature", &JsValue::from_str(&signed.signature))?;
    let apis = Array::of2(
        &JsValue::from_str("updateAppMessageShareData"),
        &JsValue::from_str("updateTimelineShareData"),
    );
    set(&config, "jsApiList", &apis)?;
    call(&wx, "config", &config)?;

    let data = Object::new();
    set(&data, "title", &JsValue::from_str(card.title))?;
    set(&data, "desc", &JsValue::from_str(card.desc))?;
    set(&data, "link", &JsValue::from_str(card.link))?;
    set(&data, "imgUrl", &JsValue::from_str(card.img_url))?;
    let target = wx.clone();
    let ready = Closure::once_into_js(move || {
        let _ = call(&target, "updateAppMessageShareData", &data);
        let _ = call(&target, "updateTimelineShareData", &data);
    });
    call(&wx, "ready", &ready)
}
