//! People (`mutasi_core::evaluation::people`): employees moved within the observed SKP years
//! against employees due for rotation who stayed, on their SKP scores (the rule set's 0–100
//! scale per predikat). On the demo city's real posts (seed 1: who moved when, who is due) with
//! synthetic SKP histories whose effect is known, and on the demo's own SKP (no effect planted).
#![cfg(not(target_arch = "wasm32"))]

use std::sync::OnceLock;

use mutasi_core::demo::{self, Rng};
use mutasi_core::evaluation::{
    people_evidence, people_panel, rater_change, Outcome, PreTrend, Verdict,
};
use mutasi_core::model::{Predikat, SkpRecord};
use mutasi_core::{Dataset, DatasetParts};

fn city() -> &'static Dataset {
    static CITY: OnceLock<Dataset> = OnceLock::new();
    CITY.get_or_init(|| demo::generate(1))
}

#[test]
fn the_demo_city_compares_moved_people_with_people_due_for_rotation() {
    let ds = city();
    let ev = people_evidence(ds, ds.rules()).unwrap();
    let Outcome::Estimated(e) = &ev.outcome else {
        panic!("the demo city has an estimate: {:?}", ev.outcome)
    };
    eprintln!(
        "{} moved, {} due not moved, years {:?}: {:.2} [{:.2}, {:.2}] {:?} {:?}; naive {:?}",
        ev.moved,
        ev.due_not_moved,
        ev.years,
        e.overall.estimate,
        e.overall.low,
        e.overall.high,
        e.pre_trend,
        ev.verdict,
        ev.naive
    );
    assert!(e.treated_units >= 10 && e.comparison_units >= 10);
    // The demo's raters: the current heads, known from their TMT on (demo::raters).
    let rated = ds
        .employees()
        .iter()
        .flat_map(|e| &e.skp)
        .filter(|r| r.rater.is_some())
        .count();
    let all: usize = ds.employees().iter().map(|e| e.skp.len()).sum();
    eprintln!(
        "raters known for {rated} of {all} SKP records; rater comparison: {} moved, {} rater \
         changed, {:?} {:?}",
        ev.rater.moved, ev.rater.rater_changed, ev.rater.outcome, ev.rater.verdict
    );
    assert!(
        rated * 2 > all,
        "most records have a rater: {rated} of {all}"
    );
}

/// The demo city with synthetic SKP histories for 2021–2025: a latent score per person (their
/// level + a year shock + noise) cut into predikat, plus `effect` on the latent score of the
/// moved employees from the year after their move on.
fn with_skp(effect: f64, seed: u64) -> Dataset {
    with_raters(effect, 0.0, seed)
}

/// [`with_skp`] with raters: every employee has a rater A; the moved get rater B from their
/// first treated year on, and half of the others (drawn from a generator of its own, so the
/// scores' draws are [`with_skp`]'s) get B from a year drawn in 2022–2025. `leniency` is added
/// to the latent score in the years rated by B (a new rater who rates higher).
fn with_raters(effect: f64, leniency: f64, seed: u64) -> Dataset {
    let ds = city();
    let mut parts: DatasetParts = ds.parts().clone();
    let mut rng = Rng::new(seed);
    let mut rater_rng = Rng::new(seed + 1_000_000);
    let nips: Vec<_> = parts.employees.iter().map(|e| e.nip.clone()).collect();
    let years: Vec<u16> = (2021..=2025).collect();
    let shock: Vec<f64> = years.iter().map(|_| rng.normal(0.0, 0.2)).collect();
    for (i, e) in parts.employees.iter_mut().enumerate() {
        let level = rng.normal(0.0, 1.0);
        let moved_from = e
            .current
            .as_ref()
            .filter(|_| !e.history.is_empty())
            .map(|c| chrono::Datelike::year(&c.since) + 1);
        let rater_from = moved_from.or_else(|| {
            let year = 2022 + rater_rng.below(4) as i32;
            rater_rng.chance(0.5).then_some(year)
        });
        let (a, b) = (&nips[(i + 1) % nips.len()], &nips[(i + 2) % nips.len()]);
        e.skp = years
            .iter()
            .zip(&shock)
            .map(|(&year, s)| {
                let after = moved_from.is_some_and(|g| i32::from(year) >= g);
                let new_rater = rater_from.is_some_and(|r| i32::from(year) >= r);
                let x = level
                    + s
                    + rng.normal(0.0, 0.6)
                    + if after { effect } else { 0.0 }
                    + if new_rater { leniency } else { 0.0 };
                let predikat = if x > 1.0 {
                    Predikat::SangatBaik
                } else if x > -1.0 {
                    Predikat::Baik
                } else if x > -1.6 {
                    Predikat::ButuhPerbaikan
                } else if x > -2.2 {
                    Predikat::Kurang
                } else {
                    Predikat::SangatKurang
                };
                SkpRecord {
                    year,
                    predikat,
                    rater: Some(if new_rater { b } else { a }.clone()),
                }
            })
            .collect();
    }
    Dataset::new(parts).unwrap()
}

fn rate(what: &str, reps: u64, mut hit: impl FnMut(u64) -> bool) -> f64 {
    let hits = (0..reps).filter(|&seed| hit(seed)).count();
    let r = hits as f64 / reps as f64;
    eprintln!("{what}: {hits} of {reps} ({:.1}%)", 100.0 * r);
    r
}

