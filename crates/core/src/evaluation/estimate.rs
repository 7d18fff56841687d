//! [`evaluate`]: the staggered difference-in-differences of a [`Panel`], or the reason there is
//! not enough data for one ([`Shortfall`]).

use super::aggregate::{self, Param};
use super::att::{self, Cell};
use super::bootstrap;
use super::panel::{Cohort, Panel, Time};
use crate::rules::{ComparisonGroup, EvaluationRules};
use crate::text::Text;
use std::collections::{BTreeMap, BTreeSet};

/// An estimate with its confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// The point estimate.
    pub estimate: f64,
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
    /// Bootstrap standard error.
    pub se: f64,
}

impl Interval {
    /// Whether the interval leaves 0 out (the data show an effect at the chosen confidence).
    pub fn excludes_zero(&self) -> bool {
        self.low > 0.0 || self.high < 0.0
    }
}

/// The effect a number of periods after (or before, when negative) the treatment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EventTime {
    /// Periods since treatment: 0 the first treated period, −1 the base period.
    pub event_time: i32,
    /// The estimate; at the base period exactly 0 with no interval (the reference).
    pub estimate: Interval,
    /// Cohorts observed at this event time.
    pub cohorts: usize,
    /// True for the base period (e = −1), 0 by construction.
    pub base: bool,
}

/// One ATT(g, t).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupTime {
    /// The cohort's first treated period.
    pub cohort: Time,
    /// The period compared with the cohort's base period.
    pub period: Time,
    /// The estimate and interval.
    pub estimate: Interval,
    /// Treated units with both values.
    pub treated: usize,
    /// Comparison units with both values.
    pub comparison: usize,
}

/// The parallel-trends check: before the treatment, treated and comparison units should move
/// alike, so every pre-period estimate (e ≤ −2) should be about 0. Tested jointly (sup-t over
/// the pre-period event times, bootstrap p-value).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PreTrend {
    /// No pre-period differs from 0 beyond chance.
    Parallel {
        /// The joint test's p-value.
        p_value: f64,
        /// Pre-period event times tested.
        periods: usize,
    },
    /// Treated and comparison units already moved apart before the treatment: the estimate
    /// cannot be read as the treatment's effect.
    Diverging {
        /// The joint test's p-value.
        p_value: f64,
        /// The pre-period event time furthest from 0 relative to its standard error.
        worst: i32,
    },
    /// No pre-period besides the base period: the check cannot be made.
    Untestable,
}

/// A cohort taken into the estimate or left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortSummary {
    /// Its first treated period.
    pub first_treated: Time,
    /// Its units.
    pub units: usize,
    /// Observed periods before it (including the base period).
    pub periods_before: usize,
    /// Taken into the estimate.
    pub included: bool,
}

/// A completed evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// The average effect over treated cohorts and their periods after treatment.
    pub overall: Interval,
    /// The event study, by event time, including the base period (e = −1).
    pub event_study: Vec<EventTime>,
    /// Every ATT(g, t).
    pub group_time: Vec<GroupTime>,
    /// The parallel-trends check.
    pub pre_trend: PreTrend,
    /// The comparison group used.
    pub comparison: ComparisonGroup,
    /// Treated units in the included cohorts.
    pub treated_units: usize,
    /// Distinct comparison units used after treatment.
    pub comparison_units: usize,
    /// Every treated cohort, included or not.
    pub cohorts: Vec<CohortSummary>,
    /// Confidence level of the intervals.
    pub confidence: f64,
    /// Bootstrap draws.
    pub draws: u32,
}

/// Why there is no estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortfall {
    /// Too few treated units in cohorts with enough periods before.
    TreatedUnits {
        /// Treated units available.
        have: usize,
        /// Minimum.
        need: usize,
    },
    /// Too few comparison units.
    ComparisonUnits {
        /// Comparison units available.
        have: usize,
        /// Minimum.
        need: usize,
    },
    /// No treated cohort has enough observed periods before its treatment.
    PeriodsBefore {
        /// The most periods before of any cohort.
        have: usize,
        /// Minimum.
        need: usize,
    },
    /// No period after treatment has two treated and two comparison units observed.
    NoPeriodAfter,
}

/// What the units of a panel are, for the sentences about them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Subject {
    /// Schools, puskesmas, service units.
    #[default]
    Units,
    /// Employees (the people's questions).
    People,
}

