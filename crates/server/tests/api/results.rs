//! Results: a small round (three markets) whose ranking is worked out by hand; exclusions
//! recompute the preview; publication freezes version 1 (a later void changes nothing
//! until a correction makes version 2, and both stay readable); roles; publishing
//! outside review; the public answers' caching; the open data passes the independent
//! verifier, which catches a changed choice and a changed item score.

use crate::helpers::*;
use chrono::{Duration, Utc};
use pingxuan_domain::api::DEVICE_HEADER;
use pingxuan_server::seed::DEMO_INSPECTOR_PASSWORD;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Round 1 in field scoring with three shortlisted markets A, B, C (worst 1, warned 1):
/// six valid ballots for A, three for B, none for C; wg1a scores all three, wg1b scores B.
struct Round {
    app: TestApp,
    admin: Signed,
    a: i64,
    b: i64,
    c: i64,
    /// `wg1a.lead`, `wg1b.lead`.
    wg1a: Signed,
    wg1b: Signed,
    sheet: Value,
    /// Ballot ids by candidate, as the fraud panel lists them.
    ballots: Vec<(i64, i64)>,
}

async fn post(who: &Signed, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    who.call(Method::POST, path, body).await
}

async fn advance(admin: &Signed, from: &str) {
    let r = post(
        admin,
        "/api/v1/rounds/1/advance",
        Some(json!({ "from": from })),
    )
    .await;
    assert_eq!(r.0, 200, "advance from {from}: {}", r.1);
}

