//! The A4 poster itself: the title, the four kinds of places, the QR code of the
//! nomination page with its address written out, four plain steps and the dates in
//! Beijing time. Sized in units of its frame's width (style/staff.css), so the phone
//! shows the same poster smaller and the printer fills the page.

use crate::api::posters::{nomination_qr_src, printed_link};
use crate::components::phase_window::PhaseWindowText;
use crate::i18n::poster::{PosterMsg, STEPS};
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;
use pingxuan_domain::api::RoundView;
use pingxuan_domain::phase::Window;
use pingxuan_domain::Category;

/// One poster for `round`'s nominations.
#[component]
pub fn PosterSheet(
    /// The round whose nomination dates the poster gives.
    round: RoundView,
    /// The nomination page's address, as the QR code encodes it.
    link: String,
    /// Set when the QR code image fails to load, so the page can say so.
    qr_failed: RwSignal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let window = round.schedule.nomination;
    let kinds = Category::ALL
        .into_iter()
        .map(|c| view! { <li>{move || c.list_title(lang.get())}</li> })
        .collect_view();
    let steps = STEPS
        .into_iter()
        .enumerate()
        .map(|(i, (name, hint))| {
            view! {
                <li>
                    <span class="poster-step-no" aria-hidden="true">{i + 1}</span>
                    <span class="poster-step-name">{tr(name)}</span>
                    <span class="poster-step-hint">{tr(hint)}</span>
                </li>
            }
        })
        .collect_view();
    let printed = printed_link(&link).to_owned();
    view! {
        <div class="poster-frame">
            <article class="poster" aria-label=tr(PosterMsg::Preview) data-testid="poster">
                <PosterBand subhead=PosterMsg::Subhead lead=PosterMsg::Lead />
                <ul class="poster-kinds" aria-label=tr(PosterMsg::Kinds)>{kinds}</ul>
                <section class="poster-main">
                    <img
                        class="poster-qr"
                        src=nomination_qr_src()
                        alt=tr(PosterMsg::QrAlt)
                        width="400"
                        height="400"
                        on:error=move |_| qr_failed.set(true)
                        on:load=move |_| qr_failed.set(false)
                    />
                    <div class="poster-how">
                        <h3 class="poster-scan">{tr(PosterMsg::ScanHere)}</h3>
                        <ol class="poster-steps">{steps}</ol>
                    </div>
                    <p class="poster-open">
                        {tr(PosterMsg::OrOpen)}
                        <span class="poster-link" data-testid="poster-link">{printed}</span>
                    </p>
                </section>
                <PosterFoot label=PosterMsg::Dates window office=round.name />
            </article>
        </div>
    }
}

/// The poster's coloured top band: 潮州创卫 / 最差四个十 / what to do, and one line.
#[component]
pub fn PosterBand(
    /// 网上推荐 or 网上投票.
    subhead: PosterMsg,
    /// The sentence under it.
    lead: PosterMsg,
) -> impl IntoView {
    view! {
        <header class="poster-band">
            <h2 class="poster-title">
                <span class="poster-kicker">{tr(PosterMsg::Kicker)}</span>
                <span class="poster-headline">{tr(PosterMsg::Headline)}</span>
                <span class="poster-subhead">{tr(subhead)}</span>
            </h2>
            <p class="poster-lead">{tr(lead)}</p>
        </header>
    }
}

/// The poster's bottom: which dates (推荐时间 / 投票时间) in Beijing time, then the
/// office and the round.
#[component]
pub fn PosterFoot(
    /// What the dates are.
    label: PosterMsg,
    /// The phase's window.
    window: Window,
    /// The round's name, after the office's.
    office: String,
) -> impl IntoView {
    view! {
        <div class="poster-dates" data-testid="poster-dates">
            <p class="poster-label">{tr(label)}</p>
            <PhaseWindowText window />
        </div>
        <footer class="poster-foot">{tr(PosterMsg::Office)} " · " {office}</footer>
    }
}
