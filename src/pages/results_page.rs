//! `/results/{round}` (评选结果): one round's published results — per category the worst
//! and the warned with their scores and a chart of the totals, the formula in plain
//! words, every published version (`?version=n` shows an earlier one), the open data,
//! and a notice of all four categories laid out for A4 paper when printed.

use crate::api::{self, ClientError};
use crate::components::accountability_badge::{
    provide_streaks, AccountabilityNotice, StreaksShown,
};
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::components::results_chart::ResultsChart;
use crate::components::results_line_card::ResultsLineCard;
use crate::i18n::results::{
    field_rule, formula, ranked_count, score, version, vote_rule, ResultsMsg,
};
use crate::i18n::Text;
use crate::state::lang_context::{tr, use_lang};
use crate::state::remote::Remote;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use pingxuan_domain::api::paths;
use pingxuan_domain::lang::Label;
use pingxuan_domain::results::{PublicCategory, PublicLine, PublicResults};
use pingxuan_domain::time::format_date;
use pingxuan_domain::Category;

/// The page.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let round = Memo::new(move |_| {
        params
            .read()
            .get("round")
            .and_then(|s| s.parse::<i64>().ok())
    });
    let asked_version = Memo::new(move |_| {
        query
            .read()
            .get("version")
            .and_then(|s| s.parse::<u32>().ok())
    });
    let category = Memo::new(move |_| {
        query
            .read()
            .get("category")
            .and_then(|c| Category::parse(&c))
            .unwrap_or(Category::Village)
    });
    let results = Remote::new(move || {
        let (id, v) = (round.get_untracked(), asked_version.get_untracked());
        async move {
            match id {
                Some(id) => api::results::round(id, v).await,
                None => Err(ClientError::Server {
                    status: 404,
                    body: pingxuan_domain::ErrorBody::new(pingxuan_domain::ErrorCode::NotFound),
                }),
            }
        }
    });
    let streaks = provide_streaks(round);
    Effect::new(move |first: Option<()>| {
        round.track();
        asked_version.track();
        if first.is_some() {
            results.reload();
        }
    });
    Effect::new(move |first: Option<()>| {
        round.track();
        if first.is_some() {
            streaks.reload();
        }
    });
    view! {
        <div class="page results-page">
            {move || match results.get() {
                None => view! { <LoadingState /> }.into_any(),
                Some(Err(ClientError::Server { status: 404 | 409, .. })) => view! {
                    <div class="card state-card empty">
                        <p class="state-title">{tr(ResultsMsg::NotPublishedTitle)}</p>
                        <p class="state-hint">{tr(ResultsMsg::NotPublishedHint)}</p>
                        <div class="button-row center">
                            <a class="button" href="/results">{tr(ResultsMsg::AllRounds)}</a>
                        </div>
                    </div>
                }
                .into_any(),
                Some(Err(error)) => view! {
                    <ErrorState error on_retry=Callback::new(move |_| results.reload()) />
                }
                .into_any(),
                Some(Ok(r)) => view! { <Published results=r category /> }.into_any(),
            }}
        </div>
    }
}

