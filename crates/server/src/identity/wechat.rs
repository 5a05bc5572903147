//! WeChat Official Account web authorization (网页授权, `snsapi_base`: the voter's openid,
//! no profile, no consent page) and JS-SDK signing, behind the [`WechatAuth`] trait; plus
//! the signed `state` value that ties an authorization callback to its start.

use super::BoxFuture;
use chrono::{DateTime, TimeDelta, Utc};
use hmac::{Hmac, Mac};
use rand::{Rng, RngCore};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha1::{Digest, Sha1};
use sha2::Sha256;
use std::time::{Duration, Instant};

/// WeChat's API host.
pub const WECHAT_API: &str = "https://api.weixin.qq.com";
/// Where the voter's browser is sent to authorize.
const AUTHORIZE: &str = "https://open.weixin.qq.com/connect/oauth2/authorize";
/// A cached `access_token` or `jsapi_ticket` is refreshed this long before WeChat says it
/// expires, so a signature handed out never carries a ticket about to lapse.
const REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

/// A voter's openid: stable for one voter under one Official Account, and meaningless
/// elsewhere, so it identifies a voter without any personal data.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OpenId(String);

impl OpenId {
    pub fn new(openid: impl Into<String>) -> OpenId {
        OpenId(openid.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Why WeChat did not vouch for a voter or sign a page.
#[derive(Debug, thiserror::Error)]
pub enum WechatError {
    /// errcode 40029: the code is not one WeChat issued to this app (or it has expired,
    /// after 5 minutes). The voter should start the authorization again.
    #[error("WeChat does not know this authorization code")]
    InvalidCode,
    /// errcode 40163: the code was exchanged already; a reloaded callback page does this.
    #[error("this WeChat authorization code was used already")]
    CodeUsed,
    /// Any other errcode: a wrong app id or secret (40013, 40125, 40001), a server address
    /// not on the account's IP allow-list (40164), … — mostly configuration faults.
    #[error("WeChat refused: errcode {errcode}: {errmsg}")]
    Other { errcode: i64, errmsg: String },
    /// WeChat could not be asked or gave no usable answer: network, timeout, 5xx, errcode -1
    /// ("system busy").
    #[error("WeChat is unavailable: {0}")]
    Unavailable(String),
}

/// What `wx.config` needs; serialized with WeChat's field names (`appId`, `nonceStr` …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsSdkSignature {
    pub app_id: String,
    pub timestamp: i64,
    pub nonce_str: String,
    pub signature: String,
}

/// WeChat identity for the voting routes. Object-safe, so the app state holds
/// `Arc<dyn WechatAuth>` and picks [`WechatClient`] or [`DevWechat`] at start-up.
pub trait WechatAuth: Send + Sync + 'static {
    /// The Official Account's app id.
    fn app_id(&self) -> &str;

    /// Where to send the voter's browser to start authorization; see [`authorize_url`].
    fn authorize_url(&self, redirect_uri: &str, state: &str) -> String {
        authorize_url(self.app_id(), redirect_uri, state)
    }

    /// Exchanges the `code` WeChat put on the callback for the voter's openid. A code
    /// works once.
    fn exchange_code<'a>(&'a self, code: &'a str) -> BoxFuture<'a, Result<OpenId, WechatError>>;

    /// Signs `url` (the page's address; any `#fragment` is dropped, as WeChat requires)
    /// for `wx.config`.
    fn sign<'a>(&'a self, url: &'a str) -> BoxFuture<'a, Result<JsSdkSignature, WechatError>>;
}

/// The `snsapi_base` authorization address, parameters in the order WeChat documents
/// (it is known to reject other orders) and `#wechat_redirect` last.
pub fn authorize_url(appid: &str, redirect_uri: &str, state: &str) -> String {
    format!(
        "{AUTHORIZE}?appid={}&redirect_uri={}&response_type=code&scope=snsapi_base&state={}\
         #wechat_redirect",
        url_encode(appid),
        url_encode(redirect_uri),
        url_encode(state),
    )
}

/// Percent-encodes everything but RFC 3986's unreserved characters, like JavaScript's
/// `encodeURIComponent`, which is what WeChat's examples use for `redirect_uri`.
fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The JS-SDK signature as WeChat documents it (附录1): SHA-1, hex, over
/// `jsapi_ticket=…&noncestr=…&timestamp=…&url=…` with the url's `#fragment` removed.
pub fn jsapi_signature(jsapi_ticket: &str, nonce_str: &str, timestamp: i64, url: &str) -> String {
    let url = url.split('#').next().unwrap_or_default();
    let plain =
        format!("jsapi_ticket={jsapi_ticket}&noncestr={nonce_str}&timestamp={timestamp}&url={url}");
    hex::encode(Sha1::digest(plain.as_bytes()))
}

fn nonce_str() -> String {
    rand::thread_rng()
        .sample_iter(rand::distributions::Alphanumeric)
        .take(16)
        .map(char::from)
        .collect()
}

// ---------------------------------------------------------------------------------------
// The real client
// ---------------------------------------------------------------------------------------

/// How to reach WeChat for one Official Account.
#[derive(Debug, Clone)]
pub struct WechatConfig {
    /// [`WECHAT_API`], or a stand-in (`http://127.0.0.1:…`) in tests.
    pub api_base: String,
    pub appid: String,
    pub secret: SecretString,
    /// For each request, connecting included; 5 s in production.
    pub timeout: Duration,
}

/// The WeChat API client. The `access_token` and `jsapi_ticket` are cached: WeChat limits
/// how often they may be fetched (2000 a day) and a fresh `access_token` invalidates the
/// old one, so each is fetched by one caller at a time and reused until near its expiry.
///
/// Run one `WechatClient` per Official Account in one process: a second process fetching
/// its own `access_token` would invalidate this one's (it recovers by fetching again).
#[derive(Debug)]
pub struct WechatClient {
    api_base: String,
    appid: String,
    secret: SecretString,
    http: reqwest::Client,
    access_token: TokenCache,
    jsapi_ticket: TokenCache,
}

/// A could-not-start fault in the configuration.
#[derive(Debug, thiserror::Error)]
#[error("could not start the HTTP client for WeChat: {0}")]
pub struct WechatSetupError(reqwest::Error);

impl WechatClient {
    pub fn new(config: WechatConfig) -> Result<WechatClient, WechatSetupError> {
        let http = super::http::client(config.timeout).map_err(WechatSetupError)?;
        Ok(WechatClient {
            api_base: config.api_base.trim_end_matches('/').to_owned(),
            appid: config.appid,
            secret: config.secret,
            http,
            access_token: TokenCache::default(),
            jsapi_ticket: TokenCache::default(),
        })
    }