impl Shortfall {
    /// "belum cukup data: …" / "not enough data: …", about units.
    pub fn text(&self) -> Text {
        self.text_about(Subject::Units)
    }

    /// The same, naming what the panel's units are ("pegawai pembanding" for employees).
    pub fn text_about(&self, subject: Subject) -> Text {
        let (treated, comparison) = match subject {
            Subject::Units => (
                ("unit yang mendapat perubahan", "treated units"),
                ("unit pembanding", "comparison units"),
            ),
            Subject::People => (
                ("pegawai yang dimutasi", "moved employees"),
                ("pegawai pembanding", "comparison employees"),
            ),
        };
        let (id, en) = match *self {
            Self::TreatedUnits { have, need } => (
                format!("{have} {}, minimal {need}", treated.0),
                format!("{have} {}, at least {need} needed", treated.1),
            ),
            Self::ComparisonUnits { have, need } => (
                format!("{have} {}, minimal {need}", comparison.0),
                format!("{have} {}, at least {need} needed", comparison.1),
            ),
            Self::PeriodsBefore { have, need } => (
                format!("{have} periode sebelum perubahan, minimal {need}"),
                format!("{have} periods before the change, at least {need} needed"),
            ),
            Self::NoPeriodAfter => (
                "belum ada periode sesudah perubahan yang teramati".to_string(),
                "no period after the change observed yet".to_string(),
            ),
        };
        Text::new(
            format!("belum cukup data: {id}"),
            format!("not enough data: {en}"),
        )
    }
}

/// An evaluation or why there is none.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The estimate.
    Estimated(Box<Evaluation>),
    /// Not enough data: no number is shown.
    NotEnoughData {
        /// Which minimum is not met.
        reason: Shortfall,
    },
}

impl Outcome {
    /// The evaluation, if any.
    pub fn evaluation(&self) -> Option<&Evaluation> {
        match self {
            Self::Estimated(e) => Some(e),
            Self::NotEnoughData { .. } => None,
        }
    }
}

