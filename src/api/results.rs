//! Published results (评选结果): the archive of rounds and one round's results, the
//! latest version or an earlier one. Public.

use super::{fetch_json, ClientError};
use pingxuan_domain::api::paths;
use pingxuan_domain::results::{PublicResults, ResultsArchive};

/// Rounds with published results, newest first.
pub async fn archive() -> Result<ResultsArchive, ClientError> {
    fetch_json(paths::RESULTS).await
}

/// A round's results: the latest version, or `version` when given.
pub async fn round(id: i64, version: Option<u32>) -> Result<PublicResults, ClientError> {
    match version {
        Some(v) => fetch_json(&paths::results_version(id, v)).await,
        None => fetch_json(&paths::results(id)).await,
    }
}
