//! The totals of a category's named candidates as horizontal bars (inline SVG, no chart
//! library): worst first, the worst in red and the warned in orange, each bar's length its
//! total out of 100, the value at its end.

use crate::i18n::results::score;
use leptos::prelude::*;
use pingxuan_domain::results::PublicLine;

/// Height of one bar's row, in the SVG's units (its width is 100 + the label column).
const ROW: f64 = 14.0;
const LABEL: f64 = 50.0;
const BAR_MAX: f64 = 100.0;
const WIDTH: f64 = LABEL + BAR_MAX + 16.0;

/// A bar's row: the rank and a shortened title, the bar, the total.
fn bar(line: &PublicLine, row: usize, class: &'static str) -> impl IntoView {
    let y = row as f64 * ROW;
    let len = line.total.clamp(0.0, 100.0) / 100.0 * BAR_MAX;
    let short: String = line.title.chars().take(6).collect();
    let label = format!("{}. {short}", line.rank);
    view! {
        <g class=class>
            <title>{format!("{} {}", line.title, score(line.total))}</title>
            <text class="chart-label" x="0" y=y + ROW * 0.68>{label}</text>
            <rect class="chart-bar" x=LABEL y=y + 2.0 width=len.max(0.5) height=ROW - 4.0 rx="1.5" />
            <text class="chart-value" x=LABEL + len + 1.5 y=y + ROW * 0.68>{score(line.total)}</text>
        </g>
    }
}

/// The chart of `worst` then `warned`.
#[component]
pub fn ResultsChart(
    worst: Vec<PublicLine>,
    warned: Vec<PublicLine>,
    label: String,
) -> impl IntoView {
    let rows = worst.len() + warned.len();
    let height = (rows.max(1) as f64) * ROW;
    let bars = worst
        .iter()
        .enumerate()
        .map(|(i, l)| bar(l, i, "chart-row worst"))
        .chain(
            warned
                .iter()
                .enumerate()
                .map(|(i, l)| bar(l, worst.len() + i, "chart-row warned")),
        )
        .collect_view();
    view! {
        <svg
            class="results-chart"
            viewBox=format!("0 0 {WIDTH} {height}")
            role="img"
            aria-label=label
            preserveAspectRatio="xMinYMin meet"
        >
            {bars}
        </svg>
    }
}
