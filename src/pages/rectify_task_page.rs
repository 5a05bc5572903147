//! `/rectify/task/{id}`: one rectification task on a phone. Before: the place's cover
//! photo and its published result. After: each submission's photos and description
//! (returned ones kept). The town (or the lead department) uploads after-photos with a
//! progress bar and a description; inspectors and the office verify or return it with a
//! required reason; a town acknowledges a reminder. The history at the bottom.

use crate::api;
use crate::api::photos::{upload_as_staff, PhotoUpload};
use crate::browser::photo_shrink;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::components::photo_picker::picked_files;
use crate::i18n::rectify::{due_line, rank_text, submit_hint, RectifyMsg};
use crate::i18n::results::score;
use crate::i18n::{photos_skipped, Text};
use crate::pages::rectify_list_page::SignedIn;
use crate::state::lang_context::{tr, use_lang};
use crate::state::remote::Remote;
use crate::state::session_context::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use pingxuan_domain::lang::Label;
use pingxuan_domain::nomination::PhotoView;
use pingxuan_domain::rectification::{
    due_words, RectificationDetail, SubmitRectificationRequest, TaskAction, TaskKind, MAX_PHOTOS,
};
use pingxuan_domain::results::parse_reason;
use pingxuan_domain::time::{format_date, format_datetime};
use web_sys::Blob;

/// The page, behind sign-in.
#[component]
pub fn RectifyTaskPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()));
    view! {
        <div class="page rectify-page">
            <A href="/rectify/" attr:class="back-link">
                {tr(RectifyMsg::BackToList)}
            </A>
            <SignedIn>
                <Task id=id.unwrap_or(0) />
            </SignedIn>
        </div>
    }
}

#[component]
fn Task(id: i64) -> impl IntoView {
    let detail: Remote<RectificationDetail> = Remote::new(move || api::rectification::detail(id));
    let retry = Callback::new(move |()| detail.reload());
    move || match detail.get() {
        None => view! { <LoadingState /> }.into_any(),
        Some(Err(e)) => view! { <ErrorState error=e on_retry=retry /> }.into_any(),
        Some(Ok(d)) => view! { <TaskView d detail /> }.into_any(),
    }
}

