//! The results page's accountability marks (问责): a badge on a named place's card —
//! "连续2次上榜 · 分管领导问责" — and the lines of the printed notice, both read from one
//! round's standing that [`provide_streaks`] loads beside the results.

use crate::api;
use crate::i18n::accountability::{streak_badge, AccountabilityMsg};
use crate::state::lang_context::{tr, use_lang};
use crate::state::remote::Remote;
use leptos::prelude::*;
use pingxuan_domain::accountability::{Escalation, RoundAccountability};

/// The standing of the round on screen (the latest version only: an earlier version's
/// page shows no badges, since streaks follow the current version).
#[derive(Clone, Copy)]
pub struct Streaks(pub Remote<RoundAccountability>);

/// Whether the version on screen shows the badges: only the latest does, since streaks
/// follow the current version. `Published` provides it on every render, so a version
/// switch overrides the previous render's value.
#[derive(Clone, Copy)]
pub struct StreaksShown(pub bool);

/// Loads the standing of round `round` (reloaded by the caller when the round changes)
/// and offers it to the badges below. A failed load only leaves the badges out: the
/// results themselves are already on screen. Call it from the page, not from the view
/// that is rebuilt per version: a context outlives a rebuild of the view it was given
/// in, and a Remote made there would be disposed under it (a version switch then read a
/// disposed signal and stopped the app).
pub fn provide_streaks(round: Memo<Option<i64>>) -> Remote<RoundAccountability> {
    let remote = Remote::new(move || {
        let id = round.get_untracked();
        async move {
            match id {
                Some(id) => api::accountability::round(id).await,
                None => Err(crate::api::ClientError::Server {
                    status: 404,
                    body: pingxuan_domain::ErrorBody::new(pingxuan_domain::ErrorCode::NotFound),
                }),
            }
        }
    });
    provide_context(Streaks(remote));
    remote
}

fn standing() -> Option<RoundAccountability> {
    if use_context::<StreaksShown>().is_some_and(|s| !s.0) {
        return None;
    }
    use_context::<Streaks>()?.0.get()?.ok()
}

/// The badge of the card of candidate `candidate_id`, when its place is named for a
/// second round in a row or more; nothing otherwise.
#[component]
pub fn AccountabilityBadge(candidate_id: i64) -> impl IntoView {
    let lang = use_lang();
    move || {
        let place = standing()?
            .places
            .into_iter()
            .find(|p| p.candidate_id == Some(candidate_id) && p.escalation != Escalation::None)?;
        let (n, e) = (place.streak, place.escalation);
        Some(view! {
            <p class="accountability-badge" class:principal=e == Escalation::PrincipalLeader data-testid="accountability-badge">
                {move || streak_badge(lang.get(), n, e)}
            </p>
        })
    }
}

/// The printed notice's 问责提示: each place and town with an escalation this round.
#[component]
pub fn AccountabilityNotice() -> impl IntoView {
    let lang = use_lang();
    move || {
        let s = standing()?;
        let lines: Vec<(String, u32, Escalation)> = s
            .places
            .iter()
            .filter(|p| p.escalation != Escalation::None)
            .map(|p| {
                (
                    format!("{}（{}）", p.place_name, p.town),
                    p.streak,
                    p.escalation,
                )
            })
            .chain(
                s.towns
                    .iter()
                    .filter(|t| t.escalation != Escalation::None)
                    .map(|t| (t.town.clone(), t.streak, t.escalation)),
            )
            .collect();
        (!lines.is_empty()).then(|| {
            let items = lines
                .into_iter()
                .map(|(who, n, e)| view! { <li>{who} " " {move || streak_badge(lang.get(), n, e)}</li> })
                .collect_view();
            view! {
                <section class="notice-accountability">
                    <h2>{tr(AccountabilityMsg::Title)}</h2>
                    <ul>{items}</ul>
                    <p>{tr(AccountabilityMsg::Rule)}</p>
                </section>
            }
        })
    }
}
