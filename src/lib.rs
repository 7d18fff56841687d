//! # mutasi-web
//!
//! The browser app of Mutasi ASN: a Leptos 0.8 client-side-rendered single-page app compiled to
//! wasm and built with Trunk. It runs the domain logic of `mutasi-core` in the browser, keeps its
//! data in IndexedDB and syncs with the `mutasi` server.
//!
//! - [`app`]: the root component, the route table and the context providers.
//! - [`pages`]: one module per route.
//! - [`planner`]: the plan worker protocol, runs, decisions, scenarios and proposals.
//! - [`components`]: reusable widgets (navigation, status bar).
//! - [`state`]: app-wide reactive state (connectivity, local cache status).
//! - [`store`]: IndexedDB: schema, migrations, typed access.
//! - [`sync`]: the browser side of sync: a pure plan, then its execution.
//! - [`ids`]: client-generated UUID v7 ids.
//! - [`api`]: the typed HTTP client for the server (gloo-net).

pub mod api;
pub mod app;
pub mod components;
pub mod ids;
pub mod pages;
pub mod planner;
pub mod state;
pub mod store;
pub mod sync;

pub use app::App;
