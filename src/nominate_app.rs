//! The nomination app (`nominate.html`, built into `dist/nominate/`, served at
//! `/nominate/`): the one page residents reach from the posters' QR codes and the home
//! page's button. A separate wasm, so the photo pipeline, the place picker and the draft
//! store are downloaded only by those who nominate; the home page, the list and the
//! voting link stay small. Links to the other apps are full page loads.

use crate::components::bottom_nav::{BottomNav, ResidentApp};
use crate::components::header::Header;
use crate::pages::nominate_page::NominatePage;
use crate::pages::not_found_page::NotFoundPage;
use crate::state::lang_context::provide_lang_context;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

/// The nomination app: provides the language, then the one route.
#[component]
pub fn NominateApp() -> impl IntoView {
    provide_lang_context();
    view! {
        <Router>
            <Header external=true />
            <main id="main" class="app-main">
                <FlatRoutes fallback=|| view! { <NotFoundPage external=true /> }>
                    <Route path=path!("/nominate") view=NominatePage />
                    <Route path=path!("/nominate/") view=NominatePage />
                </FlatRoutes>
            </main>
            <BottomNav app=ResidentApp::Nominate />
        </Router>
    }
}
