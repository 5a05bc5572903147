//! What every handler shares.

use crate::config::Config;
use crate::db::Db;
use crate::rate_limit::RateLimiter;
use crate::web::Csp;
use std::sync::Arc;
use std::time::Duration;

/// The server's shared state; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// Login attempts per client address and per user name.
    pub login_limiter: Arc<RateLimiter>,
    /// The Content-Security-Policy for the built app (hashes of its inline loader).
    pub csp: Arc<Csp>,
}

impl AppState {
    pub fn new(config: Config, db: Db) -> anyhow::Result<AppState> {
        let csp = Csp::for_dist(&config.dist_dir)?;
        Ok(AppState {
            login_limiter: Arc::new(RateLimiter::new(
                config.login_attempts,
                Duration::from_secs(15 * 60),
            )),
            db,
            csp: Arc::new(csp),
            config: Arc::new(config),
        })
    }
}
