//! The office resolves conflicting resends (bodies kept from a 409 under a client id the
//! server already held): `GET /rounds/{id}/field/conflicts` lists the unresolved ones with
//! both bodies side by side, and `POST …/conflicts/{conflict_id}/resolve` keeps either.
//!
//! 采用新版本 (`incoming`) stores the conflicting body as a correction — a new sheet
//! whose `replaces` names the stored one, exactly as a correction from the phone — and
//! 保留原版本 (`stored`) dismisses it. Either way the conflict is marked resolved with
//! who, when and why in the same transaction as its audit entry; neither body is ever
//! deleted. Refused once the results are published.

use crate::auth::Admin;
use crate::db::field_sheets::{ConflictRow, NewFieldSheet, Resolution, ResolveError};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath};
use crate::routes::field::canonical;
use crate::routes::sheets::round_phase;
use crate::state::AppState;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use pingxuan_domain::field::{
    conflict_items, conflicts_resolvable, CandidateBrief, ConflictKeep, ConflictResolved,
    ConflictSide, ConflictsView, OpenConflict, ResolveConflict, SheetSubmission,
};
use pingxuan_domain::score_sheet::SheetVersion;
use pingxuan_domain::{ErrorBody, ErrorCode, FieldError};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/rounds/{id}/field/conflicts", get(list))
        .route(
            "/rounds/{id}/field/conflicts/{conflict_id}/resolve",
            post(resolve),
        )
}

fn body_of(raw: &str, id: i64) -> AppResult<SheetSubmission> {
    serde_json::from_str(raw).map_err(|e| {
        AppError::Internal(anyhow::Error::new(e).context(format!("conflict {id}: a body")))
    })
}

/// A random (version 4) UUID for a correction the office stores.
fn new_client_id() -> String {
    let mut b: [u8; 16] = rand::random();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex::encode(b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

fn open_conflict(
    row: ConflictRow,
    candidates: &[CandidateBrief],
    sheets: &[SheetVersion],
) -> AppResult<OpenConflict> {
    let stored = body_of(&row.stored_body, row.id)?;
    let incoming = body_of(&row.body, row.id)?;
    let candidate = candidates
        .iter()
        .find(|c| c.id == row.candidate_id)
        .cloned()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("conflict {}: no candidate", row.id)))?;
    let sheet = sheets
        .iter()
        .find(|s| s.category == candidate.category && s.id == stored.sheet_version_id)
        .map(|s| &s.content);
    let (_, incoming_total, items) = conflict_items(sheet, &stored, &incoming);
    Ok(OpenConflict {
        id: row.id,
        client_id: row.client_id,
        candidate,
        sub_group_name: row.sub_group_name,
        work_group_name: row.work_group_name,
        stored: ConflictSide {
            body: stored,
            total: Some(row.stored_total.clamp(0, 100) as u32),
            submitted_by: row.stored_by,
            received_at: row.stored_received_at,
        },
        incoming: ConflictSide {
            body: incoming,
            total: incoming_total,
            submitted_by: row.submitted_by,
            received_at: row.received_at,
        },
        items,
        replaced_by: row.replaced_by,
    })
}

