//! The body of every error response (protocol version [`super::WIRE_VERSION`]):
//! `{error, message, text, details}`, with its stable codes ([`ErrorCode`]).
//!
//! The server builds it from its one `AppError`; the browser app reads it and decides on the
//! [`ErrorCode`], never on the message or the bare status number. An answer without this body
//! (a proxy's, or a layer in front of the handlers) still gets a code: [`ErrorCode::from_status`].
//!
//! `details` depends on the code: a 409 `conflict` carries a [`Conflict`], a 422
//! `rule_violation` a [`Refusal`], a refusal of one pushed op (`forbidden`, `not_found`,
//! `invalid_op`) names it ([`OpRef`]), and `too_many_requests` / `busy` say when to retry
//! ([`RetryAfter`]).

use serde::{Deserialize, Serialize};

use super::sync::{Conflict, Refusal};
use crate::text::Text;

/// The stable, machine-readable code of an error (`error` in the body).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: a malformed request or query.
    BadRequest,
    /// 401: missing, unknown, expired or forged session token.
    Unauthorized,
    /// 401: wrong username or password.
    LoginFailed,
    /// 403: the caller's role or scope does not allow it (`details`: the op, for a push).
    Forbidden,
    /// 404: unknown path, or something the caller may not see (`details`: the op, for a push).
    NotFound,
    /// 409: an op was made on a record that moved on (`details`: a [`Conflict`]).
    Conflict,
    /// 409: an op id reused for another operation.
    OpIdReused,
    /// 409: the name is taken.
    AlreadyExists,
    /// 408: the request body did not arrive in time (the client may send it again).
    RequestTimeout,
    /// 413: the request body is too large.
    PayloadTooLarge,
    /// 415: the request body is not JSON.
    UnsupportedMediaType,
    /// 422: the body is JSON but not in the expected shape.
    InvalidBody,
    /// 422: one pushed op cannot be taken as it is (`details`: the op).
    InvalidOp,
    /// 422: a move breaks a rule (`details`: a [`Refusal`]).
    RuleViolation,
    /// 429: too many failed logins (`details`: [`RetryAfter`]).
    TooManyRequests,
    /// 500: something went wrong inside the server (nothing more is told).
    Internal,
    /// 503: the server is too busy for this now (`details`: [`RetryAfter`]).
    Busy,
    /// A code this version does not know (from a newer server).
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    /// Every code this version sends.
    pub const ALL: [ErrorCode; 17] = [
        ErrorCode::BadRequest,
        ErrorCode::Unauthorized,
        ErrorCode::LoginFailed,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::Conflict,
        ErrorCode::OpIdReused,
        ErrorCode::AlreadyExists,
        ErrorCode::RequestTimeout,
        ErrorCode::PayloadTooLarge,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::InvalidBody,
        ErrorCode::InvalidOp,
        ErrorCode::RuleViolation,
        ErrorCode::TooManyRequests,
        ErrorCode::Internal,
        ErrorCode::Busy,
    ];

    /// The stable name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::LoginFailed => "login_failed",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::OpIdReused => "op_id_reused",
            ErrorCode::AlreadyExists => "already_exists",
            ErrorCode::RequestTimeout => "request_timeout",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::InvalidBody => "invalid_body",
            ErrorCode::InvalidOp => "invalid_op",
            ErrorCode::RuleViolation => "rule_violation",
            ErrorCode::TooManyRequests => "too_many_requests",
            ErrorCode::Internal => "internal",
            ErrorCode::Busy => "busy",
            ErrorCode::Unknown => "unknown",
        }
    }

    /// The HTTP status the server answers with.
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::BadRequest => 400,
            ErrorCode::Unauthorized | ErrorCode::LoginFailed => 401,
            ErrorCode::Forbidden => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::Conflict | ErrorCode::OpIdReused | ErrorCode::AlreadyExists => 409,
            ErrorCode::RequestTimeout => 408,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::UnsupportedMediaType => 415,
            ErrorCode::InvalidBody | ErrorCode::InvalidOp | ErrorCode::RuleViolation => 422,
            ErrorCode::TooManyRequests => 429,
            ErrorCode::Internal | ErrorCode::Unknown => 500,
            ErrorCode::Busy => 503,
        }
    }

    /// The code of an error answer that came without this body: the status's usual meaning.
    pub fn from_status(status: u16) -> ErrorCode {
        match status {
            400 => ErrorCode::BadRequest,
            401 => ErrorCode::Unauthorized,
            403 => ErrorCode::Forbidden,
            404 => ErrorCode::NotFound,
            409 => ErrorCode::Conflict,
            408 => ErrorCode::RequestTimeout,
            413 => ErrorCode::PayloadTooLarge,
            415 => ErrorCode::UnsupportedMediaType,
            422 => ErrorCode::InvalidBody,
            429 => ErrorCode::TooManyRequests,
            503 => ErrorCode::Busy,
            _ => ErrorCode::Unknown,
        }
    }

    /// A refusal of one pushed op, named in `details` ([`OpRef`]): that op will never go
    /// through as it is, the ones behind it may.
    pub fn refuses_one_op(self) -> bool {
        matches!(
            self,
            ErrorCode::Forbidden | ErrorCode::NotFound | ErrorCode::InvalidOp
        )
    }

    /// A refusal of a push body as a whole (too large, not in the expected shape) that names no
    /// op: retrying the same batch would only be refused again.
    pub fn refuses_the_body(self) -> bool {
        matches!(
            self,
            ErrorCode::PayloadTooLarge | ErrorCode::InvalidBody | ErrorCode::BadRequest
        )
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The JSON body of every error response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// The stable code, e.g. `not_found`.
    pub error: ErrorCode,
    /// The message in one line, Bahasa Indonesia first, English second ("… / …").
    pub message: String,
    /// The same message in each language, for a client that shows one at a time.
    pub text: Text,
    /// Structured details, by code (see the module documentation); `null` when there are none.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub details: serde_json::Value,
}

