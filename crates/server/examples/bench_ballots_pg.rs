//! Benchmark: cast-ballot throughput and latency on PostgreSQL, with one and with two
//! server processes (the release binary, `target/server/pingxuan-server`) on one
//! database — the same requests, checks and table as `bench_ballots` (SQLite). wrk's
//! threads are spread over the processes (`bench/ballots.lua`, `BENCH_SERVERS`). Every
//! run gets a fresh database on the PostgreSQL server at `BENCH_POSTGRES_URL` (a
//! superuser URL; `bench/ballots_pg.sh` starts a throwaway one). `srv µs` is the server
//! processes' CPU, PostgreSQL's own not included.

#[path = "common/ballots.rs"]
mod ballots;

use ballots::*;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A server process, killed when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The server binary built beside this example (`target/<profile>/pingxuan-server`).
fn server_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let bin = exe
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .join("pingxuan-server");
    assert!(
        bin.exists(),
        "{} is missing: cargo build --profile server -p pingxuan-server",
        bin.display()
    );
    bin
}

/// Starts a server on `database_url`, returning once it listens.
fn start_server(database_url: &str, data: &Path, secret: &str, demo: bool) -> Server {
    let mut child = Command::new(server_binary())
        .env("PINGXUAN_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", database_url)
        .env("PINGXUAN_DATA_DIR", data)
        .env("PINGXUAN_DIST_DIR", data.join("dist"))
        .env("PINGXUAN_SECRET", secret)
        .env("PINGXUAN_DEMO", if demo { "1" } else { "0" })
        // Many voters share the benchmark's few devices and one address.
        .env("PINGXUAN_BALLOTS_PER_HOUR", "10000000")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the server starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("the server prints its address")
            .unwrap();
        if let Some(rest) = line.strip_prefix("Pingxuan is running at http://") {
            break rest.trim_end_matches('/').to_owned();
        }
    };
    // Keep reading, so a chatty server never blocks on a full pipe.
    std::thread::spawn(move || lines.map_while(Result::ok).for_each(drop));
    Server { child, addr }
}

/// Runs one statement on the PostgreSQL server with psql.
fn psql(admin_url: &str, sql: &str) {
    let status = Command::new("psql")
        .args([admin_url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql])
        .status()
        .expect("psql is installed (Debian's postgresql-client)");
    assert!(status.success(), "psql: {sql}");
}

/// `admin_url` with its database name replaced by `name`.
fn database_url(admin_url: &str, name: &str) -> String {
    let (server, _) = admin_url
        .rsplit_once('/')
        .expect("BENCH_POSTGRES_URL ends in /database");
    format!("{server}/{name}")
}

fn random_secret() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[tokio::main]
async fn main() {
    let admin_url = std::env::var("BENCH_POSTGRES_URL")
        .expect("BENCH_POSTGRES_URL=postgres://USER@HOST:PORT/postgres (bench/ballots_pg.sh)");
    let threads: usize = std::env::var("BENCH_WRK_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut failed = false;
    for processes in [1usize, 2] {
        // At least one wrk thread per process, so each gets its share of connections.
        let threads = threads.max(processes);
        let what = match processes {
            1 => "PostgreSQL, one server process".to_owned(),
            n => format!("PostgreSQL, {n} server processes on one database"),
        };
        print_heading(&what, threads);
        for connections in [64, 256] {
            let name = format!(
                "pingxuan_bench_{processes}_{connections}_{}",
                std::process::id()
            );
            psql(&admin_url, &format!("CREATE DATABASE {name}"));
            let url = database_url(&admin_url, &name);
            let dir = tempfile::tempdir().unwrap();
            let secret = random_secret();
            // The first process migrates and seeds the demo register; then the others.
            let servers: Vec<Server> = (0..processes)
                .map(|i| start_server(&url, dir.path(), &secret, i == 0))
                .collect();
            let db = pingxuan_server::db::Db::connect(&url).await.unwrap();
            let base = format!("http://{}", servers[0].addr);
            let candidates = voting_round(&base, &db).await;
            let jobs = dir.path().join("jobs.txt");
            let label = format!("{processes}-{connections}");
            voters_and_jobs(&db, &label, &candidates, &jobs).await;
            let spread: Vec<String> = if processes > 1 {
                servers.iter().map(|s| s.addr.clone()).collect()
            } else {
                Vec::new()
            };
            let pids: Vec<String> = servers.iter().map(|s| s.child.id().to_string()).collect();
            let server_cpu = || -> f64 { pids.iter().map(|p| cpu_seconds_of(p).0).sum() };
            let (before, wrk_before) = (server_cpu(), cpu_seconds().1);
            let r = tokio::task::spawn_blocking(move || {
                run_wrk(&base, &spread, &jobs, connections, threads)
            })
            .await
            .unwrap();
            let (after, wrk_after) = (server_cpu(), cpu_seconds().1);
            // Give ballots still in flight when wrk stopped time to land.
            tokio::time::sleep(Duration::from_millis(500)).await;
            let stored = db.ballot_count(1).await.unwrap() as u64;
            failed |= !print_run(
                connections,
                &r,
                stored,
                (after - before, wrk_after - wrk_before),
            );
            drop(db);
            drop(servers);
            psql(&admin_url, &format!("DROP DATABASE {name} WITH (FORCE)"));
        }
        println!();
    }
    if failed {
        std::process::exit(1);
    }
}
