//! `GET /api/audit`: the append-only audit trail, for admins and approvers.

use axum::extract::State;
use axum::Json;
use mutasi_core::wire::auth::Role;
use mutasi_core::wire::sync::AuditPage;
use serde::Deserialize;

use crate::auth::Caller;
use crate::error::{ApiQuery, AppError};
use crate::AppState;

/// `?since=&limit=`.
#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    /// Entries with a larger id (0: from the start).
    #[serde(default)]
    pub since: u64,
    /// Page size, 1–1000 (default 200).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// Entries after `since`, oldest first.
#[utoipa::path(get, path = "/api/audit", tag = "audit", security(("bearer" = [])),
    params(("since" = Option<u64>, Query, description = "Last entry id seen (0: from the start)"),
           ("limit" = Option<u32>, Query, description = "Page size, 1–1000 (default 200)")),
    responses((status = 200, description = "One page of the trail", body = super::openapi::AuditPageDoc),
              (status = 401, description = "No valid session", body = crate::error::ErrorBody),
              (status = 403, description = "Not an admin or approver", body = crate::error::ErrorBody)))]
pub async fn audit(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> Result<Json<AuditPage>, AppError> {
    if !matches!(caller.user.role, Role::Admin | Role::Approver) {
        return Err(AppError::Forbidden(
            "jejak audit hanya untuk admin dan approver / the audit trail is for admins and approvers"
                .into(),
        ));
    }
    let limit = query.limit.unwrap_or(200).clamp(1, 1000);
    Ok(Json(state.store.audit(query.since, limit).await?))
}
