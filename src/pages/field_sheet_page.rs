//! `/field/sheet/{candidate}`: the score sheet for one candidate, from the phone's own
//! copy. The place first (photos, where, why it was shortlisted), then the sheet's
//! sections and items; the running total is always in view in the bar at the bottom with
//! 保存草稿 and 完成评分. Every change is kept as a draft on the phone as it is made.
//! Finishing asks first, records when (and, if the phone gives it, where), and puts the
//! sheet in the outbox under a new client id. A finished sheet shows where it stands,
//! with 导出文件, and 提交更正 once synced.

use crate::browser::field_crypto::uuid_v4;
use crate::browser::geolocation::locate;
use crate::components::field_item::FieldItem;
use crate::components::field_record_card::FieldRecordCard;
use crate::components::loading_state::LoadingState;
use crate::forms::field_sheet_draft::SheetDraft;
use crate::i18n::field::{marked_count, version as version_label, FieldMsg};
use crate::i18n::Text;
use crate::state::field_context::{use_field, FieldContext, SheetStatus};
use crate::state::field_outbox::OutboxRecord;
use crate::state::lang_context::{tr, tr_when, use_lang};
use leptos::prelude::*;
use leptos::task::spawn_local_scoped;
use leptos_router::hooks::{use_navigate, use_params_map};
use pingxuan_domain::field::{FieldCandidate, MAX_SHEET_NOTE_CHARS};
use pingxuan_domain::geo::GeoPoint;
use pingxuan_domain::lang::Label;
use pingxuan_domain::score_sheet::{SheetContent, SheetVersion};
use std::time::Duration;

/// How long after the last change the draft is written to the phone.
const AUTOSAVE_AFTER: Duration = Duration::from_millis(400);

/// The sheet page.
#[component]
pub fn FieldSheetPage() -> impl IntoView {
    let field = use_field();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let has_bundle = Memo::new(move |_| field.saved.with(|s| s.is_some()));
    let page = move || {
        if !field.loaded.get() || !has_bundle.get() {
            return view! { <LoadingState /> }.into_any();
        }
        let candidate = id().and_then(|id| untrack(|| field.candidate(id)));
        let Some(candidate) = candidate else {
            return notice(FieldMsg::UnknownCandidateTitle, None).into_any();
        };
        let Some(version) = untrack(|| field.sheet_for(&candidate)) else {
            return view! {
                <PlaceCard candidate=candidate.clone() />
                {notice(FieldMsg::NoSheetTitle, Some(FieldMsg::NoSheetHint))}
            }
            .into_any();
        };
        view! { <SheetOrRecord candidate version /> }.into_any()
    };
    view! {
        <div class="page field-page field-sheet">
            <a href="/field/" class="back-link">{tr(FieldMsg::BackToList)}</a>
            {page}
        </div>
    }
}

fn notice(title: FieldMsg, hint: Option<FieldMsg>) -> impl IntoView {
    view! {
        <div class="card state-card">
            <p class="state-title">{tr(title)}</p>
            {hint.map(|h| view! { <p class="state-hint">{tr(h)}</p> })}
        </div>
    }
}

/// The form while the sheet is being filled in; the record once it is finished.
#[component]
fn SheetOrRecord(candidate: FieldCandidate, version: SheetVersion) -> impl IntoView {
    let field = use_field();
    let id = candidate.id;
    let editing = RwSignal::new(matches!(
        untrack(|| field.status(id)),
        SheetStatus::NotStarted | SheetStatus::Draft
    ));
    view! {
        <PlaceCard candidate=candidate.clone() />
        {move || {
            if editing.get() {
                view! { <SheetForm candidate=candidate.clone() version=version.clone() /> }.into_any()
            } else {
                view! { <Finished candidate=candidate.clone() editing /> }.into_any()
            }
        }}
    }
}

