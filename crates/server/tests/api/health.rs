use crate::helpers::*;
use reqwest::Method;

#[tokio::test]
async fn health_is_ok_and_not_cached() {
    let app = spawn_app().await;
    let res = app
        .client
        .get(app.url("/api/v1/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn unknown_api_routes_and_methods_are_json_errors() {
    let app = spawn_app().await;
    assert_error(
        &app.anon(Method::GET, "/api/v1/nothing-here", None).await,
        404,
        "not_found",
    );
    assert_error(
        &app.anon(Method::GET, "/api/v2/health", None).await,
        404,
        "not_found",
    );
    assert_error(
        &app.anon(Method::DELETE, "/api/v1/health", None).await,
        405,
        "method_not_allowed",
    );
    assert_error(
        &app.anon(Method::POST, "/api/v1/rounds/current", None).await,
        405,
        "method_not_allowed",
    );
}
