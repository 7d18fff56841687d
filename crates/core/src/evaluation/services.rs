//! The same question for service units (puskesmas, RSUD, service offices): did the units that
//! got a new head serve better than comparable units whose head did not change? Outcomes are
//! the service indicators of the `capaian` sheet (IKM, complaints, service time; see
//! [`Indicator::is_school`]); everything else is [`super::evaluate`]'s.
//!
//! - **Service units**: the units, other than schools, that have outcomes of the indicator.
//! - **Their head**: the holder of the unit's kepala puskesmas post, or else of its top
//!   structural post (the lowest eselon; e.g. an RSUD's director).
//! - **Treated**: a unit whose current definitive head started within the observed years; first
//!   treated year = the year after the TMT (the head's first full year).
//! - **Comparison**: units whose head started before the first observed year, or after the last
//!   one (no change in any year seen).
//! - **Left out**: units led by an acting head (Plt) or with the post vacant, and units without
//!   a head post.
//!
//! Only the current head's TMT is known, as for schools: a unit with two changes in the window
//! counts from the latest.
//!
//! **Treatment choice** ([`super::Treatment`]): the new head above, or new staff —
//! [`service_staff_evidence`], the units where a share of the current staff started in one year
//! (the rule in [`super::staff`]).

use super::estimate::{evaluate, Outcome};
use super::naive::{naive_before_after, NaiveBeforeAfter};
use super::panel::{outcome_panel, outcome_years, span, unit_mean, Panel, PanelError, Time};
use super::verdict::{verdict, Verdict};
use crate::model::{HoldKind, Indicator, OutcomeRecord, UnitId, UnitKind};
use crate::rules::EvaluationRules;
use crate::Dataset;
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// A service unit's current head, as the evaluation sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceHead {
    /// The unit.
    pub unit: UnitId,
    /// Its name.
    pub unit_name: String,
    /// The head's name (`None`: acting, vacant, or no head post).
    pub head: Option<String>,
    /// TMT of the definitive head.
    pub since: Option<NaiveDate>,
}

impl ServiceHead {
    /// The first outcome year under this head (the year after the TMT).
    pub fn first_year(&self) -> Option<Time> {
        self.since.map(|d| d.year() + 1)
    }
}

/// The role of a service unit in the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceRole {
    /// Its head changed within the observed years.
    Treated,
    /// Its head did not change in the observed years.
    Comparison,
    /// Led by an acting head, vacant, or without a head post (left out).
    NoDefinitive,
}

/// The units other than schools with outcomes of `indicator`, each with its head.
pub fn service_heads(
    ds: &Dataset,
    outcomes: &[OutcomeRecord],
    indicator: Indicator,
) -> Vec<ServiceHead> {
    let with_outcomes: BTreeSet<&str> = outcomes
        .iter()
        .filter(|o| o.indicator == indicator)
        .map(|o| o.unit.as_str())
        .collect();
    let head = crate::query::head_slots(ds.slots(), |k| ds.slot_position(k as u32));
    ds.units()
        .iter()
        .filter(|u| !matches!(u.kind, UnitKind::SdNegeri | UnitKind::SmpNegeri))
        .filter(|u| with_outcomes.contains(u.id.as_str()))
        .map(|u| {
            let holder = head
                .get(u.id.as_str())
                .and_then(|&k| ds.slots()[k].holder.as_ref())
                .filter(|h| h.kind == HoldKind::Definitive)
                .and_then(|h| Some((ds.employee(h.nip.as_ref()?)?, h.since)));
            ServiceHead {
                unit: u.id.clone(),
                unit_name: u.name.clone(),
                head: holder.map(|(e, _)| e.name.clone()),
                since: holder.map(|(_, s)| s),
            }
        })
        .collect()
}

/// The role of `h` when the observed years run from `first` to `last`.
fn role(h: &ServiceHead, first: Time, last: Time) -> ServiceRole {
    match h.first_year() {
        None => ServiceRole::NoDefinitive,
        Some(y) if y <= first || y > last => ServiceRole::Comparison,
        Some(_) => ServiceRole::Treated,
    }
}

