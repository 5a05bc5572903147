//! Every staff endpoint answers 401 to strangers and 403 to the wrong role.

use crate::helpers::*;

#[tokio::test]
async fn every_admin_endpoint_refuses_other_roles_and_strangers() {
    let app = spawn_app_with(true).await;
    let department = app.department().await;
    let inspector = app.inspector().await;
    let accounts = app.db.accounts().await.unwrap().len();
    let mut checked = 0;
    for (method, path, access, body) in endpoints() {
        let path = concrete(path);
        if access == Access::Public {
            continue;
        }
        let anon = app.anon(method.clone(), &path, body.clone()).await;
        if access == Access::Voter {
            // Staff sessions do not make a voter: voting needs a verified person.
            assert_error(&anon, 401, "voter_unverified");
            let r = department.call(method.clone(), &path, body.clone()).await;
            assert_error(&r, 401, "voter_unverified");
            checked += 1;
            continue;
        }
        assert_error(&anon, 401, "unauthenticated");
        if access == Access::Admin {
            for who in [&department, &inspector] {
                let r = who.call(method.clone(), &path, body.clone()).await;
                assert_error(&r, 403, "forbidden");
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 54);
    // Nothing was changed by the refused calls.
    let (_, current) = app
        .anon(reqwest::Method::GET, "/api/v1/rounds/current", None)
        .await;
    assert_eq!(current["round"]["phase"], "nomination");
    assert_eq!(app.db.accounts().await.unwrap().len(), accounts);
}

#[tokio::test]
async fn staff_endpoints_serve_every_role_their_own_session() {
    let app = spawn_app().await;
    for who in [app.department().await, app.inspector().await] {
        let (status, me) = who.get("/api/v1/session").await;
        assert_eq!(status, 200);
        assert_ne!(me["account"]["role"]["kind"], "admin");
    }
}
