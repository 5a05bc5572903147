//! Benchmark: nominations accepted per second with one ~300 KB photo each, and the photo
//! upload's server time (p50/p99), against the real server on SQLite in this process.
//! Run: `bench/nominations.sh` (release build). Prints numbers; asserts nothing.

use pingxuan_domain::api::DEVICE_HEADER;
use pingxuan_server::Config;
use std::time::{Duration, Instant};

const NOMINATIONS: usize = 400;
const CONCURRENCY: usize = 16;

/// A 1600×1200 JPEG of about 300 KB: smooth shapes plus noise, like a phone photo.
fn photo(seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761) | 1;
    let img = image::ImageBuffer::from_fn(1600, 1200, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let noise = (state % 24) as u8;
        image::Rgb([
            ((x / 7 + y / 11) % 200) as u8 + noise,
            ((x * y / 997) % 180) as u8 + noise,
            ((y / 5) % 160) as u8 + noise,
        ])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 68)
        .encode_image(&img)
        .unwrap();
    out
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::for_data_dir(dir.path().to_path_buf());
    config.demo = true;
    config.nominations_per_hour = 1_000_000;
    config.photos_per_hour = 1_000_000;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = pingxuan_server::prepare(config).await.unwrap();
    tokio::spawn(pingxuan_server::serve(listener, state));
    let base = format!("http://{addr}");

    let photos: Vec<Vec<u8>> = (0..8).map(photo).collect();
    let mean_kb = photos.iter().map(Vec::len).sum::<usize>() as f64 / photos.len() as f64 / 1024.0;
    let client = reqwest::Client::new();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for worker in 0..CONCURRENCY {
        let (client, base, photos) = (client.clone(), base.clone(), photos.clone());
        tasks.push(tokio::spawn(async move {
            let mut upload_times = Vec::new();
            let mut total_times = Vec::new();
            for n in (worker..NOMINATIONS).step_by(CONCURRENCY) {
                let device = format!("bench-device-{n:06}");
                let t0 = Instant::now();
                let res = client
                    .post(format!("{base}/api/v1/photos"))
                    .header("content-type", "image/jpeg")
                    .header(DEVICE_HEADER, &device)
                    .body(photos[n % photos.len()].clone())
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 201);
                let photo: serde_json::Value = res.json().await.unwrap();
                upload_times.push(t0.elapsed());
                let category = ["village", "ditch", "road", "market"][n % 4];
                let body = serde_json::json!({
                    "category": category,
                    "place": {"kind": "new", "name": format!("测试地点{}", n % 300), "town": "彩塘镇"},
                    "description": "垃圾堆积，污水横流，群众反映强烈。",
                    "photo_ids": [photo["id"]],
                });
                let res = client
                    .post(format!("{base}/api/v1/nominations"))
                    .header(DEVICE_HEADER, &device)
                    .json(&body)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 201);
                total_times.push(t0.elapsed());
            }
            (upload_times, total_times)
        }));
    }
    let mut uploads = Vec::new();
    let mut totals = Vec::new();
    for t in tasks {
        let (u, n) = t.await.unwrap();
        uploads.extend(u);
        totals.extend(n);
    }
    let wall = started.elapsed();
    uploads.sort();
    totals.sort();
    println!("nominations: {NOMINATIONS}, each with one {mean_kb:.0} KB 1600×1200 JPEG, {CONCURRENCY} at a time");
    println!(
        "throughput: {:.1} nominations/s ({:.2} s wall)",
        NOMINATIONS as f64 / wall.as_secs_f64(),
        wall.as_secs_f64()
    );
    println!("photo upload (decode, orient, re-encode, thumbnail, hash, store): p50 {:.1} ms, p99 {:.1} ms", percentile(&uploads, 0.5), percentile(&uploads, 0.99));
    println!(
        "photo + nomination, end to end: p50 {:.1} ms, p99 {:.1} ms",
        percentile(&totals, 0.5),
        percentile(&totals, 0.99)
    );
    // The pipeline alone, one photo at a time, without HTTP or queueing.
    let mut alone = Vec::new();
    for p in photos.iter().cycle().take(40) {
        let t = Instant::now();
        pingxuan_server::photos::process(p).unwrap();
        alone.push(t.elapsed());
    }
    alone.sort();
    println!(
        "photo pipeline alone, one at a time: p50 {:.1} ms, p99 {:.1} ms",
        percentile(&alone, 0.5),
        percentile(&alone, 0.99)
    );
}
