//! `/api/openapi.json` documents every endpoint with its error answers.

use crate::helpers::*;

#[tokio::test]
async fn the_document_covers_every_endpoint() {
    let app = spawn_app().await;
    let res = app
        .client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let doc: serde_json::Value = res.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for (method, path, access, body) in endpoints() {
        let op = &doc["paths"][path][method.as_str().to_lowercase()];
        assert!(op.is_object(), "{method} {path} is not documented");
        let responses = op["responses"].as_object().unwrap();
        if access != Access::Public {
            assert!(responses.contains_key("401"), "{method} {path} lacks 401");
        }
        if access == Access::Admin {
            assert!(responses.contains_key("403"), "{method} {path} lacks 403");
        }
        if body.is_some() {
            assert!(
                op["requestBody"].is_object(),
                "{method} {path} lacks its body"
            );
        }
    }
    let documented: usize = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|p| p.as_object().unwrap().len())
        .sum();
    assert_eq!(
        documented,
        endpoints().len(),
        "the document lists endpoints the tests do not know"
    );
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
    assert!(doc["components"]["schemas"]["RoundInput"].is_object());
}
