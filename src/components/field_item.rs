//! One item of a score sheet as the inspector fills it in: the standard's wording, the
//! points it gives now, and a large control — a segmented 0..max bar for small graded
//! items, a stepper for larger ones, a findings counter (− / +) showing the points off
//! for deducted items — then an optional note and camera photos as evidence.

use crate::browser::field_crypto::uuid_v4;
use crate::browser::{field_store, photo_shrink};
use crate::forms::field_sheet_draft::SheetDraft;
use crate::i18n::field::{
    deduction_rule, evidence_alt, findings_count, item_points, points_off, FieldMsg,
};
use crate::i18n::Text;
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;
use leptos::task::spawn_local_scoped;
use pingxuan_domain::field::MAX_ITEM_NOTE_CHARS;
use pingxuan_domain::score_sheet::{ItemRule, Mark, SheetContent, SheetItem};
use wasm_bindgen::JsCast;
use web_sys::{Blob, HtmlInputElement, Url};

/// Graded items up to this maximum get one button per score; larger ones a stepper.
const SEGMENTED_MAX: u32 = 6;

/// One item of the sheet.
#[component]
pub fn FieldItem(
    /// The line of the standard.
    item: SheetItem,
    /// The sheet being filled in.
    draft: RwSignal<SheetDraft>,
    /// The version it is filled on.
    sheet: StoredValue<SheetContent>,
    /// Called after every change (the page saves the draft).
    on_change: Callback<()>,
    /// Marked as missing when finalising was refused.
    #[prop(into)]
    flagged: Signal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let id = StoredValue::new(item.id.clone());
    let max = item.rule.max();
    let points = move || draft.with(|d| sheet.with_value(|s| d.item_points(s, &id.get_value())));
    let marked = move || draft.with(|d| d.marks.contains_key(&id.get_value()));
    let edit = move |f: &dyn Fn(&mut SheetDraft, &SheetContent, &str)| {
        draft.update(|d| sheet.with_value(|s| f(d, s, &id.get_value())));
        on_change.run(());
    };
    let control = match item.rule {
        ItemRule::Graded { max } if max <= SEGMENTED_MAX => {
            let current = move || {
                draft.with(|d| match d.marks.get(&id.get_value()) {
                    Some(Mark::Graded { points }) => Some(*points),
                    _ => None,
                })
            };
            view! {
                <div class="segmented" role="group" aria-label=item.id.clone()>
                    {(0..=max)
                        .map(|v| {
                            view! {
                                <button
                                    type="button"
                                    class="seg"
                                    aria-pressed=move || if current() == Some(v) { "true" } else { "false" }
                                    on:click=move |_| edit(&|d, s, i| d.set_points(s, i, v))
                                >
                                    {v}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            }
            .into_any()
        }
        ItemRule::Graded { max } => {
            let current = move || {
                draft.with(|d| match d.marks.get(&id.get_value()) {
                    Some(Mark::Graded { points }) => Some(*points),
                    _ => None,
                })
            };
            let step = move |delta: i32| {
                let next = match current() {
                    None if delta < 0 => 0,
                    None => max,
                    Some(p) => (p as i32 + delta).clamp(0, max as i32) as u32,
                };
                edit(&|d, s, i| d.set_points(s, i, next));
            };
            view! {
                <div class="stepper">
                    <button
                        type="button"
                        class="step"
                        aria-label=tr(FieldMsg::Less)
                        on:click=move |_| step(-1)
                    >
                        "−"
                    </button>
                    <output class="step-value" aria-live="polite">
                        {move || current().map_or("—".to_owned(), |p| p.to_string())}
                        <small>{format!(" / {max}")}</small>
                    </output>
                    <button
                        type="button"
                        class="step"
                        aria-label=tr(FieldMsg::More)
                        on:click=move |_| step(1)
                    >
                        "+"
                    </button>
                </div>
                <div class="quick">
                    <button type="button" class="button small" on:click=move |_| edit(&|d, s, i| d.set_points(s, i, 0))>
                        {tr(FieldMsg::ZeroPoints)}
                    </button>
                    <button type="button" class="button small" on:click=move |_| edit(&|d, s, i| d.set_points(s, i, max))>
                        {tr(FieldMsg::FullMarks)}
                    </button>
                </div>
            }
            .into_any()
        }
        ItemRule::Deducted { per_finding, max } => {
            let findings = move || draft.with(|d| d.findings(&id.get_value()));
            let off = move || max - points();
            view! {
                <p class="rule">{move || deduction_rule(lang.get(), per_finding, max)}</p>
                <div class="stepper">
                    <button
                        type="button"
                        class="step"
                        aria-label=tr(FieldMsg::Less)
                        disabled=move || findings() == 0
                        on:click=move |_| edit(&|d, s, i| d.add_findings(s, i, -1))
                    >
                        "−"
                    </button>
                    <output class="step-value" aria-live="polite">
                        <small>{tr(FieldMsg::Findings)}" "</small>
                        {move || findings_count(lang.get(), findings())}
                    </output>
                    <button
                        type="button"
                        class="step"
                        aria-label=tr(FieldMsg::More)
                        on:click=move |_| edit(&|d, s, i| d.add_findings(s, i, 1))
                    >
                        "+"
                    </button>
                </div>
                <p class="points-off" class:none=move || off() == 0>
                    {move || {
                        if off() == 0 {
                            FieldMsg::NoFindings.text(lang.get()).to_owned()
                        } else {
                            points_off(lang.get(), off())
                        }
                    }}
                </p>
            }
            .into_any()
        }
    };
    let dom_id = format!("item-{}", item.id);
    let note_id = format!("note-{}", item.id);
    view! {
        <article class="field-item" id=dom_id class:has-error=move || flagged.get() data-testid="sheet-item">
            <div class="item-head">
                <span class="item-no">{item.id.clone()}</span>
                <p class="item-text">{item.text.clone()}</p>
            </div>
            <p class="item-points" class:unmarked=move || !marked() && matches!(item.rule, ItemRule::Graded { .. })>
                {move || {
                    if !marked() && matches!(item.rule, ItemRule::Graded { .. }) {
                        FieldMsg::NotMarked.text(lang.get()).to_owned()
                    } else {
                        item_points(lang.get(), points(), max)
                    }
                }}
            </p>
            {control}
            <ItemNote id=note_id item=id draft on_change />
            <ItemPhotos item=id draft on_change />
        </article>
    }
}

/// The item's note: a 写说明 button that opens a text box (open when there is a note).
#[component]
fn ItemNote(
    id: String,
    item: StoredValue<String>,
    draft: RwSignal<SheetDraft>,
    on_change: Callback<()>,
) -> impl IntoView {
    let initial = draft.with_untracked(|d| d.notes.get(&item.get_value()).cloned());
    let open = RwSignal::new(initial.as_ref().is_some_and(|n| !n.is_empty()));
    let input = move |ev: leptos::ev::Event| {
        let text: String = event_target_value(&ev)
            .chars()
            .take(MAX_ITEM_NOTE_CHARS)
            .collect();
        draft.update(|d| {
            d.notes.insert(item.get_value(), text);
        });
        on_change.run(());
    };
    view! {
        <button type="button" class="link-button" hidden=move || open.get() on:click=move |_| open.set(true)>
            {tr(FieldMsg::AddNote)}
        </button>
        <div class="field item-note" hidden=move || !open.get()>
                <label for=id.clone()>{tr(FieldMsg::ItemNote)}</label>
                <textarea
                    id=id.clone()
                    rows="2"
                    maxlength=MAX_ITEM_NOTE_CHARS.to_string()
                    prop:value=initial.clone().unwrap_or_default()
                    on:input=input
                ></textarea>
        </div>
    }
}

/// The item's evidence photos and the camera button.
#[component]
fn ItemPhotos(
    item: StoredValue<String>,
    draft: RwSignal<SheetDraft>,
    on_change: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let ids = move || draft.with(|d| d.photos.get(&item.get_value()).cloned().unwrap_or_default());
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let file = input.files().and_then(|l| l.get(0)).map(Blob::from);
        input.set_value("");
        let Some(file) = file else {
            return;
        };
        busy.set(true);
        failed.set(false);
        spawn_local_scoped(async move {
            let photo_id = uuid_v4();
            let kept = match photo_shrink::shrink(&file).await {
                Ok(small) => field_store::put_photo(&photo_id, &small).await.is_ok(),
                Err(_) => false,
            };
            busy.set(false);
            if kept {
                draft.update(|d| d.photos.entry(item.get_value()).or_default().push(photo_id));
                on_change.run(());
            } else {
                failed.set(true);
            }
        });
    };
    let remove = Callback::new(move |photo: String| {
        draft.update(|d| {
            if let Some(list) = d.photos.get_mut(&item.get_value()) {
                list.retain(|p| *p != photo);
            }
        });
        on_change.run(());
        spawn_local_scoped(async move {
            let _ = field_store::delete(field_store::Store::Photos, &photo).await;
        });
    });
    let room = move || draft.with(|d| d.photo_room(&item.get_value()));
    view! {
        <div class="evidence">
            <ul class="evidence-list">
                {move || {
                    ids()
                        .into_iter()
                        .enumerate()
                        .map(|(n, photo)| {
                            let alt = evidence_alt(lang.get_untracked(), &item.get_value(), n + 1);
                            view! { <EvidencePhoto id=photo alt on_remove=remove /> }
                        })
                        .collect_view()
                }}
            </ul>
            <p class="field-hint" hidden=room>{tr(FieldMsg::PhotoFull)}</p>
            <label class="button small camera" class:busy=move || busy.get() hidden=move || !room()>
                    <input
                        type="file"
                        accept="image/*"
                        capture="environment"
                        class="visually-hidden"
                        on:change=on_file
                    />
                    <span>{tr(FieldMsg::TakePhoto)}</span>
            </label>
            {move || failed.get().then(|| view! { <p class="field-error" role="alert">{tr(FieldMsg::PhotoFailed)}</p> })}
        </div>
    }
}

/// One evidence photo, shown from the phone's own copy.
#[component]
fn EvidencePhoto(id: String, alt: String, on_remove: Callback<String>) -> impl IntoView {
    let url = RwSignal::new(None::<String>);
    let key = id.clone();
    spawn_local_scoped(async move {
        if let Some(blob) = field_store::get_photo(&key).await {
            url.set(Url::create_object_url_with_blob(&blob).ok());
        }
    });
    on_cleanup(move || {
        if let Some(Some(u)) = url.try_get_untracked() {
            let _ = Url::revoke_object_url(&u);
        }
    });
    view! {
        <li class="evidence-photo">
            {move || match url.get() {
                Some(src) => view! { <img src=src alt=alt.clone() /> }.into_any(),
                None => view! { <span class="evidence-none" aria-label=alt.clone()></span> }.into_any(),
            }}
            <button
                type="button"
                class="evidence-remove"
                aria-label=tr(FieldMsg::RemovePhoto)
                on:click=move |_| on_remove.run(id.clone())
            >
                "×"
            </button>
        </li>
    }
}