impl ErrorBody {
    /// A body with `text` (the one-line `message` is made from it).
    pub fn new(error: ErrorCode, text: Text, details: serde_json::Value) -> Self {
        Self {
            error,
            message: text.to_string(),
            text,
            details,
        }
    }

    /// The body the client makes up for an error answer without one.
    pub fn from_status(status: u16, status_text: &str) -> Self {
        Self::new(
            ErrorCode::from_status(status),
            Text::same(format!("HTTP {status} {status_text}").trim().to_string()),
            serde_json::Value::Null,
        )
    }

    /// The op a refusal of one pushed op names.
    pub fn op(&self) -> Option<OpRef> {
        if !self.error.refuses_one_op() {
            return None;
        }
        serde_json::from_value(self.details.clone()).ok()
    }

    /// The conflict of a 409 `conflict`.
    pub fn conflict(&self) -> Option<Conflict> {
        (self.error == ErrorCode::Conflict)
            .then(|| serde_json::from_value(self.details.clone()).ok())
            .flatten()
    }

    /// The failing rules of a 422 `rule_violation`.
    pub fn refusal(&self) -> Option<Refusal> {
        (self.error == ErrorCode::RuleViolation)
            .then(|| serde_json::from_value(self.details.clone()).ok())
            .flatten()
    }

    /// Seconds to wait before trying again (`too_many_requests`, `busy`).
    pub fn retry_after(&self) -> Option<u64> {
        serde_json::from_value::<RetryAfter>(self.details.clone())
            .ok()
            .map(|r| r.retry_after)
    }
}

/// `details` of a refusal of one pushed op: which op, and where it stands in the batch, so a
/// client can set that one aside and push the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpRef {
    /// The op's id.
    pub op: String,
    /// Its position in the batch.
    pub index: usize,
}

/// `details` of `too_many_requests` and `busy` (also sent as the `Retry-After` header).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RetryAfter {
    /// Seconds to wait.
    pub retry_after: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_ones_read() {
        for c in ErrorCode::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
            let back: ErrorCode = serde_json::from_value(c.as_str().into()).unwrap();
            assert_eq!(back, c);
            // A body-less answer with the code's status reads as a code of the same status.
            assert_eq!(ErrorCode::from_status(c.status()).status(), c.status());
        }
        let newer: ErrorCode = serde_json::from_str(r#""teapot""#).unwrap();
        assert_eq!(newer, ErrorCode::Unknown);
    }

    #[test]
    fn details_are_read_by_code() {
        let body: ErrorBody = serde_json::from_str(
            r#"{"error":"invalid_op","message":"a / b","text":{"id":"a","en":"b"},
                "details":{"op":"o","index":2}}"#,
        )
        .unwrap();
        assert_eq!(
            body.op(),
            Some(OpRef {
                op: "o".into(),
                index: 2
            })
        );
        assert_eq!(body.conflict(), None);
        let mut conflict = body.clone();
        conflict.error = ErrorCode::Conflict;
        assert_eq!(conflict.op(), None, "a conflict is not a refusal of the op");
        let busy = ErrorBody::new(
            ErrorCode::Busy,
            Text::same("x"),
            serde_json::json!({"retry_after": 3}),
        );
        assert_eq!(busy.retry_after(), Some(3));
        assert_eq!(busy.message, "x / x");
        let bare = ErrorBody::from_status(413, "Payload Too Large");
        assert!(bare.error.refuses_the_body() && !bare.error.refuses_one_op());
    }
}
