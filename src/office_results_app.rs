//! The office's results workbench (`office-results.html`, built into
//! `dist/office-results/`, served under `/office/results`): review the preview, exclude,
//! publish and correct. A wasm of its own so the office app's first load stays within its
//! budget; links to the office's other pages are full page loads.

use crate::components::bottom_nav::{OfficeNav, OfficeWasm};
use crate::components::header::Header;
use crate::pages::not_found_page::NotFoundPage;
use crate::pages::office_results_page::OfficeResultsPage;
use crate::state::lang_context::provide_lang_context;
use crate::state::session_context::provide_session_context;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

/// The results workbench app: provides language and session, then routes.
#[component]
pub fn OfficeResultsApp() -> impl IntoView {
    provide_lang_context();
    provide_session_context();
    view! {
        <Router>
            <Header external=true />
            <main id="main" class="app-main">
                <FlatRoutes fallback=|| view! { <NotFoundPage external=true /> }>
                    <Route path=path!("/office/results") view=OfficeResultsPage />
                    <Route path=path!("/office/results/") view=OfficeResultsPage />
                </FlatRoutes>
            </main>
            <OfficeNav app=OfficeWasm::Results />
        </Router>
    }
}
