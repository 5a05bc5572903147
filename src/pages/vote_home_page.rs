//! `/vote/` (网上投票): the current round's four categories as large cards, each leading
//! to its candidates; or, before and after the voting window, when voting opens or
//! that it is over.

use crate::clock::{use_server_now, ServerClock};
use crate::components::ballot_memory;
use crate::components::empty_state::EmptyState;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::components::phase_window::PhaseWindowText;
use crate::components::vote_share::share_in_wechat;
use crate::components::vote_status::{voting_status, VoteCountdown, VoteStatusCard, VotingStatus};
use crate::i18n::vote::VoteMsg;
use crate::i18n::{Msg, Text};
use crate::pages::home_page::load_current_round;
use crate::state::lang_context::{tr, use_lang};
use crate::state::remote::Remote;
use leptos::prelude::*;
use pingxuan_domain::api::RoundView;
use pingxuan_domain::lang::Label;
use pingxuan_domain::Category;

/// The voting app's first page.
#[component]
pub fn VoteHomePage() -> impl IntoView {
    let current = Remote::new(load_current_round);
    // Shared from here, the link's card in WeChat says what the vote is.
    let lang = use_lang().get_untracked();
    share_in_wechat(
        VoteMsg::ShareHomeTitle.text(lang).to_owned(),
        VoteMsg::ShareHomeDesc.text(lang).to_owned(),
    );
    view! {
        <div class="page vote-home">
            <h1 class="page-title">{tr(VoteMsg::Title)}</h1>
            {move || match current.get() {
                None => view! { <LoadingState /> }.into_any(),
                Some(Ok((Some(round), clock))) => view! { <VotingRound round clock /> }.into_any(),
                Some(Ok((None, _))) => view! {
                    <EmptyState title=Msg::NoRoundTitle hint=Msg::NoRoundHint>
                        <a class="button" href="/" rel="external">{tr(Msg::BackHome)}</a>
                    </EmptyState>
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

/// The round's voting: the categories while open (and after, to look back at one's
/// receipts and the counts), the start time and a countdown before.
#[component]
fn VotingRound(round: RoundView, clock: ServerClock) -> impl IntoView {
    let lang = use_lang();
    let now = use_server_now(clock);
    let window = round.schedule.voting;
    let status = voting_status(round.phase, window, clock.now());
    let round_id = round.id;
    let head = match status {
        VotingStatus::Open => view! {
            <section class="card hero vote-hero">
                <p class="round-name">{round.name.clone()}</p>
                <p class="phase-now">{tr(VoteMsg::OpenNow)}</p>
                <p class="phase-desc">{tr(VoteMsg::Intro)}</p>
                <PhaseWindowText window />
                <VoteCountdown label=VoteMsg::EndsIn target=window.ends_at now />
            </section>
        }
        .into_any(),
        closed => view! {
            <p class="round-name">{round.name.clone()}</p>
            <VoteStatusCard status=closed window now>
                <a class="button" href="/" rel="external">{tr(Msg::BackHome)}</a>
            </VoteStatusCard>
        }
        .into_any(),
    };
    // Before voting the candidates are not final: no way in yet.
    let categories = (status != VotingStatus::NotYet).then(|| {
        Category::ALL
            .into_iter()
            .map(|c| {
                let voted = ballot_memory::receipt(round_id, c).is_some();
                view! {
                    <li>
                        <a class="vote-category" href=format!("/vote/{}", c.as_str()) data-testid="vote-category">
                            <span class="vote-category-name">{move || c.label(lang.get())}</span>
                            <span class="vote-category-title">{move || c.list_title(lang.get())}</span>
                            <span class="vote-category-go">
                                {if voted {
                                    view! { <span class="badge ok">{tr(VoteMsg::Voted)}</span> }.into_any()
                                } else {
                                    view! { <span>{tr(VoteMsg::SeeCandidates)}</span> }.into_any()
                                }}
                            </span>
                        </a>
                    </li>
                }
            })
            .collect_view()
    });
    let open = status == VotingStatus::Open;
    view! {
        {head}
        {categories
            .map(|cards| {
                view! {
                    <nav aria-label=tr(Msg::Categories)>
                        <ul class="vote-categories">{cards}</ul>
                    </nav>
                }
            })}
        {open.then(|| view! { <p class="vote-note">{tr(VoteMsg::OneBallotEach)}</p> })}
    }
}
