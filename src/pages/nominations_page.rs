//! `/nominations` (推荐公示): the current round's nominations, one tab per category,
//! each nominated place as a card with its photos and how many residents nominated it.

use crate::api::{self, ClientError};
use crate::components::empty_state::EmptyState;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::components::nominated_place_card::NominatedPlaceCard;
use crate::i18n::{list_summary, Msg};
use crate::state::lang_context::{tr, use_lang};
use crate::state::remote::Remote;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pingxuan_domain::lang::Label;
use pingxuan_domain::nomination::NominationList;
use pingxuan_domain::{Category, Phase};

/// What the page shows: the list, or `None` when there is no round at all; and
/// whether nominations are being taken (for the 我要推荐 button).
type Listing = (Option<NominationList>, bool);

/// The public list of nominations.
#[component]
pub fn NominationsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let category = Memo::new(move |_| {
        query
            .with(|q| q.get("category").and_then(|c| Category::parse(&c)))
            .unwrap_or(Category::Village)
    });
    // The round is asked for once; switching tabs only fetches the list.
    let round = StoredValue::new(None::<(i64, bool)>);
    let listing = Remote::new(move || {
        let category = category.get_untracked();
        async move {
            let known = round.get_value();
            let (id, open) = match known {
                Some(r) => r,
                None => match api::rounds::current().await?.round {
                    Some(r) => {
                        let found = (r.id, r.phase == Phase::Nomination);
                        round.set_value(Some(found));
                        found
                    }
                    None => return Ok::<Listing, ClientError>((None, false)),
                },
            };
            let list = api::nominations::list(id, category).await?;
            Ok((Some(list), open))
        }
    });
    Effect::new(move |first: Option<()>| {
        category.track();
        if first.is_some() {
            listing.reload();
        }
    });
    let tabs = Category::ALL
        .into_iter()
        .map(|c| {
            view! {
                <a
                    class="tab"
                    href=format!("/nominations?category={}", c.as_str())
                    aria-current=move || (category.get() == c).then_some("page")
                >
                    {move || c.label(lang.get())}
                </a>
            }
        })
        .collect_view();
    view! {
        <div class="page nominations-page">
            <h1 class="page-title">{tr(Msg::NominationsTitle)}</h1>
            <nav class="tabs" aria-label=tr(Msg::Categories)>{tabs}</nav>
            {move || match listing.get() {
                None => view! { <LoadingState /> }.into_any(),
                Some(Err(error)) => view! {
                    <ErrorState error on_retry=Callback::new(move |_| listing.reload()) />
                }
                .into_any(),
                Some(Ok((None, _))) => view! {
                    <EmptyState title=Msg::NoRoundTitle hint=Msg::NoRoundHint />
                }
                .into_any(),
                Some(Ok((Some(list), open))) if list.places.is_empty() => {
                    let hint = if open { Msg::NoNominationsOpen } else { Msg::NoNominationsClosed };
                    view! {
                        <EmptyState title=Msg::NoNominations hint>
                            {open.then(|| view! { <a class="button primary" href="/nominate/" rel="external">{tr(Msg::Nominate)}</a> })}
                        </EmptyState>
                    }
                        .into_any()
                }
                Some(Ok((Some(list), _))) => {
                    let (total, places) = (list.total_nominations, list.places.len());
                    let c = list.category;
                    view! {
                        <p class="list-summary">
                            {move || list_summary(lang.get(), c.list_title(lang.get()), total, places)}
                        </p>
                        <ul class="place-list">
                            {list
                                .places
                                .into_iter()
                                .map(|place| view! { <NominatedPlaceCard place /> })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
