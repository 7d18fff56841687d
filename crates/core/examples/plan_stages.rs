//! Times each stage of the whole plan ([`plan_observed`]) on the demo city or a scaled
//! instansi, best of a few runs, for profiling (`perf record` on this example) and for a quick
//! before/after of a change to the planner. Prints the plan's size so two builds can be
//! checked to plan the same.
//!
//! ```text
//! cargo run --release -p mutasi-core --example plan_stages -- [scale] [runs]
//! ```

use std::time::Instant;

use mutasi_core::demo;
use mutasi_core::plan::{plan_observed, Breakdown, PlanRequest, Stage};

fn main() {
    let mut args = std::env::args().skip(1);
    let scale: u32 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let runs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    let ds = demo::generate_scaled(1, scale);
    let req = PlanRequest::new(demo::reference_date());
    let mut best = [f64::INFINITY; 4];
    let mut summary = String::new();
    for _ in 0..runs {
        let mut marks: Vec<(Stage, Instant)> = Vec::new();
        let start = Instant::now();
        let p = plan_observed(&ds, &req, Breakdown::ScoreOnly, &mut |s| {
            marks.push((s, Instant::now()))
        })
        .expect("the demo has a plan");
        let end = Instant::now();
        let at = |i: usize| marks.get(i).map_or(end, |m| m.1);
        let times = [
            (at(1) - at(0)).as_secs_f64(),
            (at(2) - at(1)).as_secs_f64(),
            (end - at(2)).as_secs_f64(),
            (end - start).as_secs_f64(),
        ];
        for (b, t) in best.iter_mut().zip(times) {
            *b = b.min(t);
        }
        // The whole plan, hashed: equal hashes from two builds mean the same plan.
        let json = serde_json::to_string(&p).expect("a plan is JSON");
        let mut hash = std::hash::DefaultHasher::new();
        std::hash::Hash::hash(&json, &mut hash);
        summary = format!(
            "{} rows, {} cols, {} edges, {} moves, plan JSON {} bytes, hash {:016x}",
            p.solver.rows,
            p.solver.cols,
            p.solver.edges,
            p.moves.len(),
            json.len(),
            std::hash::Hasher::finish(&hash)
        );
    }
    println!(
        "scale {scale}, best of {runs}: candidates {:.0} ms, solving {:.0} ms, report {:.0} ms, whole {:.0} ms; {summary}",
        best[0] * 1e3,
        best[1] * 1e3,
        best[2] * 1e3,
        best[3] * 1e3
    );
}
