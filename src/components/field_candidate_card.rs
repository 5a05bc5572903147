//! One assigned candidate on the inspector's list: cover photo, title, where it is, and
//! where its sheet stands (未评 / 草稿 / 已完成待同步 / 已同步 …). The whole card opens
//! the score sheet.

use crate::i18n::field::FieldMsg;
use crate::i18n::Text;
use crate::state::field_context::{use_field, SheetStatus};
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;
use pingxuan_domain::field::FieldCandidate;
use pingxuan_domain::lang::Label;

/// The words and style of a sheet status.
pub fn status_label(status: SheetStatus) -> (FieldMsg, &'static str) {
    match status {
        SheetStatus::NotStarted => (FieldMsg::NotStarted, "chip todo"),
        SheetStatus::Draft => (FieldMsg::Draft, "chip draft"),
        SheetStatus::Queued => (FieldMsg::Queued, "chip queued"),
        SheetStatus::Synced => (FieldMsg::Synced, "chip synced"),
        SheetStatus::Conflict => (FieldMsg::Conflict, "chip problem"),
        SheetStatus::Refused => (FieldMsg::Refused, "chip problem"),
    }
}

/// A candidate card.
#[component]
pub fn FieldCandidateCard(candidate: FieldCandidate) -> impl IntoView {
    let lang = use_lang();
    let field = use_field();
    let id = candidate.id;
    let status = move || status_label(field.status(id));
    let cover = match &candidate.cover {
        Some(p) => view! {
            <img class="field-cover" src=p.thumb_url.clone() decoding="async" alt="" />
        }
        .into_any(),
        None => view! { <span class="field-cover none">{tr(FieldMsg::NoCover)}</span> }.into_any(),
    };
    let category = candidate.category;
    let district = candidate.district;
    // The place's name when the title does not already say it.
    let place = if candidate.place_name == candidate.title {
        String::new()
    } else {
        format!("{} · ", candidate.place_name)
    };
    let town = candidate.town.clone();
    view! {
        <li>
            <a href=format!("/field/sheet/{id}") class="field-card" data-testid="field-candidate">
                {cover}
                <span class="field-card-body">
                    <span class="field-card-cat">{move || category.label(lang.get())}</span>
                    <span class="field-card-title">{candidate.title.clone()}</span>
                    <span class="field-card-where">
                        {move || format!("{place}{town} · {}", district.label(lang.get()))}
                    </span>
                    <span class=move || status().1 data-testid="sheet-status">
                        {move || status().0.text(lang.get())}
                    </span>
                </span>
            </a>
        </li>
    }
}
