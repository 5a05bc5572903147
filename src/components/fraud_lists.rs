//! The fraud panel's lists: bursts, said plainly ("某候选对象 12-04 14:07–14:08 收到 37
//! 票"), and the devices and networks many voters share, each a link to its ballots.

use crate::components::fraud_names::CandidateNames;
use crate::i18n::fraud::{burst, source_counts, source_name, FraudMsg};
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;
use leptos_router::components::A;
use pingxuan_domain::lang::Label;
use pingxuan_domain::voting::{Burst, SharedSource};

/// A burst's minute `2026-12-04 15:07` as its day and the minute's two ends:
/// `("12-04", "15:07", "15:08")`.
pub fn minute_range(minute: &str) -> Option<(String, String, String)> {
    let day = minute.get(5..10)?;
    let hour: u32 = minute.get(11..13)?.parse().ok()?;
    let min: u32 = minute.get(14..16)?.parse().ok()?;
    if hour > 23 || min > 59 {
        return None;
    }
    let next = (hour * 60 + min + 1) % (24 * 60);
    Some((
        day.to_owned(),
        format!("{hour:02}:{min:02}"),
        format!("{:02}:{:02}", next / 60, next % 60),
    ))
}

/// The app's address for the ballots from one device or network.
pub fn source_href(device: bool, source: &str) -> String {
    format!(
        "/office/fraud?{}={}",
        if device { "device" } else { "network" },
        String::from(js_sys::encode_uri_component(source))
    )
}

/// Minutes in which one candidate got unusually many ballots, busiest first.
#[component]
pub fn BurstList(bursts: Vec<Burst>, names: CandidateNames) -> impl IntoView {
    let lang = use_lang();
    let empty = bursts.is_empty();
    let items = bursts
        .into_iter()
        .map(|b| {
            let name = names.name(b.candidate_id, lang.get_untracked());
            let category = b.category;
            let when = move || {
                let (day, from, to) = minute_range(&b.minute).unwrap_or_default();
                burst(lang.get(), &day, &from, &to, b.ballots)
            };
            view! {
                <li class="burst" data-testid="burst">
                    <p class="burst-head">
                        <strong>{name}</strong>
                        <span class="tag">{move || category.label(lang.get())}</span>
                    </p>
                    <p class="burst-when">{when}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card fraud-list" class:alert=!empty aria-labelledby="bursts-title">
            <h2 class="card-title" id="bursts-title">
                {tr(FraudMsg::BurstsTitle)}
            </h2>
            <p class="section-hint">{tr(FraudMsg::BurstsHint)}</p>
            {if empty {
                view! { <p class="all-clear">{tr(FraudMsg::NoBursts)}</p> }.into_any()
            } else {
                view! { <ul class="bursts">{items}</ul> }.into_any()
            }}
        </section>
    }
}

/// Devices (`device`) or networks shared by many voters, each a link to its ballots.
#[component]
pub fn SourceList(
    /// Shared devices, or busy networks.
    device: bool,
    sources: Vec<SharedSource>,
) -> impl IntoView {
    let lang = use_lang();
    let (id, title, hint, none) = if device {
        (
            "devices-title",
            FraudMsg::DevicesTitle,
            FraudMsg::DevicesHint,
            FraudMsg::NoDevices,
        )
    } else {
        (
            "networks-title",
            FraudMsg::NetworksTitle,
            FraudMsg::NetworksHint,
            FraudMsg::NoNetworks,
        )
    };
    let empty = sources.is_empty();
    let rows = sources
        .into_iter()
        .map(|s| {
            let href = source_href(device, &s.source);
            let (voters, ballots) = (s.voters, s.ballots);
            let name = move || source_name(lang.get(), device, &s.source);
            view! {
                <A href=href attr:class="source-row" attr:data-testid="source">
                    <span class="source-name mono">{name}</span>
                    <span class="source-counts">{move || source_counts(lang.get(), voters, ballots)}</span>
                </A>
            }
        })
        .collect_view();
    view! {
        <section class="card fraud-list" aria-labelledby=id>
            <h2 class="card-title" id=id>
                {tr(title)}
            </h2>
            <p class="section-hint">{tr(hint)}</p>
            {if empty {
                view! { <p class="all-clear">{tr(none)}</p> }.into_any()
            } else {
                view! { <nav class="sources" aria-labelledby=id>{rows}</nav> }.into_any()
            }}
        </section>
    }
}
