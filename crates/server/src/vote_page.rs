//! The voting pages as this deployment serves them. Link previewers (WeChat among them)
//! need absolute addresses in `og:url` and `og:image`, which a static `vote.html` cannot
//! know; and the page should know, without asking, whether an Official Account can sign
//! its WeChat share card. So when the public address (`PINGXUAN_PUBLIC_URL`) or WeChat is
//! configured, `dist/vote/index.html` is read once at start-up and `/vote/` and each
//! category's page are served with their own absolute `og:url`, an absolute `og:image`
//! and, with WeChat, `<meta name="pingxuan-wechat">`. Only `<meta>` tags change: the CSP's
//! hashes cover the inline loader script, which stays byte for byte the same.

use crate::state::AppState;
use axum::http::{header, HeaderValue};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use bytes::Bytes;
use pingxuan_domain::api::paths;
use pingxuan_domain::Category;
use std::path::Path;

/// The tag that tells the voting app an Official Account is configured.
pub const WECHAT_META: &str = "<meta name=\"pingxuan-wechat\" content=\"on\" />";

/// Routes for `/vote`, `/vote/` and `/vote/{category}`, or none (the app's own files
/// serve them) with neither a public address nor WeChat, or no built voting app.
pub fn router(dist: &Path, public_url: Option<&str>, wechat: bool) -> Router<AppState> {
    let base = public_url
        .map(|u| u.trim_end_matches('/'))
        .filter(|u| !u.is_empty());
    if base.is_none() && !wechat {
        return Router::new();
    }
    let Ok(html) = std::fs::read_to_string(dist.join("vote").join("index.html")) else {
        return Router::new();
    };
    let home = "/vote/".to_owned();
    let pages = Category::ALL
        .into_iter()
        .map(paths::vote_page)
        .map(|p| (p.clone(), p))
        .chain([("/vote".to_owned(), home.clone()), (home.clone(), home)]);
    pages.fold(Router::new(), |router, (route, page)| {
        let mut page_html = match base {
            Some(base) => absolute_previews(&html, base, &page),
            None => html.clone(),
        };
        if wechat {
            insert_in_head(&mut page_html, WECHAT_META);
        }
        let body = Bytes::from(page_html);
        router.route(&route, get(move || page_response(body.clone())))
    })
}

async fn page_response(body: Bytes) -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body,
    )
}

/// `html` with `og:url` = `base` + `page` (added if missing) and a relative `og:image`
/// made absolute under `base`.
pub fn absolute_previews(html: &str, base: &str, page: &str) -> String {
    let base = escape_attr(base);
    let url = format!("{base}{}", escape_attr(page));
    let mut out = String::with_capacity(html.len() + 2 * base.len() + 64);
    let mut has_url = false;
    let mut rest = html;
    while let Some(start) = rest.find("<meta") {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + len + 1];
        out.push_str(&rest[..start]);
        match attr(tag, "property") {
            Some("og:url") => {
                has_url = true;
                out.push_str(&with_content(tag, &url));
            }
            Some("og:image") => match attr(tag, "content").filter(|c| c.starts_with('/')) {
                Some(path) => out.push_str(&with_content(tag, &format!("{base}{path}"))),
                None => out.push_str(tag),
            },
            _ => out.push_str(tag),
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    if !has_url {
        insert_in_head(
            &mut out,
            &format!("<meta property=\"og:url\" content=\"{url}\" />"),
        );
    }
    out
}

/// Adds `tag` (and a line break) at the end of `<head>`.
pub(crate) fn insert_in_head(html: &mut String, tag: &str) {
    if let Some(at) = html.find("</head>") {
        html.insert_str(at, &format!("{tag}\n"));
    }
}

/// The value of `name="…"` in a tag.
pub(crate) fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let len = tag[at..].find('"')?;
    Some(&tag[at..at + len])
}

/// The tag with its `content="…"` replaced by `value` (already escaped).
pub(crate) fn with_content(tag: &str, value: &str) -> String {
    let key = " content=\"";
    let Some(at) = tag.find(key).map(|i| i + key.len()) else {
        return tag.to_owned();
    };
    let Some(len) = tag[at..].find('"') else {
        return tag.to_owned();
    };
    format!("{}{value}{}", &tag[..at], &tag[at + len..])
}

pub(crate) fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const HTML: &str = r#"<head><meta property="og:title" content="网上投票" />
<meta property="og:image" content="/icons/icon-512.png" />
<meta property="og:image:width" content="512" />
<script type="module">import init from '/vote/x.js';
await init();</script></head>"#;

    #[test]
    fn previews_get_absolute_addresses_and_nothing_else_changes() {
        let out = absolute_previews(HTML, "https://px.example.cn", "/vote/market");
        assert!(out.contains(
            r#"<meta property="og:image" content="https://px.example.cn/icons/icon-512.png" />"#
        ));
        assert!(out
            .contains(r#"<meta property="og:url" content="https://px.example.cn/vote/market" />"#));
        assert!(out.contains(r#"<meta property="og:image:width" content="512" />"#));
        assert!(out.contains(r#"<meta property="og:title" content="网上投票" />"#));
        assert!(out.contains(
            "<script type=\"module\">import init from '/vote/x.js';\nawait init();</script>"
        ));
        // An existing og:url is replaced, not doubled; absolute images stay as they are.
        let again = absolute_previews(&out, "https://other.example", "/vote/");
        assert_eq!(again.matches("og:url").count(), 1);
        assert!(again.contains(r#"content="https://other.example/vote/""#));
        assert!(again.contains("content=\"https://px.example.cn/icons/icon-512.png\""));
    }

    #[test]
    fn the_address_cannot_break_out_of_the_attribute() {
        let out = absolute_previews(HTML, "https://x.example/\"><script>", "/vote/");
        assert!(!out.contains("\"><script>"), "{out}");
        assert!(out.contains("&quot;&gt;&lt;script&gt;"));
    }
}
