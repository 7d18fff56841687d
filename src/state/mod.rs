//! App-wide reactive state, shared through Leptos context.
//!
//! - [`connectivity`]: is the browser online and does the server answer?
//! - [`app_update`]: the service worker (offline app shell) and new-version notices.
//! - [`cache`]: is the local IndexedDB copy open, and when did it last sync?

pub mod app_update;
pub mod cache;
pub mod connectivity;
