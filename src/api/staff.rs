//! Staff accounts (admin only): `/api/v1/staff`.

use super::{fetch_json, send_json, ClientError};
use gloo_net::http::Method;
use pingxuan_domain::api::{
    paths, CreateStaffRequest, StaffAccount, StaffList, UpdateStaffRequest,
};

/// Every staff account.
pub async fn list() -> Result<StaffList, ClientError> {
    fetch_json(paths::STAFF).await
}

/// Creates an account; 409 `conflict` when the user name is taken.
pub async fn create(request: &CreateStaffRequest, csrf: &str) -> Result<StaffAccount, ClientError> {
    send_json(Method::POST, paths::STAFF, Some(request), Some(csrf)).await
}

/// Changes only the fields present in `request` (disable/enable, new password, …).
pub async fn update(
    id: i64,
    request: &UpdateStaffRequest,
    csrf: &str,
) -> Result<StaffAccount, ClientError> {
    send_json(
        Method::PATCH,
        &paths::staff_account(id),
        Some(request),
        Some(csrf),
    )
    .await
}
