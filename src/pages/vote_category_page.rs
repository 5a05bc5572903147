//! `/vote/{category}`: a category's candidates as cards. Tap to choose (up to the
//! round's `max_choices`), then 投票 in the bar at the bottom; a phone not yet verified
//! gets the verification sheet first, then 确认投票, then the receipt. A voter who has
//! voted here sees 已投票 with the receipt, from any phone verified with their number.
//! Verifying by WeChat leaves the page and comes back to it: the ballot is kept across
//! (sessionStorage) and the page opens on 确认投票. Inside WeChat the page sets the
//! card its link shows when shared.

use crate::api::{self, ClientError};
use crate::browser::device_id::device_id;
use crate::browser::wechat_share::in_wechat;
use crate::clock::{use_server_now, ServerClock};
use crate::components::ballot_memory;
use crate::components::ballot_receipt::BallotReceiptCard;
use crate::components::bottom_sheet::focus;
use crate::components::empty_state::EmptyState;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::components::vote_candidate_card::VoteCandidateCard;
use crate::components::vote_confirm_sheet::VoteConfirmSheet;
use crate::components::vote_share::share_in_wechat;
use crate::components::vote_status::{voting_status, VoteCountdown, VoteStatusCard, VotingStatus};
use crate::components::vote_verify_sheet::VoteVerifySheet;
use crate::forms::vote_selection::{Selection, Tap};
use crate::i18n::vote::{
    at_most, candidates_summary, choose_hint, chosen_count, share_title, VoteMsg,
};
use crate::i18n::{Msg, Text};
use crate::pages::not_found_page::NotFoundPage;
use crate::state::lang_context::{tr, use_lang};
use crate::state::mutation::Mutation;
use crate::state::remote::Remote;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use pingxuan_domain::lang::Label;
use pingxuan_domain::phase::Window;
use pingxuan_domain::screening::Candidate;
use pingxuan_domain::voting::{BallotReceipt, VotingView};
use pingxuan_domain::{Category, ErrorCode, Phase};

/// The id of the 投票 button (focus returns there when a sheet closes).
const VOTE_BUTTON: &str = "vote-button";

/// What the page needs: the round's phase and voting window, the server's clock, the
/// category's voting view (not fetched before voting: the candidates are not final)
/// and this voter's ballot here, if they cast one.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryVoting {
    pub phase: Phase,
    pub window: Window,
    pub clock: ServerClock,
    pub view: Option<VotingView>,
    pub mine: Option<BallotReceipt>,
    /// The ballot being filled in before WeChat authorization took the page away.
    pub resume: Option<Vec<i64>>,
}

/// The earlier ballot an `already_voted` refusal carries.
pub fn earlier_receipt(error: &ClientError) -> Option<BallotReceipt> {
    match error {
        ClientError::Server { body, .. } if body.code == ErrorCode::AlreadyVoted => {
            body.receipt.as_deref().cloned()
        }
        _ => None,
    }
}

/// Loads the page's data; `None` when there is no round at all. The voter's own ballot is
/// asked for only when this phone remembers verifying (an unverified phone would only
/// be told 401).
pub async fn load(category: Category) -> Result<Option<CategoryVoting>, ClientError> {
    let answer = api::rounds::current().await?;
    let Some(round) = answer.round else {
        return Ok(None);
    };
    let clock = ServerClock::observe_now(answer.server_time);
    let window = round.schedule.voting;
    let mut page = CategoryVoting {
        phase: round.phase,
        window,
        clock,
        view: None,
        mine: None,
        resume: None,
    };
    if voting_status(round.phase, window, clock.now()) == VotingStatus::NotYet {
        return Ok(Some(page));
    }
    let view = api::voting::view(round.id, category).await?;
    page.clock = ServerClock::observe_now(view.server_time);
    page.view = Some(view);
    page.resume = ballot_memory::take_pending(category);
    if page.resume.is_some() && ballot_memory::verified().is_none() {
        // Back from WeChat authorization: the voter cookie says whether it verified us.
        if api::voting::me().await.is_ok() {
            ballot_memory::remember_verified("");
        }
    }
    if ballot_memory::verified().is_some() {
        match api::voting::mine(round.id, category).await {
            Ok(receipt) => {
                ballot_memory::remember_receipt(round.id, category, &receipt.receipt);
                page.mine = Some(receipt);
            }
            Err(e) if e.code() == Some(ErrorCode::VoterUnverified) => {
                ballot_memory::forget_verified()
            }
            // Not voted here yet (404), or unknown: the server decides when they vote.
            Err(_) => {}
        }
    }
    Ok(Some(page))
}

