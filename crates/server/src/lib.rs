//! # mutasi-server
//!
//! The small, strict backend of Mutasi ASN and the `mutasi` command-line tool.
//!
//! - [`app`] builds the axum [`Router`](axum::Router): the JSON API under `/api` and the built
//!   browser app (Trunk's `dist/`) with a fallback to `index.html` for client-side routes. It is
//!   separate from `main` so tests drive it with `tower::ServiceExt::oneshot`, without a socket.
//! - [`db`] opens the authoritative store ([`db::Store`]): an embedded SQLite file by default,
//!   created with its migrations on first start.
//! - [`error`] holds [`error::AppError`], the one error type every handler returns; it maps each
//!   case to a status and a JSON body `{error, message, details}`.
//! - [`cli`] holds the subcommands of the `mutasi` binary (`serve`, and more to come).

pub mod cli;
pub mod db;
pub mod error;
pub mod routes;

use std::path::PathBuf;

use axum::Router;

/// Everything a handler may need, shared by all requests.
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: db::Store,
}

/// Where the built browser app lives; `None` serves the API only.
#[derive(Clone, Debug, Default)]
pub struct StaticConfig {
    pub dist: Option<PathBuf>,
}

/// Builds the whole HTTP application: API routes plus the static app.
pub fn app(state: AppState, statics: &StaticConfig) -> Router {
    let api = routes::api_router().with_state(state);
    let router = Router::new().nest("/api", api);
    match &statics.dist {
        Some(dist) => router.fallback_service(routes::static_files::service(dist)),
        None => router,
    }
}
