//! One line of the office's results preview: rank, place and town, the tier (最差 /
//! 次差), votes and the three scores written as the public page writes them, the counted
//! sheets, the tie-break in words, and the candidate's live sheets — each with 排除, or
//! the reason it was excluded. Also the unscored candidates, flagged, with their sheets.

use crate::i18n::office_results::{
    points, sheet_count, tie_break_words, tier_word, OfficeResultsMsg as M,
};
use crate::i18n::results::{rank, score, votes, ResultsMsg};
use crate::i18n::Text;
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;
use pingxuan_domain::results::{CandidateInfo, PreviewSheet, ResultLine};
use pingxuan_domain::scoring::Tier;

/// Where a place is: "市场名 · 镇" when the title is not the place's name, else the town.
pub fn place_and_town(title: &str, place_name: &str, town: &str) -> String {
    if place_name == title {
        town.to_owned()
    } else {
        format!("{place_name} · {town}")
    }
}

/// A ranked candidate.
#[component]
pub fn OfficeResultLine(
    line: ResultLine,
    /// The candidate's live sheets (counted and excluded).
    sheets: Vec<PreviewSheet>,
    /// 排除 on one of them.
    on_exclude: Callback<PreviewSheet>,
) -> impl IntoView {
    let lang = use_lang();
    let (n, tier, tie) = (line.rank, line.tier, line.tie_break);
    let (v, vs, fs, total, counted) = (
        line.votes,
        line.vote_score,
        line.field_score,
        line.total,
        line.sheets,
    );
    let class = match tier {
        Tier::Worst => "card office-line worst",
        Tier::Warned => "card office-line warned",
        Tier::Other => "card office-line",
    };
    let place = place_and_town(&line.title, &line.place_name, &line.town);
    view! {
        <li class=class data-testid="office-line" data-candidate=line.candidate_id>
            <div class="office-line-head">
                <span class="result-rank">{move || rank(lang.get(), n)}</span>
                {move || tier_word(lang.get(), tier).map(|w| view! { <span class="tag tier">{w}</span> })}
                <span class="result-total" data-testid="line-total">{score(total)}</span>
            </div>
            <h3 class="result-title">{line.title}</h3>
            <p class="result-where">{place}</p>
            <dl class="office-scores">
                <div>
                    <dt>{tr(ResultsMsg::Votes)}</dt>
                    <dd>{move || votes(lang.get(), v)}</dd>
                </div>
                <div>
                    <dt>{tr(ResultsMsg::VoteScore)}</dt>
                    <dd>{score(vs)}</dd>
                </div>
                <div>
                    <dt>{tr(ResultsMsg::FieldScore)}</dt>
                    <dd data-testid="line-field">{score(fs)}</dd>
                </div>
                <div>
                    <dt>{tr(M::Sheets)}</dt>
                    <dd>{counted}</dd>
                </div>
                <div>
                    <dt>{tr(ResultsMsg::Total)}</dt>
                    <dd class="strong">{score(total)}</dd>
                </div>
            </dl>
            {tie.map(|rule| view! { <p class="tie-break">{move || tie_break_words(lang.get(), rule)}</p> })}
            <CandidateSheets sheets on_exclude />
        </li>
    }
}

/// A candidate left out of the ranking: no counted sheet. A compact row; its sheets (all
/// excluded, if any) open as a ranked line's do.
#[component]
pub fn UnscoredLine(
    candidate: CandidateInfo,
    sheets: Vec<PreviewSheet>,
    on_exclude: Callback<PreviewSheet>,
) -> impl IntoView {
    let place = place_and_town(&candidate.title, &candidate.place_name, &candidate.town);
    let sheets = (!sheets.is_empty()).then(|| view! { <CandidateSheets sheets on_exclude /> });
    view! {
        <li class="unscored-row" data-testid="unscored-line">
            <span>
                <strong>{candidate.title}</strong>
                " · "
                {place}
            </span>
            {sheets}
        </li>
    }
}

/// 查看评分表: the candidate's live sheets, opened on demand.
#[component]
fn CandidateSheets(sheets: Vec<PreviewSheet>, on_exclude: Callback<PreviewSheet>) -> impl IntoView {
    let lang = use_lang();
    let open = RwSignal::new(false);
    let n = sheets.len() as u32;
    if sheets.is_empty() {
        return view! { <p class="muted small">{tr(M::NoSheets)}</p> }.into_any();
    }
    let rows = StoredValue::new(sheets);
    let list = move || {
        open.get().then(|| {
            let rows = rows
                .get_value()
                .into_iter()
                .map(|s| {
                    let (id, total, late) = (s.id, s.total, s.late);
                    let head = format!("#{id} · {}", s.sub_group);
                    let action = match s.excluded.clone() {
                        Some(why) => view! {
                            <p class="excluded-why">
                                <span class="tag alert">{tr(M::Excluded)}</span>
                                " "
                                {why}
                            </p>
                        }
                        .into_any(),
                        None => view! {
                            <button
                                type="button"
                                class="button small"
                                on:click=move |_| on_exclude.run(s.clone())
                            >
                                {tr(M::Exclude)}
                            </button>
                        }
                        .into_any(),
                    };
                    view! {
                        <li class="office-sheet" data-testid="office-sheet" data-sheet=id>
                            <span class="office-sheet-what">
                                {head} " · " <strong>{move || points(lang.get(), total)}</strong>
                                {late.then(|| view! { " " <span class="tag">{tr(M::Late)}</span> })}
                            </span>
                            {action}
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="office-sheets">{rows}</ul> }
        })
    };
    view! {
        <button
            type="button"
            class="link-button"
            aria-expanded=move || if open.get() { "true" } else { "false" }
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {move || {
                let l = lang.get();
                let verb = if open.get() { M::HideSheets } else { M::ShowSheets };
                format!("{}（{}）", verb.text(l), sheet_count(l, n))
            }}
        </button>
        {list}
    }
    .into_any()
}
