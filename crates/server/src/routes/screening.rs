//! Department screening (部门筛选): each lead department (and the office) sees its
//! category's nominations with suggested duplicates, merges and rejects, and sets the
//! shortlist. Writes only while the round is in screening: the shortlist locks when the
//! phase moves on. Every decision is in the audit log.

use crate::auth::Staff;
use crate::db::screening::ScreeningError;
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use pingxuan_domain::api::RoundView;
use pingxuan_domain::nomination::{ParsedPlace, PlaceChoice};
use pingxuan_domain::place::{validate_place_name, validate_town};
use pingxuan_domain::screening::{
    suggest_duplicates, Candidate, MergeRequest, RejectRequest, ScreeningView, ShortlistInput,
    SplitRequest, MAX_SUGGESTIONS,
};
use pingxuan_domain::{Category, ErrorCode, FieldError, Phase, Role};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/rounds/{id}/screening/{category}", get(view))
        .route("/rounds/{id}/screening/{category}/merge", post(merge))
        .route("/rounds/{id}/screening/{category}/split", post(split))
        .route("/rounds/{id}/screening/{category}/reject", post(reject))
        .route(
            "/rounds/{id}/shortlist/{category}",
            get(shortlist).put(set_shortlist),
        )
}

/// Admins and the category's own department.
fn require_category(staff: &Staff, category: Category) -> AppResult<()> {
    match staff.account.role {
        Role::Admin => Ok(()),
        Role::Department { category: own } if own == category => Ok(()),
        _ => Err(AppError::Code(ErrorCode::Forbidden)),
    }
}

async fn round(state: &AppState, id: i64) -> AppResult<RoundView> {
    state
        .db
        .round(id)
        .await?
        .ok_or(AppError::Code(ErrorCode::NotFound))
}

/// Writes need the round to be in screening.
fn require_screening(round: &RoundView) -> AppResult<()> {
    if round.phase == Phase::Screening {
        Ok(())
    } else {
        Err(AppError::Message(
            ErrorCode::PhaseClosed,
            "现在不是部门筛选阶段，候选名单已锁定。".into(),
        ))
    }
}

fn screening_error(e: ScreeningError) -> AppError {
    let field = |name: String, code: &str, msg: &str| {
        AppError::Validation(vec![FieldError::new(name, code, msg)])
    };
    match e {
        ScreeningError::UnknownPlace => field(
            "place_id".into(),
            "unknown",
            "没有找到这个地点，或它不属于这一类。",
        ),
        ScreeningError::UnknownNomination => AppError::Code(ErrorCode::NotFound),
        ScreeningError::Shortlisted => AppError::Message(
            ErrorCode::Conflict,
            "这个地点已在候选名单中，请先把它移出名单再合并。".into(),
        ),
        ScreeningError::ReasonRequired(i) => field(
            format!("candidates[{i}].department_reason"),
            "required",
            "市民没有推荐这个地点，请写明部门掌握的情况。",
        ),
        ScreeningError::ForeignCover(i) => field(
            format!("candidates[{i}].cover_photo_id"),
            "foreign",
            "封面照片须从这个地点的推荐照片中选择。",
        ),
        ScreeningError::Db(e) => e.into(),
    }
}

/// The category's nominations by place, the strongest suggested duplicates (at most
/// `MAX_SUGGESTIONS`, with how many were found in all) and the current shortlist.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/screening/{category}", tag = "screening",
    params(("id" = i64, Path), ("category" = Category, Path)),
    responses((status = 200, body = ScreeningView), (status = 400, body = pingxuan_domain::ErrorBody),
              (status = 401, body = pingxuan_domain::ErrorBody), (status = 403, body = pingxuan_domain::ErrorBody),
              (status = 404, body = pingxuan_domain::ErrorBody)))]
