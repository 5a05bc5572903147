//! The shared rate limits (`rate_counters`): a window passes, old windows are pruned, a
//! device over its limit leaves its address uncharged, and checks made at once never let
//! more than the limit through.

use crate::helpers::*;
use chrono::{DateTime, Duration, Utc};
use pingxuan_domain::api::DEVICE_HEADER;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::net::IpAddr;

async fn sign_in(app: &TestApp, username: &str, password: &str) -> (StatusCode, Value) {
    let body = json!({"username": username, "password": password});
    app.anon(Method::POST, "/api/v1/session", Some(body)).await
}

#[tokio::test]
async fn the_login_limit_lifts_when_its_window_has_passed() {
    let app = spawn_app().await; // 5 attempts per 15 minutes in tests
    let (u, p) = app.account("wang", pingxuan_domain::Role::Admin).await;
    for _ in 0..5 {
        let r = sign_in(&app, &u, "wrong-password").await;
        assert_error(&r, 401, "invalid_credentials");
    }
    assert_error(&sign_in(&app, &u, &p).await, 429, "rate_limited");
    app.state().clock.advance(chrono::Duration::minutes(16));
    assert_eq!(sign_in(&app, &u, &p).await.0, 200);
}

#[tokio::test]
async fn past_windows_are_pruned_and_current_ones_kept() {
    let app = spawn_app().await;
    let r = sign_in(&app, "nobody", "wrong-password").await;
    assert_error(&r, 401, "invalid_credentials");
    let now = chrono::Utc::now().timestamp();
    // The attempt charged the address and the user name: two counters, both current.
    assert_eq!(app.db.prune_rate_counters(now - 3600).await.unwrap(), 0);
    assert_eq!(app.db.prune_rate_counters(now + 3600).await.unwrap(), 2);
}

/// Keeps a test's checks inside one hourly window: when the hour is about to turn, the
/// server's clock moves past the turn first. The time to check at.
fn inside_one_hour(app: &TestApp) -> DateTime<Utc> {
    let clock = app.state().clock;
    if clock.now().timestamp().rem_euclid(3600) > 3600 - 120 {
        clock.advance(Duration::seconds(240));
    }
    clock.now()
}

/// The events counted in `now`'s window for one device or one address of a limiter.
async fn counted(
    app: &TestApp,
    limiter: &pingxuan_server::rate_limit::SharedPublicLimiter,
    device: Option<&str>,
    address: Option<IpAddr>,
    now: DateTime<Utc>,
) -> i64 {
    let charges = limiter.charges(device, address, now);
    assert_eq!(charges.len(), 1, "one key at a time");
    app.db
        .rate_count(&charges[0].key, charges[0].window_start)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_device_over_its_limit_leaves_its_address_uncharged() {
    // Three codes an hour per device, thirty per address.
    let app = spawn_app_configured(|c| c.sms_codes_per_hour = 3).await;
    let state = app.state();
    let limiter = &state.sms_limiter;
    let now = inside_one_hour(&app);
    let nat: IpAddr = "10.1.2.3".parse().unwrap();
    let mut answers = Vec::new();
    for _ in 0..10 {
        answers.push(
            limiter
                .try_acquire(&app.db, Some("abuser"), Some(nat), now)
                .await
                .unwrap(),
        );
    }
    assert_eq!(answers, [[true; 3].as_slice(), &[false; 7]].concat());
    assert_eq!(counted(&app, limiter, Some("abuser"), None, now).await, 10);
    assert_eq!(counted(&app, limiter, None, Some(nat), now).await, 3);
    // The rest of the address's thirty are there for the phones behind the same NAT.
    for phone in 0..9 {
        for _ in 0..3 {
            let device = format!("neighbour-{phone}");
            assert!(limiter
                .try_acquire(&app.db, Some(&device), Some(nat), now)
                .await
                .unwrap());
        }
    }
    assert!(!limiter
        .try_acquire(&app.db, Some("latecomer"), Some(nat), now)
        .await
        .unwrap());
    assert_eq!(counted(&app, limiter, None, Some(nat), now).await, 31);
}

#[tokio::test]
async fn sms_codes_refused_to_a_device_leave_its_address_uncharged() {
    let app = spawn_app().await; // five codes an hour per device, fifty per address
    let now = inside_one_hour(&app);
    let ask = |device: &'static str, phone: String| {
        let request = app
            .client
            .post(app.url("/api/v1/voting/sms-code"))
            .header(DEVICE_HEADER, device)
            .json(&json!({ "phone": phone }));
        async move { request.send().await.unwrap().status().as_u16() }
    };
    let mut answers = Vec::new();
    for n in 0..8 {
        answers.push(ask("device-greedy-0001", format!("1390000{n:04}")).await);
    }
    assert_eq!(answers, [202, 202, 202, 202, 202, 429, 429, 429]);
    let state = app.state();
    let loopback: IpAddr = "127.0.0.1".parse().unwrap();
    assert_eq!(
        counted(&app, &state.sms_limiter, None, Some(loopback), now).await,
        5
    );
    // Forty asked at once from one device (each for a number of its own): five codes.
    let at_once = (0..40).map(|n| ask("device-eager-00001", format!("1370000{n:04}")));
    let answers = futures::future::join_all(at_once).await;
    assert_eq!(
        answers.iter().filter(|s| **s == 202).count(),
        5,
        "{answers:?}"
    );
    assert_eq!(
        answers.iter().filter(|s| **s == 429).count(),
        35,
        "{answers:?}"
    );
    assert_eq!(
        counted(&app, &state.sms_limiter, None, Some(loopback), now).await,
        10
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn checks_made_at_once_never_let_more_than_the_limit_through() {
    // Four an hour per device, forty per address.
    let app = spawn_app_configured(|c| c.sms_codes_per_hour = 4).await;
    let now = inside_one_hour(&app);
    let at_once = |checks: Vec<(String, IpAddr)>| {
        let calls = checks.into_iter().map(|(device, address)| {
            let (state, db) = (app.state(), app.db.clone());
            tokio::spawn(async move {
                state
                    .sms_limiter
                    .try_acquire(&db, Some(&device), Some(address), now)
                    .await
                    .unwrap()
            })
        });
        async move {
            futures::future::join_all(calls)
                .await
                .into_iter()
                .filter(|passed| *passed.as_ref().unwrap())
                .count()
        }
    };
    let state = app.state();
    // One device, sixty checks at once: four pass, and only those four reach the address.
    let home: IpAddr = "10.0.0.1".parse().unwrap();
    let one_device = (0..60).map(|_| ("one-phone".to_owned(), home)).collect();
    assert_eq!(at_once(one_device).await, 4);
    assert_eq!(
        counted(&app, &state.sms_limiter, None, Some(home), now).await,
        4
    );
    // A hundred devices behind one address at once: its forty pass.
    let nat: IpAddr = "10.0.0.2".parse().unwrap();
    let crowd = (0..100).map(|n| (format!("phone-{n}"), nat)).collect();
    assert_eq!(at_once(crowd).await, 40);
    assert_eq!(
        counted(&app, &state.sms_limiter, None, Some(nat), now).await,
        100
    );
}
