//! The built app: SPA fallback, caching, precompression and security headers.

use crate::helpers::*;
use base64::Engine;
use sha2::{Digest, Sha256};

fn sha256_source(script: &str) -> String {
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()))
    )
}

#[tokio::test]
async fn index_and_client_routes_get_the_app_with_a_strict_csp() {
    let app = spawn_app().await;
    for (path, body) in [
        ("/", "潮州"),
        ("/nominate", "我要推荐"),
        ("/nominate/", "我要推荐"),
        ("/nominations", "潮州"),
        ("/vote", "网上投票"),
        ("/vote/", "网上投票"),
        ("/vote/market", "网上投票"),
        ("/voters", "潮州"),
        ("/some/unknown/page", "潮州"),
        ("/staffing", "潮州"),
        ("/staff", "工作人员"),
        ("/staff/", "工作人员"),
        ("/staff/round", "工作人员"),
        ("/staff/accounts", "工作人员"),
        ("/staff/some/unknown/page", "工作人员"),
        ("/office", "市创卫办"),
        ("/office/", "市创卫办"),
        ("/office/fraud", "市创卫办"),
        // The results workbench is an app of its own under the longer prefix.
        ("/office/results", "结果审核与公布"),
        ("/office/results/", "结果审核与公布"),
        ("/office/resultsx", "市创卫办"),
        // So are the score sheets.
        ("/office/sheets", "现场评分表"),
        ("/office/sheets/", "现场评分表"),
        ("/office/sheets/12", "现场评分表"),
        ("/office/sheets/new", "现场评分表"),
        ("/office/sheetsx", "市创卫办"),
    ] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        let h = res.headers().clone();
        assert_eq!(h["cache-control"], "no-cache", "{path}");
        assert!(h["content-type"].to_str().unwrap().starts_with("text/html"));
        assert_eq!(h["x-content-type-options"], "nosniff");
        let csp = h["content-security-policy"].to_str().unwrap();
        // Every app's loader is allowed, whichever page this is.
        assert!(csp.contains(&sha256_source(INLINE_LOADER)), "{csp}");
        assert!(csp.contains(&sha256_source(STAFF_INLINE_LOADER)), "{csp}");
        assert!(
            csp.contains(&sha256_source(NOMINATE_INLINE_LOADER)),
            "{csp}"
        );
        assert!(csp.contains(&sha256_source(VOTE_INLINE_LOADER)), "{csp}");
        assert!(csp.contains(&sha256_source(OFFICE_INLINE_LOADER)), "{csp}");
        assert!(
            csp.contains(&sha256_source(OFFICE_RESULTS_INLINE_LOADER)),
            "{csp}"
        );
        assert!(
            csp.contains(&sha256_source(OFFICE_SHEETS_INLINE_LOADER)),
            "{csp}"
        );
        assert!(
            csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        let text = res.text().await.unwrap();
        assert!(text.contains(body), "{path}: {text}");
    }
}

#[tokio::test]
async fn each_apps_files_come_from_its_own_dist_directory() {
    let app = spawn_app().await;
    for (path, body) in [
        (
            "/staff/pingxuan-staff-0123456789abcdef.js",
            "export default function init() {}",
        ),
        (
            "/vote/pingxuan-vote-0123456789abcdef.js",
            "export default function vote() {}",
        ),
        (
            "/office/pingxuan-office-0123456789abcdef.js",
            "export default function office() {}",
        ),
        (
            "/office/results/pingxuan-office-results-0123456789abcdef.js",
            "export default function results() {}",
        ),
        (
            "/office/sheets/pingxuan-office-sheets-0123456789abcdef.js",
            "export default function sheets() {}",
        ),
    ] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(
            res.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(res.text().await.unwrap(), body);
    }
    // Each app's files only under its own prefix; a missing file is a 404, not an index.
    for path in [
        "/pingxuan-staff-0123456789abcdef.js",
        "/staff/pingxuan-0123456789abcdef.js",
        "/staff/missing.css",
        "/pingxuan-vote-0123456789abcdef.js",
        "/vote/pingxuan-0123456789abcdef.js",
        "/vote/missing.css",
        "/pingxuan-office-0123456789abcdef.js",
        "/office/pingxuan-0123456789abcdef.js",
        "/office/missing.css",
        "/office/pingxuan-office-results-0123456789abcdef.js",
        "/office/results/pingxuan-office-0123456789abcdef.js",
        "/office/pingxuan-office-sheets-0123456789abcdef.js",
        "/office/sheets/pingxuan-office-0123456789abcdef.js",
    ] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
    }
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_precompressed() {
    let app = spawn_app().await;
    let res = app
        .client
        .get(app.url("/pingxuan-0123456789abcdef.js"))
        .header("accept-encoding", "br, gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(res.headers()["content-encoding"], "br");
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("javascript"));
    // Without brotli support the plain file is served.
    let plain = app
        .client
        .get(app.url("/pingxuan-0123456789abcdef.js"))
        .send()
        .await
        .unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(
        plain.text().await.unwrap(),
        "export default function init() {}"
    );
}

