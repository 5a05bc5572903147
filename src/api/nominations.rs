//! Residents' nominations: sending one, and the public list of a round's nominations.

use super::{fetch_json, post_public, ClientError};
use pingxuan_domain::api::paths;
use pingxuan_domain::nomination::{NominationInput, NominationList, NominationReceipt};
use pingxuan_domain::Category;

/// Sends a nomination (no login; `device` is this phone's id for the rate limits).
pub async fn submit(
    input: &NominationInput,
    device: &str,
) -> Result<NominationReceipt, ClientError> {
    post_public(paths::NOMINATIONS, input, device).await
}

/// The round's nominations of `category`, grouped by place. Public.
pub async fn list(round_id: i64, category: Category) -> Result<NominationList, ClientError> {
    fetch_json(&paths::round_nominations(round_id, category)).await
}
