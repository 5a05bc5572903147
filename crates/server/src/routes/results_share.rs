//! The results' share card. Links to `/results/{round}` travel in WeChat, whose link
//! preview reads the page's `<title>` and Open Graph tags before any script runs; so the
//! server answers `/results` and `/results/{id}` with the residents' `index.html` whose
//! title, description and `og:*` tags name the round and its lists ("…评选结果 · 最差40 ·
//! 次差40"), and `og:image` a PNG it draws: the brand band, the QR code of the round's
//! page (the posters' QR code, [`posters::qr_code`]) and one bar per category, red for
//! the worst and orange for the warned. A round not published, or unknown, gets the page
//! as built. Only `<title>` and `<meta>` change: the CSP's hashes cover the inline
//! loader, which stays byte for byte the same.

use crate::error::{AppError, AppResult};
use crate::extract::AppPath;
use crate::routes::posters::{self, base_url};
use crate::routes::results::{cached, stored_snapshot};
use crate::state::AppState;
use crate::vote_page::{attr, escape_attr, insert_in_head, with_content};
use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use bytes::Bytes;
use image::{ImageFormat, Rgb, RgbImage};
use pingxuan_domain::api::paths;
use pingxuan_domain::results::ResultsSnapshot;
use pingxuan_domain::scoring::Tier;
use pingxuan_domain::{Category, ErrorBody};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The card's side in pixels (square: WeChat crops its thumbnail to a square).
pub const CARD_SIZE: u32 = 600;

const BRAND: Rgb<u8> = Rgb([0x1f, 0x5f, 0x8b]);
const INK: Rgb<u8> = Rgb([0x1c, 0x25, 0x30]);
const WHITE: Rgb<u8> = Rgb([0xff, 0xff, 0xff]);
const WORST: Rgb<u8> = Rgb([0xb4, 0x23, 0x18]);
const WARNED: Rgb<u8> = Rgb([0xe0, 0x8a, 0x00]);
const TRACK: Rgb<u8> = Rgb([0xec, 0xef, 0xf2]);

/// A card changes only with a new version, and its link carries the version.
const CARD_CACHE: &str = "public, max-age=86400";

/// `/results` and `/results/{id}` with their share tags, or nothing when the residents'
/// app is not built (the static files answer, as for any client route).
pub fn page_router(dist: &Path) -> Router<AppState> {
    let Ok(html) = std::fs::read_to_string(dist.join("index.html")) else {
        return Router::new();
    };
    let html: Arc<str> = html.into();
    let archive = html.clone();
    Router::new()
        .route(
            "/results",
            get(move |State(state): State<AppState>, headers: HeaderMap| {
                let html = archive.clone();
                async move { page(&state, &headers, &html, None).await }
            }),
        )
        .route(
            "/results/{id}",
            get(
                move |State(state): State<AppState>,
                      headers: HeaderMap,
                      UrlPath(id): UrlPath<String>| {
                    let html = html.clone();
                    async move {
                        match id.parse() {
                            Ok(id) => page(&state, &headers, &html, Some(id)).await,
                            Err(_) => html_response(html.to_string()),
                        }
                    }
                },
            ),
        )
}

/// The card image under the API.
pub fn router() -> Router<AppState> {
    Router::new().route("/rounds/{id}/results/card.png", get(card))
}

/// What a card and its tags say of a published round.
struct Share {
    round_id: i64,
    version: u32,
    round_name: String,
    /// The weights, e.g. (0.4, 0.6).
    weights: (f64, f64),
    /// Per category, in the app's order: (worst, warned).
    counts: Vec<(Category, u32, u32)>,
}

impl Share {
    fn of(s: &ResultsSnapshot) -> Share {
        let count = |lines: &[pingxuan_domain::results::ResultLine], t: Tier| {
            lines.iter().filter(|l| l.tier == t).count() as u32
        };
        Share {
            round_id: s.round_id,
            version: s.version,
            round_name: s.round_name.clone(),
            weights: (s.config.vote_weight, s.config.field_weight),
            counts: Category::ALL
                .into_iter()
                .map(|c| {
                    let lines = s
                        .categories
                        .iter()
                        .find(|pc| pc.category == c)
                        .map(|pc| pc.lines.as_slice())
                        .unwrap_or(&[]);
                    (c, count(lines, Tier::Worst), count(lines, Tier::Warned))
                })
                .collect(),
        }
    }

    fn totals(&self) -> (u32, u32) {
        self.counts
            .iter()
            .fold((0, 0), |(w, m), &(_, a, b)| (w + a, m + b))
    }

    /// "潮州市2026年第1期“最差四个十”评选结果 · 最差40 · 次差40"
    fn title(&self) -> String {
        let (worst, warned) = self.totals();
        format!(
            "潮州市{}“最差四个十”评选结果 · 最差{worst} · 次差{warned}",
            self.round_name
        )
    }

