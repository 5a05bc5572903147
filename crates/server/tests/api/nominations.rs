//! Residents' photos and nominations: the pipeline, the phase gate, limits, the list.

use crate::helpers::*;
use crate::images;
use chrono::{Duration, Utc};
use pingxuan_domain::api::DEVICE_HEADER;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn upload(
    app: &TestApp,
    bytes: Vec<u8>,
    content_type: &str,
    device: &str,
) -> (StatusCode, Value) {
    let res = app
        .client
        .post(app.url("/api/v1/photos"))
        .header("content-type", content_type)
        .header(DEVICE_HEADER, device)
        .body(bytes)
        .send()
        .await
        .unwrap();
    read(res).await
}

async fn nominate(app: &TestApp, body: Value, device: &str) -> (StatusCode, Value) {
    let res = app
        .client
        .post(app.url("/api/v1/nominations"))
        .header(DEVICE_HEADER, device)
        .json(&body)
        .send()
        .await
        .unwrap();
    read(res).await
}

fn new_place_nomination(photo_ids: &[&str]) -> Value {
    json!({
        "category": "market",
        "place": {"kind": "new", "name": "彩塘镇华美农贸市场", "town": "彩塘镇"},
        "description": "市场门口垃圾堆积，污水横流，苍蝇很多。",
        "photo_ids": photo_ids,
        "position": {"latitude": 23.58, "longitude": 116.62},
        "contact_phone": "13800001234"
    })
}

const DEVICE: &str = "device-0123456789";

