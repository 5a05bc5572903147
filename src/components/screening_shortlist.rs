//! The screening page's second half: the shortlist. Each candidate's public title,
//! description and cover (tap one of the place's photos, or upload the department's
//! own), the department's reason for a place residents did not nominate, adding such a
//! place from the register, and saving the whole list — checked first with the
//! domain's `ShortlistInput::validate`, each problem shown at its candidate.

use crate::api;
use crate::browser::photo_shrink;
use crate::components::notice::Notice;
use crate::components::place_picker::PlacePicker;
use crate::components::screening_context::{line, Screening};
use crate::components::screening_places::thumb_img;
use crate::components::text_field::TextField;
use crate::forms::field_errors::message_for;
use crate::forms::nomination_draft::{field as place_field, PlaceDraft};
use crate::forms::screening_place::place_problem;
use crate::forms::screening_shortlist::{
    candidate_field, candidate_index, field, find_place, is_nominated, CandidateDraft,
    ShortlistDraft, DESCRIPTION_MAX,
};
use crate::i18n::screening::{
    candidate_label, picked_text, problems_text, shortlist_hint, ScreeningMsg,
};
use crate::i18n::Text;
use crate::i18n::{nominated_by, Msg};
use crate::state::lang_context::{tr, use_lang};
use crate::state::mutation::Mutation;
use leptos::prelude::*;
use pingxuan_domain::place::PlaceInput;
use pingxuan_domain::FieldError;
use wasm_bindgen::JsCast;
use web_sys::{Blob, HtmlInputElement};

/// The list's problems: the domain's after a first 保存, and the server's last answer.
#[derive(Clone, Copy)]
struct Problems {
    attempted: RwSignal<bool>,
    server: RwSignal<Vec<FieldError>>,
    all: Memo<Vec<FieldError>>,
}

impl Problems {
    /// The problem with candidate `index`'s `name` field, if any (reactive).
    fn at(self, index: usize, name: &str) -> Option<String> {
        self.all
            .with(|p| message_for(p, &candidate_field(index, name)))
    }
}

/// The shortlist: read-only when locked, else the editor.
#[component]
pub fn ShortlistEditor(s: Screening) -> impl IntoView {
    let lang = use_lang();
    let save = Mutation::new();
    let attempted = RwSignal::new(false);
    let server = RwSignal::new(Vec::<FieldError>::new());
    let all = Memo::new(move |_| {
        let mut all = if attempted.get() {
            let reason = ScreeningMsg::ReasonRequired.text(lang.get());
            s.draft.with(|d| {
                s.data
                    .with(|v| d.check(v, reason).err().unwrap_or_default())
            })
        } else {
            Vec::new()
        };
        all.extend(server.get());
        all
    });
    let problems = Problems {
        attempted,
        server,
        all,
    };
    // The server's problems are about the list it was sent; any change may answer them.
    Effect::new(move |first: Option<()>| {
        s.draft.track();
        if first.is_some() {
            server.update(|e| e.clear());
        }
    });
    let ids = Memo::new(move |_| {
        s.draft
            .with(|d| d.candidates.iter().map(|c| c.place_id).collect::<Vec<_>>())
    });
    let list = move || {
        let ids = ids.get();
        if ids.is_empty() {
            return view! { <p class="card muted">{tr(ScreeningMsg::ShortlistEmpty)}</p> }
                .into_any();
        }
        let last = ids.len() - 1;
        view! {
            <ol class="candidate-list">
                {ids
                    .into_iter()
                    .enumerate()
                    .map(|(index, place_id)| {
                        view! { <CandidateEditor s place_id index last=index == last problems /> }
                    })
                    .collect_view()}
            </ol>
        }
        .into_any()
    };
    let locked = s.locked();
    view! {
        <section class="shortlist-head">
            <p class="shortlist-count" data-testid="picked-count">
                {move || picked_text(lang.get(), s.picked(), s.size())}
            </p>
            <p class="muted">{move || shortlist_hint(lang.get(), s.size())}</p>
        </section>
        {list}
        {(!locked).then(|| view! { <AddPlace s /> })}
        {(!locked).then(|| view! { <SaveBar s save problems /> })}
    }
}

