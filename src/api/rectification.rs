//! Rectification (整改): the caller's tasks (or only their counts), one task with its history, and the
//! actions — submit after-photos, verify, return with a reason, acknowledge a reminder.

use super::{fetch_json, send_json, ClientError};
use gloo_net::http::Method;
use pingxuan_domain::api::paths;
use pingxuan_domain::rectification::{
    RectificationCounts, RectificationDetail, RectificationList, ReturnRectificationRequest,
    SubmitRectificationRequest,
};

/// The tasks the signed-in account may see.
pub async fn list() -> Result<RectificationList, ClientError> {
    fetch_json(paths::RECTIFICATIONS).await
}

/// Only the counts (the office's, or a lead department's category's): the office home's
/// panel, without the tasks.
pub async fn summary() -> Result<RectificationCounts, ClientError> {
    fetch_json(paths::RECTIFICATIONS_SUMMARY).await
}

pub async fn detail(id: i64) -> Result<RectificationDetail, ClientError> {
    fetch_json(&paths::rectification(id, None)).await
}

pub async fn submit(
    id: i64,
    body: &SubmitRectificationRequest,
    csrf: &str,
) -> Result<RectificationDetail, ClientError> {
    let path = paths::rectification(id, Some("submissions"));
    send_json(Method::POST, &path, Some(body), Some(csrf)).await
}

/// `verify` or `acknowledge`: no body.
pub async fn act(id: i64, action: &str, csrf: &str) -> Result<RectificationDetail, ClientError> {
    let path = paths::rectification(id, Some(action));
    send_json::<(), _>(Method::POST, &path, None, Some(csrf)).await
}

pub async fn send_back(
    id: i64,
    reason: &str,
    csrf: &str,
) -> Result<RectificationDetail, ClientError> {
    let body = ReturnRectificationRequest {
        reason: reason.to_owned(),
    };
    let path = paths::rectification(id, Some("return"));
    send_json(Method::POST, &path, Some(&body), Some(csrf)).await
}
