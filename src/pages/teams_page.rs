//! `/office/teams`: the round's work groups and sub-groups (default 5 × 2) with leaders
//! and members, and which sub-groups score which candidates, per category — unassigned
//! candidates first. Everything is saved in one `PUT`; the server's messages show on the
//! sub-group they concern; a removed sub-group can be brought back until saving.

use crate::api;
use crate::components::admin_gate::AdminGate;
use crate::components::empty_state::EmptyState;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::components::notice::Notice;
use crate::components::team_draft::{errors_under, sub_label, times_assigned, TeamsDraft};
use crate::components::team_sub_group::SubGroupCard;
use crate::components::team_tabs::{CategoryTabs, FieldTabs};
use crate::i18n::teams::TeamsMsg;
use crate::i18n::Msg;
use crate::state::lang_context::{tr, tr_when};
use crate::state::mutation::Mutation;
use crate::state::remote::Remote;
use crate::state::session_context::use_session;
use leptos::prelude::*;
use pingxuan_domain::api::StaffAccount;
use pingxuan_domain::field::{SubGroupInput, TeamsView};

/// The page: admins only.
#[component]
pub fn TeamsPage() -> impl IntoView {
    view! {
        <div class="page teams-page">
            <h1 class="page-title">{tr(TeamsMsg::TeamsTitle)}</h1>
            <AdminGate external=true>
                <FieldTabs />
                <TeamsLoader />
            </AdminGate>
        </div>
    }
}

/// The current round's teams and the inspector accounts, then the editor.
#[component]
fn TeamsLoader() -> impl IntoView {
    let session = use_session();
    let data = Remote::new(move || async move {
        let answer = async {
            let round = api::rounds::current().await?.round;
            let Some(round) = round else {
                return Ok(None);
            };
            let teams = api::teams::teams(round.id).await?;
            let people = api::teams::inspectors().await?;
            Ok(Some((teams, people)))
        }
        .await;
        if let Err(e) = &answer {
            session.note_error(e);
        }
        answer
    });
    move || match data.get() {
        None => view! { <LoadingState /> }.into_any(),
        Some(Err(error)) => {
            view! { <ErrorState error on_retry=Callback::new(move |_| data.reload()) /> }.into_any()
        }
        Some(Ok(None)) => {
            view! { <EmptyState title=Msg::NoRoundTitle hint=Msg::NoRoundHint /> }.into_any()
        }
        Some(Ok(Some((teams, people)))) => view! { <TeamsEditor teams people /> }.into_any(),
    }
}

/// The editor over one loaded set-up.
#[component]
fn TeamsEditor(teams: TeamsView, people: Vec<StaffAccount>) -> impl IntoView {
    let session = use_session();
    let draft = TeamsDraft::new(&teams, &people);
    let round_id = teams.round_id;
    let save = Mutation::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = draft.input.get_untracked();
        if let Err(errors) = input.validate() {
            draft.errors.set(errors);
            return;
        }
        let csrf = session.csrf();
        save.run(async move {
            match api::teams::save(round_id, &input, &csrf).await {
                Ok(view) => {
                    draft
                        .input
                        .set(crate::components::team_draft::input_of(&view));
                    draft.errors.set(Vec::new());
                    draft.removed.set(None);
                    draft.dirty.set(false);
                    Ok(Msg::Saved)
                }
                Err(e) => {
                    session.note_error(&e);
                    draft.errors.set(e.field_errors().to_vec());
                    Err(e)
                }
            }
        });
    };
    // Messages no sub-group or work group claims (e.g. the number of work groups).
    let loose = move || {
        draft
            .errors
            .get()
            .into_iter()
            .filter(|e| !e.field.starts_with("work_groups["))
            .map(|e| view! { <p class="form-error" role="alert">{e.message}</p> })
            .collect_view()
    };
    // Re-rendered only when the number of work groups changes, not on every edit.
    let count = Memo::new(move |_| draft.input.with(|i| i.work_groups.len()));
    let groups = move || {
        (0..count.get())
            .map(|g| view! { <WorkGroupCard draft g /> })
            .collect_view()
    };
    view! {
        <p class="card card-lead">{tr(TeamsMsg::TeamsIntro)}</p>
        {(!draft.editable).then(|| view! { <p class="notice">{tr(TeamsMsg::ReadOnly)}</p> })}
        <div class="tabs" role="group">
            <CategoryTabs category=draft.category />
        </div>
        <form class="teams-form" novalidate=true on:submit=submit>
            <fieldset class="teams-fieldset" disabled=!draft.editable>
                <Unassigned draft />
                {groups}
            </fieldset>
            <div class="save-bar">
                <UndoRemoval draft />
                {loose}
                <Notice mutation=save />
                <p class="muted" hidden=move || !draft.dirty.get()>{tr(TeamsMsg::Unsaved)}</p>
                <button
                    type="submit"
                    class="button primary block"
                    disabled=move || save.pending() || !draft.editable
                >
                    {tr_when(save.pending_signal(), TeamsMsg::Saving, TeamsMsg::Save)}
                </button>
            </div>
        </form>
    }
}