/// Saving: the count, unsaved changes, the list's own problems, and 保存候选名单.
#[component]
fn SaveBar(s: Screening, save: Mutation, problems: Problems) -> impl IntoView {
    let lang = use_lang();
    let list_problem = move || {
        problems.all.with(|p| {
            p.iter()
                .find(|e| candidate_index(&e.field).is_none())
                .map(|e| e.message.clone())
        })
    };
    let count = move || problems.all.with(Vec::len);
    let submit = move |_| {
        problems.attempted.set(true);
        let reason = ScreeningMsg::ReasonRequired.text(lang.get_untracked());
        let checked = s
            .draft
            .with_untracked(|d| s.data.with_untracked(|v| d.check(v, reason)));
        let Ok(input) = checked else {
            focus_first_problem();
            return;
        };
        let csrf = s.session.csrf();
        save.run(async move {
            match api::screening::save_shortlist(s.round_id, s.category, &input, &csrf).await {
                Ok(list) => {
                    s.data.update(|v| v.shortlist = list);
                    let saved = s.data.with_untracked(ShortlistDraft::from_view);
                    s.draft.set(saved.clone());
                    s.saved.set(saved);
                    problems.attempted.set(false);
                    Ok(Msg::Saved)
                }
                Err(e) => {
                    problems.server.set(e.field_errors().to_vec());
                    s.session.note_error(&e);
                    if !e.field_errors().is_empty() {
                        focus_first_problem();
                    }
                    Err(e)
                }
            }
        });
    };
    let saved = move || matches!(save.outcome(), Some(Ok(_))) && !s.unsaved();
    view! {
        <div class="save-bar">
            {move || {
                if count() == 0 {
                    return ().into_any();
                }
                view! {
                    <p class="form-error" role="alert">
                        {problems_text(lang.get(), count())}
                        {list_problem().map(|m| view! { <span>{m}</span> })}
                    </p>
                }
                .into_any()
            }}
            <Notice mutation=save errors_only=true />
            {move || {
                if !saved() {
                    return ().into_any();
                }
                view! {
                    <p class="notice ok" role="status">
                        {tr(ScreeningMsg::ShortlistSaved)}
                    </p>
                }
                .into_any()
            }}
            <div class="save-row">
                <div class="save-state">
                    <span>{move || picked_text(lang.get(), s.picked(), s.size())}</span>
                    {move || {
                        let unsaved = s.unsaved().then(|| lang.t(ScreeningMsg::Unsaved).to_owned());
                        line("unsaved", unsaved)
                    }}
                </div>
                <button
                    type="button"
                    class="button primary"
                    disabled=move || save.pending()
                    on:click=submit
                >
                    {move || {
                        if save.pending() {
                            Msg::Saving.text(lang.get())
                        } else {
                            ScreeningMsg::SaveList.text(lang.get())
                        }
                    }}
                </button>
            </div>
        </div>
    }
}

/// Brings the first field marked wrong to the middle of the screen (clear of the pinned
/// bars) and focuses it, once the marks are drawn.
fn focus_first_problem() {
    request_animation_frame(|| {
        let found = document()
            .query_selector(".candidate-list [aria-invalid='true']")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        let Some(el) = found else {
            return;
        };
        // `scrollIntoView({block: "center"})` through Reflect: no extra web-sys features.
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"block".into(), &"center".into());
        if let Ok(f) = js_sys::Reflect::get(&el, &"scrollIntoView".into()) {
            let _ = f.unchecked_ref::<js_sys::Function>().call1(&el, &options);
        }
        let _ = el.focus();
    });
}

