//! Verification codes by SMS: the [`SmsSender`] trait, Tencent Cloud SMS (API 3.0
//! `SendSms`, signed with TC3-HMAC-SHA256) and a development provider that sends nothing.

use super::BoxFuture;
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

/// Minutes a code stays valid, as the SMS template's second parameter tells the voter.
/// The voting routes enforce the same window.
pub const CODE_VALID_MINUTES: u32 = 5;

/// Sends a verification code by SMS. Object-safe, so the app state holds
/// `Arc<dyn SmsSender>` and picks the provider at start-up.
pub trait SmsSender: Send + Sync + 'static {
    /// Sends `code` to `phone` (`+8613800138000`, or 11 mainland digits, which get `+86`).
    fn send_code<'a>(
        &'a self,
        phone: &'a str,
        code: &'a str,
    ) -> BoxFuture<'a, Result<(), SmsError>>;
}

/// Why a code was not sent. The two cases call for different answers to the voter:
/// "this number cannot get a code now" versus "try again in a moment".
#[derive(Debug, thiserror::Error)]
pub enum SmsError {
    /// The provider refused: a limit, a bad number, a bad signature or template (the
    /// provider's own code, e.g. `LimitExceeded.PhoneNumberDailyLimit`).
    #[error("the SMS provider refused: {code}: {message}")]
    Rejected { code: String, message: String },
    /// The provider could not be asked or gave no usable answer: network, timeout, 5xx,
    /// its internal error.
    #[error("the SMS provider is unavailable: {0}")]
    Unavailable(String),
}

/// `+86…` for a bare mainland number; anything starting with `+` is kept as it is.
fn e164(phone: &str) -> String {
    let phone = phone.trim();
    if phone.starts_with('+') {
        phone.to_owned()
    } else {
        format!("+86{phone}")
    }
}

/// `+86138****5678`: enough to tell numbers apart in a log, not enough to call one.
pub fn mask_phone(phone: &str) -> String {
    let full = e164(phone);
    let (country, national) = full
        .strip_prefix("+86")
        .map_or(("", full.as_str()), |n| ("+86", n));
    let chars: Vec<char> = national.chars().collect();
    if chars.len() < 8 {
        return format!("{country}****");
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{country}{head}****{tail}")
}

// ---------------------------------------------------------------------------------------
// Development provider
// ---------------------------------------------------------------------------------------

/// Numbers remembered by [`DevSms`] before it forgets them all: a demo server left
/// running should not grow without bound.
const DEV_MEMORY: usize = 10_000;

/// **Development only: sends nothing.** Logs each code with a warning (so a person
/// running the demo reads it from the server log) and remembers the last code per
/// number (so tests read it with [`DevSms::last_code`]).
///
/// The log shows the number masked (`+86138****5678`): the code is what the person
/// needs, and the masked number is enough to tell whose it is, while a log shipped
/// elsewhere does not collect residents' full numbers.
#[derive(Debug, Default)]
pub struct DevSms {
    last: Mutex<HashMap<String, String>>,
}

impl DevSms {
    pub fn new() -> DevSms {
        tracing::warn!("[DEVELOPMENT SMS PROVIDER] no SMS will be sent; codes appear in this log");
        DevSms::default()
    }

    /// The last code "sent" to `phone` (either spelling: `+86…` or bare).
    pub fn last_code(&self, phone: &str) -> Option<String> {
        let last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        last.get(&e164(phone)).cloned()
    }
}

impl SmsSender for DevSms {
    fn send_code<'a>(
        &'a self,
        phone: &'a str,
        code: &'a str,
    ) -> BoxFuture<'a, Result<(), SmsError>> {
        Box::pin(async move {
            tracing::warn!(
                "[DEVELOPMENT SMS PROVIDER — no message is sent] code {code} for {}",
                mask_phone(phone)
            );
            let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
            if last.len() >= DEV_MEMORY {
                last.clear();
            }
            last.insert(e164(phone), code.to_owned());
            Ok(())
        })
    }
}

