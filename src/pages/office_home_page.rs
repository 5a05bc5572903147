//! `/office/`: the campaign office's oversight workbench (市创卫办监督台), admins only —
//! what the office does here in a line, links to its pages and apps, and 问责提示.

use crate::components::accountability_panel::AccountabilityPanel;
use crate::components::admin_gate::AdminGate;
use crate::i18n::fraud::FraudMsg;
use crate::i18n::rectify::RectifyPanelMsg;
use crate::state::lang_context::tr;
use leptos::prelude::*;
use leptos_router::components::A;

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
                    // The rectification app, with its counts (逾期 / 待核验): a full page load.
                    <a href="/rectify/" class="link-row" rel="external">
                        {tr(RectifyPanelMsg::Title)}
                    </a>
                </nav>
                <AccountabilityPanel />
            </AdminGate>
        </div>
    }
}
