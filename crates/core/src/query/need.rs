//! Workforce need (ABK): kebutuhan vs bezetting per unit and jabatan, with the effectiveness
//! class. Effectiveness (prestasi kerja jabatan) = kebutuhan / bezetting, i.e. workload per
//! person in post; classes by [`crate::RuleSet::abk_class_bounds`]: A > 1.00, B 0.90–1.00,
//! C 0.70–0.89, D 0.50–0.69, E < 0.50. An empty formation with a need is class A.

use crate::fit::features::formations;
use crate::rules::RuleSet;
use crate::Dataset;
use serde::{Deserialize, Serialize};

/// ABK effectiveness class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AbkClass {
    /// Above 1.00 (overloaded: shortage).
    A,
    /// 0.90–1.00.
    B,
    /// 0.70–0.89.
    C,
    /// 0.50–0.69.
    D,
    /// Below 0.50 (clear excess).
    E,
}

/// Class of an effectiveness value.
pub fn abk_class(effectiveness: f64, rules: &RuleSet) -> AbkClass {
    let b = rules.abk_class_bounds;
    if effectiveness > b[0] {
        AbkClass::A
    } else if effectiveness >= b[1] {
        AbkClass::B
    } else if effectiveness >= b[2] {
        AbkClass::C
    } else if effectiveness >= b[3] {
        AbkClass::D
    } else {
        AbkClass::E
    }
}

/// Need and headcount of one jabatan in one unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedRow {
    /// Unit index.
    pub unit: u32,
    /// Position index.
    pub position: u32,
    /// Kebutuhan (people) from ABK.
    pub kebutuhan: f64,
    /// Definitive holders.
    pub bezetting: u32,
    /// bezetting − kebutuhan: negative is a shortage, positive an excess.
    pub gap: f64,
    /// kebutuhan / bezetting (infinite when nobody is in post).
    pub effectiveness: f64,
    /// Effectiveness class.
    pub class: AbkClass,
}

/// Need rows for every (unit, position), ordered by unit then position.
pub fn workforce_need(ds: &Dataset, rules: &RuleSet) -> Vec<NeedRow> {
    let mut rows: Vec<NeedRow> = formations(ds, rules)
        .into_iter()
        .map(|((unit, position), f)| {
            let effectiveness = if f.bezetting == 0 {
                f64::INFINITY
            } else {
                f.kebutuhan / f.bezetting as f64
            };
            NeedRow {
                unit,
                position,
                kebutuhan: f.kebutuhan,
                bezetting: f.bezetting,
                gap: f.bezetting as f64 - f.kebutuhan,
                effectiveness,
                class: abk_class(effectiveness, rules),
            }
        })
        .collect();
    rows.sort_by_key(|r| (r.unit, r.position));
    rows
}

/// Totals per unit: (unit index, Σ kebutuhan, Σ bezetting, class of the ratio).
pub fn unit_need(ds: &Dataset, rules: &RuleSet) -> Vec<(u32, f64, u32, AbkClass)> {
    let mut out: Vec<(u32, f64, u32, AbkClass)> = Vec::new();
    for r in workforce_need(ds, rules) {
        match out.last_mut() {
            Some(last) if last.0 == r.unit => {
                last.1 += r.kebutuhan;
                last.2 += r.bezetting;
            }
            _ => out.push((r.unit, r.kebutuhan, r.bezetting, AbkClass::A)),
        }
    }
    for o in &mut out {
        let e = if o.2 == 0 {
            f64::INFINITY
        } else {
            o.1 / o.2 as f64
        };
        o.3 = abk_class(e, rules);
    }
    out
}
