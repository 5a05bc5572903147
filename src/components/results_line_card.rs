//! One named candidate on the results page: rank, cover photo, title, place and town,
//! and the three scores.

use crate::components::accountability_badge::AccountabilityBadge;
use crate::i18n::results::{rank, score, votes, ResultsMsg};
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;
use pingxuan_domain::results::PublicLine;

/// A card; `warned` cards are compact (no photo).
#[component]
pub fn ResultsLineCard(line: PublicLine, warned: bool) -> impl IntoView {
    let lang = use_lang();
    let n = line.rank;
    let badge = (!warned).then(|| view! { <AccountabilityBadge candidate_id=line.candidate_id /> });
    let (v, vs, fs, total) = (line.votes, line.vote_score, line.field_score, line.total);
    let place = (line.place_name != line.title).then(|| line.place_name.clone());
    let cover = (!warned)
        .then_some(line.cover_url)
        .flatten()
        .map(|url| {
            view! {
                <img class="result-cover" src=url loading="lazy" decoding="async" alt=tr(ResultsMsg::CoverAlt) />
            }
        });
    view! {
        <li class="card result-card" class:warned=warned data-testid="result-line">
            <div class="result-head">
                <span class="result-rank">{move || rank(lang.get(), n)}</span>
                <span class="result-total" aria-label=tr(ResultsMsg::Total)>{score(total)}</span>
            </div>
            {cover}
            <h3 class="result-title">{line.title}</h3>
            <p class="result-where">{place.map(|p| format!("{p} · "))}{line.town}</p>
            {badge}
            <dl class="result-scores">
                <div>
                    <dt>{tr(ResultsMsg::VoteScore)}</dt>
                    <dd>{score(vs)} <small>{move || format!("（{}）", votes(lang.get(), v))}</small></dd>
                </div>
                <div>
                    <dt>{tr(ResultsMsg::FieldScore)}</dt>
                    <dd>{score(fs)}</dd>
                </div>
                <div>
                    <dt>{tr(ResultsMsg::Total)}</dt>
                    <dd class="strong">{score(total)}</dd>
                </div>
            </dl>
        </li>
    }
}
