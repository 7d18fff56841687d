//! # mutasi-server
//!
//! The small, strict backend of Mutasi ASN and the `mutasi` command-line tool.
//!
//! - [`app`] builds the axum [`Router`](axum::Router): the JSON API under `/api` and the built
//!   browser app (Trunk's `dist/`) with a fallback to `index.html` for client-side routes, with
//!   security and cache headers ([`headers`]). It is separate from `main` so tests drive it with
//!   `tower::ServiceExt::oneshot`, without a socket.
//! - [`db`] holds the authoritative store behind the [`db::Storage`] trait: an embedded SQLite
//!   file by default (created with its migrations on first start) or PostgreSQL.
//! - [`auth`]: argon2id passwords (verified under a bound, off the async threads), hashed
//!   session tokens, login throttling shared through the database, and the [`auth::Caller`]
//!   extractor.
//! - [`listen`]: the connection layer of `mutasi serve` (header, body and idle timeouts, a
//!   connection cap).
//! - [`sync`]: who sees what, and the re-check of every pushed change with `mutasi-core`.
//! - [`error`] holds [`error::AppError`], the one error type every handler returns; it maps each
//!   case to a status and a JSON body `{error, message, details}`.
//! - [`routes`]: one module per endpoint, and the OpenAPI document.
//! - [`cli`] holds the subcommands of the `mutasi` binary (`serve`, `user`, and more).

pub mod accounts;
pub mod auth;
pub mod cli;
pub mod db;
pub mod deadline;
pub mod demo_seed;
pub mod error;
pub mod headers;
pub mod listen;
pub mod load;
pub mod routes;
pub mod sync;

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

/// Largest request body accepted (bytes).
pub const BODY_LIMIT: usize = 1024 * 1024;

/// Compression quality of responses made on the fly (brotli and gzip alike; 0–11 for brotli).
pub const COMPRESSION_QUALITY: i32 = 5;

/// Everything a handler may need, shared by all requests.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The authoritative store.
    pub store: Arc<dyn db::Storage>,
    /// The dataset the checks run on.
    pub dataset: Arc<sync::DatasetCache>,
    /// The bounded password verifier of logins.
    pub verifier: Arc<auth::password::Verifier>,
    /// Login throttling policies (the counters live in the store).
    pub throttle: auth::throttle::Throttle,
    /// Reverse proxies whose `X-Forwarded-For` names the client.
    pub proxies: auth::client::TrustedProxies,
    /// The time of workflow steps (the submission window, the history's `at`).
    pub clock: Clock,
    /// Account settings (how long an activation code lasts).
    pub accounts: accounts::Config,
    /// The city-wide first-sync snapshot kept ready ([`sync::snapshot`]).
    pub snapshots: Arc<sync::snapshot::SnapshotCache>,
}

/// Where the workflow reads the time: the database's clock (one clock for every server
/// process), or a fixed instant (tests, demos).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Clock {
    /// The database's clock ([`db::Storage::now`]).
    #[default]
    Database,
    /// Always this instant.
    Fixed(chrono::DateTime<chrono::Utc>),
}

impl Clock {
    /// Now, read from `store` unless fixed.
    pub async fn now(
        &self,
        store: &dyn db::Storage,
    ) -> Result<chrono::DateTime<chrono::Utc>, db::StoreError> {
        match self {
            Clock::Database => {
                let ms = store.now().await?;
                Ok(chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default())
            }
            Clock::Fixed(t) => Ok(*t),
        }
    }
}

impl AppState {
    /// State around a store.
    pub fn new(store: impl db::Storage + 'static) -> Self {
        Self {
            store: Arc::new(store),
            dataset: Arc::default(),
            verifier: Arc::default(),
            throttle: auth::throttle::Throttle::default(),
            proxies: auth::client::TrustedProxies::default(),
            clock: Clock::Database,
            accounts: accounts::Config::default(),
            snapshots: Arc::default(),
        }
    }

    /// The same state with another clock.
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }
}

/// Settings of `mutasi serve` that the HTTP application needs.
#[derive(Clone, Debug)]
pub struct HttpConfig {
    /// Time allowed for a whole request body (408 after it, see [`deadline`]).
    pub body_timeout: std::time::Duration,
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            body_timeout: listen::Limits::default().body,
        }
    }
}

/// Where the built browser app lives; `None` serves the API only.
#[derive(Clone, Debug, Default)]
pub struct StaticConfig {
    pub dist: Option<PathBuf>,
}

/// Builds the whole HTTP application: API routes plus the static app, with security headers,
/// cache headers, gzip and the body size limit.
pub fn app(state: AppState, statics: &StaticConfig) -> Router {
    app_with(state, statics, &HttpConfig::default())
}

/// [`app`] with the HTTP settings of `mutasi serve`.
pub fn app_with(state: AppState, statics: &StaticConfig, http: &HttpConfig) -> Router {
    let api = routes::api_router()
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            http.body_timeout,
            deadline::body_deadline,
        ))
        .with_state(state);
    let router = Router::new().nest("/api", api);
    let router = match &statics.dist {
        Some(dist) => router.fallback_service(routes::static_files::service(dist)),
        None => router,
    };
    let policy = headers::Policy::for_dist(statics.dist.as_deref());
    router
        // Brotli for clients that take it (a first sync's JSON is ~17% smaller than with gzip at
        // quality 5, docs/BENCHMARKS.md "Speed where people feel it"), gzip otherwise; quality 5
        // keeps the server's work per page near gzip's default.
        .layer(
            CompressionLayer::new()
                .quality(tower_http::CompressionLevel::Precise(COMPRESSION_QUALITY)),
        )
        .layer(TraceLayer::new_for_http())
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(policy),
            headers::apply,
        ))
}
