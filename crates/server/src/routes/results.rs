//! Results: the office's preview, exclusions, publication and corrections (admins); the
//! public archive, each round's published versions and its open data (no sign-in).
//!
//! Published results are stored snapshots: a version is computed once, in the
//! transaction that publishes it (`db::results`), with the domain's
//! [`results::compute`]; the public endpoints only read it back, with an ETag.

use crate::auth::Admin;
use crate::db::results::{ExclusionError, Frozen, Inputs, Publication, PublishError};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use pingxuan_domain::api::RoundView;
use pingxuan_domain::results::{
    self, parse_reason, CategoryResults, CorrectionRequest, Exclusion, ExclusionRequest, OpenData,
    OpenRound, PublicResults, ResultsArchive, ResultsPreview, ResultsSnapshot, VersionInfo,
    OPEN_DATA_FORMAT,
};
use pingxuan_domain::{ErrorBody, ErrorCode, Phase};
use sha2::{Digest, Sha256};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/results", get(archive))
        .route("/rounds/{id}/results", get(latest))
        .route("/rounds/{id}/results/versions/{version}", get(version))
        .route("/rounds/{id}/open-data", get(open_data))
        .route("/rounds/{id}/results/preview", get(preview))
        .route("/rounds/{id}/results/exclusions", post(exclude))
        .route(
            "/rounds/{id}/results/exclusions/{exclusion_id}",
            delete(withdraw),
        )
        .route("/rounds/{id}/results/publish", post(publish))
        .route("/rounds/{id}/results/corrections", post(correct))
}

async fn round_of(state: &AppState, id: i64) -> AppResult<RoundView> {
    state
        .db
        .round(id)
        .await?
        .ok_or(AppError::Code(ErrorCode::NotFound))
}

/// Results exist from field scoring on; before, there is nothing to rank.
fn require_scoring_started(round: &RoundView) -> AppResult<()> {
    if round.phase < Phase::FieldScoring {
        return Err(AppError::Message(
            ErrorCode::PhaseClosed,
            "现场评分开始后才有评选结果。".into(),
        ));
    }
    Ok(())
}

fn compute(round: &RoundView, inputs: &Inputs) -> AppResult<Vec<CategoryResults>> {
    results::compute(
        &round.config,
        &inputs.candidates,
        &inputs.ballots,
        &inputs.sheets,
    )
    .map_err(|e| AppError::Internal(anyhow::anyhow!("ranking round {}: {e}", round.id)))
}

fn hex_sha256(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// The ranking from the data as it is now, with every exclusion and the published
/// versions: what the office reviews before publishing (and before a correction).
#[utoipa::path(get, path = "/api/v1/rounds/{id}/results/preview", tag = "results", params(("id" = i64, Path)),
    responses((status = 200, body = ResultsPreview), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "phase_closed: before field scoring", body = ErrorBody)))]
pub async fn preview(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<i64>,
) -> AppResult<Json<ResultsPreview>> {
    let round = round_of(&state, id).await?;
    require_scoring_started(&round)?;
    let inputs = state.db.results_inputs(&round).await?;
    let categories = compute(&round, &inputs)?;
    let unscored_candidates = inputs
        .candidates
        .iter()
        .filter(|c| categories.iter().any(|r| r.unscored.contains(&c.id)))
        .cloned()
        .collect();
    Ok(Json(ResultsPreview {
        round_id: id,
        phase: round.phase,
        config: round.config,
        complete: categories.iter().all(|c| c.unscored.is_empty()),
        categories,
        exclusions: state.db.exclusions(id).await?,
        versions: state.db.result_versions(id).await?,
        sheets: results::preview_sheets(&inputs.sheets),
        unscored_candidates,
    }))
}

/// Leaves one sheet or ballot out of the count, with a required reason (recorded in
/// the audit log in the same transaction). The preview recomputes at once; published
/// versions change only through a correction.
#[utoipa::path(post, path = "/api/v1/rounds/{id}/results/exclusions", tag = "results", request_body = ExclusionRequest,
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 201, body = Exclusion), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "conflict: already excluded; phase_closed: before field scoring", body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn exclude(
    State(state): State<AppState>,
    Admin(admin): Admin,
    AppPath(id): AppPath<i64>,
    AppJson(req): AppJson<ExclusionRequest>,
) -> AppResult<(StatusCode, Json<Exclusion>)> {
    let reason = parse_reason(&req.reason)?;
    let round = round_of(&state, id).await?;
    require_scoring_started(&round)?;
    match state
        .db
        .add_exclusion(id, req.kind, req.id, &reason, admin.account.id, Utc::now())
        .await
    {
        Ok(x) => Ok((StatusCode::CREATED, Json(x))),
        Err(e) => Err(exclusion_error(e, "这一项已经被排除了。")),
    }
}

