//! Admin-only pages render through this gate: others get a sign-in prompt or a polite
//! "没有权限", never a broken page.

use crate::components::empty_state::EmptyState;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::i18n::Msg;
use crate::state::lang_context::tr;
use crate::state::session_context::{use_session, SessionState};
use leptos::prelude::*;

/// Shows `children` only to a signed-in admin. The children are created only then, so
/// their requests never go out for someone who may not make them. Re-renders only when
/// someone signs in or out.
#[component]
pub fn AdminGate(
    /// In an app other than the staff app (the office's): the sign-in link is then a full
    /// page load into the staff app.
    #[prop(optional)]
    external: bool,
    /// Lets a lead department's staff in too (the score-sheet pages: their own category).
    #[prop(optional)]
    departments: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    move || {
        let failed = session.state_with(|s| match s {
            SessionState::Failed(e) => Some(e.clone()),
            _ => None,
        });
        if let Some(error) = failed {
            return view! {
                <ErrorState error=error on_retry=Callback::new(move |_| session.reload()) />
            }
            .into_any();
        }
        let (loading, signed_in, admin) = session.state_with(|s| {
            (
                matches!(s, SessionState::Loading),
                matches!(s, SessionState::SignedIn(_)),
                matches!(s, SessionState::SignedIn(x) if x.account.role.is_admin()
                    || (departments && matches!(x.account.role, pingxuan_domain::Role::Department { .. }))),
            )
        });
        if loading {
            view! { <LoadingState /> }.into_any()
        } else if admin {
            children().into_any()
        } else if signed_in {
            view! {
                <EmptyState title=Msg::NoPermissionTitle hint=Msg::NoPermissionHint>
                    <a class="button" href="/" rel="external">
                        {tr(Msg::BackHome)}
                    </a>
                </EmptyState>
            }
            .into_any()
        } else {
            view! {
                <EmptyState title=Msg::NeedSignInTitle hint=Msg::NeedSignInHint>
                    <a class="button primary" href="/staff/" rel=external.then_some("external")>
                        {tr(Msg::GoSignIn)}
                    </a>
                </EmptyState>
            }
            .into_any()
        }
    }
}
