//! HTTP routes: the JSON API under `/api` and the static browser app.
//!
//! | method | path | who |
//! |---|---|---|
//! | GET | `/api/health` | anyone |
//! | POST | `/api/auth/login` | anyone (rate-limited) |
//! | POST | `/api/auth/activate` | anyone (rate-limited like a login; a one-time code) |
//! | POST | `/api/auth/logout` | any session |
//! | GET | `/api/auth/me` | any session |
//! | GET | `/api/sync/pull` | any session (filtered by role and scope) |
//! | GET | `/api/sync/snapshot` | any session (the pull from 0, compact: a first sync) |
//! | POST | `/api/sync/push` | any session (each op re-checked) |
//! | POST | `/api/sync/push` workflow steps | per desk: see [`crate::sync`] |
//! | GET | `/api/audit` | admin, approver (filters: nip, unit, actor, from, to) |
//! | GET | `/api/audit.csv` | admin, approver (same filters, CSV) |
//! | POST | `/api/admin/load` | admin (a workbook: check, compare, apply) |
//! | GET | `/api/admin/accounts` | admin (every account) |
//! | POST | `/api/admin/accounts/roster` | admin (accounts from the roster, with codes) |
//! | POST | `/api/admin/accounts/{username}/reset` | admin (a new code) |
//! | POST | `/api/admin/accounts/{username}/access` | admin (role and scope) |
//! | POST | `/api/admin/accounts/{username}/active` | admin (disable, enable) |
//! | GET | `/api/openapi.json` | anyone |

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod health;
pub mod load;
pub mod openapi;
pub mod static_files;
pub mod sync;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

use crate::error::AppError;
use crate::AppState;

/// The routes mounted under `/api`.
pub fn api_router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health::health))
        .route("/auth/login", post(auth::login))
        .route("/auth/activate", post(auth::activate))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/me", get(auth::me))
        .route("/sync/pull", get(sync::pull))
        .route("/sync/snapshot", get(sync::snapshot))
        .route("/sync/push", post(sync::push))
        .route("/audit", get(audit::audit))
        .route("/audit.csv", get(audit::audit_csv))
        .route(
            "/admin/load",
            post(load::load).layer(DefaultBodyLimit::max(load::LOAD_BODY_LIMIT)),
        )
        .route("/admin/accounts", get(accounts::list))
        .route("/admin/accounts/roster", post(accounts::roster))
        .route(
            "/admin/accounts/{username}/reset",
            post(accounts::reset_code),
        )
        .route("/admin/accounts/{username}/access", post(accounts::access))
        .route("/admin/accounts/{username}/active", post(accounts::active))
        .route("/openapi.json", get(openapi::openapi_json))
        .fallback(api_not_found)
}

/// Unknown API paths answer with a JSON 404, never with the app's `index.html`.
async fn api_not_found(uri: axum::http::Uri) -> AppError {
    AppError::NotFound(format!("/api{}", uri.path()))
}
