//! The steps that assemble the assignment model ([`super::graph::Model::build`]): the rows and
//! columns in scope ([`Scoped`]), their features and the value of each seat ([`Features`]),
//! and the planner's locks, exclusions and forced moves ([`Constraints`]), each checked on its
//! own and against the others, with the conflict named.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::error::{Constraint, PlanError};
use super::graph::{Fixed, NONE};
use super::request::{Exclusion, ForcedMove, PlanRequest, Scope};
use super::school::SchoolGate;
use crate::eligibility::eligibility;
use crate::eligibility::facts::{employee_retirement, rotation_applies};
use crate::fit::features::{
    formations, EmployeeFeatures, Formation, PositionFeatures, SlotFeatures,
};
use crate::fit::Scorer;
use crate::model::{EmployeeIdx, Nip, SlotId, SlotIdx};
use crate::school::gate::EduFacts;
use crate::text::months_between;
use crate::Dataset;

fn in_subtree(ds: &Dataset, mut unit: u32, top: u32) -> bool {
    for _ in 0..32 {
        if unit == top {
            return true;
        }
        match ds.units()[unit as usize]
            .parent
            .as_ref()
            .and_then(|p| ds.unit_idx(p))
        {
            Some(p) => unit = p,
            None => return false,
        }
    }
    false
}

/// Units in the subtree of `top`, as a mask over unit indexes.
pub(crate) fn subtree_mask(ds: &Dataset, top: u32) -> Vec<bool> {
    (0..ds.units().len() as u32)
        .map(|u| in_subtree(ds, u, top))
        .collect()
}

/// Whether slot `s` is in a principals' scope: a principal's post, or the teaching post of a
/// teacher who meets every requirement to become one on `date` (so a new principal leaves a
/// teaching post that a principal whose periods are over can take).
fn principal_scope(ds: &Dataset, s: SlotIdx, date: chrono::NaiveDate) -> bool {
    let p = ds.slot_position(s);
    p.is_principal()
        || (p.is_guru()
            && ds
                .slot_holder(s)
                .is_some_and(|e| EduFacts::new(ds, e, date, ds.rules()).candidate))
}

/// The rows (employees holding a post in scope) and columns (slots in scope) of the model.
pub(crate) struct Scoped {
    /// Slot of each column (ascending).
    pub cols: Vec<SlotIdx>,
    /// Column of each dataset slot, or `NONE`.
    pub col_of_slot: Vec<u32>,
    /// Employee of each row (ascending).
    pub rows: Vec<EmployeeIdx>,
    /// Row of each employee in scope.
    pub row_of_emp: HashMap<EmployeeIdx, u32>,
    /// Own column of each row.
    pub own: Vec<u32>,
    /// Row of each column's definitive holder, or `NONE`.
    pub holder_row: Vec<u32>,
    /// Holders of slots in scope who retire by the plan date: not rows; their slots are open.
    pub retiring: Vec<EmployeeIdx>,
}

impl Scoped {
    /// The scope of `req` on `ds`.
    pub(crate) fn new(ds: &Dataset, req: &PlanRequest) -> Result<Self, PlanError> {
        let unit_in_scope: Vec<bool> = match &req.scope {
            Scope::City => vec![true; ds.units().len()],
            Scope::Unit { unit } => {
                let top = ds.unit_idx(unit).ok_or_else(|| PlanError::UnknownUnit {
                    unit: unit.to_string(),
                })?;
                subtree_mask(ds, top)
            }
            Scope::UnitKind { unit_kind } => {
                ds.units().iter().map(|u| u.kind == *unit_kind).collect()
            }
            Scope::Principals { unit_kind } => ds
                .units()
                .iter()
                .map(|u| unit_kind.is_none_or(|k| u.kind == k))
                .collect(),
        };
        let principals_only = matches!(req.scope, Scope::Principals { .. });
        let mut col_of_slot = vec![NONE; ds.slots().len()];
        let mut cols = Vec::new();
        for s in 0..ds.slots().len() as SlotIdx {
            if unit_in_scope[ds.slot_unit_idx(s) as usize]
                && (!principals_only || principal_scope(ds, s, req.date))
            {
                col_of_slot[s as usize] = cols.len() as u32;
                cols.push(s);
            }
        }
        let in_scope = |e: EmployeeIdx| {
            ds.employee_slot(e)
                .is_some_and(|s| col_of_slot[s as usize] != NONE)
        };
        // Someone who retires by the plan date leaves the post on that date: it is open.
        let retired = |e: EmployeeIdx| employee_retirement(ds, e, ds.rules()) <= req.date;
        let retiring: Vec<EmployeeIdx> = (0..ds.employees().len() as EmployeeIdx)
            .filter(|&e| in_scope(e) && retired(e))
            .collect();
        let mut rows: Vec<EmployeeIdx> = (0..ds.employees().len() as EmployeeIdx)
            .filter(|&e| in_scope(e) && !retired(e))
            .collect();
        rows.sort_unstable();
        let row_of_emp: HashMap<EmployeeIdx, u32> = rows
            .iter()
            .enumerate()
            .map(|(r, &e)| (e, r as u32))
            .collect();
        let own: Vec<u32> = rows
            .iter()
            .map(|&e| col_of_slot[ds.employee_slot(e).expect("rows hold a slot") as usize])
            .collect();
        let mut holder_row = vec![NONE; cols.len()];
        for (r, &c) in own.iter().enumerate() {
            holder_row[c as usize] = r as u32;
        }
        Ok(Scoped {
            cols,
            col_of_slot,
            rows,
            row_of_emp,
            own,
            holder_row,
            retiring,
        })
    }

