//! The office's export of a published version: CSV that Excel opens (domain:
//! `results_csv`).

use crate::auth::Admin;
use crate::error::AppResult;
use crate::extract::{AppPath, AppQuery};
use crate::routes::results::{stored_snapshot, OpenDataQuery};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use pingxuan_domain::results_csv::results_csv;
use pingxuan_domain::ErrorBody;

pub fn router() -> Router<AppState> {
    Router::new().route("/rounds/{id}/results/export.csv", get(csv))
}

/// A published version (the latest unless `?version=n`) as CSV: one row per candidate of
/// every category, worst first, with rank, list, place, town, votes, scores and the
/// tie-break; the unscored after. Admins only.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/results/export.csv", tag = "results",
    params(("id" = i64, Path), OpenDataQuery),
    responses((status = 200, content_type = "text/csv", body = String, description = "UTF-8 with a BOM, CRLF"),
              (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, description = "no such round, or not published", body = ErrorBody)))]
pub async fn csv(
    State(state): State<AppState>,
    Admin(_admin): Admin,
    AppPath(id): AppPath<i64>,
    AppQuery(q): AppQuery<OpenDataQuery>,
) -> AppResult<Response> {
    let (snapshot, _) = stored_snapshot(&state, id, q.version).await?;
    let name = format!(
        "attachment; filename=\"pingxuan-results-{id}-v{}.csv\"",
        snapshot.version
    );
    let mut res = results_csv(&snapshot).into_response();
    let headers = res.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&name) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}
