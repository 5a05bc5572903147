//! `/field/`: sign-in the first time (with signal); afterwards the inspector's sub-group,
//! the sync card and the assigned candidates — from the phone's own copy, so it opens
//! with no network at all.

use crate::components::field_candidate_card::FieldCandidateCard;
use crate::components::field_sign_in::FieldSignIn;
use crate::components::field_sync_card::FieldSyncCard;
use crate::components::loading_state::LoadingState;
use crate::i18n::field::FieldMsg;
use crate::state::field_context::{use_field, Session};
use crate::state::lang_context::{tr, tr_when, use_lang};
use leptos::prelude::*;
use pingxuan_domain::time::format_datetime;
use pingxuan_domain::Role;

/// Which view the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Loading,
    SignIn,
    NeedNetwork,
    NotInspector,
    Assignments,
}

/// Sign-in, or the assignments.
#[component]
pub fn FieldHomePage() -> impl IntoView {
    let field = use_field();
    let which = move || {
        if !field.loaded.get() {
            return View::Loading;
        }
        let has_bundle = field.saved.with(|s| s.is_some());
        match field.session.get() {
            Session::SignedOut => View::SignIn,
            Session::SignedIn(s) if s.account.role != Role::Inspector => View::NotInspector,
            _ if has_bundle => View::Assignments,
            Session::SignedIn(_) => View::Loading,
            Session::Unknown if field.online.get() && field.refresh_error.with(Option::is_none) => {
                View::Loading
            }
            Session::Unknown => View::NeedNetwork,
        }
    };
    view! {
        <div class="page field-page">
            {move || match which() {
                View::Loading => view! { <LoadingState /> }.into_any(),
                View::SignIn => view! { <FieldSignIn /> }.into_any(),
                View::NeedNetwork => {
                    state_card(FieldMsg::NeedNetworkTitle, FieldMsg::NeedNetworkHint, true).into_any()
                }
                View::NotInspector => {
                    state_card(FieldMsg::NotInspectorTitle, FieldMsg::NotInspectorHint, true).into_any()
                }
                View::Assignments => view! { <Assignments /> }.into_any(),
            }}
        </div>
    }
}

/// A state card: what is missing and what to do (no copy and no network, no team, no
/// candidates, the wrong kind of account).
fn state_card(title: FieldMsg, hint: FieldMsg, alert: bool) -> impl IntoView {
    view! {
        <div class="card state-card" role=alert.then_some("alert")>
            <p class="state-title">{tr(title)}</p>
            <p class="state-hint">{tr(hint)}</p>
        </div>
    }
}

/// The sub-group, the sync card and the candidate cards.
#[component]
fn Assignments() -> impl IntoView {
    let lang = use_lang();
    let field = use_field();
    let team = move || {
        field
            .saved
            .with(|s| s.as_ref().and_then(|s| s.bundle.team.clone()))
    };
    let round_name = move || {
        field.saved.with(|s| {
            s.as_ref()
                .and_then(|s| s.bundle.round.as_ref().map(|r| r.name.clone()))
        })
    };
    let accepting = move || {
        field
            .saved
            .with(|s| s.as_ref().is_none_or(|s| s.bundle.accepting))
    };
    let candidates = move || {
        field.saved.with(|s| {
            s.as_ref()
                .map(|s| s.bundle.candidates.clone())
                .unwrap_or_default()
        })
    };
    let fetched = move || {
        field.saved.with(|s| {
            s.as_ref().and_then(|s| {
                chrono::DateTime::from_timestamp_millis(s.meta.fetched_at as i64)
                    .map(|t| format_datetime(t, lang.get()))
            })
        })
    };
    let who = move || {
        field.saved.with(|s| {
            s.as_ref()
                .map(|s| format!("{}（{}）", s.meta.display_name, s.meta.username))
        })
    };
    let stale = move || !field.online.get() || field.refresh_error.with(Option::is_some);
    view! {
        <section class="card field-team">
            <p class="eyebrow">{round_name}</p>
            {move || match team() {
                Some(t) => {
                    view! {
                        <h1 class="page-title">{format!("{} · {}", t.work_group_name, t.sub_group.name)}</h1>
                        {(!t.work_group_leader.is_empty())
                            .then(|| {
                                view! {
                                    <p class="muted">
                                        {tr(FieldMsg::LeaderOfGroup)}
                                        {t.work_group_leader.clone()}
                                    </p>
                                }
                            })}
                    }
                        .into_any()
                }
                None => view! { <h1 class="page-title">{tr(FieldMsg::MyAssignments)}</h1> }.into_any(),
            }}
            <p class="muted small">{who}</p>
            <p class="muted small">
                {tr(FieldMsg::UpdatedAt)}
                " "
                {fetched}
            </p>
            {move || stale().then(|| view! { <p class="field-hint warn">{tr(FieldMsg::UsingSaved)}</p> })}
            {move || {
                (!accepting()).then(|| view! { <p class="field-hint warn">{tr(FieldMsg::NotAccepting)}</p> })
            }}
            {move || {
                field
                    .storage_failed
                    .get()
                    .then(|| view! { <p class="form-error" role="alert">{tr(FieldMsg::StorageFailed)}</p> })
            }}
            <div class="button-row">
                <button
                    type="button"
                    class="button small"
                    disabled=move || field.refreshing.get() || !field.online.get()
                    on:click=move |_| field.spawn(async move { field.check_session().await })
                >
                    {tr_when(field.refreshing.into(), FieldMsg::Refreshing, FieldMsg::Refresh)}
                </button>
            </div>
        </section>
        <FieldSyncCard />
        <h2 class="section-heading">
            {tr(FieldMsg::MyAssignments)}
            <span class="muted">{move || format!(" ({})", candidates().len())}</span>
        </h2>
        {move || {
            if team().is_none() {
                return state_card(FieldMsg::NoTeamTitle, FieldMsg::NoTeamHint, false).into_any();
            }
            let list = candidates();
            if list.is_empty() {
                return state_card(FieldMsg::NoCandidatesTitle, FieldMsg::NoCandidatesHint, false)
                    .into_any();
            }
            view! {
                <ul class="field-cards">
                    {list.into_iter().map(|c| view! { <FieldCandidateCard candidate=c /> }).collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
}