    async fn exchange(&self, code: &str) -> Result<OpenId, WechatError> {
        // WeChat's codes are short printable strings; anything else is not worth a request.
        if code.is_empty() || code.len() > 512 {
            return Err(WechatError::InvalidCode);
        }
        let reply = self
            .get(
                "/sns/oauth2/access_token",
                &[
                    ("appid", self.appid.as_str()),
                    ("secret", self.secret.expose_secret()),
                    ("code", code),
                    ("grant_type", "authorization_code"),
                ],
            )
            .await?;
        match reply.openid {
            Some(openid) if !openid.is_empty() => Ok(OpenId(openid)),
            _ => Err(WechatError::Unavailable("no openid in the answer".into())),
        }
    }

    async fn sign_url(&self, url: &str) -> Result<JsSdkSignature, WechatError> {
        let ticket = self.ticket().await?;
        let timestamp = Utc::now().timestamp();
        let nonce_str = nonce_str();
        let signature = jsapi_signature(ticket.expose_secret(), &nonce_str, timestamp, url);
        Ok(JsSdkSignature {
            app_id: self.appid.clone(),
            timestamp,
            nonce_str,
            signature,
        })
    }

    /// The cached `jsapi_ticket`, fetched when missing or near expiry. If WeChat says the
    /// cached `access_token` is no longer valid (another process fetched a newer one), the
    /// token is fetched again and the ticket asked for once more.
    async fn ticket(&self) -> Result<SecretString, WechatError> {
        let mut slot = self.jsapi_ticket.0.lock().await;
        if let Some(ticket) = fresh(&slot) {
            return Ok(ticket);
        }
        let reply = match self.fetch_ticket().await {
            Err(WechatError::Other { errcode, .. }) if matches!(errcode, 40001 | 40014 | 42001) => {
                tracing::info!(
                    errcode,
                    "WeChat access_token no longer valid; fetching anew"
                );
                *self.access_token.0.lock().await = None;
                self.fetch_ticket().await?
            }
            other => other?,
        };
        let (ticket, expires_in) = reply
            .ticket
            .zip(reply.expires_in)
            .ok_or_else(|| WechatError::Unavailable("no ticket in the answer".into()))?;
        Ok(store(&mut slot, ticket, expires_in))
    }

