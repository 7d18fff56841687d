//! The one error type of the server's HTTP layer.
//!
//! Every handler returns `Result<_, AppError>`. Each case maps to a status code and a JSON body
//! `{error, message, details}`; an internal error is logged here and reveals nothing to the caller.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// The JSON body of every error response.
#[derive(Debug, Serialize)]
pub struct ErrorBody {
    /// A stable machine-readable code, e.g. `not_found`.
    pub error: &'static str,
    /// A human-readable message (Bahasa Indonesia first, English second).
    pub message: String,
    /// Optional structured details (e.g. the field that was wrong).
    pub details: serde_json::Value,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found: {0}")]
    NotFound(String),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    fn parts(&self) -> (StatusCode, &'static str, String) {
        match self {
            AppError::NotFound(what) => (
                StatusCode::NOT_FOUND,
                "not_found",
                format!("Tidak ditemukan / Not found: {what}"),
            ),
            AppError::BadRequest(why) => (
                StatusCode::BAD_REQUEST,
                "bad_request",
                format!("Permintaan tidak valid / Bad request: {why}"),
            ),
            AppError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Terjadi kesalahan di server / Internal server error".to_string(),
            ),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(err) = &self {
            tracing::error!(error = ?err, "internal error");
        }
        let (status, error, message) = self.parts();
        let body = ErrorBody {
            error,
            message,
            details: serde_json::Value::Null,
        };
        (status, Json(body)).into_response()
    }
}
