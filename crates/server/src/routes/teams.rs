//! `/api/v1/rounds/{id}/teams`: the office sets up the round's inspection teams — work
//! groups, sub-groups, their members (inspector accounts, each with a kind, one leader
//! per sub-group) and the shortlisted candidates each sub-group scores — all at once.
//! Editable until the round reaches review; audit-logged.

use crate::auth::Admin;
use crate::db::teams::TeamsError;
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath};
use crate::routes::sheets::round_phase;
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::Utc;
use pingxuan_domain::field::{teams_editable, TeamsInput, TeamsView};
use pingxuan_domain::{ErrorBody, ErrorCode, FieldError, Phase};

pub fn router() -> Router<AppState> {
    Router::new().route("/rounds/{id}/teams", get(view).put(replace))
}

fn teams_error(e: TeamsError) -> AppError {
    let field = |name: String, code: &str, msg: &str| {
        AppError::Validation(vec![FieldError::new(name, code, msg)])
    };
    match e {
        TeamsError::UnknownWorkGroup(g) => field(
            format!("work_groups[{g}].id"),
            "unknown",
            "没有找到这个工作组，请刷新后再试。",
        ),
        TeamsError::UnknownSubGroup(g, s) => field(
            format!("work_groups[{g}].sub_groups[{s}].id"),
            "unknown",
            "没有找到这个小组，请刷新后再试。",
        ),
        TeamsError::NotInspector(g, s, m) => field(
            format!("work_groups[{g}].sub_groups[{s}].members[{m}].account_id"),
            "not_inspector",
            "只能选择在用的现场评分员账号。",
        ),
        TeamsError::UnknownCandidate(g, s) => field(
            format!("work_groups[{g}].sub_groups[{s}].candidate_ids"),
            "unknown",
            "只能分配本期入选的候选对象。",
        ),
        TeamsError::HasSheets(name) => AppError::Message(
            ErrorCode::Conflict,
            format!("「{name}」已经交了评分表，不能删除。"),
        ),
        TeamsError::Db(e) => e.into(),
    }
}

async fn build_view(state: &AppState, id: i64, phase: Phase) -> AppResult<TeamsView> {
    Ok(TeamsView {
        round_id: id,
        editable: teams_editable(phase),
        work_groups: state.db.teams(id).await?,
        candidates: state.db.candidate_briefs(id).await?,
    })
}

/// The round's teams and assignments, with its shortlisted candidates (the office).
#[utoipa::path(get, path = "/api/v1/rounds/{id}/teams", tag = "field", params(("id" = i64, Path)),
    responses((status = 200, body = TeamsView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn view(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<i64>,
) -> AppResult<Json<TeamsView>> {
    let phase = round_phase(&state, id).await?;
    Ok(Json(build_view(&state, id, phase).await?))
}

/// Replaces the round's whole set-up. Sub-groups named by id keep their sheets; one
/// left out that already has sheets cannot go (409). Candidates can be assigned once
/// the shortlist is locked (after screening).
#[utoipa::path(put, path = "/api/v1/rounds/{id}/teams", tag = "field", request_body = TeamsInput,
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = TeamsView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn replace(
    State(state): State<AppState>,
    Admin(admin): Admin,
    AppPath(id): AppPath<i64>,
    AppJson(input): AppJson<TeamsInput>,
) -> AppResult<Json<TeamsView>> {
    let phase = round_phase(&state, id).await?;
    if !teams_editable(phase) {
        return Err(AppError::Message(
            ErrorCode::PhaseClosed,
            "现场评分已经结束，工作组和分配不能再更改。".into(),
        ));
    }
    input.validate()?;
    let assigns = input
        .work_groups
        .iter()
        .flat_map(|g| &g.sub_groups)
        .any(|s| !s.candidate_ids.is_empty());
    if assigns && phase <= Phase::Screening {
        return Err(AppError::Message(
            ErrorCode::PhaseClosed,
            "候选名单还没有确定，部门筛选结束后才能分配候选对象。".into(),
        ));
    }
    state
        .db
        .replace_teams(id, &input, Some(admin.account.id), Utc::now())
        .await
        .map_err(teams_error)?;
    Ok(Json(build_view(&state, id, phase).await?))
}
