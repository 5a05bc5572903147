//! Voting (网上投票): the verified voter, the ballot and its receipt, as the app and the
//! server both read them. One verified person casts one ballot per category per round,
//! choosing 1..=max_choices distinct candidates of that category's shortlist.

use crate::error::FieldError;
use crate::Category;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How long an SMS code stays valid.
pub const SMS_CODE_TTL_SECONDS: i64 = 5 * 60;
/// How long before another code may be sent to the same number.
pub const SMS_RESEND_SECONDS: i64 = 60;
/// Wrong codes in a row that lock a number.
pub const SMS_MAX_WRONG: u32 = 5;

/// A mainland China mobile number, normalised to its 11 digits (`13800001234`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Accepts `13800001234`, `138 0000 1234`, `138-0000-1234`, `+86 138…`, `86138…`.
    pub fn parse(field: &str, input: &str) -> Result<PhoneNumber, FieldError> {
        let digits: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\u{3000}'))
            .collect();
        let digits = digits
            .strip_prefix("+86")
            .or_else(|| digits.strip_prefix("0086"))
            .or_else(|| {
                (digits.len() == 13)
                    .then(|| digits.strip_prefix("86"))
                    .flatten()
            })
            .unwrap_or(&digits);
        let ok = digits.len() == 11
            && digits.bytes().all(|b| b.is_ascii_digit())
            && digits.starts_with('1')
            && (b'3'..=b'9').contains(&digits.as_bytes()[1]);
        if ok {
            Ok(PhoneNumber(digits.to_owned()))
        } else {
            Err(FieldError::new(
                field,
                "invalid_phone",
                "请填写11位中国大陆手机号码。",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `138****1234`: enough for a person to recognise their number, not to read it.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[7..])
    }
}

/// Six digits, as typed (spaces allowed).
pub fn parse_sms_code(field: &str, input: &str) -> Result<String, FieldError> {
    let code: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code)
    } else {
        Err(FieldError::new(field, "invalid_code", "验证码是6位数字。"))
    }
}

/// `POST /api/v1/voting/sms-code`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SmsCodeRequest {
    pub phone: String,
}

/// The answer: a code is on its way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SmsCodeSent {
    /// `138****1234`
    pub masked_phone: String,
    /// Seconds before another code may be asked for.
    pub resend_after: u32,
    /// Seconds the code stays valid.
    pub expires_in: u32,
}

/// `POST /api/v1/voting/verify`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyRequest {
    pub phone: String,
    pub code: String,
}

/// How a voter proved who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IdentityMethod {
    Sms,
    Wechat,
}

/// `GET /api/v1/voting/me`: the verified voter on this phone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoterView {
    pub method: IdentityMethod,
    /// `138****1234` for SMS voters; none for WeChat.
    pub masked_phone: Option<String>,
}

/// `POST /api/v1/rounds/{id}/ballots/{category}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BallotInput {
    pub candidate_ids: Vec<i64>,
}

impl BallotInput {
    /// 1..=`max_choices` candidates, none twice. Whether they are this category's
    /// candidates is the server's check.
    pub fn validate(&self, max_choices: u32) -> Result<Vec<i64>, Vec<FieldError>> {
        let n = self.candidate_ids.len();
        if n == 0 {
            return Err(vec![FieldError::new(
                "candidate_ids",
                "required",
                "请至少选择一个。",
            )]);
        }
        if n > max_choices as usize {
            return Err(vec![FieldError::new(
                "candidate_ids",
                "too_many",
                format!("每人最多选{max_choices}个。"),
            )]);
        }
        let mut ids = self.candidate_ids.clone();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            return Err(vec![FieldError::new(
                "candidate_ids",
                "repeated",
                "同一个对象只能选一次。",
            )]);
        }
        Ok(ids)
    }
}

/// What a voter keeps: the receipt code finds their ballot in the public list once voting
/// closes, without saying who cast it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BallotReceipt {
    /// e.g. `K7QX-2M9D-P3RT-8WZA`
    pub receipt: String,
    pub round_id: i64,
    pub category: Category,
    pub candidate_ids: Vec<i64>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub cast_at: DateTime<Utc>,
}

/// One line of the public ballot list (after voting closes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicBallot {
    pub receipt: String,
    pub candidate_ids: Vec<i64>,
    /// Voided by the office (the reason is in the audit log and the open data).
    pub voided: bool,
}

/// `GET /api/v1/rounds/{id}/ballots/{category}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BallotList {
    pub ballots: Vec<PublicBallot>,
    /// Pass as `after` for the next page; none on the last page.
    pub next_after: Option<i64>,
}

/// A candidate's votes, when counts may be shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidateVotes {
    pub candidate_id: i64,
    pub votes: u32,
}

/// `GET /api/v1/rounds/{id}/voting/{category}`: what the voting page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VotingView {
    pub round_id: i64,
    pub round_name: String,
    pub category: Category,
    pub window: Option<crate::phase::Window>,
    /// True from the voting window's start to its end, to the second.
    pub open: bool,
    pub max_choices: u32,
    pub candidates: Vec<crate::screening::Candidate>,
    /// Counts, unless the round hides them while voting is open.
    pub counts: Option<Vec<CandidateVotes>>,
    /// Ballots of this category the office voided (each with a reason in the audit log).
    #[serde(default)]
    pub voided_ballots: u32,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub server_time: DateTime<Utc>,
    /// The deployment has a WeChat Official Account: inside WeChat a voter may verify by
    /// WeChat authorization, and the page may set its share card through the JS-SDK.
    #[serde(default)]
    pub wechat: bool,
}

