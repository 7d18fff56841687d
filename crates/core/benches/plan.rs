//! Benchmarks of the city plan on the demo city (seed 1, ≈ 19.5k employees): the whole city,
//! all SD Negeri, and the whole city with a move limit (Lagrangian bisection).
//!
//! ```text
//! cargo bench -p mutasi-core --bench plan
//! ```
//!
//! Each measurement covers everything [`plan`] does: features and scoring of the candidate
//! pairs, the assignment solves with their certificate checks, and the report (fit breakdowns
//! and soft-rule verdicts of every move). A summary of each plan is printed once.

use criterion::{criterion_group, criterion_main, Criterion};
use mutasi_core::model::UnitKind;
use mutasi_core::plan::{plan, PlanRequest, Scope};
use mutasi_core::{demo, Dataset};

fn summary(name: &str, ds: &Dataset, req: &PlanRequest) {
    let p = plan(ds, req).expect("the demo city has a plan");
    let chains = p.groups.iter().filter(|g| g.moves.len() > 1).count();
    eprintln!(
        "{name}: {} rows, {} cols, {} edges, {} solves; {} moves in {} groups ({chains} with 2+ moves); \
         shortage {:.1} -> {:.1}; mean JPM {:.2} -> {:.2}; mean fit {:.2} -> {:.2}; rotations due {} -> {}; \
         units touched {}; lambda {:.3}, gap bound {:.3}",
        p.solver.rows,
        p.solver.cols,
        p.solver.edges,
        p.solver.solves,
        p.moves.len(),
        p.groups.len(),
        p.before.shortage,
        p.after.shortage,
        p.before.mean_jpm,
        p.after.mean_jpm,
        p.before.mean_fit,
        p.after.mean_fit,
        p.before.rotations_due,
        p.after.rotations_due,
        p.after.units_touched,
        p.solver.lambda,
        p.solver.gap_bound,
    );
}

fn city(c: &mut Criterion) {
    let ds = demo::generate(1);
    let date = demo::reference_date();
    let whole = PlanRequest::new(date);
    let schools = PlanRequest {
        scope: Scope::UnitKind {
            unit_kind: UnitKind::SdNegeri,
        },
        ..PlanRequest::new(date)
    };
    let limited = PlanRequest {
        max_moves: Some(200),
        ..PlanRequest::new(date)
    };
    summary("city", &ds, &whole);
    summary("sd_negeri", &ds, &schools);
    summary("city_max_200_moves", &ds, &limited);

    let mut g = c.benchmark_group("plan");
    g.sample_size(10);
    g.bench_function("demo_city_whole", |b| {
        b.iter(|| plan(&ds, &whole).unwrap().moves.len())
    });
    g.bench_function("demo_city_sd_negeri", |b| {
        b.iter(|| plan(&ds, &schools).unwrap().moves.len())
    });
    g.bench_function("demo_city_max_200_moves", |b| {
        b.iter(|| plan(&ds, &limited).unwrap().moves.len())
    });
    g.finish();
}

criterion_group!(benches, city);
criterion_main!(benches);
