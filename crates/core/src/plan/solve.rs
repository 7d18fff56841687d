//! Solving the plan's assignment problem under the planner's side constraints.
//!
//! The core is one exact sparse assignment (see [`crate::lap`]): every employee in scope gets
//! exactly one slot among their candidates, maximising the summed edge values. Three controls
//! are not assignment constraints and are handled around it:
//!
//! - **Maximum moves** by Lagrangian relaxation: every move's value is lowered by a penalty λ,
//!   and λ is bisected (in 1/1000 fit point steps) for the smallest value whose optimum makes at
//!   most `max_moves` moves. The result is exactly optimal among plans with at most as many
//!   moves as it makes; when ties or the integrality of moves make it stop short of the limit
//!   (moves(λ) can jump over `max_moves`), the rest of the budget is used by a repair (the plan
//!   just below λ, with its lowest-gain movers locked until it fits), kept if better. Either
//!   way the plan is within `gap_bound` of the true optimum under the limit, where
//!   `gap_bound = value(x_λ) + λ × (max_moves − moves(x_λ)) − value(plan)` comes from Lagrangian
//!   duality (`x_λ` is the exact optimum at penalty λ), and is reported.
//! - **Per-unit outflow limits and minimum staffing** by repair: after a solve, the excess
//!   leavers of a violating unit with the smallest gains are locked in place and the problem is
//!   solved again, until no unit is violated. This always terminates (each round locks someone)
//!   and always satisfies the limits, but it is a heuristic: the certificate proves each solve
//!   optimal for its locks, not the locks optimal.
//! - **School heads** by the same repair: a plan that leaves a school with neither a principal
//!   nor an acting one names a Plt from its teachers (`heads`); when nobody there can act, the
//!   mover who empties the post is locked in place and the problem solved again.

use super::error::{Constraint, PlanError};
use super::graph::{subtree_mask, Fixed, Model};
use super::heads::{heads, ActingHead, Heads};
use crate::lap::{verify, LapError, SparseProblem};
use crate::model::HoldKind;

/// Fit points are scaled to integers with this factor (costs are exact `i64`).
pub(crate) const SCALE: f64 = 1000.0;

/// The outcome of [`solve`].
pub(crate) struct Solution {
    /// Column of each row.
    pub col_of_row: Vec<u32>,
    /// The move penalty λ in fit points (0 without a move limit).
    pub lambda: f64,
    /// Upper bound of the loss against the true optimum under the move limit.
    pub gap_bound: f64,
    /// Assignment problems solved.
    pub solves: u32,
    /// Rows locked by the repair of unit limits.
    pub repair_locked: Vec<u32>,
    /// Rows kept in place because they would leave a school nobody there can head.
    pub head_locked: Vec<u32>,
    /// Acting principals named for schools the plan leaves without a head.
    pub acting: Vec<ActingHead>,
    /// Edges in the (last) assignment problem.
    pub edges: usize,
}

fn scaled(v: f64) -> i64 {
    (v * SCALE).round() as i64
}

/// One exact solve with move penalty `lambda` (scaled) and extra locks; the answer is verified
/// from its duals before it is used.
fn solve_once(m: &Model, lambda: i64, locked: &[bool]) -> Result<(Vec<u32>, usize), PlanError> {
    let n = m.rows.len();
    let mut row_start = Vec::with_capacity(n + 1);
    let mut col_idx = Vec::with_capacity(m.edge_col.len());
    let mut costs = Vec::with_capacity(m.edge_col.len());
    row_start.push(0);
    for (r, &lock) in locked.iter().enumerate() {
        let own = m.own[r];
        let free = m.fixed[r] == Fixed::Free;
        for (c, value, _) in m.edges(r) {
            if lock && c != own {
                continue;
            }
            let penalty = if free && c != own { lambda } else { 0 };
            col_idx.push(c);
            costs.push(penalty - scaled(value));
        }
        row_start.push(col_idx.len());
    }
    let edges = col_idx.len();
    let p = SparseProblem::from_csr(m.cols.len(), row_start, col_idx, costs)
        .map_err(PlanError::solver)?;
    let a = match p.solve() {
        Ok(a) => a,
        Err(LapError::Infeasible { rows, cols, .. }) => return Err(hall_error(m, &rows, &cols)),
        Err(e) => return Err(PlanError::solver(e)),
    };
    verify(&p, &a).map_err(PlanError::solver)?;
    let cols = a
        .row_to_col
        .iter()
        .map(|c| c.expect("a sparse solution assigns every row") as u32)
        .collect();
    Ok((cols, edges))
}

