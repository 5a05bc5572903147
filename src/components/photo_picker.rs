//! The photo section: tiles with a thumbnail and a progress bar per photo, a remove
//! button on each, 重试 where an upload failed, and the two ways to add photos (camera
//! or album).

use crate::i18n::{photo_alt, photos_lost, photos_skipped, remove_photo_label, Msg};
use crate::state::lang_context::{tr, use_lang};
use crate::state::photo_queue::{worth_retrying, PhotoQueue, PhotoSlot, PhotoStatus};
use leptos::prelude::*;
use pingxuan_domain::nomination::MAX_PHOTOS;
use wasm_bindgen::JsCast;
use web_sys::{Blob, HtmlInputElement};

const CAMERA: &str = "M4 8h3l2-3h6l2 3h3v11H4zM12 17a4 4 0 1 0 0-8 4 4 0 0 0 0 8z";
const ALBUM: &str = "M4 5h16v14H4zM4 15l4-4 4 4 3-3 5 5M15.5 9.5h.01";

fn icon(path: &'static str) -> impl IntoView {
    view! {
        <svg class="button-icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d=path></path>
        </svg>
    }
}

/// The files a file input's `change` event picked; the input is cleared, so picking the
/// same photo again still counts as a change.
pub fn picked_files(ev: &leptos::ev::Event) -> Vec<Blob> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = input
        .files()
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.get(i))
                .map(Blob::from)
                .collect()
        })
        .unwrap_or_default();
    input.set_value("");
    files
}

/// The photo section of the nomination form.
#[component]
pub fn PhotoPicker(
    /// The question above it.
    #[prop(into)]
    legend: TextProp,
    /// The photos and their uploads.
    queue: PhotoQueue,
    /// The problem to show underneath (e.g. no photo yet), if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let skipped = RwSignal::new(0usize);
    let on_files = move |ev: leptos::ev::Event| {
        skipped.set(queue.add_files(picked_files(&ev)));
    };
    let failure = move || {
        queue
            .slots()
            .into_iter()
            .find_map(|s| match s.status.get() {
                PhotoStatus::Failed(e) => Some(e.message(lang.get())),
                PhotoStatus::Unreadable => {
                    Some(Msg::PhotoUnreadableHint.text(lang.get()).to_owned())
                }
                _ => None,
            })
    };
    view! {
        <fieldset class="form-section" id="nominate-photos" class:has-error=move || error.get().is_some()>
            <legend class="section-title">{move || legend.get()}</legend>
            <p class="field-hint">{tr(Msg::PhotosHint)}</p>
            <Show when=move || !queue.is_empty()>
                // Redrawn whole when a photo is added or removed (six at most); each
                // tile follows its own upload through the slot's signals.
                <ul class="photo-grid">
                    {move || {
                        queue
                            .slots()
                            .into_iter()
                            .enumerate()
                            .map(|(i, photo)| view! { <PhotoTile photo number=i + 1 queue /> })
                            .collect_view()
                    }}
                </ul>
            </Show>
            <Show
                when=move || { queue.room() > 0 }
                fallback=move || view! { <p class="field-hint">{tr(Msg::PhotosFull)}</p> }
            >
                <div class="photo-add">
                    <label class="button photo-add-button">
                        <input type="file" accept="image/*" capture="environment" class="visually-hidden" on:change=on_files />
                        {icon(CAMERA)}
                        <span>{tr(Msg::TakePhoto)}</span>
                    </label>
                    <label class="button photo-add-button">
                        <input type="file" accept="image/*" multiple=true class="visually-hidden" on:change=on_files />
                        {icon(ALBUM)}
                        <span>{tr(Msg::PickPhotos)}</span>
                    </label>
                </div>
            </Show>
            {move || {
                let n = skipped.get();
                (n > 0).then(|| view! { <p class="field-hint warn">{photos_skipped(lang.get(), MAX_PHOTOS, n)}</p> })
            }}
            {move || {
                let n = queue.lost();
                (n > 0).then(|| view! { <p class="field-hint warn">{photos_lost(lang.get(), n)}</p> })
            }}
            {move || failure().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            {move || error.get().map(|e| view! { <p class="field-error">{e}</p> })}
        </fieldset>
    }
}

/// One photo: its thumbnail, where its upload stands, and its buttons.
#[component]
fn PhotoTile(photo: PhotoSlot, number: usize, queue: PhotoQueue) -> impl IntoView {
    let lang = use_lang();
    let slot = photo;
    let status = slot.status;
    let state = move || {
        status.with(|s| match s {
            PhotoStatus::Preparing => "photo-tile preparing",
            PhotoStatus::Uploading(_) | PhotoStatus::Retrying(_) => "photo-tile uploading",
            PhotoStatus::Failed(_) | PhotoStatus::Unreadable => "photo-tile failed",
            PhotoStatus::Uploaded(_) => "photo-tile done",
        })
    };
    let label = move || {
        let l = lang.get();
        status.with(|s| match s {
            PhotoStatus::Preparing => Msg::PhotoPreparing.text(l).to_owned(),
            PhotoStatus::Uploading(p) if *p >= 100 => Msg::PhotoChecking.text(l).to_owned(),
            PhotoStatus::Uploading(p) => format!("{}{p}%", Msg::PhotoUploading.text(l)),
            PhotoStatus::Retrying(_) => Msg::PhotoRetrying.text(l).to_owned(),
            PhotoStatus::Failed(_) => Msg::PhotoFailed.text(l).to_owned(),
            PhotoStatus::Unreadable => Msg::PhotoUnreadable.text(l).to_owned(),
            PhotoStatus::Uploaded(_) => Msg::PhotoUploaded.text(l).to_owned(),
        })
    };
    let percent = move || match status.get() {
        PhotoStatus::Uploading(p) => Some(p),
        _ => None,
    };
    let can_retry =
        move || status.with(|s| matches!(s, PhotoStatus::Failed(e) if worth_retrying(e)));
    view! {
        <li class=state data-testid="photo-tile">
            {move || {
                slot.preview
                    .get()
                    .map(|src| {
                        view! {
                            <img class="photo-thumb" src=src alt=move || photo_alt(lang.get(), number) />
                        }
                    })
            }}
            <div class="photo-status">
                <span class="photo-label">{label}</span>
                <Show when=move || percent().is_some()>
                    <progress
                        max="100"
                        value=move || percent().unwrap_or(0)
                        aria-label=move || photo_alt(lang.get(), number)
                    ></progress>
                </Show>
                <Show when=can_retry>
                    <button type="button" class="photo-retry" on:click=move |_| queue.retry(slot)>
                        {tr(Msg::Retry)}
                    </button>
                </Show>
            </div>
            <button
                type="button"
                class="photo-remove"
                aria-label=move || remove_photo_label(lang.get(), number)
                on:click=move |_| queue.remove(slot)
            >
                <span aria-hidden="true">"×"</span>
            </button>
        </li>
    }
}
