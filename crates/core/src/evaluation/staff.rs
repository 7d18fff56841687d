//! The second treatment of schools and service units: **new staff** rather than a new head.
//! Did units where many of the staff are new do better than units whose staff stayed?
//!
//! - **Staff**: a unit's current definitive post holders, the head included.
//! - **Treated**: the first observed year y in which at least `new_staff_share` (0.25) of them
//!   started their post (TMT in y); first treated year = y + 1, the first full year with them.
//! - **Comparison**: units where no observed year reached that share.
//! - **Left out**: units without definitive staff, and units that reached the share only in
//!   the last observed year (no outcome after the change, and not unchanged either).
//!
//! Only the current staff's TMT are known: someone who came and left within the years is not
//! seen, and a unit whose staff changed before the first observed year is a comparison unit.
//! Which units are asked about is the caller's ([`Scope`]): SD/SMP Negeri, or the service units
//! with outcomes of the indicator (`super::services`). The rest is [`super::evaluate`]'s.

use super::estimate::evaluate;
use super::panel::{outcome_panel, outcome_years, unit_mean, PanelError, Time};
use crate::model::{HoldKind, Indicator, OutcomeRecord, UnitId, UnitKind};
use crate::rules::EvaluationRules;
use crate::Dataset;
use chrono::Datelike;
use std::collections::{BTreeMap, BTreeSet};

/// What counts as the change a unit got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Treatment {
    /// A new head (a principal with a strong background for schools, any new head for service
    /// units).
    #[default]
    NewHead,
    /// New staff: a share of the current staff started in one year (module docs).
    NewStaff,
}

/// The units a question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// SD and SMP Negeri.
    Schools,
    /// Units other than schools.
    Services,
}

impl Scope {
    fn covers(self, kind: UnitKind) -> bool {
        let school = matches!(kind, UnitKind::SdNegeri | UnitKind::SmpNegeri);
        school == (self == Scope::Schools)
    }
}

/// A unit's staff as the new-staff treatment sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffChange {
    /// The unit.
    pub unit: UnitId,
    /// Its name.
    pub name: String,
    /// Its current definitive staff.
    pub staff: usize,
    /// The first observed year in which the share was reached, with that share.
    pub year: Option<(Time, f64)>,
}

/// The role of a unit in the new-staff comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffRole {
    /// New staff in an observed year before the last.
    Treated(Time),
    /// No observed year reached the share.
    Comparison,
    /// Left out: the share was reached only in the last observed year, or no definitive staff.
    LeftOut,
}

impl StaffChange {
    /// The unit's role when the observed years end with `last`.
    pub fn role(&self, last: Time) -> StaffRole {
        match self.year {
            _ if self.staff == 0 => StaffRole::LeftOut,
            None => StaffRole::Comparison,
            Some((y, _)) if y < last => StaffRole::Treated(y + 1),
            Some(_) => StaffRole::LeftOut,
        }
    }
}

/// The units of `scope` with outcomes of `indicator`, each with its staff and the first year of
/// `years` in which at least `share` of them started their post.
pub fn staff_changes(
    ds: &Dataset,
    outcomes: &[OutcomeRecord],
    indicator: Indicator,
    scope: Scope,
    years: &[Time],
    share: f64,
) -> Vec<StaffChange> {
    let with_outcomes: BTreeSet<&str> = outcomes
        .iter()
        .filter(|o| o.indicator == indicator)
        .map(|o| o.unit.as_str())
        .collect();
    let mut started: BTreeMap<&str, Vec<Time>> = BTreeMap::new();
    for slot in ds.slots() {
        if let Some(h) = slot
            .holder
            .as_ref()
            .filter(|h| h.kind == HoldKind::Definitive)
        {
            started
                .entry(slot.unit.as_str())
                .or_default()
                .push(h.since.year());
        }
    }
    ds.units()
        .iter()
        .filter(|u| scope.covers(u.kind) && with_outcomes.contains(u.id.as_str()))
        .map(|u| {
            let tmt = started.get(u.id.as_str()).map_or(&[][..], Vec::as_slice);
            let staff = tmt.len();
            let year = years.iter().find_map(|&y| {
                let s = tmt.iter().filter(|&&t| t == y).count() as f64 / staff.max(1) as f64;
                (staff > 0 && s >= share).then_some((y, s))
            });
            StaffChange {
                unit: u.id.clone(),
                name: u.name.clone(),
                staff,
                year,
            }
        })
        .collect()
}

/// One unit with new staff, with its indicator before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffRow {
    /// The unit.
    pub unit: UnitId,
    /// Its name.
    pub name: String,
    /// Its current definitive staff.
    pub staff: usize,
    /// The year the share was reached.
    pub year: Time,
    /// The share of the staff who started that year.
    pub share: f64,
    /// Mean of the indicator over the observed years up to that year.
    pub before: Option<f64>,
    /// Mean from the first treated year on.
    pub after: Option<f64>,
}

/// What the Dampak screen shows for one indicator under the new-staff treatment.
pub type StaffEvidence = super::services::UnitEvidence<StaffRow>;

/// [`StaffEvidence`] of `indicator` for the units of `scope` in `ds`.
pub fn staff_evidence(
    ds: &Dataset,
    outcomes: &[OutcomeRecord],
    indicator: Indicator,
    scope: Scope,
    rules: &EvaluationRules,
) -> Result<StaffEvidence, PanelError> {
    let years = outcome_years(outcomes, indicator);
    let last = years.last().copied().unwrap_or_default();
    let units = staff_changes(
        ds,
        outcomes,
        indicator,
        scope,
        &years,
        rules.new_staff_share,
    );
    let design: BTreeMap<&str, Option<Time>> = units
        .iter()
        .filter_map(|u| match u.role(last) {
            StaffRole::Treated(g) => Some((u.unit.as_str(), Some(g))),
            StaffRole::Comparison => Some((u.unit.as_str(), None)),
            StaffRole::LeftOut => None,
        })
        .collect();
    let panel = outcome_panel(outcomes, indicator, years, |unit| design.get(unit).copied())?;
    let outcome = evaluate(&panel, rules);
    let mean = |unit: &UnitId, keep: &dyn Fn(Time) -> bool| {
        unit_mean(outcomes, indicator, unit.as_str(), keep)
    };
    let (mut comparison_units, mut left_out) = (0, 0);
    let mut changes = Vec::new();
    for u in units {
        match (u.role(last), u.year) {
            (StaffRole::Treated(g), Some((year, share))) => changes.push(StaffRow {
                before: mean(&u.unit, &|t| t < g),
                after: mean(&u.unit, &|t| t >= g),
                unit: u.unit,
                name: u.name,
                staff: u.staff,
                year,
                share,
            }),
            (StaffRole::Comparison, _) => comparison_units += 1,
            _ => left_out += 1,
        }
    }
    changes.sort_by(|a, b| b.year.cmp(&a.year).then(a.name.cmp(&b.name)));
    Ok(StaffEvidence::of(
        indicator,
        &panel,
        outcome,
        changes,
        (comparison_units, left_out),
    ))
}
