//! What can go wrong talking to the server, kept apart so each page can say it plainly.

use crate::i18n::Msg;
use pingxuan_domain::phase::TransitionError;
use pingxuan_domain::{ErrorBody, ErrorCode, FieldError, Lang, Phase};

/// Why a request did not give us what we asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum ClientError {
    /// The request never got an answer: offline, DNS failure, timeout, or aborted.
    Network,
    /// The server answered with its error body; `code` and `fields` are kept for the UI.
    Server { status: u16, body: ErrorBody },
    /// The server answered with something we cannot read (e.g. a proxy's HTML page).
    BadResponse { status: u16 },
}

impl ClientError {
    /// The stable code the server sent, if it sent one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ClientError::Server { body, .. } => Some(body.code),
            _ => None,
        }
    }

    /// Field-level problems from a `validation_failed` answer; empty otherwise.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            ClientError::Server { body, .. } => body.fields.as_deref().unwrap_or(&[]),
            _ => &[],
        }
    }

    /// True when the answer means "you are not signed in (any more)".
    pub fn is_unauthenticated(&self) -> bool {
        self.code() == Some(ErrorCode::Unauthenticated)
    }

    /// One plain sentence for the person holding the phone, in their language.
    ///
    /// In Chinese this is the server's own sentence: for most codes it is the domain's
    /// [`ErrorCode::message`], and where the server knows more (a refused phase change,
    /// a conflict such as "投票开始后不能再修改计分和投票规则。") it says precisely why.
    /// In English it is the domain's message for the code, with refused phase changes
    /// translated through the domain's [`TransitionError`].
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ClientError::Network => Msg::NetworkFailed.text(lang).to_owned(),
            ClientError::BadResponse { .. } => Msg::BadResponse.text(lang).to_owned(),
            ClientError::Server { body, .. } => match lang {
                Lang::Zh if !body.message.trim().is_empty() => body.message.clone(),
                _ => transition_message(&body.message, lang)
                    .unwrap_or_else(|| body.code.message(lang))
                    .to_owned(),
            },
        }
    }
}

/// Finds the domain's sentence the server sent for a refused phase change, in `lang`.
fn transition_message(server_message: &str, lang: Lang) -> Option<&'static str> {
    let known = [
        TransitionError::Stale {
            expected: Phase::Nomination,
            actual: Phase::Nomination,
        },
        TransitionError::AlreadyPublished,
        TransitionError::VotingStillOpen,
    ];
    known
        .into_iter()
        .find(|e| e.message(Lang::Zh) == server_message.trim())
        .map(|e| e.message(lang))
}
