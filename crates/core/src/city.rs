//! Scoring the whole city: a pruning index over slots and candidate lists per employee.
//!
//! [`CityIndex`] precomputes features of every employee, position and slot for one date and
//! rule set, and groups target slots by position, with each golongan pointing at the groups
//! whose rank range admits it. Pairs excluded by a hard rule are never scored: employee-only
//! rules (sanction, CPNS, tenure, retirement, own JPT protection) drop the employee, slot-only
//! rules (JPT holder protection, freezes) drop the slot, and rank, education, PPPK and
//! functional-qualification rules are checked once per (employee, position group), with the
//! education service's rules ([`crate::school::gate`]: teaching qualification, principal
//! candidates, periods, ending an assignment) and the selective-OPD rule when it is hard.
//!
//! [`CandidateLists`] is what the optimiser consumes: for each employee, the top-K target slots
//! by fit that no hard rule blocks, plus the employee's own current slot (staying).
//!
//! **Invariant:** a pair is visited iff [`crate::eligibility::eligibility`] reports no hard
//! failure for it (tested by a property test), and its score equals [`crate::fit::fit`]'s.

use crate::fit::features::{formations, EmployeeFeatures, PositionFeatures, SlotFeatures};
use crate::fit::Scorer;
use crate::model::{EmployeeIdx, SlotIdx};
use crate::rules::RuleSet;
use crate::school::gate::{admits, EduFacts, EduPost, Selective};
use crate::Dataset;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which slots are targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// Vacant slots and slots held by a Plt.
    Open,
    /// Every slot (occupied ones become free when their holder moves).
    All,
}

/// One candidate move.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// Target slot.
    pub slot: SlotIdx,
    /// Fit score 0–100.
    pub fit: f32,
}

/// Candidate lists for the whole city.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateLists {
    /// For each employee (by [`EmployeeIdx`]), candidates by decreasing fit (ties by slot
    /// index), at most K, none blocked by a hard rule. The own slot is not among them.
    pub moves: Vec<Vec<Candidate>>,
    /// For each employee, the own definitive slot with its fit (the "stay" option), if any.
    pub stay: Vec<Option<Candidate>>,
    /// Number of (employee, slot) pairs scored.
    pub pairs_scored: u64,
}

/// A target slot with what the inner loop reads, stored contiguously per group.
struct Target {
    slot: SlotIdx,
    unit: u32,
    opd: u32,
    kecamatan: u8,
    /// School level of the unit, if it is a school.
    level: Option<crate::model::SchoolLevel>,
    /// Weighted shortage term, `w_shortage × shortage × 100`.
    shortage_term: f64,
}

struct Group {
    position: u32,
    slots: Vec<SlotIdx>,
    targets: Vec<Target>,
}

/// Precomputed features and the pruning index for one date and rule set.
pub struct CityIndex {
    scorer: Scorer,
    employees: Vec<EmployeeFeatures>,
    positions: Vec<PositionFeatures>,
    slots: Vec<SlotFeatures>,
    own: Vec<Option<SlotIdx>>,
    /// OPD (root unit index) of each employee's own post.
    own_opd: Vec<Option<u32>>,
    edu: Vec<EduFacts>,
    edu_posts: Vec<EduPost>,
    selective: Selective,
    unit_kinds: Vec<crate::model::UnitKind>,
    groups: Vec<Group>,
    by_golongan: [Vec<u32>; 17],
    /// `w_distance × distance score` by (home, workplace) kecamatan.
    distance_term: [[f64; 18]; 18],
}

