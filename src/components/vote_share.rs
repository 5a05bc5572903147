//! The card a voting link shows when it is shared from inside WeChat: the page asks the
//! server to sign its address, loads WeChat's JS-SDK and sets a title, a plain
//! description and the app's icon. Elsewhere, or when the page is not marked as having
//! an Official Account, nothing happens: link previews then come from `vote.html`'s
//! Open Graph tags.

use crate::api;
use crate::browser::wechat_share::{self, ShareCard};
use leptos::prelude::GetUntracked;
use leptos::task::spawn_local_scoped;
use leptos_router::hooks::use_location;

/// The card's picture: the app's icon, so no candidate's photo is favoured.
const SHARE_IMAGE: &str = "/icons/icon-512.png";

/// Inside WeChat, sets the current page's share card. Any failure (WeChat unreachable)
/// leaves WeChat's default card; the page itself is unaffected. Call it from the routed
/// page's component: the address comes from the router, which knows the new page
/// before the browser's address bar does.
pub fn share_in_wechat(title: String, desc: String) {
    if !wechat_share::in_wechat() || !wechat_share::configured() {
        return;
    }
    let Some(origin) = wechat_share::origin() else {
        return;
    };
    let location = use_location();
    let search = location.search.get_untracked();
    let link = format!(
        "{origin}{}{}{search}",
        location.pathname.get_untracked(),
        if search.is_empty() { "" } else { "?" }
    );
    spawn_local_scoped(async move {
        let signed_url = wechat_share::url_to_sign(&link);
        let Ok(signed) = api::voting::wechat_signature(&signed_url).await else {
            return;
        };
        let img_url = format!("{origin}{SHARE_IMAGE}");
        let card = ShareCard {
            title: &title,
            desc: &desc,
            link: &link,
            img_url: &img_url,
        };
        if let Err(e) = wechat_share::set_share_card(&signed, &card).await {
            leptos::logging::warn!("WeChat share card: {e:?}");
        }
    });
}
