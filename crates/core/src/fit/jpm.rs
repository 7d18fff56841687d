//! Job Person Match (PermenPANRB 38/2017): achieved vs required competency levels.
//!
//! JPM = t × technical% + (1 − t) × (managerial + socio-cultural)%, where each part is
//! Σ min(achieved, required) / Σ required × 100 and t is the technical weight of the
//! position's kind ([`crate::RuleSet::jpm_technical_pct`]).

use crate::model::{Competencies, Position};
use crate::rules::RuleSet;
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// A JPM result with its two parts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Jpm {
    /// Weighted JPM, 0–100.
    pub percent: f64,
    /// Technical part, 0–100.
    pub technical: f64,
    /// Managerial + socio-cultural part, 0–100.
    pub managerial: f64,
    /// Technical weight used, 0–100.
    pub technical_weight: f64,
}

/// JPM category (verified thresholds 80 / 68 by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum JpmCategory {
    /// ≥ 80%.
    MemenuhiSyarat,
    /// 68–<80%.
    MasihMemenuhiSyarat,
    /// < 68%.
    KurangMemenuhiSyarat,
}

impl JpmCategory {
    /// Bilingual label.
    pub fn label(self) -> Text {
        match self {
            Self::MemenuhiSyarat => Text::new("Memenuhi Syarat", "Meets requirements"),
            Self::MasihMemenuhiSyarat => {
                Text::new("Masih Memenuhi Syarat", "Still meets requirements")
            }
            Self::KurangMemenuhiSyarat => Text::new("Kurang Memenuhi Syarat", "Below requirements"),
        }
    }
}

/// Plain inputs of a JPM computation, so hot loops can precompute them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JpmInput {
    /// Achieved managerial levels (1–5 each).
    pub managerial: [u8; 8],
    /// Achieved socio-cultural level.
    pub socio: u8,
    /// Achieved technical level in the position's field (0 when not assessed).
    pub technical: u8,
}

impl JpmInput {
    /// Inputs for a position's field.
    pub fn of(c: &Competencies, position: &Position) -> Self {
        Self {
            managerial: c.managerial.map(|l| l.get()),
            socio: c.socio_cultural.get(),
            technical: c.technical_in(position.field).map_or(0, |l| l.get()),
        }
    }
}

/// Computes JPM from plain levels: required managerial `rm`, socio `rs`, technical `rt`,
/// technical weight `t` in 0–1.
pub fn jpm_raw(input: &JpmInput, rm: u8, rs: u8, rt: u8, t: f64) -> Jpm {
    let achieved: u32 = input
        .managerial
        .iter()
        .map(|&a| a.min(rm) as u32)
        .sum::<u32>()
        + input.socio.min(rs) as u32;
    let required = 8 * rm as u32 + rs as u32;
    let managerial = achieved as f64 * 100.0 / required as f64;
    let technical = input.technical.min(rt) as f64 * 100.0 / rt as f64;
    Jpm {
        percent: t * technical + (1.0 - t) * managerial,
        technical,
        managerial,
        technical_weight: t * 100.0,
    }
}

/// JPM of competencies against a position's standard.
pub fn jpm(c: &Competencies, position: &Position, rules: &RuleSet) -> Jpm {
    let s = position.competency;
    let t = rules.jpm_technical_pct.get(position.kind) / 100.0;
    jpm_raw(
        &JpmInput::of(c, position),
        s.managerial.get(),
        s.socio_cultural.get(),
        s.technical.get(),
        t,
    )
}

/// Category of a JPM percentage.
pub fn category(percent: f64, rules: &RuleSet) -> JpmCategory {
    if percent >= rules.jpm_memenuhi {
        JpmCategory::MemenuhiSyarat
    } else if percent >= rules.jpm_masih_memenuhi {
        JpmCategory::MasihMemenuhiSyarat
    } else {
        JpmCategory::KurangMemenuhiSyarat
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(managerial: [u8; 8], socio: u8, tech: u8, req: (u8, u8, u8), t: f64, want: f64) {
        let j = jpm_raw(
            &JpmInput {
                managerial,
                socio,
                technical: tech,
            },
            req.0,
            req.1,
            req.2,
            t,
        );
        assert!(
            (j.percent - want).abs() < 1e-9,
            "got {} want {want}",
            j.percent
        );
    }

    #[test]
    fn jpm_table() {
        // Everything met: 100 whatever the weight.
        check([3; 8], 3, 3, (3, 3, 3), 0.4, 100.0);
        // Above the standard counts only up to it.
        check([5; 8], 5, 5, (3, 3, 3), 0.4, 100.0);
        // Managerial all 2 of 3 (18/27 = 66.67%), technical met, Ahli Madya 40:60.
        check([2; 8], 2, 3, (3, 3, 3), 0.4, 40.0 + 0.6 * 200.0 / 3.0);
        // Technical not assessed at all, Ahli Pertama 60:40, managerial met.
        check([1; 8], 1, 0, (1, 1, 2), 0.6, 40.0);
    }
}
