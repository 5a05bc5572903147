//! Accountability across rounds (问责): a round's named places and towns with their
//! streaks (public) and the escalations standing now (the office).

use super::{fetch_json, ClientError};
use pingxuan_domain::accountability::{AccountabilityOverview, RoundAccountability};
use pingxuan_domain::api::paths;

/// The places and towns named worst in round `id`, with their streaks.
pub async fn round(id: i64) -> Result<RoundAccountability, ClientError> {
    fetch_json(&paths::round_accountability(id)).await
}

/// The escalations standing at the latest published round (admins).
pub async fn overview() -> Result<AccountabilityOverview, ClientError> {
    fetch_json(paths::ACCOUNTABILITY).await
}
