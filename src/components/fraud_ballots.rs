//! The ballots cast from one device or network, as the office inspects them: the voter
//! as a number, when, for whom, and whether (and why) it was voided — with 作废 on each
//! ballot still counted.

use crate::api;
use crate::components::error_state::ErrorState;
use crate::components::fraud_names::CandidateNames;
use crate::components::fraud_void_sheet::VoidSheet;
use crate::components::loading_state::LoadingState;
use crate::i18n::fraud::{source_name, source_summary, voided_notice, voter, FraudMsg};
use crate::i18n::Text;
use crate::state::lang_context::{tr, use_lang};
use crate::state::remote::Remote;
use crate::state::session_context::use_session;
use chrono::{DateTime, Datelike, Timelike, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use pingxuan_domain::lang::Label;
use pingxuan_domain::time::to_beijing;
use pingxuan_domain::voting::InspectedBallot;

/// `12-04 14:07:33` in Beijing time: ballots of one burst differ by seconds.
pub fn cast_time(t: DateTime<Utc>) -> String {
    let b = to_beijing(t);
    format!(
        "{:02}-{:02} {:02}:{:02}:{:02}",
        b.month(),
        b.day(),
        b.hour(),
        b.minute(),
        b.second()
    )
}

/// The ballots from `source`; `on_voided` runs after each ballot voided here.
#[component]
pub fn SourceBallots(
    round_id: i64,
    /// A device (else a network).
    device: bool,
    source: String,
    names: CandidateNames,
    on_voided: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let ballots = {
        let source = source.clone();
        Remote::new(move || {
            let source = source.clone();
            async move {
                let answer = api::fraud::ballots_from(round_id, &source).await;
                if let Err(e) = &answer {
                    session.note_error(e);
                }
                answer
            }
        })
    };
    let voiding = RwSignal::new(None::<InspectedBallot>);
    let done = RwSignal::new(None::<i64>);
    let voided = Callback::new(move |voter: i64| {
        voiding.set(None);
        done.set(Some(voter));
        ballots.refresh();
        on_voided.run(());
    });
    let title = move || source_name(lang.get(), device, &source);
    let list = {
        let names = names.clone();
        move || match ballots.get() {
            None => view! { <LoadingState /> }.into_any(),
            Some(Err(error)) => {
                view! { <ErrorState error on_retry=Callback::new(move |_| ballots.reload()) /> }
                    .into_any()
            }
            Some(Ok(list)) if list.is_empty() => {
                view! { <p class="card muted">{tr(FraudMsg::NoSourceBallots)}</p> }.into_any()
            }
            Some(Ok(list)) => {
                let voided = list.iter().filter(|b| b.void_reason.is_some()).count();
                let total = list.len();
                let rows = list
                    .into_iter()
                    .map(|b| view! { <BallotRow ballot=b names=names.clone() voiding /> })
                    .collect_view();
                view! {
                    <p class="source-summary" data-testid="source-summary">
                        {move || source_summary(lang.get(), total, voided)}
                    </p>
                    <ul class="card ballots">{rows}</ul>
                }
                .into_any()
            }
        }
    };
    view! {
        <A href="/office/fraud" attr:class="back-link">
            {tr(FraudMsg::BackToPanel)}
        </A>
        <h2 class="source-title mono">{title}</h2>
        {move || {
            done.get()
                .map(|v| {
                    view! {
                        <p class="notice ok" role="status">
                            {move || voided_notice(lang.get(), v)}
                        </p>
                    }
                })
        }}
        {list}
        {move || {
            voiding
                .get()
                .map(|ballot| {
                    view! {
                        <VoidSheet
                            round_id
                            ballot
                            names=names.clone()
                            on_close=Callback::new(move |_| voiding.set(None))
                            on_voided=voided
                        />
                    }
                })
        }}
    }
}

/// One ballot: voter, time, category and choices; 作废 or the reason it was voided.
#[component]
fn BallotRow(
    ballot: InspectedBallot,
    names: CandidateNames,
    /// Set to this ballot to open the void sheet.
    voiding: RwSignal<Option<InspectedBallot>>,
) -> impl IntoView {
    let lang = use_lang();
    let (voter_id, category) = (ballot.voter_id, ballot.category);
    let choices = if ballot.candidate_ids.is_empty() {
        None
    } else {
        Some(names.names(&ballot.candidate_ids, lang.get_untracked()))
    };
    let end = match ballot.void_reason.clone() {
        Some(reason) => view! {
            <p class="void-reason">
                <strong>{tr(FraudMsg::VoidedLabel)}</strong>
                {reason}
            </p>
        }
        .into_any(),
        None => {
            let ballot = ballot.clone();
            view! {
                <button
                    type="button"
                    class="button danger small"
                    on:click=move |_| voiding.set(Some(ballot.clone()))
                >
                    {tr(FraudMsg::Void)}
                </button>
            }
            .into_any()
        }
    };
    view! {
        <li class="ballot" class:voided=ballot.void_reason.is_some() data-testid="ballot">
            <div class="ballot-head">
                <strong>{move || voter(lang.get(), voter_id)}</strong>
                <time>{cast_time(ballot.cast_at)}</time>
            </div>
            <p class="ballot-choice">
                <span class="tag">{move || category.label(lang.get())}</span>
                {tr(FraudMsg::Choices)}
                {choices.unwrap_or_else(|| FraudMsg::NoChoices.text(lang.get_untracked()).to_owned())}
            </p>
            {end}
        </li>
    }
}
