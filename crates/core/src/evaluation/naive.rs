//! The naive before/after comparison, kept only to be shown **next to** the proper estimate,
//! labelled "perbandingan sederhana (tanpa kelompok pembanding)": the mean change of the
//! treated units from the period before their treatment to the first treated period. It has no
//! comparison group, so it also counts whatever changed for everybody (a city-wide trend) and,
//! when units were looked at because of a bad or good year, regression to the mean.

use super::panel::{Cohort, Panel};

/// The naive figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NaiveBeforeAfter {
    /// Mean of (first treated period − period before) over the treated units observed in both.
    pub mean_change: f64,
    /// Units counted.
    pub units: usize,
    /// Of them, units whose value went up.
    pub increased: usize,
    /// Of them, units whose value went down.
    pub decreased: usize,
}

/// The naive before/after of every treated unit with a period before its treatment; `None`
/// when there is none.
pub fn naive_before_after(panel: &Panel) -> Option<NaiveBeforeAfter> {
    let changes: Vec<f64> = (0..panel.units().len())
        .filter_map(|i| match panel.cohort(i) {
            Cohort::At(g) => Some(panel.value(i, g)? - panel.value(i, g - 1)?),
            _ => None,
        })
        .collect();
    if changes.is_empty() {
        return None;
    }
    Some(NaiveBeforeAfter {
        mean_change: changes.iter().sum::<f64>() / changes.len() as f64,
        units: changes.len(),
        increased: changes.iter().filter(|c| **c > 0.0).count(),
        decreased: changes.iter().filter(|c| **c < 0.0).count(),
    })
}
