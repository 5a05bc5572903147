//! The voting app (`vote.html`, built into `dist/vote/`, served at `/vote/`): the link
//! shared in WeChat groups during the voting phase. A separate wasm, so a resident on a
//! cheap phone downloads only the categories, the candidates, the verification and the
//! ballot (first load within 200 KB brotli); no service worker. Links to the other apps
//! are full page loads.

use crate::browser::wechat_share::note_entry_url;
use crate::components::header::Header;
use crate::i18n::vote::VoteMsg;
use crate::i18n::Text;
use crate::pages::not_found_page::NotFoundPage;
use crate::pages::vote_category_page::VoteCategoryPage;
use crate::pages::vote_home_page::VoteHomePage;
use crate::state::lang_context::provide_lang_context;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

/// The voting app: provides the language, then the two routes. No bottom navigation:
/// the bottom of the screen is the ballot's 投票 bar.
#[component]
pub fn VoteApp() -> impl IntoView {
    let lang = provide_lang_context();
    // iOS WeChat checks JS-SDK signatures against the address the app was opened at.
    note_entry_url();
    // The tab's (and a shared link's) title says this is the vote, in either language.
    Effect::new(move |_| document().set_title(VoteMsg::DocumentTitle.text(lang.get())));
    view! {
        <Router>
            <Header external=true />
            <main id="main" class="app-main vote-main">
                <FlatRoutes fallback=|| view! { <NotFoundPage external=true /> }>
                    <Route path=path!("/vote") view=VoteHomePage />
                    <Route path=path!("/vote/") view=VoteHomePage />
                    <Route path=path!("/vote/:category") view=VoteCategoryPage />
                </FlatRoutes>
            </main>
        </Router>
    }
}
