//! The office's exports of a published version: CSV that Excel opens, and an XLSX
//! workbook with one sheet per category whose numbers are numbers. Both write the
//! domain's rows (`results_csv::category_rows`), so they cannot disagree.

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
use pingxuan_domain::results::ResultsSnapshot;
use pingxuan_domain::results_csv::{category_rows, results_csv, Cell, COLUMNS};
use pingxuan_domain::ErrorBody;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/rounds/{id}/results/export.csv", get(csv))
        .route("/rounds/{id}/results/export.xlsx", get(xlsx))
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
    let name = format!("pingxuan-results-{id}-v{}.csv", snapshot.version);
    Ok(attachment(
        results_csv(&snapshot).into_bytes(),
        "text/csv; charset=utf-8",
        &name,
    ))
}

/// A published version (the latest unless `?version=n`) as an XLSX workbook: one sheet
/// per category with the CSV's columns, scores as numbers with two decimals, the header
/// frozen and filterable. Admins only.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/results/export.xlsx", tag = "results",
    params(("id" = i64, Path), OpenDataQuery),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               body = Vec<u8>, description = "one worksheet per category"),
              (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, description = "no such round, or not published", body = ErrorBody)))]
pub async fn xlsx(
    State(state): State<AppState>,
    Admin(_admin): Admin,
    AppPath(id): AppPath<i64>,
    AppQuery(q): AppQuery<OpenDataQuery>,
) -> AppResult<Response> {
    let (snapshot, _) = stored_snapshot(&state, id, q.version).await?;
    let name = format!("pingxuan-results-{id}-v{}.xlsx", snapshot.version);
    // Writing ~100 rows takes a few milliseconds of CPU: off the async workers anyway.
    let bytes = tokio::task::spawn_blocking(move || workbook(&snapshot))
        .await
        .map_err(|e| anyhow::anyhow!("xlsx writer task: {e}"))?
        .map_err(|e| anyhow::anyhow!("xlsx writer: {e}"))?;
    Ok(attachment(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &name,
    ))
}

fn attachment(body: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    let mut res = body.into_response();
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// Column widths in Excel's character units (a CJK character counts about two).
const WIDTHS: [f64; 12] = [
    18.0, 6.0, 7.0, 28.0, 24.0, 14.0, 8.0, 13.0, 10.0, 9.0, 10.0, 30.0,
];

fn workbook(snapshot: &ResultsSnapshot) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color("#F2F2F2")
        .set_align(FormatAlign::Center);
    let score = Format::new().set_num_format("0.00");
    for category in &snapshot.categories {
        let sheet = book.add_worksheet();
        sheet.set_name(category.category.list_title(pingxuan_domain::Lang::Zh))?;
        for (col, (title, width)) in COLUMNS.iter().zip(WIDTHS).enumerate() {
            let col = col as u16;
            sheet.write_string_with_format(0, col, *title, &header)?;
            sheet.set_column_width(col, width)?;
        }
        let rows = category_rows(category);
        for (r, cells) in rows.iter().enumerate() {
            let row = r as u32 + 1;
            for (col, cell) in cells.iter().enumerate() {
                let col = col as u16;
                match cell {
                    Cell::Text(s) => {
                        sheet.write_string(row, col, s)?;
                    }
                    Cell::Count(n) => {
                        sheet.write_number(row, col, *n as f64)?;
                    }
                    Cell::Score(x) => {
                        sheet.write_number_with_format(row, col, *x, &score)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, rows.len() as u32, COLUMNS.len() as u16 - 1)?;
    }
    book.save_to_buffer()
}
