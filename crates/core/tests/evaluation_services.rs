//! Service units (`mutasi_core::evaluation::services`): puskesmas whose head changed against
//! puskesmas whose head did not, on the demo city's real heads (seed 1: who leads each
//! puskesmas and since when) with synthetic outcomes whose effect is known. Seeded loops, so
//! every run sees the same outcomes; the observed rates are printed (`-- --nocapture`).
//!
//! Checked: the units' roles add up and follow the heads' TMT; intervals cover a planted effect
//! in ≥ 90% of repetitions; an effect is reported with none planted in ≤ 10%; for complaints
//! (lower is better) a planted drop reads as "better"; and the demo's own outcomes, where no
//! effect is planted for service units, show no clear change.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;
use std::sync::OnceLock;

use mutasi_core::demo::{self, Rng, OUTCOME_YEARS};
use mutasi_core::evaluation::{
    service_evidence, service_heads, service_panel, verdict, Direction, Outcome, ServiceEvidence,
    Verdict,
};
use mutasi_core::model::{Indicator, OutcomeRecord, UnitKind};
use mutasi_core::Dataset;

fn city() -> &'static Dataset {
    static CITY: OnceLock<Dataset> = OnceLock::new();
    CITY.get_or_init(|| demo::generate(1))
}

/// The first year under each puskesmas' current definitive head.
fn first_years(ds: &Dataset, indicator: Indicator) -> HashMap<String, Option<i32>> {
    let blank: Vec<OutcomeRecord> = ds
        .units()
        .iter()
        .filter(|u| u.kind == UnitKind::Puskesmas)
        .map(|u| OutcomeRecord {
            unit: u.id.clone(),
            year: *OUTCOME_YEARS.start(),
            indicator,
            value: 0.0,
        })
        .collect();
    service_heads(ds, &blank, indicator)
        .into_iter()
        .map(|h| (h.unit.to_string(), h.first_year()))
        .collect()
}

/// Synthetic outcomes of every puskesmas over the demo's years: the unit's level + a common
/// trend with year shocks + AR(1) noise + `effect` from the head's first year on.
fn synthetic(ds: &Dataset, indicator: Indicator, effect: f64, seed: u64) -> Vec<OutcomeRecord> {
    let starts = first_years(ds, indicator);
    let years: Vec<i32> = OUTCOME_YEARS.collect();
    let mut rng = Rng::new(seed);
    let year_effect: Vec<f64> = (0..years.len())
        .map(|k| 0.6 * k as f64 + rng.normal(0.0, 1.0))
        .collect();
    let mut out = Vec::new();
    for u in ds.units().iter().filter(|u| u.kind == UnitKind::Puskesmas) {
        let start = starts.get(u.id.as_str()).copied().flatten();
        let level = rng.normal(30.0, 5.0);
        let mut e = rng.normal(0.0, 2.0);
        for (k, &year) in years.iter().enumerate() {
            e = 0.4 * e + 0.92 * rng.normal(0.0, 2.0);
            let planted = if start.is_some_and(|s| year >= s) {
                effect
            } else {
                0.0
            };
            out.push(OutcomeRecord {
                unit: u.id.clone(),
                year,
                indicator,
                value: level + year_effect[k] + planted + e,
            });
        }
    }
    out
}

fn evidence(outcomes: &[OutcomeRecord], indicator: Indicator) -> ServiceEvidence {
    let ds = city();
    service_evidence(ds, outcomes, indicator, &ds.rules().evaluation).unwrap()
}

fn rate(what: &str, reps: u64, mut hit: impl FnMut(u64) -> bool) -> f64 {
    let hits = (0..reps).filter(|&seed| hit(seed)).count();
    let r = hits as f64 / reps as f64;
    eprintln!("{what}: {hits} of {reps} ({:.1}%)", 100.0 * r);
    r
}