impl CityIndex {
    /// Builds the index for target slots in `scope`.
    pub fn new(ds: &Dataset, date: NaiveDate, rules: &RuleSet, scope: Scope) -> Self {
        let forms = formations(ds, rules);
        let positions: Vec<PositionFeatures> = ds
            .positions()
            .iter()
            .map(|p| PositionFeatures::new(p, date, rules))
            .collect();
        let slots: Vec<SlotFeatures> = (0..ds.slots().len() as SlotIdx)
            .map(|s| {
                let f = forms
                    .get(&(ds.slot_unit_idx(s), ds.slot_position_idx(s)))
                    .copied()
                    .unwrap_or_default();
                SlotFeatures::new(ds, s, &f, date, rules)
            })
            .collect();
        let employees: Vec<EmployeeFeatures> = (0..ds.employees().len() as EmployeeIdx)
            .map(|e| EmployeeFeatures::new(ds, e, date, rules))
            .collect();
        let own: Vec<Option<SlotIdx>> = (0..ds.employees().len() as EmployeeIdx)
            .map(|e| ds.employee_slot(e))
            .collect();
        let own_opd = own
            .iter()
            .map(|s| s.map(|s| ds.opd_of_unit(ds.slot_unit_idx(s))))
            .collect();
        let edu = (0..ds.employees().len() as EmployeeIdx)
            .map(|e| EduFacts::new(ds, e, date, rules))
            .collect();
        let edu_posts = ds.positions().iter().map(EduPost::new).collect();
        let selective = Selective::new(ds, rules);

        let scorer = Scorer::new(rules);
        let w = scorer.weights();
        let slots_f = &slots;
        let mut members: Vec<Vec<SlotIdx>> = vec![Vec::new(); positions.len()];
        for (i, slot) in ds.slots().iter().enumerate() {
            let sf = &slots[i];
            let in_scope = scope == Scope::All || slot.is_open();
            if in_scope && !sf.protected && !positions[sf.position as usize].frozen {
                members[sf.position as usize].push(i as SlotIdx);
            }
        }
        let groups: Vec<Group> = members
            .into_iter()
            .enumerate()
            .filter(|(_, m)| !m.is_empty())
            .map(|(p, slots)| {
                let targets = slots
                    .iter()
                    .map(|&s| {
                        let f = &slots_f[s as usize];
                        let shortage_term = w[4] * (f.shortage * 100.0);
                        let kecamatan = f.kecamatan.index() as u8;
                        Target {
                            slot: s,
                            unit: f.unit,
                            opd: f.opd,
                            kecamatan,
                            level: crate::model::SchoolLevel::of_unit(
                                ds.units()[f.unit as usize].kind,
                            ),
                            shortage_term,
                        }
                    })
                    .collect();
                Group {
                    position: p as u32,
                    slots,
                    targets,
                }
            })
            .collect();
        let mut by_golongan: [Vec<u32>; 17] = Default::default();
        for (gi, g) in groups.iter().enumerate() {
            let p = &positions[g.position as usize];
            for idx in p.golongan_min.index()..=p.golongan_max.index() {
                by_golongan[idx as usize].push(gi as u32);
            }
        }
        let mut distance_term = [[0.0; 18]; 18];
        for (h, row) in distance_term.iter_mut().enumerate() {
            for (k, d) in row.iter_mut().enumerate() {
                *d = w[6] * scorer.distance_score(h, k);
            }
        }
        Self {
            scorer,
            employees,
            positions,
            slots,
            own,
            own_opd,
            edu,
            edu_posts,
            selective,
            unit_kinds: ds.units().iter().map(|u| u.kind).collect(),
            groups,
            by_golongan,
            distance_term,
        }
    }

    /// Number of target slots.
    pub fn target_count(&self) -> usize {
        self.groups.iter().map(|g| g.slots.len()).sum()
    }

    /// Whether a hard rule that depends on the employee alone blocks every move.
    pub fn self_blocked(&self, e: EmployeeIdx) -> bool {
        self.employees[e as usize].self_blocked
    }

    /// Calls `visit(slot, fit)` for every target slot employee `e` may move to; returns the
    /// number of pairs scored.
    pub fn for_each_target(&self, e: EmployeeIdx, mut visit: impl FnMut(SlotIdx, f64)) -> u64 {
        let ef = &self.employees[e as usize];
        if ef.self_blocked {
            return 0;
        }
        let own = self.own[e as usize];
        let w = self.scorer.weights();
        let full = self.scorer.full_months();
        let drow = &self.distance_term[ef.home.index()];
        let has_prefs = ef.has_preferences();
        let max_opd = ef.opd_months.iter().map(|x| x.1).max().unwrap_or(0);
        let mut n = 0;
        let (ed, own_opd) = (&self.edu[e as usize], self.own_opd[e as usize]);
        for &gi in &self.by_golongan[ef.golongan.index() as usize] {
            let g = &self.groups[gi as usize];
            let pf = &self.positions[g.position as usize];
            if !pf.admits(ef) {
                continue;
            }
            let post = &self.edu_posts[g.position as usize];
            let allowed = |t: &Target| {
                admits(ed, post, t.unit, t.level) && !self.selective.blocks(own_opd, t.opd)
            };
            let pp = self.scorer.position_part(ef, pf);
            let base = self.scorer.base(ef, &pp);
            let field_pref = ef.pref_fields & pf.field.bit() != 0;
            // The same arithmetic as `Scorer::slot_sum`, with the per-slot and per-kecamatan
            // products precomputed, and the experience and preference terms hoisted when they
            // cannot vary within the group (bit-identical results either way).
            if max_opd <= pp.field_months && !has_prefs {
                let exp_term = w[2] * ((pp.field_months as f64 / full).min(1.0) * 100.0);
                let pref_term = w[5] * 50.0;
                for t in &g.targets {
                    if Some(t.slot) == own || !allowed(t) {
                        continue;
                    }
                    let rest = exp_term + t.shortage_term + pref_term + drow[t.kecamatan as usize];
                    visit(t.slot, self.scorer.finish(base, rest));
                    n += 1;
                }
                continue;
            }
            for t in &g.targets {
                if Some(t.slot) == own || !allowed(t) {
                    continue;
                }
                let months = pp.field_months.max(ef.months_in_opd(t.opd));
                let exp = (months as f64 / full).min(1.0) * 100.0;
                let pref = if !has_prefs {
                    50.0
                } else if ef.pref_units.iter().any(|&u| u == t.unit || u == t.opd) {
                    100.0
                } else if ef.pref_kecamatan & (1 << t.kecamatan) != 0 || field_pref {
                    75.0
                } else {
                    20.0
                };
                let rest = w[2] * exp + t.shortage_term + w[5] * pref + drow[t.kecamatan as usize];
                visit(t.slot, self.scorer.finish(base, rest));
                n += 1;
            }
        }
        n
    }

