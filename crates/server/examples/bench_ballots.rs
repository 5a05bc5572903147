//! Benchmark: cast-ballot throughput and latency against the real server on SQLite —
//! identity check (voter cookie), validation, the group-commit insert with
//! synchronous=FULL, the receipt — at 64 and at 256 connections from loopback. The
//! server runs in this process; the load comes from wrk, a separate process, driven by
//! `bench/ballots.lua`. Every request is a different (voter, category); at the end
//! every 201 must be stored, with no errors. Run: `bench/ballots.sh` (release build).

use pingxuan_domain::api::CreateStaffRequest;
use pingxuan_domain::Role;
use pingxuan_server::Config;
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

/// Voters per run; each casts in all four categories (200,000 ballots: enough for
/// `SECONDS` at 20,000 a second, so every request is a fresh voter's first ballot).
const VOTERS: usize = 50_000;
/// How long wrk runs at each connection count.
const SECONDS: u64 = 10;
const CATEGORIES: [&str; 4] = ["village", "ditch", "road", "market"];

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

/// What wrk reported for one run.
struct Run {
    /// Responses received (any status).
    responses: u64,
    /// Responses that were not 2xx/3xx.
    status_errors: u64,
    /// Connect, read and write errors and timeouts.
    socket_errors: u64,
    seconds: f64,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
}

/// CPU seconds used so far by this process (the server) and by its waited-for children
/// (wrk), from /proc/self/stat.
fn cpu_seconds() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|v| v.parse().unwrap_or(0.0))
        .collect();
    let tick = 100.0; // USER_HZ
    let at = |i: usize| f.get(i).copied().unwrap_or(0.0) / tick;
    // utime, stime, cutime, cstime are fields 14–17 of the whole line: 12–15 here.
    (at(11) + at(12), at(13) + at(14))
}

/// Writes one line per (voter, category) — "token category candidate" — for wrk.
fn write_jobs(path: &Path, tokens: &[String], candidates: &[(String, Vec<i64>)]) {
    let mut out = String::with_capacity(tokens.len() * candidates.len() * 64);
    for (i, token) in tokens.iter().enumerate() {
        for (category, ids) in candidates {
            let _ = writeln!(out, "{token} {category} {}", ids[i % ids.len()]);
        }
    }
    std::fs::write(path, out).unwrap();
}

/// Runs wrk (a separate process, as a real load would be) against the server.
fn run_wrk(base: &str, jobs: &Path, connections: usize, threads: usize) -> Run {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/ballots.lua");
    let out = std::process::Command::new("wrk")
        .arg(format!("-t{threads}"))
        .arg(format!("-c{connections}"))
        .arg(format!("-d{SECONDS}s"))
        .arg("--timeout=5s")
        .arg("-s")
        .arg(&script)
        .arg(base)
        .arg("--")
        .arg(jobs)
        .arg(threads.to_string())
        .output()
        .expect("wrk is installed (bench/ballots.sh installs it)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("RESULT "))
        .unwrap_or_else(|| {
            panic!(
                "wrk printed no result:\n{stdout}\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
    let field = |name: &str| -> u64 {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {name} in {line}"))
    };
    Run {
        responses: field("requests"),
        status_errors: field("status_errors"),
        socket_errors: field("socket_errors") + field("timeouts"),
        seconds: field("duration_us") as f64 / 1e6,
        p50_ms: field("p50_us") as f64 / 1000.0,
        p99_ms: field("p99_us") as f64 / 1000.0,
        max_ms: field("max_us") as f64 / 1000.0,
    }
}

#[tokio::main]
async fn main() {
    let threads: usize = std::env::var("BENCH_WRK_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    println!("cast-ballot benchmark: SQLite (WAL, synchronous=FULL), group commit, loopback, wrk -t{threads} for {SECONDS} s");
    println!(
        "{:>11} {:>9} {:>8} {:>12} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8} {:>8}",
        "connections",
        "answered",
        "errors",
        "ballots/s",
        "p50 ms",
        "p99 ms",
        "max ms",
        "stored",
        "cut off",
        "srv µs",
        "wrk µs"
    );
    println!("(srv µs / wrk µs: CPU time per answered ballot in the server / in wrk — the machine's 2 cores are shared by both)");
    let mut failed = false;
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
        let jobs = dir.path().join("jobs.txt");
        write_jobs(&jobs, &tokens, &candidates);
        let base2 = base.clone();
        // BENCH_PERF=dir: profile the server (this process) while wrk runs, into
        // dir/perf-<connections>.data, for `perf report`.
        let perf = std::env::var_os("BENCH_PERF").map(|dir| {
            std::process::Command::new("perf")
                .args([
                    "record",
                    "-e",
                    "cpu-clock",
                    "-F",
                    "499",
                    "-g",
                    "--call-graph",
                    "dwarf,16384",
                ])
                .arg("-p")
                .arg(std::process::id().to_string())
                .arg("-o")
                .arg(Path::new(&dir).join(format!("perf-{connections}.data")))
                .arg("--")
                .arg("sleep")
                .arg(SECONDS.to_string())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("perf is installed")
        });
        let cpu_before = cpu_seconds();
        let r = tokio::task::spawn_blocking(move || run_wrk(&base2, &jobs, connections, threads))
            .await
            .unwrap();
        let cpu_after = cpu_seconds();
        if let Some(mut perf) = perf {
            let _ = perf.wait();
        }
        // Give ballots still in flight when wrk stopped time to land.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let stored = db.ballot_count(1).await.unwrap() as u64;
        let errors = r.status_errors + r.socket_errors;
        let answered = r.responses - r.status_errors;
        let per_ballot = |seconds: f64| seconds * 1e6 / answered.max(1) as f64;
        println!(
            "{connections:>11} {answered:>9} {errors:>8} {:>12.0} {:>9.1} {:>9.1} {:>9.1} {stored:>8} {:>8} {:>8.0} {:>8.0}",
            answered as f64 / r.seconds,
            r.p50_ms,
            r.p99_ms,
            r.max_ms,
            stored as i64 - answered as i64,
            per_ballot(cpu_after.0 - cpu_before.0),
            per_ballot(cpu_after.1 - cpu_before.1),
        );
        // Every 201 is stored; the only stored ballots never answered are those wrk
        // cut off when its time ran out (at most one per connection).
        if errors > 0 || stored < answered || stored > answered + connections as u64 {
            eprintln!("FAILED: errors {errors}, answered {answered}, stored {stored}");
            failed = true;
        }
    }
    if failed {
        std::process::exit(1);
    }
}