pub async fn view(
    State(state): State<AppState>,
    staff: Staff,
    AppPath((id, category)): AppPath<(i64, Category)>,
) -> AppResult<Json<ScreeningView>> {
    require_category(&staff, category)?;
    let round = round(&state, id).await?;
    let (places, signals) = state.db.screening_places(id, category).await?;
    let found = tokio::task::spawn_blocking(move || suggest_duplicates(&signals, MAX_SUGGESTIONS))
        .await
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("duplicate suggestions")))?;
    Ok(Json(ScreeningView {
        round_id: id,
        category,
        locked: round.phase != Phase::Screening,
        shortlist_size: round.config.candidates_per_category,
        shortlist: state.db.shortlist(id, category).await?,
        places,
        suggestions: found.shown,
        suggestions_total: u32::try_from(found.total).unwrap_or(u32::MAX),
    }))
}

/// Merges two places that are one: the round's nominations of `from` move to `into`.
#[utoipa::path(post, path = "/api/v1/rounds/{id}/screening/{category}/merge", tag = "screening", request_body = MergeRequest,
    params(("id" = i64, Path), ("category" = Category, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = ScreeningView), (status = 400, body = pingxuan_domain::ErrorBody),
              (status = 401, body = pingxuan_domain::ErrorBody), (status = 403, body = pingxuan_domain::ErrorBody),
              (status = 404, body = pingxuan_domain::ErrorBody), (status = 409, body = pingxuan_domain::ErrorBody),
              (status = 422, body = pingxuan_domain::ErrorBody)))]
pub async fn merge(
    State(state): State<AppState>,
    staff: Staff,
    AppPath((id, category)): AppPath<(i64, Category)>,
    AppJson(req): AppJson<MergeRequest>,
) -> AppResult<Json<ScreeningView>> {
    require_category(&staff, category)?;
    require_screening(&round(&state, id).await?)?;
    if req.from_place_id == req.into_place_id {
        return Err(AppError::Validation(vec![FieldError::new(
            "into_place_id",
            "same",
            "不能把一个地点合并到它自己。",
        )]));
    }
    state
        .db
        .merge_places(
            id,
            category,
            req.from_place_id,
            req.into_place_id,
            staff.account.id,
            Utc::now(),
        )
        .await
        .map_err(screening_error)?;
    view(State(state), staff, AppPath((id, category))).await
}

/// Moves one nomination filed under the wrong place to the right one (registered or new).
#[utoipa::path(post, path = "/api/v1/rounds/{id}/screening/{category}/split", tag = "screening", request_body = SplitRequest,
    params(("id" = i64, Path), ("category" = Category, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = ScreeningView), (status = 400, body = pingxuan_domain::ErrorBody),
              (status = 401, body = pingxuan_domain::ErrorBody), (status = 403, body = pingxuan_domain::ErrorBody),
              (status = 404, body = pingxuan_domain::ErrorBody), (status = 409, body = pingxuan_domain::ErrorBody),
              (status = 422, body = pingxuan_domain::ErrorBody)))]
pub async fn split(
    State(state): State<AppState>,
    staff: Staff,
    AppPath((id, category)): AppPath<(i64, Category)>,
    AppJson(req): AppJson<SplitRequest>,
) -> AppResult<Json<ScreeningView>> {
    require_category(&staff, category)?;
    require_screening(&round(&state, id).await?)?;
    let place = match &req.place {
        PlaceChoice::Registered { place_id } => ParsedPlace::Registered(*place_id),
        PlaceChoice::New { name, town } => {
            let name = validate_place_name("place.name", name);
            let town = validate_town("place.town", town);
            match (name, town) {
                (Ok(name), Ok((town, district))) => ParsedPlace::New {
                    name,
                    town,
                    district,
                },
                (n, t) => {
                    return Err(AppError::Validation(
                        [n.err(), t.err()].into_iter().flatten().collect(),
                    ))
                }
            }
        }
    };
    state
        .db
        .split_nomination(
            id,
            category,
            req.nomination_id,
            &place,
            staff.account.id,
            Utc::now(),
        )
        .await
        .map_err(screening_error)?;
    view(State(state), staff, AppPath((id, category))).await
}

