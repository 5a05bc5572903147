//! HTTP as the apps speak it, and each phase's numbers: every request is timed and its
//! status checked against what the replay expects (anything else is an error).
//!
//! Each simulated person gets a client bound to an address of their own in 127.0.0.0/8:
//! the server limits public writes per device and per address, and real residents come
//! from many addresses, so voters never share one here.

use reqwest::Method;
use serde_json::Value;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One phase's numbers and its unexpected answers.
pub struct Phase {
    pub name: &'static str,
    requests: AtomicU64,
    errors: AtomicU64,
    micros: Mutex<Vec<u32>>,
    started: Instant,
    wall: Mutex<Option<Duration>>,
    problems: Mutex<Vec<String>>,
    warnings: Mutex<Vec<String>>,
}

impl Phase {
    pub fn start(name: &'static str) -> Phase {
        Phase {
            name,
            requests: AtomicU64::new(0),
            errors: AtomicU64::new(0),
            micros: Mutex::new(Vec::new()),
            started: Instant::now(),
            wall: Mutex::new(None),
            problems: Mutex::new(Vec::new()),
            warnings: Mutex::new(Vec::new()),
        }
    }

    pub fn finish(&self) {
        *self.wall.lock().unwrap() = Some(self.started.elapsed());
    }

    /// Something that should not have happened (listed at the end; the replay fails).
    pub fn problem(&self, what: String) {
        self.errors.fetch_add(1, Ordering::Relaxed);
        let mut problems = self.problems.lock().unwrap();
        if problems.len() < 10 {
            problems.push(what);
        }
    }

    /// An error answer a person gets past by trying again (counted among the errors;
    /// the replay still fails: the retry only keeps the round going to the end).
    pub fn retried(&self, what: String) {
        self.errors.fetch_add(1, Ordering::Relaxed);
        self.warnings.lock().unwrap().push(what);
    }

    pub fn warnings(&self) -> Vec<String> {
        self.warnings.lock().unwrap().clone()
    }

    pub fn errors(&self) -> u64 {
        self.errors.load(Ordering::Relaxed)
    }

    pub fn problems(&self) -> Vec<String> {
        self.problems.lock().unwrap().clone()
    }

    /// `name  requests  errors  req/s  p50  p99` for the table.
    pub fn row(&self) -> String {
        let wall = self
            .wall
            .lock()
            .unwrap()
            .unwrap_or_else(|| self.started.elapsed());
        let mut m = self.micros.lock().unwrap().clone();
        m.sort_unstable();
        let pct = |p: f64| {
            if m.is_empty() {
                0.0
            } else {
                m[((m.len() as f64 * p).ceil() as usize).clamp(1, m.len()) - 1] as f64 / 1000.0
            }
        };
        let n = self.requests.load(Ordering::Relaxed);
        format!(
            "{:<12} {:>9} {:>7} {:>10.0} {:>9.1} {:>9.1} {:>8.1}",
            self.name,
            n,
            self.errors(),
            n as f64 / wall.as_secs_f64().max(1e-9),
            pct(0.50),
            pct(0.99),
            wall.as_secs_f64()
        )
    }
}

/// The table's header line.
pub const HEADER: &str = "phase         requests  errors  through/s   p50 ms    p99 ms   wall s";

/// An answer: status, JSON body (Null when empty or not JSON), the cookies it set.
pub struct Answer {
    pub status: u16,
    pub json: Value,
    pub cookies: Vec<String>,
}

/// A request body.
pub enum Body {
    None,
    Json(Value),
    Jpeg(Vec<u8>),
}

/// One person's HTTP: their own client (and address), device id, cookies, CSRF token.
pub struct Person {
    client: reqwest::Client,
    base: String,
    pub device: Option<String>,
    pub cookie: Option<String>,
    pub csrf: Option<String>,
}