// ---------------------------------------------------------------------------------------
// Tencent Cloud SMS
// ---------------------------------------------------------------------------------------

/// Tencent Cloud's SMS endpoint.
pub const TENCENT_SMS_ENDPOINT: &str = "https://sms.tencentcloudapi.com";
const SERVICE: &str = "sms";
const ACTION: &str = "SendSms";
const VERSION: &str = "2021-01-11";
/// Signed exactly as sent: Tencent compares the signed `content-type` with the header.
const CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// How to reach Tencent Cloud SMS. Secrets stay in [`SecretString`]s so `Debug` and logs
/// never show them.
#[derive(Debug, Clone)]
pub struct TencentSmsConfig {
    /// [`TENCENT_SMS_ENDPOINT`], or a stand-in (`http://127.0.0.1:…`) in tests.
    pub endpoint: String,
    pub secret_id: SecretString,
    pub secret_key: SecretString,
    /// `ap-guangzhou`, `ap-beijing` or `ap-nanjing`.
    pub region: String,
    /// `SmsSdkAppId`, e.g. `1400006666`.
    pub app_id: String,
    /// The approved signature (签名) shown in the message.
    pub sign_name: String,
    /// The approved template with two parameters: the code and the minutes it is valid.
    pub template_id: String,
    /// For the whole request, connecting included; 5 s in production.
    pub timeout: Duration,
}

/// Tencent Cloud SMS, API 3.0 `SendSms`.
#[derive(Debug, Clone)]
pub struct TencentSms {
    config: TencentSmsConfig,
    /// `host[:port]` of the endpoint: signed, and sent as the `Host` header.
    host: String,
    http: reqwest::Client,
}

impl TencentSms {
    /// Fails only if the endpoint is not a URL with a host or the TLS backend cannot start.
    pub fn new(config: TencentSmsConfig) -> Result<TencentSms, SmsSetupError> {
        let url = reqwest::Url::parse(&config.endpoint)
            .map_err(|_| SmsSetupError::Endpoint(config.endpoint.clone()))?;
        let host = match (url.host_str(), url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            (None, _) => return Err(SmsSetupError::Endpoint(config.endpoint.clone())),
        };
        let http = super::http::client(config.timeout).map_err(SmsSetupError::Http)?;
        Ok(TencentSms { config, host, http })
    }

    async fn send(&self, phone: &str, code: &str) -> Result<(), SmsError> {
        let phone = e164(phone);
        let body = serde_json::json!({
            "PhoneNumberSet": [phone],
            "SmsSdkAppId": self.config.app_id,
            "SignName": self.config.sign_name,
            "TemplateId": self.config.template_id,
            "TemplateParamSet": [code, CODE_VALID_MINUTES.to_string()],
        })
        .to_string();
        let timestamp = chrono::Utc::now().timestamp();
        let authorization = tc3_authorization(
            self.config.secret_id.expose_secret(),
            self.config.secret_key.expose_secret(),
            SERVICE,
            &self.host,
            timestamp,
            body.as_bytes(),
        );
        let mut authorization = reqwest::header::HeaderValue::try_from(authorization)
            .map_err(|_| SmsError::Unavailable("the secret id is not a valid header".into()))?;
        authorization.set_sensitive(true);
        let response = self
            .http
            .post(&self.config.endpoint)
            .header(reqwest::header::HOST, &self.host)
            .header(reqwest::header::CONTENT_TYPE, CONTENT_TYPE)
            .header(reqwest::header::AUTHORIZATION, authorization)
            .header("X-TC-Action", ACTION)
            .header("X-TC-Version", VERSION)
            .header("X-TC-Timestamp", timestamp.to_string())
            .header("X-TC-Region", &self.config.region)
            .body(body)
            .send()
            .await
            .map_err(unavailable)?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(unavailable)?;
        if !status.is_success() {
            return Err(SmsError::Unavailable(format!("HTTP {status}")));
        }
        let answer: Answer = serde_json::from_slice(&bytes)
            .map_err(|e| SmsError::Unavailable(format!("unreadable answer: {e}")))?;
        let result = judge(answer.response, &phone);
        if let Err(err) = &result {
            tracing::warn!(phone = %mask_phone(&phone), error = %err, "SMS not sent");
        }
        result
    }
}

