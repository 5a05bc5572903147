//! A throwaway PostgreSQL for tests and development: Debian's server binaries (installed
//! with apt-get when missing), a cluster made by `initdb` in a temp dir, trust
//! authentication for loopback only, started on a free loopback port with fsync off, and
//! stopped and removed when the [`TempPostgres`] guard is dropped — also when the tests
//! it served failed, or the run was interrupted with Ctrl-C.
//!
//! PostgreSQL refuses to run as root. As root (CI, these machines) the cluster is made
//! and run by the `postgres` user Debian's package creates (`nobody` when there is
//! none), through `runuser`; its temp dir is handed to that user.

use crate::{output, sh, Result};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The cluster's superuser, and the user name in [`TempPostgres::url`].
pub const SUPERUSER: &str = "postgres";

/// Where Debian's PostgreSQL server binaries are.
pub struct PgBin {
    dir: PathBuf,
}

impl PgBin {
    fn tool(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

/// Finds `initdb`, `pg_ctl` and `postgres` in one directory — on PATH, in
/// /usr/local/bin, or Debian's /usr/lib/postgresql/<version>/bin (the newest) — and
/// installs Debian's `postgresql` package when there are none.
pub fn ensure_postgres() -> Result<PgBin> {
    if let Some(dir) = find_bin_dir() {
        return Ok(PgBin { dir });
    }
    sh(Command::new("apt-get").arg("update"))?;
    sh(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends", "postgresql"])
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    find_bin_dir()
        .map(|dir| PgBin { dir })
        .ok_or_else(|| "postgresql is installed but initdb/pg_ctl/postgres are not found".into())
}

fn find_bin_dir() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    let mut debian: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse().ok()?;
            Some((version, e.path().join("bin")))
        })
        .collect();
    debian.sort_by(|a, b| b.0.cmp(&a.0));
    on_path
        .into_iter()
        .chain([PathBuf::from("/usr/local/bin")])
        .chain(debian.into_iter().map(|(_, dir)| dir))
        .find(|dir| {
            ["initdb", "pg_ctl", "postgres"]
                .iter()
                .all(|tool| dir.join(tool).is_file())
        })
}

/// A running throwaway PostgreSQL; dropping it stops the server (`pg_ctl stop -m
/// immediate`) and removes its directory.
pub struct TempPostgres {
    bin: PgBin,
    dir: PathBuf,
    port: u16,
    /// The unprivileged user the server runs as, when xtask runs as root.
    run_as: Option<String>,
}