    async fn fetch_ticket(&self) -> Result<Reply, WechatError> {
        let token = self.token().await?;
        self.get(
            "/cgi-bin/ticket/getticket",
            &[("access_token", token.expose_secret()), ("type", "jsapi")],
        )
        .await
    }

    /// The cached `access_token`, fetched when missing or near expiry.
    async fn token(&self) -> Result<SecretString, WechatError> {
        let mut slot = self.access_token.0.lock().await;
        if let Some(token) = fresh(&slot) {
            return Ok(token);
        }
        let reply = self
            .get(
                "/cgi-bin/token",
                &[
                    ("grant_type", "client_credential"),
                    ("appid", self.appid.as_str()),
                    ("secret", self.secret.expose_secret()),
                ],
            )
            .await?;
        let (token, expires_in) = reply
            .access_token
            .zip(reply.expires_in)
            .ok_or_else(|| WechatError::Unavailable("no access_token in the answer".into()))?;
        Ok(store(&mut slot, token, expires_in))
    }

    /// One GET to WeChat. The query carries the app secret or the access token, so the
    /// URL is never logged and reqwest's errors are stripped of it.
    async fn get(&self, path: &'static str, query: &[(&str, &str)]) -> Result<Reply, WechatError> {
        let response = self
            .http
            .get(format!("{}{path}", self.api_base))
            .query(query)
            .send()
            .await
            .map_err(unavailable)?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(unavailable)?;
        if !status.is_success() {
            return Err(WechatError::Unavailable(format!(
                "HTTP {status} from {path}"
            )));
        }
        let reply: Reply = serde_json::from_slice(&bytes)
            .map_err(|e| WechatError::Unavailable(format!("unreadable answer from {path}: {e}")))?;
        let err = match reply.errcode {
            0 => return Ok(reply),
            -1 => WechatError::Unavailable(format!("{path}: system busy: {}", reply.errmsg)),
            40029 => WechatError::InvalidCode,
            40163 => WechatError::CodeUsed,
            errcode => {
                tracing::warn!(path, errcode, errmsg = %reply.errmsg, "WeChat refused");
                WechatError::Other {
                    errcode,
                    errmsg: reply.errmsg,
                }
            }
        };
        Err(err)
    }
}

impl WechatAuth for WechatClient {
    fn app_id(&self) -> &str {
        &self.appid
    }

    fn exchange_code<'a>(&'a self, code: &'a str) -> BoxFuture<'a, Result<OpenId, WechatError>> {
        Box::pin(self.exchange(code))
    }

