//! The real server binary on a fresh SQLite database in a temp dir, on a free loopback
//! port: an admin made with `pingxuan-server admin create`, then `serve` with the demo
//! seed (the place register, the four approved score sheets, 40 inspectors in 10
//! sub-groups). The server's output is read line by line: the development SMS
//! provider writes each code it "sends" there (`code 123456 for +86138****5678`), and
//! that is how simulated voters read their codes, as a person running the demo does.

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// The admin's password on the replay's own throwaway database.
pub const ADMIN_PASSWORD: &str = "replay-admin-password";
/// The log filter the server runs with: its warnings (the development SMS provider's
/// codes among them) and errors.
pub const LOG_FILTER: &str = "warn";

/// A code read from the log before anyone waited for it, or a voter waiting for one.
enum Slot {
    Code(String),
    Waiting(oneshot::Sender<String>),
}

/// The development provider's codes by masked number, as the log shows them.
#[derive(Default)]
pub struct SmsCodes {
    slots: Mutex<HashMap<String, Slot>>,
}

impl SmsCodes {
    fn deliver(&self, masked: String, code: String) {
        let mut slots = self.slots.lock().unwrap();
        match slots.remove(&masked) {
            Some(Slot::Waiting(tx)) => {
                let _ = tx.send(code);
            }
            _ => {
                slots.insert(masked, Slot::Code(code));
            }
        }
    }

    /// Waits (up to ten seconds) for the next code logged for `masked`.
    pub async fn wait(&self, masked: &str) -> Option<String> {
        let rx = {
            let mut slots = self.slots.lock().unwrap();
            if let Some(Slot::Code(code)) = slots.remove(masked) {
                return Some(code);
            }
            let (tx, rx) = oneshot::channel();
            slots.insert(masked.to_owned(), Slot::Waiting(tx));
            rx
        };
        tokio::time::timeout(Duration::from_secs(10), rx)
            .await
            .ok()?
            .ok()
    }
}

/// `… code 123456 for +86138****5678` → (masked number, code).
fn parse_code_line(line: &str) -> Option<(String, String)> {
    if !line.contains("DEVELOPMENT SMS PROVIDER") {
        return None;
    }
    let rest = &line[line.find("] code ")? + 7..];
    let code: String = rest.chars().take(6).collect();
    let masked = rest[6..].strip_prefix(" for ")?;
    let masked: String = masked
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '+' || *c == '*')
        .collect();
    (code.len() == 6 && code.chars().all(|c| c.is_ascii_digit())).then_some((masked, code))
}

/// The running server; killed and its data dir removed when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    pub data: PathBuf,
    pub codes: Arc<SmsCodes>,
    tail: Arc<Mutex<VecDeque<String>>>,
    /// Keep the data dir (its `server.log`) after a failed run.
    pub keep: bool,
}

impl Server {
    /// Starts `binary` on a fresh database; returns once `/api/v1/health` answers.
    pub fn start(binary: &Path) -> Result<Server, String> {
        let data = std::env::temp_dir().join(format!("pingxuan-replay-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&data);
        std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
        let made = Command::new(binary)
            .args(["admin", "create", "--username", "admin"])
            .env("PINGXUAN_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env("PINGXUAN_DATA_DIR", &data)
            .env("RUST_LOG", LOG_FILTER)
            .env("NO_COLOR", "1")
            .output()
            .map_err(|e| format!("starting {}: {e}", binary.display()))?;
        if !made.status.success() {
            return Err(format!(
                "admin create failed: {}",
                String::from_utf8_lossy(&made.stderr)
            ));
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| e.to_string())?
            .port();
        let mut child = Command::new(binary)
            .env("PINGXUAN_ADDR", format!("127.0.0.1:{port}"))
            .env("PINGXUAN_DATA_DIR", &data)
            .env("PINGXUAN_DIST_DIR", data.join("no-dist"))
            .env("PINGXUAN_DEMO", "1")
            .env("PINGXUAN_SMS_PROVIDER", "dev")
            .env("RUST_LOG", LOG_FILTER)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("starting {}: {e}", binary.display()))?;
        let codes = Arc::new(SmsCodes::default());
        let tail = Arc::new(Mutex::new(VecDeque::new()));
        let log = std::fs::File::create(data.join("server.log")).map_err(|e| e.to_string())?;
        let log = Arc::new(Mutex::new(log));
        let out: Box<dyn std::io::Read + Send> = Box::new(child.stdout.take().unwrap());
        let err: Box<dyn std::io::Read + Send> = Box::new(child.stderr.take().unwrap());
        for stream in [out, err] {
            let (codes, tail, log) = (codes.clone(), tail.clone(), log.clone());
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if let Some((masked, code)) = parse_code_line(&line) {
                        codes.deliver(masked, code);
                        continue;
                    }
                    let _ = writeln!(log.lock().unwrap(), "{line}");
                    let mut tail = tail.lock().unwrap();
                    if tail.len() == 40 {
                        tail.pop_front();
                    }
                    tail.push_back(line);
                }
            });
        }
        let server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            data,
            codes,
            tail,
            keep: false,
        };
        server.wait_healthy(Duration::from_secs(30))?;
        Ok(server)
    }

    fn wait_healthy(&self, limit: Duration) -> Result<(), String> {
        let deadline = Instant::now() + limit;
        let addr = self.base.trim_start_matches("http://").to_owned();
        while Instant::now() < deadline {
            if std::net::TcpStream::connect(&addr).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(format!("the server did not answer within {limit:?}"))
    }

    /// The server's last lines other than SMS codes (for a failure report).
    pub fn tail(&self) -> Vec<String> {
        self.tail.lock().unwrap().iter().cloned().collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if !self.keep {
            let _ = std::fs::remove_dir_all(&self.data);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_development_providers_line() {
        let line = "2026-12-05T05:00:00.000000Z  WARN pingxuan_server::identity::sms: [DEVELOPMENT SMS PROVIDER — no message is sent] code 042917 for +86138****5678";
        assert_eq!(
            parse_code_line(line),
            Some(("+86138****5678".into(), "042917".into()))
        );
        assert_eq!(parse_code_line("WARN something else code 123456"), None);
    }
}
