//! `/staff/places`: the place register — search, add and edit places.

use crate::i18n::places::PlacesMsg;
use crate::state::lang_context::tr;
use leptos::prelude::*;

/// The page (signed-in staff).
#[component]
pub fn PlacesPage() -> impl IntoView {
    view! {
        <div class="page">
            <h1 class="page-title">{tr(PlacesMsg::Title)}</h1>
        </div>
    }
}
