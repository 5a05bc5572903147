//! Malformed, oversized and hostile input gets a 4xx JSON error and changes nothing.

use crate::helpers::*;
use pingxuan_domain::api::CSRF_HEADER;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn every_json_endpoint_rejects_broken_wrong_typed_and_oversized_bodies() {
    let app = spawn_app_with(true).await;
    let admin = app.admin().await;
    let mut checked = 0;
    for (method, path, access, body) in endpoints() {
        // Voters' endpoints refuse a stranger before reading the body: voting.rs sends
        // them broken bodies as a verified voter.
        if body.is_none() || access == Access::Voter {
            continue;
        }
        let url = app.url(&concrete(path));
        let send = |content_type: &'static str, body: Vec<u8>| {
            admin
                .client
                .request(method.clone(), url.clone())
                .header(CSRF_HEADER, &admin.csrf)
                .header("content-type", content_type)
                .body(body)
                .send()
        };
        let broken = read(
            send("application/json", b"{\"name\": ".to_vec())
                .await
                .unwrap(),
        )
        .await;
        assert_error(&broken, 400, "bad_json");
        let wrong_shape = read(
            send("application/json", b"[1, 2, 3]".to_vec())
                .await
                .unwrap(),
        )
        .await;
        assert_error(&wrong_shape, 400, "bad_json");
        let form = read(
            send("application/x-www-form-urlencoded", b"a=b".to_vec())
                .await
                .unwrap(),
        )
        .await;
        assert_error(&form, 415, "unsupported_media_type");
        let huge = format!("{{\"name\": \"{}\"}}", "潮".repeat(100_000));
        let too_big = read(send("application/json", huge.into_bytes()).await.unwrap()).await;
        assert_error(&too_big, 413, "payload_too_large");
        checked += 1;
    }
    assert_eq!(checked, 27);
    let (_, current) = app.anon(Method::GET, "/api/v1/rounds/current", None).await;
    assert_eq!(current["round"]["phase"], "nomination");
}

#[tokio::test]
async fn path_ids_that_are_not_numbers_are_400() {
    let app = spawn_app_with(true).await;
    let admin = app.admin().await;
    for (method, path, _, body) in endpoints() {
        if !path.contains("{id}") {
            continue;
        }
        for bad in ["abc", "1.5", "99999999999999999999999", "%27%20OR%201=1"] {
            let r = admin
                .call(
                    method.clone(),
                    &concrete(&path.replace("{id}", bad)),
                    body.clone(),
                )
                .await;
            assert_error(&r, 400, "bad_request");
        }
    }
}

#[tokio::test]
async fn round_validation_names_each_field_in_chinese() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let mut input = round_input("", chrono::Utc::now());
    input["schedule"]["voting"]["ends_at"] = input["schedule"]["voting"]["starts_at"].clone();
    input["config"]["vote_weight"] = json!(0.5);
    let r = admin
        .call(Method::POST, "/api/v1/rounds", Some(input))
        .await;
    assert_error(&r, 422, "validation_failed");
    let fields: Vec<&str> = r.1["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        vec!["name", "schedule.voting.ends_at", "config.field_weight"]
    );
    assert!(r.1["fields"][2]["message"]
        .as_str()
        .unwrap()
        .contains("权重"));
    assert!(app.db.rounds().await.unwrap().is_empty());
}

#[tokio::test]
async fn hostile_strings_are_stored_verbatim_or_refused() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let sneaky = "第6期'); DROP TABLE rounds;-- <script>alert(1)</script>";
    let (status, round) = admin
        .call(
            Method::POST,
            "/api/v1/rounds",
            Some(round_input(sneaky, chrono::Utc::now())),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(round["name"], sneaky);
    let r = admin
        .call(
            Method::PUT,
            &format!("/api/v1/rounds/{}", round["id"]),
            Some(round_input("a\u{0000}b", chrono::Utc::now())),
        )
        .await;
    assert_error(&r, 422, "validation_failed");
    let mut bad_date = round_input("x", chrono::Utc::now());
    bad_date["schedule"]["nomination"]["starts_at"] = json!("not a date");
    assert_error(
        &admin
            .call(Method::POST, "/api/v1/rounds", Some(bad_date))
            .await,
        400,
        "bad_json",
    );
    let mut bad_number = round_input("x", chrono::Utc::now());
    bad_number["config"]["worst_n"] = json!(-1);
    assert_error(
        &admin
            .call(Method::POST, "/api/v1/rounds", Some(bad_number))
            .await,
        400,
        "bad_json",
    );
    let r = app
        .anon(
            Method::POST,
            "/api/v1/session",
            Some(json!({"username": "", "password": ""})),
        )
        .await;
    assert_error(&r, 422, "validation_failed");
    let r = app
        .anon(
            Method::POST,
            "/api/v1/session",
            Some(json!({"username": "a".repeat(500), "password": "x"})),
        )
        .await;
    assert_error(&r, 422, "validation_failed");
}

#[tokio::test]
async fn an_unknown_phase_name_is_refused() {
    let app = spawn_app_with(true).await;
    let admin = app.admin().await;
    let r = admin
        .call(
            Method::POST,
            "/api/v1/rounds/1/advance",
            Some(json!({"from": "counting"})),
        )
        .await;
    assert_error(&r, 400, "bad_json");
    let r = admin
        .call(
            Method::POST,
            "/api/v1/rounds/1/advance",
            Some(json!({"from": "voting"})),
        )
        .await;
    assert_error(&r, 409, "illegal_transition");
}

#[tokio::test]
async fn broken_version_queries_are_400_on_every_endpoint_that_takes_one() {
    let app = spawn_app_with(true).await;
    let admin = app.admin().await;
    let versioned: Vec<String> = endpoints()
        .into_iter()
        .filter(|(method, path, _, _)| {
            *method == Method::GET && (path.ends_with("/open-data") || path.contains("/export."))
        })
        .map(|(_, path, _, _)| concrete(path))
        .collect();
    assert_eq!(versioned.len(), 3, "open data, CSV and XLSX: {versioned:?}");
    for path in &versioned {
        for bad in ["abc", "-1", "1.5", "99999999999", "%27%20OR%201=1", ""] {
            let r = admin.get(&format!("{path}?version={bad}")).await;
            assert_error(&r, 400, "bad_request");
        }
        // A well-formed version of a round that has none published is simply not there.
        assert_error(
            &admin.get(&format!("{path}?version=1")).await,
            404,
            "not_found",
        );
    }
    // The snapshot list takes no query; unknown parameters are ignored, not an error.
    let (status, _) = app
        .anon(Method::GET, "/api/v1/rounds/1/ballot-snapshots?x=1", None)
        .await;
    assert_eq!(status, 200);
}
