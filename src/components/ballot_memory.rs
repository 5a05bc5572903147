//! What this phone remembers about voting, in localStorage: that it has verified a
//! number (the voter cookie itself is HttpOnly, so the page cannot see it) and the
//! receipts it has been given. The server stays the authority; this only spares
//! residents a needless verification sheet and lets the categories show 已投票 without
//! asking the server four times. In sessionStorage (this tab only), the ballot being
//! filled in while WeChat authorization takes the page away and back.

use pingxuan_domain::Category;
use web_sys::Storage;

/// Where the verified number (masked, `138****5678`) is kept.
const VOTER_KEY: &str = "pingxuan.voter";

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn receipt_key(round_id: i64, category: Category) -> String {
    format!("pingxuan.receipt.{round_id}.{}", category.as_str())
}

/// The masked number this phone verified, if it did (and has not been told since that
/// the verification lapsed).
pub fn verified() -> Option<String> {
    storage()?.get_item(VOTER_KEY).ok().flatten()
}

/// Remembers that this phone is verified (`masked` is shown, never the number).
pub fn remember_verified(masked: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(VOTER_KEY, masked);
    }
}

/// Forgets the verification: the server said this phone is not verified (any more).
pub fn forget_verified() {
    if let Some(s) = storage() {
        let _ = s.remove_item(VOTER_KEY);
    }
}

/// Remembers the receipt of this phone's ballot in a category.
pub fn remember_receipt(round_id: i64, category: Category, receipt: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(&receipt_key(round_id, category), receipt);
    }
}

/// The receipt this phone was given in a category, if any.
pub fn receipt(round_id: i64, category: Category) -> Option<String> {
    storage()?
        .get_item(&receipt_key(round_id, category))
        .ok()
        .flatten()
}

/// Where the ballot kept across WeChat authorization is (`market:3,5`).
const PENDING_KEY: &str = "pingxuan.pending";

fn session() -> Option<Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Keeps the ballot being filled in while the page leaves for WeChat authorization (the
/// way back is a full page load).
pub fn remember_pending(category: Category, ids: &[i64]) {
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    if let Some(s) = session() {
        let _ = s.set_item(
            PENDING_KEY,
            &format!("{}:{}", category.as_str(), list.join(",")),
        );
    }
}

/// The ballot kept for `category`, when the page has just come back from WeChat; read
/// once (a later visit starts afresh).
pub fn take_pending(category: Category) -> Option<Vec<i64>> {
    let s = session()?;
    let kept = s.get_item(PENDING_KEY).ok().flatten()?;
    let _ = s.remove_item(PENDING_KEY);
    let (kept_for, ids) = kept.split_once(':')?;
    (kept_for == category.as_str())
        .then(|| ids.split(',').filter_map(|id| id.parse().ok()).collect())
}
