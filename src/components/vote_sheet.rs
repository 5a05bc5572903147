//! A bottom sheet over the voting page (verification, confirmation): a modal dialog the
//! thumb can reach, with a dimmed backdrop. Tapping the backdrop or 关闭 closes it.

use crate::i18n::vote::VoteMsg;
use crate::i18n::Text;
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focuses the element with `id`, if it is on the page (a sheet's first field when it
/// opens; the button that opened it when it closes).
pub fn focus(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The sheet. Its heading names the dialog; the first field or button inside is
/// focused when it opens (the caller's `autofocus`), so a screen reader lands in it.
#[component]
pub fn VoteSheet(
    /// The heading's id, which names the dialog.
    id: &'static str,
    /// The heading.
    title: VoteMsg,
    /// Called by the close button and a tap on the backdrop.
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    // Escape closes it too, for keyboards.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            on_close.run(());
        }
    });
    on_cleanup(move || keys.remove());
    view! {
        <div class="sheet-backdrop" on:click=move |_| on_close.run(())>
            <div
                class="sheet"
                role="dialog"
                aria-modal="true"
                aria-labelledby=id
                on:click=|ev| ev.stop_propagation()
            >
                <div class="sheet-head">
                    <h2 class="sheet-title" id=id>
                        {tr(title)}
                    </h2>
                    <button
                        type="button"
                        class="sheet-close"
                        aria-label=move || VoteMsg::Close.text(lang.get())
                        on:click=move |_| on_close.run(())
                    >
                        "×"
                    </button>
                </div>
                {children()}
            </div>
        </div>
    }
}
