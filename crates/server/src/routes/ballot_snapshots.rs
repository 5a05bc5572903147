//! The ballot box's daily snapshots: taken at each Beijing midnight while voting runs and
//! once when it closes (`take_due`, called every minute), published to anyone.

use crate::error::{AppError, AppResult};
use crate::extract::AppPath;
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use pingxuan_domain::ballot_snapshot::{chain_input, next_due, BallotSnapshot, BallotSnapshots};
use pingxuan_domain::{ErrorBody, ErrorCode, Phase};
use sha2::{Digest, Sha256};

pub fn router() -> Router<AppState> {
    Router::new().route("/rounds/{id}/ballot-snapshots", get(list))
}

/// The current round's next snapshot, if one is due at `now`: digests of every
/// category's ballots, chained to the previous snapshot. None when none is due, or when
/// another server (or tick) stored it first.
pub async fn take_due(state: &AppState, now: DateTime<Utc>) -> AppResult<Option<BallotSnapshot>> {
    let Some(round) = state.db.current_round().await? else {
        return Ok(None);
    };
    let voting = round.schedule.voting;
    if round.phase < Phase::Voting || now < voting.starts_at {
        return Ok(None);
    }
    let last = state.db.last_ballot_snapshot(round.id).await?;
    if last.as_ref().is_some_and(|s| s.last) {
        return Ok(None);
    }
    // The office may close voting early by moving the round on.
    let closed = round.phase > Phase::Voting || now >= voting.ends_at;
    let due = next_due(
        voting.starts_at,
        voting.ends_at,
        last.as_ref().map(|s| s.taken_at),
    );
    if !closed && due.is_none_or(|d| now < d) {
        return Ok(None);
    }
    let categories = state.db.ballot_digests(round.id).await?;
    let seq = last.as_ref().map_or(1, |s| s.seq + 1);
    let previous = last.map(|s| s.chain);
    // Stored to the second, as the chain input writes it.
    let taken_at = DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
    let chain = hex::encode(Sha256::digest(
        chain_input(previous.as_deref(), round.id, seq, taken_at, &categories).as_bytes(),
    ));
    let snapshot = BallotSnapshot {
        seq,
        taken_at,
        last: closed,
        categories,
        previous,
        chain,
    };
    if state.db.insert_ballot_snapshot(round.id, &snapshot).await? {
        tracing::info!(round = round.id, seq, "ballot snapshot published");
        Ok(Some(snapshot))
    } else {
        Ok(None)
    }
}

/// Every snapshot of a round's ballot box so far, oldest first, and when the next is due.
/// Anyone may read them, during voting too: they hold counts per category and hashes,
/// never a candidate's votes.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/ballot-snapshots", tag = "voting",
    params(("id" = i64, Path)),
    responses((status = 200, body = BallotSnapshots), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    AppPath(id): AppPath<i64>,
) -> AppResult<Json<BallotSnapshots>> {
    let round = state
        .db
        .round(id)
        .await?
        .ok_or(AppError::Code(ErrorCode::NotFound))?;
    let snapshots = state.db.ballot_snapshots(id).await?;
    let last = snapshots.last();
    let next_at = if round.phase == Phase::Voting && !last.is_some_and(|s| s.last) {
        let voting = round.schedule.voting;
        next_due(voting.starts_at, voting.ends_at, last.map(|s| s.taken_at))
    } else {
        None
    };
    Ok(Json(BallotSnapshots { snapshots, next_at }))
}
