//! Group-time average treatment effects, ATT(g, t) (Callaway and Sant'Anna 2021): for the units
//! first treated at period g, the change of the outcome from the base period g − 1 to period t,
//! minus the same change for the comparison units. With t ≥ g it estimates the effect of the
//! treatment t − g periods after it; with t < g − 1 it should be about 0 when treated and
//! comparison units moved in parallel before the treatment (the pre-trend check). One base
//! period for every t of a cohort (a "universal" base) keeps the event study readable: the
//! point at e = −1 is 0 by construction.

use super::panel::{Cohort, Panel};
use crate::rules::ComparisonGroup;

/// One estimated ATT(g, t) with its influence on each unit, for the bootstrap.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    /// Index of the cohort's first treated period.
    pub cohort: usize,
    /// Index of the period compared with the base period (cohort − 1).
    pub period: usize,
    /// The estimate.
    pub att: f64,
    /// Treated and comparison units that had both values.
    pub treated_n: usize,
    pub comparison_n: usize,
    /// (unit index, influence): the estimate minus its mean over resamples is
    /// Σ influence × multiplier; centred within each group and scaled by √(n/(n−1)), so the
    /// multiplier bootstrap reproduces the unbiased variance of a difference of two means.
    pub influence: Vec<(usize, f64)>,
}

impl Cell {
    /// Periods since treatment (negative before it).
    pub fn event_time(&self) -> i32 {
        self.period as i32 - self.cohort as i32
    }
}

/// Whether unit `j`, of cohort `c`, is a comparison unit for cohort `g` at period `t`.
fn compares(c: Cohort, g: usize, t: usize, group: ComparisonGroup) -> bool {
    match (c, group) {
        (Cohort::Never, _) => true,
        (Cohort::At(cj), ComparisonGroup::NotYetTreated) => cj != g && cj > t.max(g - 1),
        _ => false,
    }
}

/// Every ATT(g, t) of the cohorts `cohorts` (indices ≥ 1) with at least two treated and two
/// comparison units having both values; t runs over every period except the base g − 1.
pub(crate) fn cells(panel: &Panel, cohorts: &[usize], group: ComparisonGroup) -> Vec<Cell> {
    let n = panel.units().len();
    let of: Vec<Cohort> = (0..n).map(|i| panel.cohort(i)).collect();
    let mut out = Vec::new();
    for &g in cohorts {
        let base = g - 1;
        for t in (0..panel.periods().len()).filter(|t| *t != base) {
            let change = |i: usize| Some(panel.value(i, t)? - panel.value(i, base)?);
            let treated: Vec<(usize, f64)> = (0..n)
                .filter(|i| of[*i] == Cohort::At(g))
                .filter_map(|i| Some((i, change(i)?)))
                .collect();
            let comparison: Vec<(usize, f64)> = (0..n)
                .filter(|j| compares(of[*j], g, t, group))
                .filter_map(|j| Some((j, change(j)?)))
                .collect();
            if treated.len() < 2 || comparison.len() < 2 {
                continue;
            }
            let (mt, it) = centred(&treated, 1.0);
            let (mc, ic) = centred(&comparison, -1.0);
            out.push(Cell {
                cohort: g,
                period: t,
                att: mt - mc,
                treated_n: treated.len(),
                comparison_n: comparison.len(),
                influence: it.into_iter().chain(ic).collect(),
            });
        }
    }
    out
}

/// The mean of `xs` and each unit's influence on it, signed by `sign`.
fn centred(xs: &[(usize, f64)], sign: f64) -> (f64, Vec<(usize, f64)>) {
    let n = xs.len() as f64;
    let mean = xs.iter().map(|x| x.1).sum::<f64>() / n;
    let scale = sign * (n / (n - 1.0)).sqrt() / n;
    (
        mean,
        xs.iter().map(|&(i, x)| (i, scale * (x - mean))).collect(),
    )
}
