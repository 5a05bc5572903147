//! `/admin/round`: the office's round settings — the phase now and the step to the
//! next one (behind a confirmation), the round's dates and scoring, and a new round
//! when there is none or the last one is published.

use crate::api::{self, ClientError};
use crate::clock::{use_server_now, ServerClock};
use crate::components::admin_gate::AdminGate;
use crate::components::confirm_button::ConfirmButton;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::components::phase_timeline::PhaseTimeline;
use crate::components::round_form::RoundForm;
use crate::forms::beijing_datetime::next_beijing_midnight;
use crate::forms::round_draft::RoundDraft;
use crate::i18n::{advance_question, Msg};
use crate::pages::home_page::load_current_round;
use crate::state::lang_context::use_lang;
use crate::state::session_context::use_session;
use leptos::prelude::*;
use pingxuan_domain::api::RoundView;
use pingxuan_domain::lang::Label;
use pingxuan_domain::phase::{self, TransitionError};
use pingxuan_domain::round::RoundInput;
use pingxuan_domain::time::format_datetime;
use pingxuan_domain::{ErrorCode, Phase, RoundConfig, Schedule};

/// Saves a round: `Some(id)` edits it, `None` creates a new one.
type SaveInput = (Option<i64>, RoundInput);
/// The saved round, and whether it was newly created.
type SaveOutput = Result<(bool, RoundView), ClientError>;
type AdvanceAction = Action<(i64, Phase), Result<RoundView, ClientError>>;

/// The round settings page (admins only).
#[component]
pub fn AdminRoundPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="page">
            <h1 class="page-title">{move || lang.t(Msg::NavRound)}</h1>
            <AdminGate>
                <RoundSettings />
            </AdminGate>
        </div>
    }
}

