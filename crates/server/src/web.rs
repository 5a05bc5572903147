//! Serving the built apps (residents' at `/`, the nomination form under `/nominate/`,
//! voting under `/vote/`, staff's under `/staff/`, the office's under `/office/`, the field
//! app under `/field/` with its service worker): hashed assets cached for a year,
//! precompressed brotli/gzip, the SPA fallback for client routes, and security headers on
//! every response.

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::convert::Infallible;
use std::path::Path;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// The Content-Security-Policy: scripts only from our origin plus the hashes of the
/// inline loaders Trunk writes into the two apps' `index.html` (residents' `dist/`,
/// staff's `dist/staff/`); WebAssembly compilation allowed; no inline styles; no framing.
#[derive(Debug, Clone)]
pub struct Csp {
    header: HeaderValue,
    /// The `'sha256-…'` sources found in both `index.html` files.
    pub script_hashes: Vec<String>,
}

/// The apps besides the residents' one at `/`: where each is served from, and where it
/// lies inside `dist` (each a Trunk build of its own, with its own `index.html`).
pub const APPS: &[(&str, &str)] = &[
    ("/staff", "staff"),
    ("/nominate", "nominate"),
    ("/vote", "vote"),
    // Before "/office": the results workbench is its own app under the longer prefix.
    ("/office/results", "office-results"),
    // Before "/office" too: the score sheets, likewise.
    ("/office/sheets", "office-sheets"),
    ("/office", "office"),
    ("/field", "field"),
    ("/rectify", "rectify"),
];

impl Csp {
    /// Reads `dist/index.html` and each of [`APPS`]' `index.html` (if built) and allows
    /// exactly their inline scripts.
    pub fn for_dist(dist: &Path) -> anyhow::Result<Csp> {
        let mut script_hashes: Vec<String> = Vec::new();
        let indexes = std::iter::once(dist.join("index.html")).chain(
            APPS.iter()
                .map(|(_, dir)| dist.join(dir).join("index.html")),
        );
        for index in indexes {
            match std::fs::read_to_string(&index) {
                Ok(html) => {
                    for s in inline_scripts(&html) {
                        let hash = format!(
                            "'sha256-{}'",
                            base64::engine::general_purpose::STANDARD
                                .encode(Sha256::digest(s.as_bytes()))
                        );
                        if !script_hashes.contains(&hash) {
                            script_hashes.push(hash);
                        }
                    }
                }
                Err(_) => {
                    tracing::warn!(path = %index.display(), "no built app found there; not serving it");
                }
            }
        }
        let policy = format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{}; style-src 'self'; img-src 'self' data: blob:; \
             connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
             base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            script_hashes.iter().map(|h| format!(" {h}")).collect::<String>()
        );
        Ok(Csp {
            header: HeaderValue::from_str(&policy)?,
            script_hashes,
        })
    }

    /// The same policy with scripts also allowed from `origin` (WeChat's JS-SDK, only
    /// when an Official Account is configured).
    pub fn allow_script_origin(self, origin: &str) -> anyhow::Result<Csp> {
        let policy = self.header.to_str()?.replacen(
            "script-src 'self'",
            &format!("script-src 'self' {origin}"),
            1,
        );
        Ok(Csp {
            header: HeaderValue::from_str(&policy)?,
            ..self
        })
    }
}

/// The bodies of `<script>` elements without a `src` attribute.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = after[body_start..].find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            out.push(&after[body_start..body_start + close]);
        }
        rest = &after[body_start + close..];
    }
    out
}

/// Adds the security headers to every response.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, state.csp.header.clone());
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(self), geolocation=(self), microphone=(), payment=()"),
    );
    res
}

/// Whether a file name carries Trunk's content hash (`name-<hex>.ext`, `…_bg.wasm`).
/// Trunk prints a 64-bit hash in hex without leading zeros: up to 16 digits.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.split(['-', '_', '.'])
        .skip(1)
        .any(|part| (12..=16).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The service for every path outside `/api`: each of [`APPS`]' files under its prefix
/// (`/staff/` from `dist/staff`, …), everything else from `dist`, precompressed when the
/// browser accepts it; client routes (no extension) get their app's `index.html`; a
/// missing file with an extension is a 404.
pub fn app_service(dist: &Path) -> Router {
    APPS.iter()
        .fold(Router::new(), |router, (prefix, dir)| {
            router.nest_service(prefix, spa_dir(&dist.join(dir)))
        })
        .fallback_service(spa_dir(dist))
        .layer(axum::middleware::from_fn(cache_policy))
}

/// One app's directory: its files, with its `index.html` for client routes.
fn spa_dir(
    dir: &Path,
) -> ServeDir<
    impl tower::Service<Request, Response = Response, Error = Infallible, Future = impl Send> + Clone,
> {
    let index = ServeFile::new(dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let spa = tower::service_fn(move |req: Request| {
        let index = index.clone();
        async move {
            let last = req.uri().path().rsplit('/').next().unwrap_or_default();
            if last.contains('.') {
                return Ok::<_, Infallible>(StatusCode::NOT_FOUND.into_response());
            }
            Ok(index
                .oneshot(req)
                .await
                .map(IntoResponse::into_response)
                .unwrap_or_else(|e| match e {}))
        }
    });
    ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(true)
        .fallback(spa)
}

/// The field app's service worker: the only one the site has, scoped to `/field/`.
pub const FIELD_SERVICE_WORKER: &str = "/field/sw.js";

/// Hashed assets never change: cache them for a year. Everything else (index.html,
/// manifest, icons, the field app's service worker) revalidates; the worker also says
/// which scope it may control.
async fn cache_policy(req: Request, next: Next) -> Response {
    let hashed = is_hashed_asset(req.uri().path());
    let worker = req.uri().path() == FIELD_SERVICE_WORKER;
    let mut res = next.run(req).await;
    if worker && res.status().is_success() {
        res.headers_mut().insert(
            "service-worker-allowed",
            HeaderValue::from_static("/field/"),
        );
    }
    let value = if hashed && res.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_only() {
        let html = r#"<head><script src="/a.js"></script><script type="module">import init from '/x.js';
await init();</script></head><body><script>1</script></body>"#;
        assert_eq!(
            inline_scripts(html),
            vec!["import init from '/x.js';\nawait init();", "1"]
        );
    }

    #[test]
    fn another_script_origin_goes_in_script_src_only() {
        let dir = std::env::temp_dir().join(format!("pingxuan-csp-{}", std::process::id()));
        let csp = Csp::for_dist(&dir)
            .unwrap()
            .allow_script_origin("https://res.wx.qq.com")
            .unwrap();
        let policy = csp.header.to_str().unwrap();
        assert!(
            policy.starts_with(
                "default-src 'self'; script-src 'self' https://res.wx.qq.com 'wasm-unsafe-eval';"
            ),
            "{policy}"
        );
        assert_eq!(policy.matches("res.wx.qq.com").count(), 1, "{policy}");
    }

    #[test]
    fn hashed_names() {
        assert!(is_hashed_asset("/pingxuan-9f2c4e1a0b3d5c6e_bg.wasm"));
        assert!(is_hashed_asset("/pingxuan-9f2c4e1a0b3d5c6e.js"));
        assert!(is_hashed_asset("/main-0123456789abcdef.css"));
        assert!(is_hashed_asset("/main-51451e98012eeda.css"));
        assert!(!is_hashed_asset("/deadbeefdeadbeef.png"));
        assert!(!is_hashed_asset("/manifest.webmanifest"));
        assert!(!is_hashed_asset("/icons/icon-192.png"));
        assert!(!is_hashed_asset("/index.html"));
    }
}
