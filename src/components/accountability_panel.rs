//! The office's 问责提示 panel: the places and towns named worst two or more rounds in a
//! row at the latest published round, and what each brings.

use crate::api;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::i18n::accountability::{streak_badge, AccountabilityMsg};
use crate::state::lang_context::{tr, use_lang};
use crate::state::remote::Remote;
use leptos::prelude::*;
use pingxuan_domain::accountability::{AccountabilityOverview, Escalation};

/// The panel; it loads on its own.
#[component]
pub fn AccountabilityPanel() -> impl IntoView {
    let lang = use_lang();
    let overview = Remote::new(api::accountability::overview);
    let row = move |who: String, detail: String, n: u32, e: Escalation| {
        view! {
            <li class="accountability-row">
                <strong>{who}</strong>
                " "
                <span class="tag" class:alert=e == Escalation::PrincipalLeader>
                    {move || streak_badge(lang.get(), n, e)}
                </span>
                <div class="muted">{detail}</div>
            </li>
        }
    };
    let body = move |o: AccountabilityOverview| {
        if o.places.is_empty() && o.towns.is_empty() {
            return view! { <p class="muted">{tr(AccountabilityMsg::NoneStanding)}</p> }.into_any();
        }
        let places = o
            .places
            .into_iter()
            .map(|p| row(p.place_name, p.town, p.streak, p.escalation))
            .collect_view();
        let towns = o
            .towns
            .into_iter()
            .map(|t| {
                let named = t
                    .history
                    .last()
                    .map(|r| r.named.join("、"))
                    .unwrap_or_default();
                row(t.town, named, t.streak, t.escalation)
            })
            .collect_view();
        view! {
            <h3 class="section-title">{tr(AccountabilityMsg::Places)}</h3>
            <ul class="accountability-list">{places}</ul>
            <h3 class="section-title">{tr(AccountabilityMsg::Towns)}</h3>
            <ul class="accountability-list">{towns}</ul>
        }
        .into_any()
    };
    view! {
        <section class="card accountability-panel" data-testid="accountability-panel">
            <h2 class="card-title">{tr(AccountabilityMsg::Title)}</h2>
            <p class="muted">{tr(AccountabilityMsg::Rule)}</p>
            {move || match overview.get() {
                None => view! { <LoadingState /> }.into_any(),
                Some(Err(error)) => view! {
                    <ErrorState error on_retry=Callback::new(move |_| overview.reload()) />
                }
                .into_any(),
                Some(Ok(o)) => body(o).into_any(),
            }}
        </section>
    }
}
