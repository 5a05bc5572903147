//! Department screening: duplicates merged, nominations rejected with reasons, the
//! shortlist of exactly 20, the right roles only, and the lock when the phase moves on.

use crate::helpers::*;
use crate::images;
use pingxuan_domain::api::DEVICE_HEADER;
use pingxuan_domain::{Category, Role};
use reqwest::Method;
use serde_json::{json, Value};

/// Uploads one photo and nominates `place` from its own device; returns the photo id.
async fn nominate(
    app: &TestApp,
    n: usize,
    place: Value,
    position: Option<(f64, f64)>,
    text: &str,
) -> String {
    let device = format!("screening-device-{n:04}");
    let res = app
        .client
        .post(app.url("/api/v1/photos"))
        .header("content-type", "image/jpeg")
        .header(DEVICE_HEADER, &device)
        .body(images::jpeg(64 + n as u32, 48))
        .send()
        .await
        .unwrap();
    let (status, photo) = read(res).await;
    assert_eq!(status, 201, "{photo}");
    let photo_id = photo["id"].as_str().unwrap().to_owned();
    let mut body =
        json!({"category": "market", "place": place, "description": text, "photo_ids": [photo_id]});
    if let Some((latitude, longitude)) = position {
        body["position"] = json!({"latitude": latitude, "longitude": longitude});
    }
    let res = app
        .client
        .post(app.url("/api/v1/nominations"))
        .header(DEVICE_HEADER, &device)
        .json(&body)
        .send()
        .await
        .unwrap();
    let (status, receipt) = read(res).await;
    assert_eq!(status, 201, "{receipt}");
    photo_id
}

struct Seeded {
    app: TestApp,
    admin: Signed,
    market: Signed,
    /// Registered market places, each nominated once: (place id, its photo id).
    nominated: Vec<(i64, String)>,
    /// The same market described twice by residents.
    twin_a: i64,
    twin_b: i64,
}

