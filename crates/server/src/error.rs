//! The one error type of the server's HTTP layer, and [`ApiJson`], the JSON extractor whose
//! rejections use it too.
//!
//! Every handler returns `Result<_, AppError>`. Each case maps to a status code and a JSON body
//! `{error, message, text, details}`; an internal error is logged here and reveals nothing to the
//! caller. `text` holds the message in each language (`{id, en}`), so a client shows the one its
//! user chose; `message` is both in one line ("Indonesian / English") for anything else.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;

use mutasi_core::text::Text;
use mutasi_core::wire::error::{ErrorCode, OpRef, RetryAfter};

/// The JSON body of every error response (the wire type, `mutasi_core::wire::error`).
pub use mutasi_core::wire::error::ErrorBody;

use crate::db::StoreError;
use crate::sync::OpRefusal;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found: {0}")]
    NotFound(String),
    #[error("bad request: {0}")]
    BadRequest(Text),
    /// Missing, unknown, expired or forged session token (401).
    #[error("unauthorized")]
    Unauthorized,
    /// Wrong username or password (401).
    #[error("login failed")]
    LoginFailed,
    /// An activation refused, whatever the reason: unknown NIP, wrong, expired or used code,
    /// disabled account (401, one body for all).
    #[error("activation failed")]
    ActivationFailed,
    /// The caller may not do this (403).
    #[error("forbidden: {0}")]
    Forbidden(Text),
    /// Too many failed logins (429), with the seconds to wait.
    #[error("too many requests")]
    TooManyRequests(u64),
    /// The server is too busy for this request now (503), with the seconds to wait.
    #[error("busy")]
    Busy(u64),
    /// A rejected request body or query, with the status the rejection chose.
    #[error("rejected: {1}")]
    Rejected(StatusCode, String),
    /// A version conflict (409) with the server's current record.
    #[error("conflict")]
    Conflict(serde_json::Value),
    /// An op id reused for a different operation (409).
    #[error("op id reused: {0}")]
    OpIdReused(String),
    /// Any other answer with its code, message and details (e.g. 422 `rule_violation`).
    #[error("{0}: {1}")]
    Status(ErrorCode, Text, serde_json::Value),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    fn parts(self) -> (ErrorCode, Text, serde_json::Value) {
        use serde_json::Value::Null;
        match self {
            AppError::NotFound(what) => (
                ErrorCode::NotFound,
                prefixed("Tidak ditemukan", "Not found", &Text::same(what)),
                Null,
            ),
            AppError::BadRequest(why) => (
                ErrorCode::BadRequest,
                prefixed("Permintaan tidak valid", "Bad request", &why),
                Null,
            ),
            AppError::Unauthorized => (
                ErrorCode::Unauthorized,
                Text::new(
                    "Sesi tidak valid atau kedaluwarsa, silakan masuk lagi",
                    "Invalid or expired session, please log in again",
                ),
                Null,
            ),
            AppError::LoginFailed => (
                ErrorCode::LoginFailed,
                Text::new(
                    "Nama pengguna atau kata sandi salah",
                    "Wrong username or password",
                ),
                Null,
            ),
            AppError::ActivationFailed => (
                ErrorCode::LoginFailed,
                Text::new(
                    "NIP atau kode aktivasi salah, sudah kedaluwarsa, atau sudah dipakai",
                    "Wrong NIP or activation code, or the code expired or was used",
                ),
                Null,
            ),
            AppError::Forbidden(why) => (
                ErrorCode::Forbidden,
                prefixed("Tidak diizinkan", "Forbidden", &why),
                Null,
            ),
            AppError::TooManyRequests(secs) => (
                ErrorCode::TooManyRequests,
                Text::new(
                    format!("Terlalu banyak percobaan masuk, coba lagi dalam {secs} detik"),
                    format!("Too many login attempts, retry in {secs} seconds"),
                ),
                details(&RetryAfter { retry_after: secs }),
            ),
            AppError::Busy(secs) => (
                ErrorCode::Busy,
                Text::new(
                    format!("Server sedang sibuk, coba lagi dalam {secs} detik"),
                    format!("The server is busy, retry in {secs} seconds"),
                ),
                details(&RetryAfter { retry_after: secs }),
            ),
            AppError::Rejected(status, why) => {
                let code = match status {
                    StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
                    StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
                    StatusCode::UNPROCESSABLE_ENTITY => ErrorCode::InvalidBody,
                    StatusCode::REQUEST_TIMEOUT => ErrorCode::RequestTimeout,
                    _ => ErrorCode::BadRequest,
                };
                let text = match code {
                    ErrorCode::PayloadTooLarge => {
                        Text::new("Isi permintaan terlalu besar", "Request body too large")
                    }
                    ErrorCode::RequestTimeout => Text::new(
                        "Isi permintaan tidak selesai dikirim tepat waktu",
                        "The request body did not arrive in time",
                    ),
                    ErrorCode::UnsupportedMediaType => Text::new(
                        "Isi permintaan harus JSON (Content-Type: application/json)",
                        "Request body must be JSON (Content-Type: application/json)",
                    ),
                    _ => Text::new(
                        format!("Permintaan tidak valid: {why}"),
                        format!("Invalid request: {why}"),
                    ),
                };
                (code, text, Null)
            }
            AppError::Conflict(details) => (
                ErrorCode::Conflict,
                Text::new(
                    "Data sudah berubah di server; tarik perubahan terbaru lalu ulangi",
                    "The record changed on the server; pull and retry",
                ),
                details,
            ),
            AppError::OpIdReused(op) => (
                ErrorCode::OpIdReused,
                Text::new(
                    format!("ID operasi sudah dipakai untuk operasi lain: {op}"),
                    format!("Op id already used for another operation: {op}"),
                ),
                serde_json::json!({ "op": op }),
            ),
            AppError::Status(code, text, details) => (code, text, details),
            AppError::Internal(_) => (
                ErrorCode::Internal,
                Text::new("Terjadi kesalahan di server", "Internal server error"),
                Null,
            ),
        }
    }
}

