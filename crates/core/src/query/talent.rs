//! Talent management (PermenPANRB 3/2020): 9-box placement, talent pool, succession.
//!
//! kinerja = SKP share × latest predikat score + awards share × min(awards × points, 100);
//! potensi = competence (JPM in own post) + assessed potential + qualification + integrity,
//! with the weights of [`crate::rules::NineBoxRules`]. Boxes: rows top→bottom kinerja above /
//! as / below expectation; columns potensi low / middle / high: top 4 7 9, middle 2 5 8,
//! bottom 1 3 6.

use crate::city::{CityIndex, Scope};
use crate::eligibility::eligibility;
use crate::fit::jpm::jpm;
use crate::model::{EducationLevel, Employee, EmployeeIdx, SanctionLevel, SlotIdx};
use crate::rules::RuleSet;
use crate::text::{add_months, Text};
use crate::Dataset;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An employee's place in the 9-box.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    /// Employee.
    pub employee: EmployeeIdx,
    /// Kinerja 0–100.
    pub kinerja: f64,
    /// Potensi 0–100.
    pub potensi: f64,
    /// Box 1–9.
    pub box_no: u8,
    /// Recommended action.
    pub action: Text,
}

fn heavy_sanction_within(e: &Employee, date: NaiveDate, years: u8) -> Option<SanctionLevel> {
    let from = add_months(date, -(years as i32) * 12);
    e.sanctions
        .iter()
        .filter(|s| s.period.end() >= from && s.period.start() <= date)
        .map(|s| s.level)
        .max()
}

fn education_score(l: EducationLevel) -> f64 {
    match l {
        EducationLevel::S3 => 100.0,
        EducationLevel::S2 => 90.0,
        EducationLevel::S1 => 75.0,
        EducationLevel::D3 => 60.0,
        EducationLevel::D1 | EducationLevel::D2 => 50.0,
        EducationLevel::Sma => 40.0,
        _ => 20.0,
    }
}

/// Action for a box.
pub fn box_action(b: u8) -> Text {
    match b {
        9 => Text::new(
            "Promosikan dan pertahankan dalam kelompok suksesi",
            "Promote and keep in the succession pool",
        ),
        7 | 8 => Text::new(
            "Pertimbangkan promosi dan kembangkan",
            "Consider for promotion and develop",
        ),
        4..=6 => Text::new(
            "Pertahankan, rotasi, atau perkaya pekerjaan",
            "Retain, rotate or enrich the job",
        ),
        2 | 3 => Text::new(
            "Bimbingan dan penempatan yang lebih sesuai",
            "Coaching and a better placement",
        ),
        _ => Text::new("Ditangani sesuai ketentuan", "Handle under the regulations"),
    }
}

/// 9-box placement of employee `e`.
pub fn place(ds: &Dataset, e: EmployeeIdx, date: NaiveDate, rules: &RuleSet) -> Placement {
    let emp = &ds.employees()[e as usize];
    let n = &rules.nine_box;
    let skp = emp
        .recent_skp(1)
        .first()
        .map_or(50.0, |r| rules.predikat_score.get(r.predikat));
    let awards = (emp.awards as f64 * n.award_points).min(100.0);
    let kinerja = (n.kinerja_skp * skp + n.kinerja_awards * awards)
        / (n.kinerja_skp + n.kinerja_awards).max(f64::MIN_POSITIVE);
    let competence = match ds.employee_slot(e) {
        Some(s) => jpm(&emp.competencies, ds.slot_position(s), rules).percent,
        None => {
            emp.competencies
                .managerial
                .iter()
                .map(|l| l.get() as f64)
                .sum::<f64>()
                / 40.0
                * 100.0
        }
    };
    let potential = emp
        .potential
        .map_or(n.default_potential, |p| p.min(100) as f64);
    let structural_diklat = emp
        .diklat
        .iter()
        .any(|d| rules.kind_diklat.iter().any(|k| k.diklat == d.kind));
    let qualification = (education_score(emp.education_level())
        + if structural_diklat { 10.0 } else { 0.0 })
    .min(100.0);
    let integrity = match heavy_sanction_within(emp, date, rules.talent_exclusion_years) {
        None => 100.0,
        Some(SanctionLevel::Ringan) => 70.0,
        Some(SanctionLevel::Sedang) => 30.0,
        Some(SanctionLevel::Berat) => 0.0,
    };
    let wsum =
        n.potensi_competence + n.potensi_potential + n.potensi_qualification + n.potensi_integrity;
    let potensi = (n.potensi_competence * competence
        + n.potensi_potential * potential
        + n.potensi_qualification * qualification
        + n.potensi_integrity * integrity)
        / wsum.max(f64::MIN_POSITIVE);
    let band = |v: f64, c: [f64; 2]| {
        if v < c[0] {
            0
        } else if v < c[1] {
            1
        } else {
            2
        }
    };
    const BOXES: [[u8; 3]; 3] = [[1, 3, 6], [2, 5, 8], [4, 7, 9]];
    let box_no = BOXES[band(kinerja, n.kinerja_cuts)][band(potensi, n.potensi_cuts)];
    Placement {
        employee: e,
        kinerja,
        potensi,
        box_no,
        action: box_action(box_no),
    }
}

