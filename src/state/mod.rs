//! App-wide reactive state, shared through Leptos context.
//!
//! - [`connectivity`]: is the browser online and does the server answer?
//! - [`cache`]: is the local IndexedDB copy open, and when did it last sync?

pub mod cache;
pub mod connectivity;
