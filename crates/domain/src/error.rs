//! The one error body every API rejection carries, and its stable codes.
//!
//! The server sends `{code, message, fields?}`; the app shows the message for `code` in
//! the user's language from [`ErrorCode::message`], so both speak the same words.

use crate::lang::Lang;
use serde::{Deserialize, Serialize};

/// A stable, machine-readable reason for a rejection. Each variant's doc names the HTTP
/// status the server answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: the body is not valid JSON or does not have the expected shape.
    BadJson,
    /// 400: a query or path parameter could not be read.
    BadRequest,
    /// 415: the body is not `application/json`.
    UnsupportedMediaType,
    /// 413: the body is larger than the endpoint accepts.
    PayloadTooLarge,
    /// 404: no such route or record.
    NotFound,
    /// 405: the route exists, the method does not.
    MethodNotAllowed,
    /// 422: the input was read but breaks a rule; `fields` says which.
    ValidationFailed,
    /// 401: not signed in, or the session has expired.
    Unauthenticated,
    /// 401: wrong user name or password.
    InvalidCredentials,
    /// 403: signed in, but this role may not do this.
    Forbidden,
    /// 403: a cookie-authenticated write without a valid CSRF token.
    CsrfFailed,
    /// 409: the request conflicts with the current state (e.g. a name already taken).
    Conflict,
    /// 409: the phase cannot move this way from where it is.
    IllegalTransition,
    /// 409: this phase is not open now (e.g. nominating outside the nomination window).
    PhaseClosed,
    /// 415: an upload that is not a photo (JPEG, PNG or WebP).
    UnsupportedImage,
    /// 422: a photo that cannot be used: undecodable, too many pixels, or with something
    /// hidden after it (a polyglot file).
    ImageRejected,
    /// 429: too many attempts; try again later.
    RateLimited,
    /// 401: voting needs a verified phone number (or WeChat) first.
    VoterUnverified,
    /// 422: the SMS code is wrong, used or expired.
    SmsCodeInvalid,
    /// 429: this number has had too many wrong codes; locked for a while.
    SmsCodeLocked,
    /// 503: the SMS service did not take the message; try again shortly.
    SmsUnavailable,
    /// 409: this person has already voted in this category; `receipt` is their ballot.
    AlreadyVoted,
    /// 503: WeChat did not answer; try again shortly.
    WechatUnavailable,
    /// 500: something broke on the server; details are in its log, never in the answer.
    Internal,
}

impl ErrorCode {
    /// The HTTP status the server answers with for this code.
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::BadJson | ErrorCode::BadRequest => 400,
            ErrorCode::Unauthenticated
            | ErrorCode::InvalidCredentials
            | ErrorCode::VoterUnverified => 401,
            ErrorCode::Forbidden | ErrorCode::CsrfFailed => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::Conflict
            | ErrorCode::IllegalTransition
            | ErrorCode::PhaseClosed
            | ErrorCode::AlreadyVoted => 409,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::UnsupportedMediaType | ErrorCode::UnsupportedImage => 415,
            ErrorCode::ValidationFailed | ErrorCode::ImageRejected | ErrorCode::SmsCodeInvalid => {
                422
            }
            ErrorCode::RateLimited | ErrorCode::SmsCodeLocked => 429,
            ErrorCode::SmsUnavailable | ErrorCode::WechatUnavailable => 503,
            ErrorCode::Internal => 500,
        }
    }

    /// A plain sentence for a resident or a staff member, in their language.
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            ErrorCode::BadJson => lang.pick(
                "提交的内容格式不对，请刷新页面后重试。",
                "The request could not be read. Please reload and try again.",
            ),
            ErrorCode::BadRequest => {
                lang.pick("请求的参数不对。", "The request parameters are not valid.")
            }
            ErrorCode::UnsupportedMediaType => lang.pick(
                "提交的内容类型不对。",
                "The request has the wrong content type.",
            ),
            ErrorCode::PayloadTooLarge => {
                lang.pick("提交的内容太大了。", "The request is too large.")
            }
            ErrorCode::NotFound => lang.pick("没有找到要访问的内容。", "Not found."),
            ErrorCode::MethodNotAllowed => {
                lang.pick("不支持这种操作。", "This operation is not supported here.")
            }
            ErrorCode::ValidationFailed => lang.pick(
                "有几项填写得不对，请看下面的提示。",
                "Some fields need fixing; see the hints below.",
            ),
            ErrorCode::Unauthenticated => lang.pick("请先登录。", "Please sign in first."),
            ErrorCode::InvalidCredentials => {
                lang.pick("用户名或密码不对。", "Wrong user name or password.")
            }
            ErrorCode::Forbidden => {
                lang.pick("您的账号没有这项权限。", "Your account may not do this.")
            }
            ErrorCode::CsrfFailed => lang.pick(
                "页面已过期，请刷新后再试。",
                "The page has expired. Please reload and try again.",
            ),
            ErrorCode::Conflict => lang.pick(
                "与现有内容冲突，请刷新后再试。",
                "This conflicts with existing data. Please reload and try again.",
            ),
            ErrorCode::IllegalTransition => lang.pick(
                "当前阶段不能这样切换，请刷新后查看最新状态。",
                "The phase cannot change this way. Reload to see the current state.",
            ),
            ErrorCode::PhaseClosed => lang.pick(
                "现在不在这一阶段的开放时间内。",
                "This phase is not open now.",
            ),
            ErrorCode::UnsupportedImage => lang.pick(
                "只能上传照片（JPG、PNG 或 WebP 格式）。",
                "Only photos (JPG, PNG or WebP) can be uploaded.",
            ),
            ErrorCode::ImageRejected => lang.pick(
                "这张照片无法使用，请换一张再试。",
                "This photo cannot be used; please choose another.",
            ),
            ErrorCode::RateLimited => lang.pick(
                "操作太频繁了，请稍后再试。",
                "Too many attempts. Please wait a moment and try again.",
            ),
            ErrorCode::VoterUnverified => lang.pick(
                "投票前请先用手机号验证身份。",
                "Please verify your phone number before voting.",
            ),
            ErrorCode::SmsCodeInvalid => lang.pick(
                "验证码不对或已过期，请重新输入或重新获取。",
                "The code is wrong or has expired. Check it or ask for a new one.",
            ),
            ErrorCode::SmsCodeLocked => lang.pick(
                "验证码错误次数太多，这个号码暂时不能验证，请稍后再试。",
                "Too many wrong codes for this number. Please try again later.",
            ),
            ErrorCode::SmsUnavailable => lang.pick(
                "短信暂时发不出去，请稍后再试。",
                "The text message could not be sent. Please try again shortly.",
            ),
            ErrorCode::WechatUnavailable => lang.pick(
                "微信暂时连接不上，请稍后再试，或改用手机号验证。",
                "WeChat cannot be reached right now. Try again shortly, or verify by phone.",
            ),
            ErrorCode::AlreadyVoted => lang.pick(
                "您已经投过票了，每人每类只能投一次。",
                "You have already voted in this category: one ballot per person.",
            ),
            ErrorCode::Internal => lang.pick(
                "服务器出了点问题，请稍后再试。",
                "Something went wrong on the server. Please try again later.",
            ),
        }
    }
}