/// Every unresolved conflict of the round, oldest first, with both bodies, their totals
/// and their items side by side (the office).
#[utoipa::path(get, path = "/api/v1/rounds/{id}/field/conflicts", tag = "field", params(("id" = i64, Path)),
    responses((status = 200, body = ConflictsView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<i64>,
) -> AppResult<Json<ConflictsView>> {
    let phase = round_phase(&state, id).await?;
    let rows = state.db.open_conflicts(id).await?;
    let candidates = state.db.candidate_briefs(id).await?;
    let sheets = state.db.round_sheets(id).await?;
    let conflicts = rows
        .into_iter()
        .map(|row| open_conflict(row, &candidates, &sheets))
        .collect::<AppResult<Vec<_>>>()?;
    Ok(Json(ConflictsView {
        round_id: id,
        resolvable: conflicts_resolvable(phase),
        conflicts,
    }))
}

fn refuse(field: &str, code: &str, message: &str) -> AppError {
    AppError::Validation(vec![FieldError::new(field, code, message)])
}

/// Resolves one conflict with a reason: `incoming` stores the conflicting body as a
/// correction of the stored sheet, `stored` dismisses it. 409 when it was resolved
/// already, when a correction already replaced the stored sheet (only `stored` then), or
/// once the results are published; 422 without a reason or when the incoming body does
/// not score on the round's pinned version for the same candidate.
#[utoipa::path(post, path = "/api/v1/rounds/{id}/field/conflicts/{conflict_id}/resolve", tag = "field",
    request_body = ResolveConflict,
    params(("id" = i64, Path), ("conflict_id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = ConflictResolved), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn resolve(
    State(state): State<AppState>,
    Admin(admin): Admin,
    AppPath((id, conflict_id)): AppPath<(i64, i64)>,
    AppJson(req): AppJson<ResolveConflict>,
) -> AppResult<Json<ConflictResolved>> {
    let reason = req.reason().map_err(AppError::Validation)?;
    let phase = round_phase(&state, id).await?;
    if !conflicts_resolvable(phase) {
        return Err(AppError::Message(
            ErrorCode::PhaseClosed,
            "结果已经公布，评分表冲突不能再处理。".into(),
        ));
    }
    let row = state
        .db
        .conflict(id, conflict_id)
        .await?
        .ok_or(AppError::Code(ErrorCode::NotFound))?;
    if row.resolved {
        return Err(already_resolved());
    }
    let now = Utc::now();
    let client_id = new_client_id();
    let mut json = String::new();
    let mut hash = String::new();
    let mut correction = None;
    if req.keep == ConflictKeep::Incoming {
        if row.replaced_by.is_some() {
            return Err(already_replaced());
        }
        let mut body = body_of(&row.body, row.id)?;
        if body.candidate_id != row.candidate_id {
            return Err(refuse(
                "keep",
                "other_candidate",
                "新版本评的是另一个候选对象，不能作为这张评分表的更正。",
            ));
        }
        let category = state
            .db
            .candidate_briefs(id)
            .await?
            .into_iter()
            .find(|c| c.id == row.candidate_id)
            .map(|c| c.category);
        let sheet = state
            .db
            .round_sheets(id)
            .await?
            .into_iter()
            .find(|s| Some(s.category) == category && s.id == body.sheet_version_id)
            .ok_or_else(|| {
                refuse(
                    "keep",
                    "not_in_force",
                    "新版本用的不是本期的评分表，不能采用。",
                )
            })?;
        body.replaces = Some(row.client_id.clone());
        let scored = body
            .validate(&client_id, &sheet.content, now)
            .map_err(|_| {
                refuse(
                    "keep",
                    "invalid",
                    "新版本的评分不完整或超出范围，不能采用。",
                )
            })?;
        (json, hash) = canonical(id, &body);
        correction = Some((sheet.id, scored.total, body.filled_at));
    }
    let resolution = Resolution {
        round_id: id,
        conflict_id,
        admin_id: admin.account.id,
        keep: req.keep,
        reason: &reason,
        correction: correction.map(|(sheet_id, total, filled_at)| NewFieldSheet {
            client_id: &client_id,
            round_id: id,
            candidate_id: row.candidate_id,
            sub_group_id: row.sub_group_id,
            account_id: row.account_id,
            sheet_id,
            body: &json,
            body_hash: &hash,
            total,
            filled_at,
            replaces: Some(&row.client_id),
        }),
    };
    match state.db.resolve_conflict(&resolution, now).await {
        Ok(receipt) => Ok(Json(ConflictResolved {
            conflict_id,
            keep: req.keep,
            reason,
            resolved_at: now,
            receipt,
        })),
        Err(ResolveError::AlreadyResolved) => Err(already_resolved()),
        Err(ResolveError::AlreadyReplaced) => Err(already_replaced()),
        Err(ResolveError::Db(e)) => Err(e.into()),
    }
}

fn already_resolved() -> AppError {
    AppError::Message(ErrorCode::Conflict, "这条冲突已经处理过了。".into())
}

fn already_replaced() -> AppError {
    AppError::Body(ErrorBody {
        fields: Some(vec![FieldError::new(
            "keep",
            "already_replaced",
            "原版本已经有更正，只能保留原版本。",
        )]),
        ..ErrorBody::new(ErrorCode::Conflict)
    })
}
