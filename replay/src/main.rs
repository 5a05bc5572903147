//! `pingxuan-replay`: one whole round at the size Chaozhou ran round one (2,550
//! nominations, 20 candidates in each of the four categories, 33,490 voters, 10
//! sub-groups' sheets), played against the real server binary over HTTP only, through
//! the endpoints the apps use. It checks that every accepted nomination, ballot and sheet
//! is counted exactly once and every refused one got the expected 4xx, that the
//! published results are the domain's computation over the open data, and that the
//! independent verifier agrees; it prints each phase's numbers and exits 1 on a failed
//! check.
//!
//! `--scale 0.1` plays a tenth of it (the test command does); `--server PATH` picks the
//! binary (default: the release build in the target dir); `--concurrency N` the voters
//! in flight (default 128; every fourth wave a burst of four times as many);
//! `--database-url` is kept for PostgreSQL (issue 8).

mod field;
mod http;
mod nominate;
mod photos;
mod results;
mod schedule;
mod screen;
mod server;
mod vote;

use http::{Person, Phase};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

/// Round one as the office's bulletin reported it.
pub const NOMINATIONS: f64 = 2550.0;
pub const VOTERS: f64 = 33490.0;

/// What every phase needs: the server and the run's settings.
pub struct Ctx {
    pub base: String,
    pub codes: Arc<server::SmsCodes>,
    pub round_id: i64,
    pub scale: f64,
    pub concurrency: usize,
}

impl Ctx {
    /// The office's admin, signed in from an address of its own.
    pub async fn admin(&self, phase: &Phase) -> Person {
        let mut admin = Person::new(&self.base, http::loopback(250, 0), None);
        if !admin.sign_in(phase, "admin", server::ADMIN_PASSWORD).await {
            phase.problem("the admin could not sign in".into());
        }
        admin
    }

    /// `n` scaled, at least `min`.
    pub fn scaled(&self, n: f64, min: usize) -> usize {
        ((n * self.scale).round() as usize).max(min)
    }
}

struct Args {
    scale: f64,
    server: PathBuf,
    database_url: Option<String>,
    concurrency: usize,
}

fn args() -> Result<Args, String> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target"));
    let mut a = Args {
        scale: 1.0,
        server: target.join("server/pingxuan-server"),
        database_url: None,
        concurrency: 128,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--scale" => {
                a.scale = value()?
                    .parse()
                    .ok()
                    .filter(|s: &f64| *s > 0.0 && *s <= 10.0)
                    .ok_or("--scale takes a number in (0, 10]")?
            }
            "--server" => a.server = PathBuf::from(value()?),
            "--database-url" => a.database_url = Some(value()?),
            "--concurrency" => {
                a.concurrency = value()?
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or("--concurrency takes a positive number")?
            }
            "-h" | "--help" => {
                println!("pingxuan-replay [--scale 1.0] [--server PATH] [--concurrency 128] [--database-url URL]");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?} (see --help)")),
        }
    }
    Ok(a)
}

fn main() -> ExitCode {
    let args = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("pingxuan-replay: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(url) = &args.database_url {
        eprintln!(
            "pingxuan-replay: --database-url {url}: PostgreSQL is not supported by the server yet \
             (issue 8, scale-out); the replay runs on SQLite only for now."
        );
        return ExitCode::from(2);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    match runtime.block_on(replay(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pingxuan-replay: FAILED: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn replay(args: Args) -> Result<(), String> {
    let started = Instant::now();
    let mut server = server::Server::start(&args.server)?;
    let mut ctx = Ctx {
        base: server.base.clone(),
        codes: server.codes.clone(),
        round_id: 0,
        scale: args.scale,
        concurrency: args.concurrency,
    };
    println!(
        "replay of round one at scale {} — {} nominations, {} voters, concurrency {}",
        args.scale,
        ctx.scaled(NOMINATIONS, 8),
        ctx.scaled(VOTERS, 8),
        args.concurrency
    );
    println!(
        "server {} (SQLite in {}), RUST_LOG={}, rate limits at their defaults; each simulated \
         person on an address of its own in 127.0.0.0/8",
        args.server.display(),
        server.data.display(),
        server::LOG_FILTER
    );
    let photos = photos::make(8);

    let mut phases: Vec<Phase> = Vec::new();
    let mut failures: Vec<String> = Vec::new();

    let p = Phase::start("nominate");
    let nominated = nominate::run(&mut ctx, &p, &photos).await;
    p.finish();
    phases.push(p);

    let p = Phase::start("screen");
    let shortlist = screen::run(&ctx, &p, &nominated, &mut failures).await;
    p.finish();
    phases.push(p);

    let p = Phase::start("vote");
    let voted = vote::run(&ctx, &p, &shortlist).await;
    p.finish();
    phases.push(p);

    let p = Phase::start("field sync");
    let synced = field::run(&ctx, &p, &shortlist).await;
    p.finish();
    phases.push(p);

    let p = Phase::start("results");
    results::run(&ctx, &p, &voted, &synced, &mut failures).await;
    p.finish();
    phases.push(p);

    let wall = started.elapsed();
    println!();
    println!("{}", http::HEADER);
    for p in &phases {
        println!("{}", p.row());
    }
    println!("total wall time {:.1} s", wall.as_secs_f64());
    println!(
        "accepted: {} nominations, {} ballots, {} sheets; refused as expected: {} nominations, \
         {} ballots, {} sheets",
        nominated.accepted.len(),
        voted.accepted.len(),
        synced.accepted.len(),
        nominated.refused,
        voted.refused,
        synced.refused
    );
    for p in &phases {
        for problem in p.problems() {
            failures.push(format!("{}: {problem}", p.name));
        }
        let unexpected = p.errors() - p.warnings().len() as u64;
        if unexpected > 10 {
            failures.push(format!(
                "{}: {unexpected} unexpected answers in all",
                p.name
            ));
        }
    }
    // A server error a person got past by retrying is still a server error: the write
    // transactions now take SQLite's lock up front (BEGIN IMMEDIATE), which ended the
    // "database is locked" nominations, so any retry now fails the replay.
    for p in &phases {
        let warnings = p.warnings();
        if !warnings.is_empty() {
            failures.push(format!(
                "{}: {} answers were server errors a person only got past by retrying, e.g. {}",
                p.name,
                warnings.len(),
                warnings[0]
            ));
        }
    }
    if failures.is_empty() {
        println!("all checks passed");
        Ok(())
    } else {
        for f in &failures {
            eprintln!("  ✗ {f}");
        }
        eprintln!("--- the server's last lines ---");
        for line in server.tail() {
            eprintln!("{line}");
        }
        server.keep = true;
        eprintln!(
            "(the server's whole log: {})",
            server.data.join("server.log").display()
        );
        Err(format!("{} failed checks", failures.len()))
    }
}