/// The place being scored: photos, name, where, and why it is on the shortlist.
#[component]
fn PlaceCard(candidate: FieldCandidate) -> impl IntoView {
    let lang = use_lang();
    let category = candidate.category;
    let district = candidate.district;
    let photos: Vec<_> = candidate
        .cover
        .iter()
        .chain(
            candidate
                .photos
                .iter()
                .filter(|p| Some(&p.id) != candidate.cover.as_ref().map(|c| &c.id)),
        )
        .cloned()
        .collect();
    // The place's name when the title does not already say it.
    let where_ = if candidate.place_name == candidate.title {
        candidate.town.clone()
    } else {
        format!("{} · {}", candidate.place_name, candidate.town)
    };
    view! {
        <section class="card place-card-field">
            <p class="eyebrow">{move || category.label(lang.get())}</p>
            <h1 class="page-title">{candidate.title.clone()}</h1>
            <p class="muted">{move || format!("{where_} · {}", district.label(lang.get()))}</p>
            {(!photos.is_empty())
                .then(|| {
                    view! {
                        <ul class="place-photos">
                            {photos
                                .into_iter()
                                .map(|p| view! { <li><img src=p.thumb_url alt="" decoding="async" /></li> })
                                .collect_view()}
                        </ul>
                    }
                })}
            {(!candidate.description.is_empty())
                .then(|| {
                    view! {
                        <details class="about">
                            <summary>{tr(FieldMsg::AboutPlace)}</summary>
                            <p>{candidate.description.clone()}</p>
                        </details>
                    }
                })}
        </section>
    }
}

/// The draft this phone holds for the candidate on this version, or a fresh one.
fn starting_draft(field: FieldContext, candidate: i64, version: i64) -> SheetDraft {
    field
        .drafts
        .with_untracked(|d| d.get(&candidate).cloned())
        .filter(|d| d.sheet_version_id == version)
        .unwrap_or_else(|| SheetDraft::new(candidate, version))
}

