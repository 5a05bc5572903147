//! The residents' app (`index.html`, served at `/`): the router and the shell every page
//! sits in — header, main content, bottom navigation. It needs no session: nothing it
//! shows depends on who is signed in. The nomination form is its own app under
//! `/nominate/` ([`crate::nominate_app`]) and staff have theirs under `/staff/`
//! ([`crate::staff_app`]): links there are full page loads.

use crate::components::bottom_nav::{BottomNav, ResidentApp};
use crate::components::header::Header;
use crate::pages::home_page::HomePage;
use crate::pages::nominations_page::NominationsPage;
use crate::pages::not_found_page::NotFoundPage;
use crate::pages::results_archive_page::ResultsArchivePage;
use crate::pages::results_page::ResultsPage;
use crate::state::lang_context::provide_lang_context;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

/// The residents' app: provides the language, then routes.
#[component]
pub fn App() -> impl IntoView {
    provide_lang_context();
    view! {
        <Router>
            <Header />
            <main id="main" class="app-main">
                <FlatRoutes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/nominations") view=NominationsPage />
                    <Route path=path!("/results") view=ResultsArchivePage />
                    <Route path=path!("/results/:round") view=ResultsPage />
                </FlatRoutes>
            </main>
            <BottomNav app=ResidentApp::Main />
        </Router>
    }
}
