//! Configuration from the environment, with `--flags` too. `.env.sample` documents it.

use clap::builder::BoolishValueParser;
use clap::{ArgAction, Args};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Everything the server reads from its environment.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "PINGXUAN_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Where the SQLite database and photos (under `photos/`) live.
    #[arg(long, env = "PINGXUAN_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,

    /// `sqlite://…` (default: `<data dir>/pingxuan.db`); PostgreSQL comes with scale-out.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// The app built by Trunk (`index.html` plus hashed assets).
    #[arg(long, env = "PINGXUAN_DIST_DIR", default_value = "dist")]
    pub dist_dir: PathBuf,

    /// The address residents reach the app at (e.g. https://pingxuan.example.cn), for
    /// the links in posters' QR codes. Default: the host the request came to.
    #[arg(long, env = "PINGXUAN_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Seed a demo round into an empty database.
    #[arg(long, env = "PINGXUAN_DEMO", action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    pub demo: bool,

    /// Serve over HTTPS (behind a TLS proxy): `Secure` cookies with the `__Host-` prefix.
    #[arg(long, env = "PINGXUAN_SECURE_COOKIES", action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    pub secure_cookies: bool,

    /// Hours a staff session lasts.
    #[arg(long, env = "PINGXUAN_SESSION_HOURS", default_value_t = 12)]
    pub session_hours: i64,

    /// Login attempts allowed per client address and per user name in 15 minutes.
    #[arg(long, env = "PINGXUAN_LOGIN_ATTEMPTS", default_value_t = 10)]
    pub login_attempts: u32,

    /// Nominations one device may send per hour (one address: ten times as many, since
    /// many phones share a carrier's address).
    #[arg(long, env = "PINGXUAN_NOMINATIONS_PER_HOUR", default_value_t = 10)]
    pub nominations_per_hour: u32,

    /// Photo uploads one device may send per hour (one address: ten times as many).
    #[arg(long, env = "PINGXUAN_PHOTOS_PER_HOUR", default_value_t = 60)]
    pub photos_per_hour: u32,
}

impl Config {
    /// The database URL, defaulting to a SQLite file under the data dir.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.data_dir.join("pingxuan.db").display()),
        }
    }

    /// A configuration for tests and tools: loopback on a free port, the given data dir.
    pub fn for_data_dir(data_dir: PathBuf) -> Config {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            dist_dir: data_dir.join("dist"),
            data_dir,
            database_url: None,
            public_url: None,
            demo: false,
            secure_cookies: false,
            session_hours: 12,
            login_attempts: 10,
            nominations_per_hour: 10,
            photos_per_hour: 60,
        }
    }
}
