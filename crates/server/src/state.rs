//! What every handler shares.

use crate::ballot_box::BallotBox;
use crate::config::Config;
use crate::db::Db;
use crate::identity::sms::{DevSms, SmsSender, TencentSms, TencentSmsConfig};
use crate::identity::wechat::{WechatAuth, WechatClient, WechatConfig};
use crate::rate_limit::{PublicLimiter, RateLimiter, SharedLimiter, SharedPublicLimiter};
use crate::routes::voting::VotingCache;
use crate::secret::ServerSecret;
use crate::storage::Storage;
use crate::web::Csp;
use secrecy::SecretString;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// The server's shared state; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// Login attempts per client address and per user name (in the database: shared by
    /// every server process).
    pub login_limiter: Arc<SharedLimiter>,
    /// Public writes (nominations, photo uploads) per device and per address (per
    /// process).
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
    /// WeChat web authorization and JS-SDK signing, when an Official Account is set up.
    pub wechat: Option<Arc<dyn WechatAuth>>,
    /// SMS code requests and code checks per device and address (in the database).
    pub sms_limiter: Arc<SharedPublicLimiter>,
    pub verify_limiter: Arc<SharedPublicLimiter>,
    /// Ballot attempts per device and address, and per verified voter (per process: no
    /// database round trip on the ballot path).
    pub ballot_limiter: Arc<PublicLimiter>,
    pub voter_limiter: Arc<RateLimiter>,
    /// Voter sessions and rounds' voting rules, for the ballot hot path.
    pub voting_cache: Arc<VotingCache>,
    /// The group-commit ballot writer.
    pub ballot_box: BallotBox,
    /// The time now (rectification's due dates; tests move it forward).
    pub clock: Arc<crate::clock::Clock>,
}

impl AppState {
    pub fn new(config: Config, db: Db) -> anyhow::Result<AppState> {
        let csp = Csp::for_dist(&config.dist_dir)?;
        let hour = Duration::from_secs(3600);
        let (sms, dev_sms) = sms_provider(&config)?;
        let wechat = wechat_provider(&config)?;
        let csp = match wechat {
            Some(_) => csp.allow_script_origin(crate::routes::wechat::JSSDK_ORIGIN)?,
            None => csp,
        };
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(AppState {
            login_limiter: Arc::new(SharedLimiter::new(
                "login",
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
            sms,
            dev_sms,
            wechat,
            sms_limiter: Arc::new(SharedPublicLimiter::new(
                ("sms-device", "sms-address"),
                config.sms_codes_per_hour,
                hour,
            )),
            verify_limiter: Arc::new(SharedPublicLimiter::new(
                ("verify-device", "verify-address"),
                30,
                hour,
            )),
            ballot_limiter: Arc::new(PublicLimiter::new(config.ballots_per_hour, hour)),
            voter_limiter: Arc::new(RateLimiter::new(config.ballots_per_voter_per_hour, hour)),
            voting_cache: Arc::new(VotingCache::new(&db)),
            ballot_box: BallotBox::start(db.clone()),
            clock: Arc::new(crate::clock::Clock::default()),
            db,
            csp: Arc::new(csp),
            config: Arc::new(config),
        })
    }
}

/// The configured SMS provider; the development one (labelled, codes in the log) unless
/// `PINGXUAN_SMS_PROVIDER=tencent`.
fn sms_provider(config: &Config) -> anyhow::Result<(Arc<dyn SmsSender>, Option<Arc<DevSms>>)> {
    match config.sms_provider.as_str() {
        "dev" => {
            let dev = Arc::new(DevSms::new());
            Ok((dev.clone(), Some(dev)))
        }
        "tencent" => {
            let secret_key = config
                .tencent_sms_secret_key
                .clone()
                .ok_or_else(|| anyhow::anyhow!("PINGXUAN_TENCENT_SMS_SECRET_KEY is not set"))?;
            let sms = TencentSms::new(TencentSmsConfig {
                endpoint: config.tencent_sms_endpoint.clone(),
                secret_id: SecretString::from(config.tencent_sms_secret_id.clone()),
                secret_key,
                region: config.tencent_sms_region.clone(),
                app_id: config.tencent_sms_app_id.clone(),
                sign_name: config.tencent_sms_sign_name.clone(),
                template_id: config.tencent_sms_template_id.clone(),
                timeout: Duration::from_secs(5),
            })
            .map_err(|e| anyhow::anyhow!("Tencent Cloud SMS: {e}"))?;
            Ok((Arc::new(sms), None))
        }
        other => anyhow::bail!("PINGXUAN_SMS_PROVIDER must be dev or tencent, not {other:?}"),
    }
}

/// The WeChat client when `PINGXUAN_WECHAT_APPID` (and its secret) are set.
fn wechat_provider(config: &Config) -> anyhow::Result<Option<Arc<dyn WechatAuth>>> {
    let Some(appid) = config.wechat_appid.clone().filter(|a| !a.is_empty()) else {
        return Ok(None);
    };
    let secret = config
        .wechat_secret
        .clone()
        .ok_or_else(|| anyhow::anyhow!("PINGXUAN_WECHAT_SECRET is not set"))?;
    let client = WechatClient::new(WechatConfig {
        api_base: config.wechat_api.clone(),
        appid,
        secret,
        timeout: Duration::from_secs(5),
    })
    .map_err(|e| anyhow::anyhow!("WeChat client: {e}"))?;
    Ok(Some(Arc::new(client)))
}