    fn sign<'a>(&'a self, url: &'a str) -> BoxFuture<'a, Result<JsSdkSignature, WechatError>> {
        Box::pin(self.sign_url(url))
    }
}

fn unavailable(err: reqwest::Error) -> WechatError {
    WechatError::Unavailable(super::http::failure(err))
}

/// Every WeChat answer in one shape: `errcode` absent or 0 on success.
#[derive(Deserialize)]
struct Reply {
    #[serde(default)]
    errcode: i64,
    #[serde(default)]
    errmsg: String,
    openid: Option<String>,
    access_token: Option<String>,
    ticket: Option<String>,
    expires_in: Option<u64>,
}

/// A value and when to stop using it. The async mutex is held across a refresh, which is
/// what makes concurrent callers wait for one fetch instead of each making their own.
#[derive(Debug, Default)]
struct TokenCache(tokio::sync::Mutex<Option<Cached>>);

#[derive(Debug)]
struct Cached {
    value: SecretString,
    use_until: Instant,
}

fn fresh(slot: &Option<Cached>) -> Option<SecretString> {
    slot.as_ref()
        .filter(|c| Instant::now() < c.use_until)
        .map(|c| c.value.clone())
}

/// Caches `value` until [`REFRESH_MARGIN`] before `expires_in` seconds; a value that
/// lives shorter than the margin is used once and not kept.
fn store(slot: &mut Option<Cached>, value: String, expires_in: u64) -> SecretString {
    let value = SecretString::from(value);
    let keep = Duration::from_secs(expires_in).saturating_sub(REFRESH_MARGIN);
    *slot = Some(Cached {
        value: value.clone(),
        use_until: Instant::now() + keep,
    });
    value
}

// ---------------------------------------------------------------------------------------
// Development provider
// ---------------------------------------------------------------------------------------

/// **Development only: no WeChat involved.** Its authorization address sends the browser
/// straight back to `redirect_uri` with a made-up code `dev_<random>`, and any code of
/// 1–64 letters, digits, `_` or `-` exchanges to the openid `dev-<code>`. Unlike WeChat a
/// code may be exchanged again, so a demo or test acts as the same voter by reusing it.
/// JS-SDK signatures are computed with a fixed fake ticket: the page works, sharing
/// does not.
#[derive(Debug, Default)]
pub struct DevWechat;

impl DevWechat {
    pub fn new() -> DevWechat {
        tracing::warn!(
            "[DEVELOPMENT WECHAT PROVIDER] no WeChat authorization; any voter can claim any openid"
        );
        DevWechat
    }
}

impl WechatAuth for DevWechat {
    fn app_id(&self) -> &str {
        "dev"
    }

    fn authorize_url(&self, redirect_uri: &str, state: &str) -> String {
        let join = if redirect_uri.contains('?') { '&' } else { '?' };
        format!(
            "{redirect_uri}{join}code=dev_{}&state={}",
            nonce_str(),
            url_encode(state)
        )
    }

    fn exchange_code<'a>(&'a self, code: &'a str) -> BoxFuture<'a, Result<OpenId, WechatError>> {
        Box::pin(async move {
            let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
            if code.is_empty() || code.len() > 64 || !code.chars().all(allowed) {
                return Err(WechatError::InvalidCode);
            }
            Ok(OpenId(format!("dev-{code}")))
        })
    }

    fn sign<'a>(&'a self, url: &'a str) -> BoxFuture<'a, Result<JsSdkSignature, WechatError>> {
        Box::pin(async move {
            let timestamp = Utc::now().timestamp();
            let nonce_str = nonce_str();
            let signature = jsapi_signature("dev-jsapi-ticket", &nonce_str, timestamp, url);
            Ok(JsSdkSignature {
                app_id: "dev".into(),
                timestamp,
                nonce_str,
                signature,
            })
        })
    }
}

// ---------------------------------------------------------------------------------------
// The authorization `state`
// ---------------------------------------------------------------------------------------

/// How long a voter has from starting authorization to arriving at the callback.
pub const STATE_TTL: TimeDelta = TimeDelta::minutes(10);
/// Separates this MAC from any other the same server secret makes.
const STATE_LABEL: &[u8] = b"pingxuan wechat oauth state v1\0";
const NONCE_LEN: usize = 16;
/// 16 bytes of nonce, 8 of expiry, 32 of MAC, in hex: 112 characters, inside WeChat's
/// limit for `state` (at most 128 bytes of `a-zA-Z0-9`).
const STATE_HEX_LEN: usize = 2 * (NONCE_LEN + 8 + 32);

/// Why a callback's `state` is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StateError {
    #[error("the state is not one this server makes")]
    Malformed,
    /// The MAC does not match: altered, made without the key, or for another binding.
    #[error("the state was not issued by this server for this browser")]
    Forged,
    #[error("the state has expired; start the authorization again")]
    Expired,
}

