//! What every handler shares.

use crate::ballot_box::BallotBox;
use crate::config::Config;
use crate::db::Db;
use crate::identity::sms::{DevSms, SmsSender};
use crate::rate_limit::{PublicLimiter, RateLimiter};
use crate::routes::voting::VotingCache;
use crate::secret::ServerSecret;
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
    /// Keys the hashes that stand in for voters' numbers and openids.
    pub secret: Arc<ServerSecret>,
    /// Sends voters' SMS codes (the development provider logs them).
    pub sms: Arc<dyn SmsSender>,
    /// The development SMS provider when it is the one in use (tests read codes from it).
    pub dev_sms: Option<Arc<DevSms>>,
    /// SMS code requests and code checks per device and address.
    pub sms_limiter: Arc<PublicLimiter>,
    pub verify_limiter: Arc<PublicLimiter>,
    /// Ballot attempts per device and address, and per verified voter.
    pub ballot_limiter: Arc<PublicLimiter>,
    pub voter_limiter: Arc<RateLimiter>,
    /// Voter sessions and rounds' voting rules, for the ballot hot path.
    pub voting_cache: Arc<VotingCache>,
    /// The group-commit ballot writer.
    pub ballot_box: BallotBox,
}

impl AppState {
    pub fn new(config: Config, db: Db) -> anyhow::Result<AppState> {
        let csp = Csp::for_dist(&config.dist_dir)?;
        let hour = Duration::from_secs(3600);
        // Until a real SMS provider is configured: the clearly labelled development one,
        // which writes each code to the server log.
        let dev_sms = Arc::new(DevSms::default());
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
            secret: Arc::new(ServerSecret::load(
                config.secret.as_ref(),
                &config.data_dir,
            )?),
            sms: dev_sms.clone(),
            dev_sms: Some(dev_sms),
            sms_limiter: Arc::new(PublicLimiter::new(config.sms_codes_per_hour, hour)),
            verify_limiter: Arc::new(PublicLimiter::new(30, hour)),
            ballot_limiter: Arc::new(PublicLimiter::new(config.ballots_per_hour, hour)),
            voter_limiter: Arc::new(RateLimiter::new(config.ballots_per_voter_per_hour, hour)),
            voting_cache: Arc::new(VotingCache::default()),
            ballot_box: BallotBox::start(db.clone()),
            db,
            csp: Arc::new(csp),
            config: Arc::new(config),
        })
    }
}
