//! The office's score sheets (`office-sheets.html`, built into `dist/office-sheets/`,
//! served under `/office/sheets`): each category's versions and the editor, for admins and
//! lead departments. A wasm of its own so the office app's first load stays within its
//! budget; links to the office's other pages are full page loads, links between the
//! sheets pages are router links.

use crate::components::bottom_nav::{OfficeNav, OfficeWasm};
use crate::components::header::Header;
use crate::pages::not_found_page::NotFoundPage;
use crate::pages::sheet_editor_page::SheetEditorPage;
use crate::pages::sheet_list_page::SheetListPage;
use crate::state::lang_context::provide_lang_context;
use crate::state::session_context::provide_session_context;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

/// The score-sheet app: provides language and session, then routes.
#[component]
pub fn OfficeSheetsApp() -> impl IntoView {
    provide_lang_context();
    provide_session_context();
    view! {
        <Router>
            <Header external=true />
            <main id="main" class="app-main">
                <FlatRoutes fallback=|| view! { <NotFoundPage external=true /> }>
                    <Route path=path!("/office/sheets") view=SheetListPage />
                    <Route path=path!("/office/sheets/") view=SheetListPage />
                    <Route path=path!("/office/sheets/:id") view=SheetEditorPage />
                </FlatRoutes>
            </main>
            <OfficeNav app=OfficeWasm::Sheets />
        </Router>
    }
}