impl TempPostgres {
    /// Makes a cluster in a fresh temp dir and starts it on a free loopback port,
    /// returning once it accepts connections.
    pub fn start() -> Result<TempPostgres> {
        let bin = ensure_postgres()?;
        let run_as = unprivileged_user()?;
        let dir =
            temp_base(run_as.is_some()).join(format!("pingxuan-postgres-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        // From here on the guard owns the directory: an error below removes it.
        let mut pg = TempPostgres {
            bin,
            dir,
            port: 0,
            run_as,
        };
        if let Some(user) = &pg.run_as {
            hand_over(&pg.dir, user)?;
        }
        interrupt_stops_children_only();
        pg.initdb()?;
        // A free port can be taken between finding it and the server binding it: retry.
        let mut last = String::new();
        for _ in 0..3 {
            pg.port = free_port()?;
            match pg.pg_ctl_start() {
                Ok(()) => return Ok(pg),
                Err(e) => last = e,
            }
        }
        Err(format!("PostgreSQL did not start: {last}"))
    }

    /// `postgres://postgres@127.0.0.1:PORT/postgres` (trust authentication: no password).
    pub fn url(&self) -> String {
        self.url_for("postgres")
    }

    /// The URL of another database on this server.
    pub fn url_for(&self, database: &str) -> String {
        format!("postgres://{SUPERUSER}@127.0.0.1:{}/{database}", self.port)
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn log(&self) -> PathBuf {
        self.dir.join("server.log")
    }

    /// A command for one of the server's tools, as the unprivileged user when root.
    fn command(&self, tool: &str) -> Command {
        let path = self.bin.tool(tool);
        match &self.run_as {
            Some(user) => {
                let mut cmd = Command::new("runuser");
                cmd.args(["-u", user, "--"]).arg(path);
                cmd
            }
            None => Command::new(path),
        }
    }

    fn initdb(&self) -> Result {
        let out = self
            .command("initdb")
            .arg("-D")
            .arg(self.data())
            .args(["-U", SUPERUSER, "--auth=trust", "--no-sync"])
            .args(["--encoding=UTF8", "--locale=C", "--no-instructions"])
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("initdb: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "initdb failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ))
        }
    }

    fn pg_ctl_start(&self) -> Result {
        // Loopback only; its socket in the temp dir (Debian's default directory may not
        // exist or be writable); durability traded for speed — the data is thrown away.
        let options = format!(
            "-c listen_addresses=127.0.0.1 -p {} -k {} -c fsync=off -c synchronous_commit=off \
             -c full_page_writes=off -c max_connections=300",
            self.port,
            self.dir.display()
        );
        let status = self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.data())
            .arg("-l")
            .arg(self.log())
            .args(["-o", &options, "-w", "-t", "60", "start"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .status()
            .map_err(|e| format!("pg_ctl: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            let log = std::fs::read_to_string(self.log()).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(5).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            Err(format!("pg_ctl start: {status}\n{}", tail.join("\n")))
        }
    }
}

impl Drop for TempPostgres {
    fn drop(&mut self) {
        if self.data().join("postmaster.pid").exists() {
            let _ = self
                .command("pg_ctl")
                .arg("-D")
                .arg(self.data())
                .args(["-m", "immediate", "-w", "stop"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
        if let Err(e) = std::fs::remove_dir_all(&self.dir) {
            eprintln!("xtask: removing {}: {e}", self.dir.display());
        }
    }
}

/// `cargo xtask postgres`: starts a throwaway PostgreSQL, prints its URL and keeps it
/// until Ctrl-C, then stops and removes it.
pub fn serve() -> Result {
    let pg = TempPostgres::start()?;
    println!();
    println!("  Throwaway PostgreSQL on {}", pg.url());
    println!("  (data in {}; removed on Ctrl-C)", pg.dir.display());
    println!();
    println!("  Server API tests on it:");
    println!(
        "    PINGXUAN_TEST_POSTGRES_URL={} cargo test -p pingxuan-server --test api",
        pg.url()
    );
    println!("  A server on a database of its own:");
    println!(
        "    psql {} -c 'CREATE DATABASE dev' && DATABASE_URL={} cargo run -p pingxuan-server",
        pg.url(),
        pg.url_for("dev")
    );
    println!();
    while !INTERRUPTED.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(200));
    }
    eprintln!("xtask: stopping PostgreSQL");
    Ok(())
}

/// Set by SIGINT/SIGTERM while a throwaway server runs.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_interrupt(_signal: libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Ctrl-C reaches the whole foreground process group: the tests xtask runs stop and
/// their command returns an error, while xtask itself only notes it, so the guard's
/// `Drop` still stops the server and removes its files. (`pg_ctl` starts the server in
/// a session of its own, out of the terminal's reach.)
fn interrupt_stops_children_only() {
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(
            libc::SIGINT,
            on_interrupt as *const () as libc::sighandler_t,
        );
        libc::signal(
            libc::SIGTERM,
            on_interrupt as *const () as libc::sighandler_t,
        );
    }
}

/// `None` when not root; as root, the user to run PostgreSQL as.
fn unprivileged_user() -> Result<Option<String>> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        return Ok(None);
    }
    ["postgres", "nobody"]
        .into_iter()
        .find(|user| output(Command::new("id").args(["-u", user])).is_some())
        .map(|user| Some(user.to_owned()))
        .ok_or_else(|| "running as root and there is no postgres or nobody user".into())
}

/// The system temp dir, or /tmp when another user must reach into it and cannot (a
/// private TMPDIR).
fn temp_base(other_user: bool) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let base = std::env::temp_dir();
    let reachable = base
        .ancestors()
        .all(|dir| std::fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o001 != 0));
    if other_user && !reachable {
        PathBuf::from("/tmp")
    } else {
        base
    }
}

/// Gives `dir` to `user` (its uid and group).
fn hand_over(dir: &Path, user: &str) -> Result {
    let id = |flag: &str| -> Result<u32> {
        output(Command::new("id").args([flag, user]))
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("id {flag} {user} failed"))
    };
    std::os::unix::fs::chown(dir, Some(id("-u")?), Some(id("-g")?))
        .map_err(|e| format!("chown {}: {e}", dir.display()))
}

fn free_port() -> Result<u16> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("finding a free port: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real cluster: it accepts connections on its port, and dropping the guard stops
    /// it and removes its files. Skipped where PostgreSQL is not installed (the test
    /// command installs it before it needs it).
    #[test]
    fn starts_accepts_connections_and_cleans_up() {
        if find_bin_dir().is_none() {
            eprintln!("PostgreSQL is not installed: skipped");
            return;
        }
        let pg = TempPostgres::start().expect("start");
        let (dir, port) = (pg.dir.clone(), pg.port);
        assert!(pg.url().starts_with("postgres://postgres@127.0.0.1:"));
        std::net::TcpStream::connect(("127.0.0.1", port)).expect("accepts connections");
        let hba = std::fs::read_to_string(pg.data().join("pg_hba.conf")).unwrap();
        let trusted: Vec<&str> = hba
            .lines()
            .filter(|l| l.starts_with("host"))
            .filter_map(|l| l.split_whitespace().nth(3))
            .collect();
        assert!(!trusted.is_empty());
        assert!(trusted
            .iter()
            .all(|a| *a == "127.0.0.1/32" || *a == "::1/128"));
        drop(pg);
        assert!(!dir.exists(), "the data dir is removed");
        assert!(
            std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
            "the server is stopped"
        );
    }
}
