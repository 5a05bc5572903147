//! The bottom sheet every confirm and reason dialog uses (voting's verification and
//! confirmation, voiding a ballot, approving a score sheet, resolving a conflict, the
//! results workbench's sheets): a modal dialog the thumb can reach over a dimmed
//! backdrop. The caller mounts it while the dialog is open; the × button, a tap beside
//! the sheet and Escape call `on_close`.

use crate::i18n::Text;
use crate::state::lang_context::tr;
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

/// The sheet: backdrop, dialog (named by its heading), heading with ×, then `children`.
/// The Escape listener lives as long as the sheet: it is removed when the sheet's owner
/// (the caller's `Show` or `move ||` that mounted it) drops it.
#[component]
pub fn BottomSheet<M: Text>(
    /// The heading's id, which names the dialog (`aria-labelledby`).
    title_id: &'static str,
    /// The heading.
    title: M,
    /// The × button's label (关闭).
    close: M,
    /// Called by ×, a tap on the backdrop and Escape (the caller's 取消 too).
    on_close: Callback<()>,
    /// The id of the control to focus once the sheet is shown; without it the caller
    /// moves focus itself.
    #[prop(optional)]
    focus_id: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            on_close.run(());
        }
    });
    on_cleanup(move || keys.remove());
    if let Some(id) = focus_id {
        Effect::new(move |_| focus(id));
    }
    view! {
        <div class="sheet-backdrop" on:click=move |_| on_close.run(())>
            <div
                class="sheet"
                role="dialog"
                aria-modal="true"
                aria-labelledby=title_id
                on:click=|ev| ev.stop_propagation()
            >
                <div class="sheet-head">
                    <h2 class="sheet-title" id=title_id>
                        {tr(title)}
                    </h2>
                    <button
                        type="button"
                        class="sheet-close"
                        aria-label=tr(close)
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
