//! On-site scoring: score sheet versions and pins, teams, the inspector's offline
//! bundle, sheet sync (resends, conflicts, corrections in any order, refusals, fifty
//! identical PUTs at once) and evidence photos in resumable chunks.

use crate::helpers::*;
use crate::images;
use chrono::{Duration, Utc};
use pingxuan_domain::api::CSRF_HEADER;
use pingxuan_server::seed::DEMO_INSPECTOR_PASSWORD;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// A demo round in field scoring: 20 shortlisted candidates per category, the demo's
/// approved sheets pinned, its 5 × 2 teams, and assignments: market candidates 0..4 to
/// sub-group wg1a, 0 and 5 to wg1b (so candidate 0 is scored twice).
pub(crate) struct Field {
    pub(crate) app: TestApp,
    pub(crate) admin: Signed,
    /// `wg1a.lead` and `wg1b.lead`.
    pub(crate) a: Signed,
    pub(crate) b: Signed,
    /// `a`'s session cookie (`name=value`), for requests written by hand.
    pub(crate) a_cookie: String,
    pub(crate) market: Vec<i64>,
    /// The pinned market sheet version.
    pub(crate) sheet: Value,
}

pub(crate) async fn field_round() -> Field {
    let app = spawn_app_configured(|c| {
        c.demo = true;
        c.login_attempts = 50;
    })
    .await;
    let admin = app.admin().await;
    // Field scoring opens 15 + 4 + 8 days after the start: start 27 days and an hour ago.
    let start = Utc::now() - Duration::days(27) - Duration::hours(1);
    let (status, r) = admin
        .call(
            Method::PUT,
            "/api/v1/rounds/1",
            Some(round_input("本期", start)),
        )
        .await;
    assert_eq!(status, 200, "{r}");
    advance(&admin, "nomination").await;
    let market = shortlist_twenty_each(&app, &admin)
        .await
        .into_iter()
        .find(|(category, _)| category == "market")
        .map(|(_, ids)| ids)
        .unwrap();
    advance(&admin, "screening").await;
    advance(&admin, "voting").await;
    let (status, teams) = admin.get("/api/v1/rounds/1/teams").await;
    assert_eq!(status, 200, "{teams}");
    let mut input = teams_input(&teams);
    input["work_groups"][0]["sub_groups"][0]["candidate_ids"] = json!(market[..5]);
    input["work_groups"][0]["sub_groups"][1]["candidate_ids"] = json!([market[0], market[5]]);
    let (status, r) = admin
        .call(Method::PUT, "/api/v1/rounds/1/teams", Some(input))
        .await;
    assert_eq!(status, 200, "{r}");
    let (a, a_cookie) = inspector(&app, "wg1a.lead").await;
    let (b, _) = inspector(&app, "wg1b.lead").await;
    let (_, pinned) = admin.get("/api/v1/rounds/1/sheets").await;
    let sheet = pinned["pinned"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["category"] == "market")
        .unwrap()
        .clone();
    Field {
        app,
        admin,
        a,
        b,
        a_cookie,
        market,
        sheet,
    }
}

pub(crate) async fn advance(admin: &Signed, from: &str) {
    let (status, r) = admin
        .call(
            Method::POST,
            "/api/v1/rounds/1/advance",
            Some(json!({ "from": from })),
        )
        .await;
    assert_eq!(status, 200, "advance from {from}: {r}");
}

/// A demo inspector signed in, and the session cookie.
async fn inspector(app: &TestApp, username: &str) -> (Signed, String) {
    let client = new_client();
    let res = client
        .post(app.url("/api/v1/session"))
        .json(&json!({"username": username, "password": DEMO_INSPECTOR_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "login as {username}");
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let session: Value = res.json().await.unwrap();
    let csrf = session["csrf_token"].as_str().unwrap().to_owned();
    (Signed::new(client, csrf, app.url("")), cookie)
}

/// The view turned back into the input that keeps everything as it is.
pub(crate) fn teams_input(view: &Value) -> Value {
    let groups: Vec<Value> = view["work_groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let subs: Vec<Value> = g["sub_groups"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    let members: Vec<Value> = s["members"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|m| json!({"account_id": m["account_id"], "kind": m["kind"], "leader": m["leader"]}))
                        .collect();
                    json!({"id": s["id"], "name": s["name"], "members": members, "candidate_ids": s["candidate_ids"]})
                })
                .collect();
            json!({"id": g["id"], "name": g["name"], "leader_name": g["leader_name"], "sub_groups": subs})
        })
        .collect();
    json!({ "work_groups": groups })
}

/// A complete, valid sheet for the pinned version: every graded item at `graded` points
/// (capped at its max) and every deducted item with `findings` findings.
pub(crate) fn filled(sheet: &Value, candidate: i64, graded: u64, findings: u64) -> Value {
    let scores: Vec<Value> = sheet["content"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["items"].as_array().unwrap().iter())
        .map(|it| {
            let rule = &it["rule"];
            let mark = if rule["kind"] == "graded" {
                json!({"kind": "graded", "points": graded.min(rule["max"].as_u64().unwrap())})
            } else {
                json!({"kind": "deducted", "findings": findings})
            };
            json!({"item_id": it["id"], "mark": mark})
        })
        .collect();
    json!({
        "candidate_id": candidate,
        "sheet_version_id": sheet["id"],
        "scores": scores,
        "note": "现场核查：门口垃圾未清运。",
        "filled_at": (Utc::now() - Duration::minutes(30)).to_rfc3339(),
        "location": {"latitude": 23.66, "longitude": 116.63}
    })
}

pub(crate) fn uuid(n: u32) -> String {
    format!("{n:08x}-0000-4000-8000-000000000000")
}

async fn sync(who: &Signed, client_id: &str, body: &Value) -> (StatusCode, Value) {
    who.call(
        Method::PUT,
        &format!("/api/v1/rounds/1/field/sheets/{client_id}"),
        Some(body.clone()),
    )
    .await
}

