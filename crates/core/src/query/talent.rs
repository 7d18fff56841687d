//! Talent management (PermenPANRB 3/2020): 9-box placement, its distribution, the talent pool
//! and succession for key posts. docs/TALENT.md explains the numbers and their limits.
//!
//! **Kinerja** ([`kinerja`]) reads the SKP scale of PermenPANRB 6/2022 as the regulation means
//! it: "Baik" is work as expected (sesuai ekspektasi), "Sangat Baik" above expectation, "Butuh
//! Perbaikan", "Kurang" and "Sangat Kurang" below. The kinerja number is the mean
//! [`crate::rules::PredikatScores`] of the latest `skp_years` SKP years (default 2; only years
//! from `skp_within_years` before the date's year count), plus an award bonus that, unless
//! `awards_cross_rows`, stays inside the SKP's row. The cut-offs lie between the predikat scores
//! (defaults 65 and 90 between 50 / 80 / 100), so one predikat is one row. Without a counted SKP
//! there is no kinerja and no box: the person is counted as "belum ada SKP", never as 50.
//!
//! **Potensi** = competence (JPM in own post) + assessed potential + qualification (education
//! table + diklat bonus) + integrity (score by the heaviest recent sanction), weighted by
//! [`crate::rules::NineBoxRules`]. **Talent score** = `final_kinerja` × kinerja +
//! `final_potensi` × potensi (default 50/50, DOMAIN.md §5).
//!
//! Boxes ([`GRID`]): rows top→bottom kinerja above / as / below expectation; columns potensi
//! low / middle / high: top 4 7 9, middle 2 5 8, bottom 1 3 6. [`distribution`] counts them.

use crate::city::{CityIndex, Scope};
use crate::eligibility::{eligibility, Standing, Summary};
use crate::fit::jpm::jpm;
use crate::model::{Employee, EmployeeIdx, Rating, SanctionLevel, SkpRecord, SlotIdx};
use crate::rules::{NineBoxRules, RuleSet};
use crate::text::{add_months, fmt_date, Text};
use crate::Dataset;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Box numbers by row (kinerja above / as / below expectation, top → bottom) and column
/// (potensi low / middle / high, left → right), DOMAIN.md §5.
pub const GRID: [[u8; 3]; 3] = [[4, 7, 9], [2, 5, 8], [1, 3, 6]];

/// The grid row (0 top … 2 bottom) of a kinerja rating.
pub fn grid_row(r: Rating) -> usize {
    match r {
        Rating::Above => 0,
        Rating::As => 1,
        Rating::Below => 2,
    }
}

/// Band 0 (below `cuts[0]`), 1, or 2 (from `cuts[1]`).
fn band(v: f64, cuts: [f64; 2]) -> usize {
    if v < cuts[0] {
        0
    } else if v < cuts[1] {
        1
    } else {
        2
    }
}

/// An employee's kinerja for the 9-box, with what it is made of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kinerja {
    /// Kinerja 0–100: `skp` + `award_bonus`.
    pub score: f64,
    /// Mean predikat score of the counted SKP years.
    pub skp: f64,
    /// Points added for awards (0 when none, or when the row's ceiling is reached).
    pub award_bonus: f64,
    /// The SKP years counted, latest first.
    pub years: Vec<SkpRecord>,
    /// The row: di atas / sesuai / di bawah ekspektasi.
    pub row: Rating,
}

