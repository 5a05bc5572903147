//! The field app (`field.html`, built into `dist/field/`, served at `/field/`, 现场评分):
//! inspectors sign in once with signal, the app installs (a service worker keeps the
//! shell, IndexedDB the candidates, sheets, drafts and outbox), and from then on they
//! score on site with no network; finalised sheets sync when the network is back. A
//! separate wasm with its own manifest; the other apps have no service worker.

use crate::browser::service_worker;
use crate::components::field_status_bar::FieldStatusBar;
use crate::components::header::Header;
use crate::i18n::field::FieldMsg;
use crate::i18n::Text;
use crate::pages::field_home_page::FieldHomePage;
use crate::pages::field_outbox_page::FieldOutboxPage;
use crate::pages::field_sheet_page::FieldSheetPage;
use crate::pages::not_found_page::NotFoundPage;
use crate::state::field_context::{load_from_phone, provide_field_context};
use crate::state::lang_context::provide_lang_context;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

/// The field app: language and field state, the worker, then the three routes.
#[component]
pub fn FieldApp() -> impl IntoView {
    let lang = provide_lang_context();
    Effect::new(move |_| document().set_title(FieldMsg::DocumentTitle.text(lang.get())));
    let field = provide_field_context();
    service_worker::register();
    field.spawn(async move {
        let _ = service_worker::persist().await;
        load_from_phone(field).await;
        if service_worker::online() {
            field.check_session().await;
        }
        field.sync_now();
    });
    service_worker::on_network_change(move |online| {
        field.online.set(online);
        if online {
            field.spawn(async move {
                field.check_session().await;
                field.sync_now();
            });
        }
    });
    view! {
        <Router>
            <Header external=true />
            <FieldStatusBar />
            <main id="main" class="app-main field-main">
                <FlatRoutes fallback=|| view! { <NotFoundPage external=true /> }>
                    <Route path=path!("/field") view=FieldHomePage />
                    <Route path=path!("/field/") view=FieldHomePage />
                    <Route path=path!("/field/sheet/:id") view=FieldSheetPage />
                    <Route path=path!("/field/outbox") view=FieldOutboxPage />
                </FlatRoutes>
            </main>
        </Router>
    }
}
