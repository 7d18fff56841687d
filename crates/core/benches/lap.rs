//! Benchmarks of the exact assignment solvers: dense 2000×2000 random integer and float costs
//! (seeded), the same integer matrices through the `pathfinding` crate's `kuhn_munkres_min`, and
//! a sparse problem shaped like the city plan (candidate lists of 50 columns per row).
//!
//! ```text
//! cargo bench -p mutasi-core --bench lap
//! ```
//!
//! The comparison with scipy runs outside criterion: `scripts/bench-scipy.sh`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use mutasi_core::demo::Rng;
use mutasi_core::lap::{DenseProblem, SparseProblem};
use pathfinding::prelude::{kuhn_munkres_min, Matrix};

fn ints(n: usize, seed: u64) -> Vec<i64> {
    let mut rng = Rng::new(seed);
    (0..n * n).map(|_| rng.below(1_000_000) as i64).collect()
}

fn floats(n: usize, seed: u64) -> Vec<f64> {
    let mut rng = Rng::new(seed);
    (0..n * n).map(|_| rng.unit()).collect()
}

fn dense(c: &mut Criterion) {
    let mut g = c.benchmark_group("lap_dense");
    g.sample_size(10);
    for n in [500usize, 2000] {
        let int_costs = ints(n, 42);
        g.bench_with_input(BenchmarkId::new("mutasi_i64", n), &int_costs, |b, costs| {
            b.iter(|| {
                DenseProblem::new(n, n, costs.clone())
                    .unwrap()
                    .solve()
                    .total
            })
        });
        let float_costs = floats(n, 42);
        g.bench_with_input(
            BenchmarkId::new("mutasi_f64", n),
            &float_costs,
            |b, costs| {
                b.iter(|| {
                    DenseProblem::new(n, n, costs.clone())
                        .unwrap()
                        .solve()
                        .total
                })
            },
        );
        let wide = ints(n, 7)[..n / 2 * n].to_vec();
        g.bench_with_input(
            BenchmarkId::new("mutasi_i64_half_rows", n),
            &wide,
            |b, costs| {
                b.iter(|| {
                    DenseProblem::new(n / 2, n, costs.clone())
                        .unwrap()
                        .solve()
                        .total
                })
            },
        );
    }
    g.finish();
}

fn pathfinding_kuhn_munkres(c: &mut Criterion) {
    let mut g = c.benchmark_group("lap_dense");
    g.sample_size(10);
    // kuhn_munkres_min needs `Ord` costs, so only the integer matrices are compared.
    for n in [500usize, 2000] {
        let m = Matrix::from_vec(n, n, ints(n, 42)).unwrap();
        g.bench_with_input(
            BenchmarkId::new("pathfinding_kuhn_munkres_min", n),
            &m,
            |b, m| b.iter(|| kuhn_munkres_min(m).0),
        );
    }
    g.finish();
}

fn sparse(c: &mut Criterion) {
    // 20 000 rows, 24 000 columns, 50 candidates per row including the row's own column, cheapest
    // to stay: the shape of the city plan.
    let (n, m, k) = (20_000usize, 24_000usize, 50usize);
    let mut rng = Rng::new(5);
    let rows: Vec<Vec<(usize, i64)>> = (0..n)
        .map(|i| {
            let mut row = vec![(i, 0i64)];
            while row.len() < k {
                let j = rng.below(m as u64) as usize;
                if row.iter().all(|&(c, _)| c != j) {
                    row.push((j, rng.below(1000) as i64 - 100));
                }
            }
            row
        })
        .collect();
    let p = SparseProblem::from_rows(m, rows.iter().map(|r| r.iter().copied())).unwrap();
    let mut g = c.benchmark_group("lap_sparse");
    g.sample_size(10);
    g.bench_function("city_shaped_20000x24000_k50", |b| {
        b.iter(|| p.solve().unwrap().total)
    });
    g.finish();
}

criterion_group!(benches, dense, pathfinding_kuhn_munkres, sparse);
criterion_main!(benches);
