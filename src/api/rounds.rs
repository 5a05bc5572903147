//! Rounds (一期): the public current round and the office's round settings.

use super::{fetch_json, send_json, ClientError};
use gloo_net::http::Method;
use pingxuan_domain::api::{paths, AdvanceRequest, CurrentRoundResponse, RoundView};
use pingxuan_domain::round::RoundInput;
use pingxuan_domain::Phase;

/// The latest round, if any, with the server's clock. Public.
pub async fn current() -> Result<CurrentRoundResponse, ClientError> {
    fetch_json(paths::CURRENT_ROUND).await
}

/// Creates a round (admin).
pub async fn create(input: &RoundInput, csrf: &str) -> Result<RoundView, ClientError> {
    send_json(Method::POST, paths::ROUNDS, Some(input), Some(csrf)).await
}

/// Replaces a round's name, schedule and configuration (admin).
pub async fn update(id: i64, input: &RoundInput, csrf: &str) -> Result<RoundView, ClientError> {
    send_json(Method::PUT, &paths::round(id), Some(input), Some(csrf)).await
}

/// Moves a round one phase on from `from`, the phase the admin saw (admin).
pub async fn advance(id: i64, from: Phase, csrf: &str) -> Result<RoundView, ClientError> {
    let body = AdvanceRequest { from };
    send_json(
        Method::POST,
        &paths::round_advance(id),
        Some(&body),
        Some(csrf),
    )
    .await
}
