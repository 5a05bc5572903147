//! The rectification app (`rectify.html`, built into `dist/rectify/`, served under
//! `/rectify/`): 整改任务 for town officials, lead departments, inspectors and the office,
//! phone first. A separate small wasm — the staff app is at its budget — signed in
//! through the staff app (the same session cookie); links to the other apps are full
//! page loads.

use crate::components::header::Header;
use crate::pages::not_found_page::NotFoundPage;
use crate::pages::rectify_list_page::RectifyListPage;
use crate::pages::rectify_task_page::RectifyTaskPage;
use crate::state::lang_context::provide_lang_context;
use crate::state::session_context::provide_session_context;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

/// The rectification app: provides language and session, then routes.
#[component]
pub fn RectifyApp() -> impl IntoView {
    provide_lang_context();
    provide_session_context();
    view! {
        <Router>
            <Header external=true />
            <main id="main" class="app-main">
                <FlatRoutes fallback=|| view! { <NotFoundPage external=true /> }>
                    <Route path=path!("/rectify/") view=RectifyListPage />
                    <Route path=path!("/rectify") view=RectifyListPage />
                    <Route path=path!("/rectify/task/:id") view=RectifyTaskPage />
                </FlatRoutes>
            </main>
        </Router>
    }
}
