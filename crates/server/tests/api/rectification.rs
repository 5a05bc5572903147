//! Rectification (整改): publication makes ten tasks and ten reminders for a category of
//! twenty scored candidates, due a calendar month later; the full cycle submit → return
//! → resubmit → verify with its history; other towns, wrong roles and illegal
//! transitions refused; overdue by the server's clock; a correction adds and withdraws
//! tasks; two verifiers at once, one wins.

use crate::field::{advance, field_round, teams_input, Field};
use crate::helpers::*;
use crate::images;
use crate::results::marks;
use chrono::{Duration, Utc};
use pingxuan_domain::api::CSRF_HEADER;
use pingxuan_domain::rectification::due_at;
use pingxuan_domain::region::Town;
use pingxuan_domain::Role;
use reqwest::Method;
use serde_json::{json, Value};

/// The field round with all twenty markets scored by wg1a (worse markets lower), moved
/// to review and published: version 1.
async fn published() -> (Field, Value, Vec<i64>) {
    let f = field_round().await;
    let (_, teams) = f.admin.get("/api/v1/rounds/1/teams").await;
    let mut input = teams_input(&teams);
    input["work_groups"][0]["sub_groups"][0]["candidate_ids"] = json!(f.market);
    let r = f
        .admin
        .call(Method::PUT, "/api/v1/rounds/1/teams", Some(input))
        .await;
    assert_eq!(r.0, 200, "{}", r.1);
    let mut sheets = Vec::new();
    for (i, c) in f.market.iter().enumerate() {
        let (status, receipt) =
            f.a.call(
                Method::PUT,
                &format!("/api/v1/rounds/1/field/sheets/{i:08x}-0000-4000-8000-0000000e2e11"),
                Some(marks(&f.sheet, *c, 1 + i as u64, 0)),
            )
            .await;
        assert_eq!(status, 201, "{receipt}");
        sheets.push(receipt["sheet_id"].as_i64().unwrap());
    }
    advance(&f.admin, "field_scoring").await;
    let (status, v1) = f
        .admin
        .call(Method::POST, "/api/v1/rounds/1/results/publish", None)
        .await;
    assert_eq!(status, 201, "{v1}");
    (f, v1, sheets)
}

fn tasks(list: &Value) -> &Vec<Value> {
    list["tasks"].as_array().unwrap()
}

/// A fresh account of the town `name`, signed in.
async fn town(app: &TestApp, username: &str, name: &str) -> Signed {
    let town = Town::parse(name).unwrap_or_else(|| panic!("{name} is a town"));
    app.signed_in(username, Role::Town { town }).await
}

/// Uploads a real JPEG as `who`; returns its id.
async fn photo(app: &TestApp, who: &Signed, seed: u32) -> String {
    let res = who
        .client
        .post(app.url("/api/v1/photos"))
        .header(CSRF_HEADER, &who.csrf)
        .header("content-type", "image/jpeg")
        .body(images::grainy_jpeg_seeded(320, 240, seed))
        .send()
        .await
        .unwrap();
    let (status, body) = read(res).await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().unwrap().to_owned()
}

fn statuses(detail: &Value) -> Vec<String> {
    detail["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}:{}",
                e["action"].as_str().unwrap(),
                e["to_status"].as_str().unwrap()
            )
        })
        .collect()
}

