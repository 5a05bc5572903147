//! The shared rate limits (`rate_counters`): a window passes, and old windows are pruned.

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

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
