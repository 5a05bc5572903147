//! `/office/sheets`: each category's score-sheet versions, newest first, with their status
//! in plain words (草稿 / 已批准 / 本轮在用), who wrote or approved them and when. Admins
//! switch categories with tabs (`?category=…`); a lead department sees its own. From
//! here: continue the draft, copy the newest approved version as a new one, or — with no
//! versions yet — start blank or from the example sheet.

use crate::api;
use crate::components::admin_gate::AdminGate;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::components::sheet_copy_button::SheetCopyButton;
use crate::components::sheet_office_actions::{in_use, Pins};
use crate::i18n::sheets::{by_at, sheet_size, version_no, SheetMsg};
use crate::state::lang_context::{tr, use_lang};
use crate::state::remote::Remote;
use crate::state::session_context::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use pingxuan_domain::lang::Label;
use pingxuan_domain::score_sheet::{SheetStatus, SheetVersion};
use pingxuan_domain::time::format_datetime;
use pingxuan_domain::Category;

/// The page: admins and lead departments.
#[component]
pub fn SheetListPage() -> impl IntoView {
    view! {
        <div class="page sheets-page">
            <h1 class="page-title">{tr(SheetMsg::Title)}</h1>
            <AdminGate external=true departments=true>
                <SheetCategories />
            </AdminGate>
        </div>
    }
}

/// The category whose sheets to show: a department's own; for admins `?category=…`.
pub fn chosen_category() -> Memo<Category> {
    let session = use_session();
    let query = use_query_map();
    Memo::new(move |_| {
        session.department().unwrap_or_else(|| {
            query
                .with(|q| q.get("category").and_then(|c| Category::parse(&c)))
                .unwrap_or(Category::Market)
        })
    })
}

/// Tabs for admins, then the chosen category's versions.
#[component]
fn SheetCategories() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let category = chosen_category();
    let pins: Pins = Remote::new(api::sheets::current_pins);
    let tabs = session.is_admin().then(|| {
        let links = Category::ALL
            .into_iter()
            .map(|c| {
                view! {
                    <a
                        class="tab"
                        href=format!("/office/sheets?category={}", c.as_str())
                        aria-current=move || (category.get() == c).then_some("page")
                    >
                        {move || c.label(lang.get())}
                    </a>
                }
            })
            .collect_view();
        view! { <nav class="tabs" aria-label=tr(SheetMsg::Categories)>{links}</nav> }
    });
    view! {
        <p class="card card-lead sheets-intro">{tr(SheetMsg::Intro)}</p>
        {tabs}
        {move || {
            let c = category.get();
            view! { <CategorySheets category=c pins /> }
        }}
    }
}

/// One category's versions and what can be done with them.
#[component]
fn CategorySheets(category: Category, pins: Pins) -> impl IntoView {
    let lang = use_lang();
    let list = Remote::new(move || async move { Ok(api::sheets::list(category).await?.versions) });
    move || {
        match list.get() {
        None => view! { <LoadingState /> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorState error on_retry=Callback::new(move |_| list.reload()) />
        }
        .into_any(),
        Some(Ok(versions)) if versions.is_empty() => view! {
            <div class="card state-card empty" data-testid="no-sheets">
                <p class="state-title">{tr(SheetMsg::EmptyTitle)}</p>
                <p class="state-hint">{tr(SheetMsg::EmptyHint)}</p>
                <div class="button-row center">
                    <A href=format!("/office/sheets/new?category={}", category.as_str()) attr:class="button">
                        {tr(SheetMsg::StartBlank)}
                    </A>
                    <A
                        href=format!("/office/sheets/new?category={}&from=demo", category.as_str())
                        attr:class="button primary"
                    >
                        {tr(SheetMsg::CopyDemo)}
                    </A>
                </div>
            </div>
        }
        .into_any(),
        Some(Ok(versions)) => {
            let draft = versions.iter().find(|v| v.status == SheetStatus::Draft).map(|v| v.id);
            let newest_approved = versions
                .iter()
                .find(|v| v.status == SheetStatus::Approved)
                .map(|v| v.content.clone());
            let main_action = match (draft, newest_approved) {
                (Some(id), _) => view! {
                    <A href=format!("/office/sheets/{id}") attr:class="button primary block">
                        {tr(SheetMsg::ContinueDraft)}
                    </A>
                }
                .into_any(),
                (None, Some(content)) => view! {
                    <SheetCopyButton category content label=SheetMsg::CopyAsNew primary=true />
                }
                .into_any(),
                (None, None) => ().into_any(),
            };
            let cards = versions
                .into_iter()
                .map(|v| view! { <VersionCard version=v pins /> })
                .collect_view();
            view! {
                <div class="sheet-actions-row">{main_action}</div>
                <h2 class="eyebrow">{move || category.label(lang.get())}</h2>
                <ul class="sheet-versions" data-testid="sheet-versions">{cards}</ul>
            }
            .into_any()
        }
    }
    }
}

/// Who wrote or approved `version`, and when (reactive to the language).
pub fn who_when(version: &SheetVersion) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = use_lang();
    let approved = version.approved_by.clone().zip(version.approved_at);
    let (edited_by, updated_at) = (version.edited_by.clone(), version.updated_at);
    move || {
        let l = lang.get();
        match &approved {
            Some((name, at)) => by_at(l, true, name, &format_datetime(*at, l)),
            None => by_at(l, false, &edited_by, &format_datetime(updated_at, l)),
        }
    }
}

/// One version: number, status, title, size, who and when — a link to it.
#[component]
fn VersionCard(version: SheetVersion, pins: Pins) -> impl IntoView {
    let lang = use_lang();
    let id = version.id;
    let approved = version.status == SheetStatus::Approved;
    let used = move || {
        pins.get()
            .and_then(Result::ok)
            .is_some_and(|p| in_use(&p, id))
    };
    let sections = version.content.sections.len();
    let items = version.content.items().count();
    let who = who_when(&version);
    let number = version.version;
    view! {
        <li>
            <A href=format!("/office/sheets/{id}") attr:class="card version-card">
                <span class="version-head">
                    <strong>{move || version_no(lang.get(), number)}</strong>
                    <span class="tag" class:draft=!approved class:approved=approved>
                        {tr(if approved { SheetMsg::StatusApproved } else { SheetMsg::StatusDraft })}
                    </span>
                    {move || used().then(|| view! { <span class="tag in-use">{tr(SheetMsg::StatusInUse)}</span> })}
                </span>
                <span class="version-title">{version.content.title.clone()}</span>
                <span class="version-meta">{move || sheet_size(lang.get(), sections, items)}</span>
                <span class="version-meta">{who}</span>
            </A>
        </li>
    }
}