    /// The row of `nip` (None: no post in scope) and the dataset index.
    fn row(&self, ds: &Dataset, nip: &Nip) -> Result<(EmployeeIdx, Option<u32>), PlanError> {
        let e = ds
            .employee_idx(nip)
            .ok_or_else(|| PlanError::UnknownEmployee {
                nip: nip.to_string(),
            })?;
        Ok((e, self.row_of_emp.get(&e).copied()))
    }

    /// The column of `slot` (`NONE`: outside the scope) and the dataset index.
    fn col(&self, ds: &Dataset, slot: &SlotId) -> Result<(SlotIdx, u32), PlanError> {
        let s = ds.slot_idx(slot).ok_or_else(|| PlanError::UnknownSlot {
            slot: slot.to_string(),
        })?;
        Ok((s, self.col_of_slot[s as usize]))
    }
}

/// What the objective reads: the features of rows, positions and columns, and the fill value of
/// each seat.
pub(crate) struct Features {
    pub scorer: Scorer,
    pub ef: Vec<EmployeeFeatures>,
    /// Per dataset position.
    pub pf: Vec<PositionFeatures>,
    /// Per column.
    pub sf: Vec<SlotFeatures>,
    pub formation: Vec<Formation>,
    /// Fill value of each column: see [`seat_values`].
    pub fill: Vec<f64>,
    /// Months in the current post on the plan date.
    pub tenure_months: Vec<i32>,
    /// Due for rotation (tenure in post ≥ maximum, where the generic rotation rule applies:
    /// not to teachers and principals).
    pub due: Vec<bool>,
    /// The education rules per row, and the principals whose periods are used up.
    pub gate: SchoolGate,
}

impl Features {
    /// The features of the rows and columns of `scoped`.
    pub(crate) fn new(ds: &Dataset, req: &PlanRequest, scoped: &Scoped) -> Self {
        let rules = ds.rules();
        let date = req.date;
        let scorer = Scorer::new(rules);
        let ef: Vec<EmployeeFeatures> = scoped
            .rows
            .iter()
            .map(|&e| EmployeeFeatures::new(ds, e, date, rules))
            .collect();
        let pf: Vec<PositionFeatures> = ds
            .positions()
            .iter()
            .map(|p| PositionFeatures::new(p, date, rules))
            .collect();
        let all_formations = formations(ds, rules);
        let formation: Vec<Formation> = scoped
            .cols
            .iter()
            .map(|&s| {
                all_formations
                    .get(&(ds.slot_unit_idx(s), ds.slot_position_idx(s)))
                    .copied()
                    .unwrap_or_default()
            })
            .collect();
        let sf: Vec<SlotFeatures> = scoped
            .cols
            .iter()
            .zip(&formation)
            .map(|(&s, f)| SlotFeatures::new(ds, s, f, date, rules))
            .collect();
        let fill = seat_values(&sf, &formation, &scoped.holder_row, req.weights.fill);
        let tenure_months: Vec<i32> = scoped
            .rows
            .iter()
            .map(|&e| {
                ds.employees()[e as usize]
                    .current
                    .as_ref()
                    .map_or(0, |c| months_between(c.since, date))
            })
            .collect();
        let due: Vec<bool> = tenure_months
            .iter()
            .zip(&scoped.rows)
            .map(|(&m, &e)| m >= rules.tenure_max_years as i32 * 12 && rotation_applies(ds, e))
            .collect();
        let gate = SchoolGate::new(ds, &scoped.rows, date);
        Features {
            scorer,
            ef,
            pf,
            sf,
            formation,
            fill,
            tenure_months,
            due,
            gate,
        }
    }
}