/// The category's candidates in no sub-group, each with 分配到….
#[component]
fn Unassigned(draft: TeamsDraft) -> impl IntoView {
    let rows = move || {
        let category = draft.category.get();
        let input = draft.input.get();
        let targets: Vec<(usize, usize, String)> = input
            .work_groups
            .iter()
            .enumerate()
            .flat_map(|(g, w)| {
                w.sub_groups
                    .iter()
                    .enumerate()
                    .map(move |(s, sg)| (g, s, sub_label(w, sg)))
            })
            .collect();
        let list: Vec<_> = draft.candidates.with_value(|all| {
            all.iter()
                .filter(|c| c.category == category && times_assigned(&input, c.id) == 0)
                .cloned()
                .collect()
        });
        if list.is_empty() {
            return view! { <p class="all-clear">{tr(TeamsMsg::AllAssigned)}</p> }.into_any();
        }
        let n = list.len();
        let items = list
            .into_iter()
            .map(|c| {
                let id = c.id;
                let options = targets
                    .iter()
                    .map(|(g, s, label)| {
                        view! { <option value=format!("{g}-{s}")>{label.clone()}</option> }
                    })
                    .collect_view();
                let assign = move |ev: leptos::ev::Event| {
                    let v = event_target_value(&ev);
                    if let Some((g, s)) = v.split_once('-') {
                        if let (Ok(g), Ok(s)) = (g.parse(), s.parse()) {
                            draft.edit_sub(g, s, |sg| sg.candidate_ids.push(id));
                        }
                    }
                };
                let select_id = format!("assign-{id}");
                view! {
                    <li class="unassigned-row">
                        <div>
                            <span class="unassigned-name">{c.title}</span>
                            <small class="muted">{c.town}</small>
                        </div>
                        <label class="visually-hidden" for=select_id.clone()>
                            {tr(TeamsMsg::AssignTo)}
                        </label>
                        <select id=select_id class="team-select" on:change=assign>
                            <option value="" selected=true>{tr(TeamsMsg::AssignTo)}</option>
                            {options}
                        </select>
                    </li>
                }
            })
            .collect_view();
        view! {
            <p class="unassigned-count" data-testid="unassigned-count">{n}</p>
            <ul class="unassigned-list">{items}</ul>
        }
        .into_any()
    };
    view! {
        <section class="card unassigned-card" aria-labelledby="unassigned-title">
            <h2 class="card-title" id="unassigned-title">{tr(TeamsMsg::Unassigned)}</h2>
            {rows}
        </section>
    }
}

/// 已删除：第一工作组 · 第二小组 — 撤销, until saving.
#[component]
fn UndoRemoval(draft: TeamsDraft) -> impl IntoView {
    let undo = move |_| {
        if let Some((g, s, sub)) = draft.removed.get_untracked() {
            draft.edit(|i| {
                if let Some(w) = i.work_groups.get_mut(g) {
                    let at = s.min(w.sub_groups.len());
                    w.sub_groups.insert(at, sub);
                }
            });
            draft.removed.set(None);
        }
    };
    move || {
        draft.removed.get().map(|(g, _, sub)| {
            let group = draft
                .input
                .with(|i| i.work_groups.get(g).map(|w| w.name.clone()))
                .unwrap_or_default();
            view! {
                <div class="notice undo-bar" role="status">
                    <span>{tr(TeamsMsg::Removed)} {group} " · " {sub.name}</span>
                    <button type="button" class="button small" on:click=undo>
                        {tr(TeamsMsg::Undo)}
                    </button>
                </div>
            }
        })
    }
}

/// A work group: its name, leading official, its sub-groups and 添加小组.
#[component]
fn WorkGroupCard(draft: TeamsDraft, g: usize) -> impl IntoView {
    let prefix = format!("work_groups[{g}]");
    let name = move || {
        draft
            .input
            .with(|i| i.work_groups.get(g).map(|w| w.name.clone()))
    };
    let leader = move || {
        draft
            .input
            .with(|i| i.work_groups.get(g).map(|w| w.leader_name.clone()))
            .filter(|l| !l.is_empty())
    };
    let count = Memo::new(move |_| {
        draft
            .input
            .with(|i| i.work_groups.get(g).map_or(0, |w| w.sub_groups.len()))
    });
    let subs = move || {
        (0..count.get())
            .map(|s| view! { <SubGroupCard draft g s /> })
            .collect_view()
    };
    let add = move |_| {
        draft.edit(|i| {
            if let Some(w) = i.work_groups.get_mut(g) {
                let n = w.sub_groups.len();
                let name = pingxuan_domain::field::TeamsInput::skeleton(1, n + 1).work_groups[0]
                    .sub_groups[n]
                    .name
                    .clone();
                w.sub_groups.push(SubGroupInput {
                    id: None,
                    name,
                    members: Vec::new(),
                    candidate_ids: Vec::new(),
                });
            }
        })
    };
    view! {
        <section class="card work-group">
            <h2 class="card-title">{name}</h2>
            {move || {
                leader()
                    .map(|l| {
                        view! {
                            <p class="muted">{tr(TeamsMsg::LeaderName)} "：" {l}</p>
                        }
                    })
            }}
            {move || {
                draft
                    .errors
                    .with(|e| errors_under(e, &prefix))
                    .into_iter()
                    .map(|m| view! { <p class="field-error">{m}</p> })
                    .collect_view()
            }}
            {subs}
            <button type="button" class="button small" on:click=add>
                "+ "
                {tr(TeamsMsg::AddSubGroup)}
            </button>
        </section>
    }
}
