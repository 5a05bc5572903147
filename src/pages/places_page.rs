//! `/staff/places`: the place register — one tab per category (a lead department sees
//! only its own), a search as you type, and places added and corrected in place.

use crate::api::{self, places::REGISTER_LIMIT, ClientError};
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::components::place_editor::PlaceEditor;
use crate::components::text_field::TextField;
use crate::i18n::places::{add_named, edit_label, list_summary, no_match, saved_place, PlacesMsg};
use crate::i18n::Msg;
use crate::state::lang_context::{tr, use_lang};
use crate::state::remote::Remote;
use crate::state::session_context::{use_session, SessionState};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use pingxuan_domain::lang::Label;
use pingxuan_domain::place::Place;
use pingxuan_domain::{Category, Role};
use std::time::Duration;

/// How long typing must pause before the register is searched.
const DEBOUNCE: Duration = Duration::from_millis(250);

/// The place register page (admins and lead departments).
#[component]
pub fn PlacesPage() -> impl IntoView {
    view! {
        <div class="page places-page">
            <h1 class="page-title">{tr(PlacesMsg::Title)}</h1>
            <RegisterGate />
        </div>
    }
}

/// Who may keep which part of the register.
#[derive(Debug, Clone, PartialEq)]
enum Access {
    Loading,
    Failed(ClientError),
    SignedOut,
    /// Signed in, but neither an admin nor a lead department (an inspector).
    Refused,
    /// The categories this account keeps: all four for admins, its own for a department.
    Keeps(Vec<Category>),
}

/// The register for those who keep it; a sign-in prompt or a polite "没有权限" for others.
/// Re-renders only when someone signs in or out.
#[component]
fn RegisterGate() -> impl IntoView {
    let session = use_session();
    let access = Memo::new(move |_| {
        session.state_with(|s| match s {
            SessionState::Loading => Access::Loading,
            SessionState::Failed(e) => Access::Failed(e.clone()),
            SessionState::SignedOut => Access::SignedOut,
            SessionState::SignedIn(x) => match x.account.role {
                Role::Admin => Access::Keeps(Category::ALL.to_vec()),
                Role::Department { category } => Access::Keeps(vec![category]),
                Role::Inspector | Role::Town { .. } => Access::Refused,
            },
        })
    });
    move || match access.get() {
        Access::Loading => view! { <LoadingState /> }.into_any(),
        Access::Failed(error) => view! {
            <ErrorState error on_retry=Callback::new(move |_| session.reload()) />
        }
        .into_any(),
        Access::SignedOut => view! {
            <div class="card state-card empty">
                <p class="state-title">{tr(Msg::NeedSignInTitle)}</p>
                <p class="state-hint">{tr(PlacesMsg::NeedSignInHint)}</p>
                <div class="button-row center">
                    <a class="button primary" href="/staff/">{tr(Msg::GoSignIn)}</a>
                </div>
            </div>
        }
        .into_any(),
        Access::Refused => view! {
            <div class="card state-card empty">
                <p class="state-title">{tr(Msg::NoPermissionTitle)}</p>
                <p class="state-hint">{tr(PlacesMsg::NoPermissionHint)}</p>
            </div>
        }
        .into_any(),
        Access::Keeps(categories) => view! { <Register categories /> }.into_any(),
    }
}

/// Which form is open: only one at a time.
#[derive(Debug, Clone, PartialEq)]
enum Editing {
    /// A new place, its name started with what was searched for.
    Add(String),
    /// Corrections to the place with this id.
    Edit(i64),
}

/// A search's answer, with the category and text it was for.
type Found = (Category, String, Vec<Place>);

