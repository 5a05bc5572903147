//! `/office/fraud`: the office's panel against ballot-stuffing (刷票), admins only. The
//! voided count on top; then bursts, devices shared by voters and the busiest networks
//! (each a link to its ballots, `?device=…` / `?network=…`, where a ballot is voided with
//! a reason) and every category's hourly chart. Live counts: staff only.

use crate::api;
use crate::components::admin_gate::AdminGate;
use crate::components::empty_state::EmptyState;
use crate::components::error_state::ErrorState;
use crate::components::fraud_ballots::SourceBallots;
use crate::components::fraud_chart::{charts, HourlyCharts};
use crate::components::fraud_lists::{BurstList, SourceList};
use crate::components::fraud_names::CandidateNames;
use crate::components::loading_state::LoadingState;
use crate::i18n::fraud::{ballots, FraudMsg};
use crate::i18n::Msg;
use crate::state::lang_context::{tr, use_lang};
use crate::state::remote::Remote;
use crate::state::session_context::use_session;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pingxuan_domain::api::RoundView;
use pingxuan_domain::lang::Label;
use pingxuan_domain::voting::FraudReport;

/// The page: admins only.
#[component]
pub fn FraudPage() -> impl IntoView {
    view! {
        <div class="page fraud-page">
            <h1 class="page-title">{tr(FraudMsg::Title)}</h1>
            <AdminGate external=true>
                <FraudRound />
            </AdminGate>
        </div>
    }
}

/// The current round, then its panel.
#[component]
fn FraudRound() -> impl IntoView {
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
        Some(Ok(Some(r))) => view! { <FraudPanel round=r /> }.into_any(),
    }
}

/// The round's report and candidates' names, loaded; the overview or one source's ballots.
#[component]
fn FraudPanel(round: RoundView) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let id = round.id;
    let report = Remote::new(move || async move {
        let answer = api::fraud::report(id).await;
        if let Err(e) = &answer {
            session.note_error(e);
        }
        answer
    });
    let names = Remote::new(move || api::fraud::candidates(id));
    let query = use_query_map();
    // Which source's ballots to show, if any: `?device=…` or `?network=…`.
    let source = Memo::new(move |_| {
        query.with(|q| {
            q.get("device")
                .map(|s| (true, s))
                .or_else(|| q.get("network").map(|s| (false, s)))
                .filter(|(_, s)| !s.trim().is_empty())
        })
    });
    let phase = round.phase;
    let live = if round.config.hide_live_counts {
        FraudMsg::LiveHidden
    } else {
        FraudMsg::LiveShown
    };
    let body = move || match names.get() {
        None => view! { <LoadingState /> }.into_any(),
        Some(Err(error)) => {
            view! { <ErrorState error on_retry=Callback::new(move |_| names.reload()) /> }
                .into_any()
        }
        Some(Ok(list)) => {
            let names = CandidateNames::new(list);
            (move || match source.get() {
                Some((device, source)) => view! {
                    <SourceBallots
                        round_id=id
                        device
                        source
                        names=names.clone()
                        on_voided=Callback::new(move |_| report.refresh())
                    />
                }
                .into_any(),
                None => view! { <Overview report names=names.clone() /> }.into_any(),
            })
            .into_any()
        }
    };
    view! {
        <p class="fraud-round">
            {round.name} " · " {move || phase.label(lang.get())}
        </p>
        <p class="notice live-note">{tr(live)}</p>
        <VoidedCount report />
        {body}
    }
}

/// The voided count, kept current after each void, and 刷新 to fetch the panel again.
#[component]
fn VoidedCount(report: Remote<FraudReport>) -> impl IntoView {
    let lang = use_lang();
    let count = move || {
        report
            .get()
            .and_then(Result::ok)
            .map(|r| ballots(lang.get(), r.voided_ballots))
            .unwrap_or_else(|| "…".to_owned())
    };
    view! {
        <section class="card voided-card" aria-labelledby="voided-title">
            <div>
                <h2 class="eyebrow" id="voided-title">
                    {tr(FraudMsg::VoidedTitle)}
                </h2>
                <p class="voided-count" data-testid="voided-count" aria-live="polite">
                    {count}
                </p>
            </div>
            <button type="button" class="button" on:click=move |_| report.refresh()>
                {tr(FraudMsg::Refresh)}
            </button>
        </section>
    }
}

/// Bursts, shared devices, busy networks and the hourly charts — or "no ballots yet".
#[component]
fn Overview(report: Remote<FraudReport>, names: CandidateNames) -> impl IntoView {
    move || match report.get() {
        None => view! { <LoadingState /> }.into_any(),
        Some(Err(error)) => {
            view! { <ErrorState error on_retry=Callback::new(move |_| report.reload()) /> }
                .into_any()
        }
        Some(Ok(r))
            if r.hourly.is_empty()
                && r.busy_networks.is_empty()
                && r.shared_devices.is_empty()
                && r.voided_ballots == 0 =>
        {
            view! {
                <div class="card state-card empty" data-testid="no-ballots">
                    <p class="state-title">{tr(FraudMsg::NoBallotsTitle)}</p>
                    <p class="state-hint">{tr(FraudMsg::NoBallotsHint)}</p>
                </div>
            }
            .into_any()
        }
        Some(Ok(r)) => {
            let charts = charts(&r.hourly, &r.bursts);
            view! {
                <div class="fraud-overview">
                    <BurstList bursts=r.bursts names=names.clone() />
                    <SourceList device=true sources=r.shared_devices />
                    <SourceList device=false sources=r.busy_networks />
                    <HourlyCharts charts names=names.clone() />
                </div>
            }
            .into_any()
        }
    }
}
