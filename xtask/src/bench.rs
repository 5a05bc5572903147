//! Numbers, printed: the release build's transfer sizes and the server's cold start.

use crate::dist::{brotli_bytes, gzip_bytes};
use crate::{root, sh, Result};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// First-load budget for each residents' app (home and list, the nomination form, the
/// voting link), brotli bytes.
const FIRST_LOAD_BUDGET: usize = 200 * 1024;
/// First-load budget for the staff app under `/staff/`, brotli bytes.
const STAFF_FIRST_LOAD_BUDGET: usize = 300 * 1024;
/// First-load budget for the office's app under `/office/`, brotli bytes: an internal
/// workbench (fraud panel, teams, consistency, the index's panels) opened by staff, not a
/// link residents open in WeChat. 320 KB until the score sheets became a wasm of their
/// own.
const OFFICE_FIRST_LOAD_BUDGET: usize = 300 * 1024;
/// First-load budget for the field app under `/field/` (service worker included), brotli
/// bytes.
const FIELD_FIRST_LOAD_BUDGET: usize = 250 * 1024;
/// First-load budget for the office's results workbench under `/office/results`, brotli
/// bytes: split from the office app, whose budget it would have broken.
const OFFICE_RESULTS_FIRST_LOAD_BUDGET: usize = 300 * 1024;
/// First-load budget for the office's score sheets under `/office/sheets` (list and
/// editor), brotli bytes: split from the office app; its measured size (212.2 KB) and a
/// tenth.
const OFFICE_SHEETS_FIRST_LOAD_BUDGET: usize = 234 * 1024;
/// First-load budget for the rectification app under `/rectify/` (town officials on
/// their phones), brotli bytes.
const RECTIFY_FIRST_LOAD_BUDGET: usize = 250 * 1024;

/// `cargo xtask sizes`: html, js, wasm, css of each app — `dist/` (residents),
/// `dist/nominate/`, `dist/vote/`, `dist/staff/`, `dist/office/`, `dist/field/`,
/// `dist/office-results/`, `dist/rectify/` and `dist/office-sheets/` — raw, gzip, brotli,
/// each against its own budget.
pub fn sizes() -> Result {
    let dist = root().join("dist");
    let apps = [
        (
            "residents' home and list, dist/ (/)",
            dist.clone(),
            FIRST_LOAD_BUDGET,
        ),
        (
            "nomination form, dist/nominate/ (/nominate/)",
            dist.join("nominate"),
            FIRST_LOAD_BUDGET,
        ),
        (
            "voting, dist/vote/ (/vote/)",
            dist.join("vote"),
            FIRST_LOAD_BUDGET,
        ),
        (
            "staff app, dist/staff/ (/staff/)",
            dist.join("staff"),
            STAFF_FIRST_LOAD_BUDGET,
        ),
        (
            "office app, dist/office/ (/office/)",
            dist.join("office"),
            OFFICE_FIRST_LOAD_BUDGET,
        ),
        (
            "field app, dist/field/ (/field/)",
            dist.join("field"),
            FIELD_FIRST_LOAD_BUDGET,
        ),
        (
            "office results workbench, dist/office-results/ (/office/results)",
            dist.join("office-results"),
            OFFICE_RESULTS_FIRST_LOAD_BUDGET,
        ),
        (
            "rectification app, dist/rectify/ (/rectify/)",
            dist.join("rectify"),
            RECTIFY_FIRST_LOAD_BUDGET,
        ),
        (
            "office score sheets, dist/office-sheets/ (/office/sheets)",
            dist.join("office-sheets"),
            OFFICE_SHEETS_FIRST_LOAD_BUDGET,
        ),
    ];
    let mut over = Vec::new();
    for (i, (title, dir, budget)) in apps.iter().enumerate() {
        if !dir.join("index.html").exists() {
            return Err(format!(
                "no {} yet: run `cargo xtask dist` first",
                dir.display()
            ));
        }
        if i > 0 {
            println!();
        }
        if !first_load(title, dir, *budget)? {
            over.push(*title);
        }
    }
    if over.is_empty() {
        Ok(())
    } else {
        Err(format!("over budget: {}", over.join("; ")))
    }
}

