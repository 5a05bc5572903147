//! The round form: name, the five phase windows in Beijing time, and the scoring
//! settings. Checked as people type with the domain's `RoundInput::validate()`; the
//! server's field errors appear under the same inputs.

use crate::api::ClientError;
use crate::components::text_field::TextField;
use crate::forms::field_errors::{message_for, unclaimed};
use crate::forms::round_draft::{field, shown_fields, window_field, RoundDraft};
use crate::i18n::{percent, Msg};
use crate::state::lang_context::use_lang;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use pingxuan_domain::lang::Label;
use pingxuan_domain::round::RoundInput;
use pingxuan_domain::{FieldError, Phase};
use std::collections::BTreeSet;

/// The form for creating or editing a round.
#[component]
pub fn RoundForm(
    /// Prefix for the inputs' ids, unique on the page.
    id_prefix: &'static str,
    /// The values to start from.
    initial: RoundDraft,
    /// The submit button's name.
    submit_label: Msg,
    /// True while the request is on its way.
    #[prop(into)]
    pending: Signal<bool>,
    /// The last failed submission, if any: its field errors go under the inputs, any
    /// other problem above the button.
    #[prop(into)]
    failure: Signal<Option<ClientError>>,
    /// Called with a valid input when the form is submitted.
    on_submit: Callback<RoundInput>,
) -> impl IntoView {
    let lang = use_lang();
    let draft = RwSignal::new(initial);
    // Local problems show for inputs someone has changed, and for all after a submit.
    let touched = RwSignal::new(BTreeSet::<String>::new());
    let attempted = RwSignal::new(false);
    // The server's verdict on a field stands until that field is changed.
    let edited_since_submit = RwSignal::new(BTreeSet::<String>::new());

    let local = Memo::new(move |_| draft.with(|d| d.parse(lang.get()).err().unwrap_or_default()));
    let server = Memo::new(move |_| {
        failure.with(|f| {
            f.as_ref()
                .map(|e| e.field_errors().to_vec())
                .unwrap_or_default()
        })
    });

    let error_for = move |name: String| {
        Signal::derive(move || {
            let shown_locally = attempted.get() || touched.with(|t| t.contains(&name));
            let local_msg = shown_locally
                .then(|| local.with(|l| message_for(l, &name)))
                .flatten();
            local_msg.or_else(|| {
                if edited_since_submit.with(|e| e.contains(&name)) {
                    None
                } else {
                    server.with(|s| message_for(s, &name))
                }
            })
        })
    };
    let edit = move |name: String, apply: fn(&mut RoundDraft, String)| {
        Callback::new(move |value: String| {
            draft.update(|d| apply(d, value));
            touched.update(|t| {
                t.insert(name.clone());
            });
            edited_since_submit.update(|t| {
                t.insert(name.clone());
            });
        })
    };
    let value = move |get: fn(&RoundDraft) -> String| Signal::derive(move || draft.with(get));
    let id = move |name: &str| format!("{id_prefix}-{}", name.replace('.', "-"));

    let window_rows = Phase::TIMED
        .into_iter()
        .enumerate()
        .map(|(i, phase)| {
            let (start, end) = (window_field(phase, false), window_field(phase, true));
            let on_start = Callback::new({
                let start = start.clone();
                move |v: String| {
                    draft.update(|d| d.starts[i] = v);
                    touched.update(|t| {
                        t.insert(start.clone());
                    });
                    edited_since_submit.update(|t| {
                        t.insert(start.clone());
                    });
                }
            });
            let on_end = Callback::new({
                let end = end.clone();
                move |v: String| {
                    draft.update(|d| d.ends[i] = v);
                    touched.update(|t| {
                        t.insert(end.clone());
                    });
                    edited_since_submit.update(|t| {
                        t.insert(end.clone());
                    });
                }
            });
            view! {
                <div class="window-row">
                    <p class="window-phase" aria-hidden="true">
                        {move || phase.label(lang.get())}
                    </p>
                    <TextField
                        id=id(&start)
                        label=move || lang.t(Msg::Starts)
                        label_prefix=move || phase.label(lang.get())
                        input_type="datetime-local"
                        value=Signal::derive(move || draft.with(|d| d.starts[i].clone()))
                        on_input=on_start
                        error=error_for(start.clone())
                    />
                    <TextField
                        id=id(&end)
                        label=move || lang.t(Msg::Ends)
                        label_prefix=move || phase.label(lang.get())
                        input_type="datetime-local"
                        value=Signal::derive(move || draft.with(|d| d.ends[i].clone()))
                        on_input=on_end
                        error=error_for(end.clone())
                    />
                </div>
            }
        })
        .collect_view();

    // Typing the vote's share fills in the on-site share, so the two add up to 100%.
    let on_vote = Callback::new(move |v: String| {
        draft.update(|d| {
            if let Ok(p) = v.trim().parse::<f64>() {
                if (0.0..=100.0).contains(&p) {
                    d.field_percent = percent(1.0 - p / 100.0);
                }
            }
            d.vote_percent = v;
        });
        for name in [field::VOTE_WEIGHT, field::FIELD_WEIGHT] {
            touched.update(|t| {
                t.insert(name.to_owned());
            });
            edited_since_submit.update(|t| {
                t.insert(name.to_owned());
            });
        }
    });

    let general_problems = move || {
        let shown: Vec<String> = shown_fields();
        let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
        let mut problems: Vec<FieldError> = Vec::new();
        if attempted.get() {
            problems.extend(local.with(|l| unclaimed(l, &shown)));
        }
        problems.extend(server.with(|s| unclaimed(s, &shown)));
        problems
    };
    let failure_message = move || failure.with(|f| f.as_ref().map(|e| e.message(lang.get())));

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        if pending.get_untracked() {
            return;
        }
        if let Ok(input) = draft.with_untracked(|d| d.parse(lang.get_untracked())) {
            edited_since_submit.set(BTreeSet::new());
            on_submit.run(input);
        }
    };

    view! {
        <form class="form" novalidate=true on:submit=submit>
            <TextField
                id=id(field::NAME)
                label=move || lang.t(Msg::RoundName)
                placeholder=move || lang.t(Msg::RoundNamePlaceholder)
                value=value(|d| d.name.clone())
                on_input=edit(field::NAME.to_owned(), |d, v| d.name = v)
                error=error_for(field::NAME.to_owned())
            />
            <fieldset class="fieldset">
                <legend>{move || lang.t(Msg::ScheduleTitle)}</legend>
                {window_rows}
            </fieldset>
            <fieldset class="fieldset">
                <legend>{move || lang.t(Msg::ScoringTitle)}</legend>
                <div class="grid-2">
                    <TextField
                        id=id(field::VOTE_WEIGHT)
                        label=move || lang.t(Msg::VoteWeight)
                        inputmode="decimal"
                        value=value(|d| d.vote_percent.clone())
                        on_input=on_vote
                        error=error_for(field::VOTE_WEIGHT.to_owned())
                    />
                    <TextField
                        id=id(field::FIELD_WEIGHT)
                        label=move || lang.t(Msg::FieldWeight)
                        hint=move || lang.t(Msg::WeightsHint)
                        inputmode="decimal"
                        value=value(|d| d.field_percent.clone())
                        on_input=edit(field::FIELD_WEIGHT.to_owned(), |d, v| d.field_percent = v)
                        error=error_for(field::FIELD_WEIGHT.to_owned())
                    />
                    <TextField
                        id=id(field::WORST_N)
                        label=move || lang.t(Msg::WorstN)
                        inputmode="numeric"
                        value=value(|d| d.worst_n.clone())
                        on_input=edit(field::WORST_N.to_owned(), |d, v| d.worst_n = v)
                        error=error_for(field::WORST_N.to_owned())
                    />
                    <TextField
                        id=id(field::WARNED_N)
                        label=move || lang.t(Msg::WarnedN)
                        inputmode="numeric"
                        value=value(|d| d.warned_n.clone())
                        on_input=edit(field::WARNED_N.to_owned(), |d, v| d.warned_n = v)
                        error=error_for(field::WARNED_N.to_owned())
                    />
                    <TextField
                        id=id(field::MAX_CHOICES)
                        label=move || lang.t(Msg::MaxChoices)
                        inputmode="numeric"
                        value=value(|d| d.max_choices.clone())
                        on_input=edit(field::MAX_CHOICES.to_owned(), |d, v| d.max_choices = v)
                        error=error_for(field::MAX_CHOICES.to_owned())
                    />
                </div>
            </fieldset>
            {move || {
                let problems = general_problems();
                (!problems.is_empty())
                    .then(|| {
                        view! {
                            <ul class="form-problems" role="alert">
                                {problems
                                    .into_iter()
                                    .map(|p| view! { <li>{p.message}</li> })
                                    .collect_view()}
                            </ul>
                        }
                    })
            }}
            {move || {
                failure_message().map(|m| view! { <p class="form-error" role="alert">{m}</p> })
            }}
            <button type="submit" class="button primary block" disabled=move || pending.get()>
                {move || lang.t(if pending.get() { Msg::Saving } else { submit_label })}
            </button>
        </form>
    }
}
