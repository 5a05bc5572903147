//! `/office/sheets/{id}`: one score-sheet version. A draft opens in the editor (save
//! draft; the office approves it); an approved version is read-only, with 复制为新版本 and
//! the office's 本轮使用. `/office/sheets/new?category=…[&from=demo]` writes a new sheet
//! (blank, or from the example sheet) that becomes a draft on its first save. 编辑 / 预览
//! switch to how an inspector will see it.

use crate::api;
use crate::components::admin_gate::AdminGate;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::components::sheet_copy_button::SheetCopyButton;
use crate::components::sheet_editor_form::{SheetEditorForm, SheetTotalBar};
use crate::components::sheet_office_actions::{in_use, Pins, SheetOfficeActions};
use crate::components::sheet_preview::SheetPreview;
use crate::forms::sheet_editor::SheetEditor;
use crate::i18n::sheets::{version_no, SheetMsg};
use crate::i18n::Text;
use crate::pages::sheet_list_page::{chosen_category, who_when};
use crate::state::lang_context::{tr, tr_when, use_lang};
use crate::state::mutation::Mutation;
use crate::state::remote::Remote;
use crate::state::session_context::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;
use pingxuan_domain::lang::Label;
use pingxuan_domain::score_sheet::{SheetDraftInput, SheetStatus, SheetVersion};
use pingxuan_domain::score_sheet_demo::demo_sheet;
use pingxuan_domain::{Category, ErrorCode, FieldError};

/// The page: admins and lead departments.
#[component]
pub fn SheetEditorPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    view! {
        <div class="page sheet-page">
            <A href="/office/sheets" attr:class="back-link">{tr(SheetMsg::Back)}</A>
            <AdminGate external=true departments=true>
                {move || match id.get().as_str() {
                    "new" => view! { <NewSheet /> }.into_any(),
                    other => match other.parse::<i64>() {
                        Ok(id) => view! { <StoredSheet id /> }.into_any(),
                        Err(_) => not_found().into_any(),
                    },
                }}
            </AdminGate>
        </div>
    }
}

fn not_found() -> impl IntoView {
    view! {
        <h1 class="page-title">{tr(SheetMsg::ViewTitle)}</h1>
        <div class="card state-card empty">
            <p class="state-title">{tr(SheetMsg::NotFoundTitle)}</p>
        </div>
    }
}

/// A sheet not saved yet: blank, or the example sheet (`from=demo`).
#[component]
fn NewSheet() -> impl IntoView {
    let query = use_query_map();
    let category = chosen_category().get_untracked();
    let demo = query.with_untracked(|q| q.get("from").as_deref() == Some("demo"));
    let editor = if demo {
        SheetEditor::from_content(&demo_sheet(category))
    } else {
        SheetEditor::blank()
    };
    view! { <Workbench category version=None editor pins=None on_changed=Callback::new(|_| {}) /> }
}

/// A stored version, loaded.
#[component]
fn StoredSheet(id: i64) -> impl IntoView {
    let version = Remote::new(move || api::sheets::get(id));
    let pins: Pins = Remote::new(api::sheets::current_pins);
    let on_changed = Callback::new(move |v: SheetVersion| {
        version.set(v);
        pins.refresh();
    });
    move || match version.get() {
        None => view! { <LoadingState /> }.into_any(),
        Some(Err(e)) if e.code() == Some(ErrorCode::NotFound) => not_found().into_any(),
        Some(Err(error)) => view! {
            <ErrorState error on_retry=Callback::new(move |_| version.reload()) />
        }
        .into_any(),
        Some(Ok(v)) => {
            let editor = SheetEditor::from_content(&v.content);
            view! { <Workbench category=v.category version=Some(v) editor pins=Some(pins) on_changed /> }
                .into_any()
        }
    }
}

