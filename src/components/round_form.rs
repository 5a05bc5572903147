//! The round form: name, the five phase windows in Beijing time, and the scoring
//! settings. Checked as people type with the domain's `RoundInput::validate()`; the
//! server's field errors appear under the same inputs.

use crate::components::notice::Notice;
use crate::components::text_field::TextField;
use crate::forms::field_errors::{message_for, unclaimed};
use crate::forms::round_draft::{field, read_percent, shown_fields, window_field, RoundDraft};
use crate::i18n::{percent, Msg};
use crate::state::lang_context::{tr, tr_when, use_lang};
use crate::state::mutation::Mutation;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use pingxuan_domain::lang::Label;
use pingxuan_domain::round::RoundInput;
use pingxuan_domain::Phase;

/// Which draft field an input edits.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Name,
    Start(usize),
    End(usize),
    VotePercent,
    FieldPercent,
    WorstN,
    WarnedN,
    MaxChoices,
}

impl Slot {
    fn get(self, d: &RoundDraft) -> String {
        match self {
            Slot::Name => d.name.clone(),
            Slot::Start(i) => d.starts[i].clone(),
            Slot::End(i) => d.ends[i].clone(),
            Slot::VotePercent => d.vote_percent.clone(),
            Slot::FieldPercent => d.field_percent.clone(),
            Slot::WorstN => d.worst_n.clone(),
            Slot::WarnedN => d.warned_n.clone(),
            Slot::MaxChoices => d.max_choices.clone(),
        }
    }

    fn set(self, d: &mut RoundDraft, v: String) {
        match self {
            Slot::Name => d.name = v,
            Slot::Start(i) => d.starts[i] = v,
            Slot::End(i) => d.ends[i] = v,
            Slot::VotePercent => {
                // Typing the vote's share fills in the on-site share, so the two add
                // up to 100%.
                if let Some(p) = read_percent(&v) {
                    d.field_percent = percent(1.0 - p);
                }
                d.vote_percent = v;
            }
            Slot::FieldPercent => d.field_percent = v,
            Slot::WorstN => d.worst_n = v,
            Slot::WarnedN => d.warned_n = v,
            Slot::MaxChoices => d.max_choices = v,
        }
    }

    /// The field path the domain and the server use for this input.
    fn path(self) -> String {
        match self {
            Slot::Name => field::NAME.to_owned(),
            Slot::Start(i) => window_field(Phase::TIMED[i], false),
            Slot::End(i) => window_field(Phase::TIMED[i], true),
            Slot::VotePercent => field::VOTE_WEIGHT.to_owned(),
            Slot::FieldPercent => field::FIELD_WEIGHT.to_owned(),
            Slot::WorstN => field::WORST_N.to_owned(),
            Slot::WarnedN => field::WARNED_N.to_owned(),
            Slot::MaxChoices => field::MAX_CHOICES.to_owned(),
        }
    }
}

