//! Voting: verifying a voter by SMS code, casting a ballot, the receipt, the voting page's
//! data, and the public ballot list once voting has closed.
//!
//! Who a voter is never leaves the request: the number is turned into a keyed hash
//! (HMAC with the server secret) at once; the cookie holds a random token whose SHA-256
//! is stored. Nothing secret goes in a URL.

use crate::auth::token_hash;
use crate::ballot_box::CastError;
use crate::db::voting::{
    BallotOutcome, CodeRefusal, NewBallot, NewVoterSession, SendRefusal, VoterSession,
};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery, ClientIp};
use crate::routes::nominations::device_hash;
use crate::session_loader::{LoadError, SessionLoader};
use crate::state::AppState;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use axum_extra::extract::CookieJar;
use chrono::{DateTime, Duration, Utc};
use cookie::{Cookie, SameSite};
use pingxuan_domain::api::RoundView;
use pingxuan_domain::phase::Window;
use pingxuan_domain::screening::Candidate;
use pingxuan_domain::voting::{
    parse_sms_code, receipt_code, BallotInput, BallotList, BallotReceipt, CandidateVotes,
    IdentityMethod, PhoneNumber, SmsCodeRequest, SmsCodeSent, VerifyRequest, VoterView, VotingView,
    SMS_CODE_TTL_SECONDS, SMS_MAX_WRONG, SMS_RESEND_SECONDS,
};
use pingxuan_domain::{Category, ErrorBody, ErrorCode, FieldError, Phase};
use rand::{Rng, RngCore};
use serde::Deserialize;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/voting/sms-code", post(send_code))
        .route("/voting/verify", post(verify))
        .route("/voting/me", get(me))
        .route("/rounds/{id}/voting/{category}", get(voting_view))
        .route(
            "/rounds/{id}/ballots/{category}",
            get(ballot_list).post(cast),
        )
        .route("/rounds/{id}/ballots/{category}/mine", get(my_ballot))
}

/// Days a verified phone stays verified (the voting phase is eight).
const VOTER_SESSION_DAYS: i64 = 10;

/// The voter cookie's name: with the `__Host-` prefix over HTTPS.
fn voter_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-pingxuan_voter"
    } else {
        "pingxuan_voter"
    }
}

/// Caches for the hot path: voter sessions (by token hash) and each round's voting
/// rules and candidates, re-read at most once a second so a phase change shows at once.
pub struct VotingCache {
    sessions: Mutex<HashMap<String, VoterSession>>,
    /// Sessions not in the cache, looked up in batches.
    loader: SessionLoader,
    rounds: Mutex<HashMap<i64, (Instant, Arc<RoundVoting>)>>,
    /// One reload at a time: when the cached round expires under load, one request
    /// reads it again and the others wait for that read instead of each repeating it.
    reload: tokio::sync::Mutex<()>,
}

/// What casting a ballot needs to know about a round.
pub struct RoundVoting {
    pub round: RoundView,
    pub window: Option<Window>,
    /// Each category's shortlist, in order (locked once voting begins).
    pub candidates: HashMap<Category, Vec<Candidate>>,
}

impl RoundVoting {
    fn open(&self, now: DateTime<Utc>) -> bool {
        self.round.phase == Phase::Voting && self.window.is_some_and(|w| w.contains(now))
    }

    fn closed(&self, now: DateTime<Utc>) -> bool {
        let past_voting = matches!(
            self.round.phase,
            Phase::FieldScoring | Phase::Review | Phase::Published
        );
        past_voting || self.window.is_some_and(|w| now >= w.ends_at)
    }
}

const SESSION_CACHE_MAX: usize = 200_000;

impl VotingCache {
    /// Starts the session loader on the current runtime.
    pub fn new(db: &Db) -> VotingCache {
        VotingCache {
            sessions: Mutex::default(),
            loader: SessionLoader::start(db.clone()),
            rounds: Mutex::default(),
            reload: tokio::sync::Mutex::default(),
        }
    }

