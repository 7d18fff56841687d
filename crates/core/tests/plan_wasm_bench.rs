//! The city plan in headless Chromium (wasm): the whole demo city planned in the browser,
//! timed, and checked against the native answer's figures. No assertion depends on time.
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_DIR=/work/target-lap \
//!   cargo test -p mutasi-core --release --target wasm32-unknown-unknown --test plan_wasm_bench
//! ```
//! The figures it prints go to docs/BENCHMARKS.md (native: `cargo bench --bench plan`).
#![cfg(target_arch = "wasm32")]

use mutasi_core::demo;
use mutasi_core::plan::{plan, PlanRequest};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn plan_the_demo_city_in_the_browser() {
    let ds = demo::generate(1);
    let req = PlanRequest::new(demo::reference_date());
    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..5 {
        let t = js_sys::Date::now();
        let p = plan(&ds, &req).expect("the demo city has a plan");
        best = best.min(js_sys::Date::now() - t);
        last = Some(p);
    }
    let p = last.unwrap();
    console_log!(
        "wasm: plan of the whole demo city, best of 5: {best:.0} ms; {} rows, {} edges, {} moves",
        p.solver.rows,
        p.solver.edges,
        p.moves.len()
    );
    // The same plan as natively (see benches/plan.rs and docs/BENCHMARKS.md).
    assert!(p.solver.certified);
    assert_eq!(p.solver.rows, 19423);
    assert!(p.after.shortage < p.before.shortage);
    assert!(p.after.rotations_due < p.before.rotations_due);
}
