//! Bilingual text and date arithmetic shared by every module.
//!
//! [`Text`] carries a user-facing message in Bahasa Indonesia first and English second.
//! [`Span`] is a whole-month duration (years and months) with both renderings, used in
//! reasons such as "3 tahun 4 bulan di jabatan ini, minimal 2 tahun".

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A message in Bahasa Indonesia (`id`) and English (`en`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Text {
    /// Bahasa Indonesia, shown first.
    pub id: String,
    /// English.
    pub en: String,
}

impl Text {
    /// Builds a text from both renderings.
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            en: en.into(),
        }
    }

    /// A text that reads the same in both languages: a name, a code, or a message that came
    /// from elsewhere (the browser, a parser) in one language only.
    pub fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            id: text.clone(),
            en: text,
        }
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.id, self.en)
    }
}

/// A duration in whole months, rendered as years and months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Total whole months.
    pub months: i32,
}

impl Span {
    /// A span of whole years.
    pub const fn years(y: i32) -> Self {
        Self { months: y * 12 }
    }
    /// A span of months.
    pub const fn months(m: i32) -> Self {
        Self { months: m }
    }
    /// Whole months from `from` to `to` (negative when `to` is earlier).
    pub fn between(from: NaiveDate, to: NaiveDate) -> Self {
        Self {
            months: months_between(from, to),
        }
    }
    /// Fractional years, for scoring.
    pub fn as_years_f32(self) -> f32 {
        self.months as f32 / 12.0
    }
    /// "3 tahun 4 bulan".
    pub fn id(self) -> String {
        let (y, m) = (self.months / 12, self.months % 12);
        match (y, m) {
            (0, m) => format!("{m} bulan"),
            (y, 0) => format!("{y} tahun"),
            (y, m) => format!("{y} tahun {m} bulan"),
        }
    }
    /// "3y 4m".
    pub fn en(self) -> String {
        let (y, m) = (self.months / 12, self.months % 12);
        match (y, m) {
            (0, m) => format!("{m}m"),
            (y, 0) => format!("{y}y"),
            (y, m) => format!("{y}y {m}m"),
        }
    }
}

/// Whole months elapsed from `from` to `to`; a month counts once its day is reached.
pub fn months_between(from: NaiveDate, to: NaiveDate) -> i32 {
    let mut m = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if m > 0 && to.day() < from.day() {
        m -= 1;
    } else if m < 0 && to.day() > from.day() {
        m += 1;
    }
    m
}

/// `date` plus `months` (clamped to the month's last day); saturates at the calendar's end.
pub fn add_months(date: NaiveDate, months: i32) -> NaiveDate {
    let r = if months >= 0 {
        date.checked_add_months(Months::new(months as u32))
    } else {
        date.checked_sub_months(Months::new(months.unsigned_abs()))
    };
    r.unwrap_or(date)
}

/// Formats a date as `dd-mm-yyyy`, the Indonesian habit.
pub fn fmt_date(d: NaiveDate) -> String {
    format!("{:02}-{:02}-{:04}", d.day(), d.month(), d.year())
}

/// Formats a count with the Indonesian thousands dot: `1.500`.
pub fn fmt_count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_thousands_dot() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (1000, "1.000"),
            (2001, "2.001"),
            (1_500_027, "1.500.027"),
        ];
        for (n, want) in cases {
            assert_eq!(fmt_count(n), want);
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn spans_render_both_languages() {
        let cases = [
            (40, "3 tahun 4 bulan", "3y 4m"),
            (24, "2 tahun", "2y"),
            (5, "5 bulan", "5m"),
        ];
        for (months, id, en) in cases {
            assert_eq!(Span::months(months).id(), id);
            assert_eq!(Span::months(months).en(), en);
        }
    }

    #[test]
    fn months_between_counts_whole_months() {
        assert_eq!(months_between(d(2020, 1, 15), d(2020, 3, 14)), 1);
        assert_eq!(months_between(d(2020, 1, 15), d(2020, 3, 15)), 2);
        assert_eq!(months_between(d(2023, 7, 1), d(2026, 11, 28)), 40);
        assert_eq!(months_between(d(2020, 3, 15), d(2020, 1, 16)), -1);
        assert_eq!(add_months(d(2024, 1, 31), 1), d(2024, 2, 29));
    }
}
