//! The seed's question for Dinas Pendidikan: did schools whose principal changed to one with a
//! strong educational background do better? This module turns the dataset's principals and the
//! schools' outcomes into a [`Panel`] for [`super::evaluate`].
//!
//! - **Treated**: an SD/SMP Negeri whose current definitive principal has a strong background
//!   ([`strong_background`]); first treated year = the year after the principal's TMT (a
//!   principal who starts in April 2023 first shapes the assessment of late 2023, reported in
//!   the Rapor Pendidikan of 2024).
//! - **Comparison**: schools whose current definitive principal, without that background,
//!   started before the first observed year (no change of principal in the window), or whose
//!   new principal's first year is after the last observed one (untreated in every year seen).
//! - **Left out**: schools led by an acting principal (Plt) or vacant, and schools whose
//!   principal changed within the window to one without the background (another treatment).
//!
//! Only the current principal's TMT is known per school (the history keeps past posts without
//! dates), so a school with two changes in the window counts from the latest.
//!
//! **Treatment choice** ([`super::Treatment`]): the new head above, or new staff —
//! [`school_staff_evidence`], the units where a share of the current staff started in one year
//! (the rule in [`super::staff`]).

use super::panel::{outcome_panel, outcome_years, span, Panel, PanelError, Time};
use crate::model::{Employee, HoldKind, Indicator, OutcomeRecord, UnitId, UnitKind};
use crate::rules::EvaluationRules;
use crate::Dataset;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Whether `e` has a strong educational background: a degree of at least
/// `strong_education_min` in `strong_education_field`.
pub fn strong_background(e: &Employee, rules: &EvaluationRules) -> bool {
    e.education
        .iter()
        .any(|d| d.level >= rules.strong_education_min && d.field == rules.strong_education_field)
}

/// A school's current principal, as the evaluation sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolPrincipal {
    /// The school.
    pub school: UnitId,
    /// The school's name.
    pub school_name: String,
    /// The principal's name (`None`: acting or vacant).
    pub principal: Option<String>,
    /// TMT of the definitive principal.
    pub since: Option<NaiveDate>,
    /// The principal has a strong educational background.
    pub strong: bool,
}

impl SchoolPrincipal {
    /// The first outcome year under this principal (the year after the TMT).
    pub fn first_year(&self) -> Option<Time> {
        self.since.map(|d| d.year() + 1)
    }
}

/// Every SD/SMP Negeri with its definitive principal (if any), in dataset order.
pub fn school_principals(ds: &Dataset, rules: &EvaluationRules) -> Vec<SchoolPrincipal> {
    let mut by_school: BTreeMap<&str, (Option<&Employee>, Option<NaiveDate>)> = BTreeMap::new();
    for (k, slot) in ds.slots().iter().enumerate() {
        if !ds.slot_position(k as u32).is_principal() {
            continue;
        }
        let definitive = slot
            .holder
            .as_ref()
            .filter(|h| h.kind == HoldKind::Definitive)
            .and_then(|h| Some((ds.employee(h.nip.as_ref()?)?, h.since)));
        let entry = by_school.entry(slot.unit.as_str()).or_default();
        if let Some((e, since)) = definitive {
            *entry = (Some(e), Some(since));
        }
    }
    ds.units()
        .iter()
        .filter(|u| matches!(u.kind, UnitKind::SdNegeri | UnitKind::SmpNegeri))
        .map(|u| {
            let (e, since) = by_school.get(u.id.as_str()).copied().unwrap_or_default();
            SchoolPrincipal {
                school: u.id.clone(),
                school_name: u.name.clone(),
                principal: e.map(|e| e.name.clone()),
                since,
                strong: e.is_some_and(|e| strong_background(e, rules)),
            }
        })
        .collect()
}

/// The panel of `indicator` over the schools (module docs: treated, comparison, left out).
pub fn school_panel(
    ds: &Dataset,
    outcomes: &[OutcomeRecord],
    indicator: Indicator,
    rules: &EvaluationRules,
) -> Result<Panel, PanelError> {
    let years = outcome_years(outcomes, indicator);
    let (first, last) = span(&years);
    let principals = school_principals(ds, rules);
    let design: BTreeMap<&str, Option<Time>> = principals
        .iter()
        .filter_map(|p| {
            let year = p.first_year()?;
            match (p.strong, year <= first || year > last) {
                (true, _) => Some((p.school.as_str(), Some(year))),
                (false, true) => Some((p.school.as_str(), None)),
                (false, false) => None,
            }
        })
        .collect();
    outcome_panel(outcomes, indicator, years, |unit| design.get(unit).copied())
}

/// The same schools with the second treatment, new staff (the rule in [`super::staff`]).
pub fn school_staff_evidence(
    ds: &Dataset,
    outcomes: &[OutcomeRecord],
    indicator: Indicator,
    rules: &EvaluationRules,
) -> Result<super::staff::StaffEvidence, PanelError> {
    super::staff::staff_evidence(ds, outcomes, indicator, super::staff::Scope::Schools, rules)
}
