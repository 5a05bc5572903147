use crate::helpers::*;
use reqwest::Method;
use serde_json::json;

fn new_staff(username: &str) -> serde_json::Value {
    json!({
        "username": username,
        "display_name": "林晓红",
        "role": {"kind": "department", "category": "market"},
        "password": "market-staff-2026"
    })
}

#[tokio::test]
async fn admin_creates_a_department_account_that_can_sign_in() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (status, account) = admin
        .call(Method::POST, "/api/v1/staff", Some(new_staff("Lin.Market")))
        .await;
    assert_eq!(status, 201, "{account}");
    assert_eq!(account["username"], "lin.market");
    assert_eq!(
        account["role"],
        json!({"kind": "department", "category": "market"})
    );
    assert_eq!(account["active"], true);
    let csrf = app
        .login_with(&new_client(), "lin.market", "market-staff-2026")
        .await;
    assert!(!csrf.is_empty());
    let (_, list) = admin.get("/api/v1/staff").await;
    let names: Vec<&str> = list["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["admin", "lin.market"]);
    assert_eq!(app.db.audit_count("account.create").await.unwrap(), 2);
}

#[tokio::test]
async fn a_taken_username_is_a_conflict_naming_the_field() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    admin
        .call(Method::POST, "/api/v1/staff", Some(new_staff("lin")))
        .await;
    let r = admin
        .call(Method::POST, "/api/v1/staff", Some(new_staff("LIN")))
        .await;
    assert_error(&r, 409, "conflict");
    assert_eq!(r.1["fields"][0]["field"], "username");
    assert_eq!(r.1["fields"][0]["code"], "taken");
}

#[tokio::test]
async fn invalid_accounts_list_every_field() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let r = admin
        .call(Method::POST, "/api/v1/staff", Some(json!({"username": "x", "display_name": " ", "role": {"kind": "inspector"}, "password": "123"})))
        .await;
    assert_error(&r, 422, "validation_failed");
    let fields: Vec<&str> = r.1["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["username", "display_name", "password"]);
    // A department without a category is not a role at all.
    let r = admin
        .call(Method::POST, "/api/v1/staff", Some(json!({"username": "abc", "display_name": "a", "role": {"kind": "department"}, "password": "long-enough-pw"})))
        .await;
    assert_error(&r, 400, "bad_json");
}

#[tokio::test]
async fn password_reset_signs_the_account_out_and_the_new_one_works() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (_, acc) = admin
        .call(Method::POST, "/api/v1/staff", Some(new_staff("lin")))
        .await;
    let lin = new_client();
    app.login_with(&lin, "lin", "market-staff-2026").await;
    let path = format!("/api/v1/staff/{}", acc["id"]);
    let (status, updated) = admin
        .call(
            Method::PATCH,
            &path,
            Some(json!({"password": "a-brand-new-password", "display_name": "林晓红（市场科）"})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(updated["display_name"], "林晓红（市场科）");
    assert_eq!(
        lin.get(app.url("/api/v1/session"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    app.login_with(&new_client(), "lin", "a-brand-new-password")
        .await;
}

#[tokio::test]
async fn the_last_admin_cannot_be_disabled_or_demoted() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (_, me) = admin.get("/api/v1/session").await;
    let path = format!("/api/v1/staff/{}", me["account"]["id"]);
    assert_error(
        &admin
            .call(Method::PATCH, &path, Some(json!({"active": false})))
            .await,
        409,
        "conflict",
    );
    assert_error(
        &admin
            .call(
                Method::PATCH,
                &path,
                Some(json!({"role": {"kind": "inspector"}})),
            )
            .await,
        409,
        "conflict",
    );
    // With a second admin it is allowed.
    let (status, _) = admin
        .call(Method::POST, "/api/v1/staff", Some(json!({"username": "second", "display_name": "二号", "role": {"kind": "admin"}, "password": "second-admin-pw"})))
        .await;
    assert_eq!(status, 201);
    let (status, body) = admin
        .call(
            Method::PATCH,
            &path,
            Some(json!({"role": {"kind": "inspector"}})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["role"]["kind"], "inspector");
}

#[tokio::test]
async fn unknown_accounts_are_404() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    assert_error(
        &admin
            .call(
                Method::PATCH,
                "/api/v1/staff/4242",
                Some(json!({"active": true})),
            )
            .await,
        404,
        "not_found",
    );
}
