//! Scoring the demo city in headless Chromium (wasm): prints timings, asserts what it computed.
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_DIR=/work/target-core \
//!   cargo test -p mutasi-core --release --target wasm32-unknown-unknown --test wasm_bench_score
//! ```
//! The figures it prints go to docs/BENCHMARKS.md; no assertion depends on time.
#![cfg(target_arch = "wasm32")]

use mutasi_core::city::{candidate_lists, score_city, Scope};
use mutasi_core::{demo, RuleSet};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[wasm_bindgen_test]
fn score_the_demo_city_in_the_browser() {
    let t = now_ms();
    let ds = demo::generate(1);
    let gen = now_ms() - t;
    let date = demo::reference_date();
    let rules = RuleSet::default();
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..7 {
        let t = now_ms();
        let s = score_city(&ds, date, &rules);
        times.push(now_ms() - t);
        last = Some(s);
    }
    times.sort_by(f64::total_cmp);
    let (best, median) = (times[0], times[times.len() / 2]);
    let s = last.unwrap();
    let t = now_ms();
    let lists = candidate_lists(&ds, date, &rules, Scope::Open);
    let lists_ms = now_ms() - t;
    console_log!(
        "wasm: generate {gen:.0} ms; score_city of 7 runs: best {best:.1} ms, median {median:.1} ms, {} pairs ({:.1} M pairs/s at the median); candidate lists {lists_ms:.1} ms",
        s.pairs,
        s.pairs as f64 / median / 1e3
    );
    // Same city, same answers as natively: tests/demo.rs checks the same golden figures.
    let golden: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/demo_seed1_golden.json")).unwrap();
    assert_eq!(
        ds.employees().len() as u64,
        golden["employees"].as_u64().unwrap()
    );
    assert_eq!(s.targets as u64, golden["targets"].as_u64().unwrap());
    assert_eq!(s.pairs, golden["pairs"].as_u64().unwrap());
    let sum = golden["score_sum"].as_f64().unwrap();
    assert!(
        (s.score_sum - sum).abs() <= sum * 1e-12,
        "{} vs {sum}",
        s.score_sum
    );
    assert_eq!(s.pairs, lists.pairs_scored);
    assert!(s.pairs > 1_000_000);
    assert!(lists
        .moves
        .iter()
        .all(|l| l.len() <= rules.candidates_top_k));
}
