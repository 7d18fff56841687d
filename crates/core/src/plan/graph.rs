//! The assignment model of a plan: rows are the employees in scope, columns the slots in scope,
//! edges the (employee, slot) pairs no hard rule forbids, each with its value in fit points.

use super::build::{Constraints, Features, Scoped};
use super::error::PlanError;
use super::request::PlanRequest;
use super::school::SchoolGate;
use crate::fit::features::{EmployeeFeatures, Formation, PositionFeatures, SlotFeatures};
use crate::fit::Scorer;
use crate::model::{EmployeeIdx, Kecamatan, SlotIdx};
use crate::Dataset;
use std::collections::HashSet;

pub(crate) use super::build::subtree_mask;

pub(crate) const NONE: u32 = u32::MAX;

/// Why a row has exactly one edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fixed {
    /// Free to move along its candidate list.
    Free,
    /// Locked by the planner.
    Planner,
    /// A hard rule on the employee alone blocks every move (sanction, CPNS, tenure, retirement,
    /// JPT protection).
    SelfBlocked,
    /// The employee's post is frozen (Pilkada or new regional head) or JPT-protected.
    PostFrozen,
    /// A forced move to this column.
    Forced(u32),
}

impl Fixed {
    pub(crate) fn stays(self) -> bool {
        !matches!(self, Fixed::Free | Fixed::Forced(_))
    }
}

/// The model: everything the solver and the report need, computed once.
pub(crate) struct Model<'a> {
    pub ds: &'a Dataset,
    pub req: &'a PlanRequest,
    pub scorer: Scorer,
    /// Employee of each row (ascending).
    pub rows: Vec<EmployeeIdx>,
    /// Slot of each column (ascending).
    pub cols: Vec<SlotIdx>,
    /// Own column of each row.
    pub own: Vec<u32>,
    /// Row of each column's definitive holder, or `NONE`.
    pub holder_row: Vec<u32>,
    pub fixed: Vec<Fixed>,
    /// Due for rotation (tenure in post ≥ maximum, where the generic rotation rule applies:
    /// not to teachers and principals).
    pub due: Vec<bool>,
    /// The education rules per row, and the principals whose periods are used up.
    pub gate: SchoolGate,
    /// Holders of slots in scope who retire by the plan date: not rows; their slots are open.
    pub retiring: Vec<EmployeeIdx>,
    /// Months in the current post on the plan date.
    pub tenure_months: Vec<i32>,
    pub ef: Vec<EmployeeFeatures>,
    /// Per dataset position.
    pub pf: Vec<PositionFeatures>,
    /// Per column.
    pub sf: Vec<SlotFeatures>,
    pub formation: Vec<Formation>,
    /// Fill value of each column (see [`Features::new`]).
    pub fill: Vec<f64>,
    pub row_start: Vec<usize>,
    pub edge_col: Vec<u32>,
    /// Objective value of the row ending on this edge (without the Lagrangian move penalty).
    pub edge_value: Vec<f64>,
    /// Fit score of the pair.
    pub edge_fit: Vec<f64>,
}

impl<'a> Model<'a> {
    /// The model of `req` on `ds`: the rows and columns in scope ([`Scoped`]), their features
    /// and seat values ([`Features`]), the planner's locks, exclusions and forced moves
    /// ([`Constraints`], each checked on its own and against the others), then the edges.
    pub(crate) fn build(ds: &'a Dataset, req: &'a PlanRequest) -> Result<Self, PlanError> {
        let scoped = Scoped::new(ds, req)?;
        let features = Features::new(ds, req, &scoped);
        let constraints = Constraints::new(ds, req, &scoped, &features)?;
        let Scoped {
            rows,
            cols,
            own,
            holder_row,
            retiring,
            ..
        } = scoped;
        let Features {
            scorer,
            ef,
            pf,
            sf,
            formation,
            fill,
            tenure_months,
            due,
            gate,
        } = features;
        let mut model = Model {
            ds,
            req,
            scorer,
            rows,
            cols,
            own,
            holder_row,
            fixed: constraints.fixed,
            due,
            gate,
            retiring,
            tenure_months,
            ef,
            pf,
            sf,
            formation,
            fill,
            row_start: Vec::new(),
            edge_col: Vec::new(),
            edge_value: Vec::new(),
            edge_fit: Vec::new(),
        };
        model.build_edges(&constraints.excluded_col, &constraints.excluded_pair);
        Ok(model)
    }

    /// Fit score of row `r` in column `c`.
    pub(crate) fn fit(&self, r: usize, c: usize) -> f64 {
        let pf = &self.pf[self.sf[c].position as usize];
        let pp = self.scorer.position_part(&self.ef[r], pf);
        self.scorer.score(&self.ef[r], &pp, pf, &self.sf[c])
    }