/// Kinerja of `emp` on `date` (module doc; docs/TALENT.md), or None without an SKP of the
/// `skp_within_years` years before the date's year ("belum ada SKP").
pub fn kinerja(emp: &Employee, date: NaiveDate, rules: &RuleSet) -> Option<Kinerja> {
    let n = &rules.nine_box;
    let from = date.year() - i32::from(n.skp_within_years);
    let years: Vec<SkpRecord> = emp
        .recent_skp(emp.skp.len())
        .into_iter()
        .filter(|r| (from..=date.year()).contains(&i32::from(r.year)))
        .take(n.skp_years as usize)
        .collect();
    if years.is_empty() {
        return None;
    }
    let skp = years
        .iter()
        .map(|r| rules.predikat_score.get(r.predikat))
        .sum::<f64>()
        / years.len() as f64;
    let cuts = n.kinerja_cuts;
    let bonus = (f64::from(emp.awards) * n.award_points).min(n.award_max);
    let mut score = (skp + bonus).min(100.0);
    let skp_band = band(skp, cuts);
    if !n.awards_cross_rows && skp_band < 2 {
        // The bonus stops one point under the next cut-off: the row stays the SKP's.
        score = score.min((cuts[skp_band] - 1.0).max(skp));
    }
    let row = match band(score, cuts) {
        0 => Rating::Below,
        1 => Rating::As,
        _ => Rating::Above,
    };
    Some(Kinerja {
        score,
        skp,
        award_bonus: score - skp,
        years,
        row,
    })
}

/// An employee's place in the 9-box.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    /// Employee.
    pub employee: EmployeeIdx,
    /// Kinerja, or None: no SKP counted ("belum ada SKP").
    pub kinerja: Option<Kinerja>,
    /// Potensi 0–100.
    pub potensi: f64,
    /// Final talent score 0–100 (weighted kinerja and potensi), None without kinerja.
    pub talent_score: Option<f64>,
    /// Box 1–9, None without kinerja.
    pub box_no: Option<u8>,
    /// Recommended action.
    pub action: Text,
}

impl Placement {
    /// The kinerja number, if any.
    pub fn kinerja_score(&self) -> Option<f64> {
        self.kinerja.as_ref().map(|k| k.score)
    }
}

fn heavy_sanction_within(e: &Employee, date: NaiveDate, years: u8) -> Option<SanctionLevel> {
    let from = add_months(date, -(years as i32) * 12);
    e.sanctions
        .iter()
        .filter(|s| s.period.end() >= from && s.period.start() <= date)
        .map(|s| s.level)
        .max()
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

/// Action for someone without a counted SKP.
pub fn no_skp_action() -> Text {
    Text::new(
        "Belum ada SKP: lengkapi penilaian kinerja sebelum penempatan di matriks",
        "No SKP yet: complete the performance appraisal before placing in the 9-box",
    )
}

/// Potensi 0–100 of employee `e` (module doc).
fn potensi(ds: &Dataset, e: EmployeeIdx, date: NaiveDate, rules: &RuleSet) -> f64 {
    let emp = &ds.employees()[e as usize];
    let n: &NineBoxRules = &rules.nine_box;
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
    let qualification = (n.education_score.get(emp.education_level())
        + if structural_diklat {
            n.diklat_bonus
        } else {
            0.0
        })
    .min(100.0);
    let integrity = n.integrity_score.get(heavy_sanction_within(
        emp,
        date,
        rules.talent_exclusion_years,
    ));
    let wsum =
        n.potensi_competence + n.potensi_potential + n.potensi_qualification + n.potensi_integrity;
    (n.potensi_competence * competence
        + n.potensi_potential * potential
        + n.potensi_qualification * qualification
        + n.potensi_integrity * integrity)
        / wsum.max(f64::MIN_POSITIVE)
}

/// 9-box placement of employee `e`.
pub fn place(ds: &Dataset, e: EmployeeIdx, date: NaiveDate, rules: &RuleSet) -> Placement {
    let n = &rules.nine_box;
    let kinerja = kinerja(&ds.employees()[e as usize], date, rules);
    let potensi = potensi(ds, e, date, rules);
    let talent_score = kinerja.as_ref().map(|k| {
        (n.final_kinerja * k.score + n.final_potensi * potensi)
            / (n.final_kinerja + n.final_potensi).max(f64::MIN_POSITIVE)
    });
    let box_no = kinerja
        .as_ref()
        .map(|k| GRID[grid_row(k.row)][band(potensi, n.potensi_cuts)]);
    Placement {
        employee: e,
        kinerja,
        potensi,
        talent_score,
        box_no,
        action: box_no.map_or_else(no_skp_action, box_action),
    }
}

/// 9-box placement of every employee.
pub fn nine_box(ds: &Dataset, date: NaiveDate, rules: &RuleSet) -> Vec<Placement> {
    (0..ds.employees().len() as EmployeeIdx)
        .map(|e| place(ds, e, date, rules))
        .collect()
}

/// The people in box `b` (None: those without SKP), best talent score (then potensi) first.
pub fn in_box(placements: &[Placement], b: Option<u8>) -> Vec<Placement> {
    let mut v: Vec<Placement> = placements
        .iter()
        .filter(|p| p.box_no == b)
        .cloned()
        .collect();
    v.sort_by(|x, y| {
        y.talent_score
            .unwrap_or(0.0)
            .total_cmp(&x.talent_score.unwrap_or(0.0))
            .then(y.potensi.total_cmp(&x.potensi))
            .then(x.employee.cmp(&y.employee))
    });
    v
}

/// How the people spread over the 9-box: the figure that shows a miscalibration at a glance
/// (issue 22: 81.4% of the demo city in the bottom row under the old scoring).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Distribution {
    /// People per box, index = box number − 1.
    pub boxes: [usize; 9],
    /// People without a counted SKP, in no box.
    pub no_skp: usize,
}