#[tokio::test]
async fn missing_files_are_404_and_other_files_revalidate() {
    let app = spawn_app().await;
    let res = app
        .client
        .get(app.url("/pingxuan-ffffffffffffffff_bg.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_ne!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let res = app
        .client
        .get(app.url("/manifest.webmanifest"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-cache");
}

#[tokio::test]
async fn with_a_public_address_voting_pages_have_absolute_link_previews() {
    let app = spawn_app_configured(|c| c.public_url = Some("https://px.example.cn/".into())).await;
    for (path, page) in [
        ("/vote", "/vote/"),
        ("/vote/", "/vote/"),
        ("/vote/market", "/vote/market"),
        ("/vote/village", "/vote/village"),
    ] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        let h = res.headers().clone();
        assert_eq!(h["cache-control"], "no-cache", "{path}");
        assert!(h["content-type"].to_str().unwrap().starts_with("text/html"));
        let html = res.text().await.unwrap();
        assert!(
            html.contains(&format!(
                "<meta property=\"og:url\" content=\"https://px.example.cn{page}\" />"
            )),
            "{path}: {html}"
        );
        assert!(
            html.contains(
                "<meta property=\"og:image\" content=\"https://px.example.cn/icons/icon-512.png\" />"
            ),
            "{path}: {html}"
        );
        assert!(html.contains("<meta property=\"og:image:width\" content=\"512\" />"));
        // The loader is untouched, so the CSP's hash still allows it.
        assert!(
            html.contains(&format!(
                "<script type=\"module\">{VOTE_INLINE_LOADER}</script>"
            )),
            "{html}"
        );
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains(&sha256_source(VOTE_INLINE_LOADER)), "{csp}");
        assert!(!csp.contains("res.wx.qq.com"), "no WeChat account: {csp}");
    }
    // The app's own files are still its own.
    let js = app
        .client
        .get(app.url("/vote/pingxuan-vote-0123456789abcdef.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        js.text().await.unwrap(),
        "export default function vote() {}"
    );
}

#[tokio::test]
async fn without_a_public_address_the_voting_page_is_served_as_built() {
    let app = spawn_app().await;
    let html = app
        .client
        .get(app.url("/vote/market"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(VOTE_PREVIEW_TAGS), "{html}");
    assert!(!html.contains("og:url"), "{html}");
}

#[tokio::test]
async fn only_the_field_app_has_a_service_worker_scoped_to_it_and_never_stale() {
    let app = spawn_app().await;
    let res = app
        .client
        .get(app.url("/field/sw.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let h = res.headers().clone();
    assert_eq!(h["service-worker-allowed"], "/field/");
    assert_eq!(h["cache-control"], "no-cache");
    assert!(h["content-type"].to_str().unwrap().contains("javascript"));
    assert!(h["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("worker-src 'self'"));
    for path in ["/field", "/field/", "/field/sheet/12", "/field/outbox"] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert!(res.headers().get("service-worker-allowed").is_none());
        assert!(res.text().await.unwrap().contains("现场评分"), "{path}");
    }
    for path in ["/sw.js", "/vote/sw.js", "/staff/sw.js", "/nominate/sw.js"] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
    }
}
