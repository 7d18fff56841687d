//! Typed HTTP client for the server's JSON API (gloo-net; `reqwasm` is only an old re-export of
//! it). Transport failures (no network, server down) are kept apart from errors the server
//! reported, so the UI can tell "offline" from "the server said no".

use gloo_net::http::Request;
use mutasi_core::wire::Health;

/// Why a request did not produce the expected answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The request never got an HTTP answer (offline, server down, connection reset).
    Transport(String),
    /// The server answered with an error status.
    Server { status: u16, message: String },
    /// The server answered 2xx with a body we could not read.
    Decode(String),
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Transport(e) => write!(
                f,
                "Tidak dapat menghubungi server / Cannot reach the server: {e}"
            ),
            ApiError::Server { status, message } => write!(
                f,
                "Server menjawab {status} / Server answered {status}: {message}"
            ),
            ApiError::Decode(e) => write!(
                f,
                "Jawaban server tidak terbaca / Unreadable server answer: {e}"
            ),
        }
    }
}

/// `GET /api/health`.
pub async fn health() -> Result<Health, ApiError> {
    let response = Request::get("/api/health")
        .send()
        .await
        .map_err(|e| ApiError::Transport(e.to_string()))?;
    if !response.ok() {
        return Err(ApiError::Server {
            status: response.status(),
            message: response.status_text(),
        });
    }
    response
        .json::<Health>()
        .await
        .map_err(|e| ApiError::Decode(e.to_string()))
}
