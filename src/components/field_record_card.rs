//! One finalised sheet as it stands in the outbox: its status in plain words (what the
//! server said, when it refused), the total, when it was finished and received, its
//! photos, and the buttons that apply — 导出文件 always, 重新发送 for a refused sheet.

use crate::browser::file_export;
use crate::components::field_candidate_card::status_label;
use crate::i18n::field::FieldMsg;
use crate::i18n::Text;
use crate::state::field_context::{use_field, SheetStatus};
use crate::state::field_outbox::{OutboxRecord, OutboxStatus};
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;
use pingxuan_domain::time::format_datetime;

/// The export of a sheet: everything needed to enter it by hand or to send it later —
/// the outbox record as the phone keeps it, with the candidate's name.
pub fn export_json(record: &OutboxRecord, title: &str) -> String {
    #[derive(serde::Serialize)]
    struct Export<'a> {
        candidate: &'a str,
        record: &'a OutboxRecord,
    }
    serde_json::to_string(&Export {
        candidate: title,
        record,
    })
    .unwrap_or_default()
}

/// An outbox record's card. `title` names the candidate.
#[component]
pub fn FieldRecordCard(
    record: OutboxRecord,
    #[prop(into)] title: String,
    /// Show the candidate's name as the heading (the outbox page lists many).
    #[prop(optional)]
    with_title: bool,
) -> impl IntoView {
    let lang = use_lang();
    let field = use_field();
    let status = match &record.status {
        OutboxStatus::Waiting => SheetStatus::Queued,
        OutboxStatus::Synced { .. } => SheetStatus::Synced,
        OutboxStatus::Conflict { .. } => SheetStatus::Conflict,
        OutboxStatus::Refused { .. } => SheetStatus::Refused,
    };
    let (label, class) = status_label(status);
    let (hint, reason) = match &record.status {
        OutboxStatus::Waiting => (Some(FieldMsg::QueuedHint), record.last_error.clone()),
        OutboxStatus::Synced { .. } => (None, None),
        OutboxStatus::Conflict { message } => (Some(FieldMsg::ConflictHint), Some(message.clone())),
        OutboxStatus::Refused { message } => (Some(FieldMsg::RefusedHint), Some(message.clone())),
    };
    let receipt = match &record.status {
        OutboxStatus::Synced { receipt } => Some(receipt.clone()),
        _ => None,
    };
    let filled = record.submission.filled_at;
    let photos = record.photo_ids().len();
    let skipped = record.skipped.len();
    let attempts = record.attempts;
    let correction = record.submission.replaces.is_some();
    let total = record.total;
    let file = format!(
        "评分表-{}-{}.json",
        record.candidate_id(),
        &record.client_id[..8]
    );
    let text = StoredValue::new(export_json(&record, &title));
    let refused = matches!(record.status, OutboxStatus::Refused { .. });
    let again = StoredValue::new(record.clone());
    let send_again = move |_| {
        let mut r = again.get_value();
        r.retry();
        field.spawn(async move {
            field.put_record(r).await;
            field.sync_now();
        });
    };
    view! {
        <article class="card record" data-testid="outbox-record">
            <div class="record-head">
                {with_title.then(|| view! { <h2 class="card-title">{title.clone()}</h2> })}
                <span class=class>{move || label.text(lang.get())}</span>
            </div>
            <p class="record-total">
                {tr(FieldMsg::Total)}
                " "
                <strong>{total}</strong>
                " / 100"
            </p>
            <p class="muted small">
                {tr(FieldMsg::FinalisedAt)}
                " "
                {move || format_datetime(filled, lang.get())}
                {receipt
                    .map(|r| {
                        view! {
                            " · "
                            {tr(FieldMsg::ReceivedAt)}
                            " "
                            {move || format_datetime(r.received_at, lang.get())}
                        }
                    })}
            </p>
            <p class="muted small">
                {photos}
                " "
                {tr(FieldMsg::PhotosCount)}
                {(skipped > 0).then(|| view! { "，" {skipped} " " {tr(FieldMsg::PhotosSkipped)} })}
                {(attempts > 0 && status != SheetStatus::Synced)
                    .then(|| view! { " · " {tr(FieldMsg::Attempts)} " " {attempts} })}
            </p>
            {correction.then(|| view! { <p class="muted small">{tr(FieldMsg::CorrectionOf)}</p> })}
            {hint.map(|h| view! { <p class="field-hint">{tr(h)}</p> })}
            {reason.map(|r| view! { <p class="form-error">{r}</p> })}
            <div class="button-row">
                <button
                    type="button"
                    class="button small"
                    on:click=move |_| {
                        let _ = file_export::save_text(&file, "application/json", &text.get_value());
                    }
                >
                    {tr(FieldMsg::Export)}
                </button>
                {refused
                    .then(|| {
                        view! {
                            <button type="button" class="button small primary" on:click=send_again>
                                {tr(FieldMsg::SendAgain)}
                            </button>
                        }
                    })}
            </div>
        </article>
    }
}
