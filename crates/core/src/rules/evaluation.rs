//! The impact evaluation's settings as configuration ([`EvaluationRules`]): which units serve as
//! the comparison group, the confidence level and number of bootstrap draws of the intervals,
//! and the minimum sample sizes below which `crate::evaluation` says "belum cukup data"
//! instead of showing a number. The method is described in `docs/EVALUATION.md`.

use crate::model::{EducationLevel, Field};
use serde::{Deserialize, Serialize};

/// Which units a treated cohort is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComparisonGroup {
    /// Units never treated within the observed periods (the default: the cleanest contrast).
    #[default]
    NeverTreated,
    /// Units never treated plus units not treated yet at the period compared (more units,
    /// but it assumes the later-treated were not already changing in anticipation).
    NotYetTreated,
}

/// Settings of the difference-in-differences evaluation (`crate::evaluation::evaluate`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EvaluationRules {
    /// The comparison group (never treated).
    pub comparison: ComparisonGroup,
    /// Confidence level of the intervals, and 1 − the level of the pre-trend test (0.95).
    pub confidence: f64,
    /// Bootstrap draws (999).
    pub bootstrap_draws: u32,
    /// Seed of the bootstrap: the same data and settings always give the same interval.
    pub bootstrap_seed: u32,
    /// Treated units at least, over the cohorts that can be evaluated (10).
    pub min_treated_units: u32,
    /// Comparison units at least (10).
    pub min_comparison_units: u32,
    /// Observed periods before treatment at least, counting the base period (2: the base
    /// period and one earlier, so parallel pre-trends can be checked at all).
    pub min_periods_before: u32,
    /// A principal has a strong educational background with a degree of at least this level
    /// (S2) ...
    pub strong_education_min: EducationLevel,
    /// ... in this field (Pendidikan): the seed's "ASN dengan latar belakang pendidikan yang
    /// kuat", read as a master's degree in education.
    pub strong_education_field: Field,
    /// A unit gets "new staff" (the second treatment of schools and service units) in the
    /// first observed year in which at least this share of its current definitive staff started
    /// their post (0.25).
    pub new_staff_share: f64,
}

impl Default for EvaluationRules {
    fn default() -> Self {
        Self {
            comparison: ComparisonGroup::NeverTreated,
            confidence: 0.95,
            bootstrap_draws: 999,
            bootstrap_seed: 20_250_401,
            min_treated_units: 10,
            min_comparison_units: 10,
            min_periods_before: 2,
            strong_education_min: EducationLevel::S2,
            strong_education_field: Field::Pendidikan,
            new_staff_share: 0.25,
        }
    }
}

impl EvaluationRules {
    /// `None` when the settings are usable, else what is wrong (bilingual).
    pub(super) fn problem(&self) -> Option<&'static str> {
        if !(self.confidence > 0.5 && self.confidence < 1.0) {
            return Some("confidence harus di antara 0,5 dan 1 / must be between 0.5 and 1");
        }
        if !(99..=100_000).contains(&self.bootstrap_draws) {
            return Some("bootstrap_draws harus 99-100000 / must be 99-100000");
        }
        if self.min_treated_units < 2 || self.min_comparison_units < 2 {
            return Some(
                "min_treated_units dan min_comparison_units minimal 2 / must be at least 2",
            );
        }
        if !(self.new_staff_share > 0.0 && self.new_staff_share <= 1.0) {
            return Some(
                "new_staff_share harus di atas 0 dan paling besar 1 / must be above 0 and at most 1",
            );
        }
        if self.min_periods_before < 1 {
            return Some("min_periods_before minimal 1 / must be at least 1");
        }
        None
    }
}