impl Distribution {
    /// People in box `b` (1–9).
    pub fn count(&self, b: u8) -> usize {
        self.boxes[usize::from(b.clamp(1, 9)) - 1]
    }
    /// People placed in a box.
    pub fn placed(&self) -> usize {
        self.boxes.iter().sum()
    }
    /// Everyone: placed and without SKP.
    pub fn total(&self) -> usize {
        self.placed() + self.no_skp
    }
    /// People in grid row `row` (0 top "di atas" … 2 bottom "di bawah ekspektasi").
    pub fn row_count(&self, row: usize) -> usize {
        GRID[row.min(2)].iter().map(|b| self.count(*b)).sum()
    }
    /// `n` as a percentage of the people placed (0 when nobody is).
    pub fn share(&self, n: usize) -> f64 {
        match self.placed() {
            0 => 0.0,
            p => n as f64 / p as f64 * 100.0,
        }
    }
}

/// The distribution of `placements` over the boxes (shares are of the people placed).
pub fn distribution(placements: &[Placement]) -> Distribution {
    let mut d = Distribution::default();
    for p in placements {
        match p.box_no {
            Some(b) => d.boxes[usize::from(b) - 1] += 1,
            None => d.no_skp += 1,
        }
    }
    d
}

/// The talent pool: boxes 7–9 without a sedang or berat sanction in the last
/// `rules.talent_exclusion_years` years, best (box, talent score) first.
pub fn talent_pool(ds: &Dataset, date: NaiveDate, rules: &RuleSet) -> Vec<Placement> {
    let mut v: Vec<Placement> = nine_box(ds, date, rules)
        .into_iter()
        .filter(|p| p.box_no >= Some(7))
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
            .then(
                b.talent_score
                    .unwrap_or(0.0)
                    .total_cmp(&a.talent_score.unwrap_or(0.0)),
            )
            .then(a.employee.cmp(&b.employee))
    });
    v
}

/// How soon a successor could take the post, read from the move's eligibility
/// [`Summary`] ([`crate::eligibility::Verdicts::summary`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Readiness {
    /// No rule fails: siap sekarang.
    Now,
    /// Only soft rules fail: possible now with a written reason.
    NowWithReason,
    /// Blocked now; every hard rule lifts by itself on `from`, within
    /// `nine_box.succession_soon_years`: siap 1–2 tahun.
    Soon {
        /// The first day the move is allowed.
        from: NaiveDate,
    },
    /// Blocked for longer, or by something that needs an action (training, a certificate).
    Later {
        /// The first day the move is allowed, when time alone lifts every block.
        from: Option<NaiveDate>,
    },
}