async fn consistency(admin: &Signed) -> Value {
    let (status, view) = admin
        .get("/api/v1/rounds/1/field/consistency/market?margin=15")
        .await;
    assert_eq!(status, 200, "{view}");
    view
}

fn candidate(view: &Value, id: i64) -> &Value {
    view["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["candidate"]["id"] == id)
        .unwrap()
}

#[tokio::test]
async fn the_same_sheet_twice_is_one_row_with_the_same_receipt() {
    let f = field_round().await;
    let body = filled(&f.sheet, f.market[0], 5, 1);
    let id = uuid(1);
    let (status, first) = sync(&f.a, &id, &body).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["client_id"], id);
    assert!((0..=100).contains(&first["total"].as_i64().unwrap()));
    let (status, again) = sync(&f.a, &id, &body).await;
    assert_eq!(status, 200);
    assert_eq!(again, first);
    // The same body written differently (key order, upper-case id) is the same sheet.
    let reordered: Value = serde_json::from_str(&serde_json::to_string(&body).unwrap()).unwrap();
    let raw = format!(
        "{{\"scores\": {}, \"sheet_version_id\": {}, \"candidate_id\": {}, \"note\": {}, \"filled_at\": {}, \"location\": {}}}",
        reordered["scores"], reordered["sheet_version_id"], reordered["candidate_id"],
        reordered["note"], reordered["filled_at"], reordered["location"]
    );
    let res =
        f.a.client
            .put(f.app.url(&format!(
                "/api/v1/rounds/1/field/sheets/{}",
                id.to_uppercase()
            )))
            .header(CSRF_HEADER, &f.a.csrf)
            .header("content-type", "application/json")
            .body(raw)
            .send()
            .await
            .unwrap();
    let (status, third) = read(res).await;
    assert_eq!(status, 200, "{third}");
    assert_eq!(third, first);
    assert_eq!(f.app.db.field_sheet_rows(&id).await.unwrap(), 1);
    assert_eq!(f.app.db.audit_count("field.sheet").await.unwrap(), 1);
    // The phone learns what the server has from its bundle too.
    let (_, bundle) = f.a.get("/api/v1/field/bundle").await;
    assert_eq!(bundle["received"][0], first);
}