/// The sheet being filled in.
#[component]
fn SheetForm(candidate: FieldCandidate, version: SheetVersion) -> impl IntoView {
    let lang = use_lang();
    let field = use_field();
    let navigate = use_navigate();
    let id = candidate.id;
    let draft = RwSignal::new(starting_draft(field, id, version.id));
    let sheet = StoredValue::new(version.content.clone());
    let all_items = version.content.items().count();
    // Saving: a short while after the last change, at once on 保存草稿 and on leaving.
    let generation = StoredValue::new(0u32);
    let dirty = StoredValue::new(false);
    let saved_note = RwSignal::new(false);
    let flush = move || {
        if dirty.get_value() {
            dirty.set_value(false);
            field.save_draft(draft.get_untracked());
        }
    };
    let on_change = Callback::new(move |()| {
        dirty.set_value(true);
        saved_note.set(false);
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_timeout(
            move || {
                if generation.try_get_value() == Some(mine) {
                    flush();
                }
            },
            AUTOSAVE_AFTER,
        );
    });
    on_cleanup(move || {
        if dirty.try_get_value() == Some(true) {
            if let Some(d) = draft.try_get_untracked() {
                field.save_draft(d);
            }
        }
    });
    // Where the inspector is, asked once when the sheet opens; it is recorded only if the
    // phone gives it by the time the sheet is finished.
    let location = RwSignal::new(None::<GeoPoint>);
    spawn_local_scoped(async move {
        if let Ok(found) = locate().await {
            location.try_set(Some(found.point));
        }
    });
    let total = move || draft.with(|d| sheet.with_value(|s| d.running_total(s)));
    // Items done: all but the graded ones without points (an untouched deducted item
    // counts as "nothing found").
    let marked = move || all_items - draft.with(|d| sheet.with_value(|s| d.unmarked(s).len()));
    let missing = RwSignal::new(Vec::<String>::new());
    let asking = RwSignal::new(false);
    let finishing = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let finish = move |_| {
        let unmarked = draft.with_untracked(|d| sheet.with_value(|s| d.unmarked(s)));
        if let Some(first) = unmarked.first() {
            if let Some(el) = document().get_element_by_id(&format!("item-{first}")) {
                el.scroll_into_view();
            }
            missing.set(unmarked);
            return;
        }
        missing.set(Vec::new());
        problem.set(None);
        asking.set(true);
    };
    let round_id = field.saved.with_untracked(|s| {
        s.as_ref()
            .and_then(|s| s.bundle.round.as_ref().map(|r| r.id))
    });
    let confirm = move |_| {
        let Some(round_id) = round_id else {
            return;
        };
        finishing.set(true);
        let navigate = navigate.clone();
        let client_id = uuid_v4();
        let now = js_sys::Date::now();
        let filled_at = chrono::DateTime::from_timestamp_millis(now as i64).unwrap_or_default();
        let result = draft.with_untracked(|d| {
            sheet.with_value(|s| d.finalise(s, &client_id, filled_at, location.get_untracked()))
        });
        match result {
            Err(errors) => {
                finishing.set(false);
                asking.set(false);
                problem.set(Some(
                    errors
                        .iter()
                        .map(|e| e.message.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                ));
            }
            Ok(submission) => {
                let record = OutboxRecord::new(client_id, round_id, submission, total(), now);
                dirty.set_value(false);
                field.spawn(async move {
                    if field.finalise(record).await {
                        navigate("/field/", Default::default());
                        field.sync_now();
                    } else {
                        finishing.try_set(false);
                        asking.try_set(false);
                        problem.try_set(Some(
                            FieldMsg::FinaliseFailed
                                .text(lang.get_untracked())
                                .to_owned(),
                        ));
                    }
                });
            }
        }
    };
    let sections = version
        .content
        .sections
        .iter()
        .map(|section| {
            let items = section.items.clone();
            let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
            let max: u32 = items.iter().map(|i| i.rule.max()).sum();
            let subtotal = move || {
                draft.with(|d| sheet.with_value(|s| ids.iter().map(|i| d.item_points(s, i)).sum::<u32>()))
            };
            view! {
                <section class="card field-section">
                    <h2 class="section-head">
                        <span>{section.title.clone()}</span>
                        <span class="subtotal">
                            {tr(FieldMsg::Subtotal)}
                            " "
                            {subtotal}
                            {format!(" / {max}")}
                        </span>
                    </h2>
                    {items
                        .into_iter()
                        .map(|item| {
                            let item_id = item.id.clone();
                            let flagged = Signal::derive(move || missing.with(|m| m.contains(&item_id)));
                            view! { <FieldItem item draft sheet on_change flagged /> }
                        })
                        .collect_view()}
                </section>
            }
        })
        .collect_view();
    let note_input = move |ev: leptos::ev::Event| {
        let text: String = event_target_value(&ev)
            .chars()
            .take(MAX_SHEET_NOTE_CHARS)
            .collect();
        draft.update(|d| d.note = text);
        on_change.run(());
    };
    let initial_note = draft.with_untracked(|d| d.note.clone());
    let sheet_version = version.version;
    let correcting = draft.with_untracked(|d| d.replaces.is_some());
    view! {
        <p class="sheet-meta muted">
            {version.content.title.clone()}
            " · "
            {move || version_label(lang.get(), sheet_version)}
            " · "
            {tr(FieldMsg::DraftAutosaved)}
        </p>
        {correcting.then(|| view! { <p class="field-hint warn">{tr(FieldMsg::CorrectionOf)}</p> })}
        {sections}
        <section class="card">
            <div class="field">
                <label for="sheet-note" class="section-title">{tr(FieldMsg::OverallNote)}</label>
                <textarea
                    id="sheet-note"
                    rows="3"
                    maxlength=MAX_SHEET_NOTE_CHARS.to_string()
                    placeholder=tr(FieldMsg::OverallNotePlaceholder)
                    prop:value=initial_note
                    on:input=note_input
                ></textarea>
            </div>
        </section>
        <div class="total-bar" role="region" aria-label=tr(FieldMsg::Total)>
            {move || {
                let m = missing.get();
                (!m.is_empty())
                    .then(|| {
                        view! {
                            <p class="total-problem" role="alert">
                                {tr(FieldMsg::UnmarkedLeft)}
                                {m.join("、")}
                            </p>
                        }
                    })
            }}
            {move || problem.get().map(|p| view! { <p class="total-problem" role="alert">{p}</p> })}
            {move || {
                saved_note.get().then(|| view! { <p class="total-saved" role="status">{tr(FieldMsg::DraftSaved)}</p> })
            }}
            <div class="total-row">
                <p class="total" data-testid="running-total">
                    <span class="total-label">{tr(FieldMsg::Total)}</span>
                    <strong class="total-value">{total}</strong>
                    <span class="total-of">"/100"</span>
                    <span class="total-marked">{move || marked_count(lang.get(), marked(), all_items)}</span>
                </p>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        dirty.set_value(true);
                        flush();
                        saved_note.set(true);
                    }
                >
                    {tr(FieldMsg::SaveDraft)}
                </button>
                <button type="button" class="button primary" on:click=finish>
                    {tr(FieldMsg::Finalise)}
                </button>
            </div>
        </div>
        <div class="dialog-backdrop" hidden=move || !asking.get() on:click=move |_| asking.set(false)>
                <div
                    class="dialog"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="finish-title"
                    on:click=|ev| ev.stop_propagation()
                >
                    <h2 class="card-title" id="finish-title">{tr(FieldMsg::FinaliseTitle)}</h2>
                    <p class="dialog-total">
                        {tr(FieldMsg::Total)}
                        " "
                        <strong>{total}</strong>
                        " / 100"
                    </p>
                    <p class="field-hint">{tr(FieldMsg::FinaliseHint)}</p>
                    <div class="button-row">
                        <button type="button" class="button" on:click=move |_| asking.set(false)>
                            {tr(FieldMsg::KeepEditing)}
                        </button>
                        <button
                            type="button"
                            class="button primary"
                            disabled=move || finishing.get()
                            on:click=confirm
                        >
                            {tr_when(finishing.into(), FieldMsg::Finalising, FieldMsg::ConfirmFinalise)}
                        </button>
                    </div>
                </div>
        </div>
    }
}