/// Explains a Hall violator: the rows in it compete for too few slots, and at least one of them
/// is forced (every other row has its own slot).
fn hall_error(m: &Model, rows: &[usize], cols: &[usize]) -> PlanError {
    let emp = |r: usize| &m.ds.employees()[m.rows[r] as usize];
    let forced = rows.iter().find_map(|&r| match m.fixed[r] {
        Fixed::Forced(c) => Some((r, c)),
        _ => None,
    });
    let names: Vec<String> = rows
        .iter()
        .map(|&r| format!("{} ({})", emp(r).name, emp(r).nip))
        .collect();
    let slots: Vec<String> = cols
        .iter()
        .map(|&c| m.ds.slots()[m.cols[c] as usize].id.to_string())
        .collect();
    let reason = format!(
        "{} employees can only go to {} slots between them: {} → {}",
        rows.len(),
        cols.len(),
        names.join(", "),
        if slots.is_empty() {
            "none".to_string()
        } else {
            slots.join(", ")
        }
    );
    match forced {
        Some((r, c)) => PlanError::unsat(
            Constraint::Forced {
                nip: emp(r).nip.to_string(),
                slot: m.ds.slots()[m.cols[c as usize] as usize].id.to_string(),
            },
            reason,
        ),
        None => PlanError::unsat(Constraint::Scope, reason),
    }
}

fn count_moves(m: &Model, cols: &[u32]) -> u32 {
    cols.iter().zip(&m.own).filter(|(a, b)| a != b).count() as u32
}

/// Solve with the move limit (bisection on λ) for the given locks.
fn solve_limited(
    m: &Model,
    locked: &[bool],
    solves: &mut u32,
) -> Result<(Vec<u32>, f64, f64, usize), PlanError> {
    *solves += 1;
    let (cols, edges) = solve_once(m, 0, locked)?;
    let Some(limit) = m.req.max_moves else {
        return Ok((cols, 0.0, 0.0, edges));
    };
    if count_moves(m, &cols) <= limit {
        return Ok((cols, 0.0, 0.0, edges));
    }
    // Above the largest single-row gain, no voluntary move pays off.
    let mut max_gain: f64 = 0.0;
    for r in 0..m.rows.len() {
        let own = m.own[r];
        let stay = stay_value(m, r);
        for (c, v, _) in m.edges(r) {
            if c != own {
                max_gain = max_gain.max(v - stay);
            }
        }
    }
    let hi = scaled(max_gain) + 1;
    *solves += 1;
    let (at_hi_cols, edges_hi) = solve_once(m, hi, locked)?;
    let at_hi = count_moves(m, &at_hi_cols);
    if at_hi > limit {
        return Err(PlanError::unsat(
            Constraint::MaxMoves { limit },
            format!("the forced moves and the chains they start need {at_hi} moves"),
        ));
    }
    let (hi, mut best, lo, lo_cols) = bisect(m, limit, locked, 0, cols, hi, at_hi_cols, solves)?;
    let lambda = hi as f64 / SCALE;
    // Lagrangian bound: for any plan x with at most `limit` moves,
    // value(x) ≤ value(best) − λ·moves(best) + λ·limit.
    let bound = value(m, &best) + lambda * (limit - count_moves(m, &best)) as f64;
    // When the penalty jumps over the limit (moves(best) < limit), use the rest of the budget:
    // from the plan just below the penalty, lock its lowest-gain movers until it fits, then
    // lower the penalty again as far as the limit allows with those locks; keep the result if
    // it beats `best`.
    if count_moves(m, &best) < limit {
        let mut locks = locked.to_vec();
        let mut cols = lo_cols;
        for _ in 0..16 {
            let excess = count_moves(m, &cols).saturating_sub(limit);
            if excess == 0 {
                break;
            }
            let mut movers: Vec<(f64, usize)> = (0..m.rows.len())
                .filter(|&r| cols[r] != m.own[r] && m.fixed[r] == Fixed::Free)
                .map(|r| (edge_value(m, r, cols[r]) - stay_value(m, r), r))
                .collect();
            if movers.is_empty() {
                break;
            }
            movers.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            // One at a time near the limit (a lock can undo a whole chain), faster far from it.
            for &(_, r) in movers.iter().take((excess as usize).div_ceil(3)) {
                locks[r] = true;
            }
            *solves += 1;
            cols = solve_once(m, lo, &locks)?.0;
        }
        if count_moves(m, &cols) <= limit {
            *solves += 1;
            let (at_zero, _) = solve_once(m, 0, &locks)?;
            let (_, repaired, _, _) = bisect(m, limit, &locks, 0, at_zero, lo, cols, solves)?;
            if value(m, &repaired) > value(m, &best) {
                best = repaired;
            }
        }
    }
    let gap = (bound - value(m, &best)).max(0.0);
    Ok((best, lambda, gap, edges_hi))
}

