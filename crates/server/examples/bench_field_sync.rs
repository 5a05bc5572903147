//! Benchmark: syncing finalised score sheets from the field app's outbox over loopback,
//! the way the phone sends them — each evidence photo announced with its SHA-256 and sent
//! in 128 KB pieces (the field app's `CHUNK`), then the sheet under its client UUID. The
//! server (release build, SQLite WAL + synchronous=FULL, the real photo pipeline) runs in
//! this process on the test suite's demo round in field scoring. Prints:
//! 1. one sheet with three ~300 KB photos, 20 times: p50 / p90 / max (budget ≤ 3 s);
//! 2. 100 queued sheets sent one after another as the outbox does (budget ≤ 30 s), with
//!    no photos and with three photos each.
//!
//! Run: `bench/field_sync.sh`.

#[allow(dead_code, unused_imports)]
#[path = "../tests/api/field.rs"]
mod field;
#[allow(dead_code, unused_imports)]
#[path = "../tests/api/helpers.rs"]
mod helpers;
#[allow(dead_code, unused_imports)]
#[path = "../tests/api/images.rs"]
mod images;

use helpers::Signed;
use pingxuan_domain::api::CSRF_HEADER;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::time::{Duration, Instant};

/// The field app's piece size (src/state/field_sync.rs).
const CHUNK: usize = 128 * 1024;

/// Distinct photo-like JPEGs of about 300 KB (the field app shrinks camera photos on a
/// canvas before they are stored; this is what one weighs then).
struct Photos {
    next: u32,
}

impl Photos {
    fn take(&mut self) -> Vec<u8> {
        self.next += 1;
        images::grainy_jpeg_seeded(760, 570, self.next.wrapping_mul(2_654_435_761))
    }
}

/// Announces and sends one photo in pieces; returns its upload id.
async fn send_photo(who: &Signed, base: &str, bytes: &[u8], n: u32) -> String {
    let id = format!("{n:08x}-0000-4000-8000-00000000beef");
    let path = format!("/api/v1/field/uploads/{id}");
    let sha = hex::encode(Sha256::digest(bytes));
    let (status, r) = who
        .call(
            reqwest::Method::PUT,
            &path,
            Some(json!({"size": bytes.len(), "sha256": sha})),
        )
        .await;
    assert_eq!(status, 201, "{r}");
    let mut at = 0;
    while at < bytes.len() {
        let end = (at + CHUNK).min(bytes.len());
        let res = who
            .client
            .put(format!("{base}{path}/chunks/{at}"))
            .header(CSRF_HEADER, &who.csrf)
            .header("content-type", "application/octet-stream")
            .body(bytes[at..end].to_vec())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        at = end;
    }
    id
}

/// One finalised sheet with `photos` evidence photos (one per item), synced.
async fn sync_sheet(
    f: &field::Field,
    base: &str,
    photos: &mut Photos,
    n: u32,
    with_photos: usize,
) -> Duration {
    let pictures: Vec<Vec<u8>> = (0..with_photos).map(|_| photos.take()).collect();
    let mut body = field::filled(&f.sheet, f.market[n as usize % 5], u64::from(n % 6), 1);
    let started = Instant::now();
    for (i, bytes) in pictures.iter().enumerate() {
        let id = send_photo(&f.a, base, bytes, n * 8 + i as u32).await;
        body["scores"][i]["photo_ids"] = json!([id]);
    }
    let (status, receipt) =
        f.a.call(
            reqwest::Method::PUT,
            &format!("/api/v1/rounds/1/field/sheets/{}", field::uuid(n)),
            Some(body),
        )
        .await;
    assert_eq!(status, 201, "{receipt}");
    started.elapsed()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let f = field::field_round().await;
    let base = f.app.url("");
    let mut photos = Photos { next: 0 };
    let sample = photos.take();
    println!(
        "field sync benchmark: SQLite (WAL, synchronous=FULL), loopback, photos {} KB each, {} KB pieces",
        sample.len() / 1024,
        CHUNK / 1024
    );
    let mut n = 1000;

    let mut one: Vec<Duration> = Vec::new();
    for _ in 0..20 {
        one.push(sync_sheet(&f, &base, &mut photos, n, 3).await);
        n += 1;
    }
    one.sort();
    println!(
        "one sheet + 3 photos (20 runs):  p50 {:7.1} ms  p90 {:7.1} ms  max {:7.1} ms   budget 3000 ms",
        ms(one[one.len() / 2]),
        ms(one[one.len() * 9 / 10]),
        ms(one[one.len() - 1])
    );

    for with_photos in [0, 3] {
        let started = Instant::now();
        for _ in 0..100 {
            sync_sheet(&f, &base, &mut photos, n, with_photos).await;
            n += 1;
        }
        let took = started.elapsed();
        println!(
            "100 queued sheets, {with_photos} photos each: {:7.2} s  ({:5.1} ms a sheet)   budget 30 s",
            took.as_secs_f64(),
            ms(took) / 100.0
        );
    }
    let stored: Value = f
        .admin
        .get("/api/v1/rounds/1/field/consistency/market?margin=15")
        .await
        .1;
    let sheets: usize = stored["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["sheets"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(sheets, 220, "every synced sheet is stored once");
    println!("stored: {sheets} sheets (20 + 100 + 100), each once");
}
