//! HTTP routes: the JSON API under `/api` and the static browser app.

pub mod health;
pub mod static_files;

use axum::routing::get;
use axum::Router;

use crate::error::AppError;
use crate::AppState;

/// The routes mounted under `/api`.
pub fn api_router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health::health))
        .fallback(api_not_found)
}

/// Unknown API paths answer with a JSON 404, never with the app's `index.html`.
async fn api_not_found(uri: axum::http::Uri) -> AppError {
    AppError::NotFound(format!("/api{}", uri.path()))
}