/// Bisection on the move penalty between `lo` (whose plan `lo_cols` may exceed `limit`) and `hi`
/// (whose plan `hi_cols` does not), to 1/100 of a fit point. Returns the final `hi` with its plan
/// and the final `lo` with its plan.
#[allow(clippy::too_many_arguments)]
fn bisect(
    m: &Model,
    limit: u32,
    locks: &[bool],
    mut lo: i64,
    mut lo_cols: Vec<u32>,
    mut hi: i64,
    mut hi_cols: Vec<u32>,
    solves: &mut u32,
) -> Result<(i64, Vec<u32>, i64, Vec<u32>), PlanError> {
    if count_moves(m, &lo_cols) <= limit {
        return Ok((lo, lo_cols.clone(), lo, lo_cols));
    }
    while hi - lo > 10 {
        let mid = lo + (hi - lo) / 2;
        *solves += 1;
        let (cols, _) = solve_once(m, mid, locks)?;
        if count_moves(m, &cols) <= limit {
            hi = mid;
            hi_cols = cols;
        } else {
            lo = mid;
            lo_cols = cols;
        }
    }
    Ok((hi, hi_cols, lo, lo_cols))
}

/// Objective value of row `r` in column `c` (an edge).
fn edge_value(m: &Model, r: usize, c: u32) -> f64 {
    m.edges(r).find(|e| e.0 == c).map_or(0.0, |e| e.1)
}

/// Objective value of row `r` staying (its first edge is the own slot, or its forced move).
fn stay_value(m: &Model, r: usize) -> f64 {
    edge_value(m, r, m.own[r])
}

/// Objective value of an assignment.
fn value(m: &Model, cols: &[u32]) -> f64 {
    cols.iter()
        .enumerate()
        .map(|(r, &c)| edge_value(m, r, c))
        .sum()
}

/// Headcount of every unit subtree named in a limit, before the plan.
fn headcount_before(m: &Model, mask: &[bool]) -> u32 {
    m.ds.slots()
        .iter()
        .enumerate()
        .filter(|(s, slot)| {
            mask[m.ds.slot_unit_idx(*s as u32) as usize]
                && matches!(&slot.holder, Some(h) if h.kind == HoldKind::Definitive)
        })
        .count() as u32
}

