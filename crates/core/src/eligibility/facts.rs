//! Facts about an employee derived from the dataset and rules: retirement date (by kind of post,
//! or by profession for teachers and school supervisors), the kind of post held (a guru's own JF
//! level), whether the generic rotation rule applies, months of experience in given kinds.
//! Shared by eligibility, scoring and queries.

use crate::model::{EmployeeIdx, JabatanKind};
use crate::rules::RuleSet;
use crate::text::{add_months, months_between};
use crate::Dataset;
use chrono::{Datelike, NaiveDate};

/// Retirement date: the first day of the month after the BUP birthday.
pub fn retirement_date(birth: NaiveDate, bup_years: u8) -> NaiveDate {
    let birthday = add_months(
        NaiveDate::from_ymd_opt(birth.year(), birth.month(), 1).unwrap_or(birth),
        bup_years as i32 * 12,
    );
    add_months(birthday, 1)
}

/// The JF Guru level of a teacher of golongan `g`: the keahlian level whose golongan range
/// ([`RuleSet::kind_golongan`]) holds it (Ahli Pertama below, Ahli Utama above).
pub fn guru_level(g: crate::model::Golongan, rules: &RuleSet) -> JabatanKind {
    use JabatanKind::*;
    [AhliPertama, AhliMuda, AhliMadya, AhliUtama]
        .into_iter()
        .find(|k| g <= rules.kind_golongan.get(*k).max)
        .unwrap_or(AhliUtama)
}

/// Kind of the employee's definitive post (Pelaksana when none is held). A guru post (teaching
/// or principal) is held at the teacher's own JF level ([`guru_level`]).
pub fn current_kind(ds: &Dataset, e: EmployeeIdx, rules: &RuleSet) -> JabatanKind {
    match ds.employee_slot(e).map(|s| ds.slot_position(s)) {
        Some(p) if p.is_guru() => guru_level(ds.employees()[e as usize].pangkat.golongan, rules),
        Some(p) => p.kind,
        None => JabatanKind::Pelaksana,
    }
}

/// The retirement age of the employee's current post, with its source.
pub fn employee_bup<'r>(ds: &Dataset, e: EmployeeIdx, rules: &'r RuleSet) -> crate::rules::Bup<'r> {
    rules.bup_for(ds.employee_slot(e).map(|s| ds.slot_position(s)))
}

/// The employee's retirement date under the BUP of their current post.
pub fn employee_retirement(ds: &Dataset, e: EmployeeIdx, rules: &RuleSet) -> NaiveDate {
    let emp = &ds.employees()[e as usize];
    retirement_date(emp.birth_date(), employee_bup(ds, e, rules).age)
}

/// Whether the generic rotation rule (time in post against `tenure_max_years`) applies to the
/// employee's post: not to teachers and principals, whose moves follow the school's need and
/// the principal periods.
pub fn rotation_applies(ds: &Dataset, e: EmployeeIdx) -> bool {
    ds.employee_slot(e)
        .is_some_and(|s| !ds.slot_position(s).is_guru())
}

/// Months spent (history and current post up to `date`) in posts of the given kinds.
pub fn months_in_kinds(
    ds: &Dataset,
    e: EmployeeIdx,
    kinds: &[JabatanKind],
    date: NaiveDate,
    rules: &RuleSet,
) -> i32 {
    let emp = &ds.employees()[e as usize];
    let past: i32 = emp
        .history
        .iter()
        .filter(|p| kinds.contains(&p.kind))
        .map(|p| months_between(p.period.start(), p.period.end()).max(0))
        .sum();
    let now = match &emp.current {
        Some(c) if ds.employee_slot(e).is_some() && kinds.contains(&current_kind(ds, e, rules)) => {
            months_between(c.since, date).max(0)
        }
        _ => 0,
    };
    past + now
}

/// Formats a percentage the Indonesian way ("72,5").
pub fn pct_id(v: f64) -> String {
    format!("{v:.1}").replace('.', ",")
}

/// Formats a percentage the English way ("72.5").
pub fn pct_en(v: f64) -> String {
    format!("{v:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retirement_is_first_of_month_after_bup_birthday() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(retirement_date(d(1968, 5, 17), 58), d(2026, 6, 1));
        assert_eq!(retirement_date(d(1968, 12, 1), 60), d(2029, 1, 1));
    }
}