/// `GET /api/v1/wechat/jssdk?url=…`: what `wx.config` needs to let a page set its share
/// card (WeChat's own field names).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct WechatJsSdk {
    pub app_id: String,
    pub timestamp: i64,
    pub nonce_str: String,
    pub signature: String,
}

/// Ballots for one candidate in one hour (Beijing time, `2026-12-04 15:00`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HourlyVotes {
    pub category: Category,
    pub candidate_id: i64,
    pub hour: String,
    pub ballots: u32,
}

/// A minute in which one candidate got unusually many ballots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Burst {
    pub category: Category,
    pub candidate_id: i64,
    /// `2026-12-04 15:07` (Beijing time).
    pub minute: String,
    pub ballots: u32,
}

/// Several voters behind one device or one network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SharedSource {
    /// A device (the first 12 characters of its hash) or a network (`112.96.33.0/24`).
    pub source: String,
    pub voters: u32,
    pub ballots: u32,
}

/// `GET /api/v1/rounds/{id}/fraud`: the office's panel against ballot-stuffing (刷票).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FraudReport {
    pub hourly: Vec<HourlyVotes>,
    pub bursts: Vec<Burst>,
    /// Devices used by three or more voters.
    pub shared_devices: Vec<SharedSource>,
    /// Networks with the most voters (top 20).
    pub busy_networks: Vec<SharedSource>,
    pub voided_ballots: u32,
}

/// One ballot as the office inspects it (no identity: the voter is a number).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectedBallot {
    pub id: i64,
    pub category: Category,
    pub voter_id: i64,
    pub candidate_ids: Vec<i64>,
    pub device: Option<String>,
    pub network: Option<String>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub cast_at: DateTime<Utc>,
    pub void_reason: Option<String>,
}

/// `POST /api/v1/rounds/{id}/ballots/void`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoidRequest {
    pub ballot_id: i64,
    /// Why (kept in the audit log and published with the results).
    pub reason: String,
}

/// Receipt codes: 16 characters of Crockford base32 in groups of four, from 80 random
/// bits the caller supplies (the domain has no randomness).
pub fn receipt_code(random: [u8; 10]) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bits: u128 = 0;
    for b in random {
        bits = (bits << 8) | u128::from(b);
    }
    let mut out = String::with_capacity(19);
    for i in 0..16 {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        let shift = 75 - 5 * i;
        out.push(ALPHABET[((bits >> shift) & 31) as usize] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers() {
        for ok in [
            "13800001234",
            "138 0000 1234",
            "138-0000-1234",
            "+86 13800001234",
            "+8613800001234",
            "8613800001234",
            "008613800001234",
        ] {
            assert_eq!(
                PhoneNumber::parse("phone", ok).unwrap().as_str(),
                "13800001234",
                "{ok}"
            );
        }
        for bad in [
            "",
            "1380000123",
            "138000012345",
            "12800001234",
            "23800001234",
            "1380000123a",
            "+1 13800001234",
        ] {
            assert!(PhoneNumber::parse("phone", bad).is_err(), "{bad}");
        }
        assert_eq!(
            PhoneNumber::parse("phone", "13800001234").unwrap().masked(),
            "138****1234"
        );
    }

    #[test]
    fn sms_codes() {
        assert_eq!(parse_sms_code("code", " 123 456 ").unwrap(), "123456");
        for bad in ["12345", "1234567", "12345a", ""] {
            assert!(parse_sms_code("code", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ballots_choose_one_to_max_distinct() {
        let b = |ids: &[i64]| BallotInput {
            candidate_ids: ids.to_vec(),
        };
        assert_eq!(b(&[7]).validate(1).unwrap(), vec![7]);
        assert_eq!(b(&[9, 3]).validate(3).unwrap(), vec![3, 9]);
        let code = |r: Result<Vec<i64>, Vec<FieldError>>| r.unwrap_err()[0].code.clone();
        assert_eq!(code(b(&[]).validate(1)), "required");
        assert_eq!(code(b(&[1, 2]).validate(1)), "too_many");
        assert_eq!(code(b(&[4, 4]).validate(3)), "repeated");
    }

    #[test]
    fn receipts_are_sixteen_crockford_characters() {
        let r = receipt_code([0; 10]);
        assert_eq!(r, "0000-0000-0000-0000");
        let r = receipt_code([0xff; 10]);
        assert_eq!(r, "ZZZZ-ZZZZ-ZZZZ-ZZZZ");
        let r = receipt_code([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(r.len(), 19);
        assert!(r
            .chars()
            .all(|c| c == '-' || (c.is_ascii_alphanumeric() && !"ILOU".contains(c))));
        assert_ne!(r, receipt_code([1, 2, 3, 4, 5, 6, 7, 8, 9, 11]));
    }
}
