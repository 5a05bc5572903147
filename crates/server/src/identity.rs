//! Third-party identity services that vouch for a voter: an SMS code sent to a phone
//! ([`sms`]) and WeChat's web authorization ([`wechat`]). Each sits behind a trait so the
//! voting routes hold an `Arc<dyn …>` and tests or a demo can use a local stand-in.

mod http;
pub mod sms;
pub mod wechat;

use std::future::Future;
use std::pin::Pin;

/// The future an identity trait method returns: boxed so the traits stay object-safe
/// (`Arc<dyn SmsSender>`, `Arc<dyn WechatAuth>`) without the `async-trait` crate.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
