//! `/`: the current round for residents — its phase in big words, what happens now,
//! the dates in Beijing time, a live countdown, and the whole timeline.

use crate::api::{self, ClientError};
use crate::clock::{use_server_now, ServerClock};
use crate::components::countdown::PhaseCountdown;
use crate::components::empty_state::EmptyState;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::components::phase_timeline::PhaseTimeline;
use crate::components::phase_window::PhaseWindowText;
use crate::i18n::results::ResultsMsg;
use crate::i18n::vote::VoteLinkMsg;
use crate::i18n::{percent, Msg};
use crate::state::lang_context::{tr, use_lang};
use crate::state::remote::Remote;
use leptos::prelude::*;
use pingxuan_domain::api::RoundView;
use pingxuan_domain::lang::Label;
use pingxuan_domain::phase::WindowStatus;
use pingxuan_domain::{Category, Phase};

/// The latest round, if any, and the server's clock when it answered.
pub type CurrentRound = (Option<RoundView>, ServerClock);

/// Loads the current round and the server's clock (public).
pub async fn load_current_round() -> Result<CurrentRound, ClientError> {
    let answer = api::rounds::current().await?;
    Ok((answer.round, ServerClock::observe_now(answer.server_time)))
}

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let current = Remote::new(load_current_round);
    view! {
        <div class="page home-page">
            {move || match current.get() {
                None => view! { <LoadingState /> }.into_any(),
                Some(Ok((Some(round), clock))) => view! { <RoundOverview round clock /> }.into_any(),
                Some(Ok((None, _))) => view! {
                    <EmptyState title=Msg::NoRoundTitle hint=Msg::NoRoundHint />
                }
                .into_any(),
                Some(Err(error)) => view! {
                    <ErrorState error on_retry=Callback::new(move |_| current.reload()) />
                }
                .into_any(),
            }}
        </div>
    }
}

/// The round's phase card, timeline and what is selected.
#[component]
fn RoundOverview(round: RoundView, clock: ServerClock) -> impl IntoView {
    let lang = use_lang();
    let now = use_server_now(clock);
    let phase = round.phase;
    let round_id = round.id;
    let window = round.schedule.window(phase);
    let config = round.config;
    let nomination = round.schedule.nomination;
    let open = Memo::new(move |_| {
        phase == Phase::Nomination && nomination.status(now.get()) == WindowStatus::Open
    });
    let voting_window = round.schedule.voting;
    let vote_open = Memo::new(move |_| {
        phase == Phase::Voting && voting_window.status(now.get()) == WindowStatus::Open
    });
    let next_step = move || {
        let voting = vote_open.get();
        if voting || open.get() {
            // The nomination form and the vote are apps of their own: full page loads.
            let (href, testid) = if voting {
                ("/vote/", "vote-cta")
            } else {
                ("/nominate/", "nominate-cta")
            };
            let label = move || {
                if voting {
                    lang.t(VoteLinkMsg::GoVote)
                } else {
                    lang.t(Msg::Nominate)
                }
            };
            let hint = move || {
                if voting {
                    lang.t(VoteLinkMsg::GoVoteHint)
                } else {
                    lang.t(Msg::NominateCtaHint)
                }
            };
            view! {
                <section class="card cta-card">
                    <a class="button primary block cta" href=href rel="external" data-testid=testid>
                        {label}
                    </a>
                    <p class="cta-hint">{hint}</p>
                    <a class="link-row" href="/nominations">{tr(Msg::SeeNominations)}</a>
                </section>
            }
            .into_any()
        } else {
            view! {
                <nav class="card link-list" aria-label=tr(Msg::NominationsTitle)>
                    {(phase == Phase::Published).then(|| view! {
                        <a class="link-row" href=format!("/results/{round_id}") data-testid="results-cta">
                            {tr(ResultsMsg::NavResults)}
                        </a>
                    })}
                    <a class="link-row" href="/nominations">{tr(Msg::SeeNominations)}</a>
                </nav>
            }
            .into_any()
        }
    };
    let window_view = window.map(|w| {
        view! {
            <PhaseWindowText window=w />
            <PhaseCountdown window=w now=now />
        }
    });
    let formula = move || {
        let l = lang.get();
        format!(
            "{} = {} {}% + {} {}%",
            Msg::TotalScore.text(l),
            Phase::Voting.label(l),
            percent(config.vote_weight),
            Phase::FieldScoring.label(l),
            percent(config.field_weight),
        )
    };
    let categories = Category::ALL
        .into_iter()
        .map(|c| {
            view! {
                <li>
                    <span class="category-title">{move || c.list_title(lang.get())}</span>
                    <span class="category-lead">
                        {move || {
                            format!("{}{}", lang.t(Msg::LeadDepartment), c.lead_department(lang.get()))
                        }}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card hero" aria-labelledby="current-phase">
            <p class="round-name">{round.name.clone()}</p>
            <p class="eyebrow">{tr(Msg::CurrentPhase)}</p>
            <h1 class="phase-now" id="current-phase" data-testid="current-phase">
                {move || phase.label(lang.get())}
            </h1>
            <p class="phase-desc">{move || phase.description(lang.get())}</p>
            {window_view}
        </section>
        {next_step}
        <section class="card">
            <h2 class="card-title">{tr(Msg::Timeline)}</h2>
            <PhaseTimeline current=phase schedule=Some(round.schedule) />
        </section>
        <section class="card">
            <h2 class="card-title">{tr(Msg::Categories)}</h2>
            <ul class="category-list">{categories}</ul>
            <p class="formula">{move || formula()}</p>
        </section>
    }
}
