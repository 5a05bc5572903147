//! Two server processes on one database behave as one: the real binary started twice
//! (`CARGO_BIN_EXE_pingxuan-server`) on the test's database — PostgreSQL when the tests
//! run against it (`PINGXUAN_TEST_POSTGRES_URL`), else the test's SQLite file — with the
//! same data dir, so the same server secret. A code asked for on one is taken by the
//! other, a staff session made on one works on the other, one person's ballots fired at
//! both at once count once, and the login limit counts the attempts made on either.

use crate::helpers::*;
use crate::voting::{vote_at_once, voting_round_with, Phone};
use pingxuan_domain::api::CSRF_HEADER;
use pingxuan_domain::Role;
use reqwest::Method;
use serde_json::json;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Login attempts per address and user name each child allows in 15 minutes.
const LOGIN_ATTEMPTS: u32 = 5;

/// One child server process and what it has printed.
struct Child2 {
    child: Child,
    base: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Child2 {
    /// Starts the binary on `app`'s database and data dir, with voting limits high
    /// enough that only the database decides which ballot counts.
    fn start(app: &TestApp) -> Child2 {
        let config = app.state().config.clone();
        let mut child = Command::new(env!("CARGO_BIN_EXE_pingxuan-server"))
            .args(["--addr", "127.0.0.1:0", "--data-dir"])
            .arg(app.data_dir())
            .arg("--dist-dir")
            .arg(&config.dist_dir)
            .env("DATABASE_URL", app.database_url())
            .env("PINGXUAN_LOGIN_ATTEMPTS", LOGIN_ATTEMPTS.to_string())
            .env("PINGXUAN_BALLOTS_PER_HOUR", "10000")
            .env("PINGXUAN_BALLOTS_PER_VOTER_PER_HOUR", "10000")
            .env("RUST_LOG", "warn")
            .env_remove("PINGXUAN_DEMO")
            .env_remove("PINGXUAN_SECRET")
            // The test stands in for a proxy, so each sign-in can come from an address
            // of its own and only the user name's limit is reached.
            .env("PINGXUAN_TRUSTED_PROXIES", "127.0.0.1")
            .env_remove("PINGXUAN_S3_BUCKET")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server binary starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let base = loop {
            let line = lines
                .next()
                .expect("the server prints its address")
                .unwrap();
            if let Some(rest) = line.strip_prefix("Pingxuan is running at ") {
                break rest.trim_end_matches('/').to_owned();
            }
        };
        // The rest of its output (the development SMS provider's codes) is kept.
        let log = Arc::new(Mutex::new(Vec::new()));
        let kept = log.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                kept.lock().unwrap().push(line);
            }
        });
        Child2 { child, base, log }
    }

    fn phone(&self, client: &reqwest::Client, device: &str) -> Phone {
        Phone {
            client: client.clone(),
            device: device.to_owned(),
            base: self.base.clone(),
        }
    }

    /// The last code this process's development SMS provider logged.
    async fn last_code(&self) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let found = self.log.lock().unwrap().iter().rev().find_map(|line| {
                let (_, rest) = line.split_once("no message is sent] code ")?;
                Some(rest.get(..6)?.to_owned())
            });
            if let Some(code) = found {
                return code;
            }
            assert!(Instant::now() < deadline, "no code in the server's log");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for Child2 {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn two_processes_on_one_database_count_one_ballot_and_share_sessions() {
    let v = voting_round_with(|_| {}).await;
    let a = Child2::start(&v.app);
    let b = Child2::start(&v.app);

    // The code is asked for on A and taken on B: SMS codes live in the database.
    let browser = new_client();
    let number = "13900002222";
    let on_a = a.phone(&browser, "device-two-servers-01");
    let on_b = b.phone(&browser, "device-two-servers-01");
    let (status, sent) = on_a.ask_code(number).await;
    assert_eq!(status, 202, "{sent}");
    let code = a.last_code().await;
    let (status, me) = on_b.verify(number, &code).await;
    assert_eq!(status, 200, "{me}");

    // 200 attempts by that voter at once, half at each process: one ballot.
    vote_at_once(vec![on_a, on_b], v.ids("market"), 200).await;
    assert_eq!(v.app.db.ballot_count(1).await.unwrap(), 1);

    // A staff session made on A works on B, writes included (CSRF token and all).
    let (user, password) = v.app.account("zhang.two", Role::Admin).await;
    let staff = new_client();
    let res = staff
        .post(format!("{}/api/v1/session", a.base))
        .json(&json!({"username": user, "password": password}))
        .send()
        .await
        .unwrap();
    let (status, session) = read(res).await;
    assert_eq!(status, 200, "{session}");
    let on_b = Signed::new(
        staff.clone(),
        session["csrf_token"].as_str().unwrap().to_owned(),
        b.base.clone(),
    );
    let (status, me) = on_b.get("/api/v1/session").await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["account"]["username"], "zhang.two", "{me}");
    // Signing out on B ends the session on A too.
    let (status, _) = on_b.call(Method::DELETE, "/api/v1/session", None).await;
    assert_eq!(status, 204);
    let res = staff
        .get(format!("{}/api/v1/session", a.base))
        .header(CSRF_HEADER, "none")
        .send()
        .await
        .unwrap();
    assert_error(&read(res).await, 401, "unauthenticated");
}

#[tokio::test]
async fn the_login_limit_counts_attempts_on_every_process() {
    let app = spawn_app().await;
    let (user, password) = app.account("li.two", Role::Admin).await;
    let a = Child2::start(&app);
    let b = Child2::start(&app);
    let client = new_client();
    let attempt = |base: String, n: usize, password: String| {
        let client = client.clone();
        let user = user.clone();
        async move {
            let res = client
                .post(format!("{base}/api/v1/session"))
                .header("x-forwarded-for", format!("203.0.113.{n}"))
                .json(&json!({"username": user, "password": password}))
                .send()
                .await
                .unwrap();
            read(res).await
        }
    };
    // Five wrong passwords for one user name, from five addresses, on both processes.
    for n in 0..LOGIN_ATTEMPTS as usize {
        let base = if n % 2 == 0 { &a.base } else { &b.base };
        let r = attempt(base.clone(), n, "wrong-password".into()).await;
        assert_error(&r, 401, "invalid_credentials");
    }
    // Each process has seen fewer than five; together they have seen five.
    for server in [&a, &b] {
        let r = attempt(server.base.clone(), 99, password.clone()).await;
        assert_error(&r, 429, "rate_limited");
    }
}