/// One candidate's fields.
#[component]
fn CandidateEditor(
    s: Screening,
    place_id: i64,
    /// Its place on the list, from 0.
    index: usize,
    /// True for the last one (no 下移).
    last: bool,
    problems: Problems,
) -> impl IntoView {
    let lang = use_lang();
    let locked = s.locked();
    let read = move |f: fn(&CandidateDraft) -> String| {
        s.draft.with(|d| {
            d.candidates
                .iter()
                .find(|c| c.place_id == place_id)
                .map(f)
                .unwrap_or_default()
        })
    };
    let write = move |f: fn(&mut CandidateDraft, String)| {
        Callback::new(move |v: String| {
            s.draft.update(|d| {
                if let Some(c) = d.get_mut(place_id) {
                    f(c, v)
                }
            })
        })
    };
    let place_name = read(|c| c.place_name.clone());
    let (live, nominated) = s.data.with_untracked(|v| {
        let live = find_place(v, place_id)
            .map(crate::forms::screening_shortlist::live_nominations)
            .unwrap_or(0);
        (live, is_nominated(v, place_id))
    });
    let meta = move || {
        if nominated {
            nominated_by(lang.get(), live as u32)
        } else {
            ScreeningMsg::DeptAdded.text(lang.get()).to_owned()
        }
    };
    let prefix = move || candidate_label(lang.get(), index + 1);
    let id = |name: &str| format!("candidate-{place_id}-{name}");
    // 上移 and 下移: `up`, blocked at that end of the list.
    let shift = move |up: bool, end: bool| {
        let (arrow, label) = if up {
            ("↑ ", ScreeningMsg::MoveUp)
        } else {
            ("↓ ", ScreeningMsg::MoveDown)
        };
        view! {
            <button
                type="button"
                class="button small"
                disabled=end
                on:click=move |_| s.draft.update(|d| d.shift(place_id, up))
            >
                {arrow}
                {tr(label)}
            </button>
        }
    };
    let tools = (!locked).then(|| {
        view! {
            <div class="candidate-tools">
                {shift(true, index == 0)}
                {shift(false, last)}
                <button
                    type="button"
                    class="button small danger"
                    on:click=move |_| s.draft.update(|d| d.remove(place_id))
                >
                    {tr(ScreeningMsg::Remove)}
                </button>
            </div>
        }
    });
    let reason = (!nominated).then(|| {
        view! {
            <CandidateText
                id=id("reason")
                label=ScreeningMsg::DeptReason
                prefix=Signal::derive(prefix)
                value=Signal::derive(move || read(|c| c.department_reason.clone()))
                on_input=write(|c, v| c.department_reason = v)
                error=Signal::derive(move || problems.at(index, field::REASON))
                max=500
                placeholder=Some(ScreeningMsg::DeptReasonPlaceholder)
                disabled=locked
            />
        }
    });
    view! {
        <li class="card candidate" data-testid="candidate">
            <div class="candidate-head">
                <span class="candidate-no" aria-hidden="true">{index + 1}</span>
                <div class="candidate-place">
                    <h3 class="candidate-name">
                        <span class="visually-hidden">{prefix} " "</span>
                        {place_name}
                    </h3>
                    <p class="candidate-meta">{meta}</p>
                </div>
            </div>
            {move || line("field-error", problems.at(index, field::PLACE))}
            <TextField
                id=id("title")
                label=tr(ScreeningMsg::PublicTitle)
                label_prefix=Some(TextProp::from(prefix))
                value=Signal::derive(move || read(|c| c.title.clone()))
                on_input=write(|c, v| c.title = v)
                error=Signal::derive(move || problems.at(index, field::TITLE))
                disabled=locked
            />
            <CandidateText
                id=id("description")
                label=ScreeningMsg::PublicDescription
                prefix=Signal::derive(prefix)
                value=Signal::derive(move || read(|c| c.description.clone()))
                on_input=write(|c, v| c.description = v)
                error=Signal::derive(move || problems.at(index, field::DESCRIPTION))
                max=DESCRIPTION_MAX
                placeholder=None
                disabled=locked
            />
            {reason}
            <CoverPicker
                s
                place_id
                prefix=Signal::derive(prefix)
                error=Signal::derive(move || problems.at(index, field::COVER))
            />
            {tools}
        </li>
    }
}