/// Staggered difference-in-differences of `panel` under `rules` (module docs of
/// [`crate::evaluation`]).
pub fn evaluate(panel: &Panel, rules: &EvaluationRules) -> Outcome {
    let no = |reason| Outcome::NotEnoughData { reason };
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    for i in 0..panel.units().len() {
        if let Cohort::At(g) = panel.cohort(i) {
            *sizes.entry(g).or_default() += 1;
        }
    }
    let need_before = rules.min_periods_before as usize;
    let cohorts: Vec<CohortSummary> = sizes
        .iter()
        .map(|(&g, &n)| CohortSummary {
            first_treated: panel.periods()[g],
            units: n,
            periods_before: g,
            included: g >= need_before,
        })
        .collect();
    let usable: Vec<usize> = sizes
        .keys()
        .copied()
        .filter(|g| *g >= need_before)
        .collect();
    if usable.is_empty() && !sizes.is_empty() {
        return no(Shortfall::PeriodsBefore {
            have: sizes.keys().copied().max().unwrap_or(0),
            need: need_before,
        });
    }
    let treated_units: usize = usable.iter().map(|g| sizes[g]).sum();
    if treated_units < rules.min_treated_units as usize {
        return no(Shortfall::TreatedUnits {
            have: treated_units,
            need: rules.min_treated_units as usize,
        });
    }
    let cells = att::cells(panel, &usable, rules.comparison);
    let post: Vec<&Cell> = cells.iter().filter(|c| c.event_time() >= 0).collect();
    if post.is_empty() {
        // No period after could be compared: for want of comparison units when there are too
        // few of them at all, said so rather than as a missing period.
        let never = (0..panel.units().len())
            .filter(|&i| panel.cohort(i) == Cohort::Never)
            .count();
        if never < rules.min_comparison_units as usize {
            return no(Shortfall::ComparisonUnits {
                have: never,
                need: rules.min_comparison_units as usize,
            });
        }
        return no(Shortfall::NoPeriodAfter);
    }
    let comparison_units = post
        .iter()
        .flat_map(|c| c.influence[c.treated_n..].iter().map(|x| x.0))
        .collect::<BTreeSet<_>>()
        .len();
    if comparison_units < rules.min_comparison_units as usize {
        return no(Shortfall::ComparisonUnits {
            have: comparison_units,
            need: rules.min_comparison_units as usize,
        });
    }
    let size = |g: usize| sizes.get(&g).copied().unwrap_or(0);
    let Some(overall) = aggregate::overall(&cells, size) else {
        return no(Shortfall::NoPeriodAfter);
    };
    let events = aggregate::by_event_time(&cells, size);
    let cell_params: Vec<Param> = cells.iter().map(Param::of_cell).collect();
    let params: Vec<&Param> = std::iter::once(&overall)
        .chain(events.iter().map(|e| &e.2))
        .chain(cell_params.iter())
        .collect();
    let draws = rules.bootstrap_draws.max(1);
    let ids: Vec<&str> = panel.units().iter().map(|u| u.id.as_str()).collect();
    let dev = bootstrap::multiplier(&params, &ids, draws, u64::from(rules.bootstrap_seed));
    let treated: Vec<bool> = (0..panel.units().len())
        .map(|i| matches!(panel.cohort(i), Cohort::At(_)))
        .collect();
    let df: Vec<f64> = params
        .iter()
        .map(|p| bootstrap::welch_df(p, &treated))
        .collect();
    let interval = |k: usize| {
        let p = params[k];
        let h = bootstrap::half_width(&dev[k], rules.confidence, df[k]);
        Interval {
            estimate: p.value,
            low: p.value - h,
            high: p.value + h,
            se: p.se(),
        }
    };
    let mut event_study: Vec<EventTime> = events
        .iter()
        .enumerate()
        .map(|(k, (e, n, _))| EventTime {
            event_time: *e,
            estimate: interval(k + 1),
            cohorts: *n,
            base: false,
        })
        .collect();
    let at = event_study.partition_point(|e| e.event_time < -1);
    event_study.insert(
        at,
        EventTime {
            event_time: -1,
            estimate: Interval {
                estimate: 0.0,
                low: 0.0,
                high: 0.0,
                se: 0.0,
            },
            cohorts: usable.len(),
            base: true,
        },
    );
    let pre: Vec<usize> = (0..events.len()).filter(|k| events[*k].0 <= -2).collect();
    let pre_trend = pre_trend(&pre, &events, &params, &df, &dev, rules.confidence);
    let offset = 1 + events.len();
    let group_time = cells
        .iter()
        .enumerate()
        .map(|(k, c)| GroupTime {
            cohort: panel.periods()[c.cohort],
            period: panel.periods()[c.period],
            estimate: interval(offset + k),
            treated: c.treated_n,
            comparison: c.comparison_n,
        })
        .collect();
    Outcome::Estimated(Box::new(Evaluation {
        overall: interval(0),
        event_study,
        group_time,
        pre_trend,
        comparison: rules.comparison,
        treated_units,
        comparison_units,
        cohorts,
        confidence: rules.confidence,
        draws,
    }))
}

/// The joint pre-trend test over the pre-period event times `pre` (indices into `events`,
/// whose parameters are `params[1 + k]`).
fn pre_trend(
    pre: &[usize],
    events: &[(i32, usize, Param)],
    params: &[&Param],
    df: &[f64],
    dev: &[Vec<f64>],
    confidence: f64,
) -> PreTrend {
    let values: Vec<f64> = pre.iter().map(|k| params[1 + k].value).collect();
    let se: Vec<f64> = pre.iter().map(|k| params[1 + k].se()).collect();
    let dfs: Vec<f64> = pre.iter().map(|k| df[1 + k]).collect();
    let devs: Vec<&Vec<f64>> = pre.iter().map(|k| &dev[1 + k]).collect();
    match bootstrap::sup_t(&values, &se, &dfs, &devs) {
        None => PreTrend::Untestable,
        Some((_, p)) if p < 1.0 - confidence => {
            let worst = (0..pre.len())
                .filter(|j| se[*j] > 0.0)
                .max_by(|a, b| (values[*a].abs() / se[*a]).total_cmp(&(values[*b].abs() / se[*b])))
                .map_or(-2, |j| events[pre[j]].0);
            PreTrend::Diverging { p_value: p, worst }
        }
        Some((_, p)) => PreTrend::Parallel {
            p_value: p,
            periods: pre.len(),
        },
    }
}
