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

// The office's results workbench (admins).

/// Every round, newest first (the workbench's round picker).
pub async fn rounds() -> Result<pingxuan_domain::api::RoundList, ClientError> {
    fetch_json(paths::ROUNDS).await
}

/// The ranking from the data as they are now, with exclusions, live sheets and versions.
pub async fn preview(id: i64) -> Result<pingxuan_domain::results::ResultsPreview, ClientError> {
    fetch_json(&paths::results_preview(id)).await
}

/// Leaves one sheet or ballot out of the count, with a reason.
pub async fn exclude(
    id: i64,
    request: &pingxuan_domain::results::ExclusionRequest,
    csrf: &str,
) -> Result<pingxuan_domain::results::Exclusion, ClientError> {
    super::send_json(
        gloo_net::http::Method::POST,
        &paths::results_exclusions(id),
        Some(request),
        Some(csrf),
    )
    .await
}

/// Withdraws an exclusion: the item counts again.
pub async fn withdraw(id: i64, exclusion_id: i64, csrf: &str) -> Result<(), ClientError> {
    super::send_json::<(), ()>(
        gloo_net::http::Method::DELETE,
        &paths::results_exclusion(id, exclusion_id),
        None,
        Some(csrf),
    )
    .await
}

/// Publishes version 1 (in review only).
pub async fn publish(
    id: i64,
    csrf: &str,
) -> Result<pingxuan_domain::results::VersionInfo, ClientError> {
    super::send_json::<(), _>(
        gloo_net::http::Method::POST,
        &paths::results_publish(id),
        None,
        Some(csrf),
    )
    .await
}

/// Publishes a correction (version n+1) with its reason.
pub async fn correct(
    id: i64,
    request: &pingxuan_domain::results::CorrectionRequest,
    csrf: &str,
) -> Result<pingxuan_domain::results::VersionInfo, ClientError> {
    super::send_json(
        gloo_net::http::Method::POST,
        &paths::results_corrections(id),
        Some(request),
        Some(csrf),
    )
    .await
}

/// A published version as CSV (a link: the browser downloads it with the session cookie).
pub fn export_csv_href(id: i64, version: u32) -> String {
    format!("{}?version={version}", paths::results_csv(id))
}

/// A published version as XLSX (the same query as the CSV).
pub fn export_xlsx_href(id: i64, version: u32) -> String {
    format!("{}?version={version}", paths::results_xlsx(id))
}
