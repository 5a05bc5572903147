//! One candidate scored by several sub-groups: its live sheets side by side — the totals
//! on top, flagged in red when further apart than the margin, then item by item (folded,
//! with the items scored differently marked).

use crate::i18n::teams::{differing_items, spread, TeamsMsg};
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;
use pingxuan_domain::field::{compare, CandidateSheets};
use pingxuan_domain::score_sheet::SheetContent;

/// The card; `margin` is the page's (reactive), applied to the totals here.
#[component]
pub fn ComparedCandidate(
    candidate: CandidateSheets,
    sheet: Option<SheetContent>,
    margin: Signal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let totals: Vec<u32> = candidate.sheets.iter().map(|s| s.total).collect();
    let comparison = Memo::new(move |_| compare(&totals, margin.get()));
    let columns = candidate.sheets.len();
    // No inline styles (the CSP): the grid's columns by class.
    let grid = format!("cmp-grid cols-{}", columns.clamp(1, 4));
    let heads = candidate
        .sheets
        .iter()
        .map(|s| {
            view! {
                <span class="cmp-head">
                    <small>{s.work_group_name.clone()}</small>
                    {s.sub_group_name.clone()}
                </span>
            }
        })
        .collect_view();
    let total_cells = candidate
        .sheets
        .iter()
        .map(|s| view! { <strong class="cmp-total">{s.total}</strong> })
        .collect_view();
    // Item rows in the sheet's order; the points each sheet gave.
    let rows: Vec<(String, Vec<Option<u32>>)> = sheet
        .map(|content| {
            content
                .items()
                .map(|item| {
                    let points = candidate
                        .sheets
                        .iter()
                        .map(|s| {
                            s.items
                                .iter()
                                .find(|i| i.item_id == item.id)
                                .map(|i| i.points)
                        })
                        .collect();
                    (item.text.clone(), points)
                })
                .collect()
        })
        .unwrap_or_default();
    let item_count = rows.len();
    let differing = rows
        .iter()
        .filter(|(_, p)| p.iter().any(|x| *x != p[0]))
        .count();
    let item_rows = rows
        .into_iter()
        .map(|(text, points)| {
            let differs = points.iter().any(|x| *x != points[0]);
            let cells = points
                .into_iter()
                .map(|p| view! { <span class="cmp-cell">{p.map_or("–".to_owned(), |p| p.to_string())}</span> })
                .collect_view();
            view! {
                <div class="cmp-row" class:differs=differs>
                    <span class="cmp-item">{text}</span>
                    {cells}
                </div>
            }
        })
        .collect_view();
    let badge = move || {
        let c = comparison.get();
        c.spread.map(|points| {
            view! {
                <span class="tag" class:alert=c.flagged data-testid="spread">
                    {spread(lang.get(), points)}
                    {c.flagged.then(|| format!(" · {}", tr(TeamsMsg::NeedsCheck)()))}
                </span>
            }
        })
    };
    let c = candidate.candidate;
    view! {
        <article
            class="card compared"
            class:flagged=move || comparison.get().flagged
            data-testid="compared"
            data-candidate=c.id
        >
            <div class="compared-head">
                <div>
                    <h3 class="card-title">{c.title}</h3>
                    <p class="muted">{c.town}</p>
                </div>
                {badge}
            </div>
            <div class=format!("{grid} cmp-top")>
                <div class="cmp-row cmp-heads">
                    <span class="cmp-item"></span>
                    {heads}
                </div>
                <div class="cmp-row">
                    <span class="cmp-item">{tr(TeamsMsg::Total)}</span>
                    {total_cells}
                </div>
            </div>
            <details class="cmp-details">
                <summary>
                    {tr(TeamsMsg::ItemByItem)}
                    " · "
                    {move || differing_items(lang.get(), differing, item_count)}
                </summary>
                <div class=grid>
                    {item_rows}
                </div>
            </details>
        </article>
    }
}
