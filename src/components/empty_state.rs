//! "Nothing here yet", said plainly, with an optional next step.

use crate::i18n::Msg;
use crate::state::lang_context::tr;
use leptos::prelude::*;

/// A friendly empty or blocked state: a title, a sentence, and optional actions.
#[component]
pub fn EmptyState(
    /// What is missing, e.g. 暂无评选活动.
    title: Msg,
    /// One sentence on what happens next.
    #[prop(optional)]
    hint: Option<Msg>,
    /// Links or buttons offering the next step.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="card state-card empty">
            <p class="state-title">{tr(title)}</p>
            {hint.map(|h| view! { <p class="state-hint">{tr(h)}</p> })}
            {children.map(|c| view! { <div class="button-row center">{c()}</div> })}
        </div>
    }
}
