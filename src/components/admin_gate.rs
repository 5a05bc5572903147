//! Admin-only pages render through this gate: others get a sign-in prompt or a polite
//! "没有权限", never a broken page.

use crate::api::ClientError;
use crate::components::empty_state::EmptyState;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::i18n::Msg;
use crate::state::lang_context::use_lang;
use crate::state::session_context::{use_session, SessionState};
use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq)]
enum Gate {
    Loading,
    SignedOut,
    NotAdmin,
    Admin,
    Failed(ClientError),
}

/// Shows `children` only to a signed-in admin. The children are created only then, so
/// their requests never go out for someone who may not make them.
#[component]
pub fn AdminGate(children: ChildrenFn) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let gate = Memo::new(move |_| match session.state() {
        SessionState::Loading => Gate::Loading,
        SessionState::SignedOut => Gate::SignedOut,
        SessionState::Failed(e) => Gate::Failed(e),
        SessionState::SignedIn(s) if s.account.role.is_admin() => Gate::Admin,
        SessionState::SignedIn(_) => Gate::NotAdmin,
    });
    move || match gate.get() {
        Gate::Loading => view! { <LoadingState /> }.into_any(),
        Gate::SignedOut => view! {
            <EmptyState title=Msg::NeedSignInTitle hint=Msg::NeedSignInHint>
                <a class="button primary" href="/login">
                    {move || lang.t(Msg::GoSignIn)}
                </a>
            </EmptyState>
        }
        .into_any(),
        Gate::NotAdmin => view! {
            <EmptyState title=Msg::NoPermissionTitle hint=Msg::NoPermissionHint>
                <a class="button" href="/">
                    {move || lang.t(Msg::BackHome)}
                </a>
            </EmptyState>
        }
        .into_any(),
        Gate::Failed(error) => view! {
            <ErrorState error=error on_retry=Callback::new(move |_| session.reload()) />
        }
        .into_any(),
        Gate::Admin => children().into_any(),
    }
}
