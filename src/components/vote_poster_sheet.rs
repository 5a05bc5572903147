//! The voting-phase A4 poster: one QR code per category, each opening that category's
//! voting page, with the voting dates in Beijing time. Drawn with the nomination
//! poster's frame and units (style/staff.css), so it previews and prints the same way.

use crate::api::posters::printed_link;
use crate::components::poster_sheet::{PosterBand, PosterFoot};
use crate::i18n::poster::PosterMsg;
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;
use pingxuan_domain::api::{paths, RoundView};
use pingxuan_domain::Category;

/// The voting poster for `round`.
#[component]
pub fn VotePosterSheet(
    /// The round whose voting dates the poster gives.
    round: RoundView,
    /// This site's address (`http://host`), written under each code.
    origin: String,
    /// Set when a QR code image fails to load, so the page can say so.
    qr_failed: RwSignal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let window = round.schedule.voting;
    let cards = Category::ALL
        .into_iter()
        .map(|c| {
            let link = format!("{origin}{}", paths::vote_page(c));
            let printed = printed_link(&link).to_owned();
            view! {
                <li class="poster-vote-card" data-testid="poster-vote-card">
                    <p class="poster-vote-kind">{move || c.list_title(lang.get())}</p>
                    <img
                        class="poster-qr"
                        src=paths::vote_qr(c)
                        alt=move || c.list_title(lang.get())
                        width="400"
                        height="400"
                        on:error=move |_| qr_failed.set(true)
                    />
                    <p class="poster-link">{printed}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="poster-frame">
            <article class="poster" aria-label=tr(PosterMsg::VotePreview) data-testid="poster">
                <PosterBand subhead=PosterMsg::VoteSubhead lead=PosterMsg::VoteLead />
                <ul class="poster-vote-grid">{cards}</ul>
                <PosterFoot label=PosterMsg::VoteDates window office=round.name />
            </article>
        </div>
    }
}