/// The `n`-th loopback address of a block: `127.block.x.y`, x and y in 1..=254.
pub fn loopback(block: u8, n: usize) -> IpAddr {
    let x = (n / 254) % 254 + 1;
    let y = n % 254 + 1;
    let block = block.wrapping_add((n / (254 * 254)) as u8);
    IpAddr::V4(Ipv4Addr::new(127, block, x as u8, y as u8))
}

impl Person {
    pub fn new(base: &str, address: IpAddr, device: Option<String>) -> Person {
        let client = reqwest::Client::builder()
            .local_address(address)
            .no_proxy()
            .timeout(Duration::from_secs(60))
            .build()
            .expect("a plain HTTP client");
        Person {
            client,
            base: base.to_owned(),
            device,
            cookie: None,
            csrf: None,
        }
    }

    /// Sends a request, times it in `phase`, and records a problem when the status is
    /// not one of `expect`. Cookies it sets are kept for the next requests.
    pub async fn call(
        &mut self,
        phase: &Phase,
        method: Method,
        path: &str,
        body: Body,
        expect: &[u16],
    ) -> Answer {
        let mut req = self
            .client
            .request(method.clone(), format!("{}{path}", self.base));
        if let Some(d) = &self.device {
            req = req.header("x-device-id", d);
        }
        if let Some(c) = &self.cookie {
            req = req.header("cookie", c);
        }
        if let Some(t) = &self.csrf {
            req = req.header("x-csrf-token", t);
        }
        req = match body {
            Body::None => req,
            Body::Json(v) => req.json(&v),
            Body::Jpeg(bytes) => req.header("content-type", "image/jpeg").body(bytes),
        };
        let started = Instant::now();
        let sent = req.send().await;
        let answer = match sent {
            Ok(res) => {
                let status = res.status().as_u16();
                let cookies: Vec<String> = res
                    .headers()
                    .get_all("set-cookie")
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .filter_map(|v| v.split(';').next().map(str::to_owned))
                    .collect();
                let bytes = res.bytes().await.unwrap_or_default();
                Answer {
                    status,
                    json: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
                    cookies,
                }
            }
            Err(e) => Answer {
                status: 0,
                json: Value::String(e.to_string()),
                cookies: Vec::new(),
            },
        };
        let micros = started.elapsed().as_micros().min(u32::MAX as u128) as u32;
        phase.requests.fetch_add(1, Ordering::Relaxed);
        phase.micros.lock().unwrap().push(micros);
        if !answer.cookies.is_empty() {
            let mut jar: Vec<String> = self
                .cookie
                .as_deref()
                .map(|c| c.split("; ").map(str::to_owned).collect())
                .unwrap_or_default();
            for c in &answer.cookies {
                let name = c.split('=').next().unwrap_or_default();
                jar.retain(|old| old.split('=').next() != Some(name));
                jar.push(c.clone());
            }
            self.cookie = Some(jar.join("; "));
        }
        if !expect.contains(&answer.status) {
            let body: String = answer.json.to_string().chars().take(300).collect();
            phase.problem(format!(
                "{method} {path}: {} (expected {expect:?}) {body}",
                answer.status
            ));
        }
        answer
    }

    /// Staff sign-in: the session cookie and the CSRF token for writes.
    pub async fn sign_in(&mut self, phase: &Phase, username: &str, password: &str) -> bool {
        let a = self
            .call(
                phase,
                Method::POST,
                "/api/v1/session",
                Body::Json(serde_json::json!({"username": username, "password": password})),
                &[200],
            )
            .await;
        self.csrf = a.json["csrf_token"].as_str().map(str::to_owned);
        a.status == 200 && self.csrf.is_some()
    }
}

/// Runs `f` over `items` with at most `concurrency` at once.
pub async fn for_each<T, F, Fut>(items: Vec<T>, concurrency: usize, f: F)
where
    F: Fn(T) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    use futures_util::StreamExt;
    futures_util::stream::iter(items.into_iter().map(f))
        .buffer_unordered(concurrency.max(1))
        .collect::<Vec<()>>()
        .await;
}
