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
use super::people::Person;
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

/// An employee of the stacked panel: its scores by year, lined up at `anchor`.
struct Stacked {
    person: Person,
    anchor: Time,
    moved: bool,
}

/// The stacked panel of SKP scores (module docs): each value relative to its year's mean over
/// `units`, at e = year − the unit's anchor; the moved treated at e = 0.
fn stacked_panel(years: &[Time], units: &[Stacked]) -> Result<Panel, PanelError> {
    let means: Vec<Option<f64>> = (0..years.len())
        .map(|k| {
            let v: Vec<f64> = units.iter().filter_map(|u| u.person.values[k]).collect();
            (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
        })
        .collect();
    let (Some(&first), Some(&last)) = (years.first(), years.last()) else {
        return Err(PanelError::NoPeriods);
    };
    let lo = units
        .iter()
        .map(|u| first - u.anchor)
        .min()
        .unwrap_or(0)
        .min(-1);
    let hi = units
        .iter()
        .map(|u| last - u.anchor)
        .max()
        .unwrap_or(0)
        .max(0);
    let periods: Vec<Time> = (lo..=hi).collect();
    let panel_units = units
        .iter()
        .map(|u| {
            let mut v = vec![None; periods.len()];
            for (k, y) in years.iter().enumerate() {
                if let (Some(x), Some(m)) = (u.person.values[k], means[k]) {
                    v[(y - u.anchor - lo) as usize] = Some(x - m);
                }
            }
            PanelUnit {
                id: u.person.id.clone(),
                first_treated: u.moved.then_some(0),
                values: v,
            }
        })
        .collect();
    Panel::new(periods, panel_units)
}

/// [`RaterComparison`] of the people's design: the moved against the due-not-moved whose
/// rater changed.
pub(super) fn rater_comparison(
    years: &[Time],
    people: Vec<Person>,
    rules: &RuleSet,
) -> Result<RaterComparison, PanelError> {
    let units: Vec<Stacked> = people
        .into_iter()
        .filter_map(|person| {
            let (anchor, moved) = match (person.first_treated, person.rater_change) {
                (Some(g), change) => (change.unwrap_or(g), true),
                (None, Some(r)) => (r, false),
                (None, None) => return None,
            };
            Some(Stacked {
                person,
                anchor,
                moved,
            })
        })
        .collect();
    let moved = units.iter().filter(|u| u.moved).count();
    let panel = stacked_panel(years, &units)?;
    let outcome = evaluate(&panel, &rules.evaluation);
    Ok(RaterComparison {
        verdict: verdict(&outcome, Direction::HigherIsBetter),
        outcome,
        moved,
        rater_changed: units.len() - moved,
    })
}