fn exclusion_error(e: ExclusionError, already: &str) -> AppError {
    match e {
        ExclusionError::NotFound => AppError::Code(ErrorCode::NotFound),
        ExclusionError::Already => AppError::Message(ErrorCode::Conflict, already.into()),
        ExclusionError::Db(e) => e.into(),
    }
}

/// Withdraws an exclusion: the sheet or ballot counts again (recorded in the audit log).
#[utoipa::path(delete, path = "/api/v1/rounds/{id}/results/exclusions/{exclusion_id}", tag = "results",
    params(("id" = i64, Path), ("exclusion_id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "already withdrawn", body = ErrorBody)))]
pub async fn withdraw(
    State(state): State<AppState>,
    Admin(admin): Admin,
    AppPath((id, exclusion_id)): AppPath<(i64, i64)>,
) -> AppResult<StatusCode> {
    state
        .db
        .withdraw_exclusion(id, exclusion_id, admin.account.id, Utc::now())
        .await
        .map(|()| StatusCode::NO_CONTENT)
        .map_err(|e| exclusion_error(e, "这项排除已经撤销了。"))
}

/// Makes a version's documents: the snapshot and the open data that reproduces it.
fn freeze(
    round: &RoundView,
    inputs: &Inputs,
    version: u32,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<Frozen> {
    let categories = compute(round, inputs)?;
    let snapshot = ResultsSnapshot {
        round_id: round.id,
        round_name: round.name.clone(),
        version,
        reason: reason.map(str::to_owned),
        published_at: now,
        config: round.config,
        categories,
    };
    let open = OpenData {
        format: OPEN_DATA_FORMAT.to_owned(),
        round: OpenRound {
            id: round.id,
            name: round.name.clone(),
            config: round.config,
        },
        candidates: inputs.candidates.clone(),
        ballots: inputs.ballots.clone(),
        sheet_versions: inputs.sheet_versions.clone(),
        sheets: inputs.sheets.clone(),
        exclusions: inputs.exclusions.clone(),
        results: snapshot,
    };
    let results = serde_json::to_string(&open.results).map_err(|e| AppError::Internal(e.into()))?;
    let open_data = serde_json::to_string(&open).map_err(|e| AppError::Internal(e.into()))?;
    Ok(Frozen {
        sha256: hex_sha256(&results),
        results,
        open_data_sha256: hex_sha256(&open_data),
        open_data,
    })
}

/// Stores the next version (publication or correction) and says which.
pub(crate) async fn store_version(
    state: &AppState,
    id: i64,
    publication: Publication<'_>,
    by: i64,
) -> AppResult<VersionInfo> {
    let now = Utc::now();
    let reason = match publication {
        Publication::First => None,
        Publication::Correction(r) => Some(r),
    };
    let stored = state
        .db
        .publish_results(id, publication, by, now, |round, inputs, version| {
            freeze(round, inputs, version, reason, now)
        })
        .await;
    match stored {
        Ok(v) => {
            tracing::info!(round = id, version = v.version, by, "results published");
            Ok(v)
        }
        Err(PublishError::NotFound) => Err(AppError::Code(ErrorCode::NotFound)),
        Err(PublishError::WrongPhase(_)) => Err(AppError::Message(
            ErrorCode::IllegalTransition,
            match publication {
                Publication::First => "只有在结果审核阶段才能公布结果。",
                Publication::Correction(_) => "结果公布之后才能更正。",
            }
            .into(),
        )),
        Err(PublishError::Refused(e)) => Err(e),
        Err(PublishError::Db(e)) => Err(e.into()),
    }
}

/// Publishes the results: only in review; the round moves to published and version 1 is
/// frozen (its JSON and SHA-256, with its open data). Also what `advance` does from
/// review. Candidates without a counted sheet are ranked out (the preview's `complete`
/// says whether there are any).
#[utoipa::path(post, path = "/api/v1/rounds/{id}/results/publish", tag = "results",
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 201, body = VersionInfo), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "illegal_transition: not in review", body = ErrorBody)))]
pub async fn publish(
    State(state): State<AppState>,
    Admin(admin): Admin,
    AppPath(id): AppPath<i64>,
) -> AppResult<(StatusCode, Json<VersionInfo>)> {
    let v = store_version(&state, id, Publication::First, admin.account.id).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// A correction after publication: version n+1 from the data as it is now (voids and
/// exclusions since included), with its reason. Earlier versions stay readable.
#[utoipa::path(post, path = "/api/v1/rounds/{id}/results/corrections", tag = "results", request_body = CorrectionRequest,
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 201, body = VersionInfo), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "illegal_transition: not published", body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn correct(
    State(state): State<AppState>,
    Admin(admin): Admin,
    AppPath(id): AppPath<i64>,
    AppJson(req): AppJson<CorrectionRequest>,
) -> AppResult<(StatusCode, Json<VersionInfo>)> {
    let reason = parse_reason(&req.reason)?;
    let v = store_version(
        &state,
        id,
        Publication::Correction(&reason),
        admin.account.id,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// A cacheable answer: the ETag is a hash of what it stands for; a matching
/// `If-None-Match` gets 304.
pub(crate) fn cached(
    headers: &HeaderMap,
    etag: &str,
    cache_control: &'static str,
    body: Response,
) -> Response {
    let etag = format!("\"{etag}\"");
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut res = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        body
    };
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    res
}

/// Answers change only on publication: browsers and proxies keep them a minute, then
/// revalidate with the ETag.
pub(crate) const SHORT_CACHE: &str = "public, max-age=60, must-revalidate";
/// A published version never changes.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Rounds with published results, newest first: the public archive.
#[utoipa::path(get, path = "/api/v1/results", tag = "results",
    responses((status = 200, body = ResultsArchive, description = "Cache-Control and ETag; 304 on If-None-Match"), (status = 304)))]