/// The editor (or the read-only sheet), the preview, and the office's actions.
#[component]
fn Workbench(
    category: Category,
    /// None while the sheet has never been saved.
    version: Option<SheetVersion>,
    editor: SheetEditor,
    pins: Option<Pins>,
    /// A new state of the version from the server (approved).
    on_changed: Callback<SheetVersion>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let readonly = version
        .as_ref()
        .is_some_and(|v| v.status == SheetStatus::Approved);
    // A blank sheet shows its boxes' problems from the first save; others at once.
    let reveal = RwSignal::new(version.is_some() || editor.max_total() > 0);
    let editor = RwSignal::new(editor);
    let dirty = RwSignal::new(false);
    let server_errors = RwSignal::new(Vec::<FieldError>::new());
    let status = RwSignal::new(None::<(bool, String)>);
    let preview = RwSignal::new(false);
    let save = Mutation::new();
    let saved = RwSignal::new(version.clone());

    // The domain's problems; the server's only where the domain sees none.
    let problems = Signal::derive(move || {
        let mut list = editor.with(|e| e.problems());
        server_errors.with(|s| {
            for e in s {
                if !list.iter().any(|x| x.field == e.field) {
                    list.push(e.clone());
                }
            }
        });
        list
    });
    let on_change = Callback::new(move |()| {
        dirty.set(true);
        status.set(None);
        server_errors.update(Vec::clear);
    });
    let id = version.as_ref().map(|v| v.id);
    let do_save = move || {
        reveal.set(true);
        let content = match editor.with_untracked(|e| e.to_content()) {
            Ok(c) => c,
            Err(_) => {
                status.set(Some((
                    false,
                    SheetMsg::FixFirst.text(lang.get_untracked()).to_owned(),
                )));
                return;
            }
        };
        let input = SheetDraftInput { category, content };
        let csrf = session.csrf();
        let navigate = navigate.clone();
        save.run(async move {
            let answer = match id {
                Some(id) => api::sheets::save(id, &input, &csrf).await,
                None => api::sheets::create(&input, &csrf).await,
            };
            match answer {
                Ok(v) if id.is_none() => {
                    navigate(
                        &format!("/office/sheets/{}", v.id),
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    );
                    Ok(crate::i18n::Msg::Saved)
                }
                Ok(v) => {
                    saved.try_set(Some(v));
                    dirty.try_set(false);
                    status.try_set(Some((
                        true,
                        SheetMsg::Saved.text(lang.get_untracked()).to_owned(),
                    )));
                    Ok(crate::i18n::Msg::Saved)
                }
                Err(e) => {
                    session.note_error(&e);
                    server_errors.try_set(e.field_errors().to_vec());
                    let message = if e.field_errors().is_empty() {
                        e.message(lang.get_untracked())
                    } else {
                        SheetMsg::FixFirst.text(lang.get_untracked()).to_owned()
                    };
                    status.try_set(Some((false, message)));
                    Err(e)
                }
            }
        });
    };
    let title = if version.is_none() {
        SheetMsg::NewTitle
    } else if readonly {
        SheetMsg::ViewTitle
    } else {
        SheetMsg::EditTitle
    };
    let meta = move || {
        saved.with(|v| {
            v.as_ref().map(|v| {
                let l = lang.get();
                let used = pins
                    .and_then(|p| p.get())
                    .and_then(Result::ok)
                    .is_some_and(|p| in_use(&p, v.id));
                let status = if used {
                    SheetMsg::StatusInUse
                } else if v.status == SheetStatus::Approved {
                    SheetMsg::StatusApproved
                } else {
                    SheetMsg::StatusDraft
                };
                format!(
                    "{} · {} · {} · {}",
                    category.label(l),
                    version_no(l, v.version),
                    status.text(l),
                    who_when(v)()
                )
            })
        })
    };
    let copy = version
        .as_ref()
        .filter(|_| readonly)
        .map(|v| view! { <SheetCopyButton category content=v.content.clone() label=SheetMsg::CopyAsNew /> });
    let office = match (&version, pins) {
        (Some(v), Some(pins)) => Some(view! {
            <SheetOfficeActions version=v.clone() pins dirty on_approved=on_changed />
        }),
        _ => None,
    };
    let tab = move |on: bool, label: SheetMsg| {
        view! {
            <button
                type="button"
                class="seg"
                aria-pressed=move || if preview.get() == on { "true" } else { "false" }
                on:click=move |_| preview.set(on)
            >
                {tr(label)}
            </button>
        }
    };
    view! {
        <h1 class="page-title">{tr(title)}</h1>
        <p class="sheet-meta muted" data-testid="sheet-meta">
            {move || meta().unwrap_or_else(|| category.label(lang.get()).to_owned())}
        </p>
        {readonly.then(|| view! { <p class="notice">{tr(SheetMsg::ReadOnly)}</p> })}
        {copy}
        {office}
        <div class="segmented view-switch" role="group">
            {tab(false, SheetMsg::EditTab)}
            {tab(true, SheetMsg::PreviewTab)}
        </div>
        {move || {
            if preview.get() {
                let content = editor.with_untracked(|e| e.content().0);
                view! { <SheetPreview content /> }.into_any()
            } else {
                view! { <SheetEditorForm editor problems reveal readonly on_change /> }.into_any()
            }
        }}
        {(!readonly)
            .then(|| {
                let do_save = do_save.clone();
                view! {
                    <SheetTotalBar editor problems status on_change>
                        <button
                            type="button"
                            class="button primary"
                            disabled=move || save.pending()
                            on:click=move |_| do_save()
                        >
                            {tr_when(save.pending_signal(), SheetMsg::Saving, SheetMsg::SaveDraft)}
                        </button>
                    </SheetTotalBar>
                }
            })}
    }
}
