//! The results' share card: `/results/{id}` of a published round is the residents' page
//! with the round's title and Open Graph tags (escaped), its `og:image` a PNG the server
//! draws; an unpublished or unknown round, or an id that is not one, gets the page as
//! built; the CSP still allows the page's loader.

use crate::accountability::{History, A, B, C};
use crate::helpers::*;
use pingxuan_domain::scoring::Tier;
use pingxuan_server::db::results::Publication;
use reqwest::header;

async fn html(app: &TestApp, path: &str) -> (reqwest::StatusCode, String, String) {
    let res = app.client.get(app.url(path)).send().await.unwrap();
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    (res.status(), csp, res.text().await.unwrap())
}

#[tokio::test]
async fn a_published_rounds_link_names_it_and_shows_its_card() {
    let h = History::new().await;
    // Before publication: the page as built, no preview tags.
    let (status, _, generic) = html(&h.app, "/results/1").await;
    assert_eq!(status, 200);
    assert!(generic.contains(INLINE_LOADER));
    assert!(!generic.contains("og:title"), "{generic}");
    let r = h
        .app
        .anon(
            reqwest::Method::GET,
            "/api/v1/rounds/1/results/card.png",
            None,
        )
        .await;
    assert_error(&r, 404, "not_found");

    h.shortlisted_named(1, "2026年第1期<b>&").await;
    h.publish(
        1,
        Publication::First,
        [(A, Tier::Worst), (B, Tier::Worst), (C, Tier::Warned)],
    )
    .await;
    let (status, csp, page) = html(&h.app, "/results/1?category=market").await;
    assert_eq!(status, 200);
    let title = "潮州市2026年第1期&lt;b&gt;&amp;“最差四个十”评选结果 · 最差2 · 次差1";
    assert!(page.contains(&format!("<title>{title}</title>")), "{page}");
    assert!(page.contains(&format!(
        "<meta property=\"og:title\" content=\"{title}\" />"
    )));
    assert!(!page.contains("<b>&"), "escaped everywhere");
    let base = h.app.url("");
    assert!(page.contains(&format!(
        "<meta property=\"og:image\" content=\"{base}/api/v1/rounds/1/results/card.png?v=1\" />"
    )));
    assert!(page.contains(&format!(
        "<meta property=\"og:url\" content=\"{base}/results/1\" />"
    )));
    // The loader is untouched, so the CSP's hash still allows it.
    assert!(page.contains(&format!("<script type=\"module\">{INLINE_LOADER}</script>")));
    assert!(csp.contains("'sha256-"), "{csp}");
    // The archive names the latest round.
    let (_, _, archive) = html(&h.app, "/results").await;
    assert!(
        archive.contains("<title>历期评选结果 · 最新：潮州市2026年第1期"),
        "{archive}"
    );
    // Unknown rounds and ids that are not numbers: the page as built.
    for path in ["/results/99", "/results/abc"] {
        let (status, _, page) = html(&h.app, path).await;
        assert_eq!(status, 200, "{path}");
        assert!(!page.contains("og:title"), "{path}: {page}");
        assert!(page.contains(INLINE_LOADER));
    }

    // The card: a 600×600 PNG, cached with an ETag.
    let res = h
        .app
        .client
        .get(h.app.url("/api/v1/rounds/1/results/card.png?v=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "image/png");
    assert_eq!(
        res.headers()[header::CACHE_CONTROL],
        "public, max-age=86400"
    );
    let etag = res.headers()[header::ETAG].clone();
    let png = res.bytes().await.unwrap();
    let img = image::load_from_memory_with_format(&png, image::ImageFormat::Png).unwrap();
    assert_eq!((img.width(), img.height()), (600, 600));
    let again = h
        .app
        .client
        .get(h.app.url("/api/v1/rounds/1/results/card.png"))
        .header(header::IF_NONE_MATCH, etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
}
