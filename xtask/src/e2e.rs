//! End-to-end tests: the release app on the real server (fresh SQLite, demo round, an
//! admin with a known password), driven by Playwright in Debian's Chromium. The server's
//! output goes to a log file the tests may read (`E2E_SERVER_LOG`): the development SMS
//! provider writes the codes it "sends" there, and nowhere else.
//!
//! Staff sign-in is limited per address (`PINGXUAN_LOGIN_ATTEMPTS`, 10 in 15 minutes by
//! default), and every test signs in from 127.0.0.1: the test server allows
//! [`E2E_LOGIN_ATTEMPTS`] so a full run never waits for the window to pass. The limit
//! itself is tested by the server's tests.

use crate::bench::{spawn_server_logging, temp_dir, wait_healthy};
use crate::{root, sh, Result};
use std::process::Command;
use std::time::Duration;

/// Sign-in attempts the test server allows per address and user name in 15 minutes.
const E2E_LOGIN_ATTEMPTS: &str = "100";

pub fn run(browser_tmp: &std::path::Path) -> Result {
    let server = crate::target_dir().join("debug/pingxuan-server");
    let data = temp_dir("e2e")?;
    let password = "e2e-admin-password";
    sh(Command::new(&server)
        .args(["admin", "create", "--username", "admin"])
        .env("PINGXUAN_ADMIN_PASSWORD", password)
        .env("PINGXUAN_DATA_DIR", &data))?;
    let log = data.join("server.log");
    let (mut child, port) = spawn_server_logging(
        &server,
        &data,
        true,
        Some(&log),
        &[("PINGXUAN_LOGIN_ATTEMPTS", E2E_LOGIN_ATTEMPTS)],
    )?;
    let result = wait_healthy(port, Duration::from_secs(20)).and_then(|_| {
        let shots = root().join("tests/e2e/screenshots");
        std::fs::create_dir_all(&shots).map_err(|e| e.to_string())?;
        // Files run in name order against one server: later files see the state earlier
        // ones left (e.g. 03 moves the round to screening).
        let files = e2e_files()?;
        sh(Command::new("node")
            .args(["--test", "--test-concurrency=1"])
            .args(&files)
            .env("E2E_BASE_URL", format!("http://127.0.0.1:{port}"))
            .env("E2E_ADMIN_USER", "admin")
            .env("E2E_ADMIN_PASSWORD", password)
            .env("E2E_SCREENSHOTS", &shots)
            .env("E2E_SERVER_LOG", &log)
            .env("E2E_SERVER_BIN", &server)
            .env("TMPDIR", browser_tmp))
    });
    let _ = child.kill();
    let _ = child.wait();
    if result.is_err() {
        print_tail(&log, 40);
    }
    let _ = std::fs::remove_dir_all(&data);
    result
}

/// The last `lines` lines of the server's log, to see what it said when a test failed.
fn print_tail(log: &std::path::Path, lines: usize) {
    let Ok(text) = std::fs::read_to_string(log) else {
        return;
    };
    let all: Vec<&str> = text.lines().collect();
    eprintln!(
        "--- the server's log, last {lines} lines ({}) ---",
        log.display()
    );
    for line in &all[all.len().saturating_sub(lines)..] {
        eprintln!("{line}");
    }
}

/// The test files in name order; `E2E_ONLY` keeps those whose names start with it.
fn e2e_files() -> Result<Vec<String>> {
    let only = std::env::var("E2E_ONLY").unwrap_or_default();
    let dir = root().join("tests/e2e");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".test.mjs") && n.starts_with(only.as_str()))
        .map(|n| format!("tests/e2e/{n}"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no e2e test files match E2E_ONLY={only:?}"));
    }
    Ok(files)
}