/// The form for creating or editing a round.
#[component]
pub fn RoundForm(
    /// Prefix for the inputs' ids, unique on the page.
    id_prefix: &'static str,
    /// The values to start from.
    initial: RoundDraft,
    /// The submit button's name.
    submit_label: Msg,
    /// The save request: its pending flag drives the button, its field errors go under
    /// the inputs, anything else above the button.
    mutation: Mutation,
    /// Called with a valid input when the form is submitted.
    on_submit: Callback<RoundInput>,
    /// Once voting has begun the scoring and voting rules are fixed; their inputs are
    /// shown but cannot be changed.
    #[prop(optional)]
    config_locked: bool,
) -> impl IntoView {
    let lang = use_lang();
    let draft = RwSignal::new(initial);
    // Local problems show for inputs someone has changed, and for all after a submit.
    let touched = RwSignal::new(Vec::<String>::new());
    let attempted = RwSignal::new(false);
    // The server's verdict on a field stands until that field is changed.
    let edited_since_submit = RwSignal::new(Vec::<String>::new());

    let local = Memo::new(move |_| draft.with(|d| d.parse(lang.get()).err().unwrap_or_default()));
    let server = move || {
        mutation
            .error()
            .map(|e| e.field_errors().to_vec())
            .unwrap_or_default()
    };

    let field = move |slot: Slot, label: Signal<String>, inputmode: Option<&'static str>| {
        let path = slot.path();
        let error = {
            let path = path.clone();
            Signal::derive(move || {
                let shown_locally = attempted.get() || touched.with(|t| t.contains(&path));
                let local_msg = shown_locally
                    .then(|| local.with(|l| message_for(l, &path)))
                    .flatten();
                local_msg.or_else(|| {
                    if edited_since_submit.with(|e| e.contains(&path)) {
                        None
                    } else {
                        message_for(&server(), &path)
                    }
                })
            })
        };
        let on_input = {
            let path = path.clone();
            Callback::new(move |v: String| {
                draft.update(|d| slot.set(d, v));
                let mut names = vec![path.clone()];
                if matches!(slot, Slot::VotePercent) {
                    names.push(field::FIELD_WEIGHT.to_owned());
                }
                for list in [touched, edited_since_submit] {
                    list.update(|t| {
                        for n in &names {
                            if !t.contains(n) {
                                t.push(n.clone());
                            }
                        }
                    });
                }
            })
        };
        let locked = config_locked
            && matches!(
                slot,
                Slot::VotePercent
                    | Slot::FieldPercent
                    | Slot::WorstN
                    | Slot::WarnedN
                    | Slot::MaxChoices
            );
        let (prefix, input_type) = match slot {
            Slot::Start(i) | Slot::End(i) => (Some(Phase::TIMED[i]), "datetime-local"),
            _ => (None, "text"),
        };
        view! {
            <TextField
                id=format!("{id_prefix}-{}", path.replace('.', "-"))
                label=move || label.get()
                label_prefix=prefix.map(|p| TextProp::from(move || p.label(lang.get())))
                input_type=input_type
                inputmode=inputmode
                hint=matches!(slot, Slot::FieldPercent).then_some(Msg::WeightsHint)
                placeholder=matches!(slot, Slot::Name).then_some(Msg::RoundNamePlaceholder)
                disabled=locked
                value=Signal::derive(move || draft.with(|d| slot.get(d)))
                on_input
                error
            />
        }
    };
    let text = move |msg: Msg| Signal::derive(move || lang.t(msg).to_owned());

    let window_rows = (0..Phase::TIMED.len())
        .map(|i| {
            let phase = Phase::TIMED[i];
            view! {
                <div class="window-row">
                    <p class="window-phase" aria-hidden="true">
                        {move || phase.label(lang.get())}
                    </p>
                    {field(Slot::Start(i), text(Msg::Starts), None)}
                    {field(Slot::End(i), text(Msg::Ends), None)}
                </div>
            }
        })
        .collect_view();

    let general_problems = move || {
        let shown = shown_fields();
        let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
        let mut problems = Vec::new();
        if attempted.get() {
            problems.extend(local.with(|l| unclaimed(l, &shown)));
        }
        problems.extend(unclaimed(&server(), &shown));
        (!problems.is_empty()).then(|| {
            view! {
                <ul class="form-problems" role="alert">
                    {problems.into_iter().map(|p| view! { <li>{p.message}</li> }).collect_view()}
                </ul>
            }
            .into_any()
        })
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        if let Ok(input) = draft.with_untracked(|d| d.parse(lang.get_untracked())) {
            edited_since_submit.set(Vec::new());
            on_submit.run(input);
        }
    };

    view! {
        <form class="form" novalidate=true on:submit=submit>
            {field(Slot::Name, text(Msg::RoundName), None)}
            <fieldset class="fieldset">
                <legend>{tr(Msg::ScheduleTitle)}</legend>
                {window_rows}
            </fieldset>
            <fieldset class="fieldset">
                <legend>{tr(Msg::ScoringTitle)}</legend>
                {config_locked.then(|| view! { <p class="hint">{tr(Msg::ConfigLocked)}</p> })}
                <div class="grid-2">
                    {field(Slot::VotePercent, text(Msg::VoteWeight), Some("decimal"))}
                    {field(Slot::FieldPercent, text(Msg::FieldWeight), Some("decimal"))}
                    {field(Slot::WorstN, text(Msg::WorstN), Some("numeric"))}
                    {field(Slot::WarnedN, text(Msg::WarnedN), Some("numeric"))}
                    {field(Slot::MaxChoices, text(Msg::MaxChoices), Some("numeric"))}
                </div>
            </fieldset>
            {move || general_problems()}
            <Notice mutation />
            <button type="submit" class="button primary block" disabled=move || mutation.pending()>
                {tr_when(mutation.pending_signal(), Msg::Saving, submit_label)}
            </button>
        </form>
    }
}