/// "Tidak diizinkan: …" / "Forbidden: …": each language's prefix before that language's reason.
fn prefixed(id: &str, en: &str, why: &Text) -> Text {
    Text::new(format!("{id}: {}", why.id), format!("{en}: {}", why.en))
}

fn details<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(err) = &self {
            tracing::error!(error = ?err, "internal error");
        }
        let retry = match &self {
            AppError::TooManyRequests(secs) | AppError::Busy(secs) => Some(*secs),
            _ => None,
        };
        let (code, text, details) = self.parts();
        let status =
            StatusCode::from_u16(code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, Json(ErrorBody::new(code, text, details))).into_response();
        if let Some(secs) = retry {
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => AppError::NotFound(what),
            StoreError::AlreadyExists(what) => AppError::Status(
                ErrorCode::AlreadyExists,
                Text::new(
                    format!("Sudah ada: {what}"),
                    format!("Already exists: {what}"),
                ),
                serde_json::Value::Null,
            ),
            StoreError::Conflict(c) => AppError::Conflict(details(&*c)),
            StoreError::OpIdReused(op) => AppError::OpIdReused(op),
            StoreError::Refused(r) => r.into(),
            // Nothing was applied; the same push (same op ids) can be sent again.
            StoreError::Stale(_) | StoreError::Busy => AppError::Busy(1),
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<OpRefusal> for AppError {
    fn from(r: OpRefusal) -> Self {
        // `details` names the op and its place in the batch, so a client can set that one op
        // aside and push the rest.
        let one = |op: String, index: usize| details(&OpRef { op, index });
        match r {
            OpRefusal::Forbidden { op, index, why } => AppError::Status(
                ErrorCode::Forbidden,
                prefixed("Tidak diizinkan", "Forbidden", &why),
                one(op, index),
            ),
            OpRefusal::Unknown { op, index, what } => AppError::Status(
                ErrorCode::NotFound,
                prefixed("Tidak ditemukan", "Not found", &what),
                one(op, index),
            ),
            OpRefusal::Invalid { op, index, why } => AppError::Status(
                ErrorCode::InvalidOp,
                prefixed("Operasi tidak valid", "Invalid operation", &why),
                one(op, index),
            ),
            OpRefusal::Rules(refusal) => AppError::Status(
                ErrorCode::RuleViolation,
                mutasi_core::workflow::StepError::Rules(refusal.verdicts.clone()).text(),
                details(&refusal),
            ),
        }
    }
}

/// Axum's `Json`, with rejections (bad syntax, wrong types, wrong content type, too large)
/// answered in the [`ErrorBody`] format.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(r: JsonRejection) -> AppError {
    if crate::deadline::is_deadline(&r) {
        return AppError::Rejected(StatusCode::REQUEST_TIMEOUT, r.body_text());
    }
    AppError::Rejected(r.status(), r.body_text())
}

/// Axum's `Query`, with rejections in the [`ErrorBody`] format.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(ApiQuery(v)),
            Err(r) => Err(query_rejection(r)),
        }
    }
}

fn query_rejection(r: QueryRejection) -> AppError {
    AppError::Rejected(StatusCode::BAD_REQUEST, r.body_text())
}
