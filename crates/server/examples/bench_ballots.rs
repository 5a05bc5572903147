//! Benchmark: cast-ballot throughput and latency against the real server on SQLite in
//! this process — identity check (voter cookie), validation, the group-commit insert
//! with synchronous=FULL, the receipt — at 64 and at 256 connections from loopback.
//! Every ballot is a different (voter, category); at the end the stored count must
//! equal the accepted count. Run: `bench/ballots.sh` (release build). Prints numbers.

use pingxuan_domain::api::CreateStaffRequest;
use pingxuan_domain::api::DEVICE_HEADER;
use pingxuan_domain::Role;
use pingxuan_server::Config;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Voters per run; each casts in all four categories.
const VOTERS: usize = 12_500;
const CATEGORIES: [&str; 4] = ["village", "ditch", "road", "market"];

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

async fn call(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    csrf: &str,
    body: Value,
) -> Value {
    let res = client
        .request(method, url)
        .header("x-csrf-token", csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    assert!(status.is_success(), "{status}: {body}");
    body
}

/// A round in voting, with 20 candidates per category (from the demo register).
async fn voting_round(base: &str, db: &pingxuan_server::db::Db) -> Vec<(String, Vec<i64>)> {
    let password = "bench-admin-password";
    let new = CreateStaffRequest {
        username: "bench-admin".into(),
        display_name: "压测管理员".into(),
        role: Role::Admin,
        password: password.into(),
    }
    .parse()
    .unwrap();
    let hash = pingxuan_server::auth::hash_password(password).unwrap();
    db.insert_account(&new, &hash, None, chrono::Utc::now())
        .await
        .unwrap();
    let admin = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let session = call(
        &admin,
        reqwest::Method::POST,
        format!("{base}/api/v1/session"),
        "",
        json!({"username": "bench-admin", "password": password}),
    )
    .await;
    let csrf = session["csrf_token"].as_str().unwrap().to_owned();
    let start = chrono::Utc::now() - chrono::Duration::days(19) - chrono::Duration::hours(1);
    let round = pingxuan_domain::round::RoundInput {
        name: "压测".into(),
        schedule: pingxuan_domain::Schedule::starting(start),
        config: pingxuan_domain::RoundConfig::default(),
    };
    call(
        &admin,
        reqwest::Method::PUT,
        format!("{base}/api/v1/rounds/1"),
        &csrf,
        serde_json::to_value(round).unwrap(),
    )
    .await;
    call(
        &admin,
        reqwest::Method::POST,
        format!("{base}/api/v1/rounds/1/advance"),
        &csrf,
        json!({"from": "nomination", "to": "screening"}),
    )
    .await;
    let mut out = Vec::new();
    for category in CATEGORIES {
        let found: Value = admin
            .get(format!("{base}/api/v1/places?category={category}&limit=50"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let list: Vec<Value> = found["places"].as_array().unwrap()[..20]
            .iter()
            .map(|p| {
                json!({"place_id": p["id"], "title": p["name"],
                "description": "部门日常巡查发现问题突出。", "department_reason": "部门巡查记录。"})
            })
            .collect();
        let saved = call(
            &admin,
            reqwest::Method::PUT,
            format!("{base}/api/v1/rounds/1/shortlist/{category}"),
            &csrf,
            json!({"candidates": list}),
        )
        .await;
        out.push((
            category.to_owned(),
            saved
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_i64().unwrap())
                .collect(),
        ));
    }
    call(
        &admin,
        reqwest::Method::POST,
        format!("{base}/api/v1/rounds/1/advance"),
        &csrf,
        json!({"from": "screening", "to": "voting"}),
    )
    .await;
    out
}

struct Run {
    accepted: usize,
    errors: usize,
    wall: Duration,
    latencies: Vec<Duration>,
}

/// Casts one ballot per (voter, category) over `connections` connections.
async fn run(
    base: &str,
    tokens: &[String],
    candidates: &[(String, Vec<i64>)],
    connections: usize,
) -> Run {
    let jobs: Arc<Vec<(String, String, i64)>> = Arc::new(
        tokens
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                candidates
                    .iter()
                    .map(move |(cat, ids)| (t.clone(), cat.clone(), ids[i % ids.len()]))
            })
            .collect(),
    );
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for w in 0..connections {
        let jobs = jobs.clone();
        let next = next.clone();
        let base = base.to_owned();
        workers.push(tokio::spawn(async move {
            // One connection per worker, kept alive.
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .build()
                .unwrap();
            let device = format!("bench-device-{w:06}");
            let (mut ok, mut bad, mut lat) = (0, 0, Vec::new());
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((token, category, candidate)) = jobs.get(i) else {
                    break;
                };
                let t = Instant::now();
                let res = client
                    .post(format!("{base}/api/v1/rounds/1/ballots/{category}"))
                    .header(DEVICE_HEADER, &device)
                    .header("cookie", format!("pingxuan_voter={token}"))
                    .json(&json!({"candidate_ids": [candidate]}))
                    .send()
                    .await;
                let status = match res {
                    Ok(r) => {
                        let s = r.status();
                        let _ = r.bytes().await;
                        s.as_u16()
                    }
                    Err(_) => 0,
                };
                lat.push(t.elapsed());
                if status == 201 {
                    ok += 1
                } else {
                    bad += 1
                }
            }
            (ok, bad, lat)
        }));
    }
    let mut r = Run {
        accepted: 0,
        errors: 0,
        wall: Duration::ZERO,
        latencies: Vec::new(),
    };
    for w in workers {
        let (ok, bad, lat) = w.await.unwrap();
        r.accepted += ok;
        r.errors += bad;
        r.latencies.extend(lat);
    }
    r.wall = started.elapsed();
    r.latencies.sort();
    r
}

#[tokio::main]
async fn main() {
    println!("cast-ballot benchmark: SQLite (WAL, synchronous=FULL), group commit, loopback");
    println!(
        "{:>11} {:>9} {:>8} {:>12} {:>9} {:>9} {:>9} {:>8}",
        "connections", "ballots", "errors", "ballots/s", "p50 ms", "p99 ms", "max ms", "stored"
    );
    for connections in [64, 256] {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::for_data_dir(dir.path().to_path_buf());
        config.demo = true;
        // Many voters share the benchmark's few devices and one address.
        config.ballots_per_hour = 10_000_000;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = pingxuan_server::prepare(config).await.unwrap();
        let db = state.db.clone();
        tokio::spawn(pingxuan_server::serve(listener, state));
        let base = format!("http://{addr}");
        let candidates = voting_round(&base, &db).await;
        let now = chrono::Utc::now();
        let tokens: Vec<String> = (0..VOTERS)
            .map(|_| pingxuan_server::auth::random_token())
            .collect();
        let voters: Vec<(String, String)> = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                (
                    format!("bench-voter-{connections}-{i}"),
                    pingxuan_server::auth::token_hash(t),
                )
            })
            .collect();
        db.insert_voters_with_sessions(&voters, now, now + chrono::Duration::days(1))
            .await
            .unwrap();
        let r = run(&base, &tokens, &candidates, connections).await;
        let stored = db.ballot_count(1).await.unwrap();
        println!(
            "{connections:>11} {:>9} {:>8} {:>12.0} {:>9.1} {:>9.1} {:>9.1} {:>8}",
            r.accepted,
            r.errors,
            r.accepted as f64 / r.wall.as_secs_f64(),
            percentile(&r.latencies, 0.50),
            percentile(&r.latencies, 0.99),
            r.latencies.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0),
            stored
        );
        assert_eq!(
            stored as usize, r.accepted,
            "stored ballots must equal accepted ones"
        );
    }
}