    fn description(&self) -> String {
        let (worst, warned) = self.totals();
        let percent = |w: f64| (w * 100.0).round() as u32;
        format!(
            "市创卫办公布{}评选结果：最差名单{worst}个、次差名单{warned}个。网上投票占{}%、现场评分占{}%，点开查看每一项的得分、照片和计算方法。",
            self.round_name,
            percent(self.weights.0),
            percent(self.weights.1)
        )
    }
}

/// The latest published version of round `id`, if there is one.
async fn published(state: &AppState, id: i64) -> Option<Share> {
    match stored_snapshot(state, id, None).await {
        Ok((snapshot, _)) => Some(Share::of(&snapshot)),
        Err(AppError::Message(..) | AppError::Code(_)) => None,
        Err(e) => {
            tracing::warn!(round = id, error = ?e, "share card: results unreadable");
            None
        }
    }
}

/// The page for round `id` (or, for the archive, the latest published round).
async fn page(state: &AppState, headers: &HeaderMap, html: &str, id: Option<i64>) -> Response {
    let round = match id {
        Some(id) => Some(id),
        None => state
            .db
            .results_archive()
            .await
            .ok()
            .and_then(|rounds| rounds.first().map(|r| r.round_id)),
    };
    let share = match round {
        Some(r) => published(state, r).await,
        None => None,
    };
    let base = base_url(state, headers).ok();
    let body = match (share, base) {
        (Some(share), Some(base)) => {
            let page = match id {
                Some(id) => format!("/results/{id}"),
                None => "/results".to_owned(),
            };
            let title = match id {
                Some(_) => share.title(),
                None => format!("历期评选结果 · 最新：{}", share.title()),
            };
            share_tags(html, &base, &page, &title, &share)
        }
        _ => html.to_owned(),
    };
    html_response(body)
}

/// A page: revalidated on every load, like `index.html` itself.
fn html_response(body: String) -> Response {
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
        .into_response()
}

/// `html` with the round's title and description, and Open Graph tags for `page` under
/// `base` with the card as image. Everything else stays as built.
fn share_tags(html: &str, base: &str, page: &str, title: &str, share: &Share) -> String {
    let title = escape_attr(title);
    let description = escape_attr(&share.description());
    let mut out = match (html.find("<title>"), html.find("</title>")) {
        (Some(a), Some(b)) if a < b => format!("{}<title>{title}{}", &html[..a], &html[b..]),
        _ => {
            let mut out = html.to_owned();
            insert_in_head(&mut out, &format!("<title>{title}</title>"));
            out
        }
    };
    if let Some(start) = out.find("<meta name=\"description\"") {
        if let Some(len) = out[start..].find('>') {
            let tag = out[start..start + len + 1].to_owned();
            if attr(&tag, "content").is_some() {
                out.replace_range(start..start + len + 1, &with_content(&tag, &description));
            }
        }
    }
    let base = escape_attr(base);
    let image = format!(
        "{base}{}?v={}",
        paths::results_card(share.round_id),
        share.version
    );
    let tags = [
        ("og:type", "website".to_owned()),
        ("og:site_name", "潮州创卫·最差评选".to_owned()),
        ("og:title", title),
        ("og:description", description),
        ("og:url", format!("{base}{}", escape_attr(page))),
        ("og:image", image),
        ("og:image:type", "image/png".to_owned()),
        ("og:image:width", CARD_SIZE.to_string()),
        ("og:image:height", CARD_SIZE.to_string()),
    ];
    for (property, content) in tags {
        insert_in_head(
            &mut out,
            &format!("<meta property=\"{property}\" content=\"{content}\" />"),
        );
    }
    out
}

fn fill(img: &mut RgbImage, x: u32, y: u32, w: u32, h: u32, color: Rgb<u8>) {
    for yy in y..(y + h).min(img.height()) {
        for xx in x..(x + w).min(img.width()) {
            img.put_pixel(xx, yy, color);
        }
    }
}

/// The card: the brand band, the QR code of `url`, one bar per category.
fn draw_card(url: &str, share: &Share) -> AppResult<Vec<u8>> {
    const BAND: u32 = 72;
    const BARS: u32 = 88;
    let mut img = RgbImage::from_pixel(CARD_SIZE, CARD_SIZE, WHITE);
    fill(&mut img, 0, 0, CARD_SIZE, BAND, BRAND);
    // The QR code with a quiet zone of two modules, as large as fits between the bands.
    let code = posters::qr_code(url)?;
    let modules = code.width() as u32;
    let room = CARD_SIZE - BAND - BARS - 32;
    let px = (room / (modules + 4)).max(1);
    let side = px * modules;
    let (x0, y0) = ((CARD_SIZE - side) / 2, BAND + 16 + (room - side) / 2);
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color == qrcode::Color::Dark {
            let (mx, my) = (i as u32 % modules, i as u32 / modules);
            fill(&mut img, x0 + mx * px, y0 + my * px, px, px, INK);
        }
    }
    // One bar per category: the worst in red, the warned in orange, out of the largest.
    let most = share
        .counts
        .iter()
        .map(|&(_, w, m)| w + m)
        .max()
        .unwrap_or(0)
        .max(1);
    let (gap, top) = (12, CARD_SIZE - BARS);
    let width = (CARD_SIZE - 5 * gap) / 4;
    for (i, &(_, worst, warned)) in share.counts.iter().enumerate() {
        let x = gap + i as u32 * (width + gap);
        let (y, h) = (top + 16, BARS - 32);
        fill(&mut img, x, y, width, h, TRACK);
        let red = width * worst / most;
        let orange = width * warned / most;
        fill(&mut img, x, y, red, h, WORST);
        fill(&mut img, x + red, y, orange, h, WARNED);
    }
    let mut png = std::io::Cursor::new(Vec::new());
    img.write_to(&mut png, ImageFormat::Png)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("share card: {e}")))?;
    Ok(png.into_inner())
}

