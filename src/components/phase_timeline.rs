//! The six phases of a round as a vertical timeline, the current one highlighted.

use crate::i18n::Msg;
use crate::state::lang_context::{tr, use_lang};
use chrono::Duration;
use leptos::prelude::*;
use pingxuan_domain::lang::Label;
use pingxuan_domain::time::format_date;
use pingxuan_domain::{Phase, Schedule};

/// Where a phase stands relative to the current one.
fn step_state(phase: Phase, current: Phase) -> &'static str {
    if phase < current {
        "done"
    } else if phase == current {
        "current"
    } else {
        "todo"
    }
}

/// Every phase in order with its dates. The current phase carries `aria-current="step"`
/// and the class `current`; earlier ones `done`.
#[component]
pub fn PhaseTimeline(
    /// The round's phase now.
    #[prop(into)]
    current: Signal<Phase>,
    /// The round's schedule, for the dates under each phase.
    #[prop(into)]
    schedule: Signal<Option<Schedule>>,
) -> impl IntoView {
    let lang = use_lang();
    let items = Phase::ALL
        .into_iter()
        .enumerate()
        .map(|(i, phase)| {
            let state = move || step_state(phase, current.get());
            let dates = move || {
                let l = lang.get();
                match schedule.get().and_then(|s| s.window(phase)) {
                    // Windows end at an exclusive instant (usually 00:00); show the last
                    // day that is still inside the window.
                    Some(w) => format!(
                        "{} – {}",
                        format_date(w.starts_at, l),
                        format_date(w.ends_at - Duration::seconds(1), l)
                    ),
                    None => Msg::PublishedAfterReview.text(l).to_owned(),
                }
            };
            let badge = move || match state() {
                "current" => Some(lang.t(Msg::TimelineNow)),
                "done" => Some(lang.t(Msg::TimelineDone)),
                _ => None,
            };
            view! {
                <li
                    class=move || format!("tl-item {}", state())
                    data-phase=phase.as_str()
                    aria-current=move || (state() == "current").then_some("step")
                >
                    <span class="tl-dot" aria-hidden="true">
                        {i + 1}
                    </span>
                    <span class="tl-body">
                        <span class="tl-label">{move || phase.label(lang.get())}</span>
                        <span class="tl-dates">{move || dates()}</span>
                    </span>
                    {move || badge().map(|b| view! { <span class="tl-badge">{b}</span> }.into_any())}
                </li>
            }
        })
        .collect_view();
    view! {
        <ol class="timeline" aria-label=tr(Msg::Timeline)>
            {items}
        </ol>
    }
}
