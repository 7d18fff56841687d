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