/// The titles of `ids` among `candidates`, in the order of `ids`.
fn titles(candidates: &[Candidate], ids: &[i64]) -> Vec<String> {
    ids.iter()
        .filter_map(|id| candidates.iter().find(|c| c.id == *id))
        .map(|c| c.title.clone())
        .collect()
}

/// The page: the category from the address, or 404.
#[component]
pub fn VoteCategoryPage() -> impl IntoView {
    let params = use_params_map();
    let category =
        Memo::new(move |_| params.with(|p| p.get("category").and_then(|c| Category::parse(&c))));
    move || match category.get() {
        Some(category) => view! { <CategoryPage category /> }.into_any(),
        None => view! { <NotFoundPage external=true /> }.into_any(),
    }
}

/// One category's page: its title, then whatever the state of voting calls for.
#[component]
fn CategoryPage(category: Category) -> impl IntoView {
    let lang = use_lang();
    let data = Remote::new(move || load(category));
    // Inside WeChat: the card this page's link shows when shared.
    let now_lang = lang.get_untracked();
    share_in_wechat(
        share_title(now_lang, category.list_title(now_lang)),
        VoteMsg::ShareDesc.text(now_lang).to_owned(),
    );
    view! {
        <div class="page vote-page">
            <a class="back-link" href="/vote/">
                {tr(VoteMsg::AllCategories)}
            </a>
            <div>
                <p class="eyebrow">
                    {tr(VoteMsg::Title)} " · " {move || category.label(lang.get())}
                </p>
                <h1 class="page-title">{move || category.list_title(lang.get())}</h1>
            </div>
            {move || match data.get() {
                None => view! { <LoadingState /> }.into_any(),
                Some(Err(error)) => view! {
                    <ErrorState error on_retry=Callback::new(move |_| data.reload()) />
                }
                .into_any(),
                Some(Ok(None)) => view! { <EmptyState title=Msg::NoRoundTitle hint=Msg::NoRoundHint /> }
                    .into_any(),
                Some(Ok(Some(page))) => view! { <CategoryState category page /> }.into_any(),
            }}
        </div>
    }
}

/// Not yet, open (the ballot), voted (the receipt), or over.
#[component]
fn CategoryState(category: Category, page: CategoryVoting) -> impl IntoView {
    let now = use_server_now(page.clock);
    let status = voting_status(page.phase, page.window, page.clock.now());
    let window = page.window;
    let Some(view) = page.view else {
        return view! { <VoteStatusCard status window now /> }.into_any();
    };
    if view.candidates.is_empty() {
        return view! {
            <div class="card state-card empty">
                <p class="state-title">{tr(VoteMsg::NoCandidatesTitle)}</p>
                <p class="state-hint">{tr(VoteMsg::NoCandidatesHint)}</p>
            </div>
        }
        .into_any();
    }
    match page.mine {
        Some(receipt) => {
            let names = titles(&view.candidates, &receipt.candidate_ids);
            let chosen = receipt.candidate_ids.clone();
            view! {
                <BallotReceiptCard receipt titles=names earlier=true />
                <a class="button primary block" href="/vote/">{tr(VoteMsg::OtherCategories)}</a>
                <CandidateList view chosen />
            }
            .into_any()
        }
        None if view.open && status == VotingStatus::Open => {
            let resume = page.resume;
            view! { <BallotFlow category view clock=page.clock resume /> }.into_any()
        }
        None => view! {
            <VoteStatusCard status window now />
            <CandidateList view chosen=Vec::new() />
        }
        .into_any(),
    }
}

