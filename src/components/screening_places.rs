//! The screening page's first half: residents' nominations grouped by place — count,
//! photos, 入选 — each unfolding to its nominations (reference, words, photos, the
//! resident's phone and position for staff), with 移到其他地点 and 不采纳; suggested
//! duplicates above, and the outcome of the last decision at the bottom with 撤销.

use crate::components::place_picker::PlacePicker;
use crate::components::screening_context::{line, NominationForm, Screening};
use crate::components::screening_duplicates::DuplicateList;
use crate::components::text_area_field::TextAreaField;
use crate::forms::field_errors::message_for;
use crate::forms::nomination_draft::PlaceDraft;
use crate::forms::place_form::coordinate_text;
use crate::forms::screening_place::{place_choice, place_problem, place_ready};
use crate::forms::screening_shortlist::{live_nominations, place_photos, CandidateDraft};
use crate::i18n::screening::{merged_text, rejected_note, show_nominations, ScreeningMsg};
use crate::i18n::Text;
use crate::i18n::{list_summary, nominated_by, photo_alt, Msg};
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;
use pingxuan_domain::geo::GeoPoint;
use pingxuan_domain::lang::Label;
use pingxuan_domain::nomination::PhotoView;
use pingxuan_domain::screening::{NominationDetail, ScreeningPlace};
use pingxuan_domain::time::format_datetime;

/// At most this many thumbnails on a place's card (all of them when unfolded).
const CARD_THUMBS: usize = 4;

/// The `n`th photo's thumbnail (from 1), lazy-loaded, its size known before it loads.
pub fn thumb_img(p: &PhotoView, n: usize) -> impl IntoView {
    let lang = use_lang();
    view! {
        <img
            src=p.thumb_url.clone()
            loading="lazy"
            decoding="async"
            width=p.width
            height=p.height
            alt=move || photo_alt(lang.get(), n)
        />
    }
}

/// Thumbnails that open the full photo.
pub fn thumbs(photos: Vec<PhotoView>) -> impl IntoView {
    photos
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            view! {
                <a class="thumb" href=p.url.clone() rel="external" target="_blank">
                    {thumb_img(&p, i + 1)}
                </a>
            }
        })
        .collect_view()
}

