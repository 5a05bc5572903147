//! One candidate on the voting page: its cover photo, title, town, why it was nominated
//! and by how many residents. While voting is open the whole card is one large toggle button.

use crate::i18n::vote::{candidate_number, votes, VoteMsg};
use crate::i18n::{nominated_by, Text};
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;
use pingxuan_domain::screening::Candidate;

/// A candidate card. With `on_tap` it is a toggle button (`aria-pressed` follows
/// `chosen`); without, a plain list item (voting is over, or this phone has voted).
#[component]
pub fn VoteCandidateCard(
    /// The candidate.
    candidate: Candidate,
    /// Its place on the list, from 1.
    number: usize,
    /// Whether it is on the ballot being filled in (or was on the cast one).
    #[prop(into)]
    chosen: Signal<bool>,
    /// Called with the candidate's id when tapped; none when voting is not possible.
    #[prop(optional)]
    on_tap: Option<Callback<i64>>,
    /// Its votes, when the round shows counts.
    #[prop(optional_no_strip)]
    vote_count: Option<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let id = candidate.id;
    let n = candidate.nominations;
    let title = candidate.title.clone();
    let cover = match candidate.cover {
        Some(p) => view! {
            <img
                class="candidate-cover"
                src=p.thumb_url
                loading="lazy"
                decoding="async"
                width=p.width
                height=p.height
                alt=title.clone()
            />
        }
        .into_any(),
        None => view! {
            <span class="candidate-cover none" aria-hidden="true">
                {tr(VoteMsg::NoPhoto)}
            </span>
        }
        .into_any(),
    };
    let body = view! {
        {cover}
        <span class="candidate-text">
            <span class="candidate-no">{move || candidate_number(lang.get(), number)}</span>
            <span class="candidate-title">{candidate.title}</span>
            {(!candidate.town.is_empty())
                .then(|| view! { <span class="candidate-town">{candidate.town}</span> })}
            <span class="candidate-desc">{candidate.description}</span>
            <span class="candidate-meta">
                {(n > 0).then(|| view! { <span class="badge count">{move || nominated_by(lang.get(), n)}</span> })}
                {vote_count.map(|v| view! { <span class="badge votes">{move || votes(lang.get(), v)}</span> })}
            </span>
        </span>
        <span class="candidate-check" aria-hidden="true"></span>
    };
    let state = move || {
        if chosen.get() {
            VoteMsg::Chosen.text(lang.get())
        } else {
            ""
        }
    };
    match on_tap {
        Some(tap) => view! {
            <li>
                <button
                    type="button"
                    class="candidate"
                    class:chosen=move || chosen.get()
                    aria-pressed=move || if chosen.get() { "true" } else { "false" }
                    data-testid="candidate"
                    on:click=move |_| tap.run(id)
                >
                    {body}
                </button>
            </li>
        }
        .into_any(),
        None => view! {
            <li class="candidate static" class:chosen=move || chosen.get() data-testid="candidate">
                {body}
                <span class="visually-hidden">{state}</span>
            </li>
        }
        .into_any(),
    }
}