#[tokio::test]
async fn a_resident_nominates_with_two_photos_and_the_list_shows_it() {
    let app = spawn_app_with(true).await;
    // A large photo straight from a camera: 3000×2000, GPS in its EXIF, rotated 90°.
    let (status, big) = upload(
        &app,
        images::jpeg_with_exif(3000, 2000, 6),
        "image/jpeg",
        DEVICE,
    )
    .await;
    assert_eq!(status, 201, "{big}");
    // Turned upright (portrait) and shrunk to a 1600 px long edge.
    assert_eq!(
        (big["width"].as_u64(), big["height"].as_u64()),
        (Some(1067), Some(1600))
    );
    let (status, small) = upload(&app, images::png(640, 480), "image/png", DEVICE).await;
    assert_eq!(status, 201, "{small}");
    assert_eq!(
        (small["width"].as_u64(), small["height"].as_u64()),
        (Some(640), Some(480))
    );

    // The served copy is a fresh JPEG without EXIF; the original's GPS is kept for staff.
    let served = app
        .client
        .get(app.url(big["url"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    assert_eq!(
        served.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let bytes = served.bytes().await.unwrap();
    assert!(
        !bytes.windows(4).any(|w| w == b"Exif"),
        "served photo still has EXIF"
    );
    assert!(pingxuan_server::photos::exif_gps(&bytes).is_none());
    let decoded = image::load_from_memory(&bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (1067, 1600));
    let gps = app
        .db
        .photo_original_gps(big["id"].as_str().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!((gps.latitude - (23.0 + 39.0 / 60.0 + 47.0 / 3600.0)).abs() < 1e-9);
    assert!((gps.longitude - (116.0 + 38.0 / 60.0 + 51.0 / 3600.0)).abs() < 1e-9);
    let thumb = app
        .client
        .get(app.url(big["thumb_url"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    let thumb = image::load_from_memory(&thumb.bytes().await.unwrap()).unwrap();
    assert_eq!(thumb.height(), 360);

    let ids = [big["id"].as_str().unwrap(), small["id"].as_str().unwrap()];
    let (status, receipt) = nominate(&app, new_place_nomination(&ids), DEVICE).await;
    assert_eq!(status, 201, "{receipt}");
    assert!(receipt["reference"].as_str().unwrap().starts_with("TJ01-"));

    let (status, list) = app
        .anon(
            Method::GET,
            "/api/v1/rounds/1/nominations?category=market",
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(list["total_nominations"], 1);
    let place = &list["places"][0];
    assert_eq!(place["name"], "彩塘镇华美农贸市场");
    assert_eq!(place["district"], "chaoan");
    assert_eq!(place["nominations"], 1);
    // The resident's position is not published through the public register.
    let (_, found) = app
        .anon(
            Method::GET,
            "/api/v1/places?category=market&q=%E5%8D%8E%E7%BE%8E",
            None,
        )
        .await;
    assert!(found["places"][0]["position"].is_null(), "{found}");
    let photo_ids: Vec<&str> = place["photos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(photo_ids, ids);
    // Another category's list is empty.
    let (_, other) = app
        .anon(
            Method::GET,
            "/api/v1/rounds/1/nominations?category=road",
            None,
        )
        .await;
    assert_eq!(other["places"], json!([]));
}

#[tokio::test]
async fn naming_the_same_place_again_joins_its_record() {
    let app = spawn_app_with(true).await;
    for n in 0..2 {
        let (_, photo) = upload(&app, images::jpeg(320, 240), "image/jpeg", DEVICE).await;
        let (status, _) = nominate(
            &app,
            new_place_nomination(&[photo["id"].as_str().unwrap()]),
            DEVICE,
        )
        .await;
        assert_eq!(status, 201, "nomination {n}");
    }
    // A registered place chosen from the search.
    let (_, found) = app
        .anon(
            Method::GET,
            "/api/v1/places?category=market&q=%E5%BD%A9%E5%A1%98",
            None,
        )
        .await;
    let place = found["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "彩塘镇华美农贸市场")
        .unwrap()
        .clone();
    let (_, photo) = upload(&app, images::jpeg(320, 240), "image/jpeg", DEVICE).await;
    let mut body = new_place_nomination(&[photo["id"].as_str().unwrap()]);
    body["place"] = json!({"kind": "registered", "place_id": place["id"]});
    assert_eq!(nominate(&app, body, DEVICE).await.0, 201);
    let (_, list) = app
        .anon(
            Method::GET,
            "/api/v1/rounds/1/nominations?category=market",
            None,
        )
        .await;
    assert_eq!(list["places"].as_array().unwrap().len(), 1);
    assert_eq!(list["places"][0]["nominations"], 3);
    assert_eq!(list["places"][0]["photos"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn hostile_and_broken_uploads_are_refused_with_json_errors() {
    let app = spawn_app_with(true).await;
    let text = b"this is not a photo, just text with a .jpg name".to_vec();
    assert_error(
        &upload(&app, text.clone(), "image/jpeg", DEVICE).await,
        415,
        "unsupported_image",
    );
    assert_error(
        &upload(&app, images::jpeg(10, 10), "text/plain", DEVICE).await,
        415,
        "unsupported_image",
    );
    assert_error(
        &upload(&app, images::png_zip_polyglot(), "image/png", DEVICE).await,
        422,
        "image_rejected",
    );
    assert_error(
        &upload(&app, images::decompression_bomb(), "image/png", DEVICE).await,
        422,
        "image_rejected",
    );
    let mut truncated = images::jpeg(200, 200);
    truncated.truncate(truncated.len() / 2);
    assert_error(
        &upload(&app, truncated, "image/jpeg", DEVICE).await,
        422,
        "image_rejected",
    );
    let mut trailing = images::jpeg(50, 50);
    trailing.extend_from_slice(b"<?php system($_GET['c']); ?>");
    assert_error(
        &upload(&app, trailing, "image/jpeg", DEVICE).await,
        422,
        "image_rejected",
    );
    let mut huge = images::jpeg(50, 50);
    huge.resize(11 * 1024 * 1024, 0);
    assert_error(
        &upload(&app, huge, "image/jpeg", DEVICE).await,
        413,
        "payload_too_large",
    );
    assert_error(
        &upload(&app, Vec::new(), "image/jpeg", DEVICE).await,
        415,
        "unsupported_image",
    );
}

#[tokio::test]
async fn bad_nominations_are_refused_and_store_nothing() {
    let app = spawn_app_with(true).await;
    let mut photos = Vec::new();
    for _ in 0..7 {
        let (_, p) = upload(&app, images::jpeg(64, 48), "image/jpeg", DEVICE).await;
        photos.push(p["id"].as_str().unwrap().to_owned());
    }
    let ids: Vec<&str> = photos.iter().map(String::as_str).collect();
    let too_many = nominate(&app, new_place_nomination(&ids), DEVICE).await;
    assert_error(&too_many, 422, "validation_failed");
    assert_eq!(too_many.1["fields"][0]["code"], "too_many");

    let mut long = new_place_nomination(&ids[..1]);
    long["description"] = json!("脏".repeat(501));
    assert_eq!(
        nominate(&app, long, DEVICE).await.1["fields"][0]["field"],
        "description"
    );

    let unknown = nominate(
        &app,
        new_place_nomination(&["ZZZZZZZZZZZZZZZZZZZZZZ"]),
        DEVICE,
    )
    .await;
    assert_error(&unknown, 422, "validation_failed");
    assert_eq!(unknown.1["fields"][0]["field"], "photo_ids");

    // A photo already used by another nomination cannot be used again.
    assert_eq!(
        nominate(&app, new_place_nomination(&ids[..2]), DEVICE)
            .await
            .0,
        201
    );
    let reused = nominate(&app, new_place_nomination(&[ids[1], ids[2]]), DEVICE).await;
    assert_error(&reused, 422, "validation_failed");

    // A registered place of another category, or none at all.
    let (_, villages) = app
        .anon(Method::GET, "/api/v1/places?category=village", None)
        .await;
    let mut wrong = new_place_nomination(&ids[3..4]);
    wrong["place"] = json!({"kind": "registered", "place_id": villages["places"][0]["id"]});
    assert_eq!(
        nominate(&app, wrong, DEVICE).await.1["fields"][0]["code"],
        "wrong_category"
    );
    let mut missing = new_place_nomination(&ids[3..4]);
    missing["place"] = json!({"kind": "registered", "place_id": 999_999});
    assert_eq!(
        nominate(&app, missing, DEVICE).await.1["fields"][0]["code"],
        "unknown"
    );

    let mut far = new_place_nomination(&ids[3..4]);
    far["position"] = json!({"latitude": 39.9, "longitude": 116.4});
    assert_eq!(
        nominate(&app, far, DEVICE).await.1["fields"][0]["field"],
        "position"
    );

    // Exactly one nomination was stored, and its photos are the first two.
    let (_, list) = app
        .anon(
            Method::GET,
            "/api/v1/rounds/1/nominations?category=market",
            None,
        )
        .await;
    assert_eq!(list["total_nominations"], 1);
    assert_eq!(list["places"][0]["photos"].as_array().unwrap().len(), 2);
    // A list without its category is a 400.
    assert_error(
        &app.anon(Method::GET, "/api/v1/rounds/1/nominations", None)
            .await,
        400,
        "bad_request",
    );
    assert_error(
        &app.anon(
            Method::GET,
            "/api/v1/rounds/1/nominations?category=parks",
            None,
        )
        .await,
        400,
        "bad_request",
    );
}

#[tokio::test]
async fn nominating_outside_the_phase_is_refused() {
    // No round at all.
    let app = spawn_app().await;
    assert_error(
        &upload(&app, images::jpeg(64, 48), "image/jpeg", DEVICE).await,
        409,
        "phase_closed",
    );
    // A round whose nomination window opens tomorrow.
    let admin = app.admin().await;
    let (_, round) = admin
        .call(
            Method::POST,
            "/api/v1/rounds",
            Some(round_input("下一期", Utc::now() + Duration::days(1))),
        )
        .await;
    let early = upload(&app, images::jpeg(64, 48), "image/jpeg", DEVICE).await;
    assert_error(&early, 409, "phase_closed");
    assert!(early.1["message"].as_str().unwrap().contains("将于"));
    // A round that has moved on to screening.
    let path = format!("/api/v1/rounds/{}/advance", round["id"]);
    admin
        .call(Method::POST, &path, Some(json!({"from": "nomination"})))
        .await;
    let late = nominate(
        &app,
        new_place_nomination(&["AAAAAAAAAAAAAAAAAAAAAA"]),
        DEVICE,
    )
    .await;
    assert_error(&late, 409, "phase_closed");
}

#[tokio::test]
async fn a_device_that_floods_is_held_back_in_chinese() {
    let app = spawn_app_with(true).await; // 10 nominations per device per hour
    for n in 0..10 {
        let (_, p) = upload(&app, images::jpeg(32, 32), "image/jpeg", DEVICE).await;
        let (status, body) = nominate(
            &app,
            new_place_nomination(&[p["id"].as_str().unwrap()]),
            DEVICE,
        )
        .await;
        assert_eq!(status, 201, "nomination {n}: {body}");
    }
    let (_, p) = upload(&app, images::jpeg(32, 32), "image/jpeg", DEVICE).await;
    let ids = [p["id"].as_str().unwrap()];
    let limited = nominate(&app, new_place_nomination(&ids), DEVICE).await;
    assert_error(&limited, 429, "rate_limited");
    assert!(limited.1["message"].as_str().unwrap().contains("太频繁"));
    // Another phone on the same network is not held back.
    assert_eq!(
        nominate(&app, new_place_nomination(&ids), "another-device-42")
            .await
            .0,
        201
    );
}

#[tokio::test]
async fn media_names_are_the_servers_own() {
    let app = spawn_app().await;
    for bad in [
        "/media/..%2F..%2Fetc%2Fpasswd",
        "/media/x.jpg",
        "/media/AAAAAAAAAAAAAAAAAAAAAA.png",
        "/media/AAAAAAAAAAAAAAAAAAAAAA.jpg",
    ] {
        let res = app.client.get(app.url(bad)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{bad}");
    }
}

#[tokio::test]
async fn abandoned_photos_are_removed_but_nominated_ones_stay() {
    let app = spawn_app_with(true).await;
    let (_, kept) = upload(&app, images::jpeg(64, 48), "image/jpeg", DEVICE).await;
    let (_, abandoned) = upload(&app, images::jpeg(64, 48), "image/jpeg", DEVICE).await;
    let kept_id = kept["id"].as_str().unwrap();
    assert_eq!(
        nominate(&app, new_place_nomination(&[kept_id]), DEVICE)
            .await
            .0,
        201
    );
    let state = app.state();
    // Not yet: a draft may still come back for it.
    assert_eq!(
        pingxuan_server::photos::remove_orphans(&state, Utc::now())
            .await
            .unwrap(),
        0
    );
    let later = Utc::now() + Duration::hours(49);
    assert_eq!(
        pingxuan_server::photos::remove_orphans(&state, later)
            .await
            .unwrap(),
        1
    );
    let gone = app
        .client
        .get(app.url(abandoned["url"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 404);
    let still = app
        .client
        .get(app.url(kept["url"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(still.status(), 200);
}

/// Residents nominating at the same moment, half of them naming the same new place: every
/// one is stored (the place once), none is refused with a 500. The replay found
/// nominations failing with "database is locked" when another write committed between
/// the nomination's read of the place register and its insert.
#[tokio::test]
async fn simultaneous_nominations_are_all_stored() {
    let app = spawn_app_with(true).await;
    let n = 32;
    // Each phone uploads its photo and nominates at once, so photo writes and
    // nominations interleave as they do in a burst.
    let answers = futures::future::join_all((0..n).map(|i| {
        let app = &app;
        async move {
            let device = format!("device-burst-{i:04}");
            let (status, p) = upload(app, images::jpeg(48, 48), "image/jpeg", &device).await;
            assert_eq!(status, 201, "{p}");
            let mut body = new_place_nomination(&[p["id"].as_str().unwrap()]);
            if i % 2 == 1 {
                body["place"]["name"] = json!(format!("彩塘镇第{i}农贸市场"));
            }
            nominate(app, body, &device).await
        }
    }))
    .await;
    for (i, (status, body)) in answers.iter().enumerate() {
        assert_eq!(*status, 201, "nomination {i}: {body}");
    }
    let (_, list) = app
        .anon(
            Method::GET,
            "/api/v1/rounds/1/nominations?category=market",
            None,
        )
        .await;
    assert_eq!(list["total_nominations"], n, "{list}");
    // The sixteen naming 彩塘镇华美农贸市场 joined one record; the others made their own.
    let places = list["places"].as_array().unwrap();
    assert_eq!(places.len(), n / 2 + 1, "{list}");
    let shared = places
        .iter()
        .find(|p| p["name"] == "彩塘镇华美农贸市场")
        .unwrap();
    assert_eq!(shared["nominations"], n / 2);
}