pub async fn archive(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    let list = ResultsArchive {
        rounds: state.db.results_archive().await?,
    };
    let text = serde_json::to_string(&list).map_err(|e| AppError::Internal(e.into()))?;
    Ok(cached(
        &headers,
        &hex_sha256(&text),
        SHORT_CACHE,
        Json(list).into_response(),
    ))
}

/// A published version's frozen results (`version`, or the latest) and their SHA-256;
/// 404 when the round has none.
pub(crate) async fn stored_snapshot(
    state: &AppState,
    id: i64,
    version: Option<u32>,
) -> AppResult<(ResultsSnapshot, String)> {
    let (text, sha256) = state.db.stored_results(id, version).await?.ok_or_else(|| {
        AppError::Message(ErrorCode::NotFound, "这一期的评选结果还没有公布。".into())
    })?;
    let snapshot = serde_json::from_str(&text)
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("stored results")))?;
    Ok((snapshot, sha256))
}

async fn public_results(
    state: &AppState,
    headers: &HeaderMap,
    id: i64,
    version: Option<u32>,
) -> AppResult<Response> {
    let (snapshot, sha256) = stored_snapshot(state, id, version).await?;
    let versions = state.db.result_versions(id).await?;
    // The latest answer changes when a correction is published: its ETag is the newest
    // version's hash.
    let etag = versions
        .last()
        .map(|v| format!("{}-{}", sha256, v.sha256))
        .unwrap_or_else(|| sha256.clone());
    let body = PublicResults::from_snapshot(&snapshot, sha256, versions);
    let cache = if version.is_some() {
        IMMUTABLE
    } else {
        SHORT_CACHE
    };
    Ok(cached(headers, &etag, cache, Json(body).into_response()))
}

/// The latest published version: per category the worst and the warned (次差) with
/// place, town, cover photo and scores; the formula; every version with its reason.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/results", tag = "results", params(("id" = i64, Path)),
    responses((status = 200, body = PublicResults, description = "Cache-Control and ETag; 304 on If-None-Match"), (status = 304),
              (status = 400, body = ErrorBody), (status = 404, description = "no such round, or not published", body = ErrorBody)))]
pub async fn latest(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    public_results(&state, &headers, id, None).await
}

/// One published version (1 = the publication, later ones corrections); immutable.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/results/versions/{version}", tag = "results",
    params(("id" = i64, Path), ("version" = u32, Path)),
    responses((status = 200, body = PublicResults, description = "immutable"), (status = 304),
              (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn version(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath((id, version)): AppPath<(i64, u32)>,
) -> AppResult<Response> {
    public_results(&state, &headers, id, Some(version)).await
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct OpenDataQuery {
    /// A published version (default: the latest).
    pub version: Option<u32>,
}

/// A version's open data (the latest unless `?version=n`), as frozen with it: round
/// config, candidates, ballot receipts with their choices (no identities), every sheet's
/// item scores and totals with the sheet versions, voids and exclusions with reasons, and
/// the published results. `pingxuan-verify` recomputes the ranking from it.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/open-data", tag = "results", params(("id" = i64, Path), OpenDataQuery),
    responses((status = 200, body = OpenData, description = "Cache-Control and ETag; 304 on If-None-Match"), (status = 304),
              (status = 400, body = ErrorBody), (status = 404, description = "no such round, or not published", body = ErrorBody)))]
pub async fn open_data(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(id): AppPath<i64>,
    AppQuery(q): AppQuery<OpenDataQuery>,
) -> AppResult<Response> {
    let (text, sha256) = state
        .db
        .stored_open_data(id, q.version)
        .await?
        .ok_or_else(|| {
            AppError::Message(ErrorCode::NotFound, "这一期的评选结果还没有公布。".into())
        })?;
    let body = (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        text,
    )
        .into_response();
    let cache = if q.version.is_some() {
        IMMUTABLE
    } else {
        SHORT_CACHE
    };
    Ok(cached(&headers, &sha256, cache, body))
}
