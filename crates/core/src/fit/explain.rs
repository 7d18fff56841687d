//! [`fit`]: the fit score of one pair with each component's value, weight and a bilingual
//! explanation.

use super::features::{formation_of, EmployeeFeatures, PositionFeatures, SlotFeatures};
use super::score::{Component, Scorer};
use crate::eligibility::facts::{pct_en, pct_id};
use crate::model::{EmployeeIdx, Field, SlotIdx};
use crate::rules::RuleSet;
use crate::text::{Span, Text};
use crate::Dataset;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One component of a fit score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitComponent {
    /// Which component.
    pub component: Component,
    /// Value 0–100.
    pub value: f64,
    /// Relative weight.
    pub weight: f64,
    /// What the value means.
    pub explanation: Text,
}

/// A fit score with its breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fit {
    /// Weighted score 0–100.
    pub score: f64,
    /// Components in [`Component::ALL`] order.
    pub components: Vec<FitComponent>,
}

/// Fit of employee `e` for slot `s` on `date`, explained.
pub fn fit(ds: &Dataset, e: EmployeeIdx, s: SlotIdx, date: NaiveDate, rules: &RuleSet) -> Fit {
    let scorer = Scorer::new(rules);
    let ef = EmployeeFeatures::new(ds, e, date, rules);
    let pos = ds.slot_position(s);
    let pf = PositionFeatures::new(pos, date, rules);
    let formation = formation_of(ds, s, rules);
    let sf = SlotFeatures::new(ds, s, &formation, date, rules);
    let pp = scorer.position_part(&ef, &pf);
    let values = scorer.values(&ef, &pp, &pf, &sf);
    let emp = &ds.employees()[e as usize];
    let unit = ds.slot_unit(s);
    let opd = ds.slot_opd(s);

    let j = pp.jpm;
    let jpm_text = Text::new(
        format!(
            "JPM {}% (teknis {}% bobot {}%, manajerial+sosiokultural {}%)",
            pct_id(j.percent),
            pct_id(j.technical),
            pct_id(j.technical_weight),
            pct_id(j.managerial)
        ),
        format!(
            "JPM {}% (technical {}% weight {}%, managerial+socio-cultural {}%)",
            pct_en(j.percent),
            pct_en(j.technical),
            pct_en(j.technical_weight),
            pct_en(j.managerial)
        ),
    );
    let major = emp
        .highest_education()
        .map_or_else(|| "-".into(), |m| format!("{} ({})", m.major, m.field));
    let accepted: Vec<&str> = pos
        .accepted_fields
        .iter()
        .map(|f: &Field| f.label())
        .collect();
    let major_text = match values[1] {
        v if v >= 100.0 => Text::new(
            format!("Jurusan {major} sesuai"),
            format!("Major {major} matches"),
        ),
        v if v > 0.0 => Text::new(
            format!("Jurusan {major} serumpun dengan {}", accepted.join(", ")),
            format!("Major {major} related to {}", accepted.join(", ")),
        ),
        _ => Text::new(
            format!("Jurusan {major} tidak sesuai ({})", accepted.join(", ")),
            format!("Major {major} does not match ({})", accepted.join(", ")),
        ),
    };
    let fm = Span::months(pp.field_months as i32);
    let om = Span::months(ef.months_in_opd(sf.opd) as i32);
    let full = rules.fit.experience_full_years;
    let exp_text = Text::new(
        format!(
            "{} di bidang {}, {} di {}; nilai penuh pada {full} tahun",
            fm.id(),
            pos.field,
            om.id(),
            opd.short
        ),
        format!(
            "{} in {}, {} at {}; full marks at {full} years",
            fm.en(),
            pos.field,
            om.en(),
            opd.short
        ),
    );
    let skp_text = match emp.recent_skp(rules.fit.skp_years as usize).as_slice() {
        [] => Text::new("Belum ada SKP; nilai netral 50", "No SKP yet; neutral 50"),
        recent => {
            let l = recent
                .iter()
                .map(|r| format!("{} {}", r.year, r.predikat))
                .collect::<Vec<_>>()
                .join(", ");
            Text::new(format!("SKP terakhir: {l}"), format!("Recent SKP: {l}"))
        }
    };
    let shortage_text = Text::new(
        format!(
            "Kebutuhan {} orang (ABK), bezetting {} di {}",
            pct_id(formation.kebutuhan).trim_end_matches(",0"),
            formation.bezetting,
            unit.name
        ),
        format!(
            "Need {} (ABK), {} in post at {}",
            pct_en(formation.kebutuhan).trim_end_matches(".0"),
            formation.bezetting,
            unit.name
        ),
    );
    let pref_text = match values[5] {
        v if v >= 100.0 => Text::new(
            "Unit ini dipilih pegawai",
            "The employee asked for this unit",
        ),
        v if v >= 75.0 => Text::new(
            "Kecamatan atau bidang sesuai preferensi",
            "Kecamatan or field matches a preference",
        ),
        v if v >= 50.0 => Text::new(
            "Tidak menyatakan preferensi; nilai netral",
            "No preference stated; neutral",
        ),
        _ => Text::new(
            "Tidak sesuai preferensi pegawai",
            "Not among the employee's preferences",
        ),
    };
    let km = emp.home.distance_km(unit.kecamatan);
    let dist_text = Text::new(
        format!(
            "Rumah di {}, kantor di {}: ± {} km",
            emp.home,
            unit.kecamatan,
            pct_id(km as f64)
        ),
        format!(
            "Home in {}, office in {}: about {} km",
            emp.home,
            unit.kecamatan,
            pct_en(km as f64)
        ),
    );
    let texts = [
        jpm_text,
        major_text,
        exp_text,
        skp_text,
        shortage_text,
        pref_text,
        dist_text,
    ];
    let weights = scorer.weights();
    let components = Component::ALL
        .iter()
        .zip(texts)
        .enumerate()
        .map(|(i, (c, t))| FitComponent {
            component: *c,
            value: values[i],
            weight: weights[i],
            explanation: t,
        })
        .collect();
    Fit {
        score: scorer.combine(&values),
        components,
    }
}
