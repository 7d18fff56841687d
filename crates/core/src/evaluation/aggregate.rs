//! Aggregating ATT(g, t) into the figures shown: one overall effect and one effect per event
//! time e = t − g. Cohorts are weighted by their size (treated units), the weights being taken
//! as known (they are counts of the data, not estimates that vary between resamples).
//!
//! - Overall: θ = Σ_g w_g θ_g with θ_g the mean of ATT(g, t) over the cohort's periods t ≥ g
//!   and w_g ∝ the cohort's size (Callaway–Sant'Anna's "group" aggregation: each cohort counts
//!   by its size, not by how many periods it happens to be observed after treatment).
//! - Event time: θ(e) = Σ_g w_g ATT(g, g + e) over the cohorts observed at g + e, w_g ∝ size.

use super::att::Cell;
use std::collections::BTreeMap;

/// An aggregated parameter: its value and each unit's influence (sparse, by unit index).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Param {
    pub value: f64,
    pub influence: Vec<(usize, f64)>,
}

impl Param {
    /// The standard error: √Σ influence², the deviation of the multiplier bootstrap.
    pub fn se(&self) -> f64 {
        self.influence.iter().map(|x| x.1 * x.1).sum::<f64>().sqrt()
    }

    /// One cell as a parameter.
    pub fn of_cell(c: &Cell) -> Self {
        Self {
            value: c.att,
            influence: c.influence.clone(),
        }
    }
}

/// Σ weight × cell, with the influences summed per unit (a unit's draws are shared across
/// cells: the bootstrap resamples units, not observations).
fn combine(parts: &[(&Cell, f64)]) -> Param {
    let mut inf: BTreeMap<usize, f64> = BTreeMap::new();
    let mut value = 0.0;
    for (c, w) in parts {
        value += w * c.att;
        for &(i, f) in &c.influence {
            *inf.entry(i).or_default() += w * f;
        }
    }
    Param {
        value,
        influence: inf.into_iter().collect(),
    }
}

/// The overall effect over the post-treatment cells, `size(g)` the cohort's size.
pub(crate) fn overall(cells: &[Cell], size: impl Fn(usize) -> usize) -> Option<Param> {
    let mut by_cohort: BTreeMap<usize, Vec<&Cell>> = BTreeMap::new();
    for c in cells.iter().filter(|c| c.event_time() >= 0) {
        by_cohort.entry(c.cohort).or_default().push(c);
    }
    let total: usize = by_cohort.keys().map(|g| size(*g)).sum();
    if total == 0 {
        return None;
    }
    let parts: Vec<(&Cell, f64)> = by_cohort
        .iter()
        .flat_map(|(g, cs)| {
            let w = size(*g) as f64 / total as f64 / cs.len() as f64;
            cs.iter().map(move |c| (*c, w))
        })
        .collect();
    Some(combine(&parts))
}

/// The effect at each event time with the number of cohorts behind it, by event time.
pub(crate) fn by_event_time(
    cells: &[Cell],
    size: impl Fn(usize) -> usize,
) -> Vec<(i32, usize, Param)> {
    let mut by_e: BTreeMap<i32, Vec<&Cell>> = BTreeMap::new();
    for c in cells {
        by_e.entry(c.event_time()).or_default().push(c);
    }
    by_e.into_iter()
        .filter_map(|(e, cs)| {
            let total: usize = cs.iter().map(|c| size(c.cohort)).sum();
            (total > 0).then(|| {
                let parts: Vec<(&Cell, f64)> = cs
                    .iter()
                    .map(|c| (*c, size(c.cohort) as f64 / total as f64))
                    .collect();
                (e, cs.len(), combine(&parts))
            })
        })
        .collect()
}
