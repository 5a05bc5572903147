//! `/staff/screening`: department screening (部门筛选). A lead department sees its
//! category's nominations by place — photos, references, the residents' contact details
//! — merges suggested duplicates, moves or rejects single nominations, and builds the
//! shortlist of candidates; admins may screen every category (one tab each). Read-only,
//! with a notice, whenever the round is not in screening.

use crate::api;
use crate::components::empty_state::EmptyState;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::components::screening_context::{Half, Screening};
use crate::components::screening_places::ScreeningPlaces;
use crate::components::screening_shortlist::ShortlistEditor;
use crate::i18n::screening::{picked_text, ScreeningMsg};
use crate::i18n::Msg;
use crate::state::lang_context::{tr, use_lang};
use crate::state::remote::Remote;
use crate::state::session_context::{use_session, SessionState};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pingxuan_domain::api::RoundView;
use pingxuan_domain::lang::Label;
use pingxuan_domain::screening::ScreeningView;
use pingxuan_domain::{Category, Phase};

/// The page (admins and lead departments).
#[component]
pub fn ScreeningPage() -> impl IntoView {
    view! {
        <div class="page screening-page">
            <h1 class="page-title">{tr(ScreeningMsg::Title)}</h1>
            <ScreeningGate />
        </div>
    }
}

/// Admins and departments get the page; others a sign-in prompt or a polite refusal.
#[component]
fn ScreeningGate() -> impl IntoView {
    let session = use_session();
    move || {
        let state = session.state();
        match state {
            SessionState::Failed(error) => view! {
                <ErrorState error on_retry=Callback::new(move |_| session.reload()) />
            }
            .into_any(),
            SessionState::Loading => view! { <LoadingState /> }.into_any(),
            SessionState::SignedOut => view! {
                <EmptyState title=Msg::NeedSignInTitle hint=Msg::NeedSignInHint>
                    <a class="button primary" href="/staff/">
                        {tr(Msg::GoSignIn)}
                    </a>
                </EmptyState>
            }
            .into_any(),
            SessionState::SignedIn(s) if s.account.role.is_admin() => {
                view! { <ScreeningRound own=None /> }.into_any()
            }
            SessionState::SignedIn(s) => match s.account.role.category() {
                Some(own) => view! { <ScreeningRound own=Some(own) /> }.into_any(),
                None => view! {
                    <EmptyState title=Msg::NoPermissionTitle hint=Msg::NoPermissionHint />
                }
                .into_any(),
            },
        }
    }
}

/// The current round, then the category: a department's own, or the admin's tab.
#[component]
fn ScreeningRound(
    /// The department's category; `None` for an admin, who picks one.
    own: Option<Category>,
) -> impl IntoView {
    let query = use_query_map();
    let category = Memo::new(move |_| {
        own.or_else(|| query.with(|q| q.get("category").and_then(|c| Category::parse(&c))))
            .unwrap_or(Category::Village)
    });
    let round = Remote::new(|| async { Ok(api::rounds::current().await?.round) });
    move || match round.get() {
        None => view! { <LoadingState /> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorState error on_retry=Callback::new(move |_| round.reload()) />
        }
        .into_any(),
        Some(Ok(None)) => {
            view! { <EmptyState title=Msg::NoRoundTitle hint=Msg::NoRoundHint /> }.into_any()
        }
        Some(Ok(Some(r))) => {
            view! { <RoundScreening round=r category tabs=own.is_none() /> }.into_any()
        }
    }
}

/// The round's name and category, the admin's category tabs, and the category's work.
#[component]
fn RoundScreening(round: RoundView, category: Memo<Category>, tabs: bool) -> impl IntoView {
    let lang = use_lang();
    let (id, phase) = (round.id, round.phase);
    let tabs = tabs.then(|| {
        let links = Category::ALL
            .into_iter()
            .map(|c| {
                view! {
                    <a
                        class="tab"
                        href=format!("/staff/screening?category={}", c.as_str())
                        aria-current=move || (category.get() == c).then_some("page")
                    >
                        {move || c.label(lang.get())}
                    </a>
                }
            })
            .collect_view();
        view! { <nav class="tabs" aria-label=tr(Msg::Categories)>{links}</nav> }
    });
    view! {
        <p class="screening-round">
            {round.name} " · " {move || category.get().list_title(lang.get())}
        </p>
        {tabs}
        {move || {
            let category = category.get();
            view! { <CategoryScreening round_id=id phase category /> }
        }}
    }
}

/// One category's screening view, loaded.
#[component]
fn CategoryScreening(round_id: i64, phase: Phase, category: Category) -> impl IntoView {
    let session = use_session();
    let view = Remote::new(move || async move {
        let answer = api::screening::view(round_id, category).await;
        if let Err(e) = &answer {
            session.note_error(e);
        }
        answer
    });
    move || match view.get() {
        None => view! { <LoadingState /> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorState error on_retry=Callback::new(move |_| view.reload()) />
        }
        .into_any(),
        Some(Ok(data)) => view! { <ScreeningBody data phase /> }.into_any(),
    }
}

/// The lock notice, the switch between the two halves, and the half shown.
#[component]
fn ScreeningBody(data: ScreeningView, phase: Phase) -> impl IntoView {
    let lang = use_lang();
    let s = Screening::new(data, phase);
    let lock = move || {
        if !s.locked() {
            return ().into_any();
        }
        {
            let msg = if s.phase < Phase::Screening {
                ScreeningMsg::LockedBefore
            } else {
                ScreeningMsg::LockedAfter
            };
            view! {
                <p class="notice locked" role="status" data-testid="screening-locked">
                    {tr(msg)}
                </p>
            }
            .into_any()
        }
    };
    let tab = move |half: Half, label: ScreeningMsg| {
        let count = move || match half {
            Half::Places => s.data.with(|v| v.places.len()).to_string(),
            Half::Shortlist => picked_text(lang.get(), s.picked(), s.size()),
        };
        view! {
            <button
                type="button"
                role="tab"
                class="switch-tab"
                aria-selected=move || if s.half.get() == half { "true" } else { "false" }
                on:click=move |_| s.half.set(half)
            >
                <span class="switch-label">{tr(label)}</span>
                <span class="switch-count">{count}</span>
            </button>
        }
    };
    view! {
        {lock}
        <div class="screening-switch" role="tablist" aria-label=tr(ScreeningMsg::Title)>
            {tab(Half::Places, ScreeningMsg::HalfPlaces)}
            {tab(Half::Shortlist, ScreeningMsg::HalfShortlist)}
        </div>
        {move || match s.half.get() {
            Half::Places => view! { <ScreeningPlaces s /> }.into_any(),
            Half::Shortlist => view! { <ShortlistEditor s /> }.into_any(),
        }}
    }
}
