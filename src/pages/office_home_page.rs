//! `/office/`: the campaign office's oversight workbench (市创卫办监督台), admins only —
//! what the office does here in a line, links to its pages and apps, the rectification
//! counts (逾期 in red, 待核验, 待整改, each opening `/rectify/`) and 问责提示.

use crate::api;
use crate::components::accountability_panel::AccountabilityPanel;
use crate::components::admin_gate::AdminGate;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::i18n::fraud::FraudMsg;
use crate::i18n::rectify::RectifyPanelMsg;
use crate::state::lang_context::tr;
use crate::state::remote::Remote;
use leptos::prelude::*;
use leptos_router::components::A;
use pingxuan_domain::rectification::RectificationCounts;

/// The office's index.
#[component]
pub fn OfficeHomePage() -> impl IntoView {
    view! {
        <div class="page">
            <h1 class="page-title">{tr(FraudMsg::OfficeTitle)}</h1>
            <AdminGate external=true>
                <p class="card card-lead office-intro">{tr(FraudMsg::OfficeIntro)}</p>
                <nav class="card link-list" aria-label=tr(FraudMsg::OfficeTitle)>
                    <A href="/office/fraud" attr:class="link-row">
                        {tr(FraudMsg::Title)}
                    </A>
                    // Another wasm (the results workbench): a full page load.
                    <a href="/office/results" class="link-row" rel="external">
                        {tr(crate::i18n::office_results::OfficeResultsMsg::Title)}
                    </a>
                    // The rectification app: a full page load.
                    <a href="/rectify/" class="link-row" rel="external">
                        {tr(RectifyPanelMsg::Title)}
                    </a>
                </nav>
                <RectifySummaryPanel />
                <AccountabilityPanel />
            </AdminGate>
        </div>
    }
}

/// 整改进度: the counts from `GET /rectifications/summary` (not the tasks), with loading,
/// error and empty states.
#[component]
pub fn RectifySummaryPanel() -> impl IntoView {
    let summary = Remote::new(api::rectification::summary);
    view! {
        <section class="card rectify-summary" data-testid="rectify-summary">
            <h2 class="card-title">{tr(RectifyPanelMsg::Progress)}</h2>
            {move || match summary.get() {
                None => view! { <LoadingState /> }.into_any(),
                Some(Err(error)) => view! {
                    <ErrorState error on_retry=Callback::new(move |_| summary.reload()) />
                }
                .into_any(),
                Some(Ok(counts)) => view! { <RectifySummaryCounts counts /> }.into_any(),
            }}
        </section>
    }
}

/// The counts themselves: 逾期 (red when there are any), 待核验, 待整改 — each a full
/// page load into `/rectify/`, where the tasks are — or 目前没有整改任务.
#[component]
pub fn RectifySummaryCounts(counts: RectificationCounts) -> impl IntoView {
    let any =
        counts.overdue + counts.submitted + counts.to_do + counts.verified + counts.reminders_open
            > 0;
    if !any {
        return view! { <p class="muted" data-testid="no-rectifications">{tr(RectifyPanelMsg::NoTasks)}</p> }
            .into_any();
    }
    let chip = |n: u32, msg: RectifyPanelMsg, alert: bool| {
        view! {
            <a href="/rectify/" rel="external" class="summary-chip" class:alert=alert>
                <strong>{n}</strong>
                <span>{tr(msg)}</span>
            </a>
        }
    };
    view! {
        <div class="summary-chips">
            {chip(counts.overdue, RectifyPanelMsg::Overdue, counts.overdue > 0)}
            {chip(counts.submitted, RectifyPanelMsg::Submitted, false)}
            {chip(counts.to_do, RectifyPanelMsg::ToDo, false)}
        </div>
    }
    .into_any()
}
