//! Benchmarks of an instansi of about 100,000 ASN (`demo::generate_scaled(1, 5)`, five regions
//! of the demo city; issue 21's goal: a whole-instansi plan in ≤ 1.5 s): drawing the instansi,
//! indexing it (`Dataset::new` on its parts, what loading a file or a server start does) and the
//! whole-instansi plan.
//!
//! ```text
//! cargo bench -p mutasi-core --bench plan_scaled
//! MUTASI_BENCH_SCALE=10 cargo bench -p mutasi-core --bench plan_scaled   # another scale
//! ```
//!
//! The plan's measurement covers everything [`plan`] does, as in `benches/plan.rs`; a summary
//! of the plan is printed once.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use mutasi_core::plan::{plan, PlanRequest};
use mutasi_core::{demo, Dataset, DatasetParts};

/// The scale benchmarked: `MUTASI_BENCH_SCALE`, else 5 (≈ 97,000 ASN).
fn scale() -> u32 {
    std::env::var("MUTASI_BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5)
}

fn instansi(c: &mut Criterion) {
    let scale = scale();
    let ds = demo::generate_scaled(1, scale);
    let req = PlanRequest::new(demo::reference_date());
    let p = plan(&ds, &req).expect("the scaled instansi has a plan");
    eprintln!(
        "scale {scale}: {} employees, {} units, {} slots; plan: {} rows, {} cols, {} edges, \
         {} solves; {} moves in {} groups; shortage {:.1} -> {:.1}; mean fit {:.2} -> {:.2}; \
         rotations due {} -> {}",
        ds.employees().len(),
        ds.units().len(),
        ds.slots().len(),
        p.solver.rows,
        p.solver.cols,
        p.solver.edges,
        p.solver.solves,
        p.moves.len(),
        p.groups.len(),
        p.before.shortage,
        p.after.shortage,
        p.before.mean_fit,
        p.after.mean_fit,
        p.before.rotations_due,
        p.after.rotations_due,
    );
    let parts: DatasetParts = serde_json::from_value(serde_json::to_value(&ds).expect("json"))
        .expect("the instansi's parts");

    let mut g = c.benchmark_group("plan_scaled");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function(format!("generate_x{scale}"), |b| {
        b.iter(|| demo::generate_scaled(1, scale).employees().len())
    });
    g.bench_function(format!("index_x{scale}"), |b| {
        b.iter(|| {
            Dataset::new(parts.clone())
                .expect("valid")
                .employees()
                .len()
        })
    });
    g.bench_function(format!("whole_instansi_x{scale}"), |b| {
        b.iter(|| plan(&ds, &req).unwrap().moves.len())
    });
    g.finish();
}

criterion_group!(benches, instansi);
criterion_main!(benches);
