//! Time served, counted the regulation's way: a principal's periods from the TMT of each
//! assignment ([`PrincipalService`]), time at one school, managerial experience, and the
//! unbroken time back in the JF Guru after another jabatan ([`guru_since`]).
//!
//! Service is summed in days over every assignment (past rows of the history and the current
//! post) and turned into an *equivalent start*: the day someone with one unbroken assignment
//! would have started to have served as long on `date`. Periods are then calendar spans from
//! that start: with a single assignment from TMT `t`, period `k` runs from `t + 4(k−1)` years
//! to the day before `t + 4k` years, exactly.

use crate::model::{Employee, EmployeeIdx, HoldKind, Profession, SpecialRole, UnitId};
use crate::rules::RuleSet;
use crate::text::add_months;
use crate::Dataset;
use chrono::{Duration, NaiveDate};

/// Days served, as an equivalent start before a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Served {
    /// The day the service would have started if it had been one unbroken stretch up to `on`.
    pub start: NaiveDate,
    /// The date it is counted on.
    pub on: NaiveDate,
}

impl Served {
    fn new(days: i64, on: NaiveDate) -> Self {
        Self {
            start: on - Duration::days(days.max(0)),
            on,
        }
    }
    /// Days served.
    pub fn days(self) -> i64 {
        (self.on - self.start).num_days()
    }
    /// Whether the service has reached `months` on its date.
    pub fn reaches(self, months: i32) -> bool {
        add_months(self.start, months) <= self.on
    }
    /// The day the service reaches `months` (counting on from its date without a break).
    pub fn reached_on(self, months: i32) -> NaiveDate {
        add_months(self.start, months)
    }
    /// Whole months served.
    pub fn months(self) -> i32 {
        crate::text::months_between(self.start, self.on).max(0)
    }
}

/// Days from `start` to `end` inclusive, cut at `before` (exclusive).
fn days_in(start: NaiveDate, end: NaiveDate, before: NaiveDate) -> i64 {
    let last = end.min(before.pred_opt().unwrap_or(before));
    ((last - start).num_days() + 1).max(0)
}

/// The principal post the employee holds definitively, with its unit and TMT.
pub fn serving_principal(ds: &Dataset, e: EmployeeIdx) -> Option<(UnitId, NaiveDate)> {
    let s = ds.employee_slot(e)?;
    let emp = &ds.employees()[e as usize];
    let cur = emp.current.as_ref()?;
    ds.slot_position(s)
        .is_principal()
        .then(|| (ds.slot_unit(s).id.clone(), cur.since))
}

/// A principal's service on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrincipalService {
    /// Every assignment as principal (history and the current post), summed.
    pub total: Served,
    /// The current assignment, if serving: its school and TMT.
    pub current: Option<(UnitId, NaiveDate)>,
    /// Holds the principal-training certificate (sertifikat pelatihan calon kepala sekolah).
    pub trained: bool,
    /// Periods allowed: the rule's maximum, or the periods allowed without the training.
    pub allowed_periods: u8,
    /// Months in one period.
    pub period_months: i32,
}

impl PrincipalService {
    /// The service of employee `e` counted on `date`.
    pub fn of(ds: &Dataset, e: EmployeeIdx, date: NaiveDate, rules: &RuleSet) -> Self {
        let emp = &ds.employees()[e as usize];
        let current = serving_principal(ds, e);
        let mut days: i64 = emp
            .history
            .iter()
            .filter(|p| p.special == Some(SpecialRole::KepalaSekolah))
            .map(|p| days_in(p.period.start(), p.period.end(), date))
            .sum();
        if let Some((_, since)) = &current {
            days += (date - *since).num_days().max(0);
        }
        let trained = emp.has_diklat(crate::model::DiklatKind::CalonKepalaSekolah);
        let s = &rules.schools;
        Self {
            total: Served::new(days, date),
            current,
            trained,
            allowed_periods: if trained {
                rules.kepala_sekolah_max_periods
            } else {
                s.periods_without_training
                    .min(rules.kepala_sekolah_max_periods)
            },
            period_months: s.period_years as i32 * 12,
        }
    }

    /// Whether the employee has served as principal at all.
    pub fn ever(&self) -> bool {
        self.total.days() > 0
    }

    /// The period the service is in on its date (1-based; 0 before any service).
    pub fn period(&self) -> u32 {
        if !self.ever() && self.current.is_none() {
            return 0;
        }
        let mut k = 1;
        while self.total.reaches(self.period_months * k as i32) {
            k += 1;
        }
        k
    }

