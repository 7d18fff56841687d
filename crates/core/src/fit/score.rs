//! Fit-score components and their weighted sum. [`Scorer`] is the single place where component
//! values are computed, used by both the explained [`super::fit`] and the city-wide index.

use super::features::{EmployeeFeatures, PositionFeatures, SlotFeatures};
use super::jpm::{jpm_raw, Jpm};
use crate::model::Kecamatan;
use crate::rules::RuleSet;
use serde::{Deserialize, Serialize};

/// The components of a fit score, in breakdown order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Component {
    /// Job Person Match.
    Jpm,
    /// Relevance of the education major.
    Major,
    /// Experience in related posts or the same OPD.
    Experience,
    /// Recent SKP.
    Skp,
    /// The unit's shortage.
    Shortage,
    /// Stated preferences.
    Preference,
    /// Closeness to home.
    Distance,
}

impl Component {
    /// All components, in order.
    pub const ALL: [Component; 7] = [
        Component::Jpm,
        Component::Major,
        Component::Experience,
        Component::Skp,
        Component::Shortage,
        Component::Preference,
        Component::Distance,
    ];
}

/// Component values that depend on the employee and the position only.
#[derive(Debug, Clone, Copy)]
pub struct PositionPart {
    /// JPM details.
    pub jpm: Jpm,
    /// Major score 0–100.
    pub major: f64,
    /// Months of experience in the position's field.
    pub field_months: u16,
}

/// Precomputed weights and tables for scoring many pairs.
#[derive(Debug, Clone)]
pub struct Scorer {
    weights: [f64; 7],
    total: f64,
    distance: [[f64; 18]; 18],
    full_months: f64,
    related_major: f64,
}

impl Scorer {
    /// A scorer for a rule set.
    pub fn new(rules: &RuleSet) -> Self {
        let f = &rules.fit;
        let weights = f.components();
        let mut distance = [[0.0; 18]; 18];
        for a in Kecamatan::ALL {
            for b in Kecamatan::ALL {
                let km = a.distance_km(*b) as f64;
                distance[a.index()][b.index()] =
                    ((1.0 - km / f.distance_zero_km).max(0.0) * 100.0).min(100.0);
            }
        }
        Self {
            weights,
            total: weights.iter().sum::<f64>().max(f64::MIN_POSITIVE),
            distance,
            full_months: f.experience_full_years * 12.0,
            related_major: f.related_major_score,
        }
    }

    /// Months of experience that earn the full experience score.
    pub fn full_months(&self) -> f64 {
        self.full_months
    }

    /// Distance score 0–100 between a home kecamatan and a workplace kecamatan (by index).
    pub fn distance_score(&self, home: usize, work: usize) -> f64 {
        self.distance[home][work]
    }

    /// Weights in [`Component::ALL`] order.
    pub fn weights(&self) -> [f64; 7] {
        self.weights
    }

    /// The employee × position part.
    pub fn position_part(&self, e: &EmployeeFeatures, p: &PositionFeatures) -> PositionPart {
        let (rm, rs, rt) = p.required;
        let jpm = jpm_raw(&e.jpm_input(p.field), rm, rs, rt, p.technical_weight);
        let major = if p.accepted == 0 || e.field_mask & p.accepted != 0 {
            100.0
        } else if e.related_mask & p.accepted != 0 {
            self.related_major
        } else {
            0.0
        };
        PositionPart {
            jpm,
            major,
            field_months: e.field_months[p.field as usize],
        }
    }

    /// Experience months that count for a slot: the larger of field and same-OPD experience.
    pub fn experience_months(
        &self,
        e: &EmployeeFeatures,
        pp: &PositionPart,
        s: &SlotFeatures,
    ) -> u16 {
        pp.field_months.max(e.months_in_opd(s.opd))
    }

    /// Preference score 0–100.
    pub fn preference(&self, e: &EmployeeFeatures, p: &PositionFeatures, s: &SlotFeatures) -> f64 {
        if !e.has_preferences() {
            50.0
        } else if e.pref_units.iter().any(|&u| u == s.unit || u == s.opd) {
            100.0
        } else if e.pref_kecamatan & (1 << s.kecamatan.index()) != 0
            || e.pref_fields & p.field.bit() != 0
        {
            75.0
        } else {
            20.0
        }
    }

    /// Experience score 0–100.
    fn experience(&self, e: &EmployeeFeatures, pp: &PositionPart, s: &SlotFeatures) -> f64 {
        (self.experience_months(e, pp, s) as f64 / self.full_months).min(1.0) * 100.0
    }

    /// All component values 0–100, in [`Component::ALL`] order.
    pub fn values(
        &self,
        e: &EmployeeFeatures,
        pp: &PositionPart,
        p: &PositionFeatures,
        s: &SlotFeatures,
    ) -> [f64; 7] {
        [
            pp.jpm.percent,
            pp.major,
            self.experience(e, pp, s),
            e.skp.unwrap_or(50.0),
            s.shortage * 100.0,
            self.preference(e, p, s),
            self.distance[e.home.index()][s.kecamatan.index()],
        ]
    }

    /// Weighted sum of the components that do not depend on the slot (JPM, major, SKP).
    pub fn base(&self, e: &EmployeeFeatures, pp: &PositionPart) -> f64 {
        let w = &self.weights;
        w[0] * pp.jpm.percent + w[1] * pp.major + w[3] * e.skp.unwrap_or(50.0)
    }

    /// Weighted sum of the slot-dependent components (experience, shortage, preference,
    /// distance).
    pub fn slot_sum(
        &self,
        e: &EmployeeFeatures,
        pp: &PositionPart,
        p: &PositionFeatures,
        s: &SlotFeatures,
    ) -> f64 {
        let w = &self.weights;
        w[2] * self.experience(e, pp, s)
            + w[4] * (s.shortage * 100.0)
            + w[5] * self.preference(e, p, s)
            + w[6] * self.distance[e.home.index()][s.kecamatan.index()]
    }

    /// The score 0–100 from the two partial sums.
    pub fn finish(&self, base: f64, slot_sum: f64) -> f64 {
        ((base + slot_sum) / self.total).clamp(0.0, 100.0)
    }

    /// The weighted score 0–100 of component values (the same arithmetic as
    /// [`Scorer::base`] + [`Scorer::slot_sum`], so both paths agree to the bit).
    pub fn combine(&self, v: &[f64; 7]) -> f64 {
        let w = &self.weights;
        self.finish(
            w[0] * v[0] + w[1] * v[1] + w[3] * v[3],
            w[2] * v[2] + w[4] * v[4] + w[5] * v[5] + w[6] * v[6],
        )
    }

    /// Score of a pair.
    pub fn score(
        &self,
        e: &EmployeeFeatures,
        pp: &PositionPart,
        p: &PositionFeatures,
        s: &SlotFeatures,
    ) -> f64 {
        self.finish(self.base(e, pp), self.slot_sum(e, pp, p, s))
    }
}
