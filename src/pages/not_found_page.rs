//! `*`: an address the app does not know.

use crate::components::empty_state::EmptyState;
use crate::i18n::Msg;
use crate::state::lang_context::tr;
use leptos::prelude::*;

/// The 404 page, in plain words, with the way home. In the staff app home is the public
/// site, another app: `external` makes the link a full page load.
#[component]
pub fn NotFoundPage(#[prop(optional)] external: bool) -> impl IntoView {
    view! {
        <div class="page">
            <h1 class="page-title">{tr(Msg::NotFoundTitle)}</h1>
            <EmptyState title=Msg::NotFoundTitle hint=Msg::NotFoundHint>
                <a class="button primary" href="/" rel=external.then_some("external")>
                    {tr(Msg::BackHome)}
                </a>
            </EmptyState>
        </div>
    }
}
