use crate::helpers::*;
use chrono::{Duration, Utc};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn no_round_yet_is_an_empty_answer_not_an_error() {
    let app = spawn_app().await;
    let (status, body) = app.anon(Method::GET, "/api/v1/rounds/current", None).await;
    assert_eq!(status, 200);
    assert!(body["round"].is_null());
    assert!(body["server_time"].as_str().unwrap().ends_with('Z'));
}

#[tokio::test]
async fn the_demo_round_is_seeded_once_in_nomination() {
    let app = spawn_app_with(true).await;
    let (_, body) = app.anon(Method::GET, "/api/v1/rounds/current", None).await;
    let round = &body["round"];
    assert_eq!(round["phase"], "nomination");
    assert!(round["name"].as_str().unwrap().contains("年第"));
    let starts: chrono::DateTime<Utc> = round["schedule"]["nomination"]["starts_at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let ends: chrono::DateTime<Utc> = round["schedule"]["nomination"]["ends_at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let now = Utc::now();
    assert!(
        starts < now && now < ends,
        "demo nomination window should contain now"
    );
    assert_eq!(round["config"]["vote_weight"], 0.4);
    // Seeding again leaves the database alone.
    assert!(!pingxuan_server::seed::demo_round(&app.db, now)
        .await
        .unwrap());
}

#[tokio::test]
async fn admin_creates_edits_and_advances_a_round() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let start = Utc::now() - Duration::days(40);
    let (status, round) = admin
        .call(
            Method::POST,
            "/api/v1/rounds",
            Some(round_input("2026年第6期", start)),
        )
        .await;
    assert_eq!(status, 201, "{round}");
    let id = round["id"].as_i64().unwrap();
    assert_eq!(round["phase"], "nomination");

    let mut edited = round_input(" 2026年第6期（调整） ", start);
    edited["config"]["worst_n"] = json!(8);
    let (status, round) = admin
        .call(Method::PUT, &format!("/api/v1/rounds/{id}"), Some(edited))
        .await;
    assert_eq!(status, 200, "{round}");
    assert_eq!(round["name"], "2026年第6期（调整）");
    assert_eq!(round["config"]["worst_n"], 8);

    let advance = |from: &str| json!({"from": from});
    let path = format!("/api/v1/rounds/{id}/advance");
    let mut phase = "nomination".to_string();
    for next in [
        "screening",
        "voting",
        "field_scoring",
        "review",
        "published",
    ] {
        let (status, round) = admin.call(Method::POST, &path, Some(advance(&phase))).await;
        assert_eq!(status, 200, "{round}");
        assert_eq!(round["phase"], next);
        phase = next.to_string();
    }
    assert_error(
        &admin
            .call(Method::POST, &path, Some(advance("published")))
            .await,
        409,
        "illegal_transition",
    );
    // The public sees the new phase; the audit log has every step.
    let (_, current) = app.anon(Method::GET, "/api/v1/rounds/current", None).await;
    assert_eq!(current["round"]["phase"], "published");
    assert_eq!(app.db.audit_count("round.advance").await.unwrap(), 5);
    // A published round is frozen.
    let r = admin
        .call(
            Method::PUT,
            &format!("/api/v1/rounds/{id}"),
            Some(round_input("改名", start)),
        )
        .await;
    assert_error(&r, 409, "conflict");
}

#[tokio::test]
async fn voting_cannot_be_closed_early() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (_, round) = admin
        .call(
            Method::POST,
            "/api/v1/rounds",
            Some(round_input("本期", Utc::now() - Duration::days(20))),
        )
        .await;
    let path = format!("/api/v1/rounds/{}/advance", round["id"]);
    admin
        .call(Method::POST, &path, Some(json!({"from": "nomination"})))
        .await;
    admin
        .call(Method::POST, &path, Some(json!({"from": "screening"})))
        .await;
    // Voting runs day 19–27 of the schedule; it is day 20 now.
    let r = admin
        .call(Method::POST, &path, Some(json!({"from": "voting"})))
        .await;
    assert_error(&r, 409, "illegal_transition");
    assert!(r.1["message"].as_str().unwrap().contains("不能提前结束"));
}

#[tokio::test]
async fn concurrent_advances_move_exactly_one_step() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (_, round) = admin
        .call(
            Method::POST,
            "/api/v1/rounds",
            Some(round_input("本期", Utc::now())),
        )
        .await;
    let path = format!("/api/v1/rounds/{}/advance", round["id"]);
    let calls =
        (0..12).map(|_| admin.call(Method::POST, &path, Some(json!({"from": "nomination"}))));
    let results = futures::future::join_all(calls).await;
    let ok = results.iter().filter(|r| r.0 == 200).count();
    let conflicts = results
        .iter()
        .filter(|r| r.0 == 409 && r.1["code"] == "illegal_transition")
        .count();
    assert_eq!((ok, conflicts), (1, 11), "{results:?}");
    let (_, current) = app.anon(Method::GET, "/api/v1/rounds/current", None).await;
    assert_eq!(current["round"]["phase"], "screening");
}

#[tokio::test]
async fn a_new_round_waits_for_the_previous_to_be_published() {
    let app = spawn_app_with(true).await;
    let admin = app.admin().await;
    let r = admin
        .call(
            Method::POST,
            "/api/v1/rounds",
            Some(round_input("下一期", Utc::now())),
        )
        .await;
    assert_error(&r, 409, "conflict");
}

#[tokio::test]
async fn scoring_rules_freeze_once_voting_begins() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let start = Utc::now() - Duration::days(20);
    let (_, round) = admin
        .call(
            Method::POST,
            "/api/v1/rounds",
            Some(round_input("本期", start)),
        )
        .await;
    let id = round["id"].as_i64().unwrap();
    let adv = format!("/api/v1/rounds/{id}/advance");
    admin
        .call(Method::POST, &adv, Some(json!({"from": "nomination"})))
        .await;
    admin
        .call(Method::POST, &adv, Some(json!({"from": "screening"})))
        .await;
    let mut changed = round_input("本期", start);
    changed["config"]["vote_weight"] = json!(0.5);
    changed["config"]["field_weight"] = json!(0.5);
    assert_error(
        &admin
            .call(Method::PUT, &format!("/api/v1/rounds/{id}"), Some(changed))
            .await,
        409,
        "conflict",
    );
    // Renaming is still fine.
    let (status, _) = admin
        .call(
            Method::PUT,
            &format!("/api/v1/rounds/{id}"),
            Some(round_input("本期（改）", start)),
        )
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_round_is_readable_by_id_and_unknown_ids_are_404() {
    let app = spawn_app_with(true).await;
    let (status, round) = app.anon(Method::GET, "/api/v1/rounds/1", None).await;
    assert_eq!(status, 200);
    assert_eq!(round["id"], 1);
    assert_error(
        &app.anon(Method::GET, "/api/v1/rounds/999", None).await,
        404,
        "not_found",
    );
    let admin = app.admin().await;
    let (status, list) = admin.get("/api/v1/rounds").await;
    assert_eq!(status, 200);
    assert_eq!(list["rounds"].as_array().unwrap().len(), 1);
}
