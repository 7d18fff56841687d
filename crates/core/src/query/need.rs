//! Workforce need (ABK): kebutuhan vs bezetting per unit and jabatan, with the effectiveness
//! class. Effectiveness (prestasi kerja jabatan) = kebutuhan / bezetting, i.e. workload per
//! person in post; classes by [`crate::RuleSet::abk_class_bounds`]: A > 1.00, B 0.90–1.00,
//! C 0.70–0.89, D 0.50–0.69, E < 0.50. An empty formation with a need is class A.

use crate::fit::features::{formations, NeedSource};
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

/// Effectiveness = kebutuhan / bezetting; infinite when nobody is in post.
pub fn effectiveness(kebutuhan: f64, bezetting: u32) -> f64 {
    if bezetting == 0 {
        f64::INFINITY
    } else {
        kebutuhan / bezetting as f64
    }
}

/// Need and headcount summed over any group of formations (a unit, an OPD, a jabatan across an
/// OPD, the city), with the derived gap and class.
///
/// **The** shortage and excess of a group, shown on every screen: Σ max(0, kebutuhan −
/// bezetting) and Σ max(0, bezetting − kebutuhan) over its formations (unit × jabatan, DOMAIN.md
/// §6), each clipped on its own, so one school's excess never hides another school's shortage.
/// The net `gap` is shown only beside them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NeedTotals {
    /// Σ kebutuhan (people).
    pub kebutuhan: f64,
    /// Σ bezetting (definitive holders).
    pub bezetting: u32,
    /// Σ max(0, kebutuhan − bezetting) per formation (people).
    pub shortage: f64,
    /// Σ max(0, bezetting − kebutuhan) per formation (people).
    pub excess: f64,
    /// Formations summed.
    pub formations: u32,
    /// Of them, formations whose kebutuhan is only the seat count (no ABK row).
    pub from_seats: u32,
}

impl NeedTotals {
    /// Adds one formation.
    pub fn add(&mut self, r: &NeedRow) {
        self.kebutuhan += r.kebutuhan;
        self.bezetting += r.bezetting;
        let (shortage, excess) = shortage_excess(r.kebutuhan, r.bezetting);
        self.shortage += shortage;
        self.excess += excess;
        self.formations += 1;
        self.from_seats += u32::from(r.source == NeedSource::Seats);
    }

    /// bezetting − kebutuhan, netted over the group: negative is a net shortage. Not the
    /// shortage: see [`NeedTotals::shortage`].
    pub fn gap(&self) -> f64 {
        self.bezetting as f64 - self.kebutuhan
    }

    /// Effectiveness class of the group.
    pub fn class(&self, rules: &RuleSet) -> AbkClass {
        abk_class(effectiveness(self.kebutuhan, self.bezetting), rules)
    }
}

/// (shortage, excess) of one formation: (max(0, kebutuhan − bezetting), max(0, bezetting −
/// kebutuhan)). Every shortage figure (screens, plan report, impact) sums this per formation.
pub fn shortage_excess(kebutuhan: f64, bezetting: u32) -> (f64, f64) {
    let gap = f64::from(bezetting) - kebutuhan;
    ((-gap).max(0.0), gap.max(0.0))
}

/// The totals of every formation of `ds`: the figures of Beranda, the total of Formasi and the
/// "before" of a plan over the same formations.
pub fn total_need(ds: &Dataset, rules: &RuleSet) -> NeedTotals {
    need_by(ds, rules, 1, |_| Some(0))
        .into_iter()
        .next()
        .map_or_else(NeedTotals::default, |(_, t)| t)
}

/// [`workforce_need`] rows summed into groups: `group` maps a row to a group index below `groups`
/// (or `None` to leave it out). Returns the non-empty groups in index order.
pub fn need_by(
    ds: &Dataset,
    rules: &RuleSet,
    groups: usize,
    group: impl Fn(&NeedRow) -> Option<u32>,
) -> Vec<(u32, NeedTotals)> {
    let mut sums: Vec<Option<NeedTotals>> = vec![None; groups];
    for r in workforce_need(ds, rules) {
        if let Some(g) = group(&r) {
            sums[g as usize]
                .get_or_insert_with(NeedTotals::default)
                .add(&r);
        }
    }
    sums.into_iter()
        .enumerate()
        .filter_map(|(g, t)| Some((g as u32, t?)))
        .collect()
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
    /// Where the kebutuhan comes from.
    pub source: NeedSource,
}

/// Need rows for every (unit, position), ordered by unit then position.
pub fn workforce_need(ds: &Dataset, rules: &RuleSet) -> Vec<NeedRow> {
    let mut rows: Vec<NeedRow> = formations(ds, rules)
        .into_iter()
        .map(|((unit, position), f)| {
            let effectiveness = effectiveness(f.kebutuhan, f.bezetting);
            NeedRow {
                unit,
                position,
                kebutuhan: f.kebutuhan,
                bezetting: f.bezetting,
                gap: f.bezetting as f64 - f.kebutuhan,
                effectiveness,
                class: abk_class(effectiveness, rules),
                source: f.source,
            }
        })
        .collect();
    rows.sort_by_key(|r| (r.unit, r.position));
    rows
}

/// Totals per unit: (unit index, Σ kebutuhan, Σ bezetting, class of the ratio).
pub fn unit_need(ds: &Dataset, rules: &RuleSet) -> Vec<(u32, f64, u32, AbkClass)> {
    need_by(ds, rules, ds.units().len(), |r| Some(r.unit))
        .into_iter()
        .map(|(unit, t)| (unit, t.kebutuhan, t.bezetting, t.class(rules)))
        .collect()
}
