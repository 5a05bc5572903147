//! Benchmark: cast-ballot throughput and latency against the real server on SQLite —
//! identity check (voter cookie), validation, the group-commit insert with
//! synchronous=FULL, the receipt — at 64 and at 256 connections from loopback. The
//! server runs in this process; the load comes from wrk, a separate process, driven by
//! `bench/ballots.lua`. Every request is a different (voter, category); at the end
//! every 201 must be stored, with no errors. Run: `bench/ballots.sh` (release build).

#[path = "common/ballots.rs"]
mod ballots;

use ballots::*;
use pingxuan_server::Config;
use std::path::Path;
use std::time::Duration;

#[tokio::main]
async fn main() {
    let threads: usize = std::env::var("BENCH_WRK_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    print_heading("SQLite (WAL, synchronous=FULL), group commit", threads);
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
        let jobs = dir.path().join("jobs.txt");
        voters_and_jobs(&db, &connections.to_string(), &candidates, &jobs).await;
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
                .arg(seconds().to_string())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("perf is installed")
        });
        let cpu_before = cpu_seconds();
        let r =
            tokio::task::spawn_blocking(move || run_wrk(&base2, &[], &jobs, connections, threads))
                .await
                .unwrap();
        let cpu_after = cpu_seconds();
        if let Some(mut perf) = perf {
            let _ = perf.wait();
        }
        // Give ballots still in flight when wrk stopped time to land.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let stored = db.ballot_count(1).await.unwrap() as u64;
        let cpu = (cpu_after.0 - cpu_before.0, cpu_after.1 - cpu_before.1);
        failed |= !print_run(connections, &r, stored, cpu);
    }
    if failed {
        std::process::exit(1);
    }
}
