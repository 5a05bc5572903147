//! `/staff/screening`: department screening — nominations by place, duplicates, merge/split/reject, the shortlist.

use crate::i18n::screening::ScreeningMsg;
use crate::state::lang_context::tr;
use leptos::prelude::*;

/// The page (signed-in staff).
#[component]
pub fn ScreeningPage() -> impl IntoView {
    view! {
        <div class="page">
            <h1 class="page-title">{tr(ScreeningMsg::Title)}</h1>
        </div>
    }
}