/// The candidates to look at, not to vote on: the ballot cast (marked) and the counts,
/// when the round shows them.
#[component]
fn CandidateList(view: VotingView, chosen: Vec<i64>) -> impl IntoView {
    let lang = use_lang();
    let counts = view.counts.unwrap_or_default();
    let cards = view
        .candidates
        .into_iter()
        .enumerate()
        .map(|(i, candidate)| {
            let is_chosen = chosen.contains(&candidate.id);
            let vote_count = counts
                .iter()
                .find(|v| v.candidate_id == candidate.id)
                .map(|v| v.votes);
            view! {
                <VoteCandidateCard
                    candidate
                    number=i + 1
                    chosen=Signal::stored(is_chosen)
                    vote_count
                />
            }
        })
        .collect_view();
    view! {
        <ul class="candidate-list" aria-label=move || VoteMsg::Candidates.text(lang.get())>
            {cards}
        </ul>
    }
}

/// Where the ballot is: choosing, verifying the phone, or confirming.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Choosing,
    Verifying,
    Confirming,
}

/// The ballot while voting is open: the cards to tap, the bar with 投票, the sheets, and
/// then the receipt. `resume` is the ballot kept across WeChat authorization.
#[component]
fn BallotFlow(
    category: Category,
    view: VotingView,
    clock: ServerClock,
    resume: Option<Vec<i64>>,
) -> impl IntoView {
    let lang = use_lang();
    let now = use_server_now(clock);
    let round_id = view.round_id;
    let max = view.max_choices;
    let ends_at = view.window.map(|w| w.ends_at);
    let total = view.candidates.len();
    // WeChat authorization: only inside WeChat, with an Official Account.
    let wechat_url = StoredValue::new(
        (view.wechat && in_wechat()).then(|| api::voting::wechat_start_url(category)),
    );
    let candidates = StoredValue::new(view.candidates);
    let selection = RwSignal::new(Selection::new(max));
    let full = RwSignal::new(false);
    let step = RwSignal::new(Step::Choosing);
    let done = RwSignal::new(None::<(BallotReceipt, bool)>);
    let casting = Mutation::new();
    let device = StoredValue::new(device_id());
    let wechat_failed = RwSignal::new(false);
    // Back from WeChat: the same choice, and on to 确认投票 (or the sheet again, if WeChat
    // did not verify this phone).
    if let Some(ids) = resume {
        selection.update(|s| {
            for id in ids {
                if candidates.with_value(|cs| cs.iter().any(|c| c.id == id)) && !s.contains(id) {
                    s.tap(id);
                }
            }
        });
        if !selection.with_untracked(Selection::is_empty) {
            let verified = ballot_memory::verified().is_some();
            wechat_failed.set(!verified);
            step.set(if verified {
                Step::Confirming
            } else {
                Step::Verifying
            });
        }
    }
    let leave_for_wechat = Callback::new(move |_: ()| {
        selection.with_untracked(|s| ballot_memory::remember_pending(category, s.ids()));
    });

    let tap = Callback::new(move |id: i64| {
        let mut outcome = Tap::Chosen;
        selection.update(|s| outcome = s.tap(id));
        full.set(outcome == Tap::Full);
    });
    let back = Callback::new(move |_: ()| {
        step.set(Step::Choosing);
        focus(VOTE_BUTTON);
    });
    let vote = move |_| {
        if selection.with(Selection::is_empty) {
            return;
        }
        casting.clear();
        step.set(if ballot_memory::verified().is_some() {
            Step::Confirming
        } else {
            Step::Verifying
        });
    };
    let finish = move |receipt: BallotReceipt, earlier: bool| {
        ballot_memory::remember_receipt(round_id, category, &receipt.receipt);
        step.set(Step::Choosing);
        done.set(Some((receipt, earlier)));
    };
    let confirm = Callback::new(move |_: ()| {
        let input = selection.with_untracked(Selection::input);
        casting.run(async move {
            let ids = input.validate(max).map_err(|fields| ClientError::Server {
                status: 422,
                body: pingxuan_domain::ErrorBody::validation(fields),
            })?;
            match api::voting::cast(round_id, category, ids, &device.get_value()).await {
                Ok(receipt) => {
                    finish(receipt, false);
                    Ok(Msg::Saved)
                }
                Err(e) => match earlier_receipt(&e) {
                    Some(receipt) => {
                        finish(receipt, true);
                        Ok(Msg::Saved)
                    }
                    None => {
                        if e.code() == Some(ErrorCode::VoterUnverified) {
                            // The verification lapsed: verify again, the choice kept.
                            ballot_memory::forget_verified();
                            step.set(Step::Verifying);
                        }
                        Err(e)
                    }
                },
            }
        });
    });

    let status_line = move || {
        let l = lang.get();
        selection.with(|s| {
            if full.get() {
                at_most(l, max)
            } else if s.is_empty() {
                VoteMsg::ChooseFirst.text(l).to_owned()
            } else {
                let names = candidates.with_value(|cs| titles(cs, s.ids())).join("、");
                format!("{}：{names}", chosen_count(l, s.len(), max))
            }
        })
    };
    let sheet = move || match step.get() {
        Step::Choosing => None,
        Step::Verifying => Some(
            view! {
                <VoteVerifySheet
                    on_verified=Callback::new(move |_| step.set(Step::Confirming))
                    on_close=back
                    wechat_url=wechat_url.get_value()
                    on_wechat=leave_for_wechat
                    wechat_failed=wechat_failed.get_untracked()
                />
            }
            .into_any(),
        ),
        Step::Confirming => {
            let chosen =
                selection.with_untracked(|s| candidates.with_value(|cs| titles(cs, s.ids())));
            Some(
                view! { <VoteConfirmSheet titles=chosen casting on_confirm=confirm on_back=back /> }
                    .into_any(),
            )
        }
    };
    let ballot = move || {
        let cards = candidates
            .get_value()
            .into_iter()
            .enumerate()
            .map(|(i, candidate)| {
                let id = candidate.id;
                view! {
                    <VoteCandidateCard
                        candidate
                        number=i + 1
                        chosen=Signal::derive(move || selection.with(|s| s.contains(id)))
                        on_tap=tap
                    />
                }
            })
            .collect_view();
        view! {
            <section class="card vote-head">
                <p class="vote-how">{move || choose_hint(lang.get(), max)}</p>
                <p class="muted">{move || candidates_summary(lang.get(), total)}</p>
                {ends_at.map(|target| view! { <VoteCountdown label=VoteMsg::EndsIn target now /> })}
            </section>
            <ul class="candidate-list" aria-label=move || VoteMsg::Candidates.text(lang.get())>
                {cards}
            </ul>
            <div class="vote-bar">
                <div class="vote-bar-inner">
                    <p class="vote-bar-status" class:warn=move || full.get() aria-live="polite" data-testid="vote-bar-status">
                        {status_line}
                    </p>
                    <button
                        type="button"
                        id=VOTE_BUTTON
                        class="button primary big vote-button"
                        disabled=move || selection.with(Selection::is_empty)
                        on:click=vote
                    >
                        {tr(VoteMsg::Vote)}
                    </button>
                </div>
            </div>
            {sheet}
        }
    };
    move || match done.get() {
        None => ballot().into_any(),
        Some((receipt, earlier)) => {
            let names = candidates.with_value(|cs| titles(cs, &receipt.candidate_ids));
            view! {
                <BallotReceiptCard receipt titles=names earlier />
                <a class="button primary block" href="/vote/">{tr(VoteMsg::OtherCategories)}</a>
            }
            .into_any()
        }
    }
}
