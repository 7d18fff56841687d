//! The input of an evaluation: a [`Panel`] of one outcome observed for many units over the same
//! periods, with each unit's first treated period (its cohort) or none.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{Indicator, OutcomeRecord};

/// A period label, e.g. a year (2024). Periods are ordered; an event time counts observed
/// periods, so yearly data gives "years since the move".
pub type Time = i32;

/// One unit's series.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelUnit {
    /// The unit's id (a school's NPSN, a unit id).
    pub id: String,
    /// The first period observed under treatment (e.g. the first school year with the new
    /// principal), or `None` when never treated.
    pub first_treated: Option<Time>,
    /// One value per period of the panel, `None` where not observed.
    pub values: Vec<Option<f64>>,
}

/// A panel that cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PanelError {
    /// No periods at all.
    #[error("tidak ada periode / no periods")]
    NoPeriods,
    /// The periods are not strictly increasing.
    #[error("periode harus naik tanpa duplikat / periods must increase without duplicates")]
    PeriodsNotIncreasing,
    /// A unit's series does not have one value per period.
    #[error("{unit}: {have} nilai untuk {want} periode / {have} values for {want} periods")]
    Length {
        /// The unit.
        unit: String,
        /// Values given.
        have: usize,
        /// Periods in the panel.
        want: usize,
    },
    /// A value is NaN or infinite.
    #[error("{unit} {period}: nilai bukan angka / value is not a finite number")]
    NotFinite {
        /// The unit.
        unit: String,
        /// The period.
        period: Time,
    },
    /// Two units share an id, or a unit has two values for one period.
    #[error("{0}: ganda / duplicate")]
    Duplicate(String),
}

/// Units × periods of one outcome, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    periods: Vec<Time>,
    units: Vec<PanelUnit>,
}

impl Panel {
    /// A panel from its periods (strictly increasing) and units (one value slot per period).
    pub fn new(periods: Vec<Time>, units: Vec<PanelUnit>) -> Result<Self, PanelError> {
        if periods.is_empty() {
            return Err(PanelError::NoPeriods);
        }
        if periods.windows(2).any(|w| w[0] >= w[1]) {
            return Err(PanelError::PeriodsNotIncreasing);
        }
        let mut seen = BTreeSet::new();
        for u in &units {
            if !seen.insert(u.id.as_str()) {
                return Err(PanelError::Duplicate(u.id.clone()));
            }
            if u.values.len() != periods.len() {
                return Err(PanelError::Length {
                    unit: u.id.clone(),
                    have: u.values.len(),
                    want: periods.len(),
                });
            }
            if let Some(k) = u
                .values
                .iter()
                .position(|v| v.is_some_and(|v| !v.is_finite()))
            {
                return Err(PanelError::NotFinite {
                    unit: u.id.clone(),
                    period: periods[k],
                });
            }
        }
        Ok(Self { periods, units })
    }

    /// A panel from (unit, period, value) observations; the periods are those observed, the
    /// units appear in order of first observation, `first_treated` gives each unit's cohort.
    pub fn from_observations(
        observations: impl IntoIterator<Item = (String, Time, f64)>,
        first_treated: impl Fn(&str) -> Option<Time>,
    ) -> Result<Self, PanelError> {
        let obs: Vec<_> = observations.into_iter().collect();
        let periods: Vec<Time> = obs
            .iter()
            .map(|o| o.1)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut units: Vec<PanelUnit> = Vec::new();
        for (id, t, v) in obs {
            let k = periods.partition_point(|p| *p < t);
            let i = *index.entry(id.clone()).or_insert_with(|| {
                units.push(PanelUnit {
                    first_treated: first_treated(&id),
                    id: id.clone(),
                    values: vec![None; periods.len()],
                });
                units.len() - 1
            });
            if units[i].values[k].replace(v).is_some() {
                return Err(PanelError::Duplicate(format!("{id} {t}")));
            }
        }
        Self::new(periods, units)
    }

    /// The periods, increasing.
    pub fn periods(&self) -> &[Time] {
        &self.periods
    }

    /// The units.
    pub fn units(&self) -> &[PanelUnit] {
        &self.units
    }

    /// The index in [`Self::periods`] of a unit's cohort: the first observed period at or after
    /// its first treated period. `Cohort::Never` when untreated or treated after the last
    /// period (it is untreated throughout the window), `Cohort::Always` when treated at or
    /// before the first period (no period before: it cannot be evaluated nor compared).
    pub fn cohort(&self, unit: usize) -> Cohort {
        match self.units[unit].first_treated {
            None => Cohort::Never,
            Some(g) => match self.periods.partition_point(|p| *p < g) {
                0 => Cohort::Always,
                k if k == self.periods.len() => Cohort::Never,
                k => Cohort::At(k),
            },
        }
    }

    /// The value of unit `unit` at period index `k`.
    pub fn value(&self, unit: usize, k: usize) -> Option<f64> {
        self.units[unit].values[k]
    }
}

/// When a unit is treated, as seen from the panel's periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cohort {
    /// Not treated within the window.
    Never,
    /// Treated from the period at this index (≥ 1).
    At(usize),
    /// Treated from the first period on.
    Always,
}

/// The years with a value of `indicator` in `outcomes`, ascending.
pub fn outcome_years(outcomes: &[OutcomeRecord], indicator: Indicator) -> Vec<Time> {
    let years: BTreeSet<Time> = outcomes
        .iter()
        .filter(|o| o.indicator == indicator)
        .map(|o| o.year)
        .collect();
    years.into_iter().collect()
}

/// The panel of `indicator` over `years`: one unit per unit that `design` places (its first
/// treated year, or `None` for a comparison unit; units it returns `None` for are left out),
/// holding that unit's values.
pub fn outcome_panel(
    outcomes: &[OutcomeRecord],
    indicator: Indicator,
    years: Vec<Time>,
    design: impl Fn(&str) -> Option<Option<Time>>,
) -> Result<Panel, PanelError> {
    let mut units: BTreeMap<&str, PanelUnit> = BTreeMap::new();
    for o in outcomes.iter().filter(|o| o.indicator == indicator) {
        let Some(first_treated) = design(o.unit.as_str()) else {
            continue;
        };
        let u = units.entry(o.unit.as_str()).or_insert_with(|| PanelUnit {
            id: o.unit.to_string(),
            first_treated,
            values: vec![None; years.len()],
        });
        if let Ok(k) = years.binary_search(&o.year) {
            u.values[k] = Some(o.value);
        }
    }
    Panel::new(years, units.into_values().collect())
}

/// The first and last of `years` (0 and 0 when there are none): the window a design reads.
pub fn span(years: &[Time]) -> (Time, Time) {
    (
        years.first().copied().unwrap_or_default(),
        years.last().copied().unwrap_or_default(),
    )
}

/// The mean of `indicator` for `unit` over the years `keep` accepts, if any is observed: a
/// unit's "before" and "after" in the Dampak tables.
pub fn unit_mean(
    outcomes: &[OutcomeRecord],
    indicator: Indicator,
    unit: &str,
    keep: impl Fn(Time) -> bool,
) -> Option<f64> {
    let v: Vec<f64> = outcomes
        .iter()
        .filter(|o| o.indicator == indicator && o.unit.as_str() == unit && keep(o.year))
        .map(|o| o.value)
        .collect();
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}
