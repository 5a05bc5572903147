//! Configuration from the environment, with `--flags` too. `.env.sample` documents it.

use crate::proxies::TrustedProxies;
use crate::storage::S3Settings;
use clap::builder::BoolishValueParser;
use clap::{ArgAction, Args};
use secrecy::SecretString;
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

    /// `sqlite://…` (default: `<data dir>/pingxuan.db`) or `postgres://…`.
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

    /// Reverse proxies whose `X-Forwarded-For` names the client (comma-separated CIDR
    /// networks or addresses, e.g. `10.0.0.0/8,127.0.0.1`). Empty: the connection's own
    /// address is the client's, and the header is ignored.
    #[arg(long, env = "PINGXUAN_TRUSTED_PROXIES", default_value = "", value_parser = TrustedProxies::parse)]
    pub trusted_proxies: TrustedProxies,

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

    /// SMS codes one device may ask for per hour (one address: ten times as many).
    #[arg(long, env = "PINGXUAN_SMS_CODES_PER_HOUR", default_value_t = 5)]
    pub sms_codes_per_hour: u32,

    /// Ballot attempts one device may make per hour (one address: ten times as many —
    /// a family or a village office shares one phone or one network).
    #[arg(long, env = "PINGXUAN_BALLOTS_PER_HOUR", default_value_t = 40)]
    pub ballots_per_hour: u32,

    /// Ballot attempts one verified voter may make per hour (four categories, a few
    /// retries each).
    #[arg(
        long,
        env = "PINGXUAN_BALLOTS_PER_VOTER_PER_HOUR",
        default_value_t = 30
    )]
    pub ballots_per_voter_per_hour: u32,

    /// The server's secret key, base64, ≥ 32 bytes (environment only). Every server
    /// behind one database needs the same one; default: `<data dir>/secret.key`.
    #[arg(skip = std::env::var("PINGXUAN_SECRET").ok().map(SecretString::from))]
    pub secret: Option<SecretString>,

    /// Who sends voters' SMS codes: `dev` (the development provider: codes go to the
    /// server log, no message is sent) or `tencent` (Tencent Cloud SMS).
    #[arg(long, env = "PINGXUAN_SMS_PROVIDER", default_value = "dev")]
    pub sms_provider: String,

    /// Tencent Cloud SMS: the API address (a stand-in in tests).
    #[arg(long, env = "PINGXUAN_TENCENT_SMS_ENDPOINT", default_value = crate::identity::sms::TENCENT_SMS_ENDPOINT)]
    pub tencent_sms_endpoint: String,

    /// Tencent Cloud SMS: region (`ap-guangzhou`, `ap-beijing`, `ap-nanjing`).
    #[arg(
        long,
        env = "PINGXUAN_TENCENT_SMS_REGION",
        default_value = "ap-guangzhou"
    )]
    pub tencent_sms_region: String,

    /// Tencent Cloud SMS: `SecretId`.
    #[arg(long, env = "PINGXUAN_TENCENT_SMS_SECRET_ID", default_value = "")]
    pub tencent_sms_secret_id: String,

    /// Tencent Cloud SMS: `SecretKey` (environment only).
    #[arg(skip = std::env::var("PINGXUAN_TENCENT_SMS_SECRET_KEY").ok().map(SecretString::from))]
    pub tencent_sms_secret_key: Option<SecretString>,

    /// Tencent Cloud SMS: `SmsSdkAppId`, the approved signature and the code template.
    #[arg(long, env = "PINGXUAN_TENCENT_SMS_APP_ID", default_value = "")]
    pub tencent_sms_app_id: String,
    #[arg(long, env = "PINGXUAN_TENCENT_SMS_SIGN_NAME", default_value = "")]
    pub tencent_sms_sign_name: String,
    #[arg(long, env = "PINGXUAN_TENCENT_SMS_TEMPLATE_ID", default_value = "")]
    pub tencent_sms_template_id: String,

    /// WeChat Official Account (服务号) app id: enables voting by WeChat authorization.
    #[arg(long, env = "PINGXUAN_WECHAT_APPID")]
    pub wechat_appid: Option<String>,

    /// The Official Account's AppSecret (environment only).
    #[arg(skip = std::env::var("PINGXUAN_WECHAT_SECRET").ok().map(SecretString::from))]
    pub wechat_secret: Option<SecretString>,

    /// WeChat's API address (a stand-in in tests).
    #[arg(long, env = "PINGXUAN_WECHAT_API", default_value = crate::identity::wechat::WECHAT_API)]
    pub wechat_api: String,

    /// Keep photos in this S3-compatible bucket instead of under the data dir.
    #[arg(long, env = "PINGXUAN_S3_BUCKET")]
    pub s3_bucket: Option<String>,

    /// The object store's address (MinIO, OSS, COS …); AWS S3 when absent.
    #[arg(long, env = "PINGXUAN_S3_ENDPOINT")]
    pub s3_endpoint: Option<String>,

    /// The bucket's region.
    #[arg(long, env = "PINGXUAN_S3_REGION", default_value = "us-east-1")]
    pub s3_region: String,

    /// Access key id for the bucket.
    #[arg(long, env = "PINGXUAN_S3_ACCESS_KEY_ID", default_value = "")]
    pub s3_access_key_id: String,

    /// Secret access key for the bucket (environment only: never on a command line).
    #[arg(skip = std::env::var("PINGXUAN_S3_SECRET_ACCESS_KEY").ok().map(SecretString::from))]
    pub s3_secret_access_key: Option<SecretString>,

    /// Virtual-hosted-style addresses (`bucket.endpoint`), as OSS and COS require.
    #[arg(long, env = "PINGXUAN_S3_VIRTUAL_HOSTED", action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    pub s3_virtual_hosted: bool,
}

impl Config {
    /// The S3 settings when a bucket is configured.
    pub fn s3(&self) -> Option<S3Settings> {
        let bucket = self.s3_bucket.clone().filter(|b| !b.is_empty())?;
        Some(S3Settings {
            bucket,
            endpoint: self.s3_endpoint.clone().filter(|e| !e.is_empty()),
            region: self.s3_region.clone(),
            access_key_id: self.s3_access_key_id.clone(),
            secret_access_key: self
                .s3_secret_access_key
                .clone()
                .unwrap_or_else(|| SecretString::from(String::new())),
            virtual_hosted: self.s3_virtual_hosted,
        })
    }

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
            trusted_proxies: TrustedProxies::default(),
            login_attempts: 10,
            nominations_per_hour: 10,
            photos_per_hour: 60,
            sms_codes_per_hour: 5,
            ballots_per_hour: 40,
            ballots_per_voter_per_hour: 30,
            secret: None,
            sms_provider: "dev".into(),
            tencent_sms_endpoint: crate::identity::sms::TENCENT_SMS_ENDPOINT.into(),
            tencent_sms_region: "ap-guangzhou".into(),
            tencent_sms_secret_id: String::new(),
            tencent_sms_secret_key: None,
            tencent_sms_app_id: String::new(),
            tencent_sms_sign_name: String::new(),
            tencent_sms_template_id: String::new(),
            wechat_appid: None,
            wechat_secret: None,
            wechat_api: crate::identity::wechat::WECHAT_API.into(),
            s3_bucket: None,
            s3_endpoint: None,
            s3_region: "us-east-1".into(),
            s3_access_key_id: String::new(),
            s3_secret_access_key: None,
            s3_virtual_hosted: false,
        }
    }
}
