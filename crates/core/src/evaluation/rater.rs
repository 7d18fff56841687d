//! The people's second comparison: the rater. A moved employee always gets a new rater (pejabat
//! penilai kinerja), so a change in SKP after a move mixes the move with the new rater's
//! standard. This comparison sets the moved employees against employees due for rotation who
//! stayed **but whose rater changed** within the observed years (a rater change without a
//! move), each lined up at its own change:
//!
//! - **A rater change** is the first observed year whose known rater differs from the known
//!   rater of the year before ([`rater_change`]). A year without a known rater is no change
//!   (records from before raters were kept).
//! - **Moved**: as in [`super::people`], lined up at their own rater change when it is
//!   recorded, else at their first treated year (the year after the TMT).
//! - **Comparison**: due, not moved, with a rater change; lined up at it.
//! - **Stacked in event time**: each value is first taken relative to the mean of its calendar
//!   year over both groups (what moved every score that year), then placed at e = year − the
//!   employee's own year of change. In that panel every moved employee is treated at e = 0 and
//!   the comparison employees are untreated, so [`super::evaluate`] compares "a move with a new
//!   rater" against "a new rater alone": what a new rater does on its own cancels.
//!
//! The minimums, the interval and the pre-trend check are [`super::evaluate`]'s.

use super::estimate::{evaluate, Outcome};
use super::panel::{Panel, PanelError, PanelUnit, Time};
use super::verdict::{verdict, Direction, Verdict};
use crate::model::Employee;
use crate::rules::RuleSet;
use std::collections::BTreeMap;

/// The first year in (`first`, `last`] whose known rater differs from the known rater of the
/// year before it, if any.
pub fn rater_change(e: &Employee, first: Time, last: Time) -> Option<Time> {
    let raters: BTreeMap<Time, _> = e
        .skp
        .iter()
        .filter_map(|r| Some((i32::from(r.year), r.rater.as_ref()?)))
        .collect();
    raters
        .iter()
        .zip(raters.iter().skip(1))
        .find(|((y0, a), (y1, b))| **y1 == **y0 + 1 && a != b && first < **y1 && **y1 <= last)
        .map(|(_, (y, _))| *y)
}

/// The rater comparison's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct RaterComparison {
    /// The difference-in-differences in event time, or why there is none.
    pub outcome: Outcome,
    /// The plain answer.
    pub verdict: Verdict,
    /// Moved employees in the panel.
    pub moved: usize,
    /// Employees due, not moved, whose rater changed (the comparison group).
    pub rater_changed: usize,
}

/// The stacked panel of SKP scores (module docs) from each employee's scores by year
/// (`scores[i][k]` for `years[k]`) and their year of change: `Some(g)` moved (first treated
/// year), `None` paired with `Some(r)` a rater change at r.
pub(super) fn stacked_panel(
    years: &[Time],
    units: &[(String, Vec<Option<f64>>, Time, bool)],
) -> Result<Panel, PanelError> {
    let means: Vec<Option<f64>> = (0..years.len())
        .map(|k| {
            let v: Vec<f64> = units.iter().filter_map(|u| u.1[k]).collect();
            (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
        })
        .collect();
    let (Some(&first), Some(&last)) = (years.first(), years.last()) else {
        return Err(PanelError::NoPeriods);
    };
    let lo = units.iter().map(|u| first - u.2).min().unwrap_or(0).min(-1);
    let hi = units.iter().map(|u| last - u.2).max().unwrap_or(0).max(0);
    let periods: Vec<Time> = (lo..=hi).collect();
    let panel_units = units
        .iter()
        .map(|(id, values, anchor, moved)| {
            let mut v = vec![None; periods.len()];
            for (k, y) in years.iter().enumerate() {
                if let (Some(x), Some(m)) = (values[k], means[k]) {
                    v[(y - anchor - lo) as usize] = Some(x - m);
                }
            }
            PanelUnit {
                id: id.clone(),
                first_treated: moved.then_some(0),
                values: v,
            }
        })
        .collect();
    Panel::new(periods, panel_units)
}

/// [`RaterComparison`] from the people's design: each employee with its scores, its first
/// treated year if moved, and its year of rater change if recorded.
pub(super) fn rater_comparison(
    years: &[Time],
    people: Vec<(String, Vec<Option<f64>>, Option<Time>, Option<Time>)>,
    rules: &RuleSet,
) -> Result<RaterComparison, PanelError> {
    let units: Vec<_> = people
        .into_iter()
        .filter_map(|(id, v, moved, change)| match (moved, change) {
            (Some(g), _) => Some((id, v, change.unwrap_or(g), true)),
            (None, Some(r)) => Some((id, v, r, false)),
            (None, None) => None,
        })
        .collect();
    let moved = units.iter().filter(|u| u.3).count();
    let panel = stacked_panel(years, &units)?;
    let outcome = evaluate(&panel, &rules.evaluation);
    Ok(RaterComparison {
        verdict: verdict(&outcome, Direction::HigherIsBetter),
        outcome,
        moved,
        rater_changed: units.len() - moved,
    })
}
