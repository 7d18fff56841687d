//! Reusable widgets.
//!
//! - [`account_menu`]: who is logged in, log out.
//! - [`conflicts`]: refused changes, my version beside the server's, keep or re-apply.
//! - [`nav`]: the main navigation.
//! - [`lang_switch`]: the Bahasa Indonesia / English switch.
//! - [`status_bar`]: the online/offline indicator and the local cache status.
//! - [`update_banner`]: "a new version is ready" with a reload button.
//! - [`no_data`]: the message shown while the device holds no city data.
//! - [`bar_chart`]: a horizontal SVG bar chart with text labels.
//! - [`links`]: hrefs between pages (ids percent-encoded).
//! - [`format`]: Indonesian formatting of numbers, dates and gaps.
//! - [`table`]: table header rows and on-demand sections; [`form`]: labelled form fields.
//! - [`picker`]: find a person or a post by name as one types.
//! - [`verdict`]: the one verdict of a move (its word, what is still needed and by when).

pub mod account_menu;
pub mod bar_chart;
pub mod conflicts;
pub mod form;
pub mod format;
pub mod lang_switch;
pub mod links;
pub mod nav;
pub mod no_data;
pub mod picker;
pub mod status_bar;
pub mod table;
pub mod update_banner;
pub mod verdict;
