//! Builds the five apps (residents', the nomination form, voting, staff's, the office's)
//! in release with Trunk and precompresses them for the server.

use crate::tools::path_with_node_tools;
use crate::{root, sh, Result};
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;

/// Files the server may send precompressed.
const COMPRESSIBLE: &[&str] = &[
    "html",
    "js",
    "wasm",
    "css",
    "webmanifest",
    "json",
    "svg",
    "txt",
];

/// The apps: residents' `index.html` into `dist/`, then `nominate.html` into
/// `dist/nominate/` (public URL `/nominate/`), `vote.html` into `dist/vote/` (`/vote/`)
/// `staff.html` into `dist/staff/` (`/staff/`), `office.html` into `dist/office/`
/// (`/office/`), `field.html` into `dist/field/` (`/field/`, with its service worker
/// and manifest), `rectify.html` into `dist/rectify/` (`/rectify/`) and
/// `office-sheets.html` into `dist/office-sheets/` (`/office/sheets/`) — residents' first: Trunk empties its
/// dist directory, and that one holds the others — then a `.br` and `.gz` beside each
/// compressible file.
pub fn build() -> Result {
    trunk(&["index.html"])?;
    for (html, dir, url) in [
        ("nominate.html", "dist/nominate", "/nominate/"),
        ("vote.html", "dist/vote", "/vote/"),
        ("staff.html", "dist/staff", "/staff/"),
        ("office.html", "dist/office", "/office/"),
        ("field.html", "dist/field", "/field/"),
        // The office's results workbench: a wasm of its own (the office app's budget).
        (
            "office-results.html",
            "dist/office-results",
            "/office/results/",
        ),
        ("rectify.html", "dist/rectify", "/rectify/"),
        // The office's score sheets: a wasm of its own too (the office app's budget).
        (
            "office-sheets.html",
            "dist/office-sheets",
            "/office/sheets/",
        ),
    ] {
        trunk(&[html, "--dist", dir, "--public-url", url])?;
    }
    precompress(&root().join("dist"))
}

/// `trunk build <target> --release <options>` (the target first: `--release` takes an
/// optional value).
fn trunk(args: &[&str]) -> Result {
    sh(Command::new("trunk")
        .arg("build")
        .args(args)
        .arg("--release")
        .env("PATH", path_with_node_tools())
        .env("TRUNK_SKIP_VERSION_CHECK", "true"))
}

fn precompress(dir: &Path) -> Result {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            precompress(&path)?;
            continue;
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if !COMPRESSIBLE.contains(&ext) {
            continue;
        }
        let raw = std::fs::read(&path).map_err(|e| e.to_string())?;
        let write = |suffix: &str, bytes: Vec<u8>| {
            let mut name = path.clone().into_os_string();
            name.push(suffix);
            std::fs::write(&name, bytes).map_err(|e| e.to_string())
        };
        write(".br", brotli_bytes(&raw))?;
        write(".gz", gzip_bytes(&raw))?;
    }
    Ok(())
}

pub fn brotli_bytes(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        w.write_all(raw).expect("writing to memory");
    }
    out
}

pub fn gzip_bytes(raw: &[u8]) -> Vec<u8> {
    let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    w.write_all(raw).expect("writing to memory");
    w.finish().expect("writing to memory")
}

/// A password for the demo admin: 16 characters from the kernel's random source,
/// without look-alike characters.
pub fn random_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789";
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .expect("/dev/urandom is readable");
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}