/// The register of `categories`: tabs, search, the add form and the list.
#[component]
fn Register(categories: Vec<Category>) -> impl IntoView {
    let lang = use_lang();
    let query_map = use_query_map();
    let navigate = use_navigate();
    let keeps_all = categories.len() > 1;
    let kept = StoredValue::new(categories);
    let category = Memo::new(move |_| {
        let asked = query_map.with(|q| q.get("category").and_then(|c| Category::parse(&c)));
        kept.with_value(|cs| asked.filter(|c| cs.contains(c)).unwrap_or(cs[0]))
    });
    let query = RwSignal::new(String::new());
    let settled = debounced(query);
    let editing = RwSignal::new(None::<Editing>);
    // The last place saved: named in the line above the list, marked in the list.
    let last_saved = RwSignal::new(None::<(Place, bool)>);

    let results = Remote::new(move || {
        let c = category.get_untracked();
        let q = settled.get_untracked();
        async move {
            let list = api::places::find(c, &q, REGISTER_LIMIT).await?;
            Ok::<Found, ClientError>((c, q, list.places))
        }
    });
    // Another tab shows the skeleton (its old list would mislead); more typing keeps
    // the old list until the new one is there.
    Effect::new(move |before: Option<Category>| {
        let c = category.get();
        if before.is_some_and(|b| b != c) {
            editing.set(None);
            results.reload();
        }
        c
    });
    Effect::new(move |first: Option<()>| {
        settled.track();
        if first.is_some() {
            results.refresh();
        }
    });
    let shown_for = Memo::new(move |_| {
        results
            .get()
            .and_then(Result::ok)
            .map(|(c, q, _)| (c, q.trim().to_owned()))
    });
    let behind = move || {
        shown_for
            .get()
            .is_some_and(|shown| shown != (category.get(), query.with(|q| q.trim().to_owned())))
    };

    let on_saved = Callback::new(move |(place, added): (Place, bool)| {
        editing.set(None);
        if added {
            // Show the new place: search for it.
            query.set(place.name.clone());
            settled.set(place.name.clone());
        }
        let to = place.category;
        if to != category.get_untracked() {
            navigate(&tab_href(to), Default::default());
        } else if !added {
            // The corrected place stays where it was in the list, even if it no longer
            // matches the search, so the person sees what they saved.
            if let Some(Ok((c, q, mut places))) = untrack(|| results.get()) {
                places
                    .iter_mut()
                    .filter(|p| p.id == place.id)
                    .for_each(|p| *p = place.clone());
                results.set((c, q, places));
            }
        }
        last_saved.set(Some((place, added)));
    });
    let open = move |which: Editing| {
        last_saved.set(None);
        editing.set(Some(which));
    };

    let tabs = keeps_all.then(|| {
        let links = Category::ALL
            .into_iter()
            .map(|c| {
                view! {
                    <a class="tab" href=tab_href(c) aria-current=move || (category.get() == c).then_some("page")>
                        {move || c.label(lang.get())}
                    </a>
                }
            })
            .collect_view();
        view! { <nav class="tabs" aria-label=tr(PlacesMsg::Category)>{links}</nav> }
    });
    let own = (!keeps_all).then(|| {
        view! {
            <p class="register-own">
                {tr(PlacesMsg::OwnCategory)}
                <strong>{move || category.get().list_title(lang.get())}</strong>
            </p>
        }
    });
    let add_area = move || match editing.get() {
        Some(Editing::Add(name)) => view! {
            <section class="card">
                <PlaceEditor
                    place=None
                    category=category.get_untracked()
                    name
                    choose_category=keeps_all
                    on_saved=Callback::new(move |p| on_saved.run((p, true)))
                    on_cancel=Callback::new(move |_| editing.set(None))
                />
            </section>
        }
        .into_any(),
        _ => view! {
            <button
                type="button"
                class="button primary block"
                on:click=move |_| open(Editing::Add(String::new()))
            >
                "＋ "
                {tr(PlacesMsg::AddPlace)}
            </button>
        }
        .into_any(),
    };
    let saved_line = move || {
        last_saved.with(|s| {
            s.as_ref().map(|(p, added)| {
                let (name, added) = (p.name.clone(), *added);
                view! {
                    <p class="notice ok" role="status">
                        {move || saved_place(lang.get(), &name, added)}
                    </p>
                }
            })
        })
    };
    let list = move || match results.get() {
        None => view! { <LoadingState /> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorState error on_retry=Callback::new(move |_| results.reload()) />
        }
        .into_any(),
        Some(Ok((_, q, places))) if places.is_empty() && q.trim().is_empty() => view! {
            <div class="card state-card empty">
                <p class="state-title">{tr(PlacesMsg::EmptyRegister)}</p>
                <p class="state-hint">{tr(PlacesMsg::EmptyRegisterHint)}</p>
            </div>
        }
        .into_any(),
        Some(Ok((_, q, places))) if places.is_empty() => {
            let q = q.trim().to_owned();
            let name = q.clone();
            let label = {
                let q = q.clone();
                move || add_named(lang.get(), &q)
            };
            view! {
                <div class="card register-none">
                    <p>{move || no_match(lang.get(), &q)}</p>
                    <button
                        type="button"
                        class="button subtle block"
                        on:click=move |_| open(Editing::Add(name.clone()))
                    >
                        {label}
                    </button>
                </div>
            }
            .into_any()
        }
        Some(Ok((_, q, places))) => {
            let (shown, searching) = (places.len(), !q.trim().is_empty());
            let rows = places
                .into_iter()
                .map(|place| {
                    view! { <RegisterRow place editing last_saved choose_category=keeps_all on_saved /> }
                })
                .collect_view();
            view! {
                <p class="list-summary">
                    {move || list_summary(lang.get(), shown, REGISTER_LIMIT as usize, searching)}
                </p>
                <ul class="card register-list" aria-label=tr(Msg::SearchResults)>{rows}</ul>
            }
            .into_any()
        }
    };

    view! {
        {tabs}
        {own}
        <p class="muted register-intro">{tr(PlacesMsg::Intro)}</p>
        <div class="register-search">
            <TextField
                id="register-search"
                label=tr(Msg::SearchPlace)
                input_type="search"
                placeholder=Some(Msg::SearchPlaceholder)
                autocomplete="off"
                value=query
                on_input=Callback::new(move |v| {
                    query.set(v);
                    last_saved.set(None);
                })
            />
            <p class="search-status" aria-live="polite">
                {move || behind().then(|| Msg::Searching.text(lang.get()))}
            </p>
        </div>
        {add_area}
        {saved_line}
        {list}
    }
}

