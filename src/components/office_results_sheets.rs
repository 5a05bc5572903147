//! The results workbench's bottom sheets: one that asks for a required reason (excluding
//! a score sheet or a ballot — with the ballot's number — and publishing a correction),
//! and the confirm sheet for publishing version 1, which says plainly what happens.

use crate::components::bottom_sheet::BottomSheet;
use crate::components::notice::Notice;
use crate::components::text_area_field::TextAreaField;
use crate::forms::field_errors::message_for;
use crate::i18n::office_results::OfficeResultsMsg as M;
use crate::i18n::{Msg, Text};
use crate::state::lang_context::{tr, tr_when, use_lang};
use crate::state::mutation::Mutation;
use leptos::prelude::*;
use pingxuan_domain::results::parse_reason;

/// The reason field's id (focused when a sheet opens).
pub const REASON_ID: &str = "results-reason";
/// The ballot number's field id.
pub const BALLOT_ID: &str = "results-ballot";

/// A ballot's number as typed: a positive whole number.
pub fn parse_ballot_id(text: &str) -> Option<i64> {
    text.trim().parse::<i64>().ok().filter(|n| *n > 0)
}

/// A sheet that asks for a reason (and, for a ballot, its number), then hands both to
/// `on_submit`, which runs `mutation`; the server's answer is shown beside the button.
#[component]
pub fn ReasonSheet(
    title: M,
    lead: M,
    /// The reason's label.
    label: M,
    confirm: M,
    pending: M,
    /// What the sheet is about (e.g. the sheet's sub-group and total), above the lead.
    #[prop(optional, into)]
    subject: Option<String>,
    /// Ask for a ballot's number too.
    #[prop(optional)]
    ask_ballot: bool,
    /// A destructive action (red button).
    #[prop(optional)]
    danger: bool,
    mutation: Mutation,
    /// The close button, 取消, a tap beside the sheet and Escape.
    on_close: Callback<()>,
    /// Called with the ballot's number (when asked) and the trimmed reason.
    on_submit: Callback<(Option<i64>, String)>,
) -> impl IntoView {
    let lang = use_lang();
    let reason = RwSignal::new(String::new());
    let ballot = RwSignal::new(String::new());
    let attempted = RwSignal::new(false);
    let reason_error = move || {
        (attempted.get() && reason.with(|r| parse_reason(r).is_err()))
            .then(|| M::ReasonLength.text(lang.get()).to_owned())
            .or_else(|| {
                mutation
                    .error()
                    .and_then(|e| message_for(e.field_errors(), "reason"))
            })
    };
    let ballot_error = move || {
        (attempted.get() && ballot.with(|b| parse_ballot_id(b).is_none()))
            .then(|| M::BallotIdInvalid.text(lang.get()))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        let Ok(text) = parse_reason(&reason.get_untracked()) else {
            return;
        };
        let id = parse_ballot_id(&ballot.get_untracked());
        if ask_ballot && id.is_none() {
            return;
        }
        on_submit.run((id, text));
    };
    let ballot_field = ask_ballot.then(|| {
        view! {
            <div class="field" class:has-error=move || ballot_error().is_some()>
                <label for=BALLOT_ID class="section-title">{tr(M::BallotId)}</label>
                <input
                    id=BALLOT_ID
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    aria-describedby="results-ballot-hint"
                    prop:value=move || ballot.get()
                    on:input=move |ev| ballot.set(event_target_value(&ev))
                />
                <p class="hint" id="results-ballot-hint">{tr(M::BallotIdHint)}</p>
                {move || ballot_error().map(|e| view! { <p class="field-error">{e}</p> })}
            </div>
        }
    });
    let first = if ask_ballot { BALLOT_ID } else { REASON_ID };
    view! {
        <BottomSheet
            title_id="results-sheet-title"
            title
            close=M::Close
            on_close
            focus_id=first
        >
            {subject.map(|s| view! { <p class="void-ballot"><strong>{s}</strong></p> })}
            <p class="sheet-lead">{tr(lead)}</p>
            <form class="form" novalidate=true on:submit=submit>
                {ballot_field}
                <TextAreaField
                    id=REASON_ID
                    label=tr(label)
                    value=reason
                    on_input=Callback::new(move |v| reason.set(v))
                    on_blur=Callback::new(|_| {})
                    error=Signal::derive(reason_error)
                    max_chars=200
                />
                <Notice mutation errors_only=true />
                <div class="sheet-actions">
                    <button
                        type="submit"
                        class="button block"
                        class:danger=danger
                        class:primary=!danger
                        disabled=move || mutation.pending()
                    >
                        {tr_when(mutation.pending_signal(), pending, confirm)}
                    </button>
                    <button type="button" class="button block" on:click=move |_| on_close.run(())>
                        {tr(Msg::Cancel)}
                    </button>
                </div>
            </form>
        </BottomSheet>
    }
}

/// 公布结果: says what happens (version 1 frozen, public at once, never changed again),
/// warns when candidates would be left out, then publishes through `on_confirm`.
#[component]
pub fn PublishSheet(
    /// Some candidates have no counted sheet.
    incomplete: bool,
    mutation: Mutation,
    on_close: Callback<()>,
    on_confirm: Callback<()>,
) -> impl IntoView {
    view! {
        <BottomSheet
            title_id="results-sheet-title"
            title=M::PublishTitle
            close=M::Close
            on_close
            focus_id="results-publish-confirm"
        >
            <p class="sheet-lead">{tr(M::PublishLead)}</p>
            {incomplete.then(|| view! { <p class="notice warn">{tr(M::PublishIncomplete)}</p> })}
            <Notice mutation errors_only=true />
            <div class="sheet-actions">
                <button
                    type="button"
                    id="results-publish-confirm"
                    class="button primary block"
                    disabled=move || mutation.pending()
                    on:click=move |_| on_confirm.run(())
                >
                    {tr_when(mutation.pending_signal(), M::Publishing, M::ConfirmPublish)}
                </button>
                <button type="button" class="button block" on:click=move |_| on_close.run(())>
                    {tr(Msg::Cancel)}
                </button>
            </div>
        </BottomSheet>
    }
}
