//! Matching queries: candidates for a slot, and options for an employee (including blocked
//! posts and why).

use crate::city::{CityIndex, Scope};
use crate::eligibility::{eligibility, Summary, Verdicts};
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
    /// The one verdict of the move (no hard rule fails: open, or needing a written reason),
    /// with what is still missing and the warnings.
    pub summary: Summary,
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
                summary: v.summary(),
            }
        })
        .collect()
}

/// Why an option is on the employee's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OptionWhy {
    /// Among the best fits (one per jabatan name).
    BestFit,
    // The two below are also set on a best fit that is the post they name.
    /// The same jabatan as now, in the open post nearest home.
    SameJabatanNearHome,
    /// The best fit in a kecamatan the employee chose under Minat.
    PreferredKecamatan,
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
    /// The one verdict shown everywhere ([`Verdicts::summary`]).
    pub summary: Summary,
    /// Why it is listed.
    pub why: OptionWhy,
    /// Other open posts of the same jabatan name and the same verdict not listed separately
    /// (five open "Kepala SD Negeri" posts are one row "and 4 similar posts").
    pub similar: usize,
}

/// Options among open slots for employee `e` on `date` (the TMT a request would have): allowed
/// ones by fit, then blocked ones by fit, `limit` jabatan names of each (the best post of each
/// name, counting the others as similar); plus the same jabatan nearest home and the best post
/// in a kecamatan chosen under Minat, when those are not listed already.
pub fn options_for_employee(
    ds: &Dataset,
    e: EmployeeIdx,
    date: NaiveDate,
    rules: &RuleSet,
    limit: usize,
) -> Vec<EmployeeOption> {
    let idx = CityIndex::new(ds, date, rules, Scope::Open);
    let emp = &ds.employees()[e as usize];
    let own = ds.employee_slot(e);
    let mut all: Vec<(SlotIdx, f64, bool)> = (0..ds.slots().len() as SlotIdx)
        .filter(|&s| ds.slots()[s as usize].is_open() && own != Some(s))
        .map(|s| (s, idx.score_any(e, s), idx.pair(e, s).is_none()))
        .collect();
    all.sort_by(|a, b| a.2.cmp(&b.2).then(b.1.total_cmp(&a.1)).then(a.0.cmp(&b.0)));
    let name = |s: SlotIdx| ds.slot_position(s).name.as_str();

    // The best post of each (name, blocked), counting the rest.
    let mut picked: Vec<(SlotIdx, f64, bool, OptionWhy, usize)> = Vec::new();
    let (mut ok, mut blocked) = (0, 0);
    for &(s, f, b) in &all {
        if let Some(p) = picked.iter_mut().find(|p| p.2 == b && name(p.0) == name(s)) {
            p.4 += 1;
            continue;
        }
        let n = if b { &mut blocked } else { &mut ok };
        if *n < limit {
            *n += 1;
            picked.push((s, f, b, OptionWhy::BestFit, 0));
        }
    }
    // Lists the post for `why`, or says so on its card when it is listed already.
    let mark = |picked: &mut Vec<(SlotIdx, f64, bool, OptionWhy, usize)>,
                (s, f, b): (SlotIdx, f64, bool),
                why: OptionWhy| {
        match picked.iter_mut().find(|p| p.0 == s) {
            Some(p) if p.3 == OptionWhy::BestFit => p.3 = why,
            Some(_) => {}
            None => picked.push((s, f, b, why, 0)),
        }
    };
    // The same jabatan, nearest home (allowed ones first, then the better fit).
    if let Some(own) = own {
        let home = emp.home;
        let near = all
            .iter()
            .filter(|x| name(x.0) == name(own))
            .min_by(|a, b| {
                let (da, db) = (
                    ds.slot_unit(a.0).kecamatan.distance_km(home),
                    ds.slot_unit(b.0).kecamatan.distance_km(home),
                );
                a.2.cmp(&b.2)
                    .then(da.total_cmp(&db))
                    .then(b.1.total_cmp(&a.1))
            });
        if let Some(&(s, f, b)) = near {
            mark(&mut picked, (s, f, b), OptionWhy::SameJabatanNearHome);
        }
    }
    // The best post in a chosen kecamatan.
    let chosen = &emp.preferences.kecamatan;
    if let Some(&(s, f, b)) = all
        .iter()
        .find(|x| chosen.contains(&ds.slot_unit(x.0).kecamatan))
    {
        mark(&mut picked, (s, f, b), OptionWhy::PreferredKecamatan);
    }
    picked.sort_by(|a, b| a.2.cmp(&b.2).then(b.1.total_cmp(&a.1)).then(a.0.cmp(&b.0)));
    picked
        .into_iter()
        .map(|(s, f, _, why, similar)| {
            let verdicts = eligibility(ds, e, s, date, rules);
            EmployeeOption {
                slot: s,
                fit: f,
                blocked: verdicts.is_blocked(),
                summary: verdicts.summary(),
                verdicts,
                why,
                similar,
            }
        })
        .collect()
}
