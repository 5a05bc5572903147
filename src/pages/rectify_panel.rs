//! The office home's rectification panel: how many tasks are overdue (逾期, in red when
//! any) and waiting for verification (待核验), each a link to the task list in
//! `/rectify/`. Built from the office's existing styles and a text set of its own, so the
//! office's wasm carries little of the rectification app.

use crate::api;
use crate::i18n::rectify::RectifyPanelMsg;
use crate::state::lang_context::tr;
use crate::state::remote::Remote;
use leptos::prelude::*;
use pingxuan_domain::rectification::RectificationCounts;

/// Nothing until results are published and tasks exist (all counts zero), nor when the
/// counts cannot be loaded (the task list says why).
#[component]
pub fn RectifyPanel() -> impl IntoView {
    let counts: Remote<RectificationCounts> = Remote::new(api::rectification::counts);
    move || {
        let c = counts.get()?.ok()?;
        (c != RectificationCounts::default()).then(|| {
            let row = |msg: RectifyPanelMsg, n: u32, alarm: bool| {
                let badge = if alarm && n > 0 {
                    "badge count"
                } else {
                    "badge off"
                };
                view! {
                    <a class="link-row" href="/rectify/" rel="external">
                        <span>
                            {tr(msg)} " "
                            <span class=badge>{n}</span>
                        </span>
                    </a>
                }
            };
            view! {
                <section class="card rectify-panel" aria-label=tr(RectifyPanelMsg::Title)>
                    <h2 class="card-title">{tr(RectifyPanelMsg::Title)}</h2>
                    {row(RectifyPanelMsg::Overdue, c.overdue, true)}
                    {row(RectifyPanelMsg::Submitted, c.submitted, false)}
                </section>
            }
        })
    }
}