/// The places, their duplicates, and the last decision's outcome.
#[component]
pub fn ScreeningPlaces(s: Screening) -> impl IntoView {
    let lang = use_lang();
    let summary = move || {
        let l = lang.get();
        let (total, places) = s.data.with(|v| {
            let total: usize = v.places.iter().map(live_nominations).sum();
            (total as u32, v.places.len())
        });
        list_summary(l, s.category.list_title(l), total, places)
    };
    let list = move || {
        let places = s.data.with(|v| v.places.clone());
        if places.is_empty() {
            let hint = (!s.locked()).then(|| {
                view! { <p class="state-hint">{tr(ScreeningMsg::NoNominationsHint)}</p> }
            });
            return view! {
                <div class="card state-card empty">
                    <p class="state-title">{tr(ScreeningMsg::NoNominationsTitle)}</p>
                    {hint}
                </div>
            }
            .into_any();
        }
        view! {
            <p class="list-summary">{summary}</p>
            <ul class="place-list">
                {places.into_iter().map(|place| view! { <PlaceCard s place /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <DuplicateList s />
        {list}
        <DecisionToast s />
    }
}

/// One nominated place: name, count, photos, 入选, and its nominations when unfolded.
#[component]
fn PlaceCard(s: Screening, place: ScreeningPlace) -> impl IntoView {
    let lang = use_lang();
    let id = place.place.id;
    let live = live_nominations(&place);
    let rejected = place.nominations.len() - live;
    let district = place.place.district;
    let candidate = StoredValue::new(CandidateDraft::nominated(&place));
    let picked = move || s.draft.with(|d| d.contains(id));
    let full = move || s.picked() >= s.size();
    let open = move || s.expanded.with(|e| e.contains(&id));
    let toggle_pick = move |_| {
        s.draft.update(|d| {
            if d.contains(id) {
                d.remove(id);
            } else {
                d.add(candidate.get_value());
            }
        })
    };
    let toggle_open = move |_| {
        s.expanded.update(|e| {
            if let Some(i) = e.iter().position(|x| *x == id) {
                e.remove(i);
            } else {
                e.push(id);
            }
        })
    };
    let mut photos = place_photos(&place);
    photos.truncate(CARD_THUMBS);
    let nominations = StoredValue::new(place.nominations);
    let where_note =
        (rejected > 0).then_some(move || format!(" · {}", rejected_note(lang.get(), rejected)));
    view! {
        <li
            class="card place-card screening-place"
            class:picked=picked
            class:all-rejected=live == 0
            data-testid="screening-place"
        >
            <div class="place-head">
                <h2 class="place-name">{place.place.name}</h2>
                <span class="badge count">{move || nominated_by(lang.get(), live as u32)}</span>
            </div>
            <p class="place-where">
                {place.place.town} " · " {move || district.label(lang.get())} {where_note}
            </p>
            <div class="thumbs">{thumbs(photos)}</div>
            <div class="place-actions">
                <button
                    type="button"
                    class="button pick"
                    aria-pressed=move || if picked() { "true" } else { "false" }
                    disabled=move || s.locked() || live == 0 || (full() && !picked())
                    on:click=toggle_pick
                >
                    <span class="pick-mark" aria-hidden="true"></span>
                    {tr(ScreeningMsg::Pick)}
                </button>
                <button
                    type="button"
                    class="button"
                    aria-expanded=move || if open() { "true" } else { "false" }
                    on:click=toggle_open
                >
                    {move || {
                        if open() {
                            ScreeningMsg::Collapse.text(lang.get()).to_owned()
                        } else {
                            show_nominations(lang.get(), nominations.with_value(Vec::len))
                        }
                    }}
                </button>
            </div>
            {move || {
                let full = full() && !picked() && !s.locked() && live > 0;
                line("field-hint", full.then(|| lang.t(ScreeningMsg::Full).to_owned()))
            }}
            {move || {
                if !open() {
                    return ().into_any();
                }
                view! {
                    <ul class="nomination-list">
                        {nominations
                            .get_value()
                            .into_iter()
                            .map(|n| view! { <NominationItem s n /> })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </li>
    }
}

/// A map a phone opens at the resident's (WGS-84) position.
fn map_link(p: GeoPoint) -> (String, String) {
    let (lat, lng) = (coordinate_text(p.latitude), coordinate_text(p.longitude));
    (
        format!("https://uri.amap.com/marker?position={lng},{lat}&coordinate=wgs84"),
        format!("{lat}, {lng}"),
    )
}

/// One resident's nomination, with the actions on it.
#[component]
fn NominationItem(s: Screening, n: NominationDetail) -> impl IntoView {
    let lang = use_lang();
    let id = n.id;
    let created = n.created_at;
    let is_rejected = n.rejected_reason.is_some();
    let rejected = n.rejected_reason.map(|r| {
        view! {
            <p class="rejected-note">
                <strong>{tr(ScreeningMsg::RejectedLabel)}</strong>
                {r}
            </p>
        }
    });
    let phone = n.contact_phone.map(|p| {
        view! {
            <dt>{tr(ScreeningMsg::ContactPhone)}</dt>
            <dd>
                <a href=format!("tel:{p}")>{p.clone()}</a>
            </dd>
        }
    });
    let position = n.position.map(|p| {
        let (href, text) = map_link(p);
        view! {
            <dt>{tr(ScreeningMsg::Position)}</dt>
            <dd>
                <a href=href rel="external noopener" target="_blank">
                    {text}
                </a>
            </dd>
        }
    });
    let private = (phone.is_some() || position.is_some()).then(|| {
        view! {
            <div class="staff-only">
                <p class="eyebrow">{tr(ScreeningMsg::StaffOnly)}</p>
                <dl class="facts">{phone} {position}</dl>
            </div>
        }
    });
    let form = move || s.form.get();
    let actions = move || {
        if s.locked() || is_rejected || form().is_some() {
            return ().into_any();
        }
        let open = |form: NominationForm, class: &'static str, label: ScreeningMsg| {
            view! {
                <button
                    type="button"
                    class=class
                    on:click=move |_| {
                        s.decision.clear();
                        s.form.set(Some(form));
                    }
                >
                    {tr(label)}
                </button>
            }
        };
        view! {
            <div class="button-row nomination-actions">
                {open(NominationForm::Split(id), "button small", ScreeningMsg::Split)}
                {open(NominationForm::Reject(id), "button small danger", ScreeningMsg::Reject)}
            </div>
        }
        .into_any()
    };
    let open_form = move || match form() {
        Some(NominationForm::Split(x)) if x == id => {
            Some(view! { <SplitForm s nomination_id=id /> }.into_any())
        }
        Some(NominationForm::Reject(x)) if x == id => {
            Some(view! { <RejectForm s nomination_id=id /> }.into_any())
        }
        _ => None,
    };
    view! {
        <li class="nomination" class:rejected=is_rejected data-testid="nomination">
            <p class="nomination-meta">
                <span class="mono">{n.reference}</span>
                " · "
                {move || format_datetime(created, lang.get())}
            </p>
            {rejected}
            <p class="nomination-text">{n.description}</p>
            <div class="thumbs">{thumbs(n.photos)}</div>
            {private}
            {actions}
            {open_form}
        </li>
    }
}

/// "Which place is it really about?": the register search, or a new place.
#[component]
fn SplitForm(s: Screening, nomination_id: i64) -> impl IntoView {
    let lang = use_lang();
    let place = RwSignal::new(PlaceDraft::default());
    let attempted = RwSignal::new(false);
    let error_for = Callback::new(move |name: &'static str| {
        let local = attempted
            .get()
            .then(|| place.with(|p| place_problem(p, name, lang.get())));
        local.flatten().or_else(|| {
            s.decision
                .error()
                .and_then(|e| message_for(e.field_errors(), name))
        })
    });
    let submit = move |_| {
        attempted.set(true);
        let ready = place.with_untracked(|p| place_ready(p, lang.get_untracked()));
        if let (true, Some(choice)) = (ready, place.with_untracked(place_choice)) {
            s.split(nomination_id, choice);
        }
    };
    view! {
        <div class="inline-form screening-form">
            <PlacePicker
                legend=tr(ScreeningMsg::SplitQuestion)
                category=Signal::derive(move || Some(s.category))
                place
                on_touch=Callback::new(|_| {})
                error_for
            />
            <FormButtons s submit=Callback::new(submit) label=ScreeningMsg::SplitSubmit />
        </div>
    }
}

/// The reason a nomination is set aside.
#[component]
fn RejectForm(s: Screening, nomination_id: i64) -> impl IntoView {
    let lang = use_lang();
    let reason = RwSignal::new(String::new());
    let attempted = RwSignal::new(false);
    let error = Signal::derive(move || {
        let n = reason.with(|r| r.trim().chars().count());
        let local = (attempted.get() && !(2..=200).contains(&n))
            .then(|| ScreeningMsg::RejectReasonLength.text(lang.get()).to_owned());
        local.or_else(|| {
            s.decision
                .error()
                .and_then(|e| message_for(e.field_errors(), "reason"))
        })
    });
    let submit = move |_| {
        attempted.set(true);
        if error.get_untracked().is_none() {
            s.reject(nomination_id, reason.get_untracked().trim().to_owned());
        }
    };
    view! {
        <div class="inline-form screening-form">
            <TextAreaField
                id="screening-reject-reason"
                label=tr(ScreeningMsg::RejectReason)
                value=reason
                on_input=Callback::new(move |v| reason.set(v))
                on_blur=Callback::new(|_| {})
                error
                max_chars=200
            />
            <FormButtons s submit=Callback::new(submit) label=ScreeningMsg::RejectSubmit />
        </div>
    }
}

/// A nomination form's send and cancel buttons.
#[component]
fn FormButtons(s: Screening, submit: Callback<()>, label: ScreeningMsg) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="button-row">
            <button
                type="button"
                class="button primary"
                disabled=move || s.decision.pending()
                on:click=move |_| submit.run(())
            >
                {move || {
                    lang.t(if s.decision.pending() { ScreeningMsg::Working } else { label })
                }}
            </button>
            <button type="button" class="button" on:click=move |_| s.form.set(None)>
                {tr(Msg::Cancel)}
            </button>
        </div>
    }
}

/// The last decision's outcome, pinned above the navigation: 正在保存…, the merge just
/// made with 撤销, or what went wrong.
#[component]
pub fn DecisionToast(s: Screening) -> impl IntoView {
    let lang = use_lang();
    let dismissed = RwSignal::new(false);
    Effect::new(move |_| {
        // A new decision shows its outcome again.
        s.decision.pending_signal().track();
        dismissed.set(false);
    });
    let close = move |_| {
        dismissed.set(true);
        s.undo.set(None);
    };
    move || {
        let l = lang.get();
        if dismissed.get() {
            return ().into_any();
        }
        let (text, alert) = if s.decision.pending() {
            (ScreeningMsg::Working.text(l).to_owned(), false)
        } else if let Some(e) = s.decision.error().filter(|e| e.field_errors().is_empty()) {
            (e.message(l), true)
        } else if let Some(u) = s.undo.get() {
            (
                merged_text(l, &u.from_name, &u.into_name, u.nominations.len()),
                false,
            )
        } else {
            return ().into_any();
        };
        let undo = !alert && !s.decision.pending() && s.undo.with(Option::is_some);
        let undo = undo.then(|| {
            view! {
                <button type="button" class="button small" on:click=move |_| s.undo_merge()>
                    {ScreeningMsg::Undo.text(l)}
                </button>
            }
        });
        view! {
            <div class="screening-toast" class:error=alert role=if alert { "alert" } else { "status" }>
                <p class="toast-text">{text}</p>
                {undo}
                <button type="button" class="toast-close" aria-label=ScreeningMsg::Close.text(l) on:click=close>
                    "×"
                </button>
            </div>
        }
        .into_any()
    }
}