/// Solve under every control.
pub(crate) fn solve(m: &Model) -> Result<Solution, PlanError> {
    let n = m.rows.len();
    let col_unit = |c: u32| m.ds.slot_unit_idx(m.cols[c as usize]) as usize;
    // Resolve the unit limits once: (constraint, mask, kind, number).
    enum Kind {
        Outflow(u32),
        MinStaff(u32),
    }
    let mut limits: Vec<(Constraint, Vec<bool>, Kind)> = Vec::new();
    for l in &m.req.max_outflow {
        let top =
            m.ds.unit_idx(&l.unit)
                .ok_or_else(|| PlanError::UnknownUnit {
                    unit: l.unit.to_string(),
                })?;
        limits.push((
            Constraint::MaxOutflow {
                unit: l.unit.to_string(),
                limit: l.limit,
            },
            subtree_mask(m.ds, top),
            Kind::Outflow(l.limit),
        ));
    }
    for l in &m.req.min_staff {
        let top =
            m.ds.unit_idx(&l.unit)
                .ok_or_else(|| PlanError::UnknownUnit {
                    unit: l.unit.to_string(),
                })?;
        let mask = subtree_mask(m.ds, top);
        let floor = l.limit.min(headcount_before(m, &mask));
        limits.push((
            Constraint::MinStaff {
                unit: l.unit.to_string(),
                min: l.limit,
            },
            mask,
            Kind::MinStaff(floor),
        ));
    }
    if let Some(limit) = m.req.max_moves {
        let forced = m
            .fixed
            .iter()
            .filter(|f| matches!(f, Fixed::Forced(_)))
            .count() as u32;
        if forced > limit {
            return Err(PlanError::unsat(
                Constraint::MaxMoves { limit },
                format!("{forced} moves are forced"),
            ));
        }
    }

    let mut locked = vec![false; n];
    let mut head_locked: Vec<u32> = Vec::new();
    let mut solves = 0;
    loop {
        let (cols, lambda, gap_bound, edges) = solve_limited(m, &locked, &mut solves)?;
        let mut violated = false;
        for (constraint, mask, kind) in &limits {
            // Leavers: rows whose own slot is inside and whose new slot is outside.
            let mut leavers: Vec<(f64, usize)> = Vec::new();
            let mut arrivals = 0u32;
            for r in 0..n {
                let (from_in, to_in) = (mask[col_unit(m.own[r])], mask[col_unit(cols[r])]);
                if from_in && !to_in {
                    leavers.push((edge_value(m, r, cols[r]) - stay_value(m, r), r));
                } else if !from_in && to_in {
                    arrivals += 1;
                }
            }
            let out = leavers.len() as u32;
            let excess = match *kind {
                Kind::Outflow(limit) => out.saturating_sub(limit),
                Kind::MinStaff(floor) => {
                    let before = headcount_before(m, mask);
                    floor.saturating_sub(before + arrivals - out.min(before + arrivals))
                }
            };
            if excess == 0 {
                continue;
            }
            violated = true;
            leavers.retain(|&(_, r)| !matches!(m.fixed[r], Fixed::Forced(_)));
            if leavers.is_empty() {
                return Err(PlanError::unsat(
                    constraint.clone(),
                    format!("forced moves alone take {out} people out, {excess} too many"),
                ));
            }
            leavers.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            for &(_, r) in leavers.iter().take(excess as usize) {
                locked[r] = true;
            }
        }
        if violated {
            continue;
        }
        // No school left without a head: name a Plt, or keep the mover in place.
        let acting = match heads(m, &cols) {
            Heads::Named(acting) => acting,
            Heads::Refuse(rows) => {
                for r in rows {
                    locked[r as usize] = true;
                    head_locked.push(r);
                }
                continue;
            }
        };
        let mut repair_locked: Vec<u32> = (0..n as u32)
            .filter(|&r| locked[r as usize] && !head_locked.contains(&r))
            .collect();
        repair_locked.sort_unstable();
        head_locked.sort_unstable();
        return Ok(Solution {
            col_of_row: cols,
            lambda,
            gap_bound,
            solves,
            repair_locked,
            head_locked,
            acting,
            edges,
        });
    }
}
