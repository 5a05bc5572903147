//! Extractors whose rejections are JSON errors, so malformed input never gets axum's
//! plain-text answers: broken JSON → 400, wrong content type → 415, too large → 413,
//! a path parameter that is not a number → 400.

use crate::error::AppError;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use pingxuan_domain::{ErrorBody, ErrorCode, FieldError};
use serde::de::DeserializeOwned;

/// `Json<T>` with JSON rejections.
pub struct AppJson<T>(pub T);

impl<S, T> FromRequest<S> for AppJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(AppJson(v)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> AppError {
    tracing::debug!(%rejection, "rejected JSON body");
    match rejection {
        JsonRejection::MissingJsonContentType(_) => AppError::Code(ErrorCode::UnsupportedMediaType),
        JsonRejection::BytesRejection(b) if b.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            AppError::Code(ErrorCode::PayloadTooLarge)
        }
        JsonRejection::JsonDataError(e) => {
            // The shape is wrong: say where (serde's path) so the client can be fixed.
            const PREFIX: &str = "Failed to deserialize the JSON body into the target type: ";
            let text = e.body_text();
            let detail = text.strip_prefix(PREFIX).unwrap_or(&text);
            let (field, reason) = match detail.split_once(": ") {
                Some((path, reason)) if !path.contains(' ') => (path, reason),
                _ => ("body", detail),
            };
            let reason: String = reason.chars().take(200).collect();
            let mut body = ErrorBody::new(ErrorCode::BadJson);
            body.fields = Some(vec![FieldError::new(field, "bad_shape", reason)]);
            AppError::Body(body)
        }
        _ => AppError::Code(ErrorCode::BadJson),
    }
}

/// `Path<T>` with a JSON 400 when a parameter does not parse.
pub struct AppPath<T>(pub T);

impl<S, T> FromRequestParts<S> for AppPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(AppPath(v)),
            Err(rejection) => {
                tracing::debug!(%rejection, "rejected path");
                Err(match rejection {
                    PathRejection::FailedToDeserializePathParams(_) => {
                        AppError::Code(ErrorCode::BadRequest)
                    }
                    _ => AppError::Internal(anyhow::anyhow!("path extraction: {rejection}")),
                })
            }
        }
    }
}

/// The client's address: the socket's peer, or behind a trusted reverse proxy the
/// address it forwarded (`PINGXUAN_TRUSTED_PROXIES`, [`crate::proxies`]); unknown when
/// the app is driven without a socket, as in `oneshot` tests.
pub struct ClientIp(pub Option<std::net::IpAddr>);

impl FromRequestParts<crate::AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &crate::AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|c| {
                    state
                        .config
                        .trusted_proxies
                        .client_ip(c.0.ip(), &parts.headers)
                }),
        ))
    }
}

/// `Query<T>` with a JSON 400 when the query string does not parse.
pub struct AppQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for AppQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(AppQuery(v)),
            Err(rejection) => {
                let mut body = ErrorBody::new(ErrorCode::BadRequest);
                body.fields = Some(vec![FieldError::new(
                    "query",
                    "bad_shape",
                    rejection.body_text(),
                )]);
                Err(AppError::Body(body))
            }
        }
    }
}