/// Seat values: the seats of a formation are ranked, held seats first, then open ones (each by
/// index); seat k is worth `fill × clamp(kebutuhan − k, 0, 1)`. Filling the lowest-ranked seats
/// of a formation with `b` people is then worth exactly `fill × min(b, kebutuhan)`, i.e.
/// `fill × (kebutuhan − shortage)`: the objective sees the shortage itself, also when several
/// people move in or out of one formation, and seats beyond the need are worth nothing (no
/// overfilling).
fn seat_values(
    sf: &[SlotFeatures],
    formation: &[Formation],
    holder_row: &[u32],
    fill_weight: f64,
) -> Vec<f64> {
    let mut by_formation: BTreeMap<(u32, u32), Vec<u32>> = BTreeMap::new();
    for (c, f) in sf.iter().enumerate() {
        by_formation
            .entry((f.unit, f.position))
            .or_default()
            .push(c as u32);
    }
    let mut fill = vec![0.0; sf.len()];
    for seats in by_formation.values_mut() {
        seats.sort_by_key(|&c| (holder_row[c as usize] == NONE, c));
        for (k, &c) in seats.iter().enumerate() {
            let need = formation[c as usize].kebutuhan;
            fill[c as usize] = fill_weight * (need - k as f64).clamp(0.0, 1.0);
        }
    }
    fill
}

/// The planner's decisions as the model's constraints: which rows are fixed (and why), which
/// columns and pairs are excluded.
pub(crate) struct Constraints {
    pub fixed: Vec<Fixed>,
    pub excluded_col: Vec<bool>,
    pub excluded_pair: HashSet<(u32, u32)>,
}

impl Constraints {
    /// The rows fixed by the rules, then the planner's locks, exclusions and forced moves.
    pub(crate) fn new(
        ds: &Dataset,
        req: &PlanRequest,
        scoped: &Scoped,
        features: &Features,
    ) -> Result<Self, PlanError> {
        let mut fixed: Vec<Fixed> = (0..scoped.rows.len())
            .map(|r| {
                let c = scoped.own[r] as usize;
                let sf = &features.sf[c];
                if features.ef[r].self_blocked {
                    Fixed::SelfBlocked
                } else if features.pf[sf.position as usize].frozen || sf.protected {
                    Fixed::PostFrozen
                } else {
                    Fixed::Free
                }
            })
            .collect();
        for nip in &req.locks {
            if let (_, Some(r)) = scoped.row(ds, nip)? {
                fixed[r as usize] = Fixed::Planner;
            }
        }
        let mut this = Constraints {
            fixed,
            excluded_col: vec![false; scoped.cols.len()],
            excluded_pair: HashSet::new(),
        };
        this.exclude(ds, req, scoped)?;
        let forced_into = this.force(ds, req, scoped)?;
        this.check_forced_holders(ds, req, scoped, &forced_into)?;
        Ok(this)
    }

