//! The office home's rectification panel: how many tasks are overdue (逾期, red) and
//! waiting for verification (待核验), with the way to the task list in `/rectify/`.

use crate::api;
use crate::i18n::rectify::RectifyMsg;
use crate::pages::rectify_list_page::Counts;
use crate::state::lang_context::{tr, use_lang};
use crate::state::remote::Remote;
use leptos::prelude::*;
use pingxuan_domain::rectification::RectificationCounts;

/// Nothing until results are published and tasks exist (all counts zero); a short line if the counts
/// cannot be loaded.
#[component]
pub fn RectifyPanel() -> impl IntoView {
    let lang = use_lang();
    let counts: Remote<RectificationCounts> = Remote::new(api::rectification::counts);
    move || match counts.get() {
        None => None,
        Some(Ok(c)) if c == RectificationCounts::default() => None,
        Some(Err(e)) => Some(
            view! { <p class="card muted" role="alert">{e.message(lang.get())}</p> }.into_any(),
        ),
        Some(Ok(c)) => Some(
            view! {
                <section class="card rectify-panel" aria-label=tr(RectifyMsg::PanelTitle)>
                    <h2 class="section-title">{tr(RectifyMsg::PanelTitle)}</h2>
                    <Counts counts=c />
                    <a class="link-row" href="/rectify/" rel="external">
                        {tr(RectifyMsg::PanelOpen)}
                    </a>
                </section>
            }
            .into_any(),
        ),
    }
}