    /// Fit of `e` in target slot `s`, or None when `s` is not a target or a hard rule blocks
    /// the pair (the same decision [`CityIndex::for_each_target`] makes).
    pub fn pair(&self, e: EmployeeIdx, s: SlotIdx) -> Option<f64> {
        let ef = &self.employees[e as usize];
        let sf = &self.slots[s as usize];
        let gi = self.by_golongan[ef.golongan.index() as usize]
            .iter()
            .find(|&&g| self.groups[g as usize].position == sf.position)?;
        let g = &self.groups[*gi as usize];
        let pf = &self.positions[g.position as usize];
        if ef.self_blocked
            || Some(s) == self.own[e as usize]
            || !pf.admits(ef)
            || !g.slots.contains(&s)
            || !admits(
                &self.edu[e as usize],
                &self.edu_posts[g.position as usize],
                sf.unit,
                crate::model::SchoolLevel::of_unit(self.unit_kinds[sf.unit as usize]),
            )
            || self.selective.blocks(self.own_opd[e as usize], sf.opd)
        {
            return None;
        }
        Some(
            self.scorer
                .score(ef, &self.scorer.position_part(ef, pf), pf, sf),
        )
    }

    /// Fit of `e` in any slot `s`, whatever the rules say (for showing blocked options).
    pub fn score_any(&self, e: EmployeeIdx, s: SlotIdx) -> f64 {
        let ef = &self.employees[e as usize];
        let sf = &self.slots[s as usize];
        let pf = &self.positions[sf.position as usize];
        self.scorer
            .score(ef, &self.scorer.position_part(ef, pf), pf, sf)
    }

    /// Fit of employee `e` staying in the own slot, if any.
    pub fn stay(&self, e: EmployeeIdx) -> Option<Candidate> {
        let s = self.own[e as usize]?;
        let ef = &self.employees[e as usize];
        let sf = &self.slots[s as usize];
        let pf = &self.positions[sf.position as usize];
        let pp = self.scorer.position_part(ef, pf);
        Some(Candidate {
            slot: s,
            fit: self.scorer.score(ef, &pp, pf, sf) as f32,
        })
    }

    /// Top-`k` candidates of one employee (see [`CandidateLists::moves`]).
    pub fn top_k(
        &self,
        e: EmployeeIdx,
        k: usize,
        buf: &mut Vec<Candidate>,
    ) -> (Vec<Candidate>, u64) {
        buf.clear();
        let n = self.for_each_target(e, |slot, fit| {
            buf.push(Candidate {
                slot,
                fit: fit as f32,
            })
        });
        let order =
            |a: &Candidate, b: &Candidate| b.fit.total_cmp(&a.fit).then(a.slot.cmp(&b.slot));
        if buf.len() > k && k > 0 {
            buf.select_nth_unstable_by(k - 1, order);
            buf.truncate(k);
        }
        buf.sort_unstable_by(order);
        (buf.clone(), n)
    }

    /// Candidate lists of every employee, at most `k` moves each.
    pub fn candidates(&self, k: usize) -> CandidateLists {
        let mut buf = Vec::new();
        let mut moves = Vec::with_capacity(self.employees.len());
        let mut stay = Vec::with_capacity(self.employees.len());
        let mut pairs = 0;
        for e in 0..self.employees.len() as EmployeeIdx {
            let (list, n) = self.top_k(e, k, &mut buf);
            pairs += n;
            moves.push(list);
            stay.push(self.stay(e));
        }
        CandidateLists {
            moves,
            stay,
            pairs_scored: pairs,
        }
    }
}

/// Totals of scoring every employee against every open slot.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CityScore {
    /// Pairs scored (eligible under hard rules).
    pub pairs: u64,
    /// Sum of all scores (a checksum comparing native and wasm runs).
    pub score_sum: f64,
    /// Employees with at least one eligible open slot.
    pub employees_with_options: u32,
    /// Target slots considered.
    pub targets: u32,
}

/// Scores every employee against every open slot on `date` (the planner's full-city figure).
pub fn score_city(ds: &Dataset, date: NaiveDate, rules: &RuleSet) -> CityScore {
    let idx = CityIndex::new(ds, date, rules, Scope::Open);
    let mut out = CityScore {
        pairs: 0,
        score_sum: 0.0,
        employees_with_options: 0,
        targets: idx.target_count() as u32,
    };
    for e in 0..ds.employees().len() as EmployeeIdx {
        let mut sum = 0.0;
        let n = idx.for_each_target(e, |_, f| sum += f);
        out.pairs += n;
        out.score_sum += sum;
        out.employees_with_options += (n > 0) as u32;
    }
    out
}

/// Candidate lists for the optimiser: open-slot moves, top `rules.candidates_top_k` each.
pub fn candidate_lists(
    ds: &Dataset,
    date: NaiveDate,
    rules: &RuleSet,
    scope: Scope,
) -> CandidateLists {
    CityIndex::new(ds, date, rules, scope).candidates(rules.candidates_top_k)
}