#[component]
fn TaskView(d: RectificationDetail, detail: Remote<RectificationDetail>) -> impl IntoView {
    let lang = use_lang();
    let t = d.task.clone();
    let (kind, status, due_at, now, rank) = (t.kind, t.status, t.due_at, d.now, t.rank);
    let category = t.category;
    let total = score(t.total);
    let head_class = if t.overdue {
        "card rectify-head overdue"
    } else {
        "card rectify-head"
    };
    let cover = t.cover_url.clone().map(|url| {
        view! {
            <figure class="rectify-before">
                <img src=url alt=tr(RectifyMsg::CoverAlt) loading="lazy" />
                <figcaption>{tr(RectifyMsg::Before)}</figcaption>
            </figure>
        }
    });
    let withdrawn = t.withdrawn_reason.clone().map(|r| {
        view! {
            <p class="card notice-card">{tr(RectifyMsg::WithdrawnBecause)} {r}</p>
        }
    });
    let allowed = d.allowed.clone();
    let can = move |a: TaskAction| allowed.contains(&a);
    let submit = can(TaskAction::Submit).then(|| view! { <SubmitForm id=t.id detail /> });
    let review = (can(TaskAction::Verify) || can(TaskAction::Return))
        .then(|| view! { <ReviewForm id=t.id detail /> });
    let acknowledge =
        can(TaskAction::Acknowledge).then(|| view! { <AcknowledgeForm id=t.id detail /> });
    let reminder = (kind == TaskKind::Reminder).then(|| {
        view! {
            <section class="card">
                <h2 class="section-title">{tr(RectifyMsg::ReminderTitle)}</h2>
                <p class="muted">{tr(RectifyMsg::ReminderHint)}</p>
            </section>
        }
    });
    let submissions = d.submissions.clone();
    let after = (kind == TaskKind::Rectify).then(|| {
        let list = if submissions.is_empty() {
            view! { <p class="muted">{tr(RectifyMsg::NoSubmission)}</p> }.into_any()
        } else {
            submissions
                .into_iter()
                .map(|s| {
                    let photos = s
                        .photos
                        .into_iter()
                        .map(|p| {
                            view! {
                                <a href=p.url.clone() target="_blank" rel="noopener">
                                    <img class="photo-thumb" src=p.thumb_url alt=tr(RectifyMsg::AfterPhotoAlt) loading="lazy" />
                                </a>
                            }
                        })
                        .collect_view();
                    let at = s.at;
                    view! {
                        <article class="rectify-submission">
                            <div class="photo-grid">{photos}</div>
                            <p class="rectify-description">{s.description}</p>
                            <p class="muted small">
                                {s.by_name} " · " {move || format_datetime(at, lang.get())}
                            </p>
                        </article>
                    }
                })
                .collect_view()
                .into_any()
        };
        view! {
            <section class="card">
                <h2 class="section-title">{tr(RectifyMsg::After)}</h2>
                {list}
            </section>
        }
    });
    let events = d
        .events
        .into_iter()
        .map(|e| {
            let (action, at) = (e.action, e.at);
            let reason = e.reason.map(|r| view! { <p class="event-reason">{r}</p> });
            view! {
                <li class=format!("event event-{}", action.as_str())>
                    <p class="event-what">
                        <strong>{move || action.label(lang.get())}</strong>
                        {e.by_name.map(|n| view! { <span class="muted">" · " {n}</span> })}
                    </p>
                    {reason}
                    <p class="muted small">{move || format_datetime(at, lang.get())}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class=head_class>
            <p class="rectify-card-top">
                <span class=if kind == TaskKind::Reminder { "badge warned" } else { "badge worst" }>
                    {move || kind.label(lang.get())}
                </span>
                <span class=format!("status status-{}", status.as_str())>
                    {move || status.label(lang.get())}
                </span>
            </p>
            <h2 class="rectify-title">{t.title.clone()}</h2>
            <p class="muted">{t.place_name.clone()} " · " {t.town.clone()}</p>
            {cover}
            <dl class="facts">
                <dt>{move || category.label(lang.get())}</dt>
                <dd>{move || rank_text(lang.get(), rank)}</dd>
                <dt>{tr(RectifyMsg::Total)}</dt>
                <dd>{total}</dd>
                <dt>{tr(RectifyMsg::DueDate)}</dt>
                <dd class="rectify-due">
                    {move || {
                        let l = lang.get();
                        due_line(l, &format_date(due_at, l), &due_words(kind, status, due_at, now, l))
                    }}
                </dd>
            </dl>
        </section>
        {withdrawn}
        {reminder}
        {after}
        {submit}
        {review}
        {acknowledge}
        <section class="card">
            <h2 class="section-title">{tr(RectifyMsg::History)}</h2>
            <ol class="timeline">{events}</ol>
        </section>
    }
}

/// One after-photo being sent: its preview, progress, and the stored photo once done.
#[derive(Clone)]
struct Slot {
    key: u32,
    preview: String,
    state: RwSignal<Upload>,
}

#[derive(Clone, Debug, PartialEq)]
enum Upload {
    Sending(u8),
    Done(PhotoView),
    Failed,
}

/// Shrinks `file` on the phone and uploads it as the signed-in account, moving the bar.
fn send(file: Blob, state: RwSignal<Upload>, csrf: String) {
    spawn_local(async move {
        let Ok(small) = photo_shrink::shrink(&file).await else {
            state.try_set(Upload::Failed);
            return;
        };
        let upload: PhotoUpload = upload_as_staff(&small, &csrf, move |p| {
            state.try_set(Upload::Sending(p));
        });
        match upload.answer().await {
            Ok(photo) => state.try_set(Upload::Done(photo)),
            Err(_) => state.try_set(Upload::Failed),
        };
    });
}

/// After-photos and the description, checked with the domain's rules before sending.
#[component]
fn SubmitForm(id: i64, detail: Remote<RectificationDetail>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let slots: RwSignal<Vec<Slot>> = RwSignal::new(Vec::new());
    let next_key = StoredValue::new(0u32);
    let description = RwSignal::new(String::new());
    let attempted = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    // How many photos of the last pick were left out: past MAX_PHOTOS.
    let skipped = RwSignal::new(0usize);
    // The photos' states belong to the form, not to the picker that creates them: the
    // picker goes away once the form is full, and signals made under it would go with it
    // (the uploads would finish unseen).
    let owner = StoredValue::new(Owner::current());
    let on_files = move |ev: leptos::ev::Event| {
        let files = picked_files(&ev);
        let room = MAX_PHOTOS.saturating_sub(slots.with_untracked(Vec::len));
        skipped.set(files.len().saturating_sub(room));
        for file in files.into_iter().take(room) {
            let key = next_key.get_value();
            next_key.set_value(key + 1);
            let preview = web_sys::Url::create_object_url_with_blob(&file).unwrap_or_default();
            let state = owner.with_value(|o| match o {
                Some(o) => o.with(|| RwSignal::new(Upload::Sending(0))),
                None => RwSignal::new(Upload::Sending(0)),
            });
            slots.update(|s| {
                s.push(Slot {
                    key,
                    preview,
                    state,
                })
            });
            send(file, state, session.csrf());
        }
    };
    let photo_ids = move || {
        slots.with(|s| {
            s.iter()
                .filter_map(|slot| match slot.state.get() {
                    Upload::Done(p) => Some(p.id),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
    };
    let busy = move || {
        slots.with(|s| {
            s.iter()
                .any(|x| matches!(x.state.get(), Upload::Sending(_)))
        })
    };
    let request = move || SubmitRectificationRequest {
        description: description.get(),
        photo_ids: photo_ids(),
    };
    let problem = move |field: &str| {
        if !attempted.get() {
            return None;
        }
        let errors = request().parse().err()?;
        errors
            .into_iter()
            .find(|e| e.field == field)
            .map(|e| match field {
                "photo_ids" => RectifyMsg::NeedPhotos.text(lang.get()).to_owned(),
                _ => e.message,
            })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        failure.set(None);
        let body = request();
        if body.parse().is_err() || busy() || pending.get_untracked() {
            return;
        }
        pending.set(true);
        let csrf = session.csrf();
        spawn_local(async move {
            match api::rectification::submit(id, &body, &csrf).await {
                Ok(d) => detail.set(d),
                Err(e) => {
                    failure.try_set(Some(e.message(lang.get_untracked())));
                }
            }
            pending.try_set(false);
        });
    };
    let tiles =
        move || {
            slots
            .get()
            .into_iter()
            .map(|slot| {
                let Slot { key, preview, state } = slot;
                let label = move || {
                    let l = lang.get();
                    match state.get() {
                        Upload::Sending(p) => format!("{}{p}%", RectifyMsg::PhotoUploading.text(l)),
                        Upload::Done(_) => RectifyMsg::PhotoDone.text(l).to_owned(),
                        Upload::Failed => RectifyMsg::PhotoFailed.text(l).to_owned(),
                    }
                };
                let percent = move || match state.get() {
                    Upload::Sending(p) => Some(p),
                    _ => None,
                };
                let class = move || match state.get() {
                    Upload::Sending(_) => "photo-tile",
                    Upload::Done(_) => "photo-tile done",
                    Upload::Failed => "photo-tile failed",
                };
                let remove = move |_| slots.update(|s| s.retain(|x| x.key != key));
                view! {
                    <li class=class data-testid="photo-tile">
                        <img class="photo-thumb" src=preview alt=tr(RectifyMsg::AfterPhotoAlt) />
                        <div class="photo-status" role="status">
                            <span class="photo-label">{label}</span>
                            <Show when=move || percent().is_some()>
                                <progress max="100" value=move || percent().unwrap_or(0)></progress>
                            </Show>
                        </div>
                        <button
                            type="button"
                            class="photo-remove"
                            aria-label=tr(RectifyMsg::Remove)
                            on:click=remove
                        >
                            <span aria-hidden="true">"×"</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
        };
    view! {
        <form class="card rectify-form" on:submit=on_submit novalidate>
            <h2 class="section-title">{tr(RectifyMsg::SubmitTitle)}</h2>
            <p class="field-hint">{move || submit_hint(lang.get(), MAX_PHOTOS)}</p>
            <ul class="photo-grid">{tiles}</ul>
            <Show when=move || slots.with(Vec::len) < MAX_PHOTOS>
                <label class="button block photo-add">
                    <input
                        type="file"
                        accept="image/*"
                        multiple
                        class="visually-hidden"
                        on:change=on_files
                        aria-label=tr(RectifyMsg::AddPhotos)
                    />
                    <span>{tr(RectifyMsg::AddPhotos)}</span>
                </label>
            </Show>
            {move || {
                let n = skipped.get();
                (n > 0).then(|| view! { <p class="field-hint warn">{photos_skipped(lang.get(), MAX_PHOTOS, n)}</p> })
            }}
            {move || problem("photo_ids").map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <label class="field-label" for="rectify-description">
                {tr(RectifyMsg::Description)}
            </label>
            <textarea
                id="rectify-description"
                class="textarea"
                rows="5"
                maxlength="1000"
                placeholder=tr(RectifyMsg::DescriptionHint)
                prop:value=move || description.get()
                on:input=move |ev| description.set(event_target_value(&ev))
            ></textarea>
            {move || problem("description").map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            {move || failure.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <button type="submit" class="button primary block" disabled=move || pending.get() || busy()>
                {move || if pending.get() { tr(RectifyMsg::Submitting)() } else { tr(RectifyMsg::Submit)() }}
            </button>
        </form>
    }
}

/// 核验通过, or 退回重改 with a required reason.
#[component]
fn ReviewForm(id: i64, detail: Remote<RectificationDetail>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let reason = RwSignal::new(String::new());
    let returning = RwSignal::new(false);
    let attempted = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let run = move |action: &'static str| {
        failure.set(None);
        if action == "return" {
            attempted.set(true);
            if parse_reason(&reason.get_untracked()).is_err() {
                return;
            }
        }
        pending.set(true);
        let csrf = session.csrf();
        let text = reason.get_untracked();
        spawn_local(async move {
            let answer = if action == "return" {
                api::rectification::send_back(id, &text, &csrf).await
            } else {
                api::rectification::act(id, action, &csrf).await
            };
            match answer {
                Ok(d) => detail.set(d),
                Err(e) => {
                    failure.try_set(Some(e.message(lang.get_untracked())));
                }
            }
            pending.try_set(false);
        });
    };
    let reason_problem = move || {
        (attempted.get())
            .then(|| parse_reason(&reason.get()).err())
            .flatten()
            .map(|e| e.message)
    };
    view! {
        <section class="card rectify-form">
            <h2 class="section-title">{tr(RectifyMsg::VerifyTitle)}</h2>
            <Show
                when=move || returning.get()
                fallback=move || {
                    view! {
                        <div class="button-row">
                            <button type="button" class="button primary" disabled=move || pending.get() on:click=move |_| run("verify")>
                                {tr(RectifyMsg::Verify)}
                            </button>
                            <button type="button" class="button danger" disabled=move || pending.get() on:click=move |_| returning.set(true)>
                                {tr(RectifyMsg::Return)}
                            </button>
                        </div>
                    }
                }
            >
                <label class="field-label" for="rectify-reason">{tr(RectifyMsg::ReturnReason)}</label>
                <textarea
                    id="rectify-reason"
                    class="textarea"
                    rows="3"
                    maxlength="200"
                    placeholder=tr(RectifyMsg::ReturnReasonHint)
                    prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))
                ></textarea>
                {move || reason_problem().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                <div class="button-row">
                    <button type="button" class="button" on:click=move |_| returning.set(false)>
                        {tr(RectifyMsg::Back)}
                    </button>
                    <button type="button" class="button danger" disabled=move || pending.get() on:click=move |_| run("return")>
                        {tr(RectifyMsg::Confirm)}
                    </button>
                </div>
            </Show>
            {move || failure.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </section>
    }
}

/// 确认收到 for a reminder.
#[component]
fn AcknowledgeForm(id: i64, detail: Remote<RectificationDetail>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let acknowledge = move |_| {
        pending.set(true);
        let csrf = session.csrf();
        spawn_local(async move {
            match api::rectification::act(id, "acknowledge", &csrf).await {
                Ok(d) => detail.set(d),
                Err(e) => {
                    failure.try_set(Some(e.message(lang.get_untracked())));
                }
            }
            pending.try_set(false);
        });
    };
    view! {
        <section class="card rectify-form">
            <button type="button" class="button primary block" disabled=move || pending.get() on:click=acknowledge>
                {tr(RectifyMsg::Acknowledge)}
            </button>
            {move || failure.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </section>
    }
}
