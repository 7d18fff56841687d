//! The browser's clock, read here at the edge and handed to the core as a value (the core never
//! reads a clock).

use chrono::{DateTime, SecondsFormat, Utc};

/// Now, from the browser's clock.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Now as RFC 3339 with milliseconds (`2026-11-28T09:00:00.000Z`), for bookkeeping fields.
pub fn now_iso() -> String {
    now().to_rfc3339_opts(SecondsFormat::Millis, true)
}
