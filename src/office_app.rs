//! The campaign office's app (`office.html`, built into `dist/office/`, served under
//! `/office/`): the oversight workbench and the panel against ballot-stuffing, for admins.
//! A separate wasm, so neither residents nor the staff app download these pages. Sign-in
//! is the staff app's (the same session cookie); links to the other apps are full page
//! loads — the results workbench (`/office/results`) and the score sheets
//! (`/office/sheets`) included: each is a wasm of its own.

use crate::components::bottom_nav::OfficeNav;
use crate::components::header::Header;
use crate::pages::consistency_page::ConsistencyPage;
use crate::pages::fraud_page::FraudPage;
use crate::pages::not_found_page::NotFoundPage;
use crate::pages::office_home_page::OfficeHomePage;
use crate::pages::teams_page::TeamsPage;
use crate::state::lang_context::provide_lang_context;
use crate::state::session_context::provide_session_context;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

/// The office app: provides language and session, then routes.
#[component]
pub fn OfficeApp() -> impl IntoView {
    provide_lang_context();
    provide_session_context();
    view! {
        <Router>
            <Header external=true />
            <main id="main" class="app-main">
                <FlatRoutes fallback=|| view! { <NotFoundPage external=true /> }>
                    <Route path=path!("/office/") view=OfficeHomePage />
                    <Route path=path!("/office") view=OfficeHomePage />
                    <Route path=path!("/office/fraud") view=FraudPage />
                    <Route path=path!("/office/teams") view=TeamsPage />
                    <Route path=path!("/office/consistency") view=ConsistencyPage />
                </FlatRoutes>
            </main>
            <OfficeNav />
        </Router>
    }
}