#[tokio::test]
async fn publication_makes_tasks_and_the_cycle_runs_with_its_history() {
    let (f, v1, _) = published().await;
    let app = &f.app;

    // Ten tasks for the worst markets, ten reminders for the warned; none elsewhere.
    let (status, all) = f.admin.get("/api/v1/rectifications?round=1").await;
    assert_eq!(status, 200, "{all}");
    let list = tasks(&all);
    assert_eq!(list.len(), 20, "{all}");
    let rectify: Vec<&Value> = list.iter().filter(|t| t["kind"] == "rectify").collect();
    assert_eq!(rectify.len(), 10);
    assert!(list
        .iter()
        .all(|t| t["category"] == "market" && t["status"] == "open"));
    let mut ranks: Vec<u64> = rectify
        .iter()
        .map(|t| t["rank"].as_u64().unwrap())
        .collect();
    ranks.sort();
    assert_eq!(ranks, (1..=10).collect::<Vec<u64>>());
    assert_eq!(all["counts"]["to_do"], 10);
    assert_eq!(all["counts"]["reminders_open"], 10);
    assert_eq!(all["counts"]["overdue"], 0);
    // Due a calendar month after publication, at the end of that Beijing day.
    let published_at: chrono::DateTime<Utc> = v1["published_at"].as_str().unwrap().parse().unwrap();
    let due: chrono::DateTime<Utc> = list[0]["due_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(due, due_at(published_at));
    assert!(due - published_at > Duration::days(27) && due - published_at < Duration::days(33));
    assert_eq!(app.db.audit_count("rectification.follow").await.unwrap(), 1);

    // The worst market's town; another town; the lead department of another category.
    let task = rectify.iter().find(|t| t["rank"] == 1).unwrap();
    let id = task["id"].as_i64().unwrap();
    let name = task["town"].as_str().unwrap().to_owned();
    let mine = town(app, "mine.town", &name).await;
    let other_name = list
        .iter()
        .map(|t| t["town"].as_str().unwrap())
        .find(|t| *t != name)
        .unwrap();
    let other = town(app, "other.town", other_name).await;
    let road = app
        .signed_in(
            "road.staff",
            Role::Department {
                category: pingxuan_domain::Category::Road,
            },
        )
        .await;
    let inspector = app.inspector().await;

    // Each sees its own.
    let (_, own) = mine.get("/api/v1/rectifications").await;
    assert!(!tasks(&own).is_empty());
    assert!(tasks(&own).iter().all(|t| t["town"] == name.as_str()));
    let (_, none) = road.get("/api/v1/rectifications").await;
    assert!(tasks(&none).is_empty());
    let (_, waiting) = inspector.get("/api/v1/rectifications").await;
    assert!(tasks(&waiting).is_empty(), "nothing submitted yet");
    let path = format!("/api/v1/rectifications/{id}");
    assert_error(&other.get(&path).await, 403, "forbidden");
    assert_error(&road.get(&path).await, 403, "forbidden");
    assert_error(
        &mine.get("/api/v1/rectifications/999999").await,
        404,
        "not_found",
    );
    assert_error(
        &mine.get("/api/v1/rectifications?status=done").await,
        400,
        "bad_request",
    );
    let (status, d) = mine.get(&path).await;
    assert_eq!(status, 200, "{d}");
    assert_eq!(d["allowed"], json!(["submit"]));

    // Verifying before anything was sent: 409 in Chinese.
    let verify = format!("{path}/verify");
    assert_error(
        &f.admin.call(Method::POST, &verify, None).await,
        409,
        "illegal_transition",
    );

    // Submit: photos must be the submitter's own uploads.
    let submit = format!("{path}/submissions");
    let others_photo = photo(app, &other, 1).await;
    let body = |ids: Vec<String>| json!({"description": "已清理市场门口垃圾，地面冲洗干净，增设垃圾桶两个。", "photo_ids": ids});
    let refused = mine
        .call(
            Method::POST,
            &submit,
            Some(body(vec![others_photo.clone()])),
        )
        .await;
    assert_error(&refused, 422, "validation_failed");
    assert_error(
        &other
            .call(Method::POST, &submit, Some(body(vec![others_photo])))
            .await,
        403,
        "forbidden",
    );
    assert_error(
        &mine
            .call(
                Method::POST,
                &submit,
                Some(json!({"description": "短", "photo_ids": []})),
            )
            .await,
        422,
        "validation_failed",
    );
    let (p1, p2) = (photo(app, &mine, 2).await, photo(app, &mine, 3).await);
    let (status, d) = mine
        .call(
            Method::POST,
            &submit,
            Some(body(vec![p1.clone(), p2.clone()])),
        )
        .await;
    assert_eq!(status, 201, "{d}");
    assert_eq!(d["task"]["status"], "submitted");
    assert_eq!(d["submissions"][0]["photos"].as_array().unwrap().len(), 2);
    assert_eq!(d["submissions"][0]["photos"][0]["id"], p1.as_str());
    assert_error(
        &mine
            .call(Method::POST, &submit, Some(body(vec![p1.clone()])))
            .await,
        409,
        "illegal_transition",
    );
    // Towns do not verify; inspectors now see it waiting.
    assert_error(
        &mine.call(Method::POST, &verify, None).await,
        403,
        "forbidden",
    );
    let (_, waiting) = inspector.get("/api/v1/rectifications").await;
    assert_eq!(tasks(&waiting).len(), 1);

    // Return needs a reason; the submission stays.
    let back = format!("{path}/return");
    assert_error(
        &f.admin
            .call(Method::POST, &back, Some(json!({"reason": " "})))
            .await,
        422,
        "validation_failed",
    );
    let (status, d) = f
        .admin
        .call(
            Method::POST,
            &back,
            Some(json!({"reason": "照片没有拍到市场后门的垃圾点"})),
        )
        .await;
    assert_eq!(status, 200, "{d}");
    assert_eq!(d["task"]["status"], "returned");
    let (status, d) = mine
        .call(
            Method::POST,
            &submit,
            Some(body(vec![photo(app, &mine, 4).await])),
        )
        .await;
    assert_eq!(status, 201, "{d}");
    assert_eq!(
        d["submissions"].as_array().unwrap().len(),
        2,
        "the returned one is kept"
    );
    assert_eq!(d["submissions"][1]["photos"].as_array().unwrap().len(), 2);
    let (status, d) = inspector.call(Method::POST, &verify, None).await;
    assert_eq!(status, 200, "{d}");
    assert_eq!(d["task"]["status"], "verified");
    assert_eq!(
        statuses(&d),
        vec![
            "create:open",
            "submit:submitted",
            "return:returned",
            "submit:submitted",
            "verify:verified"
        ]
    );
    assert_eq!(d["events"][2]["reason"], "照片没有拍到市场后门的垃圾点");
    assert!(d["events"][4]["by_name"].as_str().is_some());
    assert_error(
        &f.admin
            .call(Method::POST, &back, Some(json!({"reason": "再看看"})))
            .await,
        409,
        "illegal_transition",
    );
    assert_eq!(app.db.audit_count("rectification.submit").await.unwrap(), 2);
    assert_eq!(app.db.audit_count("rectification.return").await.unwrap(), 1);
    assert_eq!(app.db.audit_count("rectification.verify").await.unwrap(), 1);

    // A reminder: acknowledged by its town, not submitted.
    let reminder = list.iter().find(|t| t["kind"] == "reminder").unwrap();
    let rid = reminder["id"].as_i64().unwrap();
    let its_town = town(app, "warned.town", reminder["town"].as_str().unwrap()).await;
    let rpath = format!("/api/v1/rectifications/{rid}");
    assert_error(
        &its_town
            .call(
                Method::POST,
                &format!("{rpath}/submissions"),
                Some(body(vec![photo(app, &its_town, 5).await])),
            )
            .await,
        409,
        "illegal_transition",
    );
    assert_error(
        &f.admin
            .call(Method::POST, &format!("{rpath}/acknowledge"), None)
            .await,
        403,
        "forbidden",
    );
    let (status, d) = its_town
        .call(Method::POST, &format!("{rpath}/acknowledge"), None)
        .await;
    assert_eq!(status, 200, "{d}");
    assert_eq!(d["task"]["status"], "acknowledged");
    assert_error(
        &its_town
            .call(Method::POST, &format!("{rpath}/acknowledge"), None)
            .await,
        409,
        "illegal_transition",
    );

    // A month and more later, the nine untouched rectifications are overdue.
    app.state().clock.advance(Duration::days(40));
    let (_, late) = f.admin.get("/api/v1/rectifications?overdue=true").await;
    assert_eq!(tasks(&late).len(), 9, "{late}");
    assert!(tasks(&late)
        .iter()
        .all(|t| t["kind"] == "rectify" && t["overdue"] == true));
    let (_, all) = f.admin.get("/api/v1/rectifications").await;
    assert_eq!(all["counts"]["overdue"], 9);
    assert_eq!(all["counts"]["verified"], 1);
    assert_eq!(tasks(&all)[0]["overdue"], true, "overdue first");
    let (_, verified) = f.admin.get("/api/v1/rectifications?status=verified").await;
    assert_eq!(tasks(&verified).len(), 1);
    assert_eq!(verified["tasks"][0]["overdue"], false);
}

/// `GET /rectifications/summary` is the list's counts without the list: the office's
/// over all, a lead department's over its category, overdue by the server's clock;
/// towns and inspectors are refused; before any publication every count is 0.
#[tokio::test]
async fn the_summary_counts_what_the_list_counts_for_the_office_and_lead_departments() {
    let empty = spawn_app().await;
    let (status, zero) = empty
        .admin()
        .await
        .get("/api/v1/rectifications/summary")
        .await;
    assert_eq!(status, 200, "{zero}");
    assert_eq!(
        zero,
        json!({"overdue": 0, "submitted": 0, "to_do": 0, "verified": 0, "reminders_open": 0})
    );

    let (f, _, _) = published().await;
    let app = &f.app;
    let market = app.department().await;
    let village = app
        .signed_in(
            "village.staff",
            Role::Department {
                category: pingxuan_domain::Category::Village,
            },
        )
        .await;
    let inspector = app.inspector().await;
    let (_, all) = f.admin.get("/api/v1/rectifications").await;
    let task = tasks(&all)
        .iter()
        .find(|t| t["kind"] == "rectify" && t["rank"] == 1)
        .unwrap();
    let its_town = town(app, "sum.town", task["town"].as_str().unwrap()).await;
    // One submitted, so the counts differ from kind to kind.
    let (status, d) = its_town
        .call(
            Method::POST,
            &format!("/api/v1/rectifications/{}/submissions", task["id"]),
            Some(json!({"description": "已清理垃圾并增设垃圾桶两个。", "photo_ids": [photo(app, &its_town, 9).await]})),
        )
        .await;
    assert_eq!(status, 201, "{d}");

    /// Each account's summary is its list's counts; the office's is `expected`.
    async fn check(who: [&Signed; 3], expected: Value) {
        for w in who {
            let (status, list) = w.get("/api/v1/rectifications").await;
            assert_eq!(status, 200, "{list}");
            let (status, summary) = w.get("/api/v1/rectifications/summary").await;
            assert_eq!(status, 200, "{summary}");
            assert_eq!(summary, list["counts"], "the list's counts");
        }
        let (_, summary) = who[0].get("/api/v1/rectifications/summary").await;
        assert_eq!(summary, expected);
        let (_, village) = who[2].get("/api/v1/rectifications/summary").await;
        assert_eq!(village["to_do"], 0, "no village tasks");
    }
    let who = [&f.admin, &market, &village];
    check(
        who,
        json!({"overdue": 0, "submitted": 1, "to_do": 9, "verified": 0, "reminders_open": 10}),
    )
    .await;
    // Past the due date: the nine not submitted and the one waiting are all overdue.
    app.state().clock.advance(Duration::days(40));
    check(
        who,
        json!({"overdue": 10, "submitted": 1, "to_do": 9, "verified": 0, "reminders_open": 10}),
    )
    .await;

    for who in [&inspector, &its_town] {
        assert_error(
            &who.get("/api/v1/rectifications/summary").await,
            403,
            "forbidden",
        );
    }
}

#[tokio::test]
async fn a_correction_adds_and_withdraws_tasks_and_two_verifiers_race() {
    let (f, _, sheets) = published().await;
    let app = &f.app;
    let (_, before) = f.admin.get("/api/v1/rectifications?round=1").await;
    let worst = tasks(&before)
        .iter()
        .find(|t| t["rank"] == 1)
        .unwrap()
        .clone();
    let id = worst["id"].as_i64().unwrap();

    // Two verifiers at once on one submission: exactly one wins.
    let mine = town(app, "race.town", worst["town"].as_str().unwrap()).await;
    let p = photo(app, &mine, 9).await;
    let (status, d) = mine
        .call(
            Method::POST,
            &format!("/api/v1/rectifications/{id}/submissions"),
            Some(json!({"description": "已完成整改，垃圾清运完毕并落实专人保洁。", "photo_ids": [p]})),
        )
        .await;
    assert_eq!(status, 201, "{d}");
    let inspector = app.inspector().await;
    let verify = format!("/api/v1/rectifications/{id}/verify");
    let back = format!("/api/v1/rectifications/{id}/return");
    let (a, b) = tokio::join!(
        f.admin.call(Method::POST, &verify, None),
        inspector.call(
            Method::POST,
            &back,
            Some(json!({"reason": "还有积水没有处理"}))
        ),
    );
    let mut codes = [a.0.as_u16(), b.0.as_u16()];
    codes.sort();
    assert_eq!(codes, [200, 409], "{} / {}", a.1, b.1);
    let loser = if a.0 == 409 { &a } else { &b };
    assert_error(loser, 409, "illegal_transition");
    let (_, d) = f.admin.get(&format!("/api/v1/rectifications/{id}")).await;
    assert_eq!(
        d["events"].as_array().unwrap().len(),
        3,
        "one decision recorded"
    );

    // Exclude the worst market's sheet: it leaves the ranking (unscored), so its task is
    // withdrawn with the correction's reason; the eleventh moves up into the worst ten
    // (its reminder becomes a task) and nine are left warned.
    let at = f
        .market
        .iter()
        .position(|c| worst["candidate_id"] == *c)
        .unwrap();
    let sheet = sheets[at];
    let r = f
        .admin
        .call(
            Method::POST,
            "/api/v1/rounds/1/results/exclusions",
            Some(json!({"kind": "sheet", "id": sheet, "reason": "评分表拍照不清，作废"})),
        )
        .await;
    assert_eq!(r.0, 201, "{}", r.1);
    let r = f
        .admin
        .call(
            Method::POST,
            "/api/v1/rounds/1/results/corrections",
            Some(json!({"reason": "一张评分表作废后更正"})),
        )
        .await;
    assert_eq!(r.0, 201, "{}", r.1);
    let (_, after) = f.admin.get("/api/v1/rectifications?round=1").await;
    let list = tasks(&after);
    assert_eq!(list.len(), 20, "nothing deleted: {after}");
    let gone = list.iter().find(|t| t["id"] == id).unwrap();
    assert_eq!(gone["status"], "withdrawn");
    assert_eq!(gone["withdrawn_reason"], "一张评分表作废后更正");
    let live_rectify = list
        .iter()
        .filter(|t| t["kind"] == "rectify" && t["status"] != "withdrawn")
        .count();
    assert_eq!(live_rectify, 10);
    let (_, d) = f.admin.get(&format!("/api/v1/rectifications/{id}")).await;
    assert_eq!(
        d["events"].as_array().unwrap().last().unwrap()["action"],
        "withdraw"
    );
    assert_eq!(d["submissions"].as_array().unwrap().len(), 1, "kept");
    assert_error(
        &f.admin.call(Method::POST, &verify, None).await,
        409,
        "illegal_transition",
    );
    assert_eq!(app.db.audit_count("rectification.follow").await.unwrap(), 2);
}
