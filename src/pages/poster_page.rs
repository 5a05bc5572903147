//! `/staff/poster`: an A4 poster with the QR code of the nomination (or voting) link, to print.

use crate::i18n::poster::PosterMsg;
use crate::state::lang_context::tr;
use leptos::prelude::*;

/// The page (signed-in staff).
#[component]
pub fn PosterPage() -> impl IntoView {
    view! {
        <div class="page">
            <h1 class="page-title">{tr(PosterMsg::Title)}</h1>
        </div>
    }
}