#[tokio::test]
async fn a_different_body_under_a_known_id_is_409_and_kept_beside_the_first() {
    let f = field_round().await;
    let id = uuid(2);
    let body = filled(&f.sheet, f.market[1], 5, 0);
    let (status, receipt) = sync(&f.a, &id, &body).await;
    assert_eq!(status, 201);
    let mut changed = body.clone();
    changed["note"] = json!("改了备注");
    let r = sync(&f.a, &id, &changed).await;
    assert_error(&r, 409, "conflict");
    assert_eq!(r.1["fields"][0]["code"], "conflict_kept");
    // Sent again (the phone retries): still one conflict row, still 409.
    assert_error(&sync(&f.a, &id, &changed).await, 409, "conflict");
    assert_eq!(f.app.db.field_sheet_rows(&id).await.unwrap(), 1);
    assert_eq!(f.app.db.field_conflict_rows(&id).await.unwrap(), 1);
    // The stored sheet is untouched; the office sees both.
    assert_eq!(sync(&f.a, &id, &body).await, (StatusCode::OK, receipt));
    let view = consistency(&f.admin).await;
    let sheets = &candidate(&view, f.market[1])["sheets"];
    assert_eq!(sheets.as_array().unwrap().len(), 1);
    assert_eq!(sheets[0]["note"], body["note"]);
    assert_eq!(view["conflicts"].as_array().unwrap().len(), 1);
    assert_eq!(view["conflicts"][0]["client_id"], id);
    assert_eq!(view["conflicts"][0]["body"]["note"], "改了备注");
    assert!(!view["conflicts"][0]["submitted_by"]
        .as_str()
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_correction_may_arrive_before_the_sheet_it_replaces() {
    let f = field_round().await;
    let (original, correction) = (uuid(10), uuid(11));
    let mut fixed = filled(&f.sheet, f.market[2], 6, 0);
    fixed["replaces"] = json!(original);
    let (status, r) = sync(&f.a, &correction, &fixed).await;
    assert_eq!(status, 201, "{r}");
    assert_eq!(r["replaces"], original);
    let (status, _) = sync(&f.a, &original, &filled(&f.sheet, f.market[2], 1, 5)).await;
    assert_eq!(status, 201);
    let view = consistency(&f.admin).await;
    let c = candidate(&view, f.market[2]);
    assert_eq!(c["sheets"].as_array().unwrap().len(), 1, "{c}");
    assert_eq!(c["sheets"][0]["client_id"], correction);
    assert_eq!(c["replaced"][0]["client_id"], original);
    assert_eq!(c["replaced"][0]["replaced_by"], correction);
    assert_eq!(
        c["comparison"]["mean"],
        c["sheets"][0]["total"].as_f64().unwrap()
    );
    // A sheet is corrected once; a further fix corrects the correction.
    let mut again = filled(&f.sheet, f.market[2], 7, 0);
    again["replaces"] = json!(original);
    let r = sync(&f.a, &uuid(12), &again).await;
    assert_error(&r, 409, "conflict");
    assert_eq!(r.1["fields"][0]["code"], "already_replaced");
    again["replaces"] = json!(correction);
    assert_eq!(sync(&f.a, &uuid(12), &again).await.0, 201);
    // A correction must be about the same candidate.
    let mut other = filled(&f.sheet, f.market[3], 7, 0);
    other["replaces"] = json!(uuid(12));
    let r = sync(&f.a, &uuid(13), &other).await;
    assert_error(&r, 422, "validation_failed");
    assert_eq!(r.1["fields"][0]["code"], "mismatch");
}

#[tokio::test]
async fn bad_sheets_are_refused_with_the_reason_and_store_nothing() {
    let f = field_round().await;
    let field_code = |r: &(StatusCode, Value)| {
        (
            r.1["fields"][0]["field"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            r.1["fields"][0]["code"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        )
    };
    // Candidate 5 is wg1b's, not wg1a's.
    let r = sync(&f.a, &uuid(20), &filled(&f.sheet, f.market[5], 5, 0)).await;
    assert_error(&r, 422, "validation_failed");
    assert_eq!(
        field_code(&r),
        ("candidate_id".into(), "not_assigned".into())
    );
    // Out of range: a graded item over its maximum, a count of findings beyond reason.
    let mut over = filled(&f.sheet, f.market[0], 5, 0);
    over["scores"][0]["mark"] = json!({"kind": "graded", "points": 101});
    let r = sync(&f.a, &uuid(21), &over).await;
    assert_error(&r, 422, "validation_failed");
    assert_eq!(field_code(&r).1, "out_of_range");
    let mut findings = filled(&f.sheet, f.market[0], 5, 1000);
    findings["scores"].as_array_mut().unwrap().truncate(3);
    let r = sync(&f.a, &uuid(22), &findings).await;
    let codes: Vec<&str> = r.1["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"out_of_range") && codes.contains(&"incomplete"),
        "{codes:?}"
    );
    let negative = json!({"kind": "graded", "points": -1});
    let mut neg = filled(&f.sheet, f.market[0], 5, 0);
    neg["scores"][0]["mark"] = negative;
    assert_error(&sync(&f.a, &uuid(23), &neg).await, 400, "bad_json");
    // A version not in force: a newer approved version the round did not pin.
    let department = f
        .app
        .signed_in(
            "market.staff",
            pingxuan_domain::Role::Department {
                category: pingxuan_domain::Category::Market,
            },
        )
        .await;
    let (status, v2) = department
        .call(
            Method::POST,
            "/api/v1/sheets",
            Some(json!({"category": "market", "content": f.sheet["content"]})),
        )
        .await;
    assert_eq!(status, 201, "{v2}");
    let (status, _) = f
        .admin
        .call(
            Method::POST,
            &format!("/api/v1/sheets/{}/approve", v2["id"]),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let mut newer = filled(&f.sheet, f.market[0], 5, 0);
    newer["sheet_version_id"] = v2["id"].clone();
    let r = sync(&f.a, &uuid(24), &newer).await;
    assert_eq!(
        field_code(&r),
        ("sheet_version_id".into(), "not_in_force".into())
    );
    // Not a UUID.
    let r = sync(&f.a, "sheet-1", &filled(&f.sheet, f.market[0], 5, 0)).await;
    assert_eq!(field_code(&r), ("client_id".into(), "invalid_id".into()));
    // Wrong roles: the office, a department, an inspector in no sub-group.
    let body = filled(&f.sheet, f.market[0], 5, 0);
    for who in [&f.admin, &department, &f.app.inspector().await] {
        assert_error(&sync(who, &uuid(25), &body).await, 403, "forbidden");
    }
    for n in 20..=25 {
        assert_eq!(f.app.db.field_sheet_rows(&uuid(n)).await.unwrap(), 0);
    }
    assert_eq!(f.app.db.audit_count("field.sheet").await.unwrap(), 0);
}

#[tokio::test]
async fn late_sheets_arrive_until_results_are_published() {
    let f = field_round().await;
    let stored = filled(&f.sheet, f.market[0], 5, 0);
    let (status, receipt) = sync(&f.a, &uuid(30), &stored).await;
    assert_eq!(status, 201);
    advance(&f.admin, "field_scoring").await;
    // In review a phone that was offline still delivers.
    let (status, _) = sync(&f.b, &uuid(31), &filled(&f.sheet, f.market[0], 1, 3)).await;
    assert_eq!(status, 201);
    advance(&f.admin, "review").await;
    let r = sync(&f.b, &uuid(32), &filled(&f.sheet, f.market[5], 5, 0)).await;
    assert_error(&r, 409, "phase_closed");
    // What was stored is still confirmed to a phone that resends it.
    assert_eq!(
        sync(&f.a, &uuid(30), &stored).await,
        (StatusCode::OK, receipt)
    );
    // Before field scoring nothing is taken.
    let app = spawn_app_with(true).await;
    let (a, _) = inspector(&app, "wg1a.lead").await;
    let r = sync(&a, &uuid(33), &stored).await;
    assert_error(&r, 409, "phase_closed");
}

#[tokio::test]
async fn fifty_identical_puts_at_once_store_exactly_one_row() {
    let f = field_round().await;
    let id = uuid(40);
    let body = filled(&f.sheet, f.market[3], 4, 2);
    let sends = (0..50).map(|_| sync(&f.a, &id, &body));
    let answers = futures::future::join_all(sends).await;
    let created = answers.iter().filter(|(s, _)| *s == 201).count();
    let again = answers.iter().filter(|(s, _)| *s == 200).count();
    assert_eq!(
        (created, again),
        (1, 49),
        "{:?}",
        answers.iter().map(|a| a.0).collect::<Vec<_>>()
    );
    assert!(answers.iter().all(|(_, r)| *r == answers[0].1));
    assert_eq!(f.app.db.field_sheet_rows(&id).await.unwrap(), 1);
    assert_eq!(f.app.db.field_conflict_rows(&id).await.unwrap(), 0);
}

#[tokio::test]
async fn sheets_of_two_sub_groups_sit_side_by_side_and_far_apart_totals_are_flagged() {
    let f = field_round().await;
    let (status, high) = sync(&f.a, &uuid(50), &filled(&f.sheet, f.market[0], 100, 0)).await;
    assert_eq!(status, 201);
    assert_eq!(high["total"], 100);
    let (status, low) = sync(&f.b, &uuid(51), &filled(&f.sheet, f.market[0], 0, 0)).await;
    assert_eq!(status, 201);
    let view = consistency(&f.admin).await;
    let c = candidate(&view, f.market[0]);
    assert_eq!(c["sub_group_ids"].as_array().unwrap().len(), 2);
    let names: Vec<&str> = c["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["sub_group_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["第一小组", "第二小组"]);
    let spread = 100 - low["total"].as_u64().unwrap();
    assert_eq!(c["comparison"]["spread"], spread);
    assert_eq!(c["comparison"]["flagged"], spread > 15);
    assert!(spread > 15);
    assert!(c["sheets"][0]["items"][0]["points"].as_u64().unwrap() > 0);
    // With a wide enough margin nothing is flagged.
    let (_, wide) = f
        .admin
        .get(&format!(
            "/api/v1/rounds/1/field/consistency/market?margin={spread}"
        ))
        .await;
    assert_eq!(
        candidate(&wide, f.market[0])["comparison"]["flagged"],
        false
    );
    assert_error(
        &f.admin
            .get("/api/v1/rounds/1/field/consistency/market?margin=101")
            .await,
        422,
        "validation_failed",
    );
    assert_error(
        &f.a.get("/api/v1/rounds/1/field/consistency/market").await,
        403,
        "forbidden",
    );
}

#[tokio::test]
async fn the_bundle_holds_everything_the_phone_needs_offline() {
    let f = field_round().await;
    let (status, bundle) = f.a.get("/api/v1/field/bundle").await;
    assert_eq!(status, 200, "{bundle}");
    assert_eq!(bundle["round"]["phase"], "field_scoring");
    assert_eq!(bundle["accepting"], true);
    let team = &bundle["team"];
    assert_eq!(team["work_group_name"], "第一工作组");
    assert_eq!(team["sub_group"]["name"], "第一小组");
    let members = team["sub_group"]["members"].as_array().unwrap();
    assert_eq!(members.len(), 4);
    assert_eq!(members[0]["leader"], true);
    let kinds: Vec<&str> = members
        .iter()
        .map(|m| m["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        vec![
            "department_staff",
            "npc_deputy",
            "cppcc_member",
            "specialist"
        ]
    );
    let candidates = bundle["candidates"].as_array().unwrap();
    let ids: Vec<i64> = candidates
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, f.market[..5]);
    for c in candidates {
        assert!(!c["town"].as_str().unwrap().is_empty());
        assert!(!c["place_name"].as_str().unwrap().is_empty());
        assert!(c["district"].is_string() && c["photos"].is_array());
    }
    // Only the pinned sheet of the categories it scores.
    let sheets = bundle["sheets"].as_array().unwrap();
    assert_eq!(sheets.len(), 1);
    assert_eq!(sheets[0]["id"], f.sheet["id"]);
    assert_eq!(sheets[0]["status"], "approved");
    // An inspector in no sub-group gets an empty bundle, not an error; others 403.
    let (status, empty) = f.app.inspector().await.get("/api/v1/field/bundle").await;
    assert_eq!(status, 200);
    assert!(empty["team"].is_null() && empty["candidates"].as_array().unwrap().is_empty());
    assert_error(&f.admin.get("/api/v1/field/bundle").await, 403, "forbidden");
}

#[tokio::test]
async fn departments_write_drafts_and_the_office_approves_and_pins_them() {
    let app = spawn_app_with(true).await;
    let admin = app.admin().await;
    let market = app.department().await;
    let road = app
        .signed_in(
            "road.staff",
            pingxuan_domain::Role::Department {
                category: pingxuan_domain::Category::Road,
            },
        )
        .await;
    let (status, list) = market.get("/api/v1/sheets?category=market").await;
    assert_eq!(status, 200);
    let v1 = list["versions"][0].clone();
    assert_eq!(
        (v1["version"].as_u64(), v1["status"].as_str()),
        (Some(1), Some("approved"))
    );
    assert_eq!(v1["content"]["sections"][2]["title"], "病媒生物防制");
    let mut content = v1["content"].clone();
    content["title"] = json!("潮州市农贸市场现场评分表（2027年修订）");
    let input = json!({"category": "market", "content": content});
    let (status, draft) = market
        .call(Method::POST, "/api/v1/sheets", Some(input.clone()))
        .await;
    assert_eq!(status, 201, "{draft}");
    assert_eq!(
        (draft["version"].as_u64(), draft["status"].as_str()),
        (Some(2), Some("draft"))
    );
    assert_eq!(draft["edited_by"], "测试market.staff");
    // One draft at a time; other departments and inspectors keep out.
    assert_error(
        &market
            .call(Method::POST, "/api/v1/sheets", Some(input.clone()))
            .await,
        409,
        "conflict",
    );
    assert_error(
        &road
            .call(Method::POST, "/api/v1/sheets", Some(input.clone()))
            .await,
        403,
        "forbidden",
    );
    assert_error(
        &road.get(&format!("/api/v1/sheets/{}", draft["id"])).await,
        403,
        "forbidden",
    );
    assert_error(
        &app.inspector()
            .await
            .get("/api/v1/sheets?category=market")
            .await,
        403,
        "forbidden",
    );
    // Items must total 100.
    let mut short = input.clone();
    short["content"]["sections"][0]["items"][0]["rule"] = json!({"kind": "graded", "max": 1});
    let r = market
        .call(
            Method::PUT,
            &format!("/api/v1/sheets/{}", draft["id"]),
            Some(short),
        )
        .await;
    assert_error(&r, 422, "validation_failed");
    assert_eq!(r.1["fields"][0]["code"], "total");
    let mut edited = input.clone();
    edited["content"]["sections"][0]["title"] = json!("环境卫生（修订）");
    let (status, saved) = market
        .call(
            Method::PUT,
            &format!("/api/v1/sheets/{}", draft["id"]),
            Some(edited),
        )
        .await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["content"]["sections"][0]["title"], "环境卫生（修订）");
    // Only the office approves; approved versions never change.
    let approve = format!("/api/v1/sheets/{}/approve", draft["id"]);
    assert_error(
        &market.call(Method::POST, &approve, None).await,
        403,
        "forbidden",
    );
    let (status, approved) = admin.call(Method::POST, &approve, None).await;
    assert_eq!(status, 200);
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["approved_by"], "测试admin");
    assert_error(
        &admin.call(Method::POST, &approve, None).await,
        409,
        "conflict",
    );
    let r = market
        .call(
            Method::PUT,
            &format!("/api/v1/sheets/{}", draft["id"]),
            Some(input.clone()),
        )
        .await;
    assert_error(&r, 409, "conflict");
    // Pinning: approved versions of the category only; allowed before field scoring.
    let (status, pinned) = admin
        .call(
            Method::PUT,
            "/api/v1/rounds/1/sheets/market",
            Some(json!({"sheet_id": draft["id"]})),
        )
        .await;
    assert_eq!(status, 200, "{pinned}");
    assert_eq!(pinned["editable"], true);
    let market_pin = pinned["pinned"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["category"] == "market")
        .unwrap();
    assert_eq!(market_pin["version"], 2);
    let (_, road_list) = road.get("/api/v1/sheets?category=road").await;
    let r = admin
        .call(
            Method::PUT,
            "/api/v1/rounds/1/sheets/market",
            Some(json!({"sheet_id": road_list["versions"][0]["id"]})),
        )
        .await;
    assert_error(&r, 422, "validation_failed");
    let (_, draft3) = market
        .call(Method::POST, "/api/v1/sheets", Some(input))
        .await;
    let r = admin
        .call(
            Method::PUT,
            "/api/v1/rounds/1/sheets/market",
            Some(json!({"sheet_id": draft3["id"]})),
        )
        .await;
    assert_eq!(r.1["fields"][0]["code"], "not_approved");
    for action in ["sheet.create", "sheet.edit", "sheet.approve", "sheet.pin"] {
        assert!(
            app.db.audit_count(action).await.unwrap() >= 1,
            "{action} not audited"
        );
    }
}

#[tokio::test]
async fn pins_lock_once_field_scoring_runs_and_teams_once_review_starts() {
    let f = field_round().await;
    let (_, list) = f.admin.get("/api/v1/sheets?category=market").await;
    let r = f
        .admin
        .call(
            Method::PUT,
            "/api/v1/rounds/1/sheets/market",
            Some(json!({"sheet_id": list["versions"][0]["id"]})),
        )
        .await;
    assert_error(&r, 409, "phase_closed");
    let (_, sheets) = f.admin.get("/api/v1/rounds/1/sheets").await;
    assert_eq!(sheets["editable"], false);
    // A sub-group with sheets cannot be removed.
    assert_eq!(
        sync(&f.a, &uuid(60), &filled(&f.sheet, f.market[0], 5, 0))
            .await
            .0,
        201
    );
    let (_, teams) = f.admin.get("/api/v1/rounds/1/teams").await;
    let mut input = teams_input(&teams);
    input["work_groups"][0]["sub_groups"]
        .as_array_mut()
        .unwrap()
        .remove(0);
    let r = f
        .admin
        .call(Method::PUT, "/api/v1/rounds/1/teams", Some(input))
        .await;
    assert_error(&r, 409, "conflict");
    advance(&f.admin, "field_scoring").await;
    let r = f
        .admin
        .call(
            Method::PUT,
            "/api/v1/rounds/1/teams",
            Some(teams_input(&teams)),
        )
        .await;
    assert_error(&r, 409, "phase_closed");
}

#[tokio::test]
async fn the_office_sets_up_teams_with_leaders_and_inspectors_only() {
    let app = spawn_app_with(true).await;
    let admin = app.admin().await;
    let (status, teams) = admin.get("/api/v1/rounds/1/teams").await;
    assert_eq!(status, 200);
    assert_eq!(teams["work_groups"].as_array().unwrap().len(), 5);
    assert_eq!(
        teams["work_groups"][1]["sub_groups"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        teams["work_groups"][1]["leader_name"],
        "市市场监管局 陈副局长"
    );
    let mut input = teams_input(&teams);
    // No leader in a sub-group with members.
    input["work_groups"][0]["sub_groups"][0]["members"][0]["leader"] = json!(false);
    let r = admin
        .call(Method::PUT, "/api/v1/rounds/1/teams", Some(input))
        .await;
    assert_error(&r, 422, "validation_failed");
    assert_eq!(r.1["fields"][0]["code"], "leader");
    // A department account is not an inspector.
    let department = app.department().await;
    let (_, me) = department.get("/api/v1/session").await;
    let mut input = teams_input(&teams);
    input["work_groups"][4]["sub_groups"][1]["members"][3]["account_id"] =
        me["account"]["id"].clone();
    let r = admin
        .call(Method::PUT, "/api/v1/rounds/1/teams", Some(input))
        .await;
    assert_eq!(
        r.1["fields"][0]["field"],
        "work_groups[4].sub_groups[1].members[3].account_id"
    );
    assert_eq!(r.1["fields"][0]["code"], "not_inspector");
    // No candidates before the shortlist is locked.
    let mut input = teams_input(&teams);
    input["work_groups"][0]["sub_groups"][0]["candidate_ids"] = json!([1]);
    let r = admin
        .call(Method::PUT, "/api/v1/rounds/1/teams", Some(input))
        .await;
    assert_error(&r, 409, "phase_closed");
    // Renaming keeps the ids; a new sub-group is added.
    let mut input = teams_input(&teams);
    input["work_groups"][0]["name"] = json!("第一工作组（市场）");
    input["work_groups"][0]["sub_groups"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "第三小组", "members": [], "candidate_ids": []}));
    let (status, after) = admin
        .call(Method::PUT, "/api/v1/rounds/1/teams", Some(input))
        .await;
    assert_eq!(status, 200, "{after}");
    assert_eq!(after["work_groups"][0]["id"], teams["work_groups"][0]["id"]);
    assert_eq!(
        after["work_groups"][0]["sub_groups"][0]["id"],
        teams["work_groups"][0]["sub_groups"][0]["id"]
    );
    assert_eq!(
        after["work_groups"][0]["sub_groups"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        app.db.audit_count("field.teams").await.unwrap(),
        2,
        "the seed's and this"
    );
    assert_error(
        &department.get("/api/v1/rounds/1/teams").await,
        403,
        "forbidden",
    );
}

/// Evidence photos: the announced upload, its chunks and the answers.
struct Upload {
    bytes: Vec<u8>,
    path: String,
}

impl Upload {
    fn new(id: &str) -> Upload {
        Upload {
            bytes: images::jpeg(640, 480),
            path: format!("/api/v1/field/uploads/{id}"),
        }
    }

    fn sha256(&self) -> String {
        hex_string(&Sha256::digest(&self.bytes))
    }

    async fn chunk(
        &self,
        who: &Signed,
        app: &TestApp,
        at: usize,
        end: usize,
    ) -> (StatusCode, Value) {
        let res = who
            .client
            .put(app.url(&format!("{}/chunks/{at}", self.path)))
            .header(CSRF_HEADER, &who.csrf)
            .header("content-type", "application/octet-stream")
            .body(self.bytes[at..end].to_vec())
            .send()
            .await
            .unwrap();
        read(res).await
    }
}

fn hex_string(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Sends a chunk's headers promising `declared` bytes, then only `sent` of them, and
/// drops the connection: a phone losing its signal mid-chunk.
async fn dropped_chunk(
    app: &TestApp,
    who: &Signed,
    cookie: &str,
    path: &str,
    body: &[u8],
    declared: usize,
) {
    use tokio::io::AsyncWriteExt;
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let head = format!(
        "PUT {path} HTTP/1.1\r\nhost: {}\r\ncontent-type: application/octet-stream\r\ncontent-length: {declared}\r\n{CSRF_HEADER}: {}\r\ncookie: {}\r\n\r\n",
        app.addr, who.csrf, cookie
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    stream.flush().await.unwrap();
    drop(stream);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
}

#[tokio::test]
async fn an_evidence_photo_resumes_after_a_dropped_chunk_and_joins_its_sheet() {
    let f = field_round().await;
    let id = uuid(70);
    let up = Upload::new(&id);
    let size = up.bytes.len();
    let announce = json!({"size": size, "sha256": up.sha256()});
    let (status, created) =
        f.a.call(Method::PUT, &up.path, Some(announce.clone()))
            .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["received"], 0);
    // Announcing again is harmless; announcing another photo under the id is not.
    assert_eq!(
        f.a.call(Method::PUT, &up.path, Some(announce.clone()))
            .await
            .0,
        200
    );
    let other = json!({"size": size + 1, "sha256": up.sha256()});
    assert_error(
        &f.a.call(Method::PUT, &up.path, Some(other)).await,
        409,
        "conflict",
    );
    let half = size / 2;
    let (status, r) = up.chunk(&f.a, &f.app, 0, half).await;
    assert_eq!(
        (status, r["received"].as_u64()),
        (StatusCode::OK, Some(half as u64))
    );
    // The next chunk is cut off mid-way: nothing of it is kept.
    let chunk_path = format!("{}/chunks/{half}", up.path);
    dropped_chunk(
        &f.app,
        &f.a,
        &f.a_cookie,
        &chunk_path,
        &up.bytes[half..half + 1000],
        size - half,
    )
    .await;
    let res = f.a.client.head(f.app.url(&up.path)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["upload-offset"], half.to_string().as_str());
    // A chunk past what arrived is a gap; a chunk sent twice changes nothing.
    let r = up.chunk(&f.a, &f.app, half + 10, size).await;
    assert_error(&r, 409, "conflict");
    let (_, r) = up.chunk(&f.a, &f.app, 0, half).await;
    assert_eq!(r["received"].as_u64(), Some(half as u64));
    // Resume where it stopped (overlapping a little): the photo is made.
    let (status, done) = up.chunk(&f.a, &f.app, half - 100, size).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["received"].as_u64(), Some(size as u64));
    let photo = &done["photo"];
    assert!(photo["url"].as_str().unwrap().starts_with("/media/"));
    let res = f
        .app
        .client
        .get(f.app.url(photo["url"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let (_, status_now) = f.a.get(&up.path).await;
    assert_eq!(status_now["photo"], *photo);
    // Another inspector cannot see it; the office cannot upload.
    assert_error(&f.b.get(&up.path).await, 404, "not_found");
    assert_error(&f.admin.get(&up.path).await, 403, "forbidden");
    // The sheet naming it shows the photo to the office.
    let mut body = filled(&f.sheet, f.market[4], 5, 1);
    body["scores"][0]["photo_ids"] = json!([id]);
    assert_eq!(sync(&f.a, &uuid(71), &body).await.0, 201);
    let view = consistency(&f.admin).await;
    let item = &candidate(&view, f.market[4])["sheets"][0]["items"][0];
    assert_eq!(item["photos"][0]["id"], photo["id"]);
}

#[tokio::test]
async fn an_upload_whose_bytes_do_not_match_its_hash_starts_over() {
    let f = field_round().await;
    let id = uuid(80);
    let up = Upload::new(&id);
    let wrong = hex_string(&Sha256::digest(b"something else"));
    let (status, _) =
        f.a.call(
            Method::PUT,
            &up.path,
            Some(json!({"size": up.bytes.len(), "sha256": wrong})),
        )
        .await;
    assert_eq!(status, 201);
    let r = up.chunk(&f.a, &f.app, 0, up.bytes.len()).await;
    assert_error(&r, 422, "validation_failed");
    assert_eq!(r.1["fields"][0]["code"], "mismatch");
    let (_, now) = f.a.get(&up.path).await;
    assert_eq!(now["received"], 0);
    assert!(now["photo"].is_null());
    // Chunks that are too big, of the wrong type, or beyond the size are refused.
    let res =
        f.a.client
            .put(f.app.url(&format!("{}/chunks/0", up.path)))
            .header(CSRF_HEADER, &f.a.csrf)
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .await
            .unwrap();
    assert_error(&read(res).await, 415, "unsupported_media_type");
    let res =
        f.a.client
            .put(f.app.url(&format!("{}/chunks/0", up.path)))
            .header(CSRF_HEADER, &f.a.csrf)
            .header("content-type", "application/octet-stream")
            .body(vec![0u8; 1024 * 1024 + 1])
            .send()
            .await
            .unwrap();
    assert_error(&read(res).await, 413, "payload_too_large");
    let r = up.chunk(&f.a, &f.app, 1, up.bytes.len()).await;
    assert_error(&r, 409, "conflict");
    let bad =
        f.a.call(
            Method::PUT,
            "/api/v1/field/uploads/not-a-uuid",
            Some(json!({"size": 10, "sha256": wrong})),
        )
        .await;
    assert_error(&bad, 422, "validation_failed");
    let huge =
        f.a.call(
            Method::PUT,
            &up.path.replace("80", "81"),
            Some(json!({"size": 11 * 1024 * 1024, "sha256": wrong})),
        )
        .await;
    assert_error(&huge, 422, "validation_failed");
}

#[tokio::test]
async fn unfinished_uploads_are_capped_per_inspector_and_dropped_after_a_week() {
    let f = field_round().await;
    // A finished upload, which housekeeping must leave alone.
    let done_id = uuid(90);
    let done = Upload::new(&done_id);
    let announce = json!({"size": done.bytes.len(), "sha256": done.sha256()});
    assert_eq!(
        f.a.call(Method::PUT, &done.path, Some(announce)).await.0,
        201
    );
    let (status, finished) = done.chunk(&f.a, &f.app, 0, done.bytes.len()).await;
    assert_eq!(status, 200, "{finished}");
    // Half of another photo.
    let half_id = uuid(91);
    let half = Upload::new(&half_id);
    let announce = json!({"size": half.bytes.len(), "sha256": half.sha256()});
    assert_eq!(
        f.a.call(Method::PUT, &half.path, Some(announce.clone()))
            .await
            .0,
        201
    );
    assert_eq!(half.chunk(&f.a, &f.app, 0, 1000).await.0, 200);
    // Photos of 10 MB announced and never sent: 500 MB of them is the most one account
    // may hold unfinished; the next is refused, another inspector is not.
    let big = json!({"size": 10 * 1024 * 1024, "sha256": hex_string(&Sha256::digest(b"big"))});
    for n in 0..49 {
        let path = format!("/api/v1/field/uploads/{}", uuid(100 + n));
        let (status, r) = f.a.call(Method::PUT, &path, Some(big.clone())).await;
        assert_eq!(status, 201, "upload {n}: {r}");
    }
    let refused =
        f.a.call(
            Method::PUT,
            &format!("/api/v1/field/uploads/{}", uuid(200)),
            Some(big.clone()),
        )
        .await;
    assert_error(&refused, 429, "rate_limited");
    assert_eq!(
        f.b.call(
            Method::PUT,
            &format!("/api/v1/field/uploads/{}", uuid(201)),
            Some(big.clone())
        )
        .await
        .0,
        201
    );
    // Announcing one already held is still answered.
    assert_eq!(
        f.a.call(Method::PUT, &half.path, Some(announce.clone()))
            .await
            .0,
        200
    );
    // A week on, housekeeping drops every unfinished upload and keeps the finished one.
    let dropped = f
        .app
        .db
        .remove_abandoned_uploads(Utc::now() + Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(dropped, 51, "49 big, the half photo and b's");
    assert_error(&f.a.get(&half.path).await, 404, "not_found");
    let (status, kept) = f.a.get(&done.path).await;
    assert_eq!((status.as_u16(), &kept["photo"]), (200, &finished["photo"]));
    // The phone announces the half photo again and sends it whole; new ones are taken.
    let (status, again) = f.a.call(Method::PUT, &half.path, Some(announce)).await;
    assert_eq!(
        (status.as_u16(), again["received"].as_u64()),
        (201, Some(0))
    );
    let (status, whole) = half.chunk(&f.a, &f.app, 0, half.bytes.len()).await;
    assert_eq!(status, 200, "{whole}");
    assert!(whole["photo"]["url"].is_string());
    assert_eq!(
        f.a.call(
            Method::PUT,
            &format!("/api/v1/field/uploads/{}", uuid(200)),
            Some(big)
        )
        .await
        .0,
        201
    );
}

/// Sends `first` then a different body under the same id (409, kept); returns the
/// office's list of unresolved conflicts.
async fn conflicting(f: &Field, id: &str, first: &Value, second: &Value) -> Value {
    assert_eq!(sync(&f.a, id, first).await.0, 201);
    assert_error(&sync(&f.a, id, second).await, 409, "conflict");
    let (status, list) = f.admin.get("/api/v1/rounds/1/field/conflicts").await;
    assert_eq!(status, 200, "{list}");
    list
}

/// How many resolutions the audit log holds.
async fn resolutions(f: &Field) -> i64 {
    f.app
        .db
        .audit_count("field.conflict_resolve")
        .await
        .unwrap()
}

/// How the conflict was resolved, as the database holds it.
async fn resolution(f: &Field, c: &Value) -> (Option<String>, Option<i64>, Option<String>) {
    let id = c["id"].as_i64().unwrap();
    f.app.db.conflict_resolution(id).await.unwrap()
}

async fn resolve(who: &Signed, conflict: &Value, keep: &str, reason: &str) -> (StatusCode, Value) {
    who.call(
        Method::POST,
        &format!(
            "/api/v1/rounds/1/field/conflicts/{}/resolve",
            conflict["id"]
        ),
        Some(json!({"keep": keep, "reason": reason})),
    )
    .await
}

#[tokio::test]
async fn the_office_keeps_the_incoming_body_as_a_correction_with_a_reason() {
    let f = field_round().await;
    let id = uuid(60);
    let first = filled(&f.sheet, f.market[1], 5, 0);
    let second = filled(&f.sheet, f.market[1], 2, 1);
    let list = conflicting(&f, &id, &first, &second).await;
    assert_eq!(list["resolvable"], true);
    let c = &list["conflicts"][0];
    assert_eq!(list["conflicts"].as_array().unwrap().len(), 1);
    assert_eq!(c["client_id"], id);
    assert_eq!(c["candidate"]["id"], f.market[1]);
    assert_eq!(c["sub_group_name"], "第一小组");
    let (stored_total, incoming_total) = (
        c["stored"]["total"].as_u64().unwrap(),
        c["incoming"]["total"].as_u64().unwrap(),
    );
    assert!(stored_total > incoming_total, "{c}");
    let items = c["items"].as_array().unwrap();
    assert_eq!(
        items.len(),
        f.sheet["content"]["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["items"].as_array().unwrap().len())
            .sum::<usize>()
    );
    assert!(items.iter().any(|i| i["stored"] != i["incoming"]));
    assert!(!items[0]["text"].as_str().unwrap().is_empty());
    // Inspectors neither see nor resolve conflicts; a reason is required.
    assert_error(
        &f.a.get("/api/v1/rounds/1/field/conflicts").await,
        403,
        "forbidden",
    );
    assert_error(
        &resolve(&f.a, c, "incoming", "核对后采用").await,
        403,
        "forbidden",
    );
    let r = resolve(&f.admin, c, "incoming", " 。 ").await;
    assert_error(&r, 422, "validation_failed");
    assert_eq!(r.1["fields"][0]["field"], "reason");
    let r = resolve(&f.admin, c, "both", "核对后采用").await;
    assert_eq!(r.0.as_u16() / 100, 4, "{}", r.1);
    assert_eq!(resolutions(&f).await, 0);

    let (status, done) = resolve(&f.admin, c, "incoming", "电话核实，以第二次提交为准").await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["keep"], "incoming");
    assert_eq!(done["reason"], "电话核实，以第二次提交为准");
    let receipt = &done["receipt"];
    assert_eq!(receipt["replaces"], id);
    assert_eq!(receipt["total"], incoming_total);
    let correction = receipt["client_id"].as_str().unwrap().to_owned();
    assert_ne!(correction, id);
    // Both bodies are kept: the original replaced, the correction live.
    let view = consistency(&f.admin).await;
    let cand = candidate(&view, f.market[1]);
    assert_eq!(cand["sheets"].as_array().unwrap().len(), 1);
    assert_eq!(cand["sheets"][0]["client_id"], correction);
    assert_eq!(cand["sheets"][0]["total"], incoming_total);
    assert_eq!(cand["sheets"][0]["note"], second["note"]);
    assert_eq!(cand["replaced"][0]["client_id"], id);
    assert_eq!(cand["replaced"][0]["total"], stored_total);
    assert!(view["conflicts"].as_array().unwrap().is_empty());
    assert_eq!(f.app.db.field_sheet_rows(&id).await.unwrap(), 1);
    assert_eq!(f.app.db.field_conflict_rows(&id).await.unwrap(), 1);
    let (which, by, sheet) = resolution(&f, c).await;
    assert_eq!(which.as_deref(), Some("incoming"));
    assert!(by.is_some());
    assert_eq!(sheet.as_deref(), Some(correction.as_str()));
    assert_eq!(resolutions(&f).await, 1);
    // Resolved once: the list is empty and a second resolution is refused.
    let (_, list) = f.admin.get("/api/v1/rounds/1/field/conflicts").await;
    assert!(list["conflicts"].as_array().unwrap().is_empty());
    assert_error(
        &resolve(&f.admin, c, "stored", "再处理一次").await,
        409,
        "conflict",
    );
    assert_error(
        &f.admin
            .call(
                Method::POST,
                "/api/v1/rounds/1/field/conflicts/999/resolve",
                Some(json!({"keep": "stored", "reason": "没有这条"})),
            )
            .await,
        404,
        "not_found",
    );
    assert_eq!(resolutions(&f).await, 1);
}

#[tokio::test]
async fn keeping_the_stored_sheet_dismisses_the_body_and_nothing_is_resolved_after_publishing() {
    let f = field_round().await;
    let id = uuid(70);
    let first = filled(&f.sheet, f.market[2], 6, 0);
    let list = conflicting(&f, &id, &first, &filled(&f.sheet, f.market[2], 1, 2)).await;
    let c = list["conflicts"][0].clone();
    let (status, done) = resolve(&f.admin, &c, "stored", "原表经组长签字确认").await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["keep"], "stored");
    assert!(done["receipt"].is_null());
    let view = consistency(&f.admin).await;
    let cand = candidate(&view, f.market[2]);
    assert_eq!(cand["sheets"].as_array().unwrap().len(), 1);
    assert_eq!(cand["sheets"][0]["client_id"], id);
    assert!(cand["replaced"].as_array().unwrap().is_empty());
    assert_eq!(f.app.db.field_conflict_rows(&id).await.unwrap(), 1);
    let (which, _, sheet) = resolution(&f, &c).await;
    assert_eq!((which.as_deref(), sheet), (Some("stored"), None));
    assert_eq!(resolutions(&f).await, 1);

    // A stored sheet the phone already corrected can only be kept.
    let id = uuid(71);
    let list = conflicting(
        &f,
        &id,
        &filled(&f.sheet, f.market[3], 6, 0),
        &filled(&f.sheet, f.market[3], 3, 0),
    )
    .await;
    let mut fix = filled(&f.sheet, f.market[3], 4, 0);
    fix["replaces"] = json!(id);
    assert_eq!(sync(&f.a, &uuid(72), &fix).await.0, 201);
    let c = list["conflicts"][0].clone();
    let (_, fresh) = f.admin.get("/api/v1/rounds/1/field/conflicts").await;
    assert_eq!(fresh["conflicts"][0]["replaced_by"], uuid(72));
    let r = resolve(&f.admin, &c, "incoming", "采用新版本").await;
    assert_error(&r, 409, "conflict");
    assert_eq!(r.1["fields"][0]["code"], "already_replaced");

    // Once the results are published nothing is resolved.
    advance(&f.admin, "field_scoring").await;
    advance(&f.admin, "review").await;
    let (_, list) = f.admin.get("/api/v1/rounds/1/field/conflicts").await;
    assert_eq!(list["resolvable"], false);
    assert_eq!(list["conflicts"].as_array().unwrap().len(), 1);
    assert_error(
        &resolve(&f.admin, &c, "stored", "保留原版本").await,
        409,
        "phase_closed",
    );
    assert_eq!(resolutions(&f).await, 1);
}