/// Cards drawn since start-up, by round, version and address: a few dozen at most.
static CARDS: Mutex<Vec<(String, Bytes)>> = Mutex::new(Vec::new());
const CARDS_KEPT: usize = 32;

fn card_bytes(url: &str, share: &Share) -> AppResult<Bytes> {
    let key = format!("{}/{}/{url}", share.round_id, share.version);
    if let Some((_, png)) = CARDS
        .lock()
        .ok()
        .and_then(|c| c.iter().find(|(k, _)| *k == key).cloned())
    {
        return Ok(png);
    }
    let png = Bytes::from(draw_card(url, share)?);
    if let Ok(mut cards) = CARDS.lock() {
        if cards.len() >= CARDS_KEPT {
            cards.remove(0);
        }
        cards.push((key, png.clone()));
    }
    Ok(png)
}

/// The results' share card of a published round: a 600×600 PNG with the QR code of its
/// page and a bar per category (the worst red, the warned orange); 404 before
/// publication. Cached a day, with an ETag; the page links it with its version.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/results/card.png", tag = "results", params(("id" = i64, Path)),
    responses((status = 200, content_type = "image/png", body = Vec<u8>, description = "Cache-Control and ETag; 304 on If-None-Match"), (status = 304),
              (status = 400, body = ErrorBody), (status = 404, description = "no such round, or not published", body = ErrorBody)))]
pub async fn card(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    let (snapshot, sha256) = stored_snapshot(&state, id, None).await?;
    let share = Share::of(&snapshot);
    let url = format!("{}/results/{id}", base_url(&state, &headers)?);
    let etag = hex::encode(Sha256::digest(format!("{sha256} {url}").as_bytes()));
    let png = card_bytes(&url, &share)?;
    let body = ([(header::CONTENT_TYPE, "image/png")], png).into_response();
    Ok(cached(&headers, &etag, CARD_CACHE, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HTML: &str = "<head>\n<meta name=\"description\" content=\"通用说明\" />\n<title>潮州创卫·最差评选</title>\n<script type=\"module\">import init from '/x.js';\nawait init();</script>\n</head>";

    fn share(name: &str) -> Share {
        Share {
            round_id: 3,
            version: 2,
            round_name: name.to_owned(),
            weights: (0.4, 0.6),
            counts: Category::ALL.into_iter().map(|c| (c, 10, 10)).collect(),
        }
    }

    #[test]
    fn tags_name_the_round_escaped_and_leave_the_loader_alone() {
        let s = share("2026年第1期<script>");
        let out = share_tags(HTML, "https://px.example.cn", "/results/3", &s.title(), &s);
        assert!(out.contains("<title>潮州市2026年第1期&lt;script&gt;“最差四个十”评选结果 · 最差40 · 次差40</title>"), "{out}");
        assert!(!out.contains("第1期<script>"));
        assert!(out.contains("<meta property=\"og:image\" content=\"https://px.example.cn/api/v1/rounds/3/results/card.png?v=2\" />"));
        assert!(out
            .contains("<meta property=\"og:url\" content=\"https://px.example.cn/results/3\" />"));
        assert!(out.contains("<meta name=\"description\" content=\"市创卫办公布"));
        assert!(out.contains("网上投票占40%、现场评分占60%"));
        assert!(!out.contains("通用说明"));
        assert!(out
            .contains("<script type=\"module\">import init from '/x.js';\nawait init();</script>"));
    }

    #[test]
    fn the_card_is_a_square_png_with_red_and_orange_bars() {
        let png = draw_card("https://px.example.cn/results/3", &share("第1期")).unwrap();
        let img = image::load_from_memory_with_format(&png, ImageFormat::Png)
            .unwrap()
            .to_rgb8();
        assert_eq!(img.dimensions(), (CARD_SIZE, CARD_SIZE));
        assert_eq!(*img.get_pixel(5, 5), BRAND);
        let bars_y = CARD_SIZE - 88 + 30;
        assert_eq!(*img.get_pixel(14, bars_y), WORST);
        assert!(img.pixels().any(|p| *p == WARNED));
        assert!(img.pixels().any(|p| *p == INK), "the QR code");
    }
}
