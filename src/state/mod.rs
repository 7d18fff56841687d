//! App-wide reactive state, shared through Leptos context.
//!
//! - [`connectivity`]: is the browser online and does the server answer?
//! - [`app_update`]: the service worker (offline app shell) and new-version notices.
//! - [`cache`]: is the local IndexedDB copy open, and when did it last sync?
//! - [`session`]: who is logged in on this device.
//! - [`sync`]: when to sync, and the sync state (syncing, pending, conflicts) for the UI.
//! - [`data`]: the city's [`Dataset`](mutasi_core::dataset::Dataset) built from the local copy.
//! - [`proposals`]: the proposals on this device, their pending changes, conflicts, seen versions.

pub mod app_update;
pub mod cache;
pub mod connectivity;
pub mod data;
pub mod proposals;
pub mod session;
pub mod sync;
