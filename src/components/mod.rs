//! Reusable widgets.
//!
//! - [`nav`]: the main navigation.
//! - [`status_bar`]: the online/offline indicator and the local cache status.
//! - [`update_banner`]: "a new version is ready" with a reload button.

pub mod nav;
pub mod status_bar;
pub mod update_banner;
