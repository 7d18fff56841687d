//! Outcome histories of the demo city ([`outcomes`]): the Rapor Pendidikan indicators of every
//! SD and SMP Negeri and the service indicators of every puskesmas, one value a year over
//! [`OUTCOME_YEARS`], with a **known planted effect** ([`planted_effect`]) for schools whose
//! current principal has a strong educational background
//! (`crate::evaluation::strong_background`), from the year after the principal's TMT on.
//!
//! Each value = the unit's own level + a city-wide year effect (a rising trend, as after the
//! pandemic) + serially correlated noise + the planted effect where it applies. Schools that
//! got such a principal start a little lower (principals were sent to weaker schools), which a
//! comparison of levels would mistake for an effect and a difference-in-differences does not.
//! Deterministic: the same dataset always gives the same outcomes. The existing demo records
//! are not touched.

use super::Rng;
use crate::evaluation::school_principals;
use crate::model::{Indicator, OutcomeRecord, UnitKind};
use crate::Dataset;
use std::collections::HashMap;
use std::ops::RangeInclusive;

/// The years of the demo's outcomes (the Rapor Pendidikan exists from 2022).
pub const OUTCOME_YEARS: RangeInclusive<i32> = 2022..=2026;

/// The seed of the outcomes' noise. One demo city is one draw; this one is a typical draw for
/// the default city (seed 1): the first of 40 seeds tried, over which 95.5% of the 200 school
/// intervals covered their planted effect and 7% of the pre-trend checks raised a false alarm
/// (docs/EVALUATION.md).
const OUTCOME_SEED: u64 = 0;

/// The effect planted in the demo's schools with a strong-background principal, in points of
/// the indicator (0 for the service indicators: no treatment is planted there).
pub fn planted_effect(indicator: Indicator) -> f64 {
    match indicator {
        Indicator::Literasi => 5.0,
        Indicator::Numerasi => 4.0,
        Indicator::KualitasPembelajaran => 3.0,
        Indicator::IklimKeamanan => 2.0,
        _ => 0.0,
    }
}

/// (mean level, spread of levels between units, yearly trend, noise deviation).
fn shape(indicator: Indicator) -> (f64, f64, f64, f64) {
    match indicator {
        Indicator::Literasi => (55.0, 8.0, 1.5, 3.0),
        Indicator::Numerasi => (48.0, 8.0, 1.2, 3.0),
        Indicator::IklimKeamanan => (70.0, 6.0, 0.5, 2.5),
        Indicator::IklimKebinekaan => (66.0, 6.0, 0.3, 2.5),
        Indicator::KualitasPembelajaran => (60.0, 7.0, 1.0, 3.0),
        Indicator::Ikm => (80.0, 5.0, 0.6, 2.0),
        Indicator::Pengaduan => (12.0, 4.0, -0.5, 2.0),
        Indicator::WaktuLayanan => (5.0, 1.5, -0.2, 0.6),
    }
}

/// The outcome histories of `ds` (schools and puskesmas), unit by unit.
pub fn outcomes(ds: &Dataset) -> Vec<OutcomeRecord> {
    let rules = &ds.rules().evaluation;
    let treated: HashMap<String, i32> = school_principals(ds, rules)
        .into_iter()
        .filter(|p| p.strong)
        .filter_map(|p| Some((p.school.to_string(), p.first_year()?)))
        .collect();
    let years: Vec<i32> = OUTCOME_YEARS.collect();
    let mut rng = Rng::new(OUTCOME_SEED);
    let mut out = Vec::new();
    for indicator in Indicator::ALL {
        let (mean, spread, trend, noise) = shape(indicator);
        let year_effect: Vec<f64> = (0..years.len())
            .map(|k| trend * k as f64 + rng.normal(0.0, noise / 2.0))
            .collect();
        let units = ds.units().iter().filter(|u| {
            let school = matches!(u.kind, UnitKind::SdNegeri | UnitKind::SmpNegeri);
            school == indicator.is_school() && (school || u.kind == UnitKind::Puskesmas)
        });
        for u in units {
            let start = treated.get(u.id.as_str()).copied();
            let level = rng.normal(mean - if start.is_some() { 3.0 } else { 0.0 }, spread);
            let mut e = rng.normal(0.0, noise);
            for (k, &year) in years.iter().enumerate() {
                e = 0.4 * e + 0.92 * rng.normal(0.0, noise);
                let effect = match start {
                    Some(s) if year >= s => planted_effect(indicator),
                    _ => 0.0,
                };
                let value = level + year_effect[k] + effect + e;
                let value = indicator.max().map_or(value, |m| value.min(m)).max(0.0);
                out.push(OutcomeRecord {
                    unit: u.id.clone(),
                    year,
                    indicator,
                    value: (value * 100.0).round() / 100.0,
                });
            }
        }
    }
    out
}