/// Sets a nomination aside, with the reason (kept in the audit log).
#[utoipa::path(post, path = "/api/v1/rounds/{id}/screening/{category}/reject", tag = "screening", request_body = RejectRequest,
    params(("id" = i64, Path), ("category" = Category, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = ScreeningView), (status = 400, body = pingxuan_domain::ErrorBody),
              (status = 401, body = pingxuan_domain::ErrorBody), (status = 403, body = pingxuan_domain::ErrorBody),
              (status = 404, body = pingxuan_domain::ErrorBody), (status = 409, body = pingxuan_domain::ErrorBody),
              (status = 422, body = pingxuan_domain::ErrorBody)))]
pub async fn reject(
    State(state): State<AppState>,
    staff: Staff,
    AppPath((id, category)): AppPath<(i64, Category)>,
    AppJson(req): AppJson<RejectRequest>,
) -> AppResult<Json<ScreeningView>> {
    require_category(&staff, category)?;
    require_screening(&round(&state, id).await?)?;
    let reason = req.reason.trim();
    if !(2..=200).contains(&reason.chars().count()) {
        return Err(AppError::Validation(vec![FieldError::new(
            "reason",
            "length",
            "请写明不采纳的理由（2到200个字）。",
        )]));
    }
    state
        .db
        .reject_nomination(
            id,
            category,
            req.nomination_id,
            Some(reason),
            staff.account.id,
            Utc::now(),
        )
        .await
        .map_err(screening_error)?;
    view(State(state), staff, AppPath((id, category))).await
}

/// The category's shortlist (public: these are the candidates residents vote on).
#[utoipa::path(get, path = "/api/v1/rounds/{id}/shortlist/{category}", tag = "screening",
    params(("id" = i64, Path), ("category" = Category, Path)),
    responses((status = 200, body = Vec<Candidate>), (status = 400, body = pingxuan_domain::ErrorBody),
              (status = 404, body = pingxuan_domain::ErrorBody)))]
pub async fn shortlist(
    State(state): State<AppState>,
    AppPath((id, category)): AppPath<(i64, Category)>,
) -> AppResult<Json<Vec<Candidate>>> {
    round(&state, id).await?;
    Ok(Json(state.db.shortlist(id, category).await?))
}

/// Sets the whole shortlist: exactly the round's shortlist size (default 20), each with
/// a public title, description and cover photo. Places residents did not nominate need
/// the department's reason.
#[utoipa::path(put, path = "/api/v1/rounds/{id}/shortlist/{category}", tag = "screening", request_body = ShortlistInput,
    params(("id" = i64, Path), ("category" = Category, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = Vec<Candidate>), (status = 400, body = pingxuan_domain::ErrorBody),
              (status = 401, body = pingxuan_domain::ErrorBody), (status = 403, body = pingxuan_domain::ErrorBody),
              (status = 404, body = pingxuan_domain::ErrorBody), (status = 409, body = pingxuan_domain::ErrorBody),
              (status = 422, body = pingxuan_domain::ErrorBody)))]
pub async fn set_shortlist(
    State(state): State<AppState>,
    staff: Staff,
    AppPath((id, category)): AppPath<(i64, Category)>,
    AppJson(input): AppJson<ShortlistInput>,
) -> AppResult<Json<Vec<Candidate>>> {
    require_category(&staff, category)?;
    let round = round(&state, id).await?;
    require_screening(&round)?;
    input.validate(round.config.candidates_per_category)?;
    let list = state
        .db
        .replace_shortlist(
            id,
            category,
            &input.candidates,
            staff.account.id,
            Utc::now(),
        )
        .await
        .map_err(screening_error)?;
    Ok(Json(list))
}