/// A finished sheet: its record (or the server's receipt), the points per item, and
/// 提交更正 once the server has it.
#[component]
fn Finished(candidate: FieldCandidate, editing: RwSignal<bool>) -> impl IntoView {
    let field = use_field();
    let id = candidate.id;
    let record = untrack(|| field.latest_record(id));
    let Some(record) = record else {
        // Only the server's receipt (a colleague's sheet, or this phone reinstalled).
        let receipt = field.saved.with_untracked(|s| {
            s.as_ref().and_then(|s| {
                s.bundle
                    .received
                    .iter()
                    .find(|r| r.candidate_id == id)
                    .cloned()
            })
        });
        return view! {
            <section class="card record">
                <span class="chip synced">{tr(FieldMsg::Synced)}</span>
                {receipt
                    .map(|r| {
                        view! {
                            <p class="record-total">
                                {tr(FieldMsg::ServerTotal)}
                                " "
                                <strong>{r.total}</strong>
                                " / 100"
                            </p>
                        }
                    })}
            </section>
        }
        .into_any();
    };
    let can_correct = record.is_synced();
    let submission = StoredValue::new(record.submission.clone());
    let client_id = record.client_id.clone();
    let correct = move |_| {
        let draft = SheetDraft::correcting(&submission.get_value(), &client_id);
        field.save_draft(draft);
        editing.set(true);
    };
    let title = candidate.title.clone();
    let points: Vec<(String, u32, Option<String>)> = field
        .saved
        .with_untracked(|s| {
            s.as_ref().and_then(|s| {
                s.bundle
                    .sheets
                    .iter()
                    .find(|v| v.id == record.submission.sheet_version_id)
                    .map(|v| scored(&v.content, &record.submission))
            })
        })
        .unwrap_or_default();
    view! {
        <FieldRecordCard record title />
        {(!points.is_empty())
            .then(|| {
                view! {
                    <section class="card">
                        <ul class="scored-items">
                            {points
                                .into_iter()
                                .map(|(item, p, note)| {
                                    view! {
                                        <li>
                                            <span class="item-no">{item}</span>
                                            <span class="scored-points">{p}</span>
                                            {note.map(|n| view! { <span class="muted small">{n}</span> })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })}
        {can_correct
            .then(|| {
                view! {
                    <div class="button-row">
                        <button type="button" class="button" on:click=correct>
                            {tr(FieldMsg::Correct)}
                        </button>
                    </div>
                }
            })}
    }
    .into_any()
}

/// Each item's points as the domain computes them, with its note.
fn scored(
    content: &SheetContent,
    sheet: &pingxuan_domain::field::SheetSubmission,
) -> Vec<(String, u32, Option<String>)> {
    pingxuan_domain::field::scored_items(content, &sheet.scores)
        .into_iter()
        .map(|(s, p)| (s.item_id, p, s.note))
        .collect()
}