/// A fresh `state` for [`authorize_url`]: a random nonce and an expiry ([`STATE_TTL`]
/// from `now`), with an HMAC-SHA256 under `key` (the server's secret, 32+ random bytes),
/// so the callback can check it without storing anything.
///
/// `binding` is folded into the MAC but not written into the state: pass something the
/// same browser will present at the callback (a cookie set when authorization starts,
/// the device id), so a state an attacker obtained for their own browser does not work
/// in a victim's (login CSRF). Pass `""` to bind to nothing.
pub fn issue_state(key: &[u8], binding: &str, now: DateTime<Utc>) -> String {
    let mut nonce = [0u8; NONCE_LEN];
    rand::thread_rng().fill_bytes(&mut nonce);
    let expires = (now + STATE_TTL).timestamp().max(0) as u64;
    let mac = state_mac(key, binding, &nonce, expires)
        .finalize()
        .into_bytes();
    format!(
        "{}{}{}",
        hex::encode(nonce),
        hex::encode(expires.to_be_bytes()),
        hex::encode(mac)
    )
}

/// Checks a `state` made by [`issue_state`] with the same `key` and `binding`: the MAC
/// first (in constant time), then the expiry.
pub fn verify_state(
    key: &[u8],
    binding: &str,
    state: &str,
    now: DateTime<Utc>,
) -> Result<(), StateError> {
    if state.len() != STATE_HEX_LEN {
        return Err(StateError::Malformed);
    }
    let bytes = hex::decode(state).map_err(|_| StateError::Malformed)?;
    let (nonce, rest) = bytes.split_at(NONCE_LEN);
    let (expires, mac) = rest.split_at(8);
    let mut expires_be = [0u8; 8];
    expires_be.copy_from_slice(expires);
    let expires = u64::from_be_bytes(expires_be);
    state_mac(key, binding, nonce, expires)
        .verify_slice(mac)
        .map_err(|_| StateError::Forged)?;
    if now.timestamp() > i64::try_from(expires).unwrap_or(i64::MAX) {
        return Err(StateError::Expired);
    }
    Ok(())
}

