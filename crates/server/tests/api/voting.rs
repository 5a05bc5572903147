//! Voting: SMS verification (expired, reused and wrong codes; the lock), one ballot per
//! person per category under concurrency, bad ballots, receipts and the public list.

use crate::helpers::*;
use chrono::{Duration, Utc};
use pingxuan_domain::api::DEVICE_HEADER;
use pingxuan_domain::ballot_snapshot::ballot_line;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A round in its voting phase (the window open since an hour ago) with 20 candidates
/// in every category, taken from the demo register with the department's reason.
pub(crate) struct Voting {
    pub(crate) app: TestApp,
    pub(crate) admin: Signed,
    /// Candidate ids per category (village, ditch, road, market).
    pub(crate) candidates: Vec<(String, Vec<i64>)>,
}

async fn voting_round() -> Voting {
    voting_round_with(|_| {}).await
}

pub(crate) async fn voting_round_with(
    adjust: impl FnOnce(&mut pingxuan_server::config::Config),
) -> Voting {
    // Voting opens 15 + 4 days after the round starts: start 19 days and an hour ago.
    voting_round_from(Utc::now() - Duration::days(19) - Duration::hours(1), adjust).await
}

/// A round started at `start` (voting runs from 19 to 27 days after it), in voting.
async fn voting_round_from(
    start: chrono::DateTime<Utc>,
    adjust: impl FnOnce(&mut pingxuan_server::config::Config),
) -> Voting {
    let app = spawn_app_configured(|c| {
        c.demo = true;
        adjust(c);
    })
    .await;
    let admin = app.admin().await;
    let (status, r) = admin
        .call(
            Method::PUT,
            "/api/v1/rounds/1",
            Some(round_input("本期", start)),
        )
        .await;
    assert_eq!(status, 200, "{r}");
    let (status, r) = admin
        .call(
            Method::POST,
            "/api/v1/rounds/1/advance",
            Some(json!({"from": "nomination", "to": "screening"})),
        )
        .await;
    assert_eq!(status, 200, "{r}");
    let candidates = shortlist_twenty_each(&app, &admin).await;
    let (status, r) = admin
        .call(
            Method::POST,
            "/api/v1/rounds/1/advance",
            Some(json!({"from": "screening", "to": "voting"})),
        )
        .await;
    assert_eq!(status, 200, "{r}");
    Voting {
        app,
        admin,
        candidates,
    }
}

impl Voting {
    pub(crate) fn ids(&self, category: &str) -> &[i64] {
        &self
            .candidates
            .iter()
            .find(|(c, _)| c == category)
            .unwrap()
            .1
    }
}

/// A phone with its own cookie jar and device id.
pub(crate) struct Phone {
    pub(crate) client: reqwest::Client,
    pub(crate) device: String,
    pub(crate) base: String,
}