    /// The last day of the allowed periods (the day before they are used up).
    pub fn last_day(&self) -> NaiveDate {
        let end = self
            .total
            .reached_on(self.period_months * self.allowed_periods as i32);
        end.pred_opt().unwrap_or(end)
    }

    /// Every allowed period is used up on the date.
    pub fn used_up(&self) -> bool {
        self.total
            .reaches(self.period_months * self.allowed_periods as i32)
    }
}

/// Days as principal at one school (history rows of that unit and the current post there).
pub fn at_school(ds: &Dataset, e: EmployeeIdx, unit: &UnitId, date: NaiveDate) -> Served {
    let emp = &ds.employees()[e as usize];
    let mut days: i64 = emp
        .history
        .iter()
        .filter(|p| p.special == Some(SpecialRole::KepalaSekolah) && &p.unit == unit)
        .map(|p| days_in(p.period.start(), p.period.end(), date))
        .sum();
    if let Some((u, since)) = serving_principal(ds, e) {
        if &u == unit {
            days += (date - since).num_days().max(0);
        }
    }
    Served::new(days, date)
}

/// Managerial experience in schools on `date`: additional tasks (wakil kepala, kepala
/// laboratorium, kepala perpustakaan, a past Plt), principal assignments, and acting
/// principal posts held now.
pub fn managerial(ds: &Dataset, e: EmployeeIdx, date: NaiveDate) -> Served {
    let emp = &ds.employees()[e as usize];
    let mut days: i64 = emp
        .teacher
        .iter()
        .flat_map(|t| &t.tasks)
        .map(|t| days_in(t.period.start(), t.period.end(), date))
        .sum();
    days += emp
        .history
        .iter()
        .filter(|p| p.special == Some(SpecialRole::KepalaSekolah))
        .map(|p| days_in(p.period.start(), p.period.end(), date))
        .sum::<i64>();
    if let Some((_, since)) = serving_principal(ds, e) {
        days += (date - since).num_days().max(0);
    }
    for &s in ds.employee_plt(e) {
        if let Some(h) = ds.slots()[s as usize]
            .holder
            .as_ref()
            .filter(|h| h.kind == HoldKind::Plt && ds.slot_position(s).is_principal())
        {
            days += (date - h.since).num_days().max(0);
        }
    }
    Served::new(days, date)
}

/// Whether a past post was one of the JF Guru (teaching or principal).
fn guru_row(p: &crate::model::PastPost) -> bool {
    p.profession == Some(Profession::Guru) || p.special == Some(SpecialRole::KepalaSekolah)
}

/// When the employee's unbroken time in the JF Guru began, and whether they held another
/// jabatan before it (then the regulation wants that time to reach the reactivation years).
/// None when the current post is not a guru post.
pub fn guru_since(ds: &Dataset, e: EmployeeIdx) -> Option<(NaiveDate, bool)> {
    let s = ds.employee_slot(e)?;
    if !ds.slot_position(s).is_guru() {
        return None;
    }
    let emp: &Employee = &ds.employees()[e as usize];
    let mut start = emp.current.as_ref()?.since;
    let mut rows: Vec<&crate::model::PastPost> = emp.history.iter().collect();
    rows.sort_by_key(|p| std::cmp::Reverse(p.period.end()));
    let (mut other, mut broken) = (false, false);
    for p in rows {
        if p.period.start() >= start {
            continue;
        }
        if !guru_row(p) {
            other = true;
            broken = true;
        } else if !broken && (start - p.period.end()).num_days() <= 31 {
            // Back to back (a gap of at most a month): the run goes on.
            start = p.period.start();
        } else {
            broken = true;
        }
    }
    Some((start, other))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn served_reaches_months_on_the_calendar_day() {
        // One unbroken stretch from 2019-01-02: 2 years are reached on 2021-01-02, not before.
        let on = |date: NaiveDate| Served::new((date - d(2019, 1, 2)).num_days(), date);
        assert!(!on(d(2021, 1, 1)).reaches(24));
        assert!(on(d(2021, 1, 2)).reaches(24));
        assert_eq!(on(d(2021, 1, 1)).reached_on(24), d(2021, 1, 2));
        assert_eq!(on(d(2021, 1, 2)).months(), 24);
    }
}
