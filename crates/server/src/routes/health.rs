//! `GET /api/health`: is the server up and does its database answer?

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use mutasi_core::wire::Health;

use crate::AppState;

/// Answers 200 with `status: ok` when the database answers, 503 with `degraded` otherwise.
#[utoipa::path(get, path = "/api/health", tag = "health",
    responses((status = 200, description = "Server and database are up", body = mutasi_core::wire::Health),
              (status = 503, description = "Database unavailable", body = mutasi_core::wire::Health)))]
pub async fn health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let kind = state.store.kind();
    let (code, status, database) = match state.store.ping().await {
        Ok(_) => (StatusCode::OK, "ok", kind.to_string()),
        Err(err) => {
            tracing::warn!(error = ?err, "database ping failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "degraded",
                format!("{kind} (unavailable)"),
            )
        }
    };
    let body = Health {
        status: status.into(),
        version: mutasi_core::version::VERSION.into(),
        database,
    };
    (code, Json(body))
}