    /// Keeps a session just made (or just read), so its voter's requests find it here.
    fn remember(&self, token_hash: &str, session: &VoterSession) {
        let mut cache = self.sessions.lock().expect("cache lock");
        if cache.len() >= SESSION_CACHE_MAX {
            cache.clear();
        }
        cache.insert(token_hash.to_owned(), session.clone());
    }

    fn fresh_round(&self, id: i64) -> Option<Arc<RoundVoting>> {
        let rounds = self.rounds.lock().expect("cache lock");
        let (at, r) = rounds.get(&id)?;
        (at.elapsed() < std::time::Duration::from_secs(1)).then(|| r.clone())
    }

    async fn round(&self, state: &AppState, id: i64) -> AppResult<Arc<RoundVoting>> {
        if let Some(r) = self.fresh_round(id) {
            return Ok(r);
        }
        let _reloading = self.reload.lock().await;
        if let Some(r) = self.fresh_round(id) {
            return Ok(r);
        }
        let round = state
            .db
            .round(id)
            .await?
            .ok_or(AppError::Code(ErrorCode::NotFound))?;
        let mut candidates = HashMap::new();
        for category in Category::ALL {
            let list = state.db.shortlist(id, category).await?;
            candidates.insert(category, list);
        }
        let loaded = Arc::new(RoundVoting {
            window: round.schedule.window(Phase::Voting),
            round,
            candidates,
        });
        self.rounds
            .lock()
            .expect("cache lock")
            .insert(id, (Instant::now(), loaded.clone()));
        Ok(loaded)
    }

    async fn session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> AppResult<Option<VoterSession>> {
        if let Some(s) = self.sessions.lock().expect("cache lock").get(token_hash) {
            if s.expires_at > now {
                return Ok(Some(s.clone()));
            }
        }
        let found = self.loader.load(token_hash).await.map_err(|e| match e {
            LoadError::Stopped => AppError::Internal(anyhow::anyhow!("the session loader stopped")),
            LoadError::Db(e) => AppError::Internal(anyhow::anyhow!("reading voter sessions: {e}")),
        })?;
        if let Some(s) = &found {
            self.remember(token_hash, s);
        }
        Ok(found)
    }
}

/// A verified voter (from the voter cookie). Answers 401 `voter_unverified` without one.
pub struct Voter {
    pub session: VoterSession,
}

impl FromRequestParts<AppState> for Voter {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let token = jar
            .get(voter_cookie_name(state.config.secure_cookies))
            .map(|c| c.value().to_owned())
            .ok_or(AppError::Code(ErrorCode::VoterUnverified))?;
        state
            .voting_cache
            .session(&token_hash(&token), Utc::now())
            .await?
            .map(|session| Voter { session })
            .ok_or(AppError::Code(ErrorCode::VoterUnverified))
    }
}

/// The network a client is in (IPv4 /24, IPv6 /48), for the fraud panel.
fn network(ip: Option<IpAddr>) -> Option<String> {
    match ip? {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            Some(format!("{}.{}.{}.0/24", o[0], o[1], o[2]))
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            Some(format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2]))
        }
    }
}

fn phone_field(input: &str) -> AppResult<PhoneNumber> {
    PhoneNumber::parse("phone", input).map_err(|e| AppError::Validation(vec![e]))
}

fn seconds_until(t: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    (t - now).num_seconds().max(1)
}

/// A refusal that says how long to wait: in words, and in `retry_after` (seconds) for
/// the app's countdown.
fn wait_error(code: ErrorCode, message: String, seconds: i64) -> AppError {
    AppError::Body(ErrorBody {
        message,
        retry_after: Some(u32::try_from(seconds).unwrap_or(u32::MAX)),
        ..ErrorBody::new(code)
    })
}