/// A candidate's multi-line text with its counter and error (ids vary per candidate,
/// which the nomination form's `TextAreaField` does not allow).
#[component]
fn CandidateText(
    id: String,
    label: ScreeningMsg,
    /// Read before the label by screen readers (which candidate).
    prefix: Signal<String>,
    value: Signal<String>,
    on_input: Callback<String>,
    error: Signal<Option<String>>,
    max: usize,
    placeholder: Option<ScreeningMsg>,
    disabled: bool,
) -> impl IntoView {
    let lang = use_lang();
    let area = NodeRef::<leptos::html::Textarea>::new();
    Effect::new(move |_| {
        let v = value.get();
        if let Some(el) = area.get() {
            if el.value() != v {
                el.set_value(&v);
            }
        }
    });
    let count = move || value.with(|v| v.trim().chars().count());
    let (error_id, counter_id) = (format!("{id}-error"), format!("{id}-count"));
    let described_by = {
        let (error_id, counter_id) = (error_id.clone(), counter_id.clone());
        move || match error.get() {
            Some(_) => format!("{error_id} {counter_id}"),
            None => counter_id.clone(),
        }
    };
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id.clone()>
                <span class="visually-hidden">{prefix} " "</span>
                {tr(label)}
            </label>
            <textarea
                node_ref=area
                id=id
                rows="3"
                disabled=disabled
                placeholder=move || placeholder.map(|p| lang.t(p))
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described_by
                on:input=move |ev| on_input.run(event_target_value(&ev))
            ></textarea>
            <div class="field-foot">
                {move || {
                    error.get().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })
                }}
                <p class="counter" class:over=move || { count() > max } id=counter_id>
                    {move || format!("{}/{max}", count())}
                </p>
            </div>
        </div>
    }
}