impl Phone {
    fn new(app: &TestApp, device: &str) -> Phone {
        Phone {
            client: new_client(),
            device: device.to_owned(),
            base: app.url(""),
        }
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .header(DEVICE_HEADER, &self.device)
            .json(&body)
            .send()
            .await
            .unwrap();
        read(res).await
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        read(
            self.client
                .get(format!("{}{path}", self.base))
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    pub(crate) async fn ask_code(&self, phone: &str) -> (StatusCode, Value) {
        self.post("/api/v1/voting/sms-code", json!({ "phone": phone }))
            .await
    }

    pub(crate) async fn verify(&self, phone: &str, code: &str) -> (StatusCode, Value) {
        self.post(
            "/api/v1/voting/verify",
            json!({ "phone": phone, "code": code }),
        )
        .await
    }

    pub(crate) async fn vote(&self, category: &str, ids: &[i64]) -> (StatusCode, Value) {
        self.post(
            &format!("/api/v1/rounds/1/ballots/{category}"),
            json!({ "candidate_ids": ids }),
        )
        .await
    }
}

/// The code the development SMS provider "sent" to `phone`.
fn sent_code(app: &TestApp, phone: &str) -> String {
    app.state()
        .dev_sms
        .as_ref()
        .expect("the development SMS provider")
        .last_code(phone)
        .expect("a code was sent")
}

/// A verified phone. (The resend interval is lifted first, so one person can verify a
/// second phone at once; the interval itself is tested above.)
async fn verified(app: &TestApp, device: &str, number: &str) -> Phone {
    let state = app.state();
    let phone_hash = state.secret.keyed_hash(&["sms", number]);
    state.db.forget_sms_code(&phone_hash).await.unwrap();
    let phone = Phone::new(app, device);
    let (status, sent) = phone.ask_code(number).await;
    assert_eq!(status, 202, "{sent}");
    let (status, me) = phone.verify(number, &sent_code(app, number)).await;
    assert_eq!(status, 200, "{me}");
    phone
}

#[tokio::test]
async fn a_resident_verifies_by_sms_votes_once_and_keeps_a_receipt() {
    let v = voting_round().await;
    let phone = Phone::new(&v.app, "device-voter-000001");
    // Not verified yet: voting is refused, browsing is not.
    let (status, view) = phone.get("/api/v1/rounds/1/voting/market").await;
    assert_eq!(status, 200);
    assert_eq!(view["open"], true);
    assert_eq!(view["candidates"].as_array().unwrap().len(), 20);
    assert!(
        view["counts"].is_null(),
        "live counts are hidden while voting is open"
    );
    assert_eq!(view["wechat"], false, "no Official Account configured");
    // Each card names the town held to account, from the place register.
    let (_, register) = phone.get("/api/v1/places?category=market&limit=50").await;
    for candidate in view["candidates"].as_array().unwrap() {
        let place = register["places"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == candidate["place_id"])
            .unwrap();
        assert!(!place["town"].as_str().unwrap().is_empty(), "{place}");
        assert_eq!(candidate["town"], place["town"], "{candidate}");
    }
    let market = v.ids("market");
    assert_error(
        &phone.vote("market", &market[..1]).await,
        401,
        "voter_unverified",
    );

    let (status, sent) = phone.ask_code("138 0000 1234").await;
    assert_eq!(status, 202, "{sent}");
    assert_eq!(sent["masked_phone"], "138****1234");
    let code = sent_code(&v.app, "13800001234");
    assert_eq!(code.len(), 6);
    // Asking again at once is throttled, with the seconds to wait as data.
    let too_soon = phone.ask_code("13800001234").await;
    assert_error(&too_soon, 429, "rate_limited");
    let wait = too_soon.1["retry_after"].as_u64().expect("retry_after");
    assert!((55..=60).contains(&wait), "{}", too_soon.1);
    assert!(
        too_soon.1["message"]
            .as_str()
            .unwrap()
            .contains(&format!("{wait}秒")),
        "the words and the number agree: {}",
        too_soon.1
    );
    let (status, me) = phone.verify("+86 13800001234", &code).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["masked_phone"], "138****1234");
    let (status, me) = phone.get("/api/v1/voting/me").await;
    assert_eq!(
        (status, me["method"].as_str()),
        (StatusCode::OK, Some("sms"))
    );

    let (status, receipt) = phone.vote("market", &market[3..4]).await;
    assert_eq!(status, 201, "{receipt}");
    let code = receipt["receipt"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 19);
    assert_eq!(receipt["candidate_ids"], json!([market[3]]));
    // Again: 已投票, with the first ballot's receipt, and nothing changes.
    let again = phone.vote("market", &market[5..6]).await;
    assert_error(&again, 409, "already_voted");
    assert_eq!(again.1["receipt"]["receipt"], code.as_str());
    assert_eq!(again.1["receipt"]["candidate_ids"], json!([market[3]]));
    let (status, mine) = phone.get("/api/v1/rounds/1/ballots/market/mine").await;
    assert_eq!(
        (status, mine["receipt"].as_str()),
        (StatusCode::OK, Some(code.as_str()))
    );
    // Another category is another ballot.
    let (status, _) = phone.vote("road", &v.ids("road")[..1]).await;
    assert_eq!(status, 201);

    // The same person on another phone is the same voter.
    let other = verified(&v.app, "device-voter-000002", "13800001234").await;
    assert_error(
        &other.vote("market", &market[..1]).await,
        409,
        "already_voted",
    );

    // The public list waits for voting to close, then shows every receipt.
    let (status, body) = phone.get("/api/v1/rounds/1/ballots/market").await;
    assert_eq!(status, 409, "{body}");
    v.app
        .db
        .end_voting_at(1, Utc::now() - Duration::seconds(1))
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_error(
        &phone.vote("village", &v.ids("village")[..1]).await,
        409,
        "phase_closed",
    );
    let (status, list) = phone.get("/api/v1/rounds/1/ballots/market").await;
    assert_eq!(status, 200, "{list}");
    let ballots = list["ballots"].as_array().unwrap();
    assert_eq!(ballots.len(), 1);
    assert_eq!(ballots[0]["receipt"], code.as_str());
    assert_eq!(ballots[0]["candidate_ids"], json!([market[3]]));
    assert!(
        !list.to_string().contains("1380000"),
        "no identities in the list"
    );
    let (_, view) = phone.get("/api/v1/rounds/1/voting/market").await;
    let counts = view["counts"]
        .as_array()
        .expect("counts after voting closed");
    let voted = counts
        .iter()
        .find(|c| c["candidate_id"] == market[3])
        .unwrap();
    assert_eq!(voted["votes"], 1);
}

/// Fires `attempts` ballots for the market category at once, spread over `phones` (one
/// person's), each for some candidate, and asserts that exactly one was accepted and
/// that every answer (201, or 409 `already_voted` with the stored ballot) names it.
pub(crate) async fn vote_at_once(phones: Vec<Phone>, market: &[i64], attempts: usize) {
    let phones: Vec<std::sync::Arc<Phone>> = phones.into_iter().map(std::sync::Arc::new).collect();
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(attempts));
    let mut tasks = Vec::new();
    for i in 0..attempts {
        let phone = phones[i % phones.len()].clone();
        let barrier = barrier.clone();
        let choice = market[i % market.len()];
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            phone.vote("market", &[choice]).await
        }));
    }
    let mut created = 0;
    let mut receipts = std::collections::HashSet::new();
    for t in tasks {
        let (status, body) = t.await.unwrap();
        match status.as_u16() {
            201 => {
                created += 1;
                receipts.insert(body["receipt"].as_str().unwrap().to_owned());
            }
            409 => {
                assert_eq!(body["code"], "already_voted", "{body}");
                receipts.insert(body["receipt"]["receipt"].as_str().unwrap().to_owned());
            }
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!(created, 1, "exactly one ballot accepted");
    assert_eq!(receipts.len(), 1, "every answer names the same ballot");
}

#[tokio::test]
async fn two_hundred_concurrent_ballots_from_one_person_count_once() {
    // Limits high enough that every attempt reaches the ballot box: the database's
    // constraint, not the rate limiter, must be what keeps it to one.
    let v = voting_round_with(|c| {
        c.ballots_per_hour = 10_000;
        c.ballots_per_voter_per_hour = 10_000;
    })
    .await;
    let a = verified(&v.app, "device-burst-000001", "13900001111").await;
    let b = verified(&v.app, "device-burst-000002", "13900001111").await;
    // Half from each of the person's two phones.
    vote_at_once(vec![a, b], v.ids("market"), 200).await;
    assert_eq!(v.app.db.ballot_count(1).await.unwrap(), 1);
    let total: i64 = v
        .app
        .db
        .tallies(1, pingxuan_domain::Category::Market)
        .await
        .unwrap()
        .iter()
        .map(|(_, n)| n)
        .sum();
    assert_eq!(total, 1, "the tally counts it once");
}

#[tokio::test]
async fn bad_ballots_are_refused_with_reasons() {
    let v = voting_round().await;
    let phone = verified(&v.app, "device-bad-0000001", "13700002222").await;
    let market = v.ids("market");
    let road = v.ids("road");
    let field_code =
        |r: &(StatusCode, Value)| r.1["fields"][0]["code"].as_str().unwrap().to_owned();
    let unknown = phone.vote("market", &[999_999]).await;
    assert_error(&unknown, 422, "validation_failed");
    assert_eq!(field_code(&unknown), "unknown");
    let wrong_category = phone.vote("market", &road[..1]).await;
    assert_error(&wrong_category, 422, "validation_failed");
    assert_eq!(field_code(&wrong_category), "unknown");
    let too_many = phone.vote("market", &market[..2]).await;
    assert_eq!(field_code(&too_many), "too_many");
    let repeated = phone.vote("market", &[market[0], market[0]]).await;
    assert_eq!(field_code(&repeated), "too_many");
    let none = phone.vote("market", &[]).await;
    assert_eq!(field_code(&none), "required");
    assert_error(
        &phone.vote("kitchen", &market[..1]).await,
        400,
        "bad_request",
    );
    // Broken and oversized bodies, as a verified voter.
    let url = v.app.url("/api/v1/rounds/1/ballots/market");
    for (body, status, code) in [
        (b"{\"candidate_ids\": ".to_vec(), 400, "bad_json"),
        (b"{\"candidate_ids\": \"1\"}".to_vec(), 400, "bad_json"),
        (
            format!("{{\"candidate_ids\": [{}]}}", "1,".repeat(40_000) + "1").into_bytes(),
            413,
            "payload_too_large",
        ),
    ] {
        let res = phone
            .client
            .post(&url)
            .header(DEVICE_HEADER, &phone.device)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_error(&read(res).await, status, code);
    }
    // Without the app's device header (a form posted from another site cannot add it).
    let res = phone
        .client
        .post(&url)
        .json(&json!({"candidate_ids": [market[0]]}))
        .send()
        .await
        .unwrap();
    assert_error(&read(res).await, 422, "validation_failed");
    assert_eq!(
        v.app.db.ballot_count(1).await.unwrap(),
        0,
        "nothing was stored"
    );
}

#[tokio::test]
async fn ballots_outside_the_voting_phase_are_refused() {
    // The demo round is still taking nominations.
    let app = spawn_app_with(true).await;
    let phone = verified(&app, "device-early-000001", "13600003333").await;
    assert_error(&phone.vote("market", &[1]).await, 409, "phase_closed");
    let (status, _) = phone.get("/api/v1/rounds/1/ballots/market").await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn sms_codes_expire_work_once_and_lock_after_five_wrong_tries() {
    let app = spawn_app_with(true).await;
    let phone = Phone::new(&app, "device-codes-000001");
    assert_error(&phone.ask_code("12345").await, 422, "validation_failed");
    assert_error(
        &phone.verify("13500004444", "12ab56").await,
        422,
        "validation_failed",
    );
    // No code was sent: nothing to match.
    assert_error(
        &phone.verify("13500004444", "123456").await,
        422,
        "sms_code_invalid",
    );

    let (status, _) = phone.ask_code("13500004444").await;
    assert_eq!(status, 202);
    let code = sent_code(&app, "13500004444");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..4 {
        assert_error(
            &phone.verify("13500004444", wrong).await,
            422,
            "sms_code_invalid",
        );
    }
    // The fifth wrong code locks the number, and then even the right code is refused.
    assert_error(
        &phone.verify("13500004444", wrong).await,
        429,
        "sms_code_locked",
    );
    assert_error(
        &phone.verify("13500004444", &code).await,
        429,
        "sms_code_locked",
    );
    let locked = phone.ask_code("13500004444").await;
    assert_error(&locked, 429, "sms_code_locked");
    // The first lock lasts 15 minutes: the app counts down from the data, and
    // `Retry-After` says the same.
    let wait = locked.1["retry_after"].as_u64().expect("retry_after");
    assert!((14 * 60..=15 * 60).contains(&wait), "{}", locked.1);
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/voting/verify"))
        .header(DEVICE_HEADER, "device-codes-000001")
        .json(&json!({ "phone": "13500004444", "code": code }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    let header: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((14 * 60..=15 * 60).contains(&header), "{header}");
    // Other refusals carry no wait.
    let (_, invalid) = phone.verify("13500007777", "123456").await;
    assert!(invalid.get("retry_after").is_none(), "{invalid}");

    // Used once only.
    let other = Phone::new(&app, "device-codes-000002");
    let (status, _) = other.ask_code("13500005555").await;
    assert_eq!(status, 202);
    let code = sent_code(&app, "13500005555");
    let (status, _) = other.verify("13500005555", &code).await;
    assert_eq!(status, 200);
    assert_error(
        &other.verify("13500005555", &code).await,
        422,
        "sms_code_invalid",
    );

    // Expired after five minutes.
    let late = Phone::new(&app, "device-codes-000003");
    let (status, _) = late.ask_code("13500006666").await;
    assert_eq!(status, 202);
    let code = sent_code(&app, "13500006666");
    app.db
        .expire_sms_codes(Utc::now() - Duration::seconds(1))
        .await
        .unwrap();
    assert_error(
        &late.verify("13500006666", &code).await,
        422,
        "sms_code_invalid",
    );
}

#[tokio::test]
async fn the_office_sees_bursts_and_shared_devices_and_voids_with_a_reason() {
    let v = voting_round_with(|c| c.ballots_per_hour = 10_000).await;
    let admin = &v.admin;
    // 60 voters on one phone, all for the same market at once: 刷票. (Sixty, so that
    // even if the clock's minute turns midway one minute holds at least thirty.)
    let now = Utc::now();
    let tokens: Vec<String> = (0..60)
        .map(|_| pingxuan_server::auth::random_token())
        .collect();
    let voters: Vec<(String, String)> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| (format!("stuffer-{i}"), pingxuan_server::auth::token_hash(t)))
        .collect();
    v.app
        .db
        .insert_voters_with_sessions(&voters, now, now + Duration::days(1))
        .await
        .unwrap();
    let target = v.ids("market")[7];
    let client = new_client();
    for t in &tokens {
        let res = client
            .post(v.app.url("/api/v1/rounds/1/ballots/market"))
            .header(DEVICE_HEADER, "one-phone-for-everyone")
            .header("cookie", format!("pingxuan_voter={t}"))
            .json(&json!({"candidate_ids": [target]}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
    }
    let (status, report) = admin.get("/api/v1/rounds/1/fraud").await;
    assert_eq!(status, 200, "{report}");
    let burst = &report["bursts"][0];
    assert_eq!(burst["candidate_id"], target);
    assert!(burst["ballots"].as_u64().unwrap() >= 30, "{burst}");
    let device = &report["shared_devices"][0];
    assert_eq!(device["voters"], 60);
    let hourly: u64 = report["hourly"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["candidate_id"] == target)
        .map(|h| h["ballots"].as_u64().unwrap())
        .sum();
    assert_eq!(hourly, 60);
    assert!(
        !report.to_string().contains("stuffer"),
        "no identities in the panel"
    );

    // The ballots from that device, then one voided with a reason.
    let source = device["source"].as_str().unwrap();
    let (status, list) = admin
        .get(&format!("/api/v1/rounds/1/fraud/ballots?source={source}"))
        .await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list.as_array().unwrap().len(), 60);
    let ballot = list[0]["id"].as_i64().unwrap();
    let short = admin
        .call(
            Method::POST,
            "/api/v1/rounds/1/ballots/void",
            Some(json!({"ballot_id": ballot, "reason": "x"})),
        )
        .await;
    assert_error(&short, 422, "validation_failed");
    let (status, _) = admin
        .call(
            Method::POST,
            "/api/v1/rounds/1/ballots/void",
            Some(json!({"ballot_id": ballot, "reason": "同一设备短时间内批量投票"})),
        )
        .await;
    assert_eq!(status, 204);
    let again = admin
        .call(
            Method::POST,
            "/api/v1/rounds/1/ballots/void",
            Some(json!({"ballot_id": ballot, "reason": "同一设备短时间内批量投票"})),
        )
        .await;
    assert_error(&again, 409, "conflict");
    let missing = admin
        .call(
            Method::POST,
            "/api/v1/rounds/1/ballots/void",
            Some(json!({"ballot_id": 999_999, "reason": "不存在的票"})),
        )
        .await;
    assert_error(&missing, 404, "not_found");
    assert_eq!(v.app.db.audit_count("ballot.void").await.unwrap(), 1);
    // The tally lost it; the voting page counts voided ballots.
    let tally: i64 = v
        .app
        .db
        .tallies(1, pingxuan_domain::Category::Market)
        .await
        .unwrap()
        .iter()
        .find(|(c, _)| *c == target)
        .unwrap()
        .1;
    assert_eq!(tally, 59);
    let (_, view) = v
        .app
        .anon(Method::GET, "/api/v1/rounds/1/voting/market", None)
        .await;
    assert_eq!(view["voided_ballots"], 1);
    let (_, report) = admin.get("/api/v1/rounds/1/fraud").await;
    assert_eq!(report["voided_ballots"], 1);
}

/// Where each of the verifier's mismatches is and what it is about.
fn scopes_and_fields(caught: &[pingxuan_verify::Mismatch]) -> Vec<(&str, &str)> {
    caught
        .iter()
        .map(|m| (m.scope.as_str(), m.field.as_str()))
        .collect()
}

/// SHA-256 (hex) of the first `count` ballots of a category's public list.
async fn public_digest(phone: &Phone, category: &str, count: usize) -> String {
    use sha2::{Digest, Sha256};
    let (status, list) = phone
        .get(&format!("/api/v1/rounds/1/ballots/{category}?limit=2000"))
        .await;
    assert_eq!(status, 200, "{list}");
    let mut hasher = Sha256::new();
    for b in list["ballots"].as_array().unwrap().iter().take(count) {
        let ids: Vec<i64> = b["candidate_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_i64().unwrap())
            .collect();
        let line = ballot_line(b["receipt"].as_str().unwrap(), &ids);
        hasher.update(line.as_bytes());
    }
    hex::encode(hasher.finalize())
}

#[tokio::test]
async fn daily_snapshots_of_the_ballot_box_chain_up_and_match_the_public_list() {
    use pingxuan_domain::ballot_snapshot::{chain_input, next_due, BallotSnapshot};
    use pingxuan_server::routes::ballot_snapshots::take_due;
    use sha2::{Digest, Sha256};
    // Voting opened eight days ago and closes in 20 seconds (set-up and ballots first).
    let v = voting_round_from(
        Utc::now() - Duration::days(27) + Duration::seconds(20),
        |c| c.ballots_per_hour = 1000,
    )
    .await;
    let state = v.app.state();
    let (_, view) = v.admin.get("/api/v1/rounds/1").await;
    let starts: chrono::DateTime<Utc> = view["schedule"]["voting"]["starts_at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let ends: chrono::DateTime<Utc> = view["schedule"]["voting"]["ends_at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let market = v.ids("market").to_vec();
    let village = v.ids("village").to_vec();
    let p1 = verified(&v.app, "device-snapshot-000001", "13800000001").await;
    let p2 = verified(&v.app, "device-snapshot-000002", "13800000002").await;
    let p3 = verified(&v.app, "device-snapshot-000003", "13800000003").await;
    let p4 = verified(&v.app, "device-snapshot-000004", "13800000004").await;
    let r = p1.vote("market", &market[..1]).await;
    assert_eq!(r.0, 201, "{}", r.1);
    assert_eq!(p2.vote("market", &market[1..2]).await.0, 201);
    assert_eq!(p3.vote("village", &village[..1]).await.0, 201);

    // The first midnight after voting opened: snapshot 1; a minute later nothing is due.
    let first_midnight = next_due(starts, ends, None).unwrap();
    let one = take_due(&state, first_midnight + Duration::minutes(1))
        .await
        .unwrap()
        .expect("due at the first midnight");
    assert_eq!(
        (one.seq, one.last, one.previous.as_deref()),
        (1, false, None)
    );
    let counts: Vec<(String, u64)> = one
        .categories
        .iter()
        .map(|d| (d.category.as_str().to_owned(), d.count))
        .collect();
    assert_eq!(
        counts,
        [("village", 1), ("ditch", 0), ("road", 0), ("market", 2)].map(|(c, n)| (c.to_owned(), n))
    );
    assert!(take_due(&state, first_midnight + Duration::minutes(2))
        .await
        .unwrap()
        .is_none());

    // Another ballot; two servers reach the next midnight at once: one snapshot.
    assert_eq!(p4.vote("market", &market[2..3]).await.0, 201);
    let next_midnight = first_midnight + Duration::days(1);
    let at = next_midnight + Duration::seconds(5);
    let (a, b) = tokio::join!(take_due(&state, at), take_due(&state, at));
    let taken: Vec<BallotSnapshot> = [a.unwrap(), b.unwrap()].into_iter().flatten().collect();
    assert_eq!(taken.len(), 1, "one snapshot per midnight");
    let two = &taken[0];
    assert_eq!(two.seq, 2);
    assert_eq!(two.previous.as_deref(), Some(one.chain.as_str()));
    assert_eq!(two.categories[3].count, 3);

    // A void later does not change what was there: the ballot keeps its line.
    let (status, r) = v
        .admin
        .call(
            Method::POST,
            "/api/v1/rounds/1/ballots/void",
            Some(json!({"ballot_id": 1, "reason": "核查为同一人代投"})),
        )
        .await;
    assert_eq!(status, 204, "{r}");

    // Voting closes: the closing snapshot, then no more.
    let wait = (ends - Utc::now()).to_std().unwrap_or_default();
    tokio::time::sleep(wait + std::time::Duration::from_millis(200)).await;
    let three = take_due(&state, Utc::now())
        .await
        .unwrap()
        .expect("the closing snapshot");
    assert!(three.last);
    assert!(take_due(&state, Utc::now() + Duration::days(2))
        .await
        .unwrap()
        .is_none());

    // Anyone can check them against the public list and the chain.
    let (status, published) = p1.get("/api/v1/rounds/1/ballot-snapshots").await;
    assert_eq!(status, 200, "{published}");
    let published: Vec<BallotSnapshot> =
        serde_json::from_value(published["snapshots"].clone()).unwrap();
    assert_eq!(published, vec![one.clone(), two.clone(), three.clone()]);
    let mut previous: Option<String> = None;
    for s in &published {
        for d in &s.categories {
            let recomputed = public_digest(&p1, d.category.as_str(), d.count as usize).await;
            assert_eq!(
                recomputed,
                d.sha256,
                "snapshot {} {}",
                s.seq,
                d.category.as_str()
            );
        }
        let chain = hex::encode(Sha256::digest(
            chain_input(previous.as_deref(), 1, s.seq, s.taken_at, &s.categories).as_bytes(),
        ));
        assert_eq!(chain, s.chain, "snapshot {}", s.seq);
        assert_eq!(s.previous, previous);
        previous = Some(s.chain.clone());
    }
    // The independent verifier agrees, from the ballots as the open data lists them.
    let mut ballots = Vec::new();
    for category in ["village", "ditch", "road", "market"] {
        let (_, list) = p1
            .get(&format!("/api/v1/rounds/1/ballots/{category}?limit=2000"))
            .await;
        for b in list["ballots"].as_array().unwrap() {
            ballots.push(json!({"receipt": b["receipt"], "category": category,
                "candidate_ids": b["candidate_ids"]}));
        }
    }
    let doc = json!({"round": {"id": 1}, "ballots": ballots});
    let (_, snapshots) = p1.get("/api/v1/rounds/1/ballot-snapshots").await;
    let checked = pingxuan_verify::verify_snapshots(&doc, &snapshots).unwrap();
    assert_eq!((checked.snapshots, checked.mismatches), (3, vec![]));
    // It catches a choice changed after the first midnight: every snapshot that held
    // that ballot disagrees, in that category only.
    let mut changed = doc.clone();
    let first_market = changed["ballots"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|b| b["category"] == "market")
        .unwrap();
    first_market["candidate_ids"] = json!([market[3]]);
    let caught = pingxuan_verify::verify_snapshots(&changed, &snapshots)
        .unwrap()
        .mismatches;
    let scopes = scopes_and_fields(&caught);
    assert_eq!(
        scopes,
        [
            ("snapshot 1 market", "sha256"),
            ("snapshot 2 market", "sha256"),
            ("snapshot 3 market", "sha256")
        ]
    );
    // A ballot taken out of the box afterwards.
    let mut dropped = doc.clone();
    let last_village = dropped["ballots"]
        .as_array()
        .unwrap()
        .iter()
        .position(|b| b["category"] == "village")
        .unwrap();
    dropped["ballots"]
        .as_array_mut()
        .unwrap()
        .remove(last_village);
    let caught = pingxuan_verify::verify_snapshots(&dropped, &snapshots)
        .unwrap()
        .mismatches;
    assert!(
        caught.iter().any(|m| m.scope == "snapshot 3 village"
            && m.field == "count"
            && m.recomputed == "only 0 ballots in the open data"),
        "{caught:?}"
    );
    // A snapshot rewritten later breaks its own chain link, and only that one.
    let mut rewritten = snapshots.clone();
    rewritten["snapshots"][1]["categories"][3]["count"] = json!(2);
    let caught = pingxuan_verify::verify_snapshots(&doc, &rewritten)
        .unwrap()
        .mismatches;
    let fields = scopes_and_fields(&caught);
    assert_eq!(
        fields,
        [("snapshot 2 market", "sha256"), ("snapshot 2", "chain")]
    );

    // A published snapshot cannot be rewritten, even from inside.
    let forged = BallotSnapshot {
        chain: "0".repeat(64),
        ..two.clone()
    };
    assert!(!v.app.db.insert_ballot_snapshot(1, &forged).await.unwrap());
}

#[tokio::test]
async fn closing_voting_publishes_the_closing_snapshot_at_once_and_refuses_ballots_still_in_flight()
{
    use pingxuan_domain::ballot_snapshot::BallotSnapshot;
    use pingxuan_domain::Category;
    use pingxuan_server::db::voting::{BallotOutcome, NewBallot};
    // Voting closes in ten seconds (set-up and a ballot first).
    let v = voting_round_from(
        Utc::now() - Duration::days(27) + Duration::seconds(10),
        |_| {},
    )
    .await;
    let market = v.ids("market").to_vec();
    let p1 = verified(&v.app, "device-close-000001", "13800000011").await;
    let p2 = verified(&v.app, "device-close-000002", "13800000012").await;
    assert_eq!(p1.vote("market", &market[..1]).await.0, 201);
    let (_, view) = v.admin.get("/api/v1/rounds/1").await;
    let ends: chrono::DateTime<Utc> = view["schedule"]["voting"]["ends_at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let wait = (ends - Utc::now()).to_std().unwrap_or_default();
    tokio::time::sleep(wait + std::time::Duration::from_millis(200)).await;

    // The office moves the round on: the closing snapshot is there at once, not at the
    // server's next minute tick (the first tick ran when the server started).
    let (status, r) = v
        .admin
        .call(
            Method::POST,
            "/api/v1/rounds/1/advance",
            Some(json!({"from": "voting", "to": "field_scoring"})),
        )
        .await;
    assert_eq!(status, 200, "{r}");
    let (status, published) = p1.get("/api/v1/rounds/1/ballot-snapshots").await;
    assert_eq!(status, 200, "{published}");
    let snapshots: Vec<BallotSnapshot> =
        serde_json::from_value(published["snapshots"].clone()).unwrap();
    let last = snapshots.last().expect("a closing snapshot");
    assert!(last.last, "{published}");
    assert_eq!(last.categories[3].count, 1);

    // A ballot that passed the route's (cached) checks before the close but reaches the
    // database after it is refused there, so the closing snapshot stays the whole box.
    let state = v.app.state();
    let outcome = state
        .ballot_box
        .cast(NewBallot {
            round_id: 1,
            category: Category::Market,
            voter_id: 2,
            receipt: "LATE-0000-0000".into(),
            candidate_ids: vec![market[1]],
            device_hash: None,
            network: None,
            created_at: Utc::now() - Duration::seconds(1),
        })
        .await
        .unwrap();
    assert!(matches!(outcome, BallotOutcome::Closed), "{outcome:?}");
    let (_, list) = p1.get("/api/v1/rounds/1/ballots/market").await;
    assert_eq!(list["ballots"].as_array().unwrap().len(), 1, "{list}");
    // Through the API the late voter hears that voting has ended.
    let (status, r) = p2.vote("market", &market[1..2]).await;
    assert_eq!(status, 409, "{r}");
    assert_eq!(r["code"], "phase_closed");
    assert_eq!(r["message"], "本期网上投票已结束。");
}
