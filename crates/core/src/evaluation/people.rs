//! The same question for people: did the employees who were moved perform better afterwards
//! than the employees who were due for rotation but stayed? The outcome is each employee's SKP
//! predikat per year, scored on the rule set's 0–100 scale ([`crate::rules::RuleSet::predikat_score`],
//! the 9-box's kinerja scale); everything else is [`super::evaluate`]'s.
//!
//! - **Treated (moved)**: the employee's current post started within the observed SKP years and
//!   the employee held another post before it (a move, not a first appointment); first treated
//!   year = the year after the TMT (the first full year in the new post).
//! - **Comparison (due, not moved)**: in the same post since before the first observed year,
//!   and in it for at least `tenure_max_years` by the end of the last observed year: due for
//!   rotation, and not rotated.
//! - **Left out**: teachers and principals (their moves follow their schools' need, not the
//!   rotation rule), employees without a post, first appointments, and those neither moved in
//!   the window nor due.
//!
//! Beside it, [`super::rater`]: the moved against the due-not-moved whose rater changed, so the
//! new rater that comes with every move is on both sides.

use super::estimate::{evaluate, Outcome};
use super::naive::{naive_before_after, NaiveBeforeAfter};
use super::panel::{span, Panel, PanelError, PanelUnit, Time};
use super::rater::{rater_change, rater_comparison, RaterComparison};
use super::verdict::{verdict, Direction, Verdict};
use crate::rules::RuleSet;
use crate::Dataset;
use chrono::Datelike;
use std::collections::BTreeSet;

/// The role of an employee in the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonRole {
    /// Moved within the observed years.
    Moved,
    /// Due for rotation, not moved.
    DueNotMoved,
}

/// The SKP years observed in `ds`.
fn skp_years(ds: &Dataset) -> Vec<Time> {
    let years: BTreeSet<Time> = ds
        .employees()
        .iter()
        .flat_map(|e| e.skp.iter().map(|r| i32::from(r.year)))
        .collect();
    years.into_iter().collect()
}

/// Each employee's role and first treated year, in dataset order (left-out employees skipped).
fn design(
    ds: &Dataset,
    rules: &RuleSet,
    first: Time,
    last: Time,
) -> Vec<(usize, PersonRole, Option<Time>)> {
    let due_years = i32::from(rules.tenure_max_years);
    ds.employees()
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let slot = ds.employee_slot(ds.employee_idx(&e.nip)?)?;
            if ds.slot_position(slot).is_guru() {
                return None;
            }
            let since = e.current.as_ref()?.since.year();
            let start = since + 1;
            if first < start && start <= last && !e.history.is_empty() {
                Some((i, PersonRole::Moved, Some(start)))
            } else if since < first && last - since >= due_years {
                Some((i, PersonRole::DueNotMoved, None))
            } else {
                None
            }
        })
        .collect()
}

/// One employee of the design with its SKP scores.
#[derive(Debug, Clone)]
pub(super) struct Person {
    /// The NIP.
    pub id: String,
    /// The score of each observed year.
    pub values: Vec<Option<f64>>,
    /// The first treated year (moved), `None` for due and not moved.
    pub first_treated: Option<Time>,
    /// The first year rated by a new rater, if recorded ([`rater_change`]).
    pub rater_change: Option<Time>,
}

/// The observed SKP years and the employees of the design.
fn people(ds: &Dataset, rules: &RuleSet) -> (Vec<Time>, Vec<Person>) {
    let years = skp_years(ds);
    let (first, last) = span(&years);
    let people = design(ds, rules, first, last)
        .into_iter()
        .map(|(i, _, first_treated)| {
            let e = &ds.employees()[i];
            let mut values = vec![None; years.len()];
            for r in &e.skp {
                if let Ok(k) = years.binary_search(&i32::from(r.year)) {
                    values[k] = Some(rules.predikat_score.get(r.predikat));
                }
            }
            Person {
                id: e.nip.to_string(),
                values,
                first_treated,
                rater_change: rater_change(e, first, last),
            }
        })
        .collect();
    (years, people)
}

/// The panel of SKP scores: moved employees against employees due for rotation and not moved.
pub fn people_panel(ds: &Dataset, rules: &RuleSet) -> Result<Panel, PanelError> {
    let (years, people) = people(ds, rules);
    panel_of(years, &people)
}

fn panel_of(years: Vec<Time>, people: &[Person]) -> Result<Panel, PanelError> {
    let units = people
        .iter()
        .map(|p| PanelUnit {
            id: p.id.clone(),
            first_treated: p.first_treated,
            values: p.values.clone(),
        })
        .collect();
    Panel::new(years, units)
}

/// What the Dampak screen shows for people.
#[derive(Debug, Clone, PartialEq)]
pub struct PeopleEvidence {
    /// The difference-in-differences, or why there is none.
    pub outcome: Outcome,
    /// The plain answer.
    pub verdict: Verdict,
    /// The naive before/after of the moved employees (shown only next to the estimate).
    pub naive: Option<NaiveBeforeAfter>,
    /// Employees moved within the observed years.
    pub moved: usize,
    /// Employees due for rotation and not moved (the comparison group).
    pub due_not_moved: usize,
    /// The observed SKP years.
    pub years: Vec<Time>,
    /// The second comparison: against the due-not-moved whose rater changed.
    pub rater: RaterComparison,
}

/// [`PeopleEvidence`] for the employees of `ds` (settings from `rules.evaluation`).
pub fn people_evidence(ds: &Dataset, rules: &RuleSet) -> Result<PeopleEvidence, PanelError> {
    let (years, people) = people(ds, rules);
    let panel = panel_of(years.clone(), &people)?;
    let outcome = evaluate(&panel, &rules.evaluation);
    let moved = people.iter().filter(|p| p.first_treated.is_some()).count();
    let due_not_moved = people.len() - moved;
    let rater = rater_comparison(&years, people, rules)?;
    Ok(PeopleEvidence {
        verdict: verdict(&outcome, Direction::HigherIsBetter),
        naive: naive_before_after(&panel),
        outcome,
        moved,
        due_not_moved,
        years,
        rater,
    })
}