#[component]
fn RoundSettings() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    // Bumped after every successful change, so the round is read again.
    let changed = RwSignal::new(0u32);

    let save: Action<SaveInput, SaveOutput> = Action::new_local(move |(id, input): &SaveInput| {
        let (id, input) = (*id, input.clone());
        let csrf = session.csrf();
        async move {
            let result = match id {
                Some(id) => api::rounds::update(id, &input, &csrf)
                    .await
                    .map(|r| (false, r)),
                None => api::rounds::create(&input, &csrf).await.map(|r| (true, r)),
            };
            match &result {
                Ok(_) => changed.update(|n| *n += 1),
                Err(e) => session.note_error(e),
            }
            result
        }
    });
    let advance: AdvanceAction = Action::new_local(move |(id, from): &(i64, Phase)| {
        let (id, from) = (*id, *from);
        let csrf = session.csrf();
        async move {
            let result = api::rounds::advance(id, from, &csrf).await;
            match &result {
                Ok(_) => changed.update(|n| *n += 1),
                Err(e) => session.note_error(e),
            }
            result
        }
    });
    let current = LocalResource::new(move || {
        changed.track();
        load_current_round()
    });

    let saved_notice = move || {
        save.value().with(|v| match v {
            Some(Ok((true, _))) => Some(lang.t(Msg::RoundCreated)),
            Some(Ok((false, _))) => Some(lang.t(Msg::Saved)),
            _ => None,
        })
    };
    let save_failure = Signal::derive(move || {
        save.value()
            .with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))
    });
    let save_pending = save.pending();

    view! {
        {move || saved_notice().map(|m| view! { <p class="notice ok" role="status">{m}</p> })}
        <Transition fallback=|| view! { <LoadingState /> }>
            {move || Suspend::new(async move {
                match current.await {
                    Err(error) => view! {
                        <ErrorState error on_retry=Callback::new(move |_| current.refetch()) />
                    }
                    .into_any(),
                    Ok((round, clock)) => {
                        let on_save = Callback::new(move |input| {
                            save.dispatch(input);
                        });
                        view! {
                            <RoundSections
                                round
                                clock
                                advance
                                on_refresh=Callback::new(move |_| current.refetch())
                                on_save
                                save_pending=save_pending
                                save_failure=save_failure
                            />
                        }
                        .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// The cards for the round as it stands.
#[component]
fn RoundSections(
    round: Option<RoundView>,
    clock: ServerClock,
    advance: AdvanceAction,
    on_refresh: Callback<()>,
    on_save: Callback<SaveInput>,
    #[prop(into)] save_pending: Signal<bool>,
    save_failure: Signal<Option<ClientError>>,
) -> impl IntoView {
    let lang = use_lang();
    let new_round = move || {
        let start = next_beijing_midnight(clock.now());
        RoundDraft::from_input(&RoundInput {
            name: String::new(),
            schedule: Schedule::starting(start),
            config: RoundConfig::default(),
        })
    };
    let create_form = move |hint: Msg| {
        view! {
            <section class="card">
                <h2 class="card-title">{move || lang.t(Msg::NewRound)}</h2>
                <p class="card-lead">{move || lang.t(hint)}</p>
                <RoundForm
                    id_prefix="new-round"
                    initial=new_round()
                    submit_label=Msg::CreateRound
                    pending=save_pending
                    failure=save_failure
                    on_submit=Callback::new(move |input| on_save.run((None, input)))
                />
            </section>
        }
    };
    match round {
        None => create_form(Msg::NoRoundYetHint).into_any(),
        Some(round) => {
            let id = round.id;
            let published = round.phase == Phase::Published;
            let initial = RoundDraft::from_input(&RoundInput {
                name: round.name.clone(),
                schedule: round.schedule,
                config: round.config,
            });
            let edit = (!published).then(|| {
                view! {
                    <section class="card">
                        <h2 class="card-title">{move || lang.t(Msg::EditRound)}</h2>
                        <RoundForm
                            id_prefix="round"
                            initial=initial
                            submit_label=Msg::SaveChanges
                            pending=save_pending
                            failure=save_failure
                            on_submit=Callback::new(move |input| on_save.run((Some(id), input)))
                        />
                    </section>
                }
            });
            view! {
                <PhaseCard round=round.clone() clock advance on_refresh />
                {edit}
                {published.then(|| create_form(Msg::NextRoundHint))}
            }
            .into_any()
        }
    }
}

/// The phase now, its window, and the confirmed step to the next phase.
#[component]
fn PhaseCard(
    round: RoundView,
    clock: ServerClock,
    advance: AdvanceAction,
    on_refresh: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let now = use_server_now(clock);
    let (id, phase, schedule) = (round.id, round.phase, round.schedule);
    // The domain's own rule, checked here for instant feedback; the server decides.
    let blocked = Memo::new(move |_| phase::advance(phase, phase, &schedule, now.get()).err());
    let window = move || {
        schedule.window(phase).map(|w| {
            let l = lang.get();
            format!(
                "{}{}{}（{}）",
                format_datetime(w.starts_at, l),
                Msg::WindowTo.text(l),
                format_datetime(w.ends_at, l),
                Msg::BeijingTime.text(l)
            )
        })
    };
    let pending = advance.pending();
    let step = phase.next().map(|next| {
        view! {
            <ConfirmButton
                primary=true
                label=move || format!("{}{}", lang.t(Msg::AdvanceTo), next.label(lang.get()))
                question=move || {
                    let l = lang.get();
                    advance_question(l, phase.label(l), next.label(l))
                }
                pending_label=move || lang.t(Msg::Advancing)
                pending=pending
                disabled=Signal::derive(move || {
                    matches!(blocked.get(), Some(TransitionError::VotingStillOpen))
                })
                on_confirm=Callback::new(move |_| {
                    advance.dispatch((id, phase));
                })
            />
        }
    });
    let hint = move || blocked.get().map(|e| e.message(lang.get()));
    let outcome = move || {
        advance.value().with(|v| match v {
            Some(Ok(_)) => Some(view! {
                <p class="notice ok" role="status">{move || lang.t(Msg::Advanced)}</p>
            }
            .into_any()),
            Some(Err(e)) => {
                let stale = e.code() == Some(ErrorCode::IllegalTransition);
                let message = e.message(lang.get());
                Some(view! {
                    <div class="form-error" role="alert">
                        <p>{message}</p>
                        {stale.then(|| view! {
                            <button type="button" class="button" on:click=move |_| on_refresh.run(())>
                                {move || lang.t(Msg::Retry)}
                            </button>
                        })}
                    </div>
                }
                .into_any())
            }
            None => None,
        })
    };
    view! {
        <section class="card hero">
            <p class="round-name">{round.name.clone()}</p>
            <p class="eyebrow">{move || lang.t(Msg::CurrentPhase)}</p>
            <p class="phase-now" data-testid="admin-current-phase">
                {move || phase.label(lang.get())}
            </p>
            {move || window().map(|w| view! { <p class="phase-window">{w}</p> })}
            {move || hint().map(|h| view! { <p class="hint">{h}</p> })}
            {step}
            {outcome}
        </section>
        <section class="card">
            <h2 class="card-title">{move || lang.t(Msg::Timeline)}</h2>
            <PhaseTimeline current=phase schedule=Some(schedule) />
        </section>
    }
}