    /// The planner's exclusions: a pair, a slot, or every slot of a unit's subtree.
    fn exclude(
        &mut self,
        ds: &Dataset,
        req: &PlanRequest,
        scoped: &Scoped,
    ) -> Result<(), PlanError> {
        for x in &req.exclusions {
            match x {
                Exclusion::Pair { nip, slot } => {
                    let ((_, r), (_, c)) = (scoped.row(ds, nip)?, scoped.col(ds, slot)?);
                    if let (Some(r), true) = (r, c != NONE) {
                        self.excluded_pair.insert((r, c));
                    }
                }
                Exclusion::Slot { slot } => {
                    let (_, c) = scoped.col(ds, slot)?;
                    if c != NONE {
                        self.excluded_col[c as usize] = true;
                    }
                }
                Exclusion::Unit { unit } => {
                    let top = ds.unit_idx(unit).ok_or_else(|| PlanError::UnknownUnit {
                        unit: unit.to_string(),
                    })?;
                    let mask = subtree_mask(ds, top);
                    for (c, &s) in scoped.cols.iter().enumerate() {
                        if mask[ds.slot_unit_idx(s) as usize] {
                            self.excluded_col[c] = true;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The forced moves: each must be legal on its own, and conflicts (two into one slot, a
    /// locked or twice-forced employee, an excluded target) are named. Returns the forced
    /// request of each target column.
    fn force(
        &mut self,
        ds: &Dataset,
        req: &PlanRequest,
        scoped: &Scoped,
    ) -> Result<HashMap<u32, usize>, PlanError> {
        let mut forced_into: HashMap<u32, usize> = HashMap::new();
        for (k, fm) in req.forced.iter().enumerate() {
            let constraint = || forced(fm);
            let ((e, r), (s, c)) = (scoped.row(ds, &fm.nip)?, scoped.col(ds, &fm.slot)?);
            let Some(r) = r else {
                return Err(PlanError::unsat(
                    constraint(),
                    format!("{} holds no post in the scope", fm.nip),
                ));
            };
            if c == NONE {
                return Err(PlanError::unsat(
                    constraint(),
                    format!("slot {} is outside the scope", fm.slot),
                ));
            }
            if c == scoped.own[r as usize] {
                self.fixed[r as usize] = Fixed::Planner;
                continue;
            }
            if let Some(other) = forced_into.insert(c, k) {
                return Err(PlanError::unsat(
                    constraint(),
                    format!(
                        "{} is also forced into slot {}",
                        req.forced[other].nip, fm.slot
                    ),
                ));
            }
            let verdicts = eligibility(ds, e, s, req.date, ds.rules());
            let hard: Vec<String> = verdicts
                .hard_failures()
                .map(|v| format!("{} ({}): {}", v.rule.title().en, v.regulation, v.reason.en))
                .collect();
            if !hard.is_empty() {
                return Err(PlanError::unsat(constraint(), hard.join("; ")));
            }
            match self.fixed[r as usize] {
                Fixed::Planner => {
                    return Err(PlanError::unsat(
                        Constraint::Lock {
                            nip: fm.nip.to_string(),
                        },
                        format!(
                            "{} is both locked and forced to move to {}",
                            fm.nip, fm.slot
                        ),
                    ))
                }
                Fixed::Forced(_) => {
                    return Err(PlanError::unsat(
                        constraint(),
                        format!("{} has more than one forced move", fm.nip),
                    ))
                }
                _ => {}
            }
            if self.excluded_col[c as usize] || self.excluded_pair.contains(&(r, c)) {
                return Err(PlanError::unsat(
                    Constraint::Exclusion {
                        what: fm.slot.to_string(),
                    },
                    format!(
                        "the forced move of {} goes to an excluded slot {}",
                        fm.nip, fm.slot
                    ),
                ));
            }
            self.fixed[r as usize] = Fixed::Forced(c);
        }
        Ok(forced_into)
    }

    /// A forced move into a slot whose holder must stay cannot happen.
    fn check_forced_holders(
        &self,
        ds: &Dataset,
        req: &PlanRequest,
        scoped: &Scoped,
        forced_into: &HashMap<u32, usize>,
    ) -> Result<(), PlanError> {
        let mut forced_cols: Vec<(usize, u32)> =
            forced_into.iter().map(|(&c, &k)| (k, c)).collect();
        forced_cols.sort_unstable();
        for (k, c) in forced_cols {
            let h = scoped.holder_row[c as usize];
            if h != NONE && self.fixed[h as usize].stays() {
                let fm = &req.forced[k];
                let holder = &ds.employees()[scoped.rows[h as usize] as usize];
                let why = match self.fixed[h as usize] {
                    Fixed::Planner => "is locked by the planner",
                    Fixed::SelfBlocked => "cannot move under a hard rule (sanction, CPNS, tenure, retirement or JPT protection)",
                    _ => "holds a frozen or protected post",
                };
                return Err(PlanError::unsat(
                    forced(fm),
                    format!(
                        "the holder of {}, {} ({}), {why}",
                        fm.slot, holder.name, holder.nip
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// The constraint a forced move names in a conflict.
fn forced(fm: &ForcedMove) -> Constraint {
    Constraint::Forced {
        nip: fm.nip.to_string(),
        slot: fm.slot.to_string(),
    }
}