#[test]
fn the_roles_follow_the_heads_tmt() {
    let ds = city();
    let outcomes = synthetic(ds, Indicator::Ikm, 0.0, 1);
    let ev = evidence(&outcomes, Indicator::Ikm);
    let puskesmas = ds
        .units()
        .iter()
        .filter(|u| u.kind == UnitKind::Puskesmas)
        .count();
    assert_eq!(
        ev.changes.len() + ev.comparison_units + ev.left_out,
        puskesmas
    );
    let (first, last) = (*OUTCOME_YEARS.start(), *OUTCOME_YEARS.end());
    for r in &ev.changes {
        let y = r.since.map(|d| chrono::Datelike::year(&d) + 1).unwrap();
        assert!(first < y && y <= last, "{r:?}");
        assert!(r.head.is_some() && r.before.is_some() && r.after.is_some());
    }
    assert!(ev.changes.windows(2).all(|w| w[0].since >= w[1].since));
    // Acting heads and vacant posts are left out, and the demo city has some.
    assert!(ev.left_out > 0);
    let panel = service_panel(ds, &outcomes, Indicator::Ikm).unwrap();
    assert_eq!(panel.units().len(), ev.changes.len() + ev.comparison_units);
    let Outcome::Estimated(e) = &ev.outcome else {
        panic!(
            "the demo city's puskesmas can be evaluated: {:?}",
            ev.outcome
        )
    };
    eprintln!(
        "{} treated in cohorts {:?}, {} comparison",
        e.treated_units,
        e.cohorts
            .iter()
            .map(|c| (c.first_treated, c.units, c.included))
            .collect::<Vec<_>>(),
        e.comparison_units
    );
    assert!(e.treated_units >= 10 && e.comparison_units >= 10);
}

#[test]
fn intervals_cover_a_planted_effect_on_the_satisfaction_index() {
    let coverage = rate("IKM +3 covered", 100, |seed| {
        let ev = evidence(
            &synthetic(city(), Indicator::Ikm, 3.0, seed),
            Indicator::Ikm,
        );
        let o = ev.outcome.evaluation().unwrap().overall;
        o.low <= 3.0 && 3.0 <= o.high
    });
    assert!(coverage >= 0.90, "coverage {coverage}");
}

#[test]
fn with_no_effect_an_effect_is_reported_at_about_the_nominal_rate() {
    let false_positive = rate("IKM, none planted, effect reported", 100, |seed| {
        let ev = evidence(
            &synthetic(city(), Indicator::Ikm, 0.0, 1000 + seed),
            Indicator::Ikm,
        );
        matches!(ev.verdict, Verdict::Better | Verdict::Worse)
    });
    assert!(false_positive <= 0.10, "false positives {false_positive}");
}

#[test]
fn fewer_complaints_read_as_better() {
    assert_eq!(Indicator::Pengaduan.direction(), Direction::LowerIsBetter);
    let better = rate("complaints −5 read as better", 50, |seed| {
        let ev = evidence(
            &synthetic(city(), Indicator::Pengaduan, -5.0, 2000 + seed),
            Indicator::Pengaduan,
        );
        assert_eq!(ev.verdict, verdict(&ev.outcome, Direction::LowerIsBetter));
        ev.verdict == Verdict::Better
    });
    assert!(better >= 0.80, "{better}");
}

/// The demo plants no effect in its service units: each interval covers 0.
#[test]
fn the_demos_service_outcomes_show_no_clear_change() {
    let ds = city();
    let outcomes = demo::outcomes(ds);
    for i in [
        Indicator::Ikm,
        Indicator::Pengaduan,
        Indicator::WaktuLayanan,
    ] {
        assert_eq!(demo::planted_effect(i), 0.0);
        let ev = evidence(&outcomes, i);
        let o = ev.outcome.evaluation().unwrap().overall;
        eprintln!(
            "{i}: {:.2} [{:.2}, {:.2}] {:?}",
            o.estimate, o.low, o.high, ev.verdict
        );
        assert!(o.low <= 0.0 && 0.0 <= o.high, "{i}: {o:?}");
    }
}
