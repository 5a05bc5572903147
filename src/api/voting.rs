//! Voting (网上投票): an SMS code, verifying the phone, the voting page's data, casting a
//! ballot and reading one's own. No staff session: the voter cookie (HttpOnly, set by
//! `verify`) is what the server knows a voter by; writes carry the device id.

use super::{fetch_json, post_public, ClientError};
use pingxuan_domain::api::paths;
use pingxuan_domain::voting::{
    BallotInput, BallotReceipt, SmsCodeRequest, SmsCodeSent, VerifyRequest, VoterView, VotingView,
    WechatJsSdk,
};
use pingxuan_domain::Category;

/// Asks the server to text a six-digit code to `phone` (as typed; the server normalises).
pub async fn send_code(phone: &str, device: &str) -> Result<SmsCodeSent, ClientError> {
    let body = SmsCodeRequest {
        phone: phone.to_owned(),
    };
    post_public(paths::VOTING_SMS_CODE, &body, device).await
}

/// Checks the code; on success this phone is a verified voter (the server sets its cookie).
pub async fn verify(phone: &str, code: &str, device: &str) -> Result<VoterView, ClientError> {
    let body = VerifyRequest {
        phone: phone.to_owned(),
        code: code.to_owned(),
    };
    post_public(paths::VOTING_VERIFY, &body, device).await
}

/// The category's candidates, the voting window and whether it is open now. Public.
pub async fn view(round_id: i64, category: Category) -> Result<VotingView, ClientError> {
    fetch_json(&paths::voting(round_id, category)).await
}

/// Casts the verified voter's ballot. A second ballot is refused with `already_voted`,
/// whose error body carries the first one's receipt.
pub async fn cast(
    round_id: i64,
    category: Category,
    candidate_ids: Vec<i64>,
    device: &str,
) -> Result<BallotReceipt, ClientError> {
    let body = BallotInput { candidate_ids };
    post_public(&paths::ballots(round_id, category), &body, device).await
}

/// The verified voter's own ballot in the category: 404 before they vote, 401 when this
/// phone is not verified (any more).
pub async fn mine(round_id: i64, category: Category) -> Result<BallotReceipt, ClientError> {
    fetch_json(&paths::my_ballot(round_id, category)).await
}

/// The verified voter on this phone (401 when it is not verified): how a page learns
/// that WeChat authorization, a full-page round trip, has verified it.
pub async fn me() -> Result<VoterView, ClientError> {
    fetch_json(paths::VOTING_ME).await
}

/// Where a tap on 微信授权 goes: WeChat's authorization, then back to the category's
/// page, verified.
pub fn wechat_start_url(category: Category) -> String {
    paths::wechat_start(category)
}

/// What `wx.config` needs for `page_url` (this page's address without `#…`); 404 when
/// the deployment has no WeChat Official Account.
pub async fn wechat_signature(page_url: &str) -> Result<WechatJsSdk, ClientError> {
    fetch_json(&paths::wechat_jssdk(page_url)).await
}