/// The cover: one of the place's photos (or the department's own), tapped; and the
/// department's upload.
#[component]
fn CoverPicker(
    s: Screening,
    place_id: i64,
    prefix: Signal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let locked = s.locked();
    let upload = Mutation::new();
    // A memo, so typing elsewhere on the list does not redraw the photos.
    let choices = Memo::new(move |_| {
        s.draft.with(|d| {
            d.candidates
                .iter()
                .find(|c| c.place_id == place_id)
                .map(|c| s.data.with(|v| c.cover_choices(find_place(v, place_id))))
                .unwrap_or_default()
        })
    });
    let chosen = move || {
        s.draft.with(|d| {
            d.candidates
                .iter()
                .find(|c| c.place_id == place_id)
                .and_then(|c| c.cover.as_ref().map(|p| p.id.clone()))
        })
    };
    let name = format!("candidate-{place_id}-cover");
    let options = move || {
        let choices = choices.get();
        if choices.is_empty() {
            return view! { <p class="field-hint">{tr(ScreeningMsg::CoverNone)}</p> }.into_any();
        }
        let name = name.clone();
        view! {
            <div class="cover-grid">
                {choices
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let photo = StoredValue::new(p.clone());
                        let id = p.id.clone();
                        view! {
                            <label class="cover-option">
                                <input
                                    type="radio"
                                    name=name.clone()
                                    disabled=locked
                                    prop:checked=move || chosen().as_deref() == Some(id.as_str())
                                    on:change=move |_| {
                                        s.draft.update(|d| {
                                            if let Some(c) = d.get_mut(place_id) {
                                                c.cover = Some(photo.get_value());
                                            }
                                        })
                                    }
                                />
                                {thumb_img(&p, i + 1)}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        }
        .into_any()
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let file: Option<Blob> = input.files().and_then(|l| l.get(0)).map(Blob::from);
        input.set_value("");
        let Some(file) = file else {
            return;
        };
        let csrf = s.session.csrf();
        upload.run(async move {
            // A photo the phone cannot shrink goes as it is; the server decides.
            let small = photo_shrink::shrink(&file).await.unwrap_or(file);
            match api::screening::upload_photo(&small, &csrf).await {
                Ok(photo) => {
                    s.draft.update(|d| {
                        if let Some(c) = d.get_mut(place_id) {
                            c.own_photos.push(photo.clone());
                            c.cover = Some(photo);
                        }
                    });
                    Ok(Msg::Saved)
                }
                Err(e) => {
                    s.session.note_error(&e);
                    Err(e)
                }
            }
        });
    };
    let upload_button = (!locked).then(|| {
        view! {
            <label class="button small subtle upload" class:busy=move || upload.pending()>
                <input
                    type="file"
                    accept="image/*"
                    class="visually-hidden"
                    disabled=move || upload.pending()
                    on:change=on_file
                />
                {move || {
                    lang.t(
                        if upload.pending() {
                            ScreeningMsg::UploadingPhoto
                        } else {
                            ScreeningMsg::UploadPhoto
                        },
                    )
                }}
            </label>
            <Notice mutation=upload errors_only=true />
        }
    });
    view! {
        <fieldset class="cover-picker" class:has-error=move || error.get().is_some()>
            <legend>
                <span class="visually-hidden">{prefix} " "</span>
                {tr(ScreeningMsg::Cover)}
            </legend>
            {options}
            {move || line("field-error", error.get())}
            {upload_button}
        </fieldset>
    }
}

/// Adds a place residents did not nominate: from the register, or new to it.
#[component]
fn AddPlace(s: Screening) -> impl IntoView {
    let lang = use_lang();
    let open = RwSignal::new(false);
    let place = RwSignal::new(PlaceDraft::default());
    let attempted = RwSignal::new(false);
    let create = Mutation::new();
    // Made here, not in the form: the search may still read it as the form closes.
    let category = Signal::derive(move || Some(s.category));
    let chosen = move || place.with(|p| (!p.new_place).then(|| p.chosen.clone()).flatten());
    let already = move || chosen().is_some_and(|c| s.draft.with(|d| d.contains(c.id)));
    let error_for = Callback::new(move |name: &'static str| {
        let local = attempted
            .get()
            .then(|| place.with(|p| place_problem(p, name, lang.get())));
        let server = |e: &FieldError| match e.field.as_str() {
            "name" => name == place_field::PLACE_NAME,
            "town" => name == place_field::PLACE_TOWN,
            _ => false,
        };
        local.flatten().or_else(|| {
            create.error().and_then(|e| {
                e.field_errors()
                    .iter()
                    .find(|e| server(e))
                    .map(|e| e.message.clone())
            })
        })
    });
    // Puts the place on the list: as nominated if residents did nominate it after all.
    let add = move |id: i64, name: String| {
        let candidate = s.data.with_untracked(|v| match find_place(v, id) {
            Some(p) if is_nominated(v, id) => CandidateDraft::nominated(p),
            _ => CandidateDraft::registered(id, &name),
        });
        s.draft.update(|d| d.add(candidate));
        open.set(false);
        place.set(PlaceDraft::default());
        attempted.set(false);
    };
    let submit = move |_| {
        attempted.set(true);
        if let Some(c) = chosen() {
            if !already() {
                add(c.id, c.name);
            }
            return;
        }
        let input = place.with_untracked(|p| PlaceInput {
            category: s.category,
            name: p.name.clone(),
            town: p.town.clone(),
            position: None,
        });
        if !place.with_untracked(|p| p.new_place) || input.parse().is_err() {
            return;
        }
        let csrf = s.session.csrf();
        create.run(async move {
            match api::places::create(&input, &csrf).await {
                Ok(p) => {
                    add(p.id, p.name);
                    Ok(Msg::Saved)
                }
                Err(e) => {
                    s.session.note_error(&e);
                    Err(e)
                }
            }
        });
    };
    let label = move || {
        let new = place.with(|p| p.new_place);
        lang.t(if new {
            ScreeningMsg::AddNew
        } else {
            ScreeningMsg::AddChosen
        })
    };
    let form = move || {
        if !open.get() {
            let full = move || s.picked() >= s.size();
            return view! {
                {move || line("field-hint", full().then(|| lang.t(ScreeningMsg::Full).to_owned()))}
                <button
                    type="button"
                    class="button block subtle"
                    disabled=full
                    on:click=move |_| open.set(true)
                >
                    {tr(ScreeningMsg::AddOpen)}
                </button>
            }
            .into_any();
        }
        view! {
            <div class="inline-form screening-form">
                <PlacePicker
                    legend=tr(ScreeningMsg::AddQuestion)
                    category
                    place
                    on_touch=Callback::new(|_| {})
                    error_for
                />
                {move || {
                    let text = already().then(|| lang.t(ScreeningMsg::AlreadyPicked).to_owned());
                    line("field-hint warn", text)
                }}
                <Notice mutation=create errors_only=true />
                <div class="button-row">
                    <button
                        type="button"
                        class="button primary"
                        disabled=move || create.pending() || already()
                        on:click=submit
                    >
                        {label}
                    </button>
                    <button type="button" class="button" on:click=move |_| open.set(false)>
                        {tr(Msg::Cancel)}
                    </button>
                </div>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="card add-place">
            <h2 class="card-title">{tr(ScreeningMsg::AddTitle)}</h2>
            <p class="card-lead">{tr(ScreeningMsg::AddHint)}</p>
            {form}
        </section>
    }
}
