//! One timed run of the `pathfinding` crate's `kuhn_munkres_min` and of the dense solver on the
//! same seeded random integer matrix (the `lap` benchmark's matrix): a quick check of both the
//! optimum and the speed ratio at any size, without criterion's repeated sampling.
//!
//! ```text
//! cargo run -p mutasi-core --release --example lap_kuhn_munkres -- 2000
//! ```

use std::time::Instant;

use mutasi_core::demo::Rng;
use mutasi_core::lap::DenseProblem;
use pathfinding::prelude::{kuhn_munkres_min, Matrix};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().expect("N must be a number"))
        .unwrap_or(2000);
    let mut rng = Rng::new(42);
    let costs: Vec<i64> = (0..n * n).map(|_| rng.below(1_000_000) as i64).collect();

    let start = Instant::now();
    let ours = DenseProblem::new(n, n, costs.clone())
        .expect("valid costs")
        .solve()
        .total;
    let ours_ms = start.elapsed().as_secs_f64() * 1e3;

    let matrix = Matrix::from_vec(n, n, costs).expect("square matrix");
    let start = Instant::now();
    let (theirs, _) = kuhn_munkres_min(&matrix);
    let theirs_ms = start.elapsed().as_secs_f64() * 1e3;

    println!("n {n}");
    println!("mutasi optimum {ours} in {ours_ms:.1} ms");
    println!("kuhn_munkres_min optimum {theirs} in {theirs_ms:.1} ms");
    println!("ratio {:.1}", theirs_ms / ours_ms);
    assert_eq!(ours, theirs, "the optima differ");
}