async fn seeded() -> Seeded {
    let app = spawn_app_with(true).await;
    let admin = app.admin().await;
    let market = app.department().await;
    let (_, found) = app
        .anon(Method::GET, "/api/v1/places?category=market&limit=50", None)
        .await;
    let places: Vec<i64> = found["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert!(places.len() >= 21);
    let mut nominated = Vec::new();
    for (n, id) in places.iter().take(21).enumerate() {
        let photo = nominate(
            &app,
            n,
            json!({"kind": "registered", "place_id": id}),
            None,
            &format!("第{n}号市场地面脏乱，排水不畅。"),
        )
        .await;
        nominated.push((*id, photo));
    }
    let text = "市场门口垃圾堆积，污水横流，苍蝇很多";
    nominate(
        &app,
        100,
        json!({"kind": "new", "name": "彩塘镇华美农贸市场", "town": "彩塘镇"}),
        Some((23.58, 116.62)),
        text,
    )
    .await;
    nominate(
        &app,
        101,
        json!({"kind": "new", "name": "彩塘华美市场", "town": "彩塘镇"}),
        Some((23.5803, 116.6202)),
        "市场门口垃圾堆积，污水横流",
    )
    .await;
    let (_, list) = app
        .anon(
            Method::GET,
            "/api/v1/places?category=market&q=%E5%8D%8E%E7%BE%8E",
            None,
        )
        .await;
    let id_of = |name: &str| {
        list["places"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    let (twin_a, twin_b) = (id_of("彩塘镇华美农贸市场"), id_of("彩塘华美市场"));
    let (status, _) = admin
        .call(
            Method::POST,
            "/api/v1/rounds/1/advance",
            Some(json!({"from": "nomination"})),
        )
        .await;
    assert_eq!(status, 200);
    Seeded {
        app,
        admin,
        market,
        nominated,
        twin_a,
        twin_b,
    }
}

/// The market department merges the second twin into the first.
async fn merge_twins(s: &Seeded) -> (reqwest::StatusCode, Value) {
    s.market
        .call(
            Method::POST,
            "/api/v1/rounds/1/screening/market/merge",
            Some(json!({"from_place_id": s.twin_b, "into_place_id": s.twin_a})),
        )
        .await
}

fn candidates(list: &[(i64, String)]) -> Value {
    json!({"candidates": list.iter().map(|(id, photo)| json!({
        "place_id": id, "title": format!("候选市场{id}"), "description": "地面脏乱，排水不畅，群众反映强烈。", "cover_photo_id": photo
    })).collect::<Vec<_>>()})
}

#[tokio::test]
async fn staff_see_duplicates_merge_them_and_reject_with_reasons() {
    let s = seeded().await;
    let (status, view) = s.market.get("/api/v1/rounds/1/screening/market").await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["locked"], false);
    assert_eq!(view["shortlist_size"], 20);
    assert_eq!(view["places"].as_array().unwrap().len(), 23);
    // Staff see the contact and the nominations' details.
    let suggestion = view["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["place_a"] == s.twin_a.min(s.twin_b) && x["place_b"] == s.twin_a.max(s.twin_b))
        .unwrap_or_else(|| panic!("twins not suggested: {}", view["suggestions"]));
    let kinds: Vec<&str> = suggestion["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"near")
            && kinds.contains(&"similar_name")
            && kinds.contains(&"similar_text"),
        "{kinds:?}"
    );

    let (status, merged) = merge_twins(&s).await;
    assert_eq!(status, 200, "{merged}");
    let places = merged["places"].as_array().unwrap();
    assert_eq!(places.len(), 22);
    let twin = places
        .iter()
        .find(|p| p["place"]["id"] == s.twin_a)
        .unwrap();
    assert_eq!(twin["nominations"].as_array().unwrap().len(), 2);
    assert!(merged["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["place_b"] != s.twin_b && x["place_a"] != s.twin_b));
    // The public list agrees: one place, two nominations.
    let (_, public) = s
        .app
        .anon(
            Method::GET,
            "/api/v1/rounds/1/nominations?category=market",
            None,
        )
        .await;
    assert_eq!(public["places"][0]["place_id"], s.twin_a);
    assert_eq!(public["places"][0]["nominations"], 2);

    let nomination = twin["nominations"][1]["id"].as_i64().unwrap();
    let short = s
        .market
        .call(
            Method::POST,
            "/api/v1/rounds/1/screening/market/reject",
            Some(json!({"nomination_id": nomination, "reason": "x"})),
        )
        .await;
    assert_error(&short, 422, "validation_failed");
    let (status, after) = s
        .market
        .call(
            Method::POST,
            "/api/v1/rounds/1/screening/market/reject",
            Some(json!({"nomination_id": nomination, "reason": "照片与描述不符"})),
        )
        .await;
    assert_eq!(status, 200);
    let twin = after["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["place"]["id"] == s.twin_a)
        .unwrap();
    assert_eq!(twin["nominations"][1]["rejected_reason"], "照片与描述不符");
    assert_eq!(s.app.db.audit_count("screening.merge").await.unwrap(), 1);
    assert_eq!(s.app.db.audit_count("screening.reject").await.unwrap(), 1);
    // Merging into itself, an unknown place, or another category's place is refused.
    let same = s
        .market
        .call(
            Method::POST,
            "/api/v1/rounds/1/screening/market/merge",
            Some(json!({"from_place_id": s.twin_a, "into_place_id": s.twin_a})),
        )
        .await;
    assert_error(&same, 422, "validation_failed");
    let unknown = s
        .market
        .call(
            Method::POST,
            "/api/v1/rounds/1/screening/market/merge",
            Some(json!({"from_place_id": 999999, "into_place_id": s.twin_a})),
        )
        .await;
    assert_error(&unknown, 422, "validation_failed");
    let missing = s
        .market
        .call(
            Method::POST,
            "/api/v1/rounds/1/screening/market/reject",
            Some(json!({"nomination_id": 999999, "reason": "不存在的推荐"})),
        )
        .await;
    assert_error(&missing, 404, "not_found");
}

/// Every two of the 23 nominated markets look alike — the test photos are near-identical,
/// and the 21 registered ones are described alike (第n号市场地面脏乱，排水不畅) — so 253
/// pairs are found, far more than the page shows.
#[tokio::test]
async fn more_alike_places_than_the_cap_show_the_strongest_with_the_total() {
    let s = seeded().await;
    let (status, view) = s.market.get("/api/v1/rounds/1/screening/market").await;
    assert_eq!(status, 200, "{view}");
    let shown = view["suggestions"].as_array().unwrap();
    let total = view["suggestions_total"].as_u64().unwrap();
    assert_eq!(shown.len(), pingxuan_domain::screening::MAX_SUGGESTIONS);
    assert_eq!(total, 23 * 22 / 2);
    // The twins agree in name, position and words: the strongest, first.
    assert_eq!(
        (&shown[0]["place_a"], &shown[0]["place_b"]),
        (
            &json!(s.twin_a.min(s.twin_b)),
            &json!(s.twin_a.max(s.twin_b))
        ),
        "{}",
        shown[0]
    );
    // Never fewer reasons after more; each pair once.
    let reasons: Vec<usize> = shown
        .iter()
        .map(|x| x["reasons"].as_array().unwrap().len())
        .collect();
    assert!(reasons.windows(2).all(|w| w[0] >= w[1]), "{reasons:?}");
    let mut pairs: Vec<(i64, i64)> = shown
        .iter()
        .map(|x| {
            (
                x["place_a"].as_i64().unwrap(),
                x["place_b"].as_i64().unwrap(),
            )
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    assert_eq!(pairs.len(), shown.len());
    // Asked again, the same answer in the same order.
    let (_, again) = s.market.get("/api/v1/rounds/1/screening/market").await;
    assert_eq!(again["suggestions"], view["suggestions"]);
    assert_eq!(again["suggestions_total"], view["suggestions_total"]);

    // Merging the twins leaves 22 places, every two alike; the page still shows fifty.
    let (status, merged) = merge_twins(&s).await;
    assert_eq!(status, 200, "{merged}");
    assert_eq!(merged["suggestions_total"], 22 * 21 / 2);
    assert_eq!(merged["suggestions"].as_array().unwrap().len(), 50);

    // The OpenAPI document carries the total.
    let (_, doc) = s.app.anon(Method::GET, "/api/openapi.json", None).await;
    let props = &doc["components"]["schemas"]["ScreeningView"]["properties"];
    assert_eq!(props["suggestions_total"]["type"], "integer", "{props}");
}

#[tokio::test]
async fn the_shortlist_is_exactly_twenty_with_covers_from_their_own_nominations() {
    let s = seeded().await;
    let path = "/api/v1/rounds/1/shortlist/market";
    let nineteen = s
        .market
        .call(Method::PUT, path, Some(candidates(&s.nominated[..19])))
        .await;
    assert_error(&nineteen, 422, "validation_failed");
    assert_eq!(nineteen.1["fields"][0]["code"], "wrong_count");

    let mut foreign = s.nominated[..20].to_vec();
    foreign[3].1 = s.nominated[4].1.clone();
    let r = s
        .market
        .call(Method::PUT, path, Some(candidates(&foreign)))
        .await;
    assert_error(&r, 422, "validation_failed");
    assert_eq!(r.1["fields"][0]["field"], "candidates[3].cover_photo_id");

    let (status, list) = s
        .market
        .call(Method::PUT, path, Some(candidates(&s.nominated[..20])))
        .await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list.as_array().unwrap().len(), 20);
    assert_eq!(list[0]["place_id"], s.nominated[0].0);
    assert_eq!(list[0]["nominations"], 1);
    assert!(list[0]["cover"]["thumb_url"]
        .as_str()
        .unwrap()
        .starts_with("/media/"));

    // A register place nobody nominated needs the department's own reason.
    let (_, found) = s
        .app
        .anon(Method::GET, "/api/v1/places?category=market&limit=50", None)
        .await;
    let unnominated = found["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .find(|id| !s.nominated.iter().any(|(n, _)| n == id) && *id != s.twin_a && *id != s.twin_b)
        .unwrap();
    let mut body = candidates(&s.nominated[..19]);
    body["candidates"].as_array_mut().unwrap().push(json!({"place_id": unnominated, "title": "部门掌握的市场", "description": "日常巡查发现问题突出。"}));
    let r = s.market.call(Method::PUT, path, Some(body.clone())).await;
    assert_eq!(
        r.1["fields"][0]["field"],
        "candidates[19].department_reason"
    );
    body["candidates"][19]["department_reason"] = json!("2026年11月创卫督查发现垃圾长期堆放。");
    let (status, list) = s.market.call(Method::PUT, path, Some(body)).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list[19]["nominations"], 0);
    assert_eq!(
        list[19]["department_reason"],
        "2026年11月创卫督查发现垃圾长期堆放。"
    );
    // A shortlisted place cannot be merged away.
    let r = s
        .market
        .call(
            Method::POST,
            "/api/v1/rounds/1/screening/market/merge",
            Some(json!({"from_place_id": s.nominated[0].0, "into_place_id": s.twin_a})),
        )
        .await;
    assert_error(&r, 409, "conflict");
    assert_eq!(
        s.app.db.audit_count("screening.shortlist").await.unwrap(),
        2
    );
}

#[tokio::test]
async fn only_the_category_department_and_admins_screen() {
    let s = seeded().await;
    let road = s
        .app
        .signed_in(
            "road.staff",
            Role::Department {
                category: Category::Road,
            },
        )
        .await;
    let inspector = s.app.inspector().await;
    for who in [&road, &inspector] {
        assert_error(
            &who.get("/api/v1/rounds/1/screening/market").await,
            403,
            "forbidden",
        );
        let r = who
            .call(
                Method::PUT,
                "/api/v1/rounds/1/shortlist/market",
                Some(candidates(&s.nominated[..20])),
            )
            .await;
        assert_error(&r, 403, "forbidden");
        let r = who
            .call(
                Method::POST,
                "/api/v1/rounds/1/screening/market/merge",
                Some(json!({"from_place_id": s.twin_b, "into_place_id": s.twin_a})),
            )
            .await;
        assert_error(&r, 403, "forbidden");
    }
    // The road department screens roads (none nominated here), the admin anything.
    let (status, roads) = road.get("/api/v1/rounds/1/screening/road").await;
    assert_eq!(status, 200);
    assert_eq!(roads["places"], json!([]));
    assert_eq!(
        s.admin.get("/api/v1/rounds/1/screening/market").await.0,
        200
    );
    assert_error(
        &s.admin.get("/api/v1/rounds/1/screening/parks").await,
        400,
        "bad_request",
    );
}

#[tokio::test]
async fn the_shortlist_locks_when_the_phase_moves_on() {
    let s = seeded().await;
    let path = "/api/v1/rounds/1/shortlist/market";
    assert_eq!(
        s.market
            .call(Method::PUT, path, Some(candidates(&s.nominated[..20])))
            .await
            .0,
        200
    );
    let (status, _) = s
        .admin
        .call(
            Method::POST,
            "/api/v1/rounds/1/advance",
            Some(json!({"from": "screening"})),
        )
        .await;
    assert_eq!(status, 200);
    let r = s
        .market
        .call(Method::PUT, path, Some(candidates(&s.nominated[1..21])))
        .await;
    assert_error(&r, 409, "phase_closed");
    let r = s
        .market
        .call(
            Method::POST,
            "/api/v1/rounds/1/screening/market/merge",
            Some(json!({"from_place_id": s.twin_b, "into_place_id": s.twin_a})),
        )
        .await;
    assert_error(&r, 409, "phase_closed");
    let (_, view) = s.market.get("/api/v1/rounds/1/screening/market").await;
    assert_eq!(view["locked"], true);
    // Everyone can read the locked shortlist: these are the voting candidates.
    let (status, list) = s.app.anon(Method::GET, path, None).await;
    assert_eq!(status, 200);
    assert_eq!(list[0]["place_id"], s.nominated[0].0);
    assert_eq!(list.as_array().unwrap().len(), 20);
}

#[tokio::test]
async fn a_misfiled_nomination_moves_to_its_own_place() {
    let s = seeded().await;
    let (_, view) = s.market.get("/api/v1/rounds/1/screening/market").await;
    let twin = view["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["place"]["id"] == s.twin_b)
        .unwrap();
    let nomination = twin["nominations"][0]["id"].as_i64().unwrap();
    let body = json!({"nomination_id": nomination, "place": {"kind": "new", "name": "彩塘镇宏安市场", "town": "彩塘镇"}});
    let (status, after) = s
        .market
        .call(
            Method::POST,
            "/api/v1/rounds/1/screening/market/split",
            Some(body),
        )
        .await;
    assert_eq!(status, 200, "{after}");
    let moved = after["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["place"]["name"] == "彩塘镇宏安市场")
        .unwrap();
    assert_eq!(moved["nominations"][0]["id"], nomination);
    assert!(after["places"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["place"]["id"] != s.twin_b));
    assert_eq!(s.app.db.audit_count("screening.split").await.unwrap(), 1);
    let bad = json!({"nomination_id": nomination, "place": {"kind": "new", "name": "x", "town": "天河区"}});
    let r = s
        .market
        .call(
            Method::POST,
            "/api/v1/rounds/1/screening/market/split",
            Some(bad),
        )
        .await;
    assert_error(&r, 422, "validation_failed");
    assert_eq!(r.1["fields"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn departments_upload_their_own_photos_for_places_nobody_nominated() {
    let s = seeded().await;
    let upload = |who: Option<&Signed>| {
        let mut req = match who {
            Some(w) => w
                .client
                .post(s.app.url("/api/v1/photos"))
                .header(pingxuan_domain::api::CSRF_HEADER, &w.csrf),
            None => s.app.client.post(s.app.url("/api/v1/photos")),
        };
        req = req
            .header("content-type", "image/jpeg")
            .body(images::jpeg(800, 600));
        async move { read(req.send().await.unwrap()).await }
    };
    // Nominations are closed: residents can no longer upload; inspectors never here.
    assert_error(&upload(None).await, 409, "phase_closed");
    let inspector = s.app.inspector().await;
    assert_error(&upload(Some(&inspector)).await, 403, "forbidden");
    let (status, photo) = upload(Some(&s.market)).await;
    assert_eq!(status, 201, "{photo}");

    let (_, found) = s
        .app
        .anon(Method::GET, "/api/v1/places?category=market&limit=50", None)
        .await;
    let unnominated = found["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .find(|id| !s.nominated.iter().any(|(n, _)| n == id) && *id != s.twin_a && *id != s.twin_b)
        .unwrap();
    let mut body = candidates(&s.nominated[..19]);
    body["candidates"].as_array_mut().unwrap().push(json!({
        "place_id": unnominated, "title": "部门掌握的市场", "description": "日常巡查发现问题突出。",
        "department_reason": "创卫督查记录", "cover_photo_id": photo["id"]
    }));
    let (status, list) = s
        .market
        .call(Method::PUT, "/api/v1/rounds/1/shortlist/market", Some(body))
        .await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list[19]["cover"]["id"], photo["id"]);
}
