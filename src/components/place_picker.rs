//! "Which place?": search-as-you-type over the place register (debounced), or — when
//! the place is not there — a new place's name and town.

use crate::api;
use crate::components::text_field::TextField;
use crate::components::town_select::TownSelect;
use crate::forms::nomination_draft::{field, ChosenPlace, PlaceDraft};
use crate::i18n::{no_place_found, Msg};
use crate::state::lang_context::{tr, use_lang};
use crate::state::remote::Remote;
use leptos::prelude::*;
use pingxuan_domain::lang::Label;
use pingxuan_domain::region::District;
use pingxuan_domain::Category;
use std::time::Duration;

/// How long typing must pause before the register is searched.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// The place section of the nomination form.
#[component]
pub fn PlacePicker(
    /// The question above it.
    #[prop(into)]
    legend: TextProp,
    /// The chosen category: the register is searched within it.
    #[prop(into)]
    category: Signal<Option<Category>>,
    /// The place part of the draft.
    place: RwSignal<PlaceDraft>,
    /// Called with a field's path when the resident leaves it (to check it then).
    on_touch: Callback<&'static str>,
    /// The problem to show for `field` (`place`, `place.name`, `place.town`, …).
    error_for: Callback<&'static str, Option<String>>,
) -> impl IntoView {
    let mode = Memo::new(move |_| {
        place.with(|p| match (p.new_place, p.chosen.is_some()) {
            (true, _) => 2u8,
            (false, true) => 1,
            (false, false) => 0,
        })
    });
    let search_error = Signal::derive(move || {
        error_for
            .run(field::PLACE)
            .or_else(|| error_for.run(field::PLACE_ID))
    });
    view! {
        <fieldset class="form-section" id="nominate-place" class:has-error=move || search_error.get().is_some()>
            <legend class="section-title">{move || legend.get()}</legend>
            {move || match mode.get() {
                1 => view! { <ChosenPlace place error=search_error /> }.into_any(),
                2 => {
                    view! {
                        <NewPlace
                            place
                            on_touch
                            name_error=Signal::derive(move || error_for.run(field::PLACE_NAME))
                            town_error=Signal::derive(move || error_for.run(field::PLACE_TOWN))
                        />
                    }
                        .into_any()
                }
                _ => view! { <PlaceSearch category place error=search_error /> }.into_any(),
            }}
        </fieldset>
    }
}

/// "Town · District" under a place's name.
fn where_text(town: &str, district: District) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = use_lang();
    let town = town.to_owned();
    move || format!("{} · {}", town, district.label(lang.get()))
}

