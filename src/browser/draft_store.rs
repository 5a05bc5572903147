//! The nomination draft in localStorage: saved as the resident types, read back after
//! a reload, cleared after a successful submit.

use crate::forms::nomination_draft::NominationDraft;

/// Where the draft is kept.
pub const KEY: &str = "pingxuan.nomination-draft";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The saved draft, or an empty one.
pub fn load() -> NominationDraft {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|stored| NominationDraft::from_storage(&stored))
        .unwrap_or_default()
}

/// Saves `draft` (an empty draft removes the saved one). A full or refused storage is
/// not an error the resident can act on, so it is ignored.
pub fn save(draft: &NominationDraft) {
    if let Some(s) = storage() {
        let _ = if draft.is_empty() {
            s.remove_item(KEY)
        } else {
            s.set_item(KEY, &draft.to_storage())
        };
    }
}

/// Forgets the draft.
pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}
