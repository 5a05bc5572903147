//! Where voting stands (not yet, open, over) and the voting app's plain states: a
//! countdown to the start or the end of the voting window, and the card shown when
//! voting has not started or has ended.

use crate::i18n::vote::{voting_opens, VoteMsg};
use crate::i18n::Text;
use crate::state::lang_context::{tr, use_lang};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use pingxuan_domain::phase::{Window, WindowStatus};
use pingxuan_domain::time::Countdown;
use pingxuan_domain::Phase;

/// Where voting stands for a resident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VotingStatus {
    /// The round has not reached voting, or the window has not opened yet.
    NotYet,
    /// In voting and inside its window: ballots are taken (the server's own rule).
    Open,
    /// The window has passed, or the round has moved beyond voting.
    Over,
}

/// Voting's status for a round in `phase` with the voting `window`, at `now` (the
/// server's clock).
pub fn voting_status(phase: Phase, window: Window, now: DateTime<Utc>) -> VotingStatus {
    match phase {
        Phase::Nomination | Phase::Screening => VotingStatus::NotYet,
        Phase::Voting => match window.status(now) {
            WindowStatus::Upcoming => VotingStatus::NotYet,
            WindowStatus::Open => VotingStatus::Open,
            WindowStatus::Closed => VotingStatus::Over,
        },
        Phase::FieldScoring | Phase::Review | Phase::Published => VotingStatus::Over,
    }
}

/// A live countdown to `target`: "距离投票开始还有 3天 04小时 …" (`label` says which).
#[component]
pub fn VoteCountdown(
    /// 距离投票开始还有 or 距离投票结束还有.
    label: VoteMsg,
    /// When the count reaches zero.
    target: DateTime<Utc>,
    /// The server-corrected time, ticking every second.
    #[prop(into)]
    now: Signal<DateTime<Utc>>,
) -> impl IntoView {
    let lang = use_lang();
    let remaining =
        move || Countdown::from_seconds((target - now.get()).num_seconds()).format(lang.get());
    view! {
        <div class="countdown" role="timer" aria-atomic="true">
            <span class="countdown-label">{tr(label)}</span>
            <strong class="countdown-value">{remaining}</strong>
        </div>
    }
}

/// Voting has not started (with its start in Beijing time and a countdown) or is over.
#[component]
pub fn VoteStatusCard(
    /// `NotYet` or `Over` (an open vote has no card).
    status: VotingStatus,
    /// The round's voting window.
    window: Window,
    /// The server-corrected time, ticking every second.
    #[prop(into)]
    now: Signal<DateTime<Utc>>,
    /// The next step (e.g. the link home).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let lang = use_lang();
    let not_yet = status == VotingStatus::NotYet;
    let title = if not_yet {
        VoteMsg::NotStartedTitle
    } else {
        VoteMsg::EndedTitle
    };
    let hint = move || {
        let l = lang.get();
        if not_yet {
            voting_opens(l, window.starts_at)
        } else {
            VoteMsg::EndedHint.text(l).to_owned()
        }
    };
    view! {
        <section class="card state-card vote-closed" data-testid="voting-closed">
            <p class="state-title">{tr(title)}</p>
            <p class="state-hint">{hint}</p>
            {not_yet
                .then(|| {
                    view! { <VoteCountdown label=VoteMsg::StartsIn target=window.starts_at now /> }
                })}
            {children.map(|c| view! { <div class="button-row center">{c()}</div> })}
        </section>
    }
}
