//! `pingxuan-verify <open-data.json> [ballot-snapshots.json]` (`-` reads the open data
//! from stdin): recomputes the published ranking and, when given the round's daily
//! ballot-box snapshots, checks each against the open data's ballots. Prints every
//! mismatch. Exit status 0 when everything agrees, 1 on any mismatch, 2 when a file
//! cannot be read.

use std::io::Read;
use std::process::ExitCode;

fn read_json(path: &str) -> Result<serde_json::Value, String> {
    let mut text = String::new();
    let read = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    read.map_err(|e| format!("cannot read {path}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{path} is not JSON: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), snapshots_path, None) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!("usage: pingxuan-verify <open-data.json | -> [ballot-snapshots.json]");
        return ExitCode::from(2);
    };
    let doc = match read_json(path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let snapshots = match snapshots_path.map(|p| read_json(p)).transpose() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let summary = match pingxuan_verify::verify(&doc) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut mismatches = summary.mismatches.clone();
    if mismatches.is_empty() {
        println!(
            "OK: {} categories, {} candidates, {} counted ballots, {} counted sheets — the published ranking agrees.",
            summary.categories, summary.candidates, summary.ballots_counted, summary.sheets_counted
        );
    }
    if let Some(snapshots) = &snapshots {
        match pingxuan_verify::verify_snapshots(&doc, snapshots) {
            Ok(s) if s.mismatches.is_empty() => println!(
                "OK: {} daily ballot-box snapshots — each matches the ballots and the chain holds.",
                s.snapshots
            ),
            Ok(s) => mismatches.extend(s.mismatches),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    }
    if mismatches.is_empty() {
        return ExitCode::SUCCESS;
    }
    for m in &mismatches {
        println!("MISMATCH {m}");
    }
    println!("{} mismatch(es).", mismatches.len());
    ExitCode::from(1)
}
