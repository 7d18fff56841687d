//! Plausibility of imported employees: values each valid on its own that cannot all be true,
//! which an import would otherwise take silently. Each finding names the row and column, the
//! value and why, quoting the numbers ("TMT jabatan 01-03-1990, sebelum usia 18 tahun").
//!
//! - TMT jabatan or TMT golongan before the 18th birthday (the NIP's birth date);
//! - TMT golongan after the import day;
//! - a CPNS whose TMT CPNS (in the NIP) is more than twice the probation ago
//!   (`RuleSet::cpns_probation_months`);
//! - a heavy sanction of dismissal (pemberhentian) in force on an active employee;
//! - a definitive holder whose golongan is more than
//!   `RuleSet::implausible_ruang_above_post` ruang above the highest golongan of the post
//!   ([`rank_above_post`], checked by the workbook, which knows the posts: IV/e in a Kasi post).

use chrono::{Datelike, NaiveDate};

use super::csv::ImportError;
use crate::model::{Employee, EmployeeStatus, Position, SanctionLevel};
use crate::rules::RuleSet;
use crate::text::{add_months, fmt_date, Span, Text};

/// The 18th birthday of someone born on `birth`.
fn adult_on(birth: NaiveDate) -> NaiveDate {
    add_months(birth, 18 * 12)
}

/// The findings for `employees`, read from a file in this order (row = index + 2, after the
/// header), on `today`.
pub fn implausible(employees: &[Employee], today: NaiveDate, rules: &RuleSet) -> Vec<ImportError> {
    let mut out = Vec::new();
    for (i, e) in employees.iter().enumerate() {
        let row = i + 2;
        let mut find = |column: &str, value: String, id: String, en: String| {
            out.push(ImportError {
                row,
                column: column.into(),
                value,
                reason: Text::new(id, en),
            });
        };
        let birth = e.nip.birth_date();
        let adult = adult_on(birth);
        if let Some(c) = &e.current {
            if c.since < adult {
                find(
                    "TMT_JABATAN",
                    c.since.to_string(),
                    format!(
                        "TMT jabatan {} sebelum usia 18 tahun (lahir {} menurut NIP)",
                        fmt_date(c.since),
                        fmt_date(birth)
                    ),
                    format!(
                        "TMT of the post {} is before age 18 (born {birth} per the NIP)",
                        c.since
                    ),
                );
            }
        }
        let tmt = e.pangkat.tmt;
        if tmt > today {
            find(
                "TMT_GOLONGAN",
                tmt.to_string(),
                format!(
                    "TMT golongan {} di masa depan (hari ini {})",
                    fmt_date(tmt),
                    fmt_date(today)
                ),
                format!("TMT of the rank {tmt} is in the future (today {today})"),
            );
        } else if tmt < adult {
            find(
                "TMT_GOLONGAN",
                tmt.to_string(),
                format!(
                    "TMT golongan {} sebelum usia 18 tahun (lahir {} menurut NIP)",
                    fmt_date(tmt),
                    fmt_date(birth)
                ),
                format!("TMT of the rank {tmt} is before age 18 (born {birth} per the NIP)"),
            );
        }
        let limit = 2 * i32::from(rules.cpns_probation_months);
        let since = e.nip.cpns_month();
        let as_cpns = Span::between(since, today);
        if e.status == EmployeeStatus::Cpns && as_cpns.months > limit {
            find(
                "STATUS_KEPEGAWAIAN",
                "CPNS".into(),
                format!(
                    "CPNS sejak {}/{} menurut NIP: {}, padahal masa percobaan {} bulan (diperiksa \
                     sampai {} bulan)",
                    since.month(),
                    since.year(),
                    as_cpns.id(),
                    rules.cpns_probation_months,
                    limit
                ),
                format!(
                    "CPNS since {}-{:02} per the NIP: {}, while probation is {} months (checked \
                     up to {limit})",
                    since.year(),
                    since.month(),
                    as_cpns.en(),
                    rules.cpns_probation_months
                ),
            );
        }
        for s in &e.sanctions {
            let d = s.description.to_lowercase();
            let dismissal = d.contains("pemberhentian") || d.contains("diberhentikan");
            if s.level == SanctionLevel::Berat && dismissal && s.period.start() <= today {
                find(
                    "HUKUMAN_DISIPLIN",
                    s.description.clone(),
                    format!(
                        "hukuman berat pemberhentian sejak {} pada pegawai yang masih aktif",
                        fmt_date(s.period.start())
                    ),
                    format!(
                        "a heavy sanction of dismissal since {} on an employee still active",
                        s.period.start()
                    ),
                );
            }
        }
    }
    out
}

/// Why holding `pos` is implausible for `e`: a golongan more than
/// `rules.implausible_ruang_above_post` ruang above the post's highest (`GOL_MAKS`).
pub fn rank_above_post(e: &Employee, pos: &Position, rules: &RuleSet) -> Option<Text> {
    let (held, max) = (e.pangkat.golongan, pos.golongan_max);
    let above = held.index().saturating_sub(max.index());
    (above > rules.implausible_ruang_above_post).then(|| {
        let limit = rules.implausible_ruang_above_post;
        Text::new(
            format!(
                "golongan {held} pada jabatan {} (golongan tertinggi {max}): {above} ruang di \
                 atasnya, diperiksa sampai {limit} ruang",
                pos.name
            ),
            format!(
                "golongan {held} in the post {} (highest golongan {max}): {above} ruang above, \
                 checked up to {limit}",
                pos.name
            ),
        )
    })
}
