//! `/nominate` (推荐最差): a resident's nomination — category, place, what is wrong,
//! photos, and optionally position and phone — on one short page. Shown only while
//! the nomination phase is open; otherwise it says so with the dates.
//!
//! Nothing is lost: the draft is saved on the phone as the resident types, photos not
//! yet uploaded wait in IndexedDB, and both come back after a reload.

use crate::api;
use crate::browser::device_id::device_id;
use crate::browser::draft_store;
use crate::clock::ServerClock;
use crate::components::category_choice::CategoryChoice;
use crate::components::empty_state::EmptyState;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::components::location_choice::LocationChoice;
use crate::components::notice::Notice;
use crate::components::phase_window::PhaseWindowText;
use crate::components::photo_picker::PhotoPicker;
use crate::components::place_picker::PlacePicker;
use crate::components::text_area_field::TextAreaField;
use crate::components::text_field::TextField;
use crate::forms::field_errors::{message_for, unclaimed};
use crate::forms::nomination_draft::{field, NominationDraft};
use crate::i18n::{nomination_closed, nomination_opens, Msg};
use crate::pages::home_page::load_current_round;
use crate::state::lang_context::{tr, use_lang};
use crate::state::mutation::Mutation;
use crate::state::photo_queue::PhotoQueue;
use crate::state::remote::Remote;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use pingxuan_domain::api::RoundView;
use pingxuan_domain::lang::Label;
use pingxuan_domain::nomination::{NominationReceipt, DESCRIPTION_MAX_CHARS};
use pingxuan_domain::phase::WindowStatus;
use pingxuan_domain::{Category, Phase};

/// The nomination page: the form while nominations are open, else why not.
#[component]
pub fn NominatePage() -> impl IntoView {
    let current = Remote::new(load_current_round);
    view! {
        <div class="page nominate-page">
            <h1 class="page-title">{tr(Msg::NominateTitle)}</h1>
            {move || match current.get() {
                None => view! { <LoadingState /> }.into_any(),
                Some(Ok((Some(round), clock))) => gate(round, clock),
                Some(Ok((None, _))) => view! {
                    <EmptyState title=Msg::NoRoundTitle hint=Msg::NoRoundHint />
                }
                .into_any(),
                Some(Err(error)) => view! {
                    <ErrorState error on_retry=Callback::new(move |_| current.reload()) />
                    <Show when=|| !draft_store::load().is_empty()>
                        <p class="card muted">{tr(Msg::DraftKept)}</p>
                    </Show>
                }
                .into_any(),
            }}
        </div>
    }
}

/// The form if the nomination window is open now (by the server's clock), else the
/// closed notice.
fn gate(round: RoundView, clock: ServerClock) -> AnyView {
    let window = round.schedule.nomination;
    let status = window.status(clock.now());
    if round.phase == Phase::Nomination && status == WindowStatus::Open {
        view! { <NominationFlow /> }.into_any()
    } else {
        let upcoming = round.phase == Phase::Nomination && status == WindowStatus::Upcoming;
        view! { <NominationClosed round upcoming /> }.into_any()
    }
}

/// Nominations are not open: when they open or that they ended, with the dates.
#[component]
fn NominationClosed(round: RoundView, upcoming: bool) -> impl IntoView {
    let lang = use_lang();
    let window = round.schedule.nomination;
    let phase = round.phase;
    let headline = move || {
        let l = lang.get();
        if upcoming {
            nomination_opens(l, window.starts_at)
        } else {
            nomination_closed(l, phase.label(l))
        }
    };
    view! {
        <section class="card state-card closed" data-testid="nomination-closed">
            <p class="state-title">{move || lang.t(if upcoming { Msg::NominationNotYet } else { Msg::NominationOver })}</p>
            <p class="state-hint">{headline}</p>
            <PhaseWindowText window />
            <div class="button-row center">
                <a class="button primary" href="/nominations" rel="external">{tr(Msg::SeeNominations)}</a>
                <a class="button" href="/" rel="external">{tr(Msg::BackHome)}</a>
            </div>
        </section>
    }
}

/// The form, then the confirmation, then (再推荐一个) a fresh form.
#[component]
fn NominationFlow() -> impl IntoView {
    let receipt = RwSignal::new(None::<(NominationReceipt, Category)>);
    move || match receipt.get() {
        None => view! { <NominationForm on_done=Callback::new(move |r| receipt.set(Some(r))) /> }
            .into_any(),
        Some((r, category)) => view! {
            <Confirmation receipt=r category again=Callback::new(move |_| receipt.set(None)) />
        }
        .into_any(),
    }
}

