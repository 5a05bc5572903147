//! `/staff/round`: the office's round settings — the phase now and the step to the
//! next one (behind a confirmation), the round's dates and scoring, and a new round
//! when there is none or the last one is published.

use crate::api;
use crate::clock::{use_server_now, ServerClock};
use crate::components::admin_gate::AdminGate;
use crate::components::confirm_button::ConfirmButton;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::components::notice::Notice;
use crate::components::phase_timeline::PhaseTimeline;
use crate::components::phase_window::PhaseWindowText;
use crate::components::round_form::RoundForm;
use crate::forms::beijing_datetime::next_beijing_midnight;
use crate::forms::round_draft::RoundDraft;
use crate::i18n::{advance_question, Msg};
use crate::pages::home_page::load_current_round;
use crate::state::lang_context::{tr, use_lang};
use crate::state::mutation::Mutation;
use crate::state::remote::Remote;
use crate::state::session_context::use_session;
use leptos::prelude::*;
use pingxuan_domain::api::RoundView;
use pingxuan_domain::lang::Label;
use pingxuan_domain::phase::{self, TransitionError};
use pingxuan_domain::round::RoundInput;
use pingxuan_domain::{ErrorCode, Phase, RoundConfig, Schedule};

/// Saves a round: `Some(id)` edits it, `None` creates a new one.
type SaveInput = (Option<i64>, RoundInput);

/// The round settings page (admins only).
#[component]
pub fn AdminRoundPage() -> impl IntoView {
    view! {
        <div class="page">
            <h1 class="page-title">{tr(Msg::NavRound)}</h1>
            <AdminGate>
                <RoundSettings />
            </AdminGate>
        </div>
    }
}

#[component]
fn RoundSettings() -> impl IntoView {
    let session = use_session();
    let current = Remote::new(load_current_round);
    let save = Mutation::new();
    let advance = Mutation::new();

    let on_save = Callback::new(move |(id, input): SaveInput| {
        let csrf = session.csrf();
        save.run(async move {
            let saved = match id {
                Some(id) => api::rounds::update(id, &input, &csrf)
                    .await
                    .map(|_| Msg::Saved),
                None => api::rounds::create(&input, &csrf)
                    .await
                    .map(|_| Msg::RoundCreated),
            };
            match &saved {
                Ok(_) => current.refresh(),
                Err(e) => session.note_error(e),
            }
            saved
        });
    });
    let on_advance = Callback::new(move |(id, from): (i64, Phase)| {
        let csrf = session.csrf();
        advance.run(async move {
            match api::rounds::advance(id, from, &csrf).await {
                Ok(_) => {
                    current.refresh();
                    Ok(Msg::Advanced)
                }
                Err(e) => {
                    session.note_error(&e);
                    Err(e)
                }
            }
        });
    });

    move || match current.get() {
        None => view! { <LoadingState /> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorState error on_retry=Callback::new(move |_| current.reload()) />
        }
        .into_any(),
        Some(Ok((round, clock))) => view! {
            <RoundSections
                round
                clock
                save
                advance
                on_save
                on_advance
                on_refresh=Callback::new(move |_| current.reload())
            />
        }
        .into_any(),
    }
}

/// The cards for the round as it stands.
#[component]
fn RoundSections(
    round: Option<RoundView>,
    clock: ServerClock,
    save: Mutation,
    advance: Mutation,
    on_save: Callback<SaveInput>,
    on_advance: Callback<(i64, Phase)>,
    on_refresh: Callback<()>,
) -> impl IntoView {
    let create_form = move |hint: Msg| {
        let initial = RoundDraft::from_input(&RoundInput {
            name: String::new(),
            schedule: Schedule::starting(next_beijing_midnight(clock.now())),
            config: RoundConfig::default(),
        });
        view! {
            <section class="card">
                <h2 class="card-title">{tr(Msg::NewRound)}</h2>
                <p class="card-lead">{tr(hint)}</p>
                <RoundForm
                    id_prefix="new-round"
                    initial
                    submit_label=Msg::CreateRound
                    mutation=save
                    on_submit=Callback::new(move |input| on_save.run((None, input)))
                />
            </section>
        }
        .into_any()
    };
    let Some(round) = round else {
        return create_form(Msg::NoRoundYetHint);
    };
    let id = round.id;
    let published = round.phase == Phase::Published;
    let config_locked = round.phase >= Phase::Voting;
    let edit = (!published).then(|| {
        let initial = RoundDraft::from_input(&RoundInput {
            name: round.name.clone(),
            schedule: round.schedule,
            config: round.config,
        });
        view! {
            <section class="card">
                <h2 class="card-title">{tr(Msg::EditRound)}</h2>
                <RoundForm
                    id_prefix="round"
                    initial
                    submit_label=Msg::SaveChanges
                    mutation=save
                    config_locked=config_locked
                    on_submit=Callback::new(move |input| on_save.run((Some(id), input)))
                />
            </section>
        }
    });
    view! {
        <PhaseCard round clock advance on_advance on_refresh />
        {edit}
        {published.then(|| create_form(Msg::NextRoundHint))}
    }
    .into_any()
}

/// The phase now, its window, and the confirmed step to the next phase.
#[component]
fn PhaseCard(
    round: RoundView,
    clock: ServerClock,
    advance: Mutation,
    on_advance: Callback<(i64, Phase)>,
    on_refresh: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let now = use_server_now(clock);
    let (id, phase, schedule) = (round.id, round.phase, round.schedule);
    // The domain's own rule, checked here for instant feedback; the server decides.
    let blocked = move || phase::advance(phase, phase, &schedule, now.get()).err();
    let window = schedule
        .window(phase)
        .map(|w| view! { <PhaseWindowText window=w /> });
    let step = phase.next().map(|next| {
        view! {
            <ConfirmButton
                primary=true
                label=move || format!("{}{}", lang.t(Msg::AdvanceTo), next.label(lang.get()))
                question=move || {
                    let l = lang.get();
                    advance_question(l, phase.label(l), next.label(l))
                }
                pending_label=tr(Msg::Advancing)
                pending=advance.pending_signal()
                disabled=Signal::derive(move || {
                    matches!(blocked(), Some(TransitionError::VotingStillOpen))
                })
                on_confirm=Callback::new(move |_| on_advance.run((id, phase)))
            />
        }
    });
    let stale =
        move || advance.error().and_then(|e| e.code()) == Some(ErrorCode::IllegalTransition);
    view! {
        <section class="card hero">
            <p class="round-name">{round.name}</p>
            <p class="eyebrow">{tr(Msg::CurrentPhase)}</p>
            <p class="phase-now" data-testid="admin-current-phase">
                {move || phase.label(lang.get())}
            </p>
            {window}
            {move || {
                blocked()
                    .map(|e| view! { <p class="hint">{e.message(lang.get())}</p> }.into_any())
            }}
            {step}
            <Notice mutation=advance />
            {move || {
                stale()
                    .then(|| {
                        view! {
                            <button type="button" class="button" on:click=move |_| on_refresh.run(())>
                                {tr(Msg::Retry)}
                            </button>
                        }
                            .into_any()
                    })
            }}
        </section>
        <section class="card">
            <h2 class="card-title">{tr(Msg::Timeline)}</h2>
            <PhaseTimeline current=phase schedule=Some(schedule) />
        </section>
    }
}