/// The results as published.
#[component]
fn Published(results: PublicResults, category: Memo<Category>) -> impl IntoView {
    let lang = use_lang();
    let r = StoredValue::new(results);
    let (id, name) = r.with_value(|r| (r.round_id, r.round_name.clone()));
    let shown_version = r.with_value(|r| r.version);
    let published = r.with_value(|r| r.published_at);
    provide_context(StreaksShown(
        r.with_value(|r| shown_version == latest_version(r)),
    ));
    let tabs = Category::ALL
        .into_iter()
        .map(|c| {
            view! {
                <a
                    class="tab"
                    href=move || tab_href(id, c, shown_version, r.with_value(|r| latest_version(r)))
                    aria-current=move || (category.get() == c).then_some("page")
                >
                    {move || c.label(lang.get())}
                </a>
            }
        })
        .collect_view();
    let one = move || {
        let c = category.get();
        r.with_value(|r| r.categories.iter().find(|pc| pc.category == c).cloned())
            .map(|pc| view! { <CategoryView pc /> })
    };
    let formula_view = r.with_value(|r| {
        let f = r.formula;
        view! {
            <section class="card formula-card">
                <h2 class="results-h2">{tr(ResultsMsg::FormulaTitle)}</h2>
                <p class="formula">{move || formula(lang.get(), f.vote_weight, f.field_weight)}</p>
                <p>{move || vote_rule(lang.get(), f.vote_normalisation)}</p>
                <p>{move || field_rule(lang.get())}</p>
                <p>{tr(ResultsMsg::FormulaLower)}</p>
            </section>
        }
    });
    let versions = r.with_value(|r| {
        let latest = latest_version(r);
        r.versions
            .iter()
            .rev()
            .map(|v| {
                let (n, at, reason) = (v.version, v.published_at, v.reason.clone());
                let href = if n == latest {
                    format!("/results/{id}")
                } else {
                    format!("/results/{id}?version={n}")
                };
                view! {
                    <li class="version-row" class:current=n == shown_version>
                        <a href=href>
                            <strong>{move || version(lang.get(), n)}</strong>
                            " " {move || format_date(at, lang.get())}
                            {(n == latest).then(|| view! { " · " {tr(ResultsMsg::Latest)} })}
                            {(n == shown_version).then(|| view! { " · " {tr(ResultsMsg::Viewing)} })}
                        </a>
                        {reason.map(|why| view! { <p class="version-reason">{why}</p> })}
                    </li>
                }
            })
            .collect_view()
    });
    let correction = r.with_value(|r| r.reason.clone());
    let notice = r.with_value(|r| r.categories.clone());
    let formula_text = r.with_value(|r| (r.formula.vote_weight, r.formula.field_weight));
    view! {
        <header class="results-header">
            <h1 class="page-title">{name.clone()}</h1>
            <p class="results-meta">
                {move || format_date(published, lang.get())}
                " · "
                {move || version(lang.get(), shown_version)}
            </p>
            {correction.map(|why| view! { <p class="notice warn">{why}</p> })}
        </header>
        <nav class="tabs screen-only" aria-label=tr(ResultsMsg::NavResults)>{tabs}</nav>
        <div class="screen-only">{one}</div>
        <div class="screen-only">{formula_view}</div>
        <section class="card screen-only">
            <h2 class="results-h2">{tr(ResultsMsg::VersionsTitle)}</h2>
            <ul class="version-list">{versions}</ul>
        </section>
        <section class="card screen-only">
            <h2 class="results-h2">{tr(ResultsMsg::OpenDataTitle)}</h2>
            <p class="muted">{tr(ResultsMsg::OpenDataHint)}</p>
            <div class="button-row">
                <a class="button" href=paths::open_data(id) rel="external" download="">
                    {tr(ResultsMsg::OpenDataLink)}
                </a>
                <button type="button" class="button" on:click=|_| print()>{tr(ResultsMsg::Print)}</button>
                <a class="button" href="/results">{tr(ResultsMsg::AllRounds)}</a>
            </div>
        </section>
        <PrintedNotice name published formula_text categories=notice />
    }
}

fn latest_version(r: &PublicResults) -> u32 {
    r.versions
        .iter()
        .map(|v| v.version)
        .max()
        .unwrap_or(r.version)
}

fn tab_href(id: i64, c: Category, shown: u32, latest: u32) -> String {
    if shown == latest {
        format!("/results/{id}?category={}", c.as_str())
    } else {
        format!("/results/{id}?version={shown}&category={}", c.as_str())
    }
}

fn print() {
    let _ = window().print();
}

