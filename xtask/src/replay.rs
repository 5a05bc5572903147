//! `cargo xtask replay [--scale S] [--concurrency N]`: the round-one replay
//! (`replay/`, `pingxuan-replay`). Full scale builds the server and the replay with the
//! `server` profile (release); a smaller scale uses debug builds, as the test command
//! does with `--scale 0.1`.

use crate::{sh, target_dir, Result};
use std::process::Command;

/// The scale `cargo xtask test` replays at: a tenth of round one.
pub const TEST_SCALE: &str = "0.1";

/// Builds what the replay needs and runs it with `args` (passed through).
pub fn run(args: &[String]) -> Result {
    let scale: f64 = args
        .iter()
        .position(|a| a == "--scale")
        .and_then(|i| args.get(i + 1))
        .map_or(Ok(1.0), |s| {
            s.parse().map_err(|_| format!("--scale {s}: not a number"))
        })?;
    let (profile, dir) = if scale >= 1.0 {
        ("server", "server")
    } else {
        ("dev", "debug")
    };
    sh(Command::new("cargo").args([
        "build",
        "--profile",
        profile,
        "-p",
        "pingxuan-server",
        "-p",
        "pingxuan-replay",
    ]))?;
    let bin = target_dir().join(dir);
    sh(Command::new(bin.join("pingxuan-replay"))
        .arg("--server")
        .arg(bin.join("pingxuan-server"))
        .args(args))
}