impl SmsSender for TencentSms {
    fn send_code<'a>(
        &'a self,
        phone: &'a str,
        code: &'a str,
    ) -> BoxFuture<'a, Result<(), SmsError>> {
        Box::pin(self.send(phone, code))
    }
}

/// A [`TencentSms`] that cannot be built: a configuration fault found at start-up.
#[derive(Debug, thiserror::Error)]
pub enum SmsSetupError {
    #[error("the SMS endpoint {0:?} is not a URL with a host")]
    Endpoint(String),
    #[error("could not start the HTTP client: {0}")]
    Http(reqwest::Error),
}

fn unavailable(err: reqwest::Error) -> SmsError {
    SmsError::Unavailable(super::http::failure(err))
}

/// Tencent's envelope: every answer, success or failure, is `{"Response": {…}}`.
#[derive(Deserialize)]
struct Answer {
    #[serde(rename = "Response")]
    response: Response,
}

#[derive(Deserialize)]
struct Response {
    #[serde(rename = "Error")]
    error: Option<ProviderError>,
    #[serde(rename = "SendStatusSet", default)]
    send_status_set: Vec<SendStatus>,
    #[serde(rename = "RequestId", default)]
    request_id: String,
}

#[derive(Deserialize)]
struct ProviderError {
    #[serde(rename = "Code")]
    code: String,
    #[serde(rename = "Message", default)]
    message: String,
}

#[derive(Deserialize)]
struct SendStatus {
    #[serde(rename = "PhoneNumber", default)]
    phone_number: String,
    #[serde(rename = "Code")]
    code: String,
    #[serde(rename = "Message", default)]
    message: String,
}

/// A whole-request error or the one number's status. Tencent's `InternalError…` and
/// `ServiceUnavailable…` are its own faults, so they count as unavailable, not a refusal.
fn judge(response: Response, phone: &str) -> Result<(), SmsError> {
    let request_id = response.request_id;
    if let Some(err) = response.error {
        tracing::debug!(%request_id, code = %err.code, "Tencent SMS error");
        if err.code.starts_with("InternalError") || err.code.starts_with("ServiceUnavailable") {
            return Err(SmsError::Unavailable(format!(
                "{}: {}",
                err.code, err.message
            )));
        }
        return Err(SmsError::Rejected {
            code: err.code,
            message: err.message,
        });
    }
    let status = response
        .send_status_set
        .into_iter()
        .find(|s| s.phone_number == phone || s.phone_number.is_empty())
        .ok_or_else(|| SmsError::Unavailable("no status for the number".into()))?;
    if status.code == "Ok" {
        tracing::debug!(%request_id, "SMS sent");
        Ok(())
    } else {
        Err(SmsError::Rejected {
            code: status.code,
            message: status.message,
        })
    }
}

type HmacSha256 = Hmac<Sha256>;

fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// The `Authorization` header for a Tencent Cloud API 3.0 POST with a JSON body, signed
/// with TC3-HMAC-SHA256 as Tencent documents it ("签名方法 v3"): a canonical request over
/// `content-type` and `host`, a string to sign with the scope `date/service/tc3_request`
/// (the UTC date of `timestamp`), and a key derived `TC3`+secret → date → service →
/// `tc3_request`.
fn tc3_authorization(
    secret_id: &str,
    secret_key: &str,
    service: &str,
    host: &str,
    timestamp: i64,
    payload: &[u8],
) -> String {
    let signed_headers = "content-type;host";
    let canonical_request = format!(
        "POST\n/\n\ncontent-type:{CONTENT_TYPE}\nhost:{host}\n\n{signed_headers}\n{}",
        hex::encode(Sha256::digest(payload))
    );
    let date = chrono::DateTime::from_timestamp(timestamp, 0)
        .unwrap_or_default()
        .format("%Y-%m-%d")
        .to_string();
    let scope = format!("{date}/{service}/tc3_request");
    let string_to_sign = format!(
        "TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    );
    let secret_date = hmac_sha256(format!("TC3{secret_key}").as_bytes(), date.as_bytes());
    let secret_service = hmac_sha256(&secret_date, service.as_bytes());
    let secret_signing = hmac_sha256(&secret_service, b"tc3_request");
    let signature = hex::encode(hmac_sha256(&secret_signing, string_to_sign.as_bytes()));
    format!(
        "TC3-HMAC-SHA256 Credential={secret_id}/{scope}, SignedHeaders={signed_headers}, \
         Signature={signature}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Bytes;
    use axum::extract::State;
    use axum::http::HeaderMap;
    use axum::routing::post;
    use axum::{Json, Router};
    use serde_json::{json, Value};
    use std::sync::Arc;

    const SECRET_ID: &str = "AKIDstandinEXAMPLE";
    const SECRET_KEY: &str = "standin-secret-key-EXAMPLE";

    /// What the stand-in does with a request whose signature checks out.
    #[derive(Clone, Copy)]
    enum Mode {
        Accept,
        /// Every number fails with `LimitExceeded.PhoneNumberDailyLimit`.
        DailyLimit,
        /// Never answers.
        Hang,
    }

    struct StandIn {
        mode: Mode,
        /// Bodies of the requests that were signed correctly.
        seen: Mutex<Vec<Value>>,
    }

    /// Tencent's documented error shape.
    fn tencent_error(code: &str, message: &str) -> Json<Value> {
        Json(json!({"Response": {
            "Error": {"Code": code, "Message": message},
            "RequestId": "standin-request-id",
        }}))
    }

    fn header<'h>(headers: &'h HeaderMap, name: &str) -> &'h str {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    fn hmac(key: &[u8], data: &str) -> Vec<u8> {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
        mac.update(data.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    fn sha256_hex(data: &[u8]) -> String {
        hex::encode(Sha256::digest(data))
    }

    /// Checks the request the way Tencent describes: the signature is recomputed from the
    /// headers and body as received, over the headers the request says it signed.
    fn verify(headers: &HeaderMap, body: &[u8]) -> Result<(), (&'static str, String)> {
        let failure = |m: &str| ("AuthFailure.SignatureFailure", m.to_owned());
        if header(headers, "x-tc-action") != "SendSms"
            || header(headers, "x-tc-version") != "2021-01-11"
            || header(headers, "x-tc-region").is_empty()
        {
            return Err(("MissingParameter", "action, version or region".into()));
        }
        let auth = header(headers, "authorization");
        let rest = auth
            .strip_prefix("TC3-HMAC-SHA256 ")
            .ok_or_else(|| failure("algorithm"))?;
        let mut parts = HashMap::new();
        for part in rest.split(", ") {
            let (k, v) = part.split_once('=').ok_or_else(|| failure("malformed"))?;
            parts.insert(k, v);
        }
        let credential = parts
            .get("Credential")
            .ok_or_else(|| failure("credential"))?;
        let signed = parts
            .get("SignedHeaders")
            .ok_or_else(|| failure("headers"))?;
        let given = parts.get("Signature").ok_or_else(|| failure("signature"))?;
        let mut credential = credential.splitn(2, '/');
        let (id, scope) = (credential.next().unwrap(), credential.next().unwrap_or(""));
        if id != SECRET_ID {
            return Err(("AuthFailure.SecretIdNotFound", "unknown SecretId".into()));
        }
        let ts: i64 = header(headers, "x-tc-timestamp")
            .parse()
            .map_err(|_| failure("timestamp"))?;
        if (chrono::Utc::now().timestamp() - ts).abs() > 300 {
            return Err(("AuthFailure.SignatureExpire", "expired".into()));
        }
        let day = chrono::DateTime::from_timestamp(ts, 0).unwrap();
        if scope != format!("{}/sms/tc3_request", day.format("%Y-%m-%d")) {
            return Err(failure("scope"));
        }
        let names: Vec<&str> = signed.split(';').collect();
        if !names.contains(&"content-type") || !names.contains(&"host") {
            return Err(failure("content-type and host must be signed"));
        }
        let canonical_headers: String = names
            .iter()
            .map(|n| format!("{n}:{}\n", header(headers, n).trim().to_lowercase()))
            .collect();
        let canonical = format!(
            "POST\n/\n\n{canonical_headers}\n{signed}\n{}",
            sha256_hex(body)
        );
        let to_sign = format!(
            "TC3-HMAC-SHA256\n{ts}\n{scope}\n{}",
            sha256_hex(canonical.as_bytes())
        );
        let date = &scope[..10];
        let key = hmac(
            &hmac(&hmac(format!("TC3{SECRET_KEY}").as_bytes(), date), "sms"),
            "tc3_request",
        );
        if hex::encode(hmac(&key, &to_sign)) != *given {
            return Err(failure("The provided credentials could not be validated."));
        }
        Ok(())
    }

    async fn send_sms(
        State(stand_in): State<Arc<StandIn>>,
        headers: HeaderMap,
        body: Bytes,
    ) -> Json<Value> {
        if let Err((code, message)) = verify(&headers, &body) {
            return tencent_error(code, &message);
        }
        let Ok(request) = serde_json::from_slice::<Value>(&body) else {
            return tencent_error("InvalidParameter", "body is not JSON");
        };
        stand_in.seen.lock().unwrap().push(request.clone());
        let numbers: Vec<String> = request["PhoneNumberSet"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|n| n.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let (code, message) = match stand_in.mode {
            Mode::Accept => ("Ok", "send success"),
            Mode::DailyLimit => (
                "LimitExceeded.PhoneNumberDailyLimit",
                "the number reached its daily limit",
            ),
            Mode::Hang => std::future::pending().await,
        };
        let statuses: Vec<Value> = numbers
            .iter()
            .map(|n| {
                json!({"SerialNo": "2019:1", "PhoneNumber": n, "Fee": 1,
                       "SessionContext": "", "Code": code, "Message": message, "IsoCode": "CN"})
            })
            .collect();
        Json(json!({"Response": {"SendStatusSet": statuses, "RequestId": "standin-request-id"}}))
    }

    async fn stand_in(mode: Mode) -> (String, Arc<StandIn>) {
        let state = Arc::new(StandIn {
            mode,
            seen: Mutex::new(Vec::new()),
        });
        let app = Router::new()
            .route("/", post(send_sms))
            .with_state(state.clone());
        (crate::identity::http::stand_in(app).await, state)
    }

    fn client(endpoint: &str, secret_key: &str, timeout: Duration) -> TencentSms {
        TencentSms::new(TencentSmsConfig {
            endpoint: endpoint.to_owned(),
            secret_id: SecretString::from(SECRET_ID),
            secret_key: SecretString::from(secret_key),
            region: "ap-guangzhou".into(),
            app_id: "1400006666".into(),
            sign_name: "平选".into(),
            template_id: "1234567".into(),
            timeout,
        })
        .unwrap()
    }

    #[tokio::test]
    async fn a_signed_send_reaches_the_number_with_the_template_and_code() {
        let (endpoint, stand_in) = stand_in(Mode::Accept).await;
        let sms = client(&endpoint, SECRET_KEY, Duration::from_secs(5));
        sms.send_code("13800138000", "482913").await.unwrap();
        let seen = stand_in.seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0]["PhoneNumberSet"], json!(["+8613800138000"]));
        assert_eq!(seen[0]["SmsSdkAppId"], "1400006666");
        assert_eq!(seen[0]["SignName"], "平选");
        assert_eq!(seen[0]["TemplateId"], "1234567");
        assert_eq!(seen[0]["TemplateParamSet"], json!(["482913", "5"]));
    }

    #[tokio::test]
    async fn a_wrong_secret_is_refused_by_the_provider() {
        let (endpoint, stand_in) = stand_in(Mode::Accept).await;
        let sms = client(&endpoint, "not-the-secret", Duration::from_secs(5));
        let err = sms.send_code("+8613800138000", "482913").await.unwrap_err();
        assert!(
            matches!(&err, SmsError::Rejected { code, .. } if code == "AuthFailure.SignatureFailure"),
            "{err:?}"
        );
        assert!(stand_in.seen.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_number_over_its_daily_limit_is_rejected_with_the_providers_code() {
        let (endpoint, _) = stand_in(Mode::DailyLimit).await;
        let sms = client(&endpoint, SECRET_KEY, Duration::from_secs(5));
        let err = sms.send_code("13800138000", "482913").await.unwrap_err();
        assert!(
            matches!(&err, SmsError::Rejected { code, .. } if code == "LimitExceeded.PhoneNumberDailyLimit"),
            "{err:?}"
        );
    }

    #[tokio::test]
    async fn a_provider_that_never_answers_is_unavailable_after_the_timeout() {
        let (endpoint, _) = stand_in(Mode::Hang).await;
        let sms = client(&endpoint, SECRET_KEY, Duration::from_millis(300));
        let started = std::time::Instant::now();
        let err = sms.send_code("13800138000", "482913").await.unwrap_err();
        assert!(matches!(err, SmsError::Unavailable(_)), "{err:?}");
        assert!(started.elapsed() < Duration::from_secs(3));
    }

    #[tokio::test]
    async fn an_unreachable_provider_is_unavailable() {
        let endpoint = crate::identity::http::nobody_listening();
        let sms = client(&endpoint, SECRET_KEY, Duration::from_secs(2));
        let err = sms.send_code("13800138000", "482913").await.unwrap_err();
        assert!(matches!(err, SmsError::Unavailable(_)), "{err:?}");
    }

    /// The worked example in Tencent Cloud's "Signature v3" document (CVM
    /// `DescribeInstances`, its example key pair, timestamp 1551113065): the whole
    /// documented `Authorization` header comes out.
    #[test]
    fn the_signature_matches_tencents_documented_example() {
        let payload = r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
        assert_eq!(
            sha256_hex(payload.as_bytes()),
            "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
        );
        let authorization = tc3_authorization(
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            "cvm",
            "cvm.tencentcloudapi.com",
            1551113065,
            payload.as_bytes(),
        );
        assert_eq!(
            authorization,
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/\
             tc3_request, SignedHeaders=content-type;host, \
             Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        );
    }

    #[tokio::test]
    async fn the_development_provider_remembers_the_last_code_per_number() {
        // Callers keep the concrete `Arc<DevSms>` beside the `Arc<dyn SmsSender>`.
        let dev = Arc::new(DevSms::default());
        let as_sender: Arc<dyn SmsSender> = dev.clone();
        as_sender.send_code("13800138000", "111111").await.unwrap();
        as_sender
            .send_code("+8613800138000", "222222")
            .await
            .unwrap();
        assert_eq!(dev.last_code("13800138000").as_deref(), Some("222222"));
        assert_eq!(dev.last_code("+8613800138000").as_deref(), Some("222222"));
        assert_eq!(dev.last_code("13900139000"), None);
    }

    #[test]
    fn phones_are_masked_in_logs() {
        assert_eq!(mask_phone("13812345678"), "+86138****5678");
        assert_eq!(mask_phone("+8613812345678"), "+86138****5678");
        assert_eq!(mask_phone("+85291234567"), "+85****4567");
        assert_eq!(mask_phone("123"), "+86****");
    }
}
