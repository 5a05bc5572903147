//! A loading skeleton: grey blocks where the content will be, announced politely.

use crate::i18n::Msg;
use crate::state::lang_context::tr;
use leptos::prelude::*;

/// Shown while a page's data is on its way.
#[component]
pub fn LoadingState() -> impl IntoView {
    view! {
        <div class="card loading" role="status" aria-live="polite" aria-busy="true">
            <span class="visually-hidden">{tr(Msg::Loading)}</span>
            <div class="skeleton sk-short" aria-hidden="true"></div>
            <div class="skeleton sk-title" aria-hidden="true"></div>
            <div class="skeleton" aria-hidden="true"></div>
            <div class="skeleton sk-mid" aria-hidden="true"></div>
        </div>
    }
}
