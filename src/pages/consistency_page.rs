//! `/office/consistency`: per category, candidates scored by two or more sub-groups side
//! by side (flagged when their totals are further apart than the margin, 15 by default
//! and adjustable here), candidates still missing sheets, and the conflicting resends to
//! resolve with a reason.

use crate::api;
use crate::components::admin_gate::AdminGate;
use crate::components::consistency_candidate::ComparedCandidate;
use crate::components::consistency_conflict::ConflictCard;
use crate::components::empty_state::EmptyState;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::components::team_tabs::{CategoryTabs, FieldTabs};
use crate::i18n::teams::{sheets_in, TeamsMsg};
use crate::i18n::Msg;
use crate::state::lang_context::{tr, use_lang};
use crate::state::remote::Remote;
use crate::state::session_context::use_session;
use leptos::prelude::*;
use pingxuan_domain::field::{compare, DEFAULT_MARGIN};
use pingxuan_domain::Category;

/// The page: admins only.
#[component]
pub fn ConsistencyPage() -> impl IntoView {
    view! {
        <div class="page consistency-page">
            <h1 class="page-title">{tr(TeamsMsg::ConsistencyTitle)}</h1>
            <AdminGate external=true>
                <FieldTabs />
                <ConsistencyRound />
            </AdminGate>
        </div>
    }
}

/// The current round, then its view.
#[component]
fn ConsistencyRound() -> impl IntoView {
    let round = Remote::new(|| async { Ok(api::rounds::current().await?.round) });
    move || match round.get() {
        None => view! { <LoadingState /> }.into_any(),
        Some(Err(error)) => {
            view! { <ErrorState error on_retry=Callback::new(move |_| round.reload()) /> }
                .into_any()
        }
        Some(Ok(None)) => {
            view! { <EmptyState title=Msg::NoRoundTitle hint=Msg::NoRoundHint /> }.into_any()
        }
        Some(Ok(Some(r))) => view! { <ConsistencyBody round_id=r.id /> }.into_any(),
    }
}

/// Category tabs, the margin, the conflicts and the category's comparison.
#[component]
fn ConsistencyBody(round_id: i64) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let category = RwSignal::new(Category::Village);
    let margin = RwSignal::new(DEFAULT_MARGIN);
    let conflicts = Remote::new(move || async move {
        let answer = api::teams::conflicts(round_id).await;
        if let Err(e) = &answer {
            session.note_error(e);
        }
        answer
    });
    // A new comparison whenever the category changes (the margin applies here).
    let refreshes = RwSignal::new(0u32);
    let comparison = move || {
        let c = category.get();
        refreshes.track();
        view! { <CategoryView round_id category=c margin=margin.into() /> }
    };
    let on_resolved = Callback::new(move |_| {
        conflicts.refresh();
        refreshes.update(|n| *n += 1);
    });
    let conflict_list = move || match conflicts.get() {
        None => view! { <LoadingState /> }.into_any(),
        Some(Err(error)) => {
            view! { <ErrorState error on_retry=Callback::new(move |_| conflicts.reload()) /> }
                .into_any()
        }
        Some(Ok(v)) if v.conflicts.is_empty() => {
            view! { <p class="all-clear">{tr(TeamsMsg::NoConflicts)}</p> }.into_any()
        }
        Some(Ok(v)) => {
            let resolvable = v.resolvable;
            v.conflicts
                .into_iter()
                .map(|conflict| {
                    view! { <ConflictCard round_id conflict resolvable on_resolved /> }
                })
                .collect_view()
                .into_any()
        }
    };
    let set_margin = move |ev: leptos::ev::Event| {
        if let Ok(m) = event_target_value(&ev).trim().parse::<u32>() {
            margin.set(m.min(100));
        }
    };
    let _ = lang;
    view! {
        <p class="card card-lead">{tr(TeamsMsg::ConsistencyIntro)}</p>
        <section class="conflicts" aria-labelledby="conflicts-title">
            <h2 class="section-title" id="conflicts-title">{tr(TeamsMsg::Conflicts)}</h2>
            <p class="section-hint">{tr(TeamsMsg::ConflictsHint)}</p>
            {conflict_list}
        </section>
        <div class="tabs" role="group">
            <CategoryTabs category />
        </div>
        <div class="field margin-field">
            <label for="margin">{tr(TeamsMsg::Margin)}</label>
            <input
                id="margin"
                type="number"
                inputmode="numeric"
                min="0"
                max="100"
                prop:value=move || margin.get().to_string()
                on:change=set_margin
            />
        </div>
        {comparison}
    }
}

/// One category's candidates: those scored by several sub-groups, then those missing sheets.
#[component]
fn CategoryView(round_id: i64, category: Category, margin: Signal<u32>) -> impl IntoView {
    let lang = use_lang();
    let view_ = Remote::new(move || api::teams::consistency(round_id, category));
    move || match view_.get() {
        None => view! { <LoadingState /> }.into_any(),
        Some(Err(error)) => {
            view! { <ErrorState error on_retry=Callback::new(move |_| view_.reload()) /> }
                .into_any()
        }
        Some(Ok(v)) => {
            let sheet = v.sheet.map(|s| s.content);
            let (mut compared, rest): (Vec<_>, Vec<_>) =
                v.candidates.into_iter().partition(|c| c.sheets.len() >= 2);
            // Flagged (at the default margin) first, then the widest spreads.
            compared.sort_by_key(|c| {
                let totals: Vec<u32> = c.sheets.iter().map(|s| s.total).collect();
                std::cmp::Reverse(compare(&totals, 0).spread.unwrap_or(0))
            });
            let missing: Vec<_> = compared
                .iter()
                .chain(rest.iter())
                .filter(|c| c.sheets.len() < c.sub_group_ids.len())
                .map(|c| {
                    (
                        c.candidate.title.clone(),
                        c.candidate.town.clone(),
                        c.sheets.len(),
                        c.sub_group_ids.len(),
                    )
                })
                .collect();
            let cards = if compared.is_empty() {
                view! { <p class="card muted">{tr(TeamsMsg::NoneCompared)}</p> }.into_any()
            } else {
                compared
                    .into_iter()
                    .map(|candidate| {
                        view! { <ComparedCandidate candidate sheet=sheet.clone() margin /> }
                    })
                    .collect_view()
                    .into_any()
            };
            let missing_list = if missing.is_empty() {
                view! { <p class="all-clear">{tr(TeamsMsg::NoneMissing)}</p> }.into_any()
            } else {
                let rows = missing
                    .into_iter()
                    .map(|(title, town, got, due)| {
                        view! {
                            <li class="missing-row">
                                <span>
                                    {title} <small class="muted">{town}</small>
                                </span>
                                <span class="tag">{move || sheets_in(lang.get(), got, due)}</span>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class="missing-list">{rows}</ul> }.into_any()
            };
            view! {
                <section aria-labelledby="compared-title">
                    <h2 class="section-title" id="compared-title">{tr(TeamsMsg::Compared)}</h2>
                    {cards}
                </section>
                <section class="card" aria-labelledby="missing-title">
                    <h2 class="card-title" id="missing-title">{tr(TeamsMsg::Missing)}</h2>
                    {missing_list}
                </section>
            }
            .into_any()
        }
    }
}