async fn staff_login(app: &TestApp, username: &str) -> Signed {
    let client = new_client();
    let (status, session) = read(
        client
            .post(app.url("/api/v1/session"))
            .json(&json!({"username": username, "password": DEMO_INSPECTOR_PASSWORD}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{session}");
    Signed::new(
        client,
        session["csrf_token"].as_str().unwrap().to_owned(),
        app.url(""),
    )
}

/// A sheet on the pinned version: graded items at `graded` points (capped at their
/// max), deducted items with `findings` findings each.
pub(crate) fn marks(sheet: &Value, candidate: i64, graded: u64, findings: u64) -> Value {
    let mut scores = Vec::new();
    for section in sheet["content"]["sections"].as_array().unwrap() {
        for item in section["items"].as_array().unwrap() {
            let max = item["rule"]["max"].as_u64().unwrap();
            let mark = match item["rule"]["kind"].as_str().unwrap() {
                "graded" => json!({"kind": "graded", "points": graded.min(max)}),
                _ => json!({"kind": "deducted", "findings": findings}),
            };
            scores.push(json!({"item_id": item["id"], "mark": mark}));
        }
    }
    json!({
        "candidate_id": candidate,
        "sheet_version_id": sheet["id"],
        "scores": scores,
        "filled_at": (Utc::now() - Duration::minutes(5)).to_rfc3339(),
    })
}

/// Syncs a sheet; returns its server id.
async fn sync(who: &Signed, n: u32, body: Value) -> i64 {
    let (status, receipt) = who
        .call(
            Method::PUT,
            &format!("/api/v1/rounds/1/field/sheets/{n:08x}-0000-4000-8000-00000000a11c"),
            Some(body),
        )
        .await;
    assert_eq!(status, 201, "{receipt}");
    receipt["sheet_id"].as_i64().unwrap()
}

async fn round() -> Round {
    let app = spawn_app_configured(|c| {
        c.demo = true;
        c.login_attempts = 50;
        c.ballots_per_hour = 10_000;
    })
    .await;
    let admin = app.admin().await;
    // Voting opens 15 + 4 days after the start: start 19 days and an hour ago.
    let mut input = round_input("本期", Utc::now() - Duration::days(19) - Duration::hours(1));
    input["config"]["candidates_per_category"] = json!(3);
    input["config"]["worst_n"] = json!(1);
    input["config"]["warned_n"] = json!(1);
    let r = admin
        .call(Method::PUT, "/api/v1/rounds/1", Some(input))
        .await;
    assert_eq!(r.0, 200, "{}", r.1);
    advance(&admin, "nomination").await;
    let (_, found) = app
        .anon(Method::GET, "/api/v1/places?category=market&limit=50", None)
        .await;
    let list: Vec<Value> = found["places"].as_array().unwrap()[..3]
        .iter()
        .map(|p| json!({"place_id": p["id"], "title": p["name"], "description": "部门日常巡查发现问题突出。", "department_reason": "部门巡查记录：多次整改不到位。"}))
        .collect();
    let (status, saved) = admin
        .call(
            Method::PUT,
            "/api/v1/rounds/1/shortlist/market",
            Some(json!({ "candidates": list })),
        )
        .await;
    assert_eq!(status, 200, "{saved}");
    let ids: Vec<i64> = saved
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    let (a, b, c) = (ids[0], ids[1], ids[2]);
    advance(&admin, "screening").await;

    // Nine residents on one phone: six for A, three for B.
    let now = Utc::now();
    let tokens: Vec<String> = (0..9)
        .map(|_| pingxuan_server::auth::random_token())
        .collect();
    let voters: Vec<(String, String)> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                format!("resident-{i}"),
                pingxuan_server::auth::token_hash(t),
            )
        })
        .collect();
    app.db
        .insert_voters_with_sessions(&voters, now, now + Duration::days(1))
        .await
        .unwrap();
    let client = new_client();
    for (i, t) in tokens.iter().enumerate() {
        let choice = if i < 6 { a } else { b };
        let res = client
            .post(app.url("/api/v1/rounds/1/ballots/market"))
            .header(DEVICE_HEADER, "results-test-phone")
            .header("cookie", format!("pingxuan_voter={t}"))
            .json(&json!({ "candidate_ids": [choice] }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
    }
    let (_, report) = admin.get("/api/v1/rounds/1/fraud").await;
    let source = report["shared_devices"][0]["source"].as_str().unwrap();
    let (_, listed) = admin
        .get(&format!("/api/v1/rounds/1/fraud/ballots?source={source}"))
        .await;
    let ballots = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["id"].as_i64().unwrap(),
                b["candidate_ids"][0].as_i64().unwrap(),
            )
        })
        .collect();

    // Teams: the view sent back with wg1a on all three and wg1b on B.
    let (_, mut teams) = admin.get("/api/v1/rounds/1/teams").await;
    teams["work_groups"][0]["sub_groups"][0]["candidate_ids"] = json!([a, b, c]);
    teams["work_groups"][0]["sub_groups"][1]["candidate_ids"] = json!([b]);
    let r = admin
        .call(Method::PUT, "/api/v1/rounds/1/teams", Some(teams))
        .await;
    assert_eq!(r.0, 200, "{}", r.1);
    app.db.end_voting_at(1, Utc::now()).await.unwrap();
    advance(&admin, "voting").await;
    let (_, pinned) = admin.get("/api/v1/rounds/1/sheets").await;
    let sheet = pinned["pinned"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["category"] == "market")
        .unwrap()
        .clone();
    Round {
        wg1a: staff_login(&app, "wg1a.lead").await,
        wg1b: staff_login(&app, "wg1b.lead").await,
        app,
        admin,
        a,
        b,
        c,
        sheet,
        ballots,
    }
}

/// The market lines of a preview or public answer as (id, votes, vote, field, sheets,
/// total, rank, tier).
type Line = (i64, u64, f64, f64, u64, f64, u64, String);

