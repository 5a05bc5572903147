//! On-site scoring for inspectors and the office: the one download an inspector's phone
//! needs to work offline (`GET /field/bundle`), the sync of finalised sheets under their
//! client-made ids (`PUT /rounds/{id}/field/sheets/{client_id}`), and the office's
//! side-by-side consistency view.
//!
//! Sync rules: the same body again is answered with the same receipt and stores nothing;
//! a different body under a stored id is 409 and kept in `field_sheet_conflicts`. Sheets
//! are accepted while the round is in field scoring or review — phones offline until
//! after the field scoring window still deliver before the results are approved — and
//! those received after the window are marked late.

use crate::auth::{Admin, Staff};
use crate::db::field_sheets::{FieldSheetError, NewFieldSheet, Stored};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use chrono::Utc;
use pingxuan_domain::field::{
    accepts_sheets, compare, parse_client_id, scored_items, CandidateSheets, ConsistencyView,
    FieldBundle, FieldSheet, ScoredItem, SheetReceipt, SheetSubmission, DEFAULT_MARGIN,
};
use pingxuan_domain::{Category, ErrorBody, ErrorCode, FieldError, Role};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/field/bundle", get(bundle))
        .route("/rounds/{id}/field/sheets/{client_id}", put(sync_sheet))
        .route(
            "/rounds/{id}/field/consistency/{category}",
            get(consistency),
        )
}

/// Inspectors only: the field app's endpoints are theirs.
pub(crate) fn require_inspector(staff: &Staff) -> AppResult<()> {
    if staff.account.role == Role::Inspector {
        Ok(())
    } else {
        Err(AppError::Message(
            ErrorCode::Forbidden,
            "只有现场评分员账号可以使用现场评分。".into(),
        ))
    }
}

fn invalid(field: &str, code: &str, message: &str) -> AppError {
    AppError::Validation(vec![FieldError::new(field, code, message)])
}