#[test]
fn a_planted_improvement_after_a_move_is_found() {
    let found = rate("moved +1.0 (latent): interval above 0", 10, |seed| {
        let ds = with_skp(1.0, seed);
        let ev = people_evidence(&ds, ds.rules()).unwrap();
        let e = ev.outcome.evaluation().unwrap();
        assert!(e.overall.estimate > 0.0, "{:?}", e.overall);
        // "Better" unless the pre-trend check raised a (false) alarm: never "worse".
        assert!(
            matches!(ev.verdict, Verdict::Better | Verdict::TrendsDiffer),
            "{:?}",
            ev.verdict
        );
        e.overall.low > 0.0
    });
    assert!(found >= 0.9, "{found}");
}

#[test]
fn with_no_effect_an_effect_is_reported_at_about_the_nominal_rate() {
    let reported = rate("none planted, effect reported", 20, |seed| {
        let ds = with_skp(0.0, 100 + seed);
        let ev = people_evidence(&ds, ds.rules()).unwrap();
        matches!(ev.verdict, Verdict::Better | Verdict::Worse)
    });
    assert!(reported <= 0.15, "{reported}");
}

#[test]
fn the_panel_holds_moved_and_due_people_only() {
    let ds = with_skp(0.0, 7);
    let panel = people_panel(&ds, ds.rules()).unwrap();
    assert_eq!(panel.periods(), [2021, 2022, 2023, 2024, 2025]);
    let ev = people_evidence(&ds, ds.rules()).unwrap();
    assert_eq!(panel.units().len(), ev.moved + ev.due_not_moved);
    let max = i32::from(ds.rules().tenure_max_years);
    for u in panel.units() {
        let e = ds
            .employee(&mutasi_core::model::Nip::parse(&u.id).unwrap())
            .unwrap();
        let since = chrono::Datelike::year(&e.current.as_ref().unwrap().since);
        match u.first_treated {
            Some(g) => {
                assert_eq!(g, since + 1);
                assert!(!e.history.is_empty() && (2022..=2025).contains(&g));
            }
            None => assert!(since < 2021 && 2025 - since >= max, "{since}"),
        }
        assert!(e.teacher.is_none(), "teachers are left out");
    }
    let e = ev.outcome.evaluation().unwrap();
    assert!(matches!(
        e.pre_trend,
        PreTrend::Parallel { .. } | PreTrend::Diverging { .. }
    ));
}

#[test]
fn a_new_raters_leniency_shows_in_the_plain_comparison_and_not_beside_a_rater_change() {
    let (mut plain, mut beside) = (Vec::new(), Vec::new());
    let rater = rate(
        "leniency +1.0, no move effect: rater comparison reports an effect",
        10,
        |seed| {
            let ds = with_raters(0.0, 1.0, 300 + seed);
            let ev = people_evidence(&ds, ds.rules()).unwrap();
            plain.push(ev.outcome.evaluation().unwrap().overall);
            let r = ev.rater.outcome.evaluation().unwrap();
            assert!(r.treated_units >= 10 && r.comparison_units >= 10, "{r:?}");
            eprintln!(
                "rater comparison {:.2} [{:.2}, {:.2}] {:?}, {} moved, {} rater changed",
                r.overall.estimate,
                r.overall.low,
                r.overall.high,
                ev.rater.verdict,
                r.treated_units,
                r.comparison_units
            );
            beside.push(r.overall.estimate);
            r.overall.excludes_zero()
        },
    );
    let biased = plain.iter().filter(|o| o.low > 0.0).count();
    eprintln!(
        "plain comparison above 0: {biased} of {}; {plain:?}",
        plain.len()
    );
    assert!(
        biased >= 9,
        "the leniency shows as a move effect in the plain comparison"
    );
    assert!(rater <= 0.2, "{rater}");
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let plain_mean = mean(&plain.iter().map(|o| o.estimate).collect::<Vec<_>>());
    assert!(mean(&beside).abs() < 1.5, "{beside:?}");
    assert!(plain_mean > 5.0, "{plain_mean}");
}

#[test]
fn a_move_effect_survives_the_rater_comparison() {
    let found = rate(
        "move +1.0 and leniency +1.0: rater comparison above 0",
        10,
        |seed| {
            let ds = with_raters(1.0, 1.0, 400 + seed);
            let ev = people_evidence(&ds, ds.rules()).unwrap();
            let r = ev.rater.outcome.evaluation().unwrap();
            assert!(r.overall.estimate > 0.0, "{:?}", r.overall);
            r.overall.low > 0.0
        },
    );
    assert!(found >= 0.9, "{found}");
}

#[test]
fn a_rater_change_is_two_known_raters_of_consecutive_years() {
    let ds = with_raters(0.0, 0.0, 9);
    let nip = |k: usize| ds.employees()[k].nip.clone();
    let mut e = ds.employees()[0].clone();
    let rec = |year, rater| SkpRecord {
        year,
        predikat: Predikat::Baik,
        rater,
    };
    e.skp = vec![
        rec(2021, Some(nip(1))),
        rec(2022, None),
        rec(2023, Some(nip(2))),
        rec(2024, Some(nip(3))),
    ];
    assert_eq!(
        rater_change(&e, 2021, 2025),
        Some(2024),
        "an unknown year is no change"
    );
    assert_eq!(rater_change(&e, 2021, 2023), None, "after the window");
    e.skp[1].rater = Some(nip(1));
    assert_eq!(rater_change(&e, 2021, 2025), Some(2023));
}