fn state_mac(key: &[u8], binding: &str, nonce: &[u8], expires: u64) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(STATE_LABEL);
    mac.update(nonce);
    mac.update(&expires.to_be_bytes());
    mac.update(binding.as_bytes());
    mac
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::extract::{Query, State};
    use axum::routing::get;
    use axum::{Json, Router};
    use serde_json::{json, Value};
    use std::collections::{HashMap, HashSet};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::sync::Mutex;

    const APPID: &str = "wx1234567890abcdef";
    const SECRET: &str = "standin-app-secret";

    /// A WeChat stand-in: the three endpoints, with WeChat's answers and errcodes.
    struct StandIn {
        /// Codes WeChat would have issued, to their openids.
        codes: Mutex<HashMap<String, String>>,
        used: Mutex<HashSet<String>>,
        /// The one valid access token; a new one replaces it, as on WeChat.
        token: Mutex<String>,
        token_calls: AtomicUsize,
        ticket_calls: AtomicUsize,
        ticket_expires_in: u64,
    }

    type Params = Query<HashMap<String, String>>;

    fn param<'p>(params: &'p Params, name: &str) -> &'p str {
        params.get(name).map_or("", String::as_str)
    }

    fn error(errcode: i64, errmsg: &str) -> Json<Value> {
        Json(json!({"errcode": errcode, "errmsg": format!("{errmsg} rid: 0000-standin")}))
    }

    /// The app's own credentials: WeChat answers 40013 for an unknown app id and 40125
    /// for a wrong secret.
    fn check_app(params: &Params) -> Result<(), Json<Value>> {
        if param(params, "appid") != APPID {
            return Err(error(40013, "invalid appid"));
        }
        if param(params, "secret") != SECRET {
            return Err(error(40125, "invalid appsecret"));
        }
        Ok(())
    }

    async fn oauth_access_token(State(s): State<Arc<StandIn>>, params: Params) -> Json<Value> {
        if let Err(answer) = check_app(&params) {
            return answer;
        }
        if param(&params, "grant_type") != "authorization_code" {
            return error(40002, "invalid grant_type");
        }
        let code = param(&params, "code");
        if s.used.lock().unwrap().contains(code) {
            return error(40163, "code been used");
        }
        let Some(openid) = s.codes.lock().unwrap().remove(code) else {
            return error(40029, "invalid code");
        };
        s.used.lock().unwrap().insert(code.to_owned());
        Json(json!({
            "access_token": "USER_ACCESS_TOKEN", "expires_in": 7200,
            "refresh_token": "USER_REFRESH_TOKEN", "openid": openid, "scope": "snsapi_base",
        }))
    }

    async fn cgi_token(State(s): State<Arc<StandIn>>, params: Params) -> Json<Value> {
        let n = s.token_calls.fetch_add(1, Ordering::SeqCst) + 1;
        if param(&params, "grant_type") != "client_credential" {
            return error(40002, "invalid grant_type");
        }
        if let Err(answer) = check_app(&params) {
            return answer;
        }
        let token = format!("ACCESS_TOKEN_{n}");
        *s.token.lock().unwrap() = token.clone();
        Json(json!({"access_token": token, "expires_in": 7200}))
    }

    async fn getticket(State(s): State<Arc<StandIn>>, params: Params) -> Json<Value> {
        let n = s.ticket_calls.fetch_add(1, Ordering::SeqCst) + 1;
        // Slow enough that concurrent callers overlap.
        tokio::time::sleep(Duration::from_millis(50)).await;
        if param(&params, "access_token") != *s.token.lock().unwrap() {
            return error(
                40001,
                "invalid credential, access_token is invalid or not latest",
            );
        }
        if param(&params, "type") != "jsapi" {
            return error(40097, "invalid args");
        }
        Json(json!({
            "errcode": 0, "errmsg": "ok",
            "ticket": format!("JSAPI_TICKET_{n}"), "expires_in": s.ticket_expires_in,
        }))
    }

    async fn stand_in(ticket_expires_in: u64) -> (String, Arc<StandIn>) {
        let state = Arc::new(StandIn {
            codes: Mutex::new(HashMap::from([
                ("CODE_A".to_owned(), "oOPENID_A".to_owned()),
                ("CODE_B".to_owned(), "oOPENID_B".to_owned()),
            ])),
            used: Mutex::default(),
            token: Mutex::new("none issued".into()),
            token_calls: AtomicUsize::new(0),
            ticket_calls: AtomicUsize::new(0),
            ticket_expires_in,
        });
        let app = Router::new()
            .route("/sns/oauth2/access_token", get(oauth_access_token))
            .route("/cgi-bin/token", get(cgi_token))
            .route("/cgi-bin/ticket/getticket", get(getticket))
            .with_state(state.clone());
        // A trailing slash, as an operator might write it.
        (
            format!("{}/", crate::identity::http::stand_in(app).await),
            state,
        )
    }

    fn client(api_base: &str, secret: &str) -> Arc<dyn WechatAuth> {
        Arc::new(
            WechatClient::new(WechatConfig {
                api_base: api_base.to_owned(),
                appid: APPID.into(),
                secret: SecretString::from(secret),
                timeout: Duration::from_secs(5),
            })
            .unwrap(),
        )
    }

    /// SHA-1 over WeChat's string, written out here rather than through the module.
    fn expected_signature(ticket: &str, sig: &JsSdkSignature, url: &str) -> String {
        let mut sha = Sha1::new();
        sha.update(b"jsapi_ticket=");
        sha.update(ticket.as_bytes());
        sha.update(b"&noncestr=");
        sha.update(sig.nonce_str.as_bytes());
        sha.update(format!("&timestamp={}&url={url}", sig.timestamp).as_bytes());
        hex::encode(sha.finalize())
    }

    #[test]
    fn the_jsapi_signature_matches_wechats_documented_example() {
        assert_eq!(
            jsapi_signature(
                "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
                "Wm3WZYTPz0wzccnW",
                1414587457,
                "http://mp.weixin.qq.com?params=value",
            ),
            "0f9de62fce790f9a083d5c99e95740ceb90c27ed"
        );
        // The fragment is not part of what is signed.
        assert_eq!(
            jsapi_signature("t", "n", 1, "http://a.example/p?x=1#/ballot"),
            jsapi_signature("t", "n", 1, "http://a.example/p?x=1"),
        );
    }

    #[test]
    fn the_authorize_url_is_wechats_snsapi_base_address() {
        assert_eq!(
            authorize_url(
                APPID,
                "https://pingxuan.example/api/v1/wechat/callback?r=1",
                "abc123"
            ),
            "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx1234567890abcdef\
             &redirect_uri=https%3A%2F%2Fpingxuan.example%2Fapi%2Fv1%2Fwechat%2Fcallback%3Fr%3D1\
             &response_type=code&scope=snsapi_base&state=abc123#wechat_redirect"
        );
    }

    #[tokio::test]
    async fn a_code_exchanges_to_its_openid_once() {
        let (api, _) = stand_in(7200).await;
        let wechat = client(&api, SECRET);
        assert_eq!(
            wechat.exchange_code("CODE_A").await.unwrap(),
            OpenId::new("oOPENID_A")
        );
        let again = wechat.exchange_code("CODE_A").await.unwrap_err();
        assert!(matches!(again, WechatError::CodeUsed), "{again:?}");
        let unknown = wechat.exchange_code("CODE_Z").await.unwrap_err();
        assert!(matches!(unknown, WechatError::InvalidCode), "{unknown:?}");
    }

    #[tokio::test]
    async fn a_wrong_secret_is_refused() {
        let (api, stand_in) = stand_in(7200).await;
        let wechat = client(&api, "not-the-secret");
        let err = wechat.exchange_code("CODE_B").await.unwrap_err();
        assert!(
            matches!(err, WechatError::Other { errcode: 40125, .. }),
            "{err:?}"
        );
        let err = wechat.sign("https://pingxuan.example/").await.unwrap_err();
        assert!(
            matches!(err, WechatError::Other { errcode: 40125, .. }),
            "{err:?}"
        );
        // The code was not spent by the refused attempt.
        assert!(stand_in.codes.lock().unwrap().contains_key("CODE_B"));
    }

    #[tokio::test]
    async fn concurrent_signing_fetches_the_ticket_once_and_signs_correctly() {
        let (api, stand_in) = stand_in(7200).await;
        let wechat = client(&api, SECRET);
        let url = "https://pingxuan.example/vote?round=3";
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let wechat = wechat.clone();
            tasks.spawn(async move { wechat.sign(&format!("{url}#/ballot")).await });
        }
        let mut count = 0;
        while let Some(result) = tasks.join_next().await {
            let sig = result.unwrap().unwrap();
            assert_eq!(sig.app_id, APPID);
            assert_eq!(sig.nonce_str.len(), 16);
            assert_eq!(
                sig.signature,
                expected_signature("JSAPI_TICKET_1", &sig, url)
            );
            count += 1;
        }
        assert_eq!(count, 20);
        assert_eq!(stand_in.token_calls.load(Ordering::SeqCst), 1);
        assert_eq!(stand_in.ticket_calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_ticket_near_expiry_is_not_reused() {
        // 200 s is inside the 5-minute margin: each signature needs a fresh ticket.
        let (api, stand_in) = stand_in(200).await;
        let wechat = client(&api, SECRET);
        wechat.sign("https://pingxuan.example/").await.unwrap();
        let sig = wechat.sign("https://pingxuan.example/").await.unwrap();
        assert_eq!(
            sig.signature,
            expected_signature("JSAPI_TICKET_2", &sig, "https://pingxuan.example/")
        );
        assert_eq!(stand_in.ticket_calls.load(Ordering::SeqCst), 2);
        assert_eq!(stand_in.token_calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn an_access_token_replaced_elsewhere_is_fetched_again() {
        let (api, stand_in) = stand_in(200).await;
        let wechat = client(&api, SECRET);
        wechat.sign("https://pingxuan.example/").await.unwrap();
        // Another process fetched a token: ours stops working.
        *stand_in.token.lock().unwrap() = "someone else's".into();
        wechat.sign("https://pingxuan.example/").await.unwrap();
        assert_eq!(stand_in.token_calls.load(Ordering::SeqCst), 2);
        assert_eq!(stand_in.ticket_calls.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn an_unreachable_wechat_is_unavailable() {
        let wechat = client(&crate::identity::http::nobody_listening(), SECRET);
        let err = wechat.exchange_code("CODE_A").await.unwrap_err();
        assert!(matches!(err, WechatError::Unavailable(_)), "{err:?}");
        // Nothing of the secret in what a caller might log.
        assert!(!err.to_string().contains(SECRET));
    }

    #[tokio::test]
    async fn the_development_provider_round_trips_without_wechat() {
        let dev: Arc<dyn WechatAuth> = Arc::new(DevWechat::new());
        let url = dev.authorize_url("http://127.0.0.1:3000/api/v1/wechat/callback", "st4te");
        let query = url.split_once('?').unwrap().1;
        let code = query
            .split('&')
            .find_map(|p| p.strip_prefix("code="))
            .unwrap();
        assert!(query.ends_with("&state=st4te"));
        let openid = dev.exchange_code(code).await.unwrap();
        assert_eq!(openid.as_str(), format!("dev-{code}"));
        assert_eq!(dev.exchange_code(code).await.unwrap(), openid);
        let err = dev.exchange_code("bad code").await.unwrap_err();
        assert!(matches!(err, WechatError::InvalidCode));
    }

    const KEY: &[u8] = b"a server secret of thirty-two by";

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_750_000_000, 0).unwrap()
    }

    #[test]
    fn a_state_verifies_until_it_expires() {
        let state = issue_state(KEY, "device-1", now());
        assert_eq!(state.len(), 112);
        assert!(state.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_eq!(verify_state(KEY, "device-1", &state, now()), Ok(()));
        let later = now() + STATE_TTL;
        assert_eq!(verify_state(KEY, "device-1", &state, later), Ok(()));
        assert_eq!(
            verify_state(KEY, "device-1", &state, later + TimeDelta::seconds(1)),
            Err(StateError::Expired)
        );
        // Each state is new.
        assert_ne!(state, issue_state(KEY, "device-1", now()));
    }

    #[test]
    fn a_tampered_or_foreign_state_is_forged() {
        let state = issue_state(KEY, "device-1", now());
        // Push the expiry a day later (bytes 16..24 of the state).
        let mut bytes = hex::decode(&state).unwrap();
        let expires = u64::from_be_bytes(bytes[16..24].try_into().unwrap()) + 86_400;
        bytes[16..24].copy_from_slice(&expires.to_be_bytes());
        let extended = hex::encode(&bytes);
        assert_eq!(
            verify_state(KEY, "device-1", &extended, now()),
            Err(StateError::Forged)
        );
        // Flip one character of the MAC.
        let mut flipped = state.clone().into_bytes();
        flipped[111] = if flipped[111] == b'0' { b'1' } else { b'0' };
        let flipped = String::from_utf8(flipped).unwrap();
        assert_eq!(
            verify_state(KEY, "device-1", &flipped, now()),
            Err(StateError::Forged)
        );
        // Another key, another browser.
        assert_eq!(
            verify_state(b"another key", "device-1", &state, now()),
            Err(StateError::Forged)
        );
        assert_eq!(
            verify_state(KEY, "device-2", &state, now()),
            Err(StateError::Forged)
        );
        for junk in ["", "abc", &"z".repeat(112), &format!("{state}00")] {
            assert_eq!(
                verify_state(KEY, "device-1", junk, now()),
                Err(StateError::Malformed)
            );
        }
    }
}
