//! The router and the shell every page sits in: header, main content, bottom navigation.

use crate::components::bottom_nav::BottomNav;
use crate::components::header::Header;
use crate::pages::admin_round_page::AdminRoundPage;
use crate::pages::home_page::HomePage;
use crate::pages::login_page::LoginPage;
use crate::pages::nominate_page::NominatePage;
use crate::pages::nominations_page::NominationsPage;
use crate::pages::not_found_page::NotFoundPage;
use crate::pages::staff_accounts_page::StaffAccountsPage;
use crate::state::lang_context::provide_lang_context;
use crate::state::session_context::provide_session_context;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

/// The whole app: provides language and session, then routes.
#[component]
pub fn App() -> impl IntoView {
    provide_lang_context();
    provide_session_context();
    view! {
        <Router>
            <Header />
            <main id="main" class="app-main">
                <FlatRoutes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/nominate") view=NominatePage />
                    <Route path=path!("/nominations") view=NominationsPage />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/admin/round") view=AdminRoundPage />
                    <Route path=path!("/admin/staff") view=StaffAccountsPage />
                </FlatRoutes>
            </main>
            <BottomNav />
        </Router>
    }
}
