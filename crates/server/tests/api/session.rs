use crate::helpers::*;
use pingxuan_domain::api::CSRF_HEADER;
use pingxuan_domain::Role;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn login_sets_a_safe_cookie_and_returns_the_account() {
    let app = spawn_app().await;
    let (u, p) = app.account("chen", Role::Admin).await;
    let res = app
        .client
        .post(app.url("/api/v1/session"))
        .json(&json!({"username": " CHEN ", "password": p}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("pingxuan_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["account"]["username"], u);
    assert_eq!(body["account"]["role"]["kind"], "admin");
    assert!(body["account"].get("password_hash").is_none());
    let (status, me) = read(
        app.client
            .get(app.url("/api/v1/session"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(me["csrf_token"], body["csrf_token"]);
}

#[tokio::test]
async fn wrong_password_and_unknown_user_look_the_same() {
    let app = spawn_app().await;
    let (u, _) = app.account("chen", Role::Admin).await;
    let wrong = app
        .anon(
            Method::POST,
            "/api/v1/session",
            Some(json!({"username": u, "password": "nope-nope-nope"})),
        )
        .await;
    let unknown = app
        .anon(
            Method::POST,
            "/api/v1/session",
            Some(json!({"username": "ghost", "password": "nope-nope-nope"})),
        )
        .await;
    assert_error(&wrong, 401, "invalid_credentials");
    assert_eq!(wrong, unknown);
    assert_error(
        &app.anon(Method::GET, "/api/v1/session", None).await,
        401,
        "unauthenticated",
    );
}

#[tokio::test]
async fn login_renews_the_session_id() {
    let app = spawn_app().await;
    let (u, p) = app.account("chen", Role::Admin).await;
    let plain = reqwest::Client::new();
    let login = |cookie: Option<String>| {
        let mut req = plain
            .post(app.url("/api/v1/session"))
            .json(&json!({"username": u, "password": p}));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.send()
    };
    let session_cookie = |res: &reqwest::Response| {
        res.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned()
    };
    let first = session_cookie(&login(None).await.unwrap());
    let whoami = |cookie: String| {
        plain
            .get(app.url("/api/v1/session"))
            .header("cookie", cookie)
            .send()
    };
    assert_eq!(whoami(first.clone()).await.unwrap().status(), 200);
    // Signing in again from the browser that holds `first` replaces it.
    let second = session_cookie(&login(Some(first.clone())).await.unwrap());
    assert_ne!(first, second);
    assert_eq!(whoami(first).await.unwrap().status(), 401);
    assert_eq!(whoami(second).await.unwrap().status(), 200);
}

#[tokio::test]
async fn logout_needs_the_csrf_token_and_ends_the_session() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let no_token = read(
        admin
            .client
            .delete(app.url("/api/v1/session"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_error(&no_token, 403, "csrf_failed");
    let wrong = read(
        admin
            .client
            .delete(app.url("/api/v1/session"))
            .header(CSRF_HEADER, "x")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_error(&wrong, 403, "csrf_failed");
    let (status, _) = admin.call(Method::DELETE, "/api/v1/session", None).await;
    assert_eq!(status, 204);
    assert_error(&admin.get("/api/v1/session").await, 401, "unauthenticated");
}

#[tokio::test]
async fn login_attempts_are_rate_limited_with_a_chinese_message() {
    let app = spawn_app().await; // 5 attempts per 15 minutes in tests
    let (u, p) = app.account("chen", Role::Admin).await;
    for _ in 0..5 {
        let r = app
            .anon(
                Method::POST,
                "/api/v1/session",
                Some(json!({"username": u, "password": "wrong-password"})),
            )
            .await;
        assert_error(&r, 401, "invalid_credentials");
    }
    // Even the right password is refused while limited.
    let r = app
        .anon(
            Method::POST,
            "/api/v1/session",
            Some(json!({"username": u, "password": p})),
        )
        .await;
    assert_error(&r, 429, "rate_limited");
}

#[tokio::test]
async fn a_disabled_account_cannot_sign_in_and_loses_its_sessions() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (u, p) = app.account("lisi", Role::Inspector).await;
    let li = new_client();
    app.login_with(&li, &u, &p).await;
    let (_, list) = admin.get("/api/v1/staff").await;
    let id = list["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["username"] == "lisi")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let (status, _) = admin
        .call(
            Method::PATCH,
            &format!("/api/v1/staff/{id}"),
            Some(json!({"active": false})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        li.get(app.url("/api/v1/session"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    let r = app
        .anon(
            Method::POST,
            "/api/v1/session",
            Some(json!({"username": u, "password": p})),
        )
        .await;
    assert_error(&r, 401, "invalid_credentials");
}

#[tokio::test]
async fn cross_origin_writes_are_refused() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let res = admin
        .client
        .delete(app.url("/api/v1/session"))
        .header(CSRF_HEADER, &admin.csrf)
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_error(&read(res).await, 403, "csrf_failed");
    // Same origin is fine.
    let res = admin
        .client
        .delete(app.url("/api/v1/session"))
        .header(CSRF_HEADER, &admin.csrf)
        .header("origin", format!("http://{}", app.addr))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
}