/// Everything the field app keeps offline for the current round: the inspector's
/// sub-group, its candidates with places and photo URLs, the pinned sheets of their
/// categories, and the receipts of sheets the server already has from the sub-group.
#[utoipa::path(get, path = "/api/v1/field/bundle", tag = "field",
    responses((status = 200, body = FieldBundle), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn bundle(State(state): State<AppState>, staff: Staff) -> AppResult<Json<FieldBundle>> {
    require_inspector(&staff)?;
    let round = state.db.current_round().await?;
    let mut out = FieldBundle {
        accepting: round.as_ref().is_some_and(|r| accepts_sheets(r.phase)),
        round,
        server_time: Utc::now(),
        team: None,
        candidates: Vec::new(),
        sheets: Vec::new(),
        received: Vec::new(),
    };
    let Some(round_id) = out.round.as_ref().map(|r| r.id) else {
        return Ok(Json(out));
    };
    let Some(team) = state.db.my_team(round_id, staff.account.id).await? else {
        return Ok(Json(out));
    };
    out.candidates = state
        .db
        .field_candidates(round_id, team.sub_group.id)
        .await?;
    out.sheets = state
        .db
        .round_sheets(round_id)
        .await?
        .into_iter()
        .filter(|s| out.candidates.iter().any(|c| c.category == s.category))
        .collect();
    out.received = state.db.sub_group_receipts(team.sub_group.id).await?;
    out.team = Some(team);
    Ok(Json(out))
}

/// The canonical form of a submission and its SHA-256 (with the round): the same sheet
/// written with other spacing or key order is the same body.
pub(crate) fn canonical(round_id: i64, body: &SheetSubmission) -> (String, String) {
    let json = serde_json::to_string(body).expect("a submission serialises");
    let hash = hex::encode(Sha256::digest(format!("{round_id}\n{json}").as_bytes()));
    (json, hash)
}

fn conflict() -> AppError {
    let mut body = ErrorBody::new(ErrorCode::Conflict);
    body.message = "这张评分表的编号已用于另一份不同的内容，这份已留存，交创卫办核对处理。".into();
    body.fields = Some(vec![FieldError::new(
        "client_id",
        "conflict_kept",
        "内容不同的同编号评分表已留存，不会覆盖已收到的评分表。",
    )]);
    AppError::Body(body)
}

/// Syncs one finalised sheet. 201 with the receipt when stored now; 200 with the same
/// receipt when this body was stored before; 409 (kept for the office) when a different
/// body holds the id. Refused: a round not taking sheets (409), an account that is not
/// an inspector in one of the round's sub-groups (403), a candidate not assigned to the
/// sub-group, a version other than the round's pinned one, marks out of range (422).
#[utoipa::path(put, path = "/api/v1/rounds/{id}/field/sheets/{client_id}", tag = "field", request_body = SheetSubmission,
    params(("id" = i64, Path), ("client_id" = String, Path, description = "the phone's UUID for this sheet"),
           ("x-csrf-token" = String, Header)),
    responses((status = 201, body = SheetReceipt), (status = 200, description = "sent before: the same receipt", body = SheetReceipt),
              (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn sync_sheet(
    State(state): State<AppState>,
    staff: Staff,
    AppPath((id, client_id)): AppPath<(i64, String)>,
    AppJson(body): AppJson<SheetSubmission>,
) -> AppResult<(StatusCode, Json<SheetReceipt>)> {
    require_inspector(&staff)?;
    let client_id = parse_client_id("client_id", &client_id)?;
    let round = state
        .db
        .round(id)
        .await?
        .ok_or(AppError::Code(ErrorCode::NotFound))?;
    let (json, hash) = canonical(id, &body);
    let now = Utc::now();
    // A sheet already stored is answered whatever the phase: the phone only needs to
    // hear that it arrived.
    if let Some(existing) = state.db.field_sheet_by_client(&client_id).await? {
        if existing.body_hash == hash {
            let receipt = state.db.field_receipt(&client_id).await?;
            return receipt
                .map(|r| (StatusCode::OK, Json(r)))
                .ok_or(AppError::Code(ErrorCode::NotFound));
        }
        state
            .db
            .keep_conflict(&client_id, id, staff.account.id, &json, &hash, now)
            .await?;
        return Err(conflict());
    }
    if !accepts_sheets(round.phase) {
        return Err(AppError::Message(
            ErrorCode::PhaseClosed,
            "现在不在现场评分阶段，评分表暂不接收。".into(),
        ));
    }
    let team = state
        .db
        .my_team(id, staff.account.id)
        .await?
        .ok_or_else(|| {
            AppError::Message(
                ErrorCode::Forbidden,
                "您不在本期的现场评分小组里，请联系创卫办。".into(),
            )
        })?;
    let sub_group_id = team.sub_group.id;
    let category = state
        .db
        .assigned_category(sub_group_id, body.candidate_id)
        .await?
        .ok_or_else(|| {
            invalid(
                "candidate_id",
                "not_assigned",
                "这个候选对象没有分配给您的小组。",
            )
        })?;
    let sheet = state
        .db
        .round_sheets(id)
        .await?
        .into_iter()
        .find(|s| s.category == category && s.id == body.sheet_version_id)
        .ok_or_else(|| {
            invalid(
                "sheet_version_id",
                "not_in_force",
                "这份评分表不是本期使用的版本，请联网更新后重新填写。",
            )
        })?;
    let scored = body.validate(&client_id, &sheet.content, now)?;
    if let Some(replaced) = &body.replaces {
        let replaced = replaced.to_ascii_lowercase();
        if let Some(old) = state.db.field_sheet_by_client(&replaced).await? {
            if old.round_id != id
                || old.candidate_id != body.candidate_id
                || old.sub_group_id != sub_group_id
            {
                return Err(invalid(
                    "replaces",
                    "mismatch",
                    "只能更正本小组对同一候选对象的评分表。",
                ));
            }
        }
    }
    let replaces = body.replaces.as_deref().map(str::to_ascii_lowercase);
    let new = NewFieldSheet {
        client_id: &client_id,
        round_id: id,
        candidate_id: body.candidate_id,
        sub_group_id,
        account_id: staff.account.id,
        sheet_id: sheet.id,
        body: &json,
        body_hash: &hash,
        total: scored.total,
        filled_at: body.filled_at,
        replaces: replaces.as_deref(),
    };
    match state.db.store_field_sheet(&new, now).await {
        Ok(Stored::New(receipt)) => Ok((StatusCode::CREATED, Json(receipt))),
        Ok(Stored::Again(receipt)) => Ok((StatusCode::OK, Json(receipt))),
        Ok(Stored::Conflict) => Err(conflict()),
        Err(FieldSheetError::AlreadyReplaced) => Err(AppError::Body(ErrorBody {
            fields: Some(vec![FieldError::new(
                "replaces",
                "already_replaced",
                "这张评分表已经更正过一次；要再改，请更正最新的那一份。",
            )]),
            ..ErrorBody::new(ErrorCode::Conflict)
        })),
        Err(FieldSheetError::Db(e)) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct MarginQuery {
    /// Totals further apart than this are flagged (default 15).
    #[serde(default)]
    pub margin: Option<u32>,
}

/// The category's candidates with their sub-groups' sheets side by side, flagged where
/// live totals differ by more than the margin, and the conflicting bodies kept (office).
#[utoipa::path(get, path = "/api/v1/rounds/{id}/field/consistency/{category}", tag = "field",
    params(("id" = i64, Path), ("category" = Category, Path), MarginQuery),
    responses((status = 200, body = ConsistencyView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn consistency(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath((id, category)): AppPath<(i64, Category)>,
    AppQuery(q): AppQuery<MarginQuery>,
) -> AppResult<Json<ConsistencyView>> {
    let margin = q.margin.unwrap_or(DEFAULT_MARGIN);
    if margin > 100 {
        return Err(invalid("margin", "out_of_range", "差距须在0到100分之间。"));
    }
    let round = state
        .db
        .round(id)
        .await?
        .ok_or(AppError::Code(ErrorCode::NotFound))?;
    let window_end = round.schedule.field_scoring.ends_at;
    let sheet = state
        .db
        .round_sheets(id)
        .await?
        .into_iter()
        .find(|s| s.category == category);
    let rows = state.db.category_sheets(id, category).await?;
    let mut parsed = Vec::with_capacity(rows.len());
    for row in rows {
        let body: SheetSubmission = serde_json::from_str(&row.body).map_err(|e| {
            AppError::Internal(anyhow::Error::new(e).context(format!("field sheet {}", row.id)))
        })?;
        parsed.push((row, body));
    }
    let photo_ids: Vec<String> = parsed
        .iter()
        .flat_map(|(_, b)| b.scores.iter().flat_map(|s| s.photo_ids.iter().cloned()))
        .collect();
    let photos = state.db.evidence_photos(&photo_ids).await?;
    let mut by_candidate: HashMap<i64, Vec<FieldSheet>> = HashMap::new();
    for (row, body) in parsed {
        let items = match &sheet {
            Some(s) => scored_items(&s.content, &body.scores),
            None => Vec::new(),
        }
        .into_iter()
        .map(|(score, points)| ScoredItem {
            photos: score
                .photo_ids
                .iter()
                .filter_map(|p| photos.get(p).cloned())
                .collect(),
            item_id: score.item_id,
            mark: score.mark,
            points,
            note: score.note,
            photo_ids: score.photo_ids,
        })
        .collect();
        by_candidate
            .entry(row.candidate_id)
            .or_default()
            .push(FieldSheet {
                sheet_id: row.id,
                client_id: row.client_id,
                candidate_id: row.candidate_id,
                sub_group_id: row.sub_group_id,
                sub_group_name: row.sub_group_name,
                work_group_name: row.work_group_name,
                submitted_by: row.submitted_by,
                sheet_version_id: row.sheet_id,
                items,
                total: row.total.clamp(0, 100) as u32,
                note: body.note,
                filled_at: body.filled_at,
                late: row.received_at >= window_end,
                received_at: row.received_at,
                location: body.location,
                replaces: body.replaces,
                replaced_by: row.replaced_by,
            });
    }
    let mut assigned = state.db.category_assignments(id, category).await?;
    let mut candidates = Vec::new();
    for candidate in state.db.candidate_briefs(id).await? {
        if candidate.category != category {
            continue;
        }
        let (sheets, replaced): (Vec<FieldSheet>, Vec<FieldSheet>) = by_candidate
            .remove(&candidate.id)
            .unwrap_or_default()
            .into_iter()
            .partition(|s| s.replaced_by.is_none());
        let totals: Vec<u32> = sheets.iter().map(|s| s.total).collect();
        candidates.push(CandidateSheets {
            sub_group_ids: assigned.remove(&candidate.id).unwrap_or_default(),
            comparison: compare(&totals, margin),
            candidate,
            sheets,
            replaced,
        });
    }
    Ok(Json(ConsistencyView {
        round_id: id,
        category,
        margin,
        sheet,
        candidates,
        conflicts: state.db.category_conflicts(id, category).await?,
    }))
}