/// The panel of `indicator` over the service units (module docs: treated, comparison, left
/// out).
pub fn service_panel(
    ds: &Dataset,
    outcomes: &[OutcomeRecord],
    indicator: Indicator,
) -> Result<Panel, PanelError> {
    let years = outcome_years(outcomes, indicator);
    let (first, last) = span(&years);
    let design: BTreeMap<String, Option<Time>> = service_heads(ds, outcomes, indicator)
        .into_iter()
        .filter_map(|h| match role(&h, first, last) {
            ServiceRole::Treated => Some((h.unit.to_string(), h.first_year())),
            ServiceRole::Comparison => Some((h.unit.to_string(), None)),
            ServiceRole::NoDefinitive => None,
        })
        .collect();
    outcome_panel(outcomes, indicator, years, |unit| design.get(unit).copied())
}

/// One service unit whose head changed, with its indicator before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceRow {
    /// The unit.
    pub unit: UnitId,
    /// Its name.
    pub name: String,
    /// The head's name.
    pub head: Option<String>,
    /// The head's TMT.
    pub since: Option<NaiveDate>,
    /// Mean of the indicator over the observed years before the head's first year.
    pub before: Option<f64>,
    /// Mean from that year on.
    pub after: Option<f64>,
}

/// What the Dampak screen shows for a question about units (service units under a new head,
/// schools or service units under new staff), with one `R` per unit that got the change.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitEvidence<R> {
    /// The indicator.
    pub indicator: Indicator,
    /// The difference-in-differences, or why there is none.
    pub outcome: Outcome,
    /// The plain answer (lower is better for complaints and service time).
    pub verdict: Verdict,
    /// The naive before/after of the treated units (shown only next to the estimate).
    pub naive: Option<NaiveBeforeAfter>,
    /// The units that got the change within the observed years, latest first.
    pub changes: Vec<R>,
    /// Units in the comparison group.
    pub comparison_units: usize,
    /// Units left out (for a new head: acting head, vacant, no head post).
    pub left_out: usize,
    /// The observed years.
    pub years: Vec<Time>,
}

impl<R> UnitEvidence<R> {
    /// The evidence of `panel`'s `outcome`: its verdict and naive before/after follow from them.
    pub(crate) fn of(
        indicator: Indicator,
        panel: &Panel,
        outcome: Outcome,
        changes: Vec<R>,
        (comparison_units, left_out): (usize, usize),
    ) -> Self {
        Self {
            indicator,
            verdict: verdict(&outcome, indicator.direction()),
            naive: naive_before_after(panel),
            outcome,
            changes,
            comparison_units,
            left_out,
            years: panel.periods().to_vec(),
        }
    }
}

/// What the Dampak screen shows for one service indicator under a new head.
pub type ServiceEvidence = UnitEvidence<ServiceRow>;

/// [`ServiceEvidence`] of `indicator` for the service units of `ds`.
pub fn service_evidence(
    ds: &Dataset,
    outcomes: &[OutcomeRecord],
    indicator: Indicator,
    rules: &EvaluationRules,
) -> Result<ServiceEvidence, PanelError> {
    let panel = service_panel(ds, outcomes, indicator)?;
    let outcome = evaluate(&panel, rules);
    let (first, last) = span(panel.periods());
    let mean = |unit: &UnitId, keep: &dyn Fn(Time) -> bool| {
        unit_mean(outcomes, indicator, unit.as_str(), keep)
    };
    let (mut comparison_units, mut left_out) = (0, 0);
    let mut changes = Vec::new();
    for h in service_heads(ds, outcomes, indicator) {
        match role(&h, first, last) {
            ServiceRole::Comparison => comparison_units += 1,
            ServiceRole::NoDefinitive => left_out += 1,
            ServiceRole::Treated => {
                let y = h.first_year().unwrap_or_default();
                changes.push(ServiceRow {
                    before: mean(&h.unit, &|t| t < y),
                    after: mean(&h.unit, &|t| t >= y),
                    unit: h.unit,
                    name: h.unit_name,
                    head: h.head,
                    since: h.since,
                });
            }
        }
    }
    changes.sort_by(|a, b| b.since.cmp(&a.since).then(a.name.cmp(&b.name)));
    Ok(ServiceEvidence::of(
        indicator,
        &panel,
        outcome,
        changes,
        (comparison_units, left_out),
    ))
}

/// The same service units with the second treatment, new staff (the rule in [`super::staff`]).
pub fn service_staff_evidence(
    ds: &Dataset,
    outcomes: &[OutcomeRecord],
    indicator: Indicator,
    rules: &EvaluationRules,
) -> Result<super::staff::StaffEvidence, PanelError> {
    super::staff::staff_evidence(
        ds,
        outcomes,
        indicator,
        super::staff::Scope::Services,
        rules,
    )
}
