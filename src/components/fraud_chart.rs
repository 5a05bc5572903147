//! The fraud panel's hourly chart: per category, one row per candidate with a small
//! inline SVG of its ballots per hour (Beijing time) — one hour axis and one scale per
//! category, so rows compare at a glance, and hours holding a burst in red. No chart
//! library: a few `<rect>`s. The model ([`charts`]) is plain data, tested on its own.

use crate::components::fraud_names::CandidateNames;
use crate::i18n::fraud::{hour_votes, peak, votes_total, FraudMsg};
use crate::state::lang_context::{tr, use_lang};
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use pingxuan_domain::lang::Label;
use pingxuan_domain::voting::{Burst, HourlyVotes};
use pingxuan_domain::Category;

/// The fewest hours a chart spans, so the first hours of voting show as narrow bars at
/// the right end of a half-day axis rather than one bar across the whole row.
pub const MIN_HOURS: i64 = 12;

/// One bar: an hour (counted from the category's first) and its ballots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bar {
    pub offset: i64,
    pub ballots: u32,
    /// The candidate had a burst within this hour.
    pub burst: bool,
}

/// One candidate's row: its bars (hours without ballots left out), total and busiest hour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartRow {
    pub candidate_id: i64,
    pub total: u32,
    pub bars: Vec<Bar>,
    pub peak: Bar,
}

/// One category's chart. `hours` bars wide from `first_hour`; `max` is the tallest bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryChart {
    pub category: Category,
    pub first_hour: i64,
    pub hours: i64,
    pub max: u32,
    pub total: u32,
    /// Busiest candidate first.
    pub rows: Vec<ChartRow>,
}

/// The hour `2026-12-04 15:00` (or the minute `2026-12-04 15:07`) as a count of hours
/// since 0001-01-01; `None` if it is not one.
pub fn hour_number(text: &str) -> Option<i64> {
    let part = |range: std::ops::Range<usize>| text.get(range)?.parse::<u32>().ok();
    let date = NaiveDate::from_ymd_opt(part(0..4)? as i32, part(5..7)?, part(8..10)?)?;
    let hour = part(11..13).filter(|h| *h < 24)?;
    Some(i64::from(date.num_days_from_ce()) * 24 + i64::from(hour))
}

/// `12-04 15:00`: the hour [`hour_number`] counted.
pub fn hour_label(number: i64) -> String {
    let date = i32::try_from(number.div_euclid(24))
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or_default();
    format!(
        "{:02}-{:02} {:02}:00",
        date.month(),
        date.day(),
        number.rem_euclid(24)
    )
}

/// Every category's chart, in the usual category order (empty ones included, with no
/// rows), from the report's hourly counts and bursts. The axis runs from the category's
/// first hour with ballots to its last, at least [`MIN_HOURS`] long (ending at the last).
pub fn charts(hourly: &[HourlyVotes], bursts: &[Burst]) -> Vec<CategoryChart> {
    Category::ALL
        .into_iter()
        .map(|category| {
            let points: Vec<(i64, i64, u32)> = hourly
                .iter()
                .filter(|h| h.category == category)
                .filter_map(|h| Some((h.candidate_id, hour_number(&h.hour)?, h.ballots)))
                .collect();
            let last = points.iter().map(|p| p.1).max().unwrap_or(0);
            let first = points
                .iter()
                .map(|p| p.1)
                .min()
                .unwrap_or(last)
                .min(last - MIN_HOURS + 1);
            let mut ids: Vec<i64> = points.iter().map(|p| p.0).collect();
            ids.sort_unstable();
            ids.dedup();
            let mut rows: Vec<ChartRow> = ids
                .into_iter()
                .map(|id| {
                    let mut bars: Vec<Bar> = points
                        .iter()
                        .filter(|p| p.0 == id)
                        .map(|&(_, hour, ballots)| Bar {
                            offset: hour - first,
                            ballots,
                            burst: bursts.iter().any(|b| {
                                b.category == category
                                    && b.candidate_id == id
                                    && hour_number(&b.minute) == Some(hour)
                            }),
                        })
                        .collect();
                    bars.sort_by_key(|b| b.offset);
                    let peak = bars
                        .iter()
                        .copied()
                        .reduce(|a, b| if b.ballots > a.ballots { b } else { a })
                        .unwrap_or(Bar {
                            offset: 0,
                            ballots: 0,
                            burst: false,
                        });
                    ChartRow {
                        candidate_id: id,
                        total: bars.iter().map(|b| b.ballots).sum(),
                        bars,
                        peak,
                    }
                })
                .collect();
            rows.sort_by(|a, b| {
                b.total
                    .cmp(&a.total)
                    .then(a.candidate_id.cmp(&b.candidate_id))
            });
            CategoryChart {
                category,
                first_hour: first,
                hours: last - first + 1,
                max: rows.iter().map(|r| r.peak.ballots).max().unwrap_or(0),
                total: rows.iter().map(|r| r.total).sum(),
                rows,
            }
        })
        .collect()
}

