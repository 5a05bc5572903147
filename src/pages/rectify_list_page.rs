//! `/rectify/`: the signed-in account's rectification tasks (整改任务) — a town its own, a
//! lead department its category's, inspectors those waiting for verification, the office
//! all — overdue first and in red, each with its due date and the days left in words.

use crate::api;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::i18n::rectify::{due_line, rank_text, RectifyMsg};
use crate::state::lang_context::{tr, use_lang};
use crate::state::remote::Remote;
use crate::state::session_context::{use_session, SessionState};
use leptos::prelude::*;
use leptos_router::components::A;
use pingxuan_domain::lang::Label;
use pingxuan_domain::rectification::{
    due_words, RectificationCounts, RectificationList, RectificationTask, TaskKind, TaskStatus,
};
use pingxuan_domain::time::format_date;

/// The list, behind sign-in.
#[component]
pub fn RectifyListPage() -> impl IntoView {
    view! {
        <div class="page rectify-page">
            <h1 class="page-title">{tr(RectifyMsg::Title)}</h1>
            <SignedIn>
                <TaskList />
            </SignedIn>
        </div>
    }
}

/// Its children once someone is signed in; otherwise where to sign in (the staff app).
#[component]
pub fn SignedIn(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let which = move || {
        session.state_with(|s| match s {
            SessionState::Loading => 0,
            SessionState::SignedIn(_) => 1,
            SessionState::SignedOut | SessionState::Failed(_) => 2,
        })
    };
    move || match which() {
        0 => view! { <LoadingState /> }.into_any(),
        1 => children().into_any(),
        _ => view! {
            <div class="card state-card empty">
                <p class="state-title">{tr(RectifyMsg::SignInFirst)}</p>
                <p class="state-hint">{tr(RectifyMsg::SignInHint)}</p>
                <div class="button-row center">
                    <a class="button primary" href="/staff/" rel="external">
                        {tr(RectifyMsg::SignIn)}
                    </a>
                </div>
            </div>
        }
        .into_any(),
    }
}

#[component]
fn TaskList() -> impl IntoView {
    let tasks: Remote<RectificationList> = Remote::new(api::rectification::list);
    let retry = Callback::new(move |()| tasks.reload());
    move || match tasks.get() {
        None => view! { <LoadingState /> }.into_any(),
        Some(Err(e)) => view! { <ErrorState error=e on_retry=retry /> }.into_any(),
        Some(Ok(list)) if list.tasks.is_empty() => view! {
            <p class="card card-lead">{tr(RectifyMsg::Intro)}</p>
            <div class="card state-card empty">
                <p class="state-title">{tr(RectifyMsg::NoTasksTitle)}</p>
                <p class="state-hint">{tr(RectifyMsg::NoTasksHint)}</p>
            </div>
        }
        .into_any(),
        Some(Ok(list)) => {
            let now = list.now;
            let cards = list
                .tasks
                .into_iter()
                .map(|t| view! { <TaskCard task=t now /> })
                .collect_view();
            view! {
                <Counts counts=list.counts />
                <ul class="rectify-list">{cards}</ul>
            }
            .into_any()
        }
    }
}

/// The counts as chips: 逾期 in red, 待核验, 待整改, 已通过.
#[component]
pub fn Counts(counts: RectificationCounts) -> impl IntoView {
    let chip = |n: u32, msg: RectifyMsg, class: &'static str| {
        view! {
            <span class=format!("count-chip {class}")>
                <strong>{n}</strong>
                <span>{tr(msg)}</span>
            </span>
        }
    };
    view! {
        <p class="rectify-counts">
            {chip(counts.overdue, RectifyMsg::Overdue, if counts.overdue > 0 { "bad" } else { "" })}
            {chip(counts.submitted, RectifyMsg::Submitted, "")}
            {chip(counts.to_do, RectifyMsg::ToDo, "")}
            {chip(counts.verified, RectifyMsg::Verified, "good")}
        </p>
    }
}

/// One task: what and where, its list and status, the due date in words.
#[component]
fn TaskCard(task: RectificationTask, now: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    let lang = use_lang();
    let href = format!("/rectify/task/{}", task.id);
    let class = if task.overdue {
        "card rectify-card overdue"
    } else if task.status.is_done() {
        "card rectify-card done"
    } else {
        "card rectify-card"
    };
    let (kind, status, due_at, rank) = (task.kind, task.status, task.due_at, task.rank);
    let category = task.category;
    let badge = if kind == TaskKind::Reminder {
        "badge warned"
    } else {
        "badge worst"
    };
    view! {
        <li>
            <A href=href attr:class=class>
                <span class="rectify-card-top">
                    <span class=badge>{move || kind.label(lang.get())}</span>
                    <span class=format!("status status-{}", status.as_str())>
                        {move || status.label(lang.get())}
                    </span>
                </span>
                <span class="rectify-card-title">{task.title}</span>
                <span class="rectify-card-place">
                    {task.town} " · " {move || category.label(lang.get())} " · "
                    {move || rank_text(lang.get(), rank)}
                </span>
                <span class="rectify-card-due">
                    {move || {
                        let l = lang.get();
                        if status == TaskStatus::Withdrawn {
                            status.label(l).to_owned()
                        } else {
                            due_line(l, &format_date(due_at, l), &due_words(kind, status, due_at, now, l))
                        }
                    }}
                </span>
            </A>
        </li>
    }
}
