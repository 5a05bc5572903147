//! Score sheets (评分表): a category's versions, one version, a new draft, editing a draft,
//! the office's approval, and the versions a round pins.

use super::{fetch_json, send_json, ClientError};
use gloo_net::http::Method;
use pingxuan_domain::api::paths;
use pingxuan_domain::score_sheet::{
    PinSheetRequest, RoundSheets, SheetDraftInput, SheetList, SheetVersion,
};
use pingxuan_domain::Category;

/// A category's versions, newest first (its department and the office).
pub async fn list(category: Category) -> Result<SheetList, ClientError> {
    fetch_json(&paths::sheets_of(category)).await
}

/// One version.
pub async fn get(id: i64) -> Result<SheetVersion, ClientError> {
    fetch_json(&paths::sheet(id)).await
}

/// Starts the category's next version as a draft; 409 when a draft already exists.
pub async fn create(input: &SheetDraftInput, csrf: &str) -> Result<SheetVersion, ClientError> {
    send_json(Method::POST, paths::SHEETS, Some(input), Some(csrf)).await
}

/// Saves a draft; 409 once it is approved, 422 with field problems.
pub async fn save(
    id: i64,
    input: &SheetDraftInput,
    csrf: &str,
) -> Result<SheetVersion, ClientError> {
    send_json(Method::PUT, &paths::sheet(id), Some(input), Some(csrf)).await
}

/// The office approves a draft; it never changes again.
pub async fn approve(id: i64, csrf: &str) -> Result<SheetVersion, ClientError> {
    send_json::<(), _>(Method::POST, &paths::sheet_approve(id), None, Some(csrf)).await
}

/// The versions the round pinned, and whether they may still change.
pub async fn round_sheets(round_id: i64) -> Result<RoundSheets, ClientError> {
    fetch_json(&paths::round_sheets(round_id)).await
}

/// The office pins an approved version for the round; refused once field scoring runs.
pub async fn pin(
    round_id: i64,
    category: Category,
    sheet_id: i64,
    csrf: &str,
) -> Result<RoundSheets, ClientError> {
    send_json(
        Method::PUT,
        &paths::round_sheet(round_id, category),
        Some(&PinSheetRequest { sheet_id }),
        Some(csrf),
    )
    .await
}

/// The current round's pinned versions, or `None` when no round runs.
pub async fn current_pins() -> Result<Option<RoundSheets>, ClientError> {
    match super::rounds::current().await?.round {
        Some(round) => Ok(Some(round_sheets(round.id).await?)),
        None => Ok(None),
    }
}