/// One category: its chart, the worst, the warned.
#[component]
fn CategoryView(pc: PublicCategory) -> impl IntoView {
    let lang = use_lang();
    let c = pc.category;
    let n = pc.candidates;
    if pc.worst.is_empty() && pc.warned.is_empty() {
        return view! {
            <div class="card state-card empty"><p class="state-hint">{tr(ResultsMsg::NoneRanked)}</p></div>
        }
        .into_any();
    }
    let chart_label = format!(
        "{} {}",
        c.list_title(lang.get_untracked()),
        ResultsMsg::ChartTitle.text(lang.get_untracked())
    );
    let cards = |lines: Vec<PublicLine>, warned: bool| {
        lines
            .into_iter()
            .map(|line| view! { <ResultsLineCard line warned /> })
            .collect_view()
    };
    view! {
        <section class="results-category" data-testid="results-category">
            <p class="list-summary">{move || format!("{} · {}", c.list_title(lang.get()), ranked_count(lang.get(), n))}</p>
            <section class="card chart-card">
                <h2 class="results-h2">{tr(ResultsMsg::ChartTitle)}</h2>
                <p class="muted">{tr(ResultsMsg::ChartHint)}</p>
                <ResultsChart worst=pc.worst.clone() warned=pc.warned.clone() label=chart_label />
            </section>
            <h2 class="results-h2">{tr(ResultsMsg::WorstTitle)}</h2>
            <ol class="result-list" data-testid="worst-list">{cards(pc.worst, false)}</ol>
            {(!pc.warned.is_empty()).then(|| view! {
                <h2 class="results-h2">{tr(ResultsMsg::WarnedTitle)}</h2>
                <p class="muted">{tr(ResultsMsg::WarnedHint)}</p>
            })}
            <ol class="result-list" data-testid="warned-list">{cards(pc.warned, true)}</ol>
        </section>
    }
    .into_any()
}

/// The notice (通报) as printed: every category's worst and warned in tables, A4.
#[component]
fn PrintedNotice(
    name: String,
    published: DateTime<Utc>,
    formula_text: (f64, f64),
    categories: Vec<PublicCategory>,
) -> impl IntoView {
    let lang = use_lang();
    let table = |lines: &[PublicLine]| {
        let rows = lines
            .iter()
            .map(|l| {
                view! {
                    <tr>
                        <td>{l.rank}</td>
                        <td>{l.title.clone()}</td>
                        <td>{l.town.clone()}</td>
                        <td>{score(l.vote_score)}</td>
                        <td>{score(l.field_score)}</td>
                        <td>{score(l.total)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="notice-table">
                <thead>
                    <tr>
                        <th>"#"</th>
                        <th>{tr(ResultsMsg::Name)}</th>
                        <th>{tr(ResultsMsg::Town)}</th>
                        <th>{tr(ResultsMsg::VoteScore)}</th>
                        <th>{tr(ResultsMsg::FieldScore)}</th>
                        <th>{tr(ResultsMsg::Total)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    };
    let sections = categories
        .iter()
        .map(|pc| {
            let c = pc.category;
            let ranked = !pc.worst.is_empty();
            view! {
                <section class="notice-category">
                    <h2>{move || c.list_title(lang.get())}</h2>
                    {if ranked {
                        table(&pc.worst).into_any()
                    } else {
                        view! { <p>{tr(ResultsMsg::NoneRanked)}</p> }.into_any()
                    }}
                    {(!pc.warned.is_empty()).then(|| view! {
                        <h3>{tr(ResultsMsg::WarnedTitle)}</h3>
                        {table(&pc.warned)}
                    })}
                </section>
            }
        })
        .collect_view();
    view! {
        <article class="print-only printed-notice" aria-hidden="true">
            <h1>{name}</h1>
            <p class="notice-meta">{move || format_date(published, lang.get())}</p>
            {sections}
            <AccountabilityNotice />
            <p class="notice-formula">
                {move || formula(lang.get(), formula_text.0, formula_text.1)}
                " "
                {tr(ResultsMsg::FormulaLower)}
            </p>
        </article>
    }
}
