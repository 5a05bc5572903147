//! A live countdown to the end of the current phase's window (or to its start).

use crate::i18n::Msg;
use crate::state::lang_context::use_lang;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use pingxuan_domain::phase::{Window, WindowStatus};
use pingxuan_domain::time::Countdown;

/// Counts down to `window`'s start while it is upcoming, then to its end; says so
/// plainly once the window has closed.
#[component]
pub fn PhaseCountdown(
    /// The current phase's scheduled window.
    window: Window,
    /// Server-corrected time, ticking every second.
    #[prop(into)]
    now: Signal<DateTime<Utc>>,
) -> impl IntoView {
    let lang = use_lang();
    let status = move || window.status(now.get());
    let label = move || match status() {
        WindowStatus::Upcoming => lang.t(Msg::StartsIn),
        WindowStatus::Open => lang.t(Msg::EndsIn),
        WindowStatus::Closed => lang.t(Msg::WindowClosed),
    };
    let remaining = move || {
        let target = match status() {
            WindowStatus::Upcoming => window.starts_at,
            WindowStatus::Open => window.ends_at,
            WindowStatus::Closed => return None,
        };
        let seconds = (target - now.get()).num_seconds();
        Some(Countdown::from_seconds(seconds).format(lang.get()))
    };
    view! {
        <div class="countdown" role="timer" aria-atomic="true">
            <span class="countdown-label">{move || label()}</span>
            {move || remaining().map(|r| view! { <strong class="countdown-value">{r}</strong> }.into_any())}
        </div>
    }
}
