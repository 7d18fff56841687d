//! Facts about an employee derived from the dataset and rules: retirement date, current kind of
//! post, months of experience in given kinds. Shared by eligibility, scoring and queries.

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

/// Kind of the employee's definitive post (Pelaksana when none is held).
pub fn current_kind(ds: &Dataset, e: EmployeeIdx) -> JabatanKind {
    ds.employee_slot(e)
        .map_or(JabatanKind::Pelaksana, |s| ds.slot_position(s).kind)
}

/// The employee's retirement date under the BUP of their current kind of post.
pub fn employee_retirement(ds: &Dataset, e: EmployeeIdx, rules: &RuleSet) -> NaiveDate {
    let emp = &ds.employees()[e as usize];
    retirement_date(emp.birth_date(), rules.bup.get(current_kind(ds, e)))
}

/// Months spent (history and current post up to `date`) in posts of the given kinds.
pub fn months_in_kinds(
    ds: &Dataset,
    e: EmployeeIdx,
    kinds: &[JabatanKind],
    date: NaiveDate,
) -> i32 {
    let emp = &ds.employees()[e as usize];
    let past: i32 = emp
        .history
        .iter()
        .filter(|p| kinds.contains(&p.kind))
        .map(|p| months_between(p.period.start(), p.period.end()).max(0))
        .sum();
    let now = match (&emp.current, ds.employee_slot(e)) {
        (Some(c), Some(s)) if kinds.contains(&ds.slot_position(s).kind) => {
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
