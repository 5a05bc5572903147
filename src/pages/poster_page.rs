//! `/staff/poster`: the A4 poster of the current round's nomination link, previewed at
//! phone width and printed with 打印. The poster's print rules (style/staff.css) hide
//! the app's header, navigation and this page's own tools.
//!
//! While voting is open the page shows the voting poster instead: a QR code for each
//! category's voting page.

use crate::api;
use crate::components::admin_gate::AdminGate;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::components::poster_sheet::PosterSheet;
use crate::components::vote_poster_sheet::VotePosterSheet;
use crate::i18n::poster::PosterMsg;
use crate::state::lang_context::tr;
use crate::state::remote::Remote;
use leptos::prelude::*;
use leptos_router::components::A;
use pingxuan_domain::api::CurrentRoundResponse;
use pingxuan_domain::Phase;

/// The poster page (admins).
#[component]
pub fn PosterPage() -> impl IntoView {
    view! {
        <div class="page poster-page">
            <h1 class="page-title">{tr(PosterMsg::Title)}</h1>
            <AdminGate>
                <Poster />
            </AdminGate>
        </div>
    }
}

/// Loads the current round, then shows the tools and the poster.
#[component]
fn Poster() -> impl IntoView {
    let current = Remote::new(api::rounds::current);
    move || match current.get() {
        None => view! { <LoadingState /> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorState error on_retry=Callback::new(move |_| current.reload()) />
        }
        .into_any(),
        Some(Ok(CurrentRoundResponse { round: None, .. })) => view! {
            <div class="card state-card empty">
                <p class="state-hint">{tr(PosterMsg::NoRound)}</p>
                <div class="button-row center">
                    <A href="/staff/round" attr:class="button primary">
                        {tr(PosterMsg::GoRound)}
                    </A>
                </div>
            </div>
        }
        .into_any(),
        Some(Ok(CurrentRoundResponse {
            round: Some(round),
            server_time,
        })) => {
            let over =
                round.phase > Phase::Nomination || round.schedule.nomination.ends_at <= server_time;
            let voting = round.phase == Phase::Voting;
            let qr_failed = RwSignal::new(false);
            view! {
                <section class="card poster-tools">
                    <p>{tr(PosterMsg::Intro)}</p>
                    {(over && !voting).then(|| view! { <p class="hint" role="status">{tr(PosterMsg::NominationOver)}</p> })}
                    {voting.then(|| view! { <p class="hint" role="status">{tr(PosterMsg::VotingPoster)}</p> })}
                    <Show when=move || qr_failed.get()>
                        <p class="form-error" role="alert">{tr(PosterMsg::QrFailed)}</p>
                    </Show>
                    <button type="button" class="button primary block" on:click=|_| print()>
                        {tr(PosterMsg::Print)}
                    </button>
                </section>
                {if voting {
                    view! { <VotePosterSheet round origin=api::posters::origin() qr_failed /> }.into_any()
                } else {
                    view! { <PosterSheet round link=api::posters::nomination_link() qr_failed /> }.into_any()
                }}
            }
            .into_any()
        }
    }
}

/// Opens the browser's print dialog (the print rules take the page from there).
fn print() {
    let _ = window().print();
}
