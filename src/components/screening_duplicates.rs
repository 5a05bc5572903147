//! Suggested duplicates on the screening page: two places that look like one, why
//! (similar names, close together, similar photos, similar words), and a one-tap merge
//! of the less nominated into the more nominated — or the other way round. The server
//! sends only the strongest pairs; when it found more, a line says how many.

use crate::components::screening_context::{line, Screening};
use crate::forms::screening_shortlist::{find_place, live_nominations};
use crate::i18n::nominated_by;
use crate::i18n::screening::{capped_text, merge_label, near_text, ScreeningMsg};
use crate::i18n::Text;
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;
use pingxuan_domain::screening::DuplicateReason;

/// One side of a suggestion: id, name, live nominations.
type Side = (i64, String, usize);

/// The suggestions of the current view, each as (kept, merged away, reasons): the more
/// nominated place (the lower id on a tie) is kept.
#[component]
pub fn DuplicateList(s: Screening) -> impl IntoView {
    let lang = use_lang();
    let pairs = move || {
        s.data.with(|v| {
            v.suggestions
                .iter()
                .filter_map(|sg| {
                    let side = |id| {
                        find_place(v, id).map(|p| (id, p.place.name.clone(), live_nominations(p)))
                    };
                    let (a, b) = (side(sg.place_a)?, side(sg.place_b)?);
                    let (into, from) = if b.2 > a.2 { (b, a) } else { (a, b) };
                    Some((into, from, sg.reasons.clone()))
                })
                .collect::<Vec<_>>()
        })
    };
    move || {
        let pairs = pairs();
        if pairs.is_empty() {
            return ().into_any();
        }
        {
            let n = pairs.len();
            // "共找到N组，显示最相近的50组", only when the server left some out.
            let capped = move || {
                let (total, shown) = s
                    .data
                    .with(|v| (v.suggestions_total as usize, v.suggestions.len()));
                line(
                    "card-lead dup-capped",
                    (total > shown).then(|| capped_text(lang.get(), total, shown)),
                )
            };
            view! {
                <section class="card duplicates" aria-labelledby="screening-duplicates">
                    <h2 class="card-title" id="screening-duplicates">
                        {tr(ScreeningMsg::Duplicates)} " " <span class="badge count">{n}</span>
                    </h2>
                    <p class="card-lead">{tr(ScreeningMsg::DuplicatesHint)}</p>
                    {capped}
                    <ul class="duplicate-list">
                        {pairs
                            .into_iter()
                            .map(|(into, from, reasons)| view! { <Duplicate s into from reasons /> })
                            .collect_view()}
                    </ul>
                </section>
            }
            .into_any()
        }
    }
}

#[component]
fn Duplicate(s: Screening, into: Side, from: Side, reasons: Vec<DuplicateReason>) -> impl IntoView {
    let lang = use_lang();
    let chips = reasons
        .into_iter()
        .map(|r| {
            let text = move || {
                let l = lang.get();
                match r {
                    DuplicateReason::SimilarName { .. } => {
                        ScreeningMsg::ReasonName.text(l).to_owned()
                    }
                    DuplicateReason::Near { metres } => near_text(l, metres),
                    DuplicateReason::SimilarPhotos { .. } => {
                        ScreeningMsg::ReasonPhotos.text(l).to_owned()
                    }
                    DuplicateReason::SimilarText { .. } => {
                        ScreeningMsg::ReasonText.text(l).to_owned()
                    }
                }
            };
            view! { <li class="chip">{text}</li> }
        })
        .collect_view();
    let row = |(_, name, n): &Side| {
        let n = *n as u32;
        view! {
            <p class="dup-place">
                <span class="dup-name">{name.clone()}</span>
                <span class="dup-count">{move || nominated_by(lang.get(), n)}</span>
            </p>
        }
    };
    let rows = (row(&into), row(&from));
    let buttons = move || {
        if s.locked() {
            return ().into_any();
        }
        let l = lang.get();
        let merge = |from: &Side, into: &Side, class: &'static str| {
            let (from_id, into_id) = (from.0, into.0);
            view! {
                <button
                    type="button"
                    class=class
                    disabled=move || s.decision.pending()
                    on:click=move |_| s.merge(from_id, into_id)
                >
                    {merge_label(l, &from.1, &into.1)}
                </button>
            }
        };
        view! {
            {merge(&from, &into, "button primary block merge")}
            {merge(&into, &from, "button small subtle block")}
        }
        .into_any()
    };
    view! {
        <li class="duplicate" data-testid="duplicate">
            <div class="dup-places">{rows.0} {rows.1}</div>
            <ul class="chips">{chips}</ul>
            {buttons}
        </li>
    }
}
