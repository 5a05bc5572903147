//! Accountability across rounds (问责): a round's named places and towns with their
//! streaks (public, for the results page's badges), the escalations standing now (the
//! office's dashboard) and a place's history (public).
//!
//! Everything is read from the stored published versions — each round's latest — and
//! worked out by the domain's [`accountability`] module; nothing is stored of its own.

use crate::auth::Admin;
use crate::error::{AppError, AppResult};
use crate::extract::AppPath;
use crate::routes::results::{cached, SHORT_CACHE};
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use pingxuan_domain::accountability::{
    self, AccountabilityOverview, PlaceHistory, PublishedRound, RoundAccountability, RoundLine,
};
use pingxuan_domain::results::ResultsSnapshot;
use pingxuan_domain::{ErrorBody, ErrorCode};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/rounds/{id}/accountability", get(round))
        .route("/accountability", get(overview))
        .route("/places/{id}/history", get(place_history))
}

/// Every published round in its latest version, oldest first, each line joined to its
/// place.
async fn published_rounds(state: &AppState) -> AppResult<Vec<PublishedRound>> {
    let places: HashMap<i64, i64> = state
        .db
        .published_candidate_places()
        .await?
        .into_iter()
        .collect();
    let mut out = Vec::new();
    for (round_id, round_name, version, text) in state.db.published_rounds().await? {
        let snapshot: ResultsSnapshot = serde_json::from_str(&text).map_err(|e| {
            AppError::Internal(
                anyhow::Error::new(e).context(format!("stored results of round {round_id}")),
            )
        })?;
        let lines = snapshot
            .categories
            .iter()
            .flat_map(|c| c.lines.iter().map(move |l| (c.category, l)))
            .filter_map(|(category, l)| {
                let place_id = places.get(&l.candidate_id).copied();
                if place_id.is_none() {
                    tracing::warn!(
                        round = round_id,
                        candidate = l.candidate_id,
                        "published candidate without a place"
                    );
                }
                Some(RoundLine {
                    candidate_id: l.candidate_id,
                    place_id: place_id?,
                    place_name: l.place_name.clone(),
                    town: l.town.clone(),
                    category,
                    rank: l.rank,
                    tier: l.tier,
                })
            })
            .collect();
        out.push(PublishedRound {
            round_id,
            round_name,
            version: version as u32,
            lines,
        });
    }
    Ok(out)
}

/// A public answer that changes only when a version is published: a minute's cache,
/// then revalidation with an ETag over the body.
fn short_cached<T: serde::Serialize>(headers: &HeaderMap, body: &T) -> AppResult<Response> {
    let text = serde_json::to_string(body).map_err(|e| AppError::Internal(e.into()))?;
    let etag = hex::encode(Sha256::digest(text.as_bytes()));
    let res = (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        text,
    )
        .into_response();
    Ok(cached(headers, &etag, SHORT_CACHE, res))
}

/// The places and towns named worst in a published round, each with the number of
/// published rounds in a row it has been named up to this one and what that brings:
/// 2 → 分管领导问责, 3 or more → 主要领导问责. Rounds never published are skipped; a
/// round in which it was not named (or only warned) breaks the streak; each round is
/// read in its latest version.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/accountability", tag = "results", params(("id" = i64, Path)),
    responses((status = 200, body = RoundAccountability, description = "Cache-Control and ETag; 304 on If-None-Match"), (status = 304),
              (status = 400, body = ErrorBody), (status = 404, description = "no such round, or not published", body = ErrorBody)))]
pub async fn round(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    let rounds = published_rounds(&state).await?;
    let body = accountability::for_round(&rounds, id).ok_or_else(|| {
        AppError::Message(ErrorCode::NotFound, "这一期的评选结果还没有公布。".into())
    })?;
    short_cached(&headers, &body)
}

/// The escalations standing at the latest published round — places and towns named
/// worst two or more rounds in a row — each with its history (the office's dashboard).
#[utoipa::path(get, path = "/api/v1/accountability", tag = "results",
    responses((status = 200, body = AccountabilityOverview), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn overview(
    State(state): State<AppState>,
    _admin: Admin,
) -> AppResult<Json<AccountabilityOverview>> {
    let rounds = published_rounds(&state).await?;
    Ok(Json(accountability::overview(&rounds)))
}

/// A place's published history: each published round in which it was ranked (rank and
/// list), oldest first, and its streak at the latest published round.
#[utoipa::path(get, path = "/api/v1/places/{id}/history", tag = "places", params(("id" = i64, Path)),
    responses((status = 200, body = PlaceHistory, description = "Cache-Control and ETag; 304 on If-None-Match"), (status = 304),
              (status = 400, body = ErrorBody), (status = 404, description = "no such place", body = ErrorBody)))]
pub async fn place_history(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    if !state.db.place_exists(id).await? {
        return Err(AppError::Code(ErrorCode::NotFound));
    }
    let rounds = published_rounds(&state).await?;
    short_cached(&headers, &accountability::place_history(&rounds, id))
}
