//! The place register's form: a new place, or corrections to one — name, town,
//! category (admins), and an optional position typed in or taken from the phone.
//! Checked with the domain's own `PlaceInput::parse()` before anything is sent.

use crate::api;
use crate::browser::geolocation::{locate, LocateError};
use crate::components::notice::Notice;
use crate::components::text_field::TextField;
use crate::components::town_select::TownSelect;
use crate::forms::field_errors::message_for;
use crate::forms::place_form::{field, PlaceForm};
use crate::i18n::places::PlacesMsg;
use crate::i18n::{Msg, Text};
use crate::state::lang_context::{tr, tr_when, use_lang};
use crate::state::mutation::Mutation;
use crate::state::session_context::use_session;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use pingxuan_domain::lang::Label;
use pingxuan_domain::place::Place;
use pingxuan_domain::Category;
use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::JsCast;

/// The inputs, in the order of the form's `edited` flags.
const NAME: usize = 0;
const TOWN: usize = 1;
const LATITUDE: usize = 2;
const LONGITUDE: usize = 3;
const COORDINATES: &[usize] = &[LATITUDE, LONGITUDE];

/// The add/edit form. Only one is open at a time, so its input ids are fixed.
#[component]
pub fn PlaceEditor(
    /// The place to correct; `None` adds a new one.
    place: Option<Place>,
    /// A new place's category (the tab it is added from).
    category: Category,
    /// A new place's name as far as it was typed into the search box.
    #[prop(optional, into)]
    name: String,
    /// Whether the account may file the place under another category (admins).
    choose_category: bool,
    /// Called with the place as the server saved it.
    on_saved: Callback<Place>,
    /// Called by 取消.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let id = place.as_ref().map(|p| p.id);
    let form = RwSignal::new(match &place {
        Some(p) => PlaceForm::from_place(p),
        None => PlaceForm::new(category, &name),
    });
    let initial_category = form.with_untracked(|f| f.category);
    // Problems show once a save was tried, then follow the typing. (Not on leaving an
    // input: a message appearing then moves the 保存 button from under the finger.)
    let attempted = RwSignal::new(false);
    // Edited since the last submit: the server's word on that input no longer applies.
    let edited = RwSignal::new([false; 4]);
    let save = Mutation::new();
    let form_ref = NodeRef::<html::Form>::new();

    let local = Memo::new(move |_| {
        let l = lang.get();
        form.with(|f| f.parse(l).err().unwrap_or_default())
    });
    let error_for = move |name: &'static str, inputs: &'static [usize]| {
        Signal::derive(move || {
            let fresh = !edited.with(|e| inputs.iter().any(|&i| e[i]));
            attempted
                .get()
                .then(|| local.with(|l| message_for(l, name)))
                .flatten()
                .or_else(|| {
                    fresh
                        .then(|| {
                            save.error()
                                .and_then(|e| message_for(e.field_errors(), name))
                        })
                        .flatten()
                })
        })
    };
    let position_error = error_for(field::POSITION, COORDINATES);
    let edit = move |i: usize, apply: fn(&mut PlaceForm, String)| {
        Callback::new(move |v: String| {
            form.update(|f| apply(f, v));
            edited.update(|e| e[i] = true);
        })
    };
    let value = move |read: fn(&PlaceForm) -> String| Signal::derive(move || form.with(read));

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        let Ok(input) = form.with_untracked(|f| f.parse(lang.get_untracked())) else {
            focus_first_problem(form_ref);
            return;
        };
        edited.set([false; 4]);
        let csrf = session.csrf();
        save.run(async move {
            let answer = match id {
                Some(id) => api::places::update(id, &input, &csrf).await,
                None => api::places::create(&input, &csrf).await,
            };
            match answer {
                Ok(saved) => {
                    on_saved.run(saved);
                    Ok(Msg::Saved)
                }
                Err(e) => {
                    session.note_error(&e);
                    focus_first_problem(form_ref);
                    Err(e)
                }
            }
        });
    };

    // Latitude and longitude: the same decimal input twice.
    type Read = fn(&PlaceForm) -> String;
    type Write = fn(&mut PlaceForm, String);
    let halves: [(&str, PlacesMsg, &str, Read, Write); 2] = [
        (
            "place-form-latitude",
            PlacesMsg::Latitude,
            field::LATITUDE,
            |f| f.latitude.clone(),
            |f, v| f.latitude = v,
        ),
        (
            "place-form-longitude",
            PlacesMsg::Longitude,
            field::LONGITUDE,
            |f| f.longitude.clone(),
            |f, v| f.longitude = v,
        ),
    ];
    let coordinates = halves
        .into_iter()
        .zip(COORDINATES)
        .map(|((id, label, name, read, write), i)| {
            view! {
                <TextField
                    id=id
                    label=tr(label)
                    autocomplete="off"
                    inputmode=Some("decimal")
                    value=value(read)
                    on_input=edit(*i, write)
                    error=error_for(name, std::slice::from_ref(i))
                />
            }
        })
        .collect_view();
    let category_picker = choose_category.then(|| {
        let options = Category::ALL
            .into_iter()
            .map(|c| {
                view! {
                    <option value=c.as_str() selected=c == initial_category>
                        {move || c.label(lang.get())}
                    </option>
                }
            })
            .collect_view();
        view! {
            <div class="field">
                <label for="place-form-category">{tr(PlacesMsg::Category)}</label>
                <select
                    id="place-form-category"
                    on:change=move |ev| {
                        if let Some(c) = Category::parse(&event_target_value(&ev)) {
                            form.update(|f| f.category = c);
                        }
                    }
                >
                    {options}
                </select>
            </div>
        }
    });
    let title = if id.is_some() {
        PlacesMsg::EditTitle
    } else {
        PlacesMsg::AddTitle
    };
    let save_label = move || {
        if save.pending() {
            Msg::Saving.text(lang.get())
        } else {
            PlacesMsg::SavePlace.text(lang.get())
        }
    };

    view! {
        <form class="form place-editor" novalidate=true node_ref=form_ref on:submit=submit>
            <h2 class="editor-title">{tr(title)}</h2>
            {category_picker}
            <TextField
                id="place-form-name"
                label=tr(Msg::PlaceName)
                autocomplete="off"
                value=value(|f| f.name.clone())
                on_input=edit(NAME, |f, v| f.name = v)
                error=error_for(field::NAME, &[NAME])
            />
            <TownSelect
                id="place-form-town"
                initial=form.with_untracked(|f| f.town.clone())
                on_change=Callback::new(move |t: String| {
                    form.update(|f| f.town = t);
                    edited.update(|e| e[TOWN] = true);
                })
                error=error_for(field::TOWN, &[TOWN])
            />
            <fieldset class="fieldset place-position" class:has-error=move || position_error.get().is_some()>
                <legend>{tr(PlacesMsg::Position)}</legend>
                <p class="field-hint">{tr(PlacesMsg::PositionHint)}</p>
                <div class="grid-2">
                    {coordinates}
                </div>
                <PositionButtons form edited />
                {move || position_error.get().map(|e| view! { <p class="field-error">{e}</p> })}
            </fieldset>
            <Notice mutation=save errors_only=true />
            <div class="button-row editor-actions">
                <button type="submit" class="button primary" disabled=move || save.pending()>
                    {save_label}
                </button>
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>
                    {tr(Msg::Cancel)}
                </button>
            </div>
        </form>
    }
}

