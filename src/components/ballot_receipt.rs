//! The receipt screen: the receipt code in large type (selectable, with a copy button),
//! what was chosen, when, and why to keep it. Shown after voting and whenever this
//! voter comes back to a category they have voted in (已投票).

use crate::i18n::vote::VoteMsg;
use crate::i18n::{Msg, Text};
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use pingxuan_domain::time::format_datetime;
use pingxuan_domain::voting::BallotReceipt;
use wasm_bindgen::JsCast;

/// Writes `text` to the clipboard through `navigator.clipboard.writeText` (looked up at
/// run time: WeChat's browsers have it only on HTTPS); true when it was written.
async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let get = |target: &wasm_bindgen::JsValue, name: &str| {
        js_sys::Reflect::get(target, &name.into())
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let Some(clipboard) = get(&navigator, "clipboard") else {
        return false;
    };
    let Some(write) =
        get(&clipboard, "writeText").and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return false;
    };
    let Ok(promise) = write.call1(&clipboard, &text.into()) else {
        return false;
    };
    // A refusal (no permission) is answered here rather than left unhandled.
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise))
        .await
        .is_ok()
}

/// The receipt. `earlier` says this ballot was cast before (the resident came back, or
/// tried to vote again): the heading is 已投票 rather than 投票成功.
#[component]
pub fn BallotReceiptCard(
    /// The ballot's receipt.
    receipt: BallotReceipt,
    /// The titles of the candidates it chose.
    titles: Vec<String>,
    /// Whether it was cast before this visit.
    earlier: bool,
) -> impl IntoView {
    let lang = use_lang();
    // The top of the page, where the receipt is, rather than the button that led here.
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
    let copied = RwSignal::new(false);
    let code = receipt.receipt.clone();
    let copy = move |_| {
        let code = code.clone();
        spawn_local(async move {
            let ok = copy_to_clipboard(&code).await;
            copied.try_set(ok);
        });
    };
    let cast_at = receipt.cast_at;
    let when = move || {
        let l = lang.get();
        format!(
            "{}：{}（{}）",
            VoteMsg::CastAt.text(l),
            format_datetime(cast_at, l),
            Msg::BeijingTime.text(l)
        )
    };
    let chosen = titles
        .into_iter()
        .map(|t| view! { <li>{t}</li> })
        .collect_view();
    view! {
        <section class="card done-card ballot-receipt" role="status" data-testid="ballot-receipt">
            <div class="done-mark" aria-hidden="true">"✓"</div>
            <h2 class="done-title">
                {tr(if earlier { VoteMsg::AlreadyVotedTitle } else { VoteMsg::VotedTitle })}
            </h2>
            {earlier.then(|| view! { <p class="state-hint">{tr(VoteMsg::AlreadyVotedHint)}</p> })}
            <p class="eyebrow">{tr(VoteMsg::Receipt)}</p>
            <p class="receipt-code" data-testid="receipt">{receipt.receipt}</p>
            <button type="button" class="button small" on:click=copy>
                {move || lang.t(if copied.get() { VoteMsg::Copied } else { VoteMsg::Copy })}
            </button>
            <div class="receipt-chosen">
                <p class="eyebrow">{tr(VoteMsg::YouChose)}</p>
                <ul>{chosen}</ul>
            </div>
            <p class="receipt-when">{when}</p>
            <p class="receipt-keep">{tr(VoteMsg::KeepReceipt)}</p>
        </section>
    }
}
