//! The office's field-scoring pages (admins only): the round's teams and assignments
//! (one `PUT`), the inspector accounts to pick members from, the consistency view and
//! the conflicting resends with their resolution.

use super::{fetch_json, send_json, ClientError};
use gloo_net::http::Method;
use pingxuan_domain::api::{paths, StaffAccount, StaffList};
use pingxuan_domain::field::{
    ConflictResolved, ConflictsView, ConsistencyView, ResolveConflict, TeamsInput, TeamsView,
    DEFAULT_MARGIN,
};
use pingxuan_domain::{Category, Role};

/// Work groups, sub-groups, members and assignments, with the shortlisted candidates.
pub async fn teams(round_id: i64) -> Result<TeamsView, ClientError> {
    fetch_json(&paths::teams(round_id)).await
}

/// Replaces the whole set-up; the answer is the stored view.
pub async fn save(round_id: i64, input: &TeamsInput, csrf: &str) -> Result<TeamsView, ClientError> {
    send_json(
        Method::PUT,
        &paths::teams(round_id),
        Some(input),
        Some(csrf),
    )
    .await
}

/// Active inspector accounts, the people sub-groups are made of.
pub async fn inspectors() -> Result<Vec<StaffAccount>, ClientError> {
    let list: StaffList = fetch_json(paths::STAFF).await?;
    Ok(list
        .accounts
        .into_iter()
        .filter(|a| a.active && a.role == Role::Inspector)
        .collect())
}

/// A category's sheets side by side (the page applies its own margin to the totals).
pub async fn consistency(
    round_id: i64,
    category: Category,
) -> Result<ConsistencyView, ClientError> {
    fetch_json(&paths::field_consistency(
        round_id,
        category,
        DEFAULT_MARGIN,
    ))
    .await
}

/// Every unresolved conflicting resend of the round.
pub async fn conflicts(round_id: i64) -> Result<ConflictsView, ClientError> {
    fetch_json(&paths::field_conflicts(round_id)).await
}

/// Keeps the stored sheet or the incoming body, with a reason.
pub async fn resolve(
    round_id: i64,
    conflict_id: i64,
    request: &ResolveConflict,
    csrf: &str,
) -> Result<ConflictResolved, ClientError> {
    send_json(
        Method::POST,
        &paths::field_conflict_resolve(round_id, conflict_id),
        Some(request),
        Some(csrf),
    )
    .await
}