/// 使用我现在的位置 (the phone's position, once) and 清除位置, with the reason when the
/// phone gives none.
#[component]
fn PositionButtons(form: RwSignal<PlaceForm>, edited: RwSignal<[bool; 4]>) -> impl IntoView {
    let locating = RwSignal::new(false);
    let problem = RwSignal::new(None::<Msg>);
    let ask = move |_| {
        if locating.get_untracked() {
            return;
        }
        locating.set(true);
        problem.set(None);
        // Boxed like the nomination form's location task: one spawning function.
        let task: Pin<Box<dyn Future<Output = ()>>> = Box::pin(async move {
            let answer = locate().await;
            locating.set(false);
            let found = match answer {
                Ok(found) if found.point.validate(field::POSITION).is_ok() => found,
                Ok(_) => return problem.set(Some(Msg::LocationOutside)),
                Err(LocateError::Denied) => return problem.set(Some(Msg::LocationDenied)),
                Err(LocateError::Unsupported) => {
                    return problem.set(Some(Msg::LocationUnsupported))
                }
                Err(_) => return problem.set(Some(Msg::LocationUnavailable)),
            };
            form.update(|f| f.set_position(found.point));
            edited.update(|e| COORDINATES.iter().for_each(|&i| e[i] = true));
        });
        spawn_local_scoped_with_cancellation(task);
    };
    let clear = move |_| {
        form.update(PlaceForm::clear_position);
        edited.update(|e| COORDINATES.iter().for_each(|&i| e[i] = true));
        problem.set(None);
    };
    view! {
        <div class="button-row">
            <button type="button" class="button small" disabled=move || locating.get() on:click=ask>
                {tr_when(locating.into(), Msg::Locating, Msg::UseMyLocation)}
            </button>
            <Show when=move || form.with(PlaceForm::has_position)>
                <button type="button" class="button small subtle" on:click=clear>
                    {tr(PlacesMsg::ClearPosition)}
                </button>
            </Show>
        </div>
        {move || problem.get().map(|m| view! { <p class="field-hint warn" role="status">{tr(m)}</p> })}
    }
}

/// Moves focus to the first input marked invalid, once the errors are drawn. It is
/// scrolled into view first, which keeps the input's scroll margin (style/staff.css):
/// clear of the sticky header and tabs, where focusing alone could leave it beneath them.
fn focus_first_problem(form: NodeRef<html::Form>) {
    request_animation_frame(move || {
        let first = form
            .try_get_untracked()
            .flatten()
            .and_then(|f| f.query_selector("[aria-invalid=\"true\"]").ok().flatten());
        if let Some(el) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            el.scroll_into_view();
            let _ = el.focus();
        }
    });
}