fn locked_message(until: DateTime<Utc>, now: DateTime<Utc>) -> AppError {
    let seconds = seconds_until(until, now);
    let minutes = (seconds + 59) / 60;
    wait_error(
        ErrorCode::SmsCodeLocked,
        format!("验证码错误次数太多，这个号码请{minutes}分钟后再试。"),
        seconds,
    )
}

/// Sends a six-digit code to a mainland mobile number.
#[utoipa::path(post, path = "/api/v1/voting/sms-code", tag = "voting", request_body = SmsCodeRequest,
    params(("x-device-id" = Option<String>, Header, description = "the app's random per-device id")),
    responses((status = 202, body = SmsCodeSent), (status = 400, body = ErrorBody),
              (status = 422, body = ErrorBody), (status = 429, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn send_code(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    AppJson(req): AppJson<SmsCodeRequest>,
) -> AppResult<(StatusCode, Json<SmsCodeSent>)> {
    let phone = phone_field(&req.phone)?;
    let device = device_hash(&headers);
    let charges = state
        .sms_limiter
        .charges(device.as_deref(), ip, state.clock.now());
    let now = Utc::now();
    let phone_hash = state.secret.keyed_hash(&["sms", phone.as_str()]);
    let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32));
    let code_hash = state.secret.keyed_hash(&["code", &phone_hash, &code]);
    // The rate limit and the code: one transaction, one commit.
    let stored = state
        .db
        .store_sms_code(
            &charges,
            &phone_hash,
            &code_hash,
            now,
            Duration::seconds(SMS_CODE_TTL_SECONDS),
            Duration::seconds(SMS_RESEND_SECONDS),
        )
        .await?;
    match stored {
        Ok(()) => {}
        Err(SendRefusal::RateLimited) => {
            return Err(AppError::Message(
                ErrorCode::RateLimited,
                "获取验证码太频繁了，请过一会儿再试。".into(),
            ))
        }
        Err(SendRefusal::TooSoon { retry_at }) => {
            let seconds = seconds_until(retry_at, now);
            return Err(wait_error(
                ErrorCode::RateLimited,
                format!("验证码已发送，请{seconds}秒后再重新获取。"),
                seconds,
            ));
        }
        Err(SendRefusal::Locked { until }) => return Err(locked_message(until, now)),
    }
    if let Err(e) = state.sms.send_code(phone.as_str(), &code).await {
        tracing::warn!(error = %e, "the SMS provider did not take a code");
        // Let the person ask again at once: the code that was not sent is forgotten.
        state.db.forget_sms_code(&phone_hash).await?;
        return Err(AppError::Code(ErrorCode::SmsUnavailable));
    }
    Ok((
        StatusCode::ACCEPTED,
        Json(SmsCodeSent {
            masked_phone: phone.masked(),
            resend_after: SMS_RESEND_SECONDS as u32,
            expires_in: SMS_CODE_TTL_SECONDS as u32,
        }),
    ))
}

