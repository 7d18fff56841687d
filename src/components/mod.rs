//! Reusable widgets.
//!
//! - [`nav`]: the main navigation.
//! - [`status_bar`]: the online/offline indicator and the local cache status.

pub mod nav;
pub mod status_bar;
