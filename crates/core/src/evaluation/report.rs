//! What the Dampak screen shows for the seed's question, computed once here so the screen only
//! renders it ([`school_evidence`]): the evaluation, its verdict, the naive before/after
//! (labelled as such on screen) and one row per school whose principal changed.

use super::estimate::{evaluate, Outcome};
use super::naive::{naive_before_after, NaiveBeforeAfter};
use super::panel::{span, unit_mean, PanelError};
use super::schools::{school_panel, school_principals};
use super::verdict::{verdict, Verdict};
use crate::model::{Indicator, OutcomeRecord, UnitId};
use crate::rules::EvaluationRules;
use crate::Dataset;
use chrono::NaiveDate;

/// The role of a school in the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchoolRole {
    /// Its principal changed to one with a strong educational background.
    Treated,
    /// Its principal did not change in the observed years (or changed after the last one).
    Comparison,
    /// Its principal changed to one without that background (another change: left out).
    OtherChange,
    /// Led by an acting principal or vacant (left out).
    NoDefinitive,
}

/// One school's principal and its indicator before and after the change.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolRow {
    /// The school.
    pub school: UnitId,
    /// Its name.
    pub name: String,
    /// The principal's name.
    pub principal: Option<String>,
    /// The principal's TMT.
    pub since: Option<NaiveDate>,
    /// The principal has a strong educational background.
    pub strong: bool,
    /// The school's role.
    pub role: SchoolRole,
    /// Mean of the indicator over the observed years before the first year under the
    /// principal (`None`: none observed, or no change in the window).
    pub before: Option<f64>,
    /// Mean over the observed years from that year on.
    pub after: Option<f64>,
}

/// Everything the screen shows for one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolEvidence {
    /// The indicator.
    pub indicator: Indicator,
    /// The difference-in-differences, or why there is none.
    pub outcome: Outcome,
    /// The plain answer.
    pub verdict: Verdict,
    /// The naive before/after of the treated schools (shown only next to the estimate).
    pub naive: Option<NaiveBeforeAfter>,
    /// Schools whose principal changed within the observed years, latest change first.
    pub changes: Vec<SchoolRow>,
    /// Schools in the comparison group.
    pub comparison_schools: usize,
    /// The observed years.
    pub years: Vec<i32>,
}

/// [`SchoolEvidence`] of `indicator` for the schools of `ds`.
pub fn school_evidence(
    ds: &Dataset,
    outcomes: &[OutcomeRecord],
    indicator: Indicator,
    rules: &EvaluationRules,
) -> Result<SchoolEvidence, PanelError> {
    let panel = school_panel(ds, outcomes, indicator, rules)?;
    let outcome = evaluate(&panel, rules);
    let years = panel.periods().to_vec();
    let (first, last) = span(&years);
    let values = |school: &UnitId, keep: &dyn Fn(i32) -> bool| {
        unit_mean(outcomes, indicator, school.as_str(), keep)
    };
    let mut comparison_schools = 0;
    let mut changes: Vec<SchoolRow> = Vec::new();
    for p in school_principals(ds, rules) {
        let start = p.first_year();
        let role = match (start, p.strong) {
            (None, _) => SchoolRole::NoDefinitive,
            // Not observed under the new principal yet: untreated in every observed year.
            (Some(y), _) if y > last => SchoolRole::Comparison,
            (Some(_), true) => SchoolRole::Treated,
            (Some(y), false) if y <= first => SchoolRole::Comparison,
            (Some(_), false) => SchoolRole::OtherChange,
        };
        let in_window = start.is_some_and(|y| y > first);
        if role == SchoolRole::Comparison {
            comparison_schools += 1;
        }
        if !in_window {
            continue;
        }
        let y = start.unwrap_or_default();
        changes.push(SchoolRow {
            before: values(&p.school, &|t| t < y),
            after: values(&p.school, &|t| t >= y),
            school: p.school,
            name: p.school_name,
            principal: p.principal,
            since: p.since,
            strong: p.strong,
            role,
        });
    }
    changes.sort_by(|a, b| b.since.cmp(&a.since).then(a.name.cmp(&b.name)));
    Ok(SchoolEvidence {
        indicator,
        verdict: verdict(&outcome, indicator.direction()),
        naive: naive_before_after(&panel),
        outcome,
        changes,
        comparison_schools,
        years,
    })
}
