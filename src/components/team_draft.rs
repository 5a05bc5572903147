//! The teams page's unsaved set-up: the whole `TeamsInput` being edited, the names of the
//! people and candidates it refers to, the category shown, the server's field errors and
//! the sub-group removed last (for 撤销).

use leptos::prelude::*;
use pingxuan_domain::api::StaffAccount;
use pingxuan_domain::field::{
    CandidateBrief, SubGroupInput, TeamsInput, TeamsView, WorkGroupInput,
};
use pingxuan_domain::{Category, FieldError};

/// The editor's shared state (all `Copy` handles).
#[derive(Clone, Copy)]
pub struct TeamsDraft {
    pub input: RwSignal<TeamsInput>,
    pub candidates: StoredValue<Vec<CandidateBrief>>,
    /// Active inspectors: `(account id, display name)`.
    pub people: StoredValue<Vec<(i64, String)>>,
    pub category: RwSignal<Category>,
    pub errors: RwSignal<Vec<FieldError>>,
    /// The sub-group removed last, with where it was: `(work group, position, sub-group)`.
    pub removed: RwSignal<Option<(usize, usize, SubGroupInput)>>,
    pub dirty: RwSignal<bool>,
    pub editable: bool,
}

impl TeamsDraft {
    pub fn new(view: &TeamsView, inspectors: &[StaffAccount]) -> TeamsDraft {
        let mut people: Vec<(i64, String)> = inspectors
            .iter()
            .map(|a| (a.id, a.display_name.clone()))
            .collect();
        for m in view
            .work_groups
            .iter()
            .flat_map(|g| &g.sub_groups)
            .flat_map(|s| &s.members)
        {
            if !people.iter().any(|(id, _)| *id == m.account_id) {
                people.push((m.account_id, m.display_name.clone()));
            }
        }
        TeamsDraft {
            input: RwSignal::new(input_of(view)),
            candidates: StoredValue::new(view.candidates.clone()),
            people: StoredValue::new(people),
            category: RwSignal::new(
                view.candidates
                    .first()
                    .map(|c| c.category)
                    .unwrap_or(Category::Village),
            ),
            errors: RwSignal::new(Vec::new()),
            removed: RwSignal::new(None),
            dirty: RwSignal::new(false),
            editable: view.editable,
        }
    }

    /// Changes the set-up and marks it unsaved.
    pub fn edit(self, f: impl FnOnce(&mut TeamsInput)) {
        self.input.update(f);
        self.dirty.set(true);
    }

    /// Changes one sub-group.
    pub fn edit_sub(self, g: usize, s: usize, f: impl FnOnce(&mut SubGroupInput)) {
        self.edit(|input| {
            if let Some(sub) = input
                .work_groups
                .get_mut(g)
                .and_then(|w| w.sub_groups.get_mut(s))
            {
                f(sub);
            }
        });
    }

    /// A person's name (their account id when unknown).
    pub fn name(self, account_id: i64) -> String {
        self.people.with_value(|p| {
            p.iter()
                .find(|(id, _)| *id == account_id)
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| format!("#{account_id}"))
        })
    }

    /// A candidate's title and town.
    pub fn candidate(self, id: i64) -> Option<CandidateBrief> {
        self.candidates
            .with_value(|c| c.iter().find(|c| c.id == id).cloned())
    }

    /// The server's (or the local check's) messages for fields under `prefix`.
    pub fn errors_under(self, prefix: &str) -> Vec<String> {
        self.errors.with(|e| errors_under(e, prefix))
    }
}

/// The stored view as the input that keeps everything as it is.
pub fn input_of(view: &TeamsView) -> TeamsInput {
    TeamsInput::keeping(&view.work_groups)
}

/// Messages of the errors whose field is `prefix` itself or lies under it (`prefix.…`,
/// `prefix[…`), excluding deeper sub-groups when `prefix` is a work group.
pub fn errors_under(errors: &[FieldError], prefix: &str) -> Vec<String> {
    errors
        .iter()
        .filter(|e| {
            e.field
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
                && !e.field[prefix.len()..].starts_with(".sub_groups[")
        })
        .map(|e| e.message.clone())
        .collect()
}

/// How many sub-groups a candidate is assigned to.
pub fn times_assigned(input: &TeamsInput, candidate_id: i64) -> usize {
    input
        .work_groups
        .iter()
        .flat_map(|g| &g.sub_groups)
        .filter(|s| s.candidate_ids.contains(&candidate_id))
        .count()
}

/// Whether an account is already a member somewhere.
pub fn is_member(input: &TeamsInput, account_id: i64) -> bool {
    input
        .work_groups
        .iter()
        .flat_map(|g| &g.sub_groups)
        .flat_map(|s| &s.members)
        .any(|m| m.account_id == account_id)
}

/// `第一工作组 · 第一小组`.
pub fn sub_label(g: &WorkGroupInput, s: &SubGroupInput) -> String {
    format!("{} · {}", g.name, s.name)
}
