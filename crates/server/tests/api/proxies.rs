//! `PINGXUAN_TRUSTED_PROXIES`: behind a trusted reverse proxy, limits count the address
//! it forwards in `X-Forwarded-For`; from anyone else the header is ignored.

use crate::helpers::*;
use pingxuan_server::proxies::TrustedProxies;
use reqwest::StatusCode;
use serde_json::json;

/// A failed sign-in for `user` whose request carries `forwarded` (login is limited to
/// 5 attempts per address and per user name in tests).
async fn sign_in(app: &TestApp, user: &str, forwarded: &str) -> StatusCode {
    let r = app
        .client
        .post(app.url("/api/v1/session"))
        .header("x-forwarded-for", forwarded)
        .json(&json!({"username": user, "password": "wrong-password"}))
        .send()
        .await
        .unwrap();
    r.status()
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_login_limit() {
    let app = spawn_app_configured(|c| {
        c.trusted_proxies = TrustedProxies::parse("127.0.0.1").unwrap();
    })
    .await;
    for n in 0..5 {
        let status = sign_in(&app, &format!("user{n}"), "203.0.113.1").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    // That client's address is used up, whichever user name it tries next …
    assert_eq!(
        sign_in(&app, "user5", "203.0.113.1").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // … even when it writes another address in front of the one the proxy appended.
    assert_eq!(
        sign_in(&app, "user6", "198.51.100.7, 203.0.113.1").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another client behind the same proxy is not held back.
    assert_eq!(
        sign_in(&app, "user7", "203.0.113.2").await,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn without_trusted_proxies_a_forwarded_address_changes_nothing() {
    let app = spawn_app().await;
    for n in 0..5 {
        let forwarded = format!("203.0.113.{n}");
        let status = sign_in(&app, &format!("user{n}"), &forwarded).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    // Every attempt came from 127.0.0.1, whatever the header said.
    assert_eq!(
        sign_in(&app, "user5", "203.0.113.99").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}
