//! How an inspector will see a score sheet: its title, each section with its points, and
//! each item's number, wording and how it is scored (打分 0 to its points, or 扣分 per
//! finding down to 0), with the maxima adding up to the total.
//!
//! Not the field app's own item controls: they carry the camera, the phone store and
//! the photo pipeline, about 15 KB of the office app's wasm (brotli) for a preview.

use crate::i18n::sheets::{rule_line, SheetMsg};
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;
use pingxuan_domain::score_sheet::SheetContent;

/// The preview of `content`.
#[component]
pub fn SheetPreview(content: SheetContent) -> impl IntoView {
    let lang = use_lang();
    let total = content.max_total();
    let sections = content
        .sections
        .into_iter()
        .map(|section| {
            let max: u32 = section.items.iter().map(|i| i.rule.max()).sum();
            let items = section
                .items
                .into_iter()
                .map(|item| {
                    let rule = item.rule;
                    view! {
                        <li class="preview-item">
                            <span class="item-no">{item.id}</span>
                            <span class="preview-text">{item.text}</span>
                            <span class="preview-rule">{move || rule_line(lang.get(), rule)}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="card preview-section">
                    <h2 class="preview-head">
                        <span>{section.title}</span>
                        <span class="muted">{format!("{max}")}</span>
                    </h2>
                    <ol class="preview-items">{items}</ol>
                </section>
            }
        })
        .collect_view();
    view! {
        <div class="sheet-preview" data-testid="sheet-preview">
            <p class="notice">{tr(SheetMsg::PreviewHint)}</p>
            <p class="preview-title">{content.title}</p>
            {sections}
            <p class="card preview-total" data-testid="preview-total">
                <span>{tr(SheetMsg::Total)}</span>
                <strong>{total}</strong>
                <span>"/100"</span>
            </p>
        </div>
    }
}
