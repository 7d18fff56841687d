//! Properties of city-wide scoring: the pruning index agrees with the full eligibility check,
//! its scores equal the explained fit, and scores stay within 0..=100.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use mutasi_core::city::{candidate_lists, score_city, CityIndex, Scope};
use mutasi_core::eligibility::eligibility;
use mutasi_core::fit::fit;
use mutasi_core::model::Period;
use mutasi_core::{demo, fixture, Dataset, RuleSet};
use proptest::prelude::*;
use std::sync::OnceLock;

fn city() -> &'static Dataset {
    static CITY: OnceLock<Dataset> = OnceLock::new();
    CITY.get_or_init(|| demo::generate(3))
}

fn rules_variant(v: u8) -> RuleSet {
    let mut r = RuleSet::default();
    if v & 1 == 1 {
        r.election_freeze = vec![Period::new(
            NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            NaiveDate::from_ymd_opt(2027, 6, 1).unwrap(),
        )
        .unwrap()];
    }
    if v & 2 == 2 {
        r.kepala_daerah_inaugurated = NaiveDate::from_ymd_opt(2026, 9, 1);
    }
    if v & 4 == 4 {
        r.functional_major_is_hard = false;
    }
    r
}

fn check_pair(ds: &Dataset, idx: &CityIndex, e: u32, s: u32, date: NaiveDate, rules: &RuleSet) {
    let v = eligibility(ds, e, s, date, rules);
    let got = idx.pair(e, s);
    if v.stay {
        assert!(got.is_none());
        return;
    }
    assert_eq!(
        got.is_some(),
        !v.is_blocked(),
        "e{e} s{s} {date}: index {got:?} vs {:?}",
        v.hard_failures().collect::<Vec<_>>()
    );
    if let Some(score) = got {
        let f = fit(ds, e, s, date, rules);
        assert!(
            (f.score - score).abs() < 1e-9,
            "index {score} vs fit {}",
            f.score
        );
        assert!((0.0..=100.0).contains(&score));
        for c in &f.components {
            assert!((0.0..=100.0).contains(&c.value), "{c:?}");
        }
    }
}

