//! Indonesian formatting of numbers, dates and gaps (pure functions, unit-tested on the host
//! through the page tests): "3 Oktober 2026", "1.234,5", "−3,5".

use chrono::{Datelike, NaiveDate};

use crate::i18n::Locale;

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// `s` shortened to at most `max` characters (`max` ≥ 1), with an ellipsis when cut.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Indonesian month name of month `m` (1–12).
pub fn month_name(m: u32) -> &'static str {
    MONTHS[(m.clamp(1, 12) - 1) as usize]
}

/// "3 Oktober 2026".
pub fn date_id(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), month_name(d.month()), d.year())
}

/// The name of month `m` (1–12) in `locale`.
pub fn month_in(m: u32, locale: Locale) -> &'static str {
    match locale {
        Locale::en => u8::try_from(m.clamp(1, 12))
            .ok()
            .and_then(|m| chrono::Month::try_from(m).ok())
            .map_or("", |m| m.name()),
        Locale::id => month_name(m),
    }
}

/// "3 Oktober 2026", or "3 October 2026" in English (the Indonesian order either way).
pub fn date_in(d: NaiveDate, locale: Locale) -> String {
    match locale {
        Locale::en => format!("{} {} {}", d.day(), month_in(d.month(), locale), d.year()),
        Locale::id => date_id(d),
    }
}

/// Indonesia's time zones by their UTC offset in minutes (WIB, WITA, WIT); any other offset as
/// "UTC+5.30" / "UTC−3".
pub fn zone_name(offset_minutes: i32) -> String {
    match offset_minutes {
        420 => "WIB".into(),
        480 => "WITA".into(),
        540 => "WIT".into(),
        0 => "UTC".into(),
        m => {
            let sign = if m < 0 { '−' } else { '+' };
            let (h, min) = (m.abs() / 60, m.abs() % 60);
            if min == 0 {
                format!("UTC{sign}{h}")
            } else {
                format!("UTC{sign}{h}.{min:02}")
            }
        }
    }
}

/// A moment on the device's clock: "29 November 2026 17.26 WIB" (Indonesian writes the time
/// with a dot), "29 November 2026, 17:26 WIB" in English.
pub fn moment_text(
    date: NaiveDate,
    hour: u32,
    minute: u32,
    offset_minutes: i32,
    locale: Locale,
) -> String {
    let zone = zone_name(offset_minutes);
    match locale {
        Locale::id => format!("{} {hour:02}.{minute:02} {zone}", date_in(date, locale)),
        Locale::en => format!("{}, {hour:02}:{minute:02} {zone}", date_in(date, locale)),
    }
}

/// An RFC 3339 instant ("2026-11-29T10:26:03.120Z") as [`moment_text`] in the device's time
/// zone; text that is not an instant is returned as it is.
pub fn moment_in(iso: &str, locale: Locale) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso));
    let date = NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date());
    match date {
        Some(date) if !d.get_time().is_nan() => moment_text(
            date,
            d.get_hours(),
            d.get_minutes(),
            -(d.get_timezone_offset() as i32),
            locale,
        ),
        _ => iso.to_string(),
    }
}

/// A date in the chosen language ("3 Oktober 2026" / "3 October 2026"); tracked when called
/// inside a reactive closure, so `{move || date_shown(d)}` follows the switch.
pub fn date_shown(d: NaiveDate) -> String {
    let locale = if crate::lang::is_en() {
        Locale::en
    } else {
        Locale::id
    };
    date_in(d, locale)
}

/// A number with `decimals` decimals in Indonesian style: dot for thousands, comma for
/// decimals ("1.234,5"); trailing ",0" is dropped.
pub fn num(v: f64, decimals: usize) -> String {
    let neg = v < 0.0;
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (s, String::new()),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let mut out = String::new();
    if neg && (grouped != "0" || !frac.is_empty()) {
        out.push('−');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push(',');
        out.push_str(&frac);
    }
    out
}

/// A gap with an explicit sign: "+2", "−3,5", "0".
pub fn signed(v: f64) -> String {
    let s = num(v, 1);
    if v > 0.0 && s != "0" {
        format!("+{s}")
    } else {
        s
    }
}

/// What a gap (bezetting − kebutuhan) means, in both languages.
pub fn gap_label(gap: f64) -> (&'static str, &'static str) {
    if gap <= -0.5 {
        ("Kekurangan", "Shortage")
    } else if gap >= 0.5 {
        ("Kelebihan", "Excess")
    } else {
        ("Seimbang", "Balanced")
    }
}

/// A percentage or score 0–100 with no decimals ("87").
pub fn score(v: f64) -> String {
    num(v.round(), 0)
}
