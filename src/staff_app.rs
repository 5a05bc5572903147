//! The staff app (`staff.html`, built into `dist/staff/`, served under `/staff/`): sign-in
//! and workbench, the round's settings, staff accounts, screening, the place register and
//! the poster. A separate wasm, so residents
//! never download these pages; links to the public site are full page loads.

use crate::components::bottom_nav::StaffNav;
use crate::components::header::Header;
use crate::pages::admin_round_page::AdminRoundPage;
use crate::pages::login_page::LoginPage;
use crate::pages::not_found_page::NotFoundPage;
use crate::pages::places_page::PlacesPage;
use crate::pages::poster_page::PosterPage;
use crate::pages::screening_page::ScreeningPage;
use crate::pages::staff_accounts_page::StaffAccountsPage;
use crate::state::lang_context::provide_lang_context;
use crate::state::session_context::provide_session_context;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

/// The staff app: provides language and session, then routes.
#[component]
pub fn StaffApp() -> impl IntoView {
    provide_lang_context();
    provide_session_context();
    view! {
        <Router>
            <Header external=true />
            <main id="main" class="app-main">
                <FlatRoutes fallback=|| view! { <NotFoundPage external=true /> }>
                    <Route path=path!("/staff/") view=LoginPage />
                    <Route path=path!("/staff") view=LoginPage />
                    <Route path=path!("/staff/round") view=AdminRoundPage />
                    <Route path=path!("/staff/accounts") view=StaffAccountsPage />
                    <Route path=path!("/staff/screening") view=ScreeningPage />
                    <Route path=path!("/staff/places") view=PlacesPage />
                    <Route path=path!("/staff/poster") view=PosterPage />
                </FlatRoutes>
            </main>
            <StaffNav />
        </Router>
    }
}