/// 9-box placement of every employee.
pub fn nine_box(ds: &Dataset, date: NaiveDate, rules: &RuleSet) -> Vec<Placement> {
    (0..ds.employees().len() as EmployeeIdx)
        .map(|e| place(ds, e, date, rules))
        .collect()
}

/// The talent pool: boxes 7–9 without a sedang or berat sanction in the last
/// `rules.talent_exclusion_years` years, best (box, potensi) first.
pub fn talent_pool(ds: &Dataset, date: NaiveDate, rules: &RuleSet) -> Vec<Placement> {
    let mut v: Vec<Placement> = nine_box(ds, date, rules)
        .into_iter()
        .filter(|p| p.box_no >= 7)
        .filter(|p| {
            let e = &ds.employees()[p.employee as usize];
            !matches!(
                heavy_sanction_within(e, date, rules.talent_exclusion_years),
                Some(SanctionLevel::Sedang | SanctionLevel::Berat)
            )
        })
        .collect();
    v.sort_by(|a, b| {
        b.box_no
            .cmp(&a.box_no)
            .then(b.potensi.total_cmp(&a.potensi))
            .then(a.employee.cmp(&b.employee))
    });
    v
}

/// A succession candidate for a key post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Successor {
    /// Employee (from the talent pool).
    pub employee: EmployeeIdx,
    /// Fit for the post.
    pub fit: f64,
    /// Could move in on the date (no hard rule blocks).
    pub ready: bool,
    /// When not ready, the earliest date every blocking rule is lifted, where computable.
    pub ready_on: Option<NaiveDate>,
}

/// Succession candidates for each slot of a key position: talent-pool members by fit, ready
/// ones first, at most `per_slot` each.
pub fn succession(
    ds: &Dataset,
    date: NaiveDate,
    rules: &RuleSet,
    per_slot: usize,
) -> Vec<(SlotIdx, Vec<Successor>)> {
    let pool = talent_pool(ds, date, rules);
    let idx = CityIndex::new(ds, date, rules, Scope::All);
    let mut out = Vec::new();
    for s in 0..ds.slots().len() as SlotIdx {
        if !ds.slot_position(s).key {
            continue;
        }
        let mut cands: Vec<Successor> = pool
            .iter()
            .filter(|p| ds.employee_slot(p.employee) != Some(s))
            .filter(|p| {
                let (g, pos) = (
                    ds.employees()[p.employee as usize].pangkat.golongan,
                    ds.slot_position(s),
                );
                // Within one grade of the range: near-ready successors count too.
                g.index() + 1 >= pos.golongan_min.index() && g <= pos.golongan_max
            })
            .map(|p| {
                let ready = idx.pair(p.employee, s).is_some();
                Successor {
                    employee: p.employee,
                    fit: idx.score_any(p.employee, s),
                    ready,
                    ready_on: None,
                }
            })
            .collect();
        cands.sort_by(|a, b| {
            b.ready
                .cmp(&a.ready)
                .then(b.fit.total_cmp(&a.fit))
                .then(a.employee.cmp(&b.employee))
        });
        cands.truncate(per_slot);
        for c in cands.iter_mut().filter(|c| !c.ready) {
            c.ready_on = eligibility(ds, c.employee, s, date, rules).unblocked_on();
        }
        out.push((s, cands));
    }
    out
}