/// Prints one app's first-load files and total; whether it is within `budget`.
fn first_load(title: &str, dir: &Path, budget: usize) -> Result<bool> {
    let mut rows: Vec<(String, usize, usize, usize)> = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if !path.is_file() || !["html", "js", "wasm", "css"].contains(&ext) {
            continue;
        }
        let raw = std::fs::read(&path).map_err(|e| e.to_string())?;
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        rows.push((
            name,
            raw.len(),
            gzip_bytes(&raw).len(),
            brotli_bytes(&raw).len(),
        ));
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.3));
    println!("{title}");
    println!(
        "{:<44} {:>10} {:>10} {:>10}",
        "file (first load)", "raw", "gzip", "brotli"
    );
    for (name, raw, gz, br) in &rows {
        println!("{name:<44} {raw:>10} {gz:>10} {br:>10}");
    }
    let total = |f: fn(&(String, usize, usize, usize)) -> usize| rows.iter().map(f).sum::<usize>();
    let (raw, gz, br) = (total(|r| r.1), total(|r| r.2), total(|r| r.3));
    println!("{:<44} {raw:>10} {gz:>10} {br:>10}", "total");
    let within = br <= budget;
    println!(
        "first load, brotli: {:.1} KB of the {} KB budget — {}",
        br as f64 / 1024.0,
        budget / 1024,
        if within {
            "within budget"
        } else {
            "OVER BUDGET"
        }
    );
    Ok(within)
}

/// `cargo xtask cold-start`: from process start to the first 200 from /api/v1/health,
/// on an empty SQLite database (migrations included), five times.
pub fn cold_start() -> Result {
    sh(Command::new("cargo").args(["build", "--profile", "server", "-p", "pingxuan-server"]))?;
    let server = crate::target_dir().join("server/pingxuan-server");
    let mut times = Vec::new();
    for run in 1..=5 {
        let dir = temp_dir(&format!("cold-start-{run}"))?;
        let started = Instant::now();
        let mut child = spawn_server(&server, &dir, false)?;
        let result = wait_healthy(child.1, Duration::from_secs(10));
        let elapsed = started.elapsed();
        let _ = child.0.kill();
        let _ = child.0.wait();
        let _ = std::fs::remove_dir_all(&dir);
        result?;
        println!("run {run}: {:.1} ms", elapsed.as_secs_f64() * 1000.0);
        times.push(elapsed);
    }
    times.sort();
    println!(
        "cold start on an empty database, median of 5: {:.1} ms (budget 1000 ms)",
        times[2].as_secs_f64() * 1000.0
    );
    if times[2] > Duration::from_secs(1) {
        return Err("cold start is over budget".into());
    }
    Ok(())
}

/// A fresh directory under the system temp dir.
pub fn temp_dir(name: &str) -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("pingxuan-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    Ok(dir)
}

/// Starts the server on a free loopback port with its data in `data`; its output is
/// dropped.
pub fn spawn_server(server: &Path, data: &Path, demo: bool) -> Result<(std::process::Child, u16)> {
    spawn_server_logging(server, data, demo, None, &[])
}

/// Starts the server like [`spawn_server`]; with `log`, its stdout and stderr (the
/// warnings, e.g. the development SMS provider's codes) go to that file. `env` adds
/// settings (e.g. a higher login limit for the end-to-end tests).
pub fn spawn_server_logging(
    server: &Path,
    data: &Path,
    demo: bool,
    log: Option<&Path>,
    env: &[(&str, &str)],
) -> Result<(std::process::Child, u16)> {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let (stdout, stderr) = match log {
        Some(path) => {
            let file =
                std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let copy = file.try_clone().map_err(|e| e.to_string())?;
            (Stdio::from(file), Stdio::from(copy))
        }
        None => (Stdio::null(), Stdio::inherit()),
    };
    let child = Command::new(server)
        .env("PINGXUAN_ADDR", format!("127.0.0.1:{port}"))
        .env("PINGXUAN_DATA_DIR", data)
        .env("PINGXUAN_DIST_DIR", root().join("dist"))
        .env("PINGXUAN_DEMO", if demo { "1" } else { "0" })
        .env("RUST_LOG", "warn")
        .envs(env.iter().copied())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("starting {}: {e}", server.display()))?;
    Ok((child, port))
}

/// Polls `GET /api/v1/health` until it answers 200.
pub fn wait_healthy(port: u16, limit: Duration) -> Result {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) {
            let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
            let req = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
            let mut buf = String::new();
            if s.write_all(req.as_bytes()).is_ok()
                && s.read_to_string(&mut buf).is_ok()
                && buf.starts_with("HTTP/1.1 200")
            {
                return Ok(());
            }
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    Err(format!(
        "the server on port {port} did not become healthy in {limit:?}"
    ))
}