/// Teachers and principals of the demo city, and the teaching and principal seats.
fn education() -> &'static (Vec<u32>, Vec<u32>) {
    static EDU: OnceLock<(Vec<u32>, Vec<u32>)> = OnceLock::new();
    EDU.get_or_init(|| {
        let ds = city();
        let gurus = (0..ds.employees().len() as u32)
            .filter(|&e| {
                ds.employee_slot(e)
                    .is_some_and(|s| ds.slot_position(s).is_guru())
            })
            .collect();
        let seats = (0..ds.slots().len() as u32)
            .filter(|&s| ds.slot_position(s).is_guru())
            .collect();
        (gurus, seats)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn index_agrees_with_eligibility_on_teachers_and_principals(es in proptest::collection::vec((0usize..20_000, 0usize..20_000, any::<bool>()), 40), day in 0i64..1500, soft_selection in any::<bool>()) {
        let ds = city();
        let (gurus, seats) = education();
        let date = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Duration::days(day);
        let rules = RuleSet { selective_opd_hard: !soft_selection, ..RuleSet::default() };
        let idx = CityIndex::new(ds, date, &rules, Scope::All);
        // Half the pairs go to a principal post: the education rules' gate against the
        // eligibility rules, pair by pair.
        let heads: Vec<u32> = seats.iter().copied().filter(|&s| ds.slot_position(s).is_principal()).collect();
        for (e, s, head) in es {
            let e = gurus[e % gurus.len()];
            let s = if head { heads[s % heads.len()] } else { seats[s % seats.len()] };
            check_pair(ds, &idx, e, s, date, &rules);
        }
    }

    #[test]
    fn index_agrees_with_eligibility_on_the_demo_city(es in proptest::collection::vec((0u32..19_000, 0u32..22_000), 40), day in 0i64..1500, variant in 0u8..8) {
        let ds = city();
        let date = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Duration::days(day);
        let rules = rules_variant(variant);
        let idx = CityIndex::new(ds, date, &rules, Scope::All);
        for (e, s) in es {
            let e = e % ds.employees().len() as u32;
            let s = s % ds.slots().len() as u32;
            check_pair(ds, &idx, e, s, date, &rules);
        }
    }

    #[test]
    fn index_agrees_with_eligibility_on_the_fixture(day in 0i64..1500, variant in 0u8..8) {
        let ds = fixture::small();
        let date = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Duration::days(day);
        let rules = rules_variant(variant);
        let idx = CityIndex::new(&ds, date, &rules, Scope::All);
        for e in 0..ds.employees().len() as u32 {
            for s in 0..ds.slots().len() as u32 {
                check_pair(&ds, &idx, e, s, date, &rules);
            }
        }
    }
}

#[test]
fn candidate_lists_are_sorted_bounded_and_match_the_city_count() {
    let ds = city();
    let date = demo::reference_date();
    let rules = RuleSet {
        candidates_top_k: 7,
        ..Default::default()
    };
    let lists = candidate_lists(ds, date, &rules, Scope::Open);
    let total = score_city(ds, date, &rules);
    assert_eq!(lists.pairs_scored, total.pairs);
    assert!(
        total.pairs > 1_000_000,
        "a real city has many eligible pairs: {}",
        total.pairs
    );
    assert_eq!(lists.moves.len(), ds.employees().len());
    let idx = CityIndex::new(ds, date, &rules, Scope::Open);
    for (e, l) in lists.moves.iter().enumerate() {
        assert!(l.len() <= 7);
        assert!(l.windows(2).all(|w| w[0].fit >= w[1].fit));
        for c in l {
            assert!(ds.slots()[c.slot as usize].is_open());
            assert_eq!(idx.pair(e as u32, c.slot).map(|f| f as f32), Some(c.fit));
        }
        assert_eq!(lists.stay[e].map(|c| c.slot), ds.employee_slot(e as u32));
    }
    // The top candidate really is the best eligible open slot.
    let e = lists.moves.iter().position(|l| l.len() == 7).unwrap() as u32;
    let mut best = f64::MIN;
    idx.for_each_target(e, |_, f| best = best.max(f));
    assert_eq!(best as f32, lists.moves[e as usize][0].fit);
}

fn wild_rules(
    tenure: (u8, u8),
    bup: u8,
    months: Vec<u8>,
    freeze: Option<(i64, i64)>,
    head: Option<i64>,
) -> RuleSet {
    let base = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
    let mut r = RuleSet {
        tenure_min_years: tenure.0.min(tenure.1),
        tenure_max_years: tenure.0.max(tenure.1),
        submission_months: months,
        election_freeze: freeze
            .map(|(a, len)| {
                vec![Period::new(
                    base + chrono::Duration::days(a),
                    base + chrono::Duration::days(a + len),
                )
                .unwrap()]
            })
            .unwrap_or_default(),
        kepala_daerah_inaugurated: head.map(|d| base + chrono::Duration::days(d)),
        ..Default::default()
    };
    r.bup = mutasi_core::rules::PerKind::from_fn(|_| bup);
    r.validate().unwrap();
    r
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Eligibility, fit and the per-employee queries never panic, whatever the date and rules.
    #[test]
    fn eligibility_never_panics(
        pairs in proptest::collection::vec((0u32..19_000, 0u32..22_000), 20),
        day in 0i64..40_000,
        tenure in (0u8..8, 0u8..8),
        bup in 40u8..=70,
        months in proptest::collection::vec(1u8..=12, 0..4),
        freeze in proptest::option::of((0i64..40_000, 0i64..900)),
        head in proptest::option::of(0i64..40_000),
    ) {
        let ds = city();
        let date = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Duration::days(day);
        let rules = wild_rules(tenure, bup, months, freeze, head);
        let idx = CityIndex::new(ds, date, &rules, Scope::All);
        for (e, s) in pairs {
            let e = e % ds.employees().len() as u32;
            let s = s % ds.slots().len() as u32;
            check_pair(ds, &idx, e, s, date, &rules);
            let v = eligibility(ds, e, s, date, &rules);
            for x in &v.items {
                prop_assert!(!x.reason.id.is_empty() && !x.reason.en.is_empty());
            }
            let _ = mutasi_core::query::career_path(ds, e, date, &rules);
            let p = mutasi_core::query::place(ds, e, date, &rules);
            prop_assert!(p.box_no.is_none_or(|b| (1..=9).contains(&b)));
            prop_assert_eq!(p.box_no.is_some(), p.kinerja.is_some());
        }
    }
}

#[test]
fn the_fast_loop_is_bit_identical_to_the_scorer() {
    let ds = city();
    let date = demo::reference_date();
    let rules = RuleSet::default();
    let idx = CityIndex::new(ds, date, &rules, Scope::Open);
    let mut checked = 0;
    for e in (0..ds.employees().len() as u32).step_by(53) {
        idx.for_each_target(e, |s, f| {
            assert_eq!(Some(f), idx.pair(e, s), "e{e} s{s}");
            checked += 1;
        });
    }
    assert!(checked > 10_000, "{checked}");
}
