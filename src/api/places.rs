//! The place register, searched as residents type: `/api/v1/places?category=…&q=…`.

use super::{fetch_json, ClientError};
use pingxuan_domain::api::{paths, PlaceList};
use pingxuan_domain::Category;

/// How many matches the search box shows.
const LIMIT: u32 = 8;

/// Registered places of `category` whose name or town contains `q`.
pub async fn search(category: Category, q: &str) -> Result<PlaceList, ClientError> {
    let path = format!(
        "{}?category={}&q={}&limit={LIMIT}",
        paths::PLACES,
        category.as_str(),
        String::from(js_sys::encode_uri_component(q.trim())),
    );
    fetch_json(&path).await
}
