//! What the cast-ballot benchmarks share (`bench_ballots`: SQLite in process;
//! `bench_ballots_pg`: PostgreSQL, one or two server processes): the round in voting,
//! fresh voters and wrk's jobs file, wrk itself (`bench/ballots.lua`), and the table.

use pingxuan_domain::api::CreateStaffRequest;
use pingxuan_domain::Role;
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::Path;

/// Voters per run; each casts in all four categories (200,000 ballots: enough for
/// `SECONDS` at 20,000 a second, so every request is a fresh voter's first ballot).
pub const VOTERS: usize = 50_000;
/// How long wrk runs at each connection count: 10 s, or `BENCH_SECONDS` (a smoke run).
pub fn seconds() -> u64 {
    std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10)
}
pub const CATEGORIES: [&str; 4] = ["village", "ditch", "road", "market"];

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
pub async fn voting_round(base: &str, db: &pingxuan_server::db::Db) -> Vec<(String, Vec<i64>)> {
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
pub struct Run {
    /// Responses received (any status).
    pub responses: u64,
    /// Responses that were not 2xx/3xx.
    pub status_errors: u64,
    /// Connect, read and write errors and timeouts.
    pub socket_errors: u64,
    pub seconds: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

/// CPU seconds used so far by this process (the server) and by its waited-for children
/// (wrk), from /proc/self/stat.
pub fn cpu_seconds() -> (f64, f64) {
    cpu_seconds_of("self")
}

/// CPU seconds of process `pid` (a number, or `self`) and of its waited-for children.
pub fn cpu_seconds_of(pid: &str) -> (f64, f64) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
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
pub fn write_jobs(path: &Path, tokens: &[String], candidates: &[(String, Vec<i64>)]) {
    let mut out = String::with_capacity(tokens.len() * candidates.len() * 64);
    for (i, token) in tokens.iter().enumerate() {
        for (category, ids) in candidates {
            let _ = writeln!(out, "{token} {category} {}", ids[i % ids.len()]);
        }
    }
    std::fs::write(path, out).unwrap();
}

/// Runs wrk (a separate process, as a real load would be) against the server at `base`;
/// with `servers` (`host:port` each), wrk's threads are spread over those servers.
pub fn run_wrk(
    base: &str,
    servers: &[String],
    jobs: &Path,
    connections: usize,
    threads: usize,
) -> Run {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/ballots.lua");
    let out = std::process::Command::new("wrk")
        .arg(format!("-t{threads}"))
        .arg(format!("-c{connections}"))
        .arg(format!("-d{}s", seconds()))
        .arg("--timeout=5s")
        .arg("-s")
        .arg(&script)
        .arg(base)
        .arg("--")
        .arg(jobs)
        .arg(threads.to_string())
        .env("BENCH_SERVERS", servers.join(","))
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

/// The table's heading, after a first line that says what runs.
pub fn print_heading(what: &str, threads: usize) {
    println!(
        "cast-ballot benchmark: {what}, loopback, wrk -t{threads} for {} s",
        seconds()
    );
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
}

/// Prints one run's line; false when it failed: an error, or an answered ballot not
/// stored (the only stored ballots never answered are those wrk cut off when its time
/// ran out, at most one per connection). `cpu` is (server, wrk) seconds used.
pub fn print_run(connections: usize, r: &Run, stored: u64, cpu: (f64, f64)) -> bool {
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
        per_ballot(cpu.0),
        per_ballot(cpu.1),
    );
    if errors > 0 || stored < answered || stored > answered + connections as u64 {
        eprintln!("FAILED: errors {errors}, answered {answered}, stored {stored}");
        return false;
    }
    true
}

/// Fresh voters with sessions, and the jobs file wrk reads: (tokens written to `jobs`).
pub async fn voters_and_jobs(
    db: &pingxuan_server::db::Db,
    label: &str,
    candidates: &[(String, Vec<i64>)],
    jobs: &Path,
) {
    let now = chrono::Utc::now();
    let tokens: Vec<String> = (0..VOTERS)
        .map(|_| pingxuan_server::auth::random_token())
        .collect();
    let voters: Vec<(String, String)> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                format!("bench-voter-{label}-{i}"),
                pingxuan_server::auth::token_hash(t),
            )
        })
        .collect();
    db.insert_voters_with_sessions(&voters, now, now + chrono::Duration::days(1))
        .await
        .unwrap();
    write_jobs(jobs, &tokens, candidates);
}
