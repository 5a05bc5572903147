//! `cargo xtask <command>`: the project's two set-up commands and their helpers.
//!
//! - `run`: installs what is missing, builds the app in release, starts the server on
//!   SQLite under ./data with the demo round, prints the URL and admin login.
//! - `test`: installs what is missing and runs every test: domain, server (its API tests
//!   on SQLite, then again on a throwaway PostgreSQL), wasm in headless Chromium,
//!   end-to-end in a real browser.
//! - `dist`: builds the app in release and precompresses it.
//! - `sizes`: prints the release build's transfer sizes (bench/sizes.sh).
//! - `cold-start`: measures the server's start on an empty database (bench/cold_start.sh).
//! - `replay [--scale S]`: the round-one replay (bench/replay.sh; `test` runs it at 0.1).
//! - `postgres`: a throwaway PostgreSQL on a free loopback port until Ctrl-C (prints its URL).

mod bench;
mod dist;
mod e2e;
mod postgres;
mod replay;
mod tidy;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(),
        Some("test") => test(),
        Some("dist") => tools::ensure_build_tools().and_then(|_| dist::build()),
        Some("e2e") => e2e_only(),
        Some("sizes") => bench::sizes(),
        Some("cold-start") => bench::cold_start(),
        Some("replay") => replay::run(&args[1..]),
        Some("postgres") => postgres::serve(),
        _ => {
            eprintln!("usage: cargo xtask <run|test|e2e|dist|sizes|cold-start|replay|postgres>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root (xtask lives one level below it). `cargo run` sets
/// `CARGO_MANIFEST_DIR` for the running process, so a binary built in a shared target
/// directory by another checkout still works on the checkout that ran it; the
/// compile-time value is the fallback when the binary is started directly.
pub fn root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir
        .parent()
        .expect("xtask is in the workspace")
        .to_path_buf()
}

/// Cargo's target directory: `CARGO_TARGET_DIR` when set (a cache shared between
/// checkouts), else `target/` in the workspace root.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root().join(dir),
        _ => root().join("target"),
    }
}

/// Runs a command in the workspace root, failing on a non-zero exit.
pub fn sh(cmd: &mut Command) -> Result {
    eprintln!("$ {}", describe(cmd));
    let status = cmd
        .current_dir_if_unset()
        .status()
        .map_err(|e| format!("{}: {e}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed with {status}", describe(cmd)))
    }
}

/// A command's output as text, or None when it cannot run.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn describe(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|s| s.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

trait CurrentDir {
    fn current_dir_if_unset(&mut self) -> &mut Self;
}

impl CurrentDir for Command {
    fn current_dir_if_unset(&mut self) -> &mut Self {
        if self.get_current_dir().is_none() {
            self.current_dir(root());
        }
        self
    }
}

/// `cargo xtask run`
fn run() -> Result {
    tools::ensure_build_tools()?;
    dist::build()?;
    sh(Command::new("cargo").args(["build", "--profile", "server", "-p", "pingxuan-server"]))?;
    let server = target_dir().join("server/pingxuan-server");
    let data = root().join("data");
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    let password_file = data.join("admin-password.txt");
    if !password_file.exists() {
        std::fs::write(&password_file, dist::random_password()).map_err(|e| e.to_string())?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ =
                std::fs::set_permissions(&password_file, std::fs::Permissions::from_mode(0o600));
        }
    }
    let password = std::fs::read_to_string(&password_file).map_err(|e| e.to_string())?;
    // Every start: a database named by DATABASE_URL (PostgreSQL) may be new while the
    // password file is not; an existing admin is left as it is.
    sh(Command::new(&server)
        .args(["admin", "create", "--username", "admin", "--if-missing"])
        .env("PINGXUAN_ADMIN_PASSWORD", password.trim())
        .env("PINGXUAN_DATA_DIR", &data))?;
    let addr = std::env::var("PINGXUAN_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".into());
    println!();
    println!("  Pingxuan 评选 — http://{addr}/");
    println!("  Staff sign-in: http://{addr}/staff/");
    println!("  Campaign office (admins): http://{addr}/office/");
    println!("  Field scoring (inspectors, e.g. wg1a.lead / xianchang-2026): http://{addr}/field/");
    println!(
        "  Rectification (towns, e.g. town.xiangqiao.01 / zhenggai-2026): http://{addr}/rectify/"
    );
    println!("  Admin login: admin / {}", password.trim());
    println!("  Database: {}", database_shown(&data));
    println!("  (password kept in {})", password_file.display());
    println!();
    sh(Command::new(&server)
        .env("PINGXUAN_DEMO", "1")
        .env("PINGXUAN_DATA_DIR", &data)
        .env("PINGXUAN_DIST_DIR", root().join("dist"))
        .env("PINGXUAN_ADDR", &addr))
}

/// `DATABASE_URL` without its password (the server's own default: SQLite under `data`).
fn database_shown(data: &std::path::Path) -> String {
    match std::env::var("DATABASE_URL") {
        Ok(url) if !url.is_empty() => match (url.find("://"), url.rfind('@')) {
            (Some(scheme), Some(at)) if at > scheme => {
                format!("{}://…{}", &url[..scheme], &url[at..])
            }
            _ => url,
        },
        _ => format!("sqlite://{}", data.join("pingxuan.db").display()),
    }
}

/// `cargo xtask test`
fn test() -> Result {
    tools::ensure_build_tools()?;
    tools::ensure_browser()?;
    // Tidy: the code is formatted.
    sh(Command::new("cargo").args(["fmt", "--all", "--", "--check"]))?;
    tidy::stylesheets()?;
    // Domain, server, the results verifier (a workspace member) and xtask on the host.
    sh(Command::new("cargo").args(["test", "--workspace", "--exclude", "pingxuan"]))?;
    // The server's API tests again on PostgreSQL: a throwaway server (a database per
    // test app), stopped and removed when this block ends, whatever the tests did.
    {
        let pg = postgres::TempPostgres::start()?;
        sh(Command::new("cargo")
            .args(["test", "-p", "pingxuan-server", "--test", "api"])
            .env("PINGXUAN_TEST_POSTGRES_URL", pg.url()))?;
    }
    // A tenth of round one through the real server (debug builds).
    replay::run(&["--scale".into(), replay::TEST_SCALE.into()])?;
    // The app's components in headless Chromium, then end to end. Chromium leaves a
    // profile directory (~120 MB) in TMPDIR for every session it is killed in rather than
    // closed, so both run with a TMPDIR of their own that goes afterwards: a CI machine
    // running the tests every stop would otherwise fill its disk.
    let browser_tmp = bench::temp_dir("browser")?;
    let result = sh(Command::new("cargo")
        .args([
            "test",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "pingxuan",
        ])
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .env("TMPDIR", &browser_tmp))
    .and_then(|()| e2e_in(&browser_tmp));
    let _ = std::fs::remove_dir_all(&browser_tmp);
    result
}

/// `cargo xtask e2e`: end to end only — the release app on the real server, in a
/// phone-sized browser. `E2E_ONLY=05` runs just the files whose names start with it.
fn e2e_only() -> Result {
    let browser_tmp = bench::temp_dir("browser")?;
    let result = e2e_in(&browser_tmp);
    let _ = std::fs::remove_dir_all(&browser_tmp);
    result
}

/// End to end with the browser's temporary files in `browser_tmp`.
fn e2e_in(browser_tmp: &Path) -> Result {
    tools::ensure_build_tools()?;
    tools::ensure_browser()?;
    dist::build()?;
    sh(Command::new("cargo").args(["build", "-p", "pingxuan-server"]))?;
    e2e::run(browser_tmp)
}
