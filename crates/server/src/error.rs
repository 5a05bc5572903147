//! The server's one error type. Each variant's doc names its status. Internals are
//! logged with context and never sent: the client sees only `{code, message, fields}`
//! (and `receipt`, `retry_after` where they apply).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use pingxuan_domain::{ErrorBody, ErrorCode, FieldError};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The status of the code (4xx), with the code's standard Chinese message.
    #[error("{0:?}")]
    Code(ErrorCode),
    /// The status of the code, with a more specific Chinese message.
    #[error("{0:?}: {1}")]
    Message(ErrorCode, String),
    /// The status of the body's code, with a body made by the caller.
    #[error("{0:?}")]
    Body(ErrorBody),
    /// 422 with the fields at fault.
    #[error("validation failed: {0:?}")]
    Validation(Vec<FieldError>),
    /// 500; logged, never echoed.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(anyhow::Error::new(e).context("database"))
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::Validation(vec![e])
    }
}

impl From<Vec<FieldError>> for AppError {
    fn from(e: Vec<FieldError>) -> Self {
        AppError::Validation(e)
    }
}

impl AppError {
    /// The same error answered under another code (e.g. a taken user name is a 409
    /// that still names its field).
    pub fn with_code(self, code: ErrorCode) -> AppError {
        let mut body = self.body();
        body.code = code;
        body.message = code.message(pingxuan_domain::Lang::Zh).to_owned();
        AppError::Body(body)
    }

    pub fn body(&self) -> ErrorBody {
        match self {
            AppError::Code(code) => ErrorBody::new(*code),
            AppError::Message(code, message) => ErrorBody {
                message: message.clone(),
                ..ErrorBody::new(*code)
            },
            AppError::Body(body) => body.clone(),
            AppError::Validation(fields) => ErrorBody::validation(fields.clone()),
            AppError::Internal(_) => ErrorBody::new(ErrorCode::Internal),
        }
    }
}

/// The JSON error response for `body` (with `Retry-After` when it says how long to wait).
pub fn error_response(body: ErrorBody) -> Response {
    let status =
        StatusCode::from_u16(body.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let retry_after = body.retry_after;
    let mut res = (status, Json(body)).into_response();
    if let Some(seconds) = retry_after {
        res.headers_mut()
            .insert(axum::http::header::RETRY_AFTER, seconds.into());
    }
    res
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(err) = &self {
            tracing::error!(error = ?err, "internal error");
        }
        error_response(self.body())
    }
}
