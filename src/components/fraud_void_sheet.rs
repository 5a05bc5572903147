//! Voiding one ballot: a sheet over the list that names the ballot, asks for the reason
//! (required, 2–200 characters, as the server checks) and says it cannot be undone.

use crate::api;
use crate::components::bottom_sheet::BottomSheet;
use crate::components::fraud_names::CandidateNames;
use crate::components::notice::Notice;
use crate::components::text_area_field::TextAreaField;
use crate::forms::field_errors::message_for;
use crate::i18n::fraud::{voter, FraudMsg};
use crate::i18n::{Msg, Text};
use crate::state::lang_context::{tr, tr_when, use_lang};
use crate::state::mutation::Mutation;
use crate::state::session_context::use_session;
use leptos::prelude::*;
use pingxuan_domain::lang::Label;
use pingxuan_domain::voting::{InspectedBallot, VoidRequest};

/// The reason field's id (focused when the sheet opens).
const REASON_ID: &str = "void-reason";

/// Whether `reason` is one the server takes: 2 to 200 characters once trimmed.
pub fn reason_fits(reason: &str) -> bool {
    (2..=200).contains(&reason.trim().chars().count())
}

/// The sheet. `on_voided` gets the voter's number once the server has voided the ballot.
#[component]
pub fn VoidSheet(
    round_id: i64,
    ballot: InspectedBallot,
    names: CandidateNames,
    /// The close button, 取消, a tap beside the sheet and Escape.
    on_close: Callback<()>,
    on_voided: Callback<i64>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let reason = RwSignal::new(String::new());
    let attempted = RwSignal::new(false);
    let void = Mutation::new();

    let error = Signal::derive(move || {
        (attempted.get() && !reason.with(|r| reason_fits(r)))
            .then(|| FraudMsg::VoidReasonLength.text(lang.get()).to_owned())
            .or_else(|| {
                void.error()
                    .and_then(|e| message_for(e.field_errors(), "reason"))
            })
    });
    let (ballot_id, voter_id) = (ballot.id, ballot.voter_id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        let text = reason.get_untracked();
        if !reason_fits(&text) {
            return;
        }
        let request = VoidRequest {
            ballot_id,
            reason: text.trim().to_owned(),
        };
        let csrf = session.csrf();
        void.run(async move {
            match api::fraud::void(round_id, &request, &csrf).await {
                Ok(()) => {
                    on_voided.run(voter_id);
                    Ok(Msg::Saved)
                }
                Err(e) => {
                    session.note_error(&e);
                    Err(e)
                }
            }
        });
    };
    let category = ballot.category;
    let choices = names.names(&ballot.candidate_ids, lang.get_untracked());
    view! {
        <BottomSheet
            title_id="void-title"
            title=FraudMsg::VoidTitle
            close=FraudMsg::Close
            on_close
            focus_id=REASON_ID
        >
            <p class="void-ballot">
                <strong>{move || voter(lang.get(), voter_id)}</strong>
                " · "
                {move || category.label(lang.get())}
                " · "
                {choices}
            </p>
            <p class="sheet-lead">{tr(FraudMsg::VoidLead)}</p>
            <form class="form" novalidate=true on:submit=submit>
                <TextAreaField
                    id=REASON_ID
                    label=tr(FraudMsg::VoidReason)
                    value=reason
                    on_input=Callback::new(move |v| reason.set(v))
                    on_blur=Callback::new(|_| {})
                    error
                    max_chars=200
                />
                <Notice mutation=void errors_only=true />
                <div class="sheet-actions">
                    <button type="submit" class="button danger block" disabled=move || void.pending()>
                        {tr_when(void.pending_signal(), FraudMsg::Voiding, FraudMsg::ConfirmVoid)}
                    </button>
                    <button type="button" class="button block" on:click=move |_| on_close.run(())>
                        {tr(Msg::Cancel)}
                    </button>
                </div>
            </form>
        </BottomSheet>
    }
}
