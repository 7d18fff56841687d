//! Matching queries: candidates for a slot, and options for an employee (including blocked
//! posts and why).

use crate::city::{CityIndex, Scope};
use crate::eligibility::{eligibility, Outcome, Verdict, Verdicts};
use crate::fit::{fit, Fit};
use crate::model::{EmployeeIdx, SlotIdx};
use crate::rules::RuleSet;
use crate::Dataset;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A ranked candidate for a slot, with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlotCandidate {
    /// Employee.
    pub employee: EmployeeIdx,
    /// Fit with breakdown.
    pub fit: Fit,
    /// Soft rules that fail or warn (the hard ones all pass).
    pub concerns: Vec<Verdict>,
}

/// Employees no hard rule blocks from slot `s`, best fit first, at most `limit`.
pub fn candidates_for_slot(
    ds: &Dataset,
    s: SlotIdx,
    date: NaiveDate,
    rules: &RuleSet,
    limit: usize,
) -> Vec<SlotCandidate> {
    let idx = CityIndex::new(ds, date, rules, Scope::All);
    let mut scored: Vec<(EmployeeIdx, f64)> = (0..ds.employees().len() as EmployeeIdx)
        .filter_map(|e| idx.pair(e, s).map(|f| (e, f)))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.truncate(limit);
    scored
        .into_iter()
        .map(|(e, _)| {
            let v = eligibility(ds, e, s, date, rules);
            SlotCandidate {
                employee: e,
                fit: fit(ds, e, s, date, rules),
                concerns: concerns(&v),
            }
        })
        .collect()
}

fn concerns(v: &Verdicts) -> Vec<Verdict> {
    v.items
        .iter()
        .filter(|x| x.outcome != Outcome::Pass)
        .cloned()
        .collect()
}

/// One option for an employee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmployeeOption {
    /// Target slot.
    pub slot: SlotIdx,
    /// Fit score 0–100 (computed even when blocked, to show what is at stake).
    pub fit: f64,
    /// A hard rule blocks the move.
    pub blocked: bool,
    /// Every rule's verdict.
    pub verdicts: Verdicts,
}

/// Options among open slots for employee `e`: allowed ones by fit, then blocked ones by fit,
/// `limit` of each.
pub fn options_for_employee(
    ds: &Dataset,
    e: EmployeeIdx,
    date: NaiveDate,
    rules: &RuleSet,
    limit: usize,
) -> Vec<EmployeeOption> {
    let idx = CityIndex::new(ds, date, rules, Scope::Open);
    let mut all: Vec<(SlotIdx, f64, bool)> = (0..ds.slots().len() as SlotIdx)
        .filter(|&s| ds.slots()[s as usize].is_open() && ds.employee_slot(e) != Some(s))
        .map(|s| (s, idx.score_any(e, s), idx.pair(e, s).is_none()))
        .collect();
    all.sort_by(|a, b| a.2.cmp(&b.2).then(b.1.total_cmp(&a.1)).then(a.0.cmp(&b.0)));
    let (mut ok, mut blocked) = (0, 0);
    all.into_iter()
        .filter(|(_, _, b)| {
            let n = if *b { &mut blocked } else { &mut ok };
            *n += 1;
            *n <= limit
        })
        .map(|(s, f, _)| {
            let verdicts = eligibility(ds, e, s, date, rules);
            EmployeeOption {
                slot: s,
                fit: f,
                blocked: verdicts.is_blocked(),
                verdicts,
            }
        })
        .collect()
}