/// Checks the code; on success this phone is a verified voter (a cookie, 10 days).
#[utoipa::path(post, path = "/api/v1/voting/verify", tag = "voting", request_body = VerifyRequest,
    params(("x-device-id" = Option<String>, Header, description = "the app's random per-device id")),
    responses((status = 200, body = VoterView), (status = 400, body = ErrorBody),
              (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn verify(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    jar: CookieJar,
    AppJson(req): AppJson<VerifyRequest>,
) -> AppResult<(CookieJar, Json<VoterView>)> {
    let (phone, code) = match (
        PhoneNumber::parse("phone", &req.phone),
        parse_sms_code("code", &req.code),
    ) {
        (Ok(p), Ok(c)) => (p, c),
        (p, c) => {
            return Err(AppError::Validation(
                [p.err(), c.err()].into_iter().flatten().collect(),
            ))
        }
    };
    let device = device_hash(&headers);
    let charges = state
        .verify_limiter
        .charges(device.as_deref(), ip, state.clock.now());
    let now = Utc::now();
    let phone_hash = state.secret.keyed_hash(&["sms", phone.as_str()]);
    let code_hash = state.secret.keyed_hash(&["code", &phone_hash, &code]);
    let session = PendingSession::new(IdentityMethod::Sms);
    // The rate limit, the code and the sign-in: one transaction, one commit. The voter
    // is the number's keyed hash: the same person on any phone.
    let voter_id = match state
        .db
        .sign_in_by_sms_code(
            &charges,
            &phone_hash,
            &code_hash,
            now,
            SMS_MAX_WRONG,
            &session.row(device.as_deref()),
        )
        .await?
    {
        Ok(voter_id) => voter_id,
        Err(CodeRefusal::RateLimited) => return Err(AppError::Code(ErrorCode::RateLimited)),
        Err(CodeRefusal::Invalid) => return Err(AppError::Code(ErrorCode::SmsCodeInvalid)),
        Err(CodeRefusal::Locked { until }) => return Err(locked_message(until, now)),
    };
    let jar = session.into_cookie(&state, jar, voter_id);
    Ok((
        jar,
        Json(VoterView {
            method: IdentityMethod::Sms,
            masked_phone: Some(phone.masked()),
        }),
    ))
}

/// A voter session about to be opened: a fresh random token for an HttpOnly cookie,
/// whose SHA-256 the database keeps.
struct PendingSession {
    token: String,
    hash: String,
    method: IdentityMethod,
    expires_at: DateTime<Utc>,
}

impl PendingSession {
    fn new(method: IdentityMethod) -> PendingSession {
        let token = crate::auth::random_token();
        PendingSession {
            hash: token_hash(&token),
            token,
            method,
            expires_at: Utc::now() + Duration::days(VOTER_SESSION_DAYS),
        }
    }

    /// The row the database stores.
    fn row<'a>(&'a self, device: Option<&'a str>) -> NewVoterSession<'a> {
        NewVoterSession {
            token_hash: &self.hash,
            method: self.method,
            device_hash: device,
            expires_at: self.expires_at,
        }
    }

    /// The stored session as the voter's cookie; the voter's next request (the ballot)
    /// finds it without a lookup.
    fn into_cookie(self, state: &AppState, jar: CookieJar, voter_id: i64) -> CookieJar {
        let session = VoterSession {
            voter_id,
            method: self.method,
            expires_at: self.expires_at,
        };
        state.voting_cache.remember(&self.hash, &session);
        let secure = state.config.secure_cookies;
        let cookie = Cookie::build((voter_cookie_name(secure), self.token))
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(secure)
            .path("/")
            .max_age(cookie::time::Duration::days(VOTER_SESSION_DAYS))
            .build();
        jar.add(cookie)
    }
}

/// Makes the verified person (by their identity's keyed hash) the voter on this phone,
/// in one transaction.
pub(crate) async fn sign_in_voter(
    state: &AppState,
    jar: CookieJar,
    identity_hash: &str,
    method: IdentityMethod,
    device: Option<&str>,
) -> AppResult<CookieJar> {
    let session = PendingSession::new(method);
    let voter_id = state
        .db
        .sign_in_voter(identity_hash, &session.row(device), Utc::now())
        .await?;
    Ok(session.into_cookie(state, jar, voter_id))
}

/// The verified voter on this phone, or 401.
#[utoipa::path(get, path = "/api/v1/voting/me", tag = "voting",
    responses((status = 200, body = VoterView), (status = 401, body = ErrorBody)))]
pub async fn me(voter: Voter) -> Json<VoterView> {
    Json(VoterView {
        method: voter.session.method,
        masked_phone: None,
    })
}