/// What is wrong with one field of the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's path in the request, e.g. `schedule.voting.ends_at`.
    pub field: String,
    /// A stable reason, e.g. `too_short`, `out_of_order`.
    pub code: String,
    /// The reason in plain Chinese.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

/// The JSON body of every rejection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<FieldError>>,
    /// With `already_voted`: the ballot this person cast earlier (boxed: rare, and it
    /// would make every error as large as itself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<Box<crate::voting::BallotReceipt>>,
    /// Seconds to wait before trying again, when the server knows (an SMS code asked for
    /// too soon, a number locked after wrong codes); also sent as `Retry-After`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u32>,
}

impl ErrorBody {
    /// The body for `code` with its Chinese message.
    pub fn new(code: ErrorCode) -> Self {
        ErrorBody {
            code,
            message: code.message(Lang::Zh).to_owned(),
            fields: None,
            receipt: None,
            retry_after: None,
        }
    }

    /// A validation failure listing the fields at fault.
    pub fn validation(fields: Vec<FieldError>) -> Self {
        ErrorBody {
            fields: Some(fields),
            ..ErrorBody::new(ErrorCode::ValidationFailed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_a_client_error_but_internal() {
        let codes = [
            ErrorCode::BadJson,
            ErrorCode::BadRequest,
            ErrorCode::UnsupportedMediaType,
            ErrorCode::PayloadTooLarge,
            ErrorCode::NotFound,
            ErrorCode::MethodNotAllowed,
            ErrorCode::ValidationFailed,
            ErrorCode::Unauthenticated,
            ErrorCode::InvalidCredentials,
            ErrorCode::Forbidden,
            ErrorCode::CsrfFailed,
            ErrorCode::Conflict,
            ErrorCode::IllegalTransition,
            ErrorCode::RateLimited,
        ];
        for c in codes {
            assert!((400..500).contains(&c.status()), "{c:?}");
            assert!(!c.message(Lang::Zh).is_empty() && !c.message(Lang::En).is_empty());
        }
        assert_eq!(ErrorCode::Internal.status(), 500);
    }

    #[test]
    fn body_serialises_without_empty_fields() {
        let json = serde_json::to_value(ErrorBody::new(ErrorCode::NotFound)).unwrap();
        assert_eq!(json["code"], "not_found");
        assert!(json.get("fields").is_none());
        assert!(json.get("retry_after").is_none());
    }

    #[test]
    fn retry_after_travels_and_is_optional() {
        let body = ErrorBody {
            retry_after: Some(42),
            ..ErrorBody::new(ErrorCode::RateLimited)
        };
        let json = serde_json::to_string(&body).unwrap();
        assert!(json.contains("\"retry_after\":42"), "{json}");
        assert_eq!(serde_json::from_str::<ErrorBody>(&json).unwrap(), body);
        let old: ErrorBody =
            serde_json::from_str(r#"{"code":"rate_limited","message":"m"}"#).unwrap();
        assert_eq!(old.retry_after, None);
    }
}
