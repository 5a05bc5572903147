//! A phase's scheduled window as one line: "2026年12月2日 00:00 至 …（北京时间）".

use crate::i18n::Msg;
use crate::state::lang_context::use_lang;
use leptos::prelude::*;
use pingxuan_domain::phase::Window;
use pingxuan_domain::time::format_datetime;

/// The window's start and end in Beijing time, in the current language.
#[component]
pub fn PhaseWindowText(
    /// The phase's scheduled window.
    window: Window,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="phase-window">
            {move || {
                let l = lang.get();
                format!(
                    "{}{}{}（{}）",
                    format_datetime(window.starts_at, l),
                    Msg::WindowTo.text(l),
                    format_datetime(window.ends_at, l),
                    Msg::BeijingTime.text(l),
                )
            }}
        </p>
    }
}