impl Readiness {
    /// Readiness from the verdict of the move on `date`. A date already past (a regular
    /// promotion due but not yet recorded) counts from `date`.
    pub fn of(summary: &Summary, date: NaiveDate, rules: &RuleSet) -> Self {
        let soon = add_months(date, i32::from(rules.nine_box.succession_soon_years) * 12);
        match (summary.standing, summary.allowed_from.map(|d| d.max(date))) {
            (Standing::Open, _) => Readiness::Now,
            (Standing::NeedsReason, _) => Readiness::NowWithReason,
            (Standing::Blocked, Some(from)) if from <= soon => Readiness::Soon { from },
            (Standing::Blocked, from) => Readiness::Later { from },
        }
    }
    /// Order: ready now first.
    pub fn rank(self) -> u8 {
        match self {
            Readiness::Now => 0,
            Readiness::NowWithReason => 1,
            Readiness::Soon { .. } => 2,
            Readiness::Later { .. } => 3,
        }
    }
    /// A short token for styling and tests (`now`, `now-reason`, `soon`, `later`).
    pub fn token(self) -> &'static str {
        match self {
            Readiness::Now => "now",
            Readiness::NowWithReason => "now-reason",
            Readiness::Soon { .. } => "soon",
            Readiness::Later { .. } => "later",
        }
    }
    /// What the screen says, with the date.
    pub fn label(self, rules: &RuleSet) -> Text {
        let years = rules.nine_box.succession_soon_years;
        match self {
            Readiness::Now => Text::new("Siap sekarang", "Ready now"),
            Readiness::NowWithReason => Text::new(
                "Siap sekarang dengan alasan tertulis",
                "Ready now with a written reason",
            ),
            Readiness::Soon { from } => Text::new(
                format!("Siap dalam {years} tahun (mulai {})", fmt_date(from)),
                format!("Ready within {years} years (from {from})"),
            ),
            Readiness::Later { from: Some(from) } => Text::new(
                format!("Belum siap (paling cepat {})", fmt_date(from)),
                format!("Not ready yet (from {from} at the earliest)"),
            ),
            Readiness::Later { from: None } => Text::new(
                "Belum siap: ada syarat yang harus dipenuhi dahulu",
                "Not ready yet: a requirement must be met first",
            ),
        }
    }
}

/// A succession candidate for a key post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Successor {
    /// Employee (from the talent pool).
    pub employee: EmployeeIdx,
    /// Box 7–9.
    pub box_no: u8,
    /// Fit for the post.
    pub fit: f64,
    /// How soon they could take it.
    pub readiness: Readiness,
    /// What is still missing, with dates (the eligibility summary's needs).
    pub needs: Vec<Text>,
}

/// Succession candidates for each slot of a key position ([`crate::model::Position::key`]):
/// talent-pool members (boxes 7–9) within one golongan of the post's range, those no hard rule
/// blocks first, best fit first, at most `per_slot` each; then ordered by [`Readiness`] (from
/// the eligibility summary of each move) and fit.
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
        let pos = ds.slot_position(s);
        if !pos.key {
            continue;
        }
        let mut cands: Vec<(bool, f64, &Placement)> = pool
            .iter()
            .filter(|p| ds.employee_slot(p.employee) != Some(s))
            .filter(|p| {
                let g = ds.employees()[p.employee as usize].pangkat.golongan;
                // Within one grade of the range: near-ready successors count too.
                g.index() + 1 >= pos.golongan_min.index() && g <= pos.golongan_max
            })
            .map(|p| {
                let open = idx.pair(p.employee, s).is_some();
                (open, idx.score_any(p.employee, s), p)
            })
            .collect();
        cands.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.total_cmp(&a.1))
                .then(a.2.employee.cmp(&b.2.employee))
        });
        cands.truncate(per_slot);
        let mut successors: Vec<Successor> = cands
            .into_iter()
            .map(|(_, fit, p)| {
                let summary = eligibility(ds, p.employee, s, date, rules).summary();
                Successor {
                    employee: p.employee,
                    box_no: p.box_no.unwrap_or_default(),
                    fit,
                    readiness: Readiness::of(&summary, date, rules),
                    needs: summary.needs.iter().map(|n| n.text()).collect(),
                }
            })
            .collect();
        successors.sort_by(|a, b| {
            a.readiness
                .rank()
                .cmp(&b.readiness.rank())
                .then(b.fit.total_cmp(&a.fit))
                .then(a.employee.cmp(&b.employee))
        });
        out.push((s, successors));
    }
    out
}
