//! Reusable widgets.
//!
//! - [`account_menu`]: who is logged in, log out.
//! - [`choices`]: a group of checkboxes that is one keyboard stop (arrow keys inside).
//! - [`conflicts`]: refused changes, my version beside the server's, keep or re-apply.
//! - [`nav`]: the main navigation.
//! - [`focus`]: focus to the new page after a route change, and to a confirmation after a save.
//! - [`lang_switch`]: the Bahasa Indonesia / English switch.
//! - [`sync_progress`]: the running pull as a progress bar with "N dari M data".
//! - [`status_bar`]: the online/offline indicator and the local cache status.
//! - [`update_banner`]: "a new version is ready" with a reload button.
//! - [`no_data`]: the message shown while the device holds no city data.
//! - [`bar_chart`]: a horizontal SVG bar chart with text labels.
//! - [`event_chart`]: an event-study chart (estimate and interval per period since a change).
//! - [`links`]: hrefs between pages (ids percent-encoded).
//! - [`format`]: Indonesian formatting of numbers, dates and gaps.
//! - [`table`]: table header rows and on-demand sections; [`form`]: labelled form fields.
//! - [`picker`]: find a person or a post by name as one types.
//! - [`verdict`]: the one verdict of a move (its word, what is still needed and by when).

pub mod account_menu;
pub mod bar_chart;
pub mod choices;
pub mod conflicts;
pub mod event_chart;
pub mod focus;
pub mod form;
pub mod format;
pub mod lang_switch;
pub mod links;
pub mod nav;
pub mod no_data;
pub mod picker;
pub mod status_bar;
pub mod sync_progress;
pub mod table;
pub mod update_banner;
pub mod verdict;
