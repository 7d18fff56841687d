//! Scoring the whole demo city: every employee against every open slot (the figure a planner
//! waits for), and the candidate lists the optimiser consumes.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-core cargo bench -p mutasi-core --bench score_city
//! ```
//! Prints pairs scored and pairs/second besides criterion's timings.

use criterion::{criterion_group, criterion_main, Criterion};
use mutasi_core::city::{candidate_lists, score_city, Scope};
use mutasi_core::{demo, RuleSet};
use std::hint::black_box;
use std::time::Instant;

fn bench(c: &mut Criterion) {
    let t = Instant::now();
    let ds = demo::generate(1);
    let gen = t.elapsed();
    let date = demo::reference_date();
    let rules = RuleSet::default();
    let t = Instant::now();
    let s = score_city(&ds, date, &rules);
    let once = t.elapsed();
    println!(
        "demo city: {} employees, {} open target slots; generated in {:.0} ms; {} eligible pairs scored in {:.1} ms ({:.1} M pairs/s)",
        ds.employees().len(),
        s.targets,
        gen.as_secs_f64() * 1e3,
        s.pairs,
        once.as_secs_f64() * 1e3,
        s.pairs as f64 / once.as_secs_f64() / 1e6
    );
    let mut g = c.benchmark_group("city");
    g.sample_size(20);
    g.bench_function("score_city (open slots)", |b| {
        b.iter(|| black_box(score_city(black_box(&ds), date, &rules)))
    });
    g.bench_function("candidate_lists top-50 (open slots)", |b| {
        b.iter(|| black_box(candidate_lists(black_box(&ds), date, &rules, Scope::Open)))
    });
    g.bench_function("demo::generate", |b| {
        b.iter(|| black_box(demo::generate(black_box(1))))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
