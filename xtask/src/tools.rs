//! Installs what a fresh machine lacks, and nothing that is already there at the right
//! version: the wasm32 target, Trunk, wasm-bindgen-cli (= Cargo.lock), binaryen's
//! wasm-opt from npm, and for tests Debian's Chromium, ChromeDriver and CJK fonts.

use crate::{output, root, sh, Result};
use std::path::Path;
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";

pub fn ensure_build_tools() -> Result {
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_node_tools()
}

fn ensure_wasm_target() -> Result {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    sh(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn ensure_trunk() -> Result {
    if output(Command::new("trunk").arg("--version")).as_deref()
        == Some(&format!("trunk {TRUNK_VERSION}"))
    {
        return Ok(());
    }
    // Without the update check Trunk never calls home; rustls needs no system OpenSSL.
    sh(Command::new("cargo").args([
        "install",
        "--locked",
        "trunk",
        "--version",
        TRUNK_VERSION,
        "--no-default-features",
        "--features",
        "rustls",
    ]))
}

/// The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("reading Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen".into())
}

fn ensure_wasm_bindgen() -> Result {
    let want = locked_wasm_bindgen()?;
    let have = output(Command::new("wasm-bindgen").arg("--version"));
    let runner = output(Command::new("wasm-bindgen-test-runner").arg("--version"));
    if have.as_deref() == Some(&format!("wasm-bindgen {want}")) && runner.is_some() {
        return Ok(());
    }
    // Not --locked: its lockfile pins a webpki-roots the registry mirror lacks.
    sh(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &want, "--force"]))
}

fn ensure_node_tools() -> Result {
    let root = root();
    // npm's own stamp cannot be trusted across checkouts (a fresh worktree's lock file is
    // newer than a shared node_modules), so the install records the lock it came from.
    let stamp = root.join("node_modules/.pingxuan-lock");
    let lock = std::fs::read(root.join("package-lock.json"))
        .map_err(|e| format!("package-lock.json: {e}"))?;
    let fresh = std::fs::read(&stamp).is_ok_and(|installed| installed == lock);
    if fresh && root.join("node_modules/.bin/wasm-opt").exists() {
        return Ok(());
    }
    sh(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))?;
    std::fs::write(&stamp, lock).map_err(|e| format!("{}: {e}", stamp.display()))
}

/// PATH with binaryen's wasm-opt (npm, version 132) first: Debian's 108 breaks the app.
pub fn path_with_node_tools() -> String {
    let bin = root().join("node_modules/.bin");
    match std::env::var("PATH") {
        Ok(p) => format!("{}:{p}", bin.display()),
        Err(_) => bin.display().to_string(),
    }
}

/// Chromium, ChromeDriver and Noto CJK fonts (so screenshots show Chinese), from Debian.
pub fn ensure_browser() -> Result {
    let fonts = output(Command::new("fc-list").arg(":lang=zh")).unwrap_or_default();
    let have = Path::new("/usr/bin/chromium").exists()
        && Path::new("/usr/bin/chromedriver").exists()
        && fonts.contains("Noto Sans CJK");
    if have {
        return Ok(());
    }
    sh(Command::new("apt-get").arg("update"))?;
    sh(Command::new("apt-get")
        .args([
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
            "fonts-noto-cjk",
        ])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}