/// One place: name, town and district, whether it has a position, and 修改 — which
/// opens the form right under it.
#[component]
fn RegisterRow(
    place: Place,
    editing: RwSignal<Option<Editing>>,
    last_saved: RwSignal<Option<(Place, bool)>>,
    choose_category: bool,
    on_saved: Callback<(Place, bool)>,
) -> impl IntoView {
    let lang = use_lang();
    let id = place.id;
    let open = Memo::new(move |_| editing.with(|e| *e == Some(Editing::Edit(id))));
    let just_saved = move || last_saved.with(|s| s.as_ref().is_some_and(|(p, _)| p.id == id));
    let located = place.position.is_some();
    let (town, district) = (place.town.clone(), place.district);
    let name = place.name.clone();
    let label_name = name.clone();
    let place = StoredValue::new(place);
    view! {
        <li class="register-item" class:just-saved=just_saved data-testid="register-place">
            <div class="register-head">
                <div class="register-text">
                    <p class="register-name">{name}</p>
                    <p class="register-where">
                        {move || format!("{} · {}", town, district.label(lang.get()))}
                        <span class=if located { "badge ok" } else { "badge off" }>
                            {tr(if located { PlacesMsg::Located } else { PlacesMsg::NotLocated })}
                        </span>
                        <Show when=just_saved>
                            <span class="badge saved">{tr(PlacesMsg::JustChanged)}</span>
                        </Show>
                    </p>
                </div>
                <Show when=move || !open.get()>
                    <button
                        type="button"
                        class="button small"
                        aria-label={
                            let n = label_name.clone();
                            move || edit_label(lang.get(), &n)
                        }
                        on:click=move |_| {
                            last_saved.set(None);
                            editing.set(Some(Editing::Edit(id)));
                        }
                    >
                        {tr(PlacesMsg::Edit)}
                    </button>
                </Show>
            </div>
            <Show when=move || open.get()>
                <div class="register-editor">
                    <PlaceEditor
                        place=Some(place.get_value())
                        category=place.with_value(|p| p.category)
                        choose_category
                        on_saved=Callback::new(move |p| on_saved.run((p, false)))
                        on_cancel=Callback::new(move |_| editing.set(None))
                    />
                </div>
            </Show>
        </li>
    }
}

/// The tab of `category`: `/staff/places?category=market`.
fn tab_href(category: Category) -> String {
    format!("/staff/places?category={}", category.as_str())
}

/// `source`, following it only once typing has paused for [`DEBOUNCE`].
fn debounced(source: RwSignal<String>) -> RwSignal<String> {
    let settled = RwSignal::new(source.get_untracked());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        let q = source.get();
        if first.is_none() {
            return;
        }
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let settle = move || {
            if settled.get_untracked() != q {
                settled.set(q);
            }
        };
        timer.set_value(set_timeout_with_handle(settle, DEBOUNCE).ok());
    });
    on_cleanup(move || {
        if let Some(Some(t)) = timer.try_get_value() {
            t.clear();
        }
    });
    settled
}
