//! The place register: `/api/v1/places?category=…&q=…`, searched as residents type, and
//! kept by staff (`POST /api/v1/places`, `PUT /api/v1/places/{id}`).

use super::{fetch_json, send_json, ClientError};
use gloo_net::http::Method;
use pingxuan_domain::api::{paths, PlaceList};
use pingxuan_domain::place::{Place, PlaceInput};
use pingxuan_domain::Category;

/// How many matches the residents' search box shows.
const LIMIT: u32 = 8;

/// How many places the staff register lists at once: the server's most.
pub const REGISTER_LIMIT: u32 = 50;

/// Registered places of `category` whose name or town contains `q`.
pub async fn search(category: Category, q: &str) -> Result<PlaceList, ClientError> {
    find(category, q, LIMIT).await
}

/// Up to `limit` places of `category` whose name or town contains `q`; an empty `q`
/// lists the first ones (shortest names first). Public.
pub async fn find(category: Category, q: &str, limit: u32) -> Result<PlaceList, ClientError> {
    let path = format!(
        "{}{}",
        paths::place_search(category, limit),
        String::from(js_sys::encode_uri_component(q.trim())),
    );
    fetch_json(&path).await
}

/// Adds a place (admins; a department only to its own category). 409 `conflict` with a
/// `name` field error when the town already has a place of that name.
pub async fn create(input: &PlaceInput, csrf: &str) -> Result<Place, ClientError> {
    send_json(Method::POST, paths::PLACES, Some(input), Some(csrf)).await
}

/// Corrects a place's name, town, category or position.
pub async fn update(id: i64, input: &PlaceInput, csrf: &str) -> Result<Place, ClientError> {
    send_json(Method::PUT, &paths::place(id), Some(input), Some(csrf)).await
}