/// The voting page's data: the category's candidates, the window, and counts unless
/// hidden while voting is open.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/voting/{category}", tag = "voting",
    params(("id" = i64, Path), ("category" = Category, Path)),
    responses((status = 200, body = VotingView), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn voting_view(
    State(state): State<AppState>,
    AppPath((id, category)): AppPath<(i64, Category)>,
) -> AppResult<Json<VotingView>> {
    let rv = state.voting_cache.round(&state, id).await?;
    let now = Utc::now();
    let open = rv.open(now);
    let show_counts = rv.closed(now) || (open && !rv.round.config.hide_live_counts);
    let counts = if show_counts {
        Some(
            state
                .db
                .tallies(id, category)
                .await?
                .into_iter()
                .map(|(candidate_id, votes)| CandidateVotes {
                    candidate_id,
                    votes: votes as u32,
                })
                .collect(),
        )
    } else {
        None
    };
    Ok(Json(VotingView {
        round_id: id,
        round_name: rv.round.name.clone(),
        category,
        window: rv.window,
        open,
        max_choices: rv.round.config.max_choices,
        candidates: rv.candidates.get(&category).cloned().unwrap_or_default(),
        counts,
        voided_ballots: state.db.voided_count(id, Some(category)).await? as u32,
        server_time: now,
        wechat: state.wechat.is_some(),
    }))
}

fn receipt_of(
    round_id: i64,
    category: Category,
    outcome: &BallotOutcome,
) -> AppResult<BallotReceipt> {
    let (BallotOutcome::Accepted {
        receipt,
        candidate_ids,
        cast_at,
    }
    | BallotOutcome::AlreadyVoted {
        receipt,
        candidate_ids,
        cast_at,
    }) = outcome
    else {
        return Err(voting_ended());
    };
    Ok(BallotReceipt {
        receipt: receipt.clone(),
        round_id,
        category,
        candidate_ids: candidate_ids.clone(),
        cast_at: *cast_at,
    })
}

fn voting_ended() -> AppError {
    AppError::Message(ErrorCode::PhaseClosed, "本期网上投票已结束。".into())
}

fn already_voted(receipt: BallotReceipt) -> AppError {
    AppError::Body(ErrorBody {
        receipt: Some(Box::new(receipt)),
        ..ErrorBody::new(ErrorCode::AlreadyVoted)
    })
}

/// Casts the verified voter's ballot in a category: 1..=max_choices of its candidates,
/// while voting is open (to the second). Answered after the ballot is on disk.
#[utoipa::path(post, path = "/api/v1/rounds/{id}/ballots/{category}", tag = "voting", request_body = BallotInput,
    params(("id" = i64, Path), ("category" = Category, Path),
           ("x-device-id" = String, Header, description = "the app's random per-device id (required)")),
    responses((status = 201, body = BallotReceipt), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "phase_closed, or already_voted with the earlier ballot's receipt", body = ErrorBody),
              (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn cast(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    AppPath((id, category)): AppPath<(i64, Category)>,
    voter: Voter,
    AppJson(input): AppJson<BallotInput>,
) -> AppResult<(StatusCode, Json<BallotReceipt>)> {
    let now = Utc::now();
    let rv = state.voting_cache.round(&state, id).await?;
    if !rv.open(now) {
        if rv.closed(now) {
            return Err(voting_ended());
        }
        return Err(AppError::Message(
            ErrorCode::PhaseClosed,
            "网上投票还没有开始。".into(),
        ));
    }
    let ids = input.validate(rv.round.config.max_choices)?;
    let allowed = rv
        .candidates
        .get(&category)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    if let Some(bad) = ids.iter().position(|c| !allowed.iter().any(|a| a.id == *c)) {
        return Err(AppError::Validation(vec![FieldError::new(
            format!("candidate_ids[{bad}]"),
            "unknown",
            "这个对象不在本类的候选名单中。",
        )]));
    }
    // A device header is required: browsers cannot send it from another site without
    // asking first, which keeps forged cross-site ballots out.
    let device = device_hash(&headers).ok_or_else(|| {
        AppError::Validation(vec![FieldError::new(
            "x-device-id",
            "required",
            "请在投票页面中投票。",
        )])
    })?;
    let voter_key = format!("voter:{}", voter.session.voter_id);
    if !state
        .ballot_limiter
        .try_acquire(Some(&device), ip, Instant::now())
        || !state
            .voter_limiter
            .try_acquire(&[&voter_key], Instant::now())
    {
        return Err(AppError::Message(
            ErrorCode::RateLimited,
            "操作太频繁了，请稍后再试。".into(),
        ));
    }
    let mut random = [0u8; 7];
    rand::rngs::OsRng.fill_bytes(&mut random);
    let outcome = state
        .ballot_box
        .cast(NewBallot {
            round_id: id,
            category,
            voter_id: voter.session.voter_id,
            receipt: receipt_code(state.ballot_box.receipt_bits(random)),
            candidate_ids: ids,
            device_hash: Some(device),
            network: network(ip),
            created_at: now,
        })
        .await
        .map_err(|e| match e {
            CastError::Stopped => AppError::Internal(anyhow::anyhow!("the ballot writer stopped")),
            CastError::Db(e) => AppError::Internal(anyhow::anyhow!("writing a ballot: {e}")),
        })?;
    let receipt = receipt_of(id, category, &outcome)?;
    match outcome {
        BallotOutcome::Accepted { .. } => Ok((StatusCode::CREATED, Json(receipt))),
        _ => Err(already_voted(receipt)),
    }
}

/// The verified voter's own ballot in a category (404 before they vote).
#[utoipa::path(get, path = "/api/v1/rounds/{id}/ballots/{category}/mine", tag = "voting",
    params(("id" = i64, Path), ("category" = Category, Path)),
    responses((status = 200, body = BallotReceipt), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn my_ballot(
    State(state): State<AppState>,
    AppPath((id, category)): AppPath<(i64, Category)>,
    voter: Voter,
) -> AppResult<Json<BallotReceipt>> {
    let (receipt, candidate_ids, cast_at) = state
        .db
        .ballot_of(id, category, voter.session.voter_id)
        .await?
        .ok_or(AppError::Code(ErrorCode::NotFound))?;
    Ok(Json(BallotReceipt {
        receipt,
        round_id: id,
        category,
        candidate_ids,
        cast_at,
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct BallotPage {
    /// The last ballot of the previous page (`next_after`).
    #[serde(default)]
    pub after: i64,
    /// At most this many (default 500, at most 2000).
    pub limit: Option<i64>,
}

/// Every ballot of a category — receipt and choices, no identities — once voting has
/// closed, so each voter can find theirs.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/ballots/{category}", tag = "voting",
    params(("id" = i64, Path), ("category" = Category, Path), BallotPage),
    responses((status = 200, body = BallotList), (status = 400, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn ballot_list(
    State(state): State<AppState>,
    AppPath((id, category)): AppPath<(i64, Category)>,
    AppQuery(page): AppQuery<BallotPage>,
) -> AppResult<Json<BallotList>> {
    let rv = state.voting_cache.round(&state, id).await?;
    if !rv.closed(Utc::now()) {
        return Err(AppError::Message(
            ErrorCode::PhaseClosed,
            "投票结束后公布全部选票。".into(),
        ));
    }
    let limit = page.limit.unwrap_or(500).clamp(1, 2000);
    let rows = state
        .db
        .public_ballots(id, category, page.after.max(0), limit)
        .await?;
    let next_after = (rows.len() as i64 == limit)
        .then(|| rows.last().map(|(id, _)| *id))
        .flatten();
    Ok(Json(BallotList {
        ballots: rows.into_iter().map(|(_, b)| b).collect(),
        next_after,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_group_neighbours() {
        assert_eq!(
            network(Some("112.96.33.7".parse().unwrap())).as_deref(),
            Some("112.96.33.0/24")
        );
        assert_eq!(
            network(Some("240e:3b7:3272:d8d0::1".parse().unwrap())).as_deref(),
            Some("240e:3b7:3272::/48")
        );
        assert_eq!(network(None), None);
    }
}