    /// JPM of row `r` for the position of column `c`.
    pub(crate) fn jpm(&self, r: usize, c: usize) -> f64 {
        let pf = &self.pf[self.sf[c].position as usize];
        self.scorer.position_part(&self.ef[r], pf).jpm.percent
    }

    fn stay_value(&self, r: usize, fit: f64) -> f64 {
        let w = &self.req.weights;
        let c = self.own[r] as usize;
        let due = if self.due[r] { w.rotation_due } else { 0.0 };
        let ended = if self.gate.ended[r] {
            w.period_ended
        } else {
            0.0
        };
        w.fit * fit + self.fill[c] - due - ended
    }

    fn move_value(&self, c: usize, fit: f64) -> f64 {
        let w = &self.req.weights;
        w.fit * fit + self.fill[c] - w.move_cost
    }

    /// Candidate lists: own slot, plus for free rows the best slots of the best admitted
    /// positions (see [`super::CandidateLimits`]).
    fn build_edges(&mut self, excluded_col: &[bool], excluded_pair: &HashSet<(u32, u32)>) {
        let ds = self.ds;
        let limits = self.req.candidates;
        let n_pos = ds.positions().len();
        // Columns that may receive someone new.
        let receivable: Vec<bool> = (0..self.cols.len())
            .map(|c| {
                let h = self.holder_row[c];
                !excluded_col[c]
                    && !self.pf[self.sf[c].position as usize].frozen
                    && !self.sf[c].protected
                    && (h == NONE || !self.fixed[h as usize].stays())
            })
            .collect();
        // Receivable columns per position, bucketed by kecamatan, best first within a bucket:
        // larger seat value, then open slots, then index.
        let mut buckets: Vec<Vec<Vec<u32>>> = vec![Vec::new(); n_pos];
        for c in 0..self.cols.len() {
            if !receivable[c] {
                continue;
            }
            let p = self.sf[c].position as usize;
            if buckets[p].is_empty() {
                buckets[p] = vec![Vec::new(); Kecamatan::ALL.len()];
            }
            buckets[p][self.sf[c].kecamatan.index()].push(c as u32);
        }
        for b in buckets.iter_mut().flatten() {
            b.sort_by(|&x, &y| {
                let (x, y) = (x as usize, y as usize);
                let open = |c: usize| self.holder_row[c] == NONE;
                self.fill[y]
                    .total_cmp(&self.fill[x])
                    .then(open(y).cmp(&open(x)))
                    .then(x.cmp(&y))
            });
        }
        // Positions by golongan index, for a quick rank prefilter.
        let mut by_golongan: Vec<Vec<u32>> = vec![Vec::new(); 17];
        for (p, f) in self.pf.iter().enumerate() {
            if buckets[p].is_empty() || f.frozen {
                continue;
            }
            for g in f.golongan_min.index()..=f.golongan_max.index() {
                if let Some(list) = by_golongan.get_mut(g as usize) {
                    list.push(p as u32);
                }
            }
        }
        // Kecamatan visiting order from each home: nearest first.
        let kec_order: Vec<Vec<usize>> = Kecamatan::ALL
            .iter()
            .map(|a| {
                let mut v: Vec<usize> = (0..Kecamatan::ALL.len()).collect();
                v.sort_by(|&x, &y| {
                    a.distance_km(Kecamatan::ALL[x])
                        .total_cmp(&a.distance_km(Kecamatan::ALL[y]))
                        .then(x.cmp(&y))
                });
                v
            })
            .collect();
        let weights = self.scorer.weights();
        let full_months = (ds.rules().fit.experience_full_years * 12.0).max(1.0);

        let n = self.rows.len();
        let mut row_start = Vec::with_capacity(n + 1);
        let mut edge_col = Vec::with_capacity(n * (limits.per_employee + 1));
        let mut edge_value = Vec::with_capacity(edge_col.capacity());
        let mut edge_fit = Vec::with_capacity(edge_col.capacity());
        let mut positions: Vec<(f64, u32)> = Vec::new();
        let mut cands: Vec<(f64, f64, u32)> = Vec::new();
        row_start.push(0);
        for r in 0..n {
            let own = self.own[r] as usize;
            let own_fit = self.fit(r, own);
            match self.fixed[r] {
                Fixed::Forced(c) => {
                    let fit = self.fit(r, c as usize);
                    edge_col.push(c);
                    edge_value.push(self.move_value(c as usize, fit));
                    edge_fit.push(fit);
                }
                f if f.stays() => {
                    edge_col.push(own as u32);
                    edge_value.push(self.stay_value(r, own_fit));
                    edge_fit.push(own_fit);
                }
                _ => {
                    edge_col.push(own as u32);
                    edge_value.push(self.stay_value(r, own_fit));
                    edge_fit.push(own_fit);
                    let ef = &self.ef[r];
                    let employee = &ds.employees()[self.rows[r] as usize];
                    let own_pos = self.sf[own].position;
                    // Rank admitted positions by their position-level fit (JPM, major,
                    // field experience); the own position always comes first.
                    positions.clear();
                    let g = ef.golongan.index() as usize;
                    let own_kind = self.pf[own_pos as usize].kind;
                    for &p in by_golongan.get(g).map_or(&[][..], |v| &v[..]) {
                        let pf = &self.pf[p as usize];
                        // Rotation is lateral: same kind of post (no demotion, no promotion),
                        // except in the guru profession, where teaching and principal posts
                        // are one family at every level (see `school::SchoolGate`).
                        if !self.gate.position(r, own_pos, own_kind, p, pf.kind) || !pf.admits(ef) {
                            continue;
                        }
                        // Required training is a soft rule; the plan proposes no move that would
                        // need an override for it (a planner can still force one).
                        let required = &ds.positions()[p as usize].required_diklat;
                        if !required.iter().all(|&k| employee.has_diklat(k)) {
                            continue;
                        }
                        let pp = self.scorer.position_part(ef, pf);
                        let exp = (pp.field_months as f64 / full_months).min(1.0) * 100.0;
                        let key = if p == own_pos {
                            f64::INFINITY
                        } else {
                            weights[0] * pp.jpm.percent + weights[1] * pp.major + weights[2] * exp
                        };
                        positions.push((key, p));
                    }
                    let keep = limits.positions.min(positions.len());
                    if keep < positions.len() {
                        positions.select_nth_unstable_by(keep, |a, b| {
                            b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
                        });
                        positions.truncate(keep);
                    }
                    positions.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                    cands.clear();
                    for &(_, p) in &positions {
                        // A position none of whose slots the education rules open to this row
                        // (a subject not taught, a principal's post to a non-candidate) keeps
                        // its place in the ranking but gives no candidates: its slots are not
                        // walked one by one (97% of the steps over a 100,000-ASN instansi).
                        if !self.gate.some_slot(r, p) {
                            continue;
                        }
                        let pf = &self.pf[p as usize];
                        let pp = self.scorer.position_part(ef, pf);
                        let mut taken = 0;
                        'kec: for &k in &kec_order[ef.home.index()] {
                            for &c in &buckets[p as usize][k] {
                                if taken == limits.slots_per_position {
                                    break 'kec;
                                }
                                // Another seat of one's own formation is no move at all.
                                let sf = &self.sf[c as usize];
                                let same_formation = p == own_pos && sf.unit == self.sf[own].unit;
                                if same_formation
                                    || (!excluded_pair.is_empty()
                                        && excluded_pair.contains(&(r as u32, c)))
                                    || !self.gate.slot(r, p, sf.unit, sf.opd)
                                {
                                    continue;
                                }
                                taken += 1;
                                let fit = self.scorer.score(ef, &pp, pf, &self.sf[c as usize]);
                                cands.push((self.move_value(c as usize, fit), fit, c));
                            }
                        }
                    }
                    let keep = limits.per_employee.min(cands.len());
                    let order = |a: &(f64, f64, u32), b: &(f64, f64, u32)| {
                        b.0.total_cmp(&a.0).then(a.2.cmp(&b.2))
                    };
                    if keep < cands.len() {
                        cands.select_nth_unstable_by(keep, order);
                        cands.truncate(keep);
                    }
                    cands.sort_by_key(|a| a.2);
                    for &(value, fit, c) in &cands {
                        edge_col.push(c);
                        edge_value.push(value);
                        edge_fit.push(fit);
                    }
                }
            }
            row_start.push(edge_col.len());
        }
        self.row_start = row_start;
        self.edge_col = edge_col;
        self.edge_value = edge_value;
        self.edge_fit = edge_fit;
    }

    /// The edges of row `r`: (column, value, fit).
    pub(crate) fn edges(&self, r: usize) -> impl Iterator<Item = (u32, f64, f64)> + '_ {
        let range = self.row_start[r]..self.row_start[r + 1];
        self.edge_col[range.clone()]
            .iter()
            .zip(&self.edge_value[range.clone()])
            .zip(&self.edge_fit[range])
            .map(|((&c, &v), &f)| (c, v, f))
    }
}