/// The search box and its results.
#[component]
fn PlaceSearch(
    category: Signal<Option<Category>>,
    place: RwSignal<PlaceDraft>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let query = Memo::new(move |_| place.with(|p| p.query.clone()));
    let debounced = RwSignal::new(query.get_untracked());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        let q = query.get();
        if first.is_none() {
            return;
        }
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        timer.set_value(set_timeout_with_handle(move || debounced.set(q), DEBOUNCE).ok());
    });
    on_cleanup(move || {
        if let Some(Some(t)) = timer.try_get_value() {
            t.clear();
        }
    });
    let results = Remote::new(move || {
        let category = category.get_untracked();
        let q = debounced.get_untracked();
        async move {
            let places = match category {
                Some(c) if !q.trim().is_empty() => api::places::search(c, &q).await?.places,
                _ => Vec::new(),
            };
            Ok((q, places))
        }
    });
    Effect::new(move |first: Option<()>| {
        category.track();
        debounced.track();
        if first.is_some() {
            results.refresh();
        }
    });

    let list = move || {
        let l = lang.get();
        if category.with(Option::is_none) {
            return view! { <p class="search-status">{Msg::ChooseCategoryFirst.text(l)}</p> }
                .into_any();
        }
        match results.get() {
            None => view! { <p class="search-status">{Msg::Searching.text(l)}</p> }.into_any(),
            Some(Err(e)) => view! {
                <div class="search-status error">
                    <span>{e.message(l)}</span>
                    <button type="button" class="button small" on:click=move |_| results.reload()>
                        {Msg::Retry.text(l)}
                    </button>
                </div>
            }
            .into_any(),
            Some(Ok((q, _))) if q.trim().is_empty() => {
                view! { <p class="search-status">{Msg::SearchHint.text(l)}</p> }.into_any()
            }
            Some(Ok((q, places))) if places.is_empty() => {
                view! { <p class="search-status">{no_place_found(l, q.trim())}</p> }.into_any()
            }
            Some(Ok((_, places))) => view! {
                <ul class="place-results" aria-label=Msg::SearchResults.text(l)>
                    {places
                        .into_iter()
                        .map(|p| {
                            let where_ = where_text(&p.town, p.district);
                            let name = p.name.clone();
                            let chosen = StoredValue::new(ChosenPlace::from(&p));
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="place-option"
                                        on:click=move |_| {
                                            place.update(|d| d.chosen = Some(chosen.get_value()))
                                        }
                                    >
                                        <span class="place-option-name">{name}</span>
                                        <span class="place-option-where">{where_}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any(),
        }
    };
    view! {
        <TextField
            id="place-search"
            label=tr(Msg::SearchPlace)
            input_type="search"
            placeholder=Some(Msg::SearchPlaceholder)
            value=query
            on_input=Callback::new(move |v| place.update(|d| d.query = v))
            error=error
        />
        <div class="search-results" aria-live="polite">
            {list}
        </div>
        <button
            type="button"
            class="button block subtle"
            on:click=move |_| {
                place
                    .update(|d| {
                        d.new_place = true;
                        if d.name.trim().is_empty() {
                            d.name = d.query.trim().to_owned();
                        }
                    })
            }
        >
            {tr(Msg::NewPlaceButton)}
        </button>
    }
}

/// The place picked from the register, with 更换.
#[component]
fn ChosenPlace(place: RwSignal<PlaceDraft>, error: Signal<Option<String>>) -> impl IntoView {
    let chosen = place.with_untracked(|d| d.chosen.clone());
    let where_ = chosen.as_ref().map(|c| where_text(&c.town, c.district));
    view! {
        <div class="chosen-place">
            <div class="chosen-text">
                <p class="eyebrow">{tr(Msg::ChosenPlace)}</p>
                <p class="chosen-name" data-testid="chosen-place">{chosen.map(|p| p.name)}</p>
                <p class="chosen-where">{where_}</p>
            </div>
            <button type="button" class="button" on:click=move |_| place.update(|d| d.chosen = None)>
                {tr(Msg::Change)}
            </button>
        </div>
        {move || error.get().map(|e| view! { <p class="field-error">{e}</p> })}
    }
}

/// A place not in the register: its name and town.
#[component]
fn NewPlace(
    place: RwSignal<PlaceDraft>,
    on_touch: Callback<&'static str>,
    name_error: Signal<Option<String>>,
    town_error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <TextField
            id="place-name"
            label=tr(Msg::PlaceName)
            placeholder=Some(Msg::PlaceNamePlaceholder)
            value=Signal::derive(move || place.with(|d| d.name.clone()))
            on_input=Callback::new(move |v| place.update(|d| d.name = v))
            on_blur=Callback::new(move |_| on_touch.run(field::PLACE_NAME))
            error=name_error
        />
        <TownSelect
            id="place-town"
            initial=place.with_untracked(|d| d.town.clone())
            on_change=Callback::new(move |t| {
                place.update(|d| d.town = t);
                on_touch.run(field::PLACE_TOWN);
            })
            error=town_error
        />
        <button type="button" class="button block subtle" on:click=move |_| place.update(|d| d.new_place = false)>
            {tr(Msg::BackToSearch)}
        </button>
    }
}
