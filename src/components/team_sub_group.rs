//! One sub-group on the teams page: its members (name, kind, 组长, 移出; 添加成员 from the
//! inspectors not yet in any sub-group), its candidates of the category shown (移出;
//! 添加候选对象, including ones already in other sub-groups), its counts, 删除小组, and the
//! server's messages for it in place.

use crate::components::team_draft::{is_member, times_assigned, TeamsDraft};
use crate::i18n::teams::{assigned_counts, TeamsMsg};
use crate::i18n::Text;
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;
use pingxuan_domain::field::{MemberInput, MemberKind};
use pingxuan_domain::lang::Label;

/// The card of sub-group `s` of work group `g`.
#[component]
pub fn SubGroupCard(draft: TeamsDraft, g: usize, s: usize) -> impl IntoView {
    let lang = use_lang();
    let prefix = format!("work_groups[{g}].sub_groups[{s}]");
    let errors = move || {
        draft
            .errors_under(&prefix)
            .into_iter()
            .map(|m| view! { <p class="field-error">{m}</p> })
            .collect_view()
    };
    let members = move || {
        let list = draft.input.with(|i| {
            i.work_groups
                .get(g)
                .and_then(|w| w.sub_groups.get(s))
                .map(|sg| sg.members.clone())
                .unwrap_or_default()
        });
        if list.is_empty() {
            return view! { <p class="muted">{tr(TeamsMsg::NoMembers)}</p> }.into_any();
        }
        list.into_iter()
            .enumerate()
            .map(|(m, member)| member_row(draft, g, s, m, member))
            .collect_view()
            .into_any()
    };
    let add_member = move |ev: leptos::ev::Event| {
        if let Ok(id) = event_target_value(&ev).parse::<i64>() {
            draft.edit_sub(g, s, |sg| {
                sg.members.push(MemberInput {
                    account_id: id,
                    kind: MemberKind::DepartmentStaff,
                    leader: sg.members.is_empty(),
                })
            });
        }
    };
    let free = move || {
        let input = draft.input.get();
        draft.people.with_value(|p| {
            p.iter()
                .filter(|(id, _)| !is_member(&input, *id))
                .map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> })
                .collect_view()
        })
    };
    let here = move || {
        let category = draft.category.get();
        draft
            .input
            .with(|i| {
                i.work_groups
                    .get(g)
                    .and_then(|w| w.sub_groups.get(s))
                    .map(|sg| sg.candidate_ids.clone())
                    .unwrap_or_default()
            })
            .into_iter()
            .filter_map(|id| draft.candidate(id))
            .filter(move |c| c.category == category)
            .collect::<Vec<_>>()
    };
    let counts = move || {
        let all = draft.input.with(|i| {
            i.work_groups
                .get(g)
                .and_then(|w| w.sub_groups.get(s))
                .map_or(0, |sg| sg.candidate_ids.len())
        });
        assigned_counts(lang.get(), here().len(), all)
    };
    let chips = move || {
        let list = here();
        if list.is_empty() {
            return view! { <p class="muted">{tr(TeamsMsg::NoCandidates)}</p> }.into_any();
        }
        list.into_iter()
            .map(|c| {
                let id = c.id;
                let label = format!("{} · {}", c.title, tr(TeamsMsg::Remove)());
                view! {
                    <li class="team-chip">
                        <span>{c.title}</span>
                        <small class="muted">{c.town}</small>
                        <button
                            type="button"
                            class="chip-remove"
                            aria-label=label
                            on:click=move |_| {
                                draft.edit_sub(g, s, |sg| sg.candidate_ids.retain(|x| *x != id))
                            }
                        >
                            "×"
                        </button>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    let addable = move || {
        let category = draft.category.get();
        let input = draft.input.get();
        let mine = input
            .work_groups
            .get(g)
            .and_then(|w| w.sub_groups.get(s))
            .map(|sg| sg.candidate_ids.clone())
            .unwrap_or_default();
        draft.candidates.with_value(|all| {
            all.iter()
                .filter(|c| c.category == category && !mine.contains(&c.id))
                .map(|c| {
                    let n = times_assigned(&input, c.id);
                    let text = if n > 0 {
                        format!("{}（已在{n}个小组）", c.title)
                    } else {
                        c.title.clone()
                    };
                    view! { <option value=c.id.to_string()>{text}</option> }
                })
                .collect_view()
        })
    };
    let add_candidate = move |ev: leptos::ev::Event| {
        if let Ok(id) = event_target_value(&ev).parse::<i64>() {
            draft.edit_sub(g, s, |sg| sg.candidate_ids.push(id));
        }
    };
    let remove = move |_| {
        let mut taken = None;
        draft.edit(|i| {
            if let Some(w) = i.work_groups.get_mut(g) {
                if s < w.sub_groups.len() {
                    taken = Some(w.sub_groups.remove(s));
                }
            }
        });
        draft.errors.set(Vec::new());
        draft.removed.set(taken.map(|t| (g, s, t)));
    };
    let name = move || {
        draft.input.with(|i| {
            i.work_groups
                .get(g)
                .and_then(|w| w.sub_groups.get(s))
                .map(|sg| sg.name.clone())
                .unwrap_or_default()
        })
    };
    let member_select = format!("add-member-{g}-{s}");
    let candidate_select = format!("add-candidate-{g}-{s}");
    view! {
        <section class="sub-group" aria-label=name>
            <div class="sub-group-head">
                <h3 class="sub-group-name">{name}</h3>
                <span class="badge" data-testid="sub-group-count">{counts}</span>
            </div>
            {errors}
            <h4 class="eyebrow">{tr(TeamsMsg::Members)}</h4>
            <ul class="member-list">{members}</ul>
            <label class="visually-hidden" for=member_select.clone()>{tr(TeamsMsg::AddMember)}</label>
            <select id=member_select class="team-select" on:change=add_member prop:value="">
                <option value="" selected=true>{tr(TeamsMsg::AddMember)}</option>
                {free}
            </select>
            <h4 class="eyebrow">{tr(TeamsMsg::Candidates)}</h4>
            <ul class="team-chips">{chips}</ul>
            <label class="visually-hidden" for=candidate_select.clone()>{tr(TeamsMsg::AddCandidate)}</label>
            <select id=candidate_select class="team-select" on:change=add_candidate prop:value="">
                <option value="" selected=true>{tr(TeamsMsg::AddCandidate)}</option>
                {addable}
            </select>
            <button type="button" class="button small danger-text" on:click=remove>
                {tr(TeamsMsg::RemoveSubGroup)}
            </button>
        </section>
    }
}

/// A member: name, kind, 组长 (or 设为组长) and 移出.
fn member_row(
    draft: TeamsDraft,
    g: usize,
    s: usize,
    m: usize,
    member: MemberInput,
) -> impl IntoView {
    let lang = use_lang();
    let name = draft.name(member.account_id);
    let kinds = MemberKind::ALL
        .into_iter()
        .map(|k| {
            view! {
                <option value=k.as_str() selected=k == member.kind>
                    {move || k.label(lang.get())}
                </option>
            }
        })
        .collect_view();
    let set_kind = move |ev: leptos::ev::Event| {
        if let Some(kind) = MemberKind::parse(&event_target_value(&ev)) {
            draft.edit_sub(g, s, |sg| {
                if let Some(x) = sg.members.get_mut(m) {
                    x.kind = kind;
                }
            });
        }
    };
    let make_leader = move |_| {
        draft.edit_sub(g, s, |sg| {
            for (i, x) in sg.members.iter_mut().enumerate() {
                x.leader = i == m;
            }
        })
    };
    let remove = move |_| {
        draft.edit_sub(g, s, |sg| {
            if m < sg.members.len() {
                let was_leader = sg.members.remove(m).leader;
                if was_leader {
                    if let Some(first) = sg.members.first_mut() {
                        first.leader = true;
                    }
                }
            }
        })
    };
    let kind_id = format!("kind-{g}-{s}-{m}");
    view! {
        <li class="member">
            <span class="member-name">{name.clone()}</span>
            {if member.leader {
                view! { <span class="tag leader-tag">{tr(TeamsMsg::Leader)}</span> }.into_any()
            } else {
                view! {
                    <button type="button" class="link-button" on:click=make_leader>
                        {tr(TeamsMsg::MakeLeader)}
                    </button>
                }
                    .into_any()
            }}
            <label class="visually-hidden" for=kind_id.clone()>{tr(TeamsMsg::Kind)}</label>
            <select id=kind_id class="kind-select" on:change=set_kind>{kinds}</select>
            <button type="button" class="link-button danger-text" aria-label=format!("{name} {}", TeamsMsg::Remove.text(lang.get_untracked())) on:click=remove>
                {tr(TeamsMsg::Remove)}
            </button>
        </li>
    }
}
