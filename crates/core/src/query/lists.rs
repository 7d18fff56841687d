//! Planner lists: rotations due, retirements within N months, posts held by a Plt.

use crate::eligibility::facts::{employee_retirement, rotation_applies};
use crate::model::{EmployeeIdx, HoldKind, SlotIdx};
use crate::rules::RuleSet;
use crate::text::{add_months, Span};
use crate::Dataset;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An employee whose time in post reached the maximum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RotationDue {
    /// Employee.
    pub employee: EmployeeIdx,
    /// Own slot.
    pub slot: SlotIdx,
    /// In post since.
    pub since: NaiveDate,
    /// Time in post.
    pub tenure: Span,
}

/// Employees in the same post for at least `rules.tenure_max_years`, longest first. Teachers and
/// principals are not listed: their moves follow the school's need and the principal periods,
/// not the generic rotation rule.
pub fn rotations_due(ds: &Dataset, date: NaiveDate, rules: &RuleSet) -> Vec<RotationDue> {
    let max = Span::years(rules.tenure_max_years as i32);
    let mut v: Vec<RotationDue> = ds
        .employees()
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let c = e.current.as_ref()?;
            let tenure = Span::between(c.since, date);
            let slot = ds.employee_slot(i as EmployeeIdx)?;
            (tenure >= max && rotation_applies(ds, i as EmployeeIdx)).then_some(RotationDue {
                employee: i as EmployeeIdx,
                slot,
                since: c.since,
                tenure,
            })
        })
        .collect();
    v.sort_by(|a, b| b.tenure.cmp(&a.tenure).then(a.employee.cmp(&b.employee)));
    v
}

/// An upcoming retirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Retirement {
    /// Employee.
    pub employee: EmployeeIdx,
    /// Retirement date (first day of the month after the BUP birthday).
    pub date: NaiveDate,
    /// Own slot, which becomes vacant.
    pub slot: Option<SlotIdx>,
}

/// Employees retiring after `date` and within `months` months, soonest first.
pub fn retirements_within(
    ds: &Dataset,
    date: NaiveDate,
    months: u32,
    rules: &RuleSet,
) -> Vec<Retirement> {
    let until = add_months(date, months as i32);
    let mut v: Vec<Retirement> = (0..ds.employees().len() as EmployeeIdx)
        .filter_map(|e| {
            let r = employee_retirement(ds, e, rules);
            (r > date && r <= until).then(|| Retirement {
                employee: e,
                date: r,
                slot: ds.employee_slot(e),
            })
        })
        .collect();
    v.sort_by(|a, b| a.date.cmp(&b.date).then(a.employee.cmp(&b.employee)));
    v
}

/// A post held by an acting official.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PltPost {
    /// The slot.
    pub slot: SlotIdx,
    /// The acting holder.
    pub holder: EmployeeIdx,
    /// Acting since.
    pub since: NaiveDate,
    /// How long so far.
    pub duration: Span,
}

/// Every slot held by a Plt, longest-acting first.
pub fn plt_posts(ds: &Dataset, date: NaiveDate) -> Vec<PltPost> {
    let mut v: Vec<PltPost> = ds
        .slots()
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let h = s.holder.as_ref().filter(|h| h.kind == HoldKind::Plt)?;
            Some(PltPost {
                slot: i as SlotIdx,
                holder: ds.employee_idx(h.nip.as_ref()?)?,
                since: h.since,
                duration: Span::between(h.since, date),
            })
        })
        .collect();
    v.sort_by(|a, b| b.duration.cmp(&a.duration).then(a.slot.cmp(&b.slot)));
    v
}
