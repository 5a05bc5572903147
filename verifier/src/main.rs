//! `pingxuan-verify <open-data.json>` (or `-` for stdin): recomputes the published
//! ranking and prints every mismatch. Exit status 0 when everything agrees, 1 on any
//! mismatch, 2 when the file cannot be read.

use std::io::Read;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pingxuan-verify <open-data.json | ->");
        return ExitCode::from(2);
    };
    let mut text = String::new();
    let read = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(&path).map(|t| text = t)
    };
    if let Err(e) = read {
        eprintln!("cannot read {path}: {e}");
        return ExitCode::from(2);
    }
    let doc: serde_json::Value = match serde_json::from_str(&text) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path} is not JSON: {e}");
            return ExitCode::from(2);
        }
    };
    match pingxuan_verify::verify(&doc) {
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
        Ok(s) if s.mismatches.is_empty() => {
            println!(
                "OK: {} categories, {} candidates, {} counted ballots, {} counted sheets — the published ranking agrees.",
                s.categories, s.candidates, s.ballots_counted, s.sheets_counted
            );
            ExitCode::SUCCESS
        }
        Ok(s) => {
            for m in &s.mismatches {
                println!("MISMATCH {m}");
            }
            println!("{} mismatch(es).", s.mismatches.len());
            ExitCode::from(1)
        }
    }
}