/// Thanks, the reference number in big type, and where to go next.
#[component]
fn Confirmation(
    receipt: NominationReceipt,
    category: Category,
    again: Callback<()>,
) -> impl IntoView {
    // The top of the page, where the confirmation is, rather than the submit button.
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
    view! {
        <section class="card done-card" role="status">
            <div class="done-mark" aria-hidden="true">"✓"</div>
            <h2 class="done-title">{tr(Msg::NominationThanks)}</h2>
            <p class="eyebrow">{tr(Msg::Reference)}</p>
            <p class="reference" data-testid="reference">{receipt.reference}</p>
            <p class="state-hint">{tr(Msg::ReferenceHint)}</p>
            <button type="button" class="button primary block" on:click=move |_| again.run(())>
                {tr(Msg::NominateAnother)}
            </button>
            <a class="button block" href=format!("/nominations?category={}", category.as_str()) rel="external">
                {tr(Msg::SeeNominations)}
            </a>
        </section>
    }
}

/// The index of a field in the form's "touched" and "edited" bit sets.
fn bit(name: &str) -> u16 {
    1 << field::SHOWN.iter().position(|f| *f == name).unwrap_or(15)
}

/// The nomination form itself.
#[component]
fn NominationForm(
    /// Called with the receipt (and the category) once the server accepted it.
    on_done: Callback<(NominationReceipt, Category)>,
) -> impl IntoView {
    let lang = use_lang();
    let saved = draft_store::load();
    let category = RwSignal::new(saved.category);
    let place = RwSignal::new(saved.place.clone());
    let description = RwSignal::new(saved.description.clone());
    let phone = RwSignal::new(saved.contact_phone.clone());
    let position = RwSignal::new(saved.position);
    let queue = PhotoQueue::new(device_id());
    queue.restore(&saved.photos);
    // Back online: uploads that failed for want of a network try again by themselves.
    let online = window_event_listener(leptos::ev::online, move |_| queue.retry_network_failures());
    on_cleanup(move || online.remove());

    let draft = Memo::new(move |_| NominationDraft {
        category: category.get(),
        place: place.get(),
        description: description.get(),
        contact_phone: phone.get(),
        position: position.get(),
        photos: queue.draft(),
    });
    // Saved as the resident goes; not after the nomination went through.
    let finished = StoredValue::new(false);
    Effect::new(move |_| {
        draft.with(|d| {
            if !finished.get_value() {
                draft_store::save(d);
            }
        })
    });

    let submit = Mutation::new();
    let attempted = RwSignal::new(false);
    // Fields left (blurred) or changed since the last submit, as bits of `field::SHOWN`.
    let touched = RwSignal::new(0u16);
    let edited = RwSignal::new(0u16);
    let touch = Callback::new(move |name: &'static str| touched.update(|t| *t |= bit(name)));
    let edit = move |name: &'static str| edited.update(|e| *e |= bit(name));
    // Changes made by the place and photo sections also retire the server's old
    // complaints about them.
    Effect::new(move |first: Option<()>| {
        place.track();
        if first.is_some() {
            [
                field::PLACE,
                field::PLACE_ID,
                field::PLACE_NAME,
                field::PLACE_TOWN,
            ]
            .into_iter()
            .for_each(edit);
        }
    });
    Effect::new(move |first: Option<()>| {
        queue.len();
        position.track();
        if first.is_some() {
            edit(field::PHOTOS);
            edit(field::POSITION);
        }
    });
    let local = Memo::new(move |_| draft.with(|d| d.check(lang.get()).err().unwrap_or_default()));
    let error_for = Callback::new(move |name: &'static str| -> Option<String> {
        let shown = attempted.get() || touched.get() & bit(name) != 0;
        // While photos are still on their way, "no photo yet" is not the problem.
        let waiting = name == field::PHOTOS && queue.busy() > 0;
        shown
            .then(|| local.with(|l| message_for(l, name)))
            .flatten()
            .filter(|_| !waiting)
            .or_else(|| {
                (edited.get() & bit(name) == 0)
                    .then(|| {
                        submit
                            .error()
                            .and_then(|e| message_for(e.field_errors(), name))
                    })
                    .flatten()
            })
    });
    let error_signal = move |name: &'static str| Signal::derive(move || error_for.run(name));
    let others = move || {
        submit
            .error()
            .map(|e| unclaimed(e.field_errors(), &field::SHOWN))
            .unwrap_or_default()
    };

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        if queue.busy() > 0 {
            return;
        }
        let input = match draft.with_untracked(|d| d.check(lang.get_untracked())) {
            Ok(input) => input,
            Err(_) => {
                scroll_to_first_problem();
                return;
            }
        };
        edited.set(0);
        let chosen = input.category;
        submit.run(async move {
            let receipt = api::nominations::submit(&input, &device_id()).await;
            match receipt {
                Ok(r) => {
                    finished.set_value(true);
                    draft_store::clear();
                    queue.finish();
                    on_done.run((r, chosen));
                    Ok(Msg::NominationThanks)
                }
                Err(e) => {
                    if !e.field_errors().is_empty() {
                        scroll_to_first_problem();
                    }
                    Err(e)
                }
            }
        });
    };
    let button_text = move || {
        let l = lang.get();
        if submit.pending() {
            Msg::Submitting.text(l)
        } else if queue.busy() > 0 {
            Msg::WaitForPhotos.text(l)
        } else {
            Msg::SubmitNomination.text(l)
        }
    };

    view! {
        <p class="card-lead intro">{tr(Msg::NominateIntro)}</p>
        <form class="form nominate-form card" novalidate=true on:submit=on_submit>
            <CategoryChoice
                id="nominate-category"
                legend=tr(Msg::CategoryQuestion)
                value=category
                on_change=Callback::new(move |c| {
                    category.set(Some(c));
                    // A register place belongs to one category.
                    place.update(|p| {
                        if p.chosen.as_ref().is_some_and(|chosen| chosen.category != c) {
                            p.chosen = None;
                        }
                    });
                    edit(field::CATEGORY);
                })
                error=error_signal(field::CATEGORY)
            />
            <PlacePicker
                legend=tr(Msg::PlaceQuestion)
                category=category
                place=place
                on_touch=touch
                error_for=error_for
            />
            <TextAreaField
                id="nominate-description"
                label=tr(Msg::DescriptionQuestion)
                value=description
                on_input=Callback::new(move |v| {
                    description.set(v);
                    edit(field::DESCRIPTION);
                })
                on_blur=Callback::new(move |_| touch.run(field::DESCRIPTION))
                error=error_signal(field::DESCRIPTION)
                max_chars=DESCRIPTION_MAX_CHARS
                placeholder=Some(Msg::DescriptionPlaceholder)
            />
            <PhotoPicker legend=tr(Msg::PhotosQuestion) queue error=error_signal(field::PHOTOS) />
            <LocationChoice legend=tr(Msg::LocationQuestion) position error=error_signal(field::POSITION) />
            <div class="form-section">
                <TextField
                    id="nominate-phone"
                    label=tr(Msg::PhoneQuestion)
                    input_type="tel"
                    inputmode=Some("tel")
                    autocomplete="tel"
                    hint=Some(Msg::PhoneHint)
                    value=phone
                    on_input=Callback::new(move |v| {
                        phone.set(v);
                        edit(field::PHONE);
                    })
                    on_blur=Callback::new(move |_| touch.run(field::PHONE))
                    error=error_signal(field::PHONE)
                />
            </div>
            {move || {
                let rest = others();
                (!rest.is_empty())
                    .then(|| {
                        view! {
                            <ul class="form-problems" role="alert">
                                {rest.into_iter().map(|e| view! { <li>{e.message}</li> }).collect_view()}
                            </ul>
                        }
                    })
            }}
            <Notice mutation=submit errors_only=true />
            <button
                type="submit"
                class="button primary block big"
                disabled=move || { submit.pending() || queue.busy() > 0 }
            >
                {button_text}
            </button>
            <p class="field-hint center">{tr(Msg::DraftSavedHint)}</p>
        </form>
    }
}

/// Brings the first field with a problem into view, once the errors are drawn.
fn scroll_to_first_problem() {
    request_animation_frame(|| {
        if let Some(el) = document()
            .query_selector(".nominate-form .has-error, .nominate-form [role=alert]")
            .ok()
            .flatten()
        {
            el.scroll_into_view();
        }
    });
}
