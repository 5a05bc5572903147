//! What every handler shares.

use crate::config::Config;
use crate::db::Db;
use crate::rate_limit::{PublicLimiter, RateLimiter};
use crate::storage::Storage;
use crate::web::Csp;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// The server's shared state; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// Login attempts per client address and per user name.
    pub login_limiter: Arc<RateLimiter>,
    /// Public writes (nominations, photo uploads) per device and per address.
    pub nomination_limiter: Arc<PublicLimiter>,
    pub photo_limiter: Arc<PublicLimiter>,
    /// Photo files.
    pub storage: Storage,
    /// Photos decoded at once: the pipeline is CPU-bound, so no more than the cores.
    pub photo_slots: Arc<Semaphore>,
    /// The Content-Security-Policy for the built app (hashes of its inline loader).
    pub csp: Arc<Csp>,
}

impl AppState {
    pub fn new(config: Config, db: Db) -> anyhow::Result<AppState> {
        let csp = Csp::for_dist(&config.dist_dir)?;
        let hour = Duration::from_secs(3600);
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(AppState {
            login_limiter: Arc::new(RateLimiter::new(
                config.login_attempts,
                Duration::from_secs(15 * 60),
            )),
            nomination_limiter: Arc::new(PublicLimiter::new(config.nominations_per_hour, hour)),
            photo_limiter: Arc::new(PublicLimiter::new(config.photos_per_hour, hour)),
            storage: match config.s3() {
                Some(s3) => Storage::s3(&s3)?,
                None => Storage::local(config.data_dir.clone()),
            },
            photo_slots: Arc::new(Semaphore::new(cores)),
            db,
            csp: Arc::new(csp),
            config: Arc::new(config),
        })
    }
}