/// The charts of every category, each in its own card.
#[component]
pub fn HourlyCharts(
    /// From [`charts`].
    charts: Vec<CategoryChart>,
    names: CandidateNames,
) -> impl IntoView {
    let lang = use_lang();
    let cards = charts
        .into_iter()
        .map(|chart| {
            let category = chart.category;
            let total = chart.total;
            let body = if chart.rows.is_empty() {
                view! { <p class="muted">{tr(FraudMsg::NoCategoryBallots)}</p> }.into_any()
            } else {
                view! { <ChartRows chart names=names.clone() /> }.into_any()
            };
            view! {
                <section class="card fraud-chart" data-testid="hourly-chart">
                    <h3 class="chart-title">
                        <span>{move || category.label(lang.get())}</span>
                        <span class="chart-total">{move || votes_total(lang.get(), total)}</span>
                    </h3>
                    {body}
                </section>
            }
        })
        .collect_view();
    view! {
        <div class="fraud-charts">
            <h2 class="section-title">{tr(FraudMsg::HourlyTitle)}</h2>
            <p class="section-hint">{tr(FraudMsg::HourlyHint)}</p>
            {cards}
        </div>
    }
}

/// A category's rows and its hour axis.
#[component]
fn ChartRows(chart: CategoryChart, names: CandidateNames) -> impl IntoView {
    let lang = use_lang();
    let (first, hours, max) = (chart.first_hour, chart.hours, chart.max.max(1));
    let view_box = format!("0 0 {hours} 100");
    let rows = chart
        .rows
        .into_iter()
        .map(|row| {
            let name = names.name(row.candidate_id, lang.get_untracked());
            let label = {
                let name = name.clone();
                let hour = hour_label(first + row.peak.offset);
                move || peak(lang.get(), &name, row.total, row.peak.ballots, &hour)
            };
            let bars = row
                .bars
                .iter()
                .map(|bar| {
                    // Every hour with ballots stays visible, however small next to the peak.
                    let height = (bar.ballots * 100 / max).max(4);
                    let (hour, ballots) = (hour_label(first + bar.offset), bar.ballots);
                    view! {
                        <rect
                            class:burst=bar.burst
                            x=bar.offset as f64 + 0.1
                            y=100 - height
                            width="0.8"
                            height=height
                        >
                            <title>{move || hour_votes(lang.get(), &hour, ballots)}</title>
                        </rect>
                    }
                })
                .collect_view();
            view! {
                <li class="chart-row" data-testid="chart-row">
                    <span class="chart-name">{name}</span>
                    <span class="chart-count">{row.total}</span>
                    <svg
                        class="chart-bars"
                        viewBox=view_box.clone()
                        preserveAspectRatio="none"
                        role="img"
                        aria-label=label
                    >
                        {bars}
                    </svg>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="chart-rows">{rows}</ul>
        <div class="chart-axis" aria-hidden="true">
            <span>{hour_label(first)}</span>
            <span>{hour_label(first + hours)}</span>
        </div>
    }
}