/// The market category of a preview, a snapshot or a public answer.
fn market(answer: &Value) -> &Value {
    answer["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["category"] == "market")
        .unwrap()
}

fn market_lines(preview: &Value) -> Vec<Line> {
    market(preview)["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["candidate_id"].as_i64().unwrap(),
                l["votes"].as_u64().unwrap(),
                l["vote_score"].as_f64().unwrap(),
                l["field_score"].as_f64().unwrap(),
                l["sheets"].as_u64().unwrap(),
                l["total"].as_f64().unwrap(),
                l["rank"].as_u64().unwrap(),
                l["tier"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn preview(r: &Round) -> Value {
    let (status, p) = r.admin.get("/api/v1/rounds/1/results/preview").await;
    assert_eq!(status, 200, "{p}");
    p
}

#[allow(clippy::too_many_arguments)]
fn l(
    id: i64,
    votes: u64,
    vote: f64,
    field: f64,
    sheets: u64,
    total: f64,
    rank: u64,
    tier: &str,
) -> Line {
    (id, votes, vote, field, sheets, total, rank, tier.to_owned())
}

#[tokio::test]
async fn results_by_hand_exclusions_publication_corrections_and_open_data() {
    let r = round().await;
    let (a, b, c) = (r.a, r.b, r.c);
    // The demo market sheet: graded items worth 42 in all, deducted items 58. Graded at
    // full marks with no findings = 100; at 0 with no findings = 58; at 3 (every graded
    // item's max is at least 3, nine items) with no findings = 27 + 58 = 85; at 0 with
    // 99 findings everywhere = 0.
    sync(&r.wg1a, 1, marks(&r.sheet, a, 6, 0)).await;
    let b_low = sync(&r.wg1a, 2, marks(&r.sheet, b, 0, 0)).await;
    sync(&r.wg1b, 3, marks(&r.sheet, b, 3, 0)).await;
    let c_sheet = sync(&r.wg1a, 4, marks(&r.sheet, c, 0, 99)).await;

    // Before review, publishing is refused with a JSON 409.
    let refused = post(&r.admin, "/api/v1/rounds/1/results/publish", None).await;
    assert_error(&refused, 409, "illegal_transition");
    let r_public = r
        .app
        .anon(Method::GET, "/api/v1/rounds/1/results", None)
        .await;
    assert_error(&r_public, 404, "not_found");
    assert_error(
        &r.app
            .anon(Method::GET, "/api/v1/rounds/1/open-data", None)
            .await,
        404,
        "not_found",
    );

    // By hand: the most votes is 6 (A). vote score = 100 × (1 − votes / 6).
    // A: 6 votes → 0; field 100 → total 0.6 × 100 = 60.
    // B: 3 votes → 50; field (58 + 85) / 2 = 71.5 → 20 + 42.9 = 62.9.
    // C: 0 votes → 100; field 0 → 40.
    let p = preview(&r).await;
    assert_eq!(p["complete"], true);
    assert_eq!(
        market_lines(&p),
        vec![
            l(c, 0, 100.0, 0.0, 1, 40.0, 1, "worst"),
            l(a, 6, 0.0, 100.0, 1, 60.0, 2, "warned"),
            l(b, 3, 50.0, 71.5, 2, 62.9, 3, "other"),
        ]
    );

    // Exclude one of A's ballots: A 5 votes (the most) → 0; B 100 × (1 − 3/5) = 40 →
    // 16 + 42.9 = 58.9, now above A.
    let a_ballot = r.ballots.iter().find(|(_, cand)| *cand == a).unwrap().0;
    let path = "/api/v1/rounds/1/results/exclusions";
    let (status, x1) = post(
        &r.admin,
        path,
        Some(json!({"kind": "ballot", "id": a_ballot, "reason": "与刷票设备关联，复核后排除"})),
    )
    .await;
    assert_eq!(status, 201, "{x1}");
    assert_eq!(
        market_lines(&preview(&r).await),
        vec![
            l(c, 0, 100.0, 0.0, 1, 40.0, 1, "worst"),
            l(b, 3, 40.0, 71.5, 2, 58.9, 2, "warned"),
            l(a, 5, 0.0, 100.0, 1, 60.0, 3, "other"),
        ]
    );
    // Exclude B's 58: B field 85 → 16 + 51 = 67.
    let (status, _) = post(
        &r.admin,
        path,
        Some(json!({"kind": "sheet", "id": b_low, "reason": "评分表填错了对象"})),
    )
    .await;
    assert_eq!(status, 201);
    // Withdraw the ballot's exclusion: A 6 votes again, B 50 → 20 + 51 = 71.
    let withdraw = format!("{path}/{}", x1["id"]);
    let (status, _) = r.admin.call(Method::DELETE, &withdraw, None).await;
    assert_eq!(status, 204);
    assert_error(
        &r.admin.call(Method::DELETE, &withdraw, None).await,
        409,
        "conflict",
    );
    let p = preview(&r).await;
    assert_eq!(
        market_lines(&p),
        vec![
            l(c, 0, 100.0, 0.0, 1, 40.0, 1, "worst"),
            l(a, 6, 0.0, 100.0, 1, 60.0, 2, "warned"),
            l(b, 3, 50.0, 85.0, 1, 71.0, 3, "other"),
        ]
    );
    assert_eq!(p["exclusions"].as_array().unwrap().len(), 2);
    assert!(p["exclusions"][1]["withdrawn_at"].is_string(), "{p}");

    // Bad exclusions: no reason, an unknown kind, a sheet of no such id, twice.
    for (body, status, code) in [
        (
            json!({"kind": "sheet", "id": c_sheet, "reason": " "}),
            422,
            "validation_failed",
        ),
        (
            json!({"kind": "photo", "id": 1, "reason": "理由充分"}),
            400,
            "bad_json",
        ),
        (
            json!({"kind": "sheet", "id": 999_999, "reason": "理由充分"}),
            404,
            "not_found",
        ),
        (
            json!({"kind": "sheet", "id": b_low, "reason": "再排除一次"}),
            409,
            "conflict",
        ),
    ] {
        assert_error(&post(&r.admin, path, Some(body)).await, status, code);
    }
    // Excluding C's only sheet leaves C unscored: the preview says the data are not
    // complete and ranks A and B alone (A 60 worst, B 71 warned) until it is withdrawn.
    let (_, xc) = post(
        &r.admin,
        path,
        Some(json!({"kind": "sheet", "id": c_sheet, "reason": "照片与地点不符"})),
    )
    .await;
    let p = preview(&r).await;
    assert_eq!(p["complete"], false);
    assert_eq!(market(&p)["unscored"], json!([c]));
    // The preview names the unscored and lists every live sheet by id, the excluded
    // with their reasons: what the office's workbench opens and excludes from.
    assert_eq!(p["unscored_candidates"].as_array().unwrap().len(), 1, "{p}");
    assert_eq!(p["unscored_candidates"][0]["id"], json!(c));
    assert!(p["unscored_candidates"][0]["title"].is_string());
    let sheets: Vec<(i64, i64, Option<&str>)> = p["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_i64().unwrap(),
                s["candidate_id"].as_i64().unwrap(),
                s["excluded"].as_str(),
            )
        })
        .collect();
    assert_eq!(sheets.len(), 4, "{p}");
    assert!(
        sheets.contains(&(b_low, b, Some("评分表填错了对象"))),
        "{p}"
    );
    assert!(
        sheets.contains(&(c_sheet, c, Some("照片与地点不符"))),
        "{p}"
    );
    assert_eq!(sheets.iter().filter(|s| s.2.is_none()).count(), 2);
    assert_eq!(
        market_lines(&p),
        vec![
            l(a, 6, 0.0, 100.0, 1, 60.0, 1, "worst"),
            l(b, 3, 50.0, 85.0, 1, 71.0, 2, "warned"),
        ]
    );
    advance(&r.admin, "field_scoring").await;
    let (status, _) = r
        .admin
        .call(Method::DELETE, &format!("{path}/{}", xc["id"]), None)
        .await;
    assert_eq!(status, 204);
    assert_eq!(r.app.db.audit_count("results.exclude").await.unwrap(), 3);
    assert_eq!(
        r.app
            .db
            .audit_count("results.withdraw_exclusion")
            .await
            .unwrap(),
        2
    );

    // Wrong roles: a department and an inspector get 403, a visitor 401.
    let department = r.app.department().await;
    for (method, p, body) in [
        (Method::GET, "/api/v1/rounds/1/results/preview", None),
        (
            Method::POST,
            path,
            Some(json!({"kind": "sheet", "id": c_sheet, "reason": "理由充分"})),
        ),
        (Method::POST, "/api/v1/rounds/1/results/publish", None),
        (
            Method::POST,
            "/api/v1/rounds/1/results/corrections",
            Some(json!({"reason": "理由充分"})),
        ),
    ] {
        for who in [&department, &r.wg1a] {
            assert_error(
                &who.call(method.clone(), p, body.clone()).await,
                403,
                "forbidden",
            );
        }
        assert_error(
            &r.app.anon(method.clone(), p, body.clone()).await,
            401,
            "unauthenticated",
        );
    }
    // A correction before publication is refused.
    assert_error(
        &post(
            &r.admin,
            "/api/v1/rounds/1/results/corrections",
            Some(json!({"reason": "提前更正"})),
        )
        .await,
        409,
        "illegal_transition",
    );

    // Publish: version 1, the round published.
    let (status, v1) = post(&r.admin, "/api/v1/rounds/1/results/publish", None).await;
    assert_eq!(status, 201, "{v1}");
    assert_eq!(v1["version"], 1);
    assert_eq!(v1["sha256"].as_str().unwrap().len(), 64);
    let (_, round) = r.app.anon(Method::GET, "/api/v1/rounds/1", None).await;
    assert_eq!(round["phase"], "published");
    assert_error(
        &post(&r.admin, "/api/v1/rounds/1/results/publish", None).await,
        409,
        "illegal_transition",
    );

    // The public page: worst C, warned A, the formula, one version.
    let res = r
        .app
        .client
        .get(r.app.url("/api/v1/rounds/1/results"))
        .send()
        .await
        .unwrap();
    assert!(res.headers()["cache-control"]
        .to_str()
        .unwrap()
        .starts_with("public"));
    let etag = res.headers()["etag"].to_str().unwrap().to_owned();
    let public: Value = res.json().await.unwrap();
    let v1_market = market(&public).clone();
    assert_eq!(v1_market["worst"][0]["candidate_id"], c);
    assert_eq!(v1_market["worst"][0]["total"], 40.0);
    assert_eq!(v1_market["warned"][0]["candidate_id"], a);
    assert_eq!(v1_market["warned"][0]["votes"], 6);
    assert!(v1_market["warned"][0]["town"].is_string());
    assert_eq!(v1_market["candidates"], 3);
    assert_eq!(public["formula"]["vote_weight"], 0.4);
    assert_eq!(public["formula"]["worst_n"], 1);
    assert_eq!(public["versions"].as_array().unwrap().len(), 1);
    let not_modified = r
        .app
        .client
        .get(r.app.url("/api/v1/rounds/1/results"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(not_modified.status(), 304);
    let (_, archive) = r.app.anon(Method::GET, "/api/v1/results", None).await;
    assert_eq!(archive["rounds"][0]["round_id"], 1);
    assert_eq!(archive["rounds"][0]["latest_version"], 1);

    // The open data passes the independent verifier…
    let (status, open) = r
        .app
        .anon(Method::GET, "/api/v1/rounds/1/open-data", None)
        .await;
    assert_eq!(status, 200);
    let summary = pingxuan_verify::verify(&open).unwrap();
    assert_eq!(summary.mismatches, vec![], "{:?}", summary.mismatches);
    assert_eq!((summary.ballots_counted, summary.sheets_counted), (9, 3));
    assert!(
        !open.to_string().contains("resident-"),
        "no voters' identities"
    );
    assert!(
        !open.to_string().contains("wg1a"),
        "no inspectors' identities"
    );
    assert_eq!(open["exclusions"].as_array().unwrap().len(), 3);
    // …which catches one changed choice (a ballot for A now for C)…
    let mut tampered = open.clone();
    let i = tampered["ballots"]
        .as_array()
        .unwrap()
        .iter()
        .position(|b| b["candidate_ids"][0] == a)
        .unwrap();
    tampered["ballots"][i]["candidate_ids"] = json!([c]);
    let caught = pingxuan_verify::verify(&tampered).unwrap().mismatches;
    assert!(caught.iter().any(|m| m.field == "votes"), "{caught:?}");
    // …and one changed item score (A's first graded item marked one point lower).
    let mut tampered = open.clone();
    let s = tampered["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .position(|s| s["candidate_id"] == a)
        .unwrap();
    let item = tampered["sheets"][s]["items"]
        .as_array()
        .unwrap()
        .iter()
        .position(|it| it["mark"]["kind"] == "graded")
        .unwrap();
    let points = tampered["sheets"][s]["items"][item]["mark"]["points"]
        .as_u64()
        .unwrap();
    tampered["sheets"][s]["items"][item]["mark"]["points"] = json!(points - 1);
    let caught = pingxuan_verify::verify(&tampered).unwrap().mismatches;
    assert!(
        caught
            .iter()
            .any(|m| m.field == "total" && m.scope.starts_with("sheet")),
        "{caught:?}"
    );
    assert!(
        caught.iter().any(|m| m.field == "field_score"),
        "{caught:?}"
    );

    // A void after publication leaves version 1 as it was…
    let (status, _) = post(
        &r.admin,
        "/api/v1/rounds/1/ballots/void",
        Some(json!({"ballot_id": a_ballot, "reason": "公布后复核：同一设备批量投票"})),
    )
    .await;
    assert_eq!(status, 204);
    let (_, again) = r
        .app
        .anon(Method::GET, "/api/v1/rounds/1/results", None)
        .await;
    assert_eq!(again, public);
    // …until a correction makes version 2 from the data as they are now.
    assert_error(
        &post(
            &r.admin,
            "/api/v1/rounds/1/results/corrections",
            Some(json!({"reason": ""})),
        )
        .await,
        422,
        "validation_failed",
    );
    let (status, v2) = post(
        &r.admin,
        "/api/v1/rounds/1/results/corrections",
        Some(json!({"reason": "作废一张刷票选票后更正"})),
    )
    .await;
    assert_eq!(status, 201, "{v2}");
    assert_eq!(v2["version"], 2);
    assert_ne!(v2["sha256"], v1["sha256"]);
    let (_, latest) = r
        .app
        .anon(Method::GET, "/api/v1/rounds/1/results", None)
        .await;
    assert_eq!(latest["version"], 2);
    assert_eq!(latest["reason"], "作废一张刷票选票后更正");
    assert_eq!(latest["versions"].as_array().unwrap().len(), 2);
    let warned = &market(&latest)["warned"];
    // B: 100 × (1 − 3/5) = 40 → 16 + 51 = 67, still above A's 60.
    assert_eq!(warned[0]["candidate_id"], a);
    assert_eq!(warned[0]["votes"], 5);
    let res = r
        .app
        .client
        .get(r.app.url("/api/v1/rounds/1/results/versions/1"))
        .send()
        .await
        .unwrap();
    assert!(res.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    let old: Value = res.json().await.unwrap();
    assert_eq!(old["version"], 1);
    assert_eq!(old["sha256"], v1["sha256"]);
    let old_market = market(&old).clone();
    assert_eq!(old_market, v1_market);
    assert_error(
        &r.app
            .anon(Method::GET, "/api/v1/rounds/1/results/versions/3", None)
            .await,
        404,
        "not_found",
    );
    // The new open data agrees with version 2.
    let (_, open2) = r
        .app
        .anon(Method::GET, "/api/v1/rounds/1/open-data", None)
        .await;
    assert_eq!(open2["results"]["version"], 2);
    let summary = pingxuan_verify::verify(&open2).unwrap();
    assert_eq!(summary.mismatches, vec![], "{:?}", summary.mismatches);
    assert_eq!(summary.ballots_counted, 8);
    // Version 1's open data is kept as it was, and still agrees with version 1.
    let (_, open1) = r
        .app
        .anon(Method::GET, "/api/v1/rounds/1/open-data?version=1", None)
        .await;
    assert_eq!(open1, open);
    assert_error(
        &r.app
            .anon(Method::GET, "/api/v1/rounds/1/open-data?version=x", None)
            .await,
        400,
        "bad_request",
    );
    assert_eq!(r.app.db.audit_count("results.publish").await.unwrap(), 1);
    assert_eq!(r.app.db.audit_count("results.correct").await.unwrap(), 1);
}

#[tokio::test]
async fn advancing_from_review_publishes_version_one_exactly_once() {
    let r = round().await;
    for (n, cand) in [(1, r.a), (2, r.b), (3, r.c)] {
        sync(&r.wg1a, n, marks(&r.sheet, cand, 3, 0)).await;
    }
    advance(&r.admin, "field_scoring").await;
    // Twelve publications at once, half through `advance`: one wins, the rest are told
    // the round is no longer in review; one version, one audit entry.
    let calls = (0..12).map(|i| {
        let (path, body) = if i % 2 == 0 {
            ("/api/v1/rounds/1/advance", Some(json!({"from": "review"})))
        } else {
            ("/api/v1/rounds/1/results/publish", None)
        };
        post(&r.admin, path, body)
    });
    let answers = futures::future::join_all(calls).await;
    let won = answers.iter().filter(|(s, _)| s.is_success()).count();
    let refused = answers
        .iter()
        .filter(|(s, b)| *s == 409 && b["code"] == "illegal_transition")
        .count();
    assert_eq!((won, refused), (1, 11), "{answers:?}");
    assert_eq!(r.app.db.audit_count("results.publish").await.unwrap(), 1);
    let (status, public) = r
        .app
        .anon(Method::GET, "/api/v1/rounds/1/results", None)
        .await;
    assert_eq!(status, 200, "{public}");
    assert_eq!(public["version"], 1);
    // Equal field scores (85): the votes decide. A: 0.6 × 85 = 51 (worst); B: 20 + 51 =
    // 71 (warned); C: 40 + 51 = 91.
    let m = market(&public);
    assert_eq!(m["worst"][0]["candidate_id"], r.a);
    assert_eq!(m["worst"][0]["total"], 51.0);
    assert_eq!(m["warned"][0]["candidate_id"], r.b);
    let (_, round) = r.app.anon(Method::GET, "/api/v1/rounds/1", None).await;
    assert_eq!(round["phase"], "published");
    assert_eq!(r.app.db.audit_count("round.advance").await.unwrap(), 5);
    let (_, open) = r
        .app
        .anon(Method::GET, "/api/v1/rounds/1/open-data", None)
        .await;
    assert_eq!(pingxuan_verify::verify(&open).unwrap().mismatches, vec![]);
}

#[tokio::test]
async fn the_office_exports_a_published_version_as_csv_and_xlsx() {
    let r = round().await;
    let csv_path = "/api/v1/rounds/1/results/export.csv";
    let not_yet = r.admin.get(csv_path).await;
    assert_error(&not_yet, 404, "not_found");
    for (n, (cand, graded)) in [(r.a, 3), (r.b, 9), (r.c, 6)].into_iter().enumerate() {
        sync(&r.wg1a, n as u32 + 1, marks(&r.sheet, cand, graded, 0)).await;
    }
    advance(&r.admin, "field_scoring").await;
    let (status, v) = post(&r.admin, "/api/v1/rounds/1/results/publish", None).await;
    assert_eq!(status, 201, "{v}");
    let (_, public) = r
        .app
        .anon(Method::GET, "/api/v1/rounds/1/results", None)
        .await;

    let res = r
        .admin
        .client
        .get(r.app.url(csv_path))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(
        res.headers()["content-disposition"],
        "attachment; filename=\"pingxuan-results-1-v1.csv\""
    );
    let body = res.text().await.unwrap();
    let body = body
        .strip_prefix('\u{feff}')
        .expect("a byte order mark for Excel");
    let rows: Vec<Vec<&str>> = body
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(rows[0][0], "类别");
    assert_eq!(rows[0].len(), 12);
    // The three scored markets, worst first, as the public results rank them.
    let markets: Vec<&Vec<&str>> = rows
        .iter()
        .filter(|r| r[0] == "十个最差农贸市场" && !r[1].is_empty())
        .collect();
    assert_eq!(markets.len(), 3);
    let worst = &market(&public)["worst"][0];
    assert_eq!(markets[0][1], "1");
    assert_eq!(markets[0][2], "最差");
    assert_eq!(markets[0][3], worst["title"].as_str().unwrap());
    assert_eq!(
        markets[0][10],
        format!("{:.2}", worst["total"].as_f64().unwrap())
    );
    let ranks: Vec<&str> = markets.iter().map(|r| r[1]).collect();
    assert_eq!(ranks, ["1", "2", "3"]);
    // One row for every candidate the publication holds, scored or not.
    let frozen = preview(&r).await;
    let candidates: usize = frozen["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["lines"].as_array().unwrap().len() + c["unscored"].as_array().unwrap().len())
        .sum();
    assert_eq!(rows.len() - 1, candidates);

    // The workbook: one sheet per category, the CSV's rows, numbers as numbers.
    let xlsx_path = "/api/v1/rounds/1/results/export.xlsx";
    let res = r
        .admin
        .client
        .get(r.app.url(xlsx_path))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(
        res.headers()["content-disposition"],
        "attachment; filename=\"pingxuan-results-1-v1.xlsx\""
    );
    let bytes = res.bytes().await.unwrap();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("an xlsx");
    let names = book.sheet_names();
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(names.contains(&"十个最差农贸市场".to_string()), "{names:?}");
    let sheet = book.worksheet_range("十个最差农贸市场").unwrap();
    let cells: Vec<Vec<calamine::Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    let csv_markets: Vec<&Vec<&str>> = rows.iter().filter(|r| r[0] == "十个最差农贸市场").collect();
    assert_eq!(
        cells.len(),
        csv_markets.len() + 1,
        "header and one row each"
    );
    assert_eq!(cells[0][0], calamine::Data::String("类别".into()));
    assert_eq!(cells[0][11], calamine::Data::String("同分判定".into()));
    assert_eq!(
        cells[1][1],
        calamine::Data::Float(1.0),
        "the rank is a number"
    );
    assert_eq!(
        cells[1][3],
        calamine::Data::String(worst["title"].as_str().unwrap().into())
    );
    assert_eq!(
        cells[1][10],
        calamine::Data::Float(worst["total"].as_f64().unwrap()),
        "the total is the number itself, shown with two decimals"
    );
    // Every cell says what the CSV says.
    for (xlsx_row, csv_row) in cells[1..].iter().zip(&csv_markets) {
        let shown: Vec<String> = xlsx_row
            .iter()
            .enumerate()
            .map(|(col, d)| match d {
                calamine::Data::Float(x) if [7, 8, 10].contains(&col) => format!("{x:.2}"),
                other => other.to_string(),
            })
            .collect();
        assert_eq!(&shown, *csv_row);
    }
    let versioned = r
        .admin
        .client
        .get(r.app.url(&format!("{xlsx_path}?version=2")))
        .send()
        .await
        .unwrap();
    assert_eq!(versioned.status(), 404, "no version 2 yet");

    // Admins only.
    let department = r.app.department().await;
    for path in [csv_path, xlsx_path] {
        assert_error(&department.get(path).await, 403, "forbidden");
        assert_error(
            &r.app.anon(Method::GET, path, None).await,
            401,
            "unauthenticated",
        );
    }
}
