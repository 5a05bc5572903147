//! The place register: search for residents, upkeep by the right staff.

use crate::helpers::*;
use pingxuan_domain::{Category, Role};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn the_demo_register_is_searchable_as_you_type() {
    let app = spawn_app_with(true).await;
    let (status, all) = app
        .anon(Method::GET, "/api/v1/places?category=market", None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(all["places"].as_array().unwrap().len(), 20);
    let first = all["places"][0]["name"].as_str().unwrap().to_owned();
    let q: String = first.chars().take(2).collect();
    let (_, found) = app
        .anon(
            Method::GET,
            &format!("/api/v1/places?category=market&q={}", urlencode(&q)),
            None,
        )
        .await;
    let names: Vec<&str> = found["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&first.as_str()), "{names:?}");
    assert!(found["places"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["category"] == "market"));
    // LIKE wildcards typed by a resident match themselves, not everything.
    let (_, none) = app
        .anon(Method::GET, "/api/v1/places?category=market&q=%25", None)
        .await;
    assert_eq!(none["places"], json!([]));
    assert_error(
        &app.anon(Method::GET, "/api/v1/places", None).await,
        400,
        "bad_request",
    );
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[tokio::test]
async fn departments_keep_their_own_category_only() {
    let app = spawn_app().await;
    let market = app.department().await;
    let road = app
        .signed_in(
            "road.staff",
            Role::Department {
                category: Category::Road,
            },
        )
        .await;
    let inspector = app.inspector().await;
    let place = json!({"category": "market", "name": "黄冈镇新兴农贸市场", "town": "黄冈镇"});
    assert_error(
        &road
            .call(Method::POST, "/api/v1/places", Some(place.clone()))
            .await,
        403,
        "forbidden",
    );
    assert_error(
        &inspector
            .call(Method::POST, "/api/v1/places", Some(place.clone()))
            .await,
        403,
        "forbidden",
    );
    let (status, created) = market
        .call(Method::POST, "/api/v1/places", Some(place.clone()))
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["district"], "raoping");
    assert_error(
        &market
            .call(Method::POST, "/api/v1/places", Some(place))
            .await,
        409,
        "conflict",
    );
    // Editing: the road department may not touch a market, nor move one into roads.
    let path = format!("/api/v1/places/{}", created["id"]);
    let renamed = json!({"category": "market", "name": "黄冈镇新兴市场", "town": "黄冈镇", "position": {"latitude": 23.677, "longitude": 117.003}});
    assert_error(
        &road.call(Method::PUT, &path, Some(renamed.clone())).await,
        403,
        "forbidden",
    );
    let (status, updated) = market.call(Method::PUT, &path, Some(renamed)).await;
    assert_eq!(status, 200);
    assert_eq!(updated["name"], "黄冈镇新兴市场");
    assert_eq!(updated["position"]["latitude"], 23.677);
    let to_road = json!({"category": "road", "name": "黄冈镇新兴市场", "town": "黄冈镇"});
    assert_error(
        &market.call(Method::PUT, &path, Some(to_road)).await,
        403,
        "forbidden",
    );
    let bad = json!({"category": "market", "name": "x", "town": "天河区"});
    let r = market.call(Method::PUT, &path, Some(bad)).await;
    assert_error(&r, 422, "validation_failed");
    assert_error(
        &market
            .call(
                Method::PUT,
                "/api/v1/places/99999",
                Some(json!({"category": "market", "name": "某某市场", "town": "黄冈镇"})),
            )
            .await,
        404,
        "not_found",
    );
}
