//! Tests of the exact assignment solvers. Every solution is proven optimal by `verify`; small
//! instances are also compared with brute force, larger ones with an independent solver (the
//! `pathfinding` crate's Kuhn–Munkres). The instances are generated here from fixed seeds: the
//! repository holds no benchmark files (the OR-Library ones are read by the `lap` example, from
//! a path given on its command line). Native only: proptest does not build for wasm32.
//!
//! Longer than 500 lines on purpose: one suite per solver contract, its brute-force and
//! independent oracles shared by every case; splitting it would split the oracles too.
#![cfg(not(target_arch = "wasm32"))]

use mutasi_core::demo::Rng;
use mutasi_core::lap::{
    verify, Assignment, Cost, DenseProblem, LapError, SparseProblem, VerifyError,
};
use pathfinding::prelude::{kuhn_munkres_min, Matrix};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// Helpers: solve and prove, brute force, small generators.
// ---------------------------------------------------------------------------------------------

/// Solve a dense problem, prove the answer optimal, return it. The same matrix given
/// column-major must give the very same answer.
fn dense<C: Cost>(rows: usize, cols: usize, costs: Vec<C>) -> Assignment<C> {
    let column_major = transposed(rows, cols, &costs);
    let p = DenseProblem::new(rows, cols, costs).expect("valid problem");
    let a = p.solve();
    verify(&p, &a).unwrap_or_else(|e| panic!("certificate rejected: {e}\n{a:?}"));
    assert_eq!(a.len(), rows.min(cols));
    let q = DenseProblem::new_column_major(rows, cols, column_major).expect("valid problem");
    assert!(q.is_column_major());
    let b = q.solve();
    verify(&q, &b).unwrap_or_else(|e| panic!("column-major certificate rejected: {e}\n{b:?}"));
    assert_eq!(
        b, a,
        "{rows}x{cols}: column-major input gives another answer"
    );
    for (row, col) in [(0, 0), (rows.saturating_sub(1), cols.saturating_sub(1))] {
        if row < rows && col < cols {
            assert_eq!(q.cost(row, col), p.cost(row, col));
        }
    }
    a
}

/// Solve a sparse problem; if solved, prove it optimal.
fn sparse<C: Cost>(cols: usize, rows: &[Vec<(usize, C)>]) -> Result<Assignment<C>, LapError> {
    let p = SparseProblem::from_rows(cols, rows.iter().map(|r| r.iter().copied()))
        .expect("valid problem");
    let res = p.solve();
    if let Ok(a) = &res {
        verify(&p, a).unwrap_or_else(|e| panic!("certificate rejected: {e}\n{a:?}"));
        assert_eq!(a.len(), rows.len());
    }
    res
}

/// The cheapest assignment of the smaller side by exhaustive search, `None` if there is none.
/// `cost(i, j) == None` means the pair is forbidden. Covers rows when `rows <= cols`, columns
/// otherwise.
fn brute_force(
    rows: usize,
    cols: usize,
    cost: &dyn Fn(usize, usize) -> Option<i128>,
) -> Option<i128> {
    fn go(
        k: usize,
        a: usize,
        b: usize,
        used: &mut Vec<bool>,
        cost: &dyn Fn(usize, usize) -> Option<i128>,
    ) -> Option<i128> {
        if k == a {
            return Some(0);
        }
        let mut best: Option<i128> = None;
        for t in 0..b {
            if used[t] {
                continue;
            }
            if let Some(c) = cost(k, t) {
                used[t] = true;
                if let Some(rest) = go(k + 1, a, b, used, cost) {
                    best = Some(best.map_or(c + rest, |b| b.min(c + rest)));
                }
                used[t] = false;
            }
        }
        best
    }
    if rows <= cols {
        go(0, rows, cols, &mut vec![false; cols], cost)
    } else {
        go(0, cols, rows, &mut vec![false; rows], &|j, i| cost(i, j))
    }
}

fn brute_force_f64(rows: usize, cols: usize, costs: &[f64]) -> f64 {
    fn go(
        k: usize,
        a: usize,
        b: usize,
        used: &mut Vec<bool>,
        cost: &dyn Fn(usize, usize) -> f64,
    ) -> f64 {
        if k == a {
            return 0.0;
        }
        let mut best = f64::INFINITY;
        for t in 0..b {
            if !used[t] {
                used[t] = true;
                best = best.min(cost(k, t) + go(k + 1, a, b, used, cost));
                used[t] = false;
            }
        }
        best
    }
    if rows <= cols {
        go(0, rows, cols, &mut vec![false; cols], &|i, j| {
            costs[i * cols + j]
        })
    } else {
        go(0, cols, rows, &mut vec![false; rows], &|j, i| {
            costs[i * cols + j]
        })
    }
}

fn random_ints(rng: &mut Rng, len: usize, range: u64) -> Vec<i64> {
    (0..len).map(|_| rng.below(range) as i64).collect()
}

/// The optimum by an independent implementation (Kuhn–Munkres of the `pathfinding` crate),
/// for `rows <= cols`.
fn kuhn_munkres(rows: usize, cols: usize, costs: &[i64]) -> i64 {
    let matrix = Matrix::from_vec(rows, cols, costs.to_vec()).expect("rows × cols costs");
    kuhn_munkres_min(&matrix).0
}

// ---------------------------------------------------------------------------------------------
// Brute force on all small shapes.
// ---------------------------------------------------------------------------------------------

fn small_matrix(max: usize, lo: i64, hi: i64) -> impl Strategy<Value = (usize, usize, Vec<i64>)> {
    (0..=max, 0..=max)
        .prop_flat_map(move |(n, m)| (Just(n), Just(m), proptest::collection::vec(lo..hi, n * m)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn dense_int_matches_brute_force((n, m, costs) in small_matrix(7, -20, 20)) {
        let a = dense(n, m, costs.clone());
        let best = brute_force(n, m, &|i, j| Some(costs[i * m + j] as i128)).unwrap();
        prop_assert_eq!(a.total as i128, best);
    }

    #[test]
    fn dense_int_with_many_ties_matches_brute_force((n, m, costs) in small_matrix(7, 0, 3)) {
        let a = dense(n, m, costs.clone());
        let best = brute_force(n, m, &|i, j| Some(costs[i * m + j] as i128)).unwrap();
        prop_assert_eq!(a.total as i128, best);
    }

    #[test]
    fn dense_float_matches_brute_force(
        (n, m, costs) in (0..=7usize, 0..=7usize).prop_flat_map(|(n, m)| {
            (Just(n), Just(m), proptest::collection::vec(-1.0e3..1.0e3f64, n * m))
        })
    ) {
        let a = dense(n, m, costs.clone());
        let best = brute_force_f64(n, m, &costs);
        prop_assert!((a.total - best).abs() <= 1e-9 * (1.0 + best.abs()), "{} vs {}", a.total, best);
    }

    #[test]
    fn sparse_matches_brute_force(
        (n, m, cells) in (0..=7usize, 0..=7usize).prop_flat_map(|(n, m)| {
            (Just(n), Just(m), proptest::collection::vec(proptest::option::weighted(0.6, -20i64..20), n * m))
        })
    ) {
        let rows: Vec<Vec<(usize, i64)>> = (0..n)
            .map(|i| (0..m).filter_map(|j| cells[i * m + j].map(|c| (j, c))).collect())
            .collect();
        // The sparse solver must cover every row.
        let best = if n <= m {
            brute_force(n, m, &|i, j| cells[i * m + j].map(i128::from))
        } else {
            None
        };
        match (sparse(m, &rows), best) {
            (Ok(a), Some(best)) => prop_assert_eq!(a.total as i128, best),
            (Err(LapError::Infeasible { row, rows: hall, cols }), None) => {
                // The Hall violator really is one: its rows only reach its columns, one too few.
                prop_assert!(hall.contains(&row));
                prop_assert_eq!(hall.len(), cols.len() + 1);
                for &i in &hall {
                    for &(j, _) in &rows[i] {
                        prop_assert!(cols.contains(&j));
                    }
                }
            }
            (res, best) => prop_assert!(false, "solver {res:?}, brute force {best:?}"),
        }
    }

    #[test]
    fn sparse_float_is_certified(
        (n, m, cells) in (0..=7usize, 0..=7usize).prop_flat_map(|(n, m)| {
            (Just(n), Just(m), proptest::collection::vec(proptest::option::weighted(0.7, -50.0..50.0f64), n * m))
        })
    ) {
        let rows: Vec<Vec<(usize, f64)>> = (0..n)
            .map(|i| (0..m).filter_map(|j| cells[i * m + j].map(|c| (j, c))).collect())
            .collect();
        let feasible = n <= m && brute_force(n, m, &|i, j| cells[i * m + j].map(|_| 0)).is_some();
        prop_assert_eq!(sparse(m, &rows).is_ok(), feasible);
    }
}

// ---------------------------------------------------------------------------------------------
// Instances of the OR-Library family (Beasley's `assign100` … `assign800`: n×n integer costs
// uniform in 1..=100), generated from fixed seeds.
// ---------------------------------------------------------------------------------------------

/// An n×n instance of the OR-Library family.
fn orlib_like(n: usize, seed: u64) -> Vec<i64> {
    let mut rng = Rng::new(seed);
    (0..n * n).map(|_| rng.range(1, 100)).collect()
}

#[test]
fn instances_of_the_orlib_family_reach_the_independent_optimum() {
    for (n, seed) in [(100, 1), (200, 2), (300, 3)] {
        let costs = orlib_like(n, seed);
        let optimum = kuhn_munkres(n, n, &costs);
        // Costs of at least 1 per row, at most 100: a sanity bound on the optimum itself.
        assert!(
            (n as i64..=100 * n as i64).contains(&optimum),
            "n {n}: {optimum}"
        );
        let a = dense(n, n, costs.clone());
        assert_eq!(a.total, optimum, "n {n} (dense, i64)");
        let f = dense(n, n, costs.iter().map(|&c| c as f64).collect());
        assert_eq!(f.total, optimum as f64, "n {n} (dense, f64)");
        let rows: Vec<Vec<(usize, i64)>> = (0..n)
            .map(|i| (0..n).map(|j| (j, costs[i * n + j])).collect())
            .collect();
        assert_eq!(sparse(n, &rows).unwrap().total, optimum, "n {n} (sparse)");
    }
}

#[test]
fn an_instance_of_the_orlib_family_as_rectangular_problems() {
    let n = 100;
    let costs = orlib_like(n, 4);
    // First 60 rows: a wide problem; its transpose: a tall one. Same optimum either way.
    let k = 60;
    let wide: Vec<i64> = costs[..k * n].to_vec();
    let a = dense(k, n, wide.clone());
    let b = dense(n, k, transposed(k, n, &wide));
    assert_eq!(a.total, b.total);
    assert_eq!(a.total, kuhn_munkres(k, n, &wide));
    let rows: Vec<Vec<(usize, i64)>> = (0..k)
        .map(|i| (0..n).map(|j| (j, wide[i * n + j])).collect())
        .collect();
    assert_eq!(sparse(n, &rows).unwrap().total, a.total);
}

// ---------------------------------------------------------------------------------------------
// Larger random problems: dense and sparse agree, both certified.
// ---------------------------------------------------------------------------------------------

#[test]
fn random_dense_and_sparse_agree() {
    let mut rng = Rng::new(7);
    for &(n, m, range) in &[
        (120, 120, 1000),
        (80, 150, 100),
        (150, 80, 100),
        (100, 100, 3),
        (60, 60, 1_000_000_000),
    ] {
        let costs = random_ints(&mut rng, n * m, range);
        let a = dense(n, m, costs.clone());
        if n <= m {
            assert_eq!(a.total, kuhn_munkres(n, m, &costs), "{n}x{m} independent");
            let rows: Vec<Vec<(usize, i64)>> = (0..n)
                .map(|i| (0..m).map(|j| (j, costs[i * m + j])).collect())
                .collect();
            assert_eq!(sparse(m, &rows).unwrap().total, a.total, "{n}x{m}");
        }
        let f = dense(n, m, costs.iter().map(|&c| c as f64).collect());
        assert_eq!(f.total, a.total as f64, "{n}x{m} float");
    }
}

#[test]
fn random_float_costs_are_certified() {
    let mut rng = Rng::new(11);
    for &(n, m) in &[(200, 200), (120, 250), (250, 120)] {
        let costs: Vec<f64> = (0..n * m).map(|_| rng.unit()).collect();
        dense(n, m, costs);
    }
}

#[test]
fn random_sparse_candidate_lists_are_certified() {
    let mut rng = Rng::new(3);
    let (n, m, k) = (600, 900, 12);
    let rows: Vec<Vec<(usize, i64)>> = (0..n)
        .map(|i| {
            // The own column plus k random distinct others, like the city's candidate lists.
            let mut cols = vec![i];
            while cols.len() < k {
                let j = rng.below(m as u64) as usize;
                if !cols.contains(&j) {
                    cols.push(j);
                }
            }
            cols.into_iter()
                .map(|j| (j, rng.below(500) as i64 - 250))
                .collect()
        })
        .collect();
    let a = sparse(m, &rows).unwrap();
    // Determinism: the same input gives the same answer.
    assert_eq!(sparse(m, &rows).unwrap(), a);
}

// ---------------------------------------------------------------------------------------------
// The benchmark families (`lap_matrix` example): many ties, Machol–Wien, rectangular both ways.
// ---------------------------------------------------------------------------------------------

/// The Machol–Wien matrix `c_ij = i·j` (0-based), hard for shortest augmenting paths.
fn machol_wien(rows: usize, cols: usize) -> Vec<i64> {
    (0..rows * cols)
        .map(|k| ((k / cols) * (k % cols)) as i64)
        .collect()
}

/// The transpose of a row-major `rows × cols` matrix.
fn transposed<C: Copy>(rows: usize, cols: usize, costs: &[C]) -> Vec<C> {
    (0..cols * rows)
        .map(|k| costs[(k % rows) * cols + k / rows])
        .collect()
}

/// Solves `rows × cols` and its transpose, checks both against the independent optimum, and that
/// the tall problem's assignment is the wide one's, transposed. Returns the optimum.
fn both_orientations(rows: usize, cols: usize, costs: &[i64]) -> i64 {
    let (wide, (n, m)) = if rows <= cols {
        (costs.to_vec(), (rows, cols))
    } else {
        (transposed(rows, cols, costs), (cols, rows))
    };
    let optimum = kuhn_munkres(n, m, &wide);
    let a = dense(n, m, wide.clone());
    let b = dense(m, n, transposed(n, m, &wide));
    assert_eq!((a.total, b.total), (optimum, optimum), "{rows}x{cols}");
    assert_eq!(b.row_to_col, a.col_to_row, "{rows}x{cols}");
    assert_eq!(b.col_duals, a.row_duals, "{rows}x{cols}");
    optimum
}

#[test]
fn machol_wien_costs_reach_the_known_optimum() {
    // Square: the anti-diagonal, Σ i·(n−1−i).
    for n in [2usize, 3, 17, 64, 150] {
        let known: i64 = (0..n as i64).map(|i| i * (n as i64 - 1 - i)).sum();
        assert_eq!(dense(n, n, machol_wien(n, n)).total, known, "n {n}");
        assert_eq!(kuhn_munkres(n, n, &machol_wien(n, n)), known, "n {n}");
        let f = machol_wien(n, n).iter().map(|&c| c as f64).collect();
        assert_eq!(dense(n, n, f).total, known as f64, "n {n} (f64)");
    }
    for (rows, cols) in [(40, 90), (90, 40), (1, 30), (30, 1)] {
        both_orientations(rows, cols, &machol_wien(rows, cols));
    }
}

#[test]
fn low_range_costs_with_many_ties_reach_the_independent_optimum() {
    let mut rng = Rng::new(23);
    for (n, range) in [(200, 100), (150, 2), (120, 1)] {
        let costs = random_ints(&mut rng, n * n, range);
        let a = dense(n, n, costs.clone());
        assert_eq!(a.total, kuhn_munkres(n, n, &costs), "{n} in 0..{range}");
        // Ties are broken the same way every time.
        assert_eq!(dense(n, n, costs), a);
    }
    // 1..=100 at the OR-Library's largest size, where the optimum is no longer 0.
    let costs = orlib_like(400, 9);
    assert_eq!(
        dense(400, 400, costs.clone()).total,
        kuhn_munkres(400, 400, &costs)
    );
}

#[test]
fn rectangular_problems_agree_in_both_orientations() {
    let mut rng = Rng::new(31);
    // Sizes off the transpose's 32×32 tiles, one row or column, and the 1:3 benchmark shape.
    for (rows, cols, range) in [
        (70, 33, 1000),
        (33, 70, 5),
        (1, 9, 10),
        (9, 1, 10),
        (100, 300, 1_000_000),
    ] {
        let costs = random_ints(&mut rng, rows * cols, range);
        both_orientations(rows, cols, &costs);
        let f: Vec<f64> = costs.iter().map(|&c| c as f64 / 7.0).collect();
        let (a, b) = (
            dense(rows, cols, f.clone()),
            dense(cols, rows, transposed(rows, cols, &f)),
        );
        assert_eq!(a.total, b.total, "{rows}x{cols} (f64)");
    }
}

// ---------------------------------------------------------------------------------------------
// Edge cases: empty, ties, infeasible, extreme costs, rejection.
// ---------------------------------------------------------------------------------------------

#[test]
fn empty_problems() {
    assert_eq!(dense::<i64>(0, 0, vec![]).total, 0);
    assert_eq!(dense::<i64>(0, 5, vec![]).total, 0);
    assert_eq!(dense::<i64>(5, 0, vec![]).total, 0);
    let a = sparse::<i64>(4, &[]).unwrap();
    assert_eq!(a.total, 0);
    assert_eq!(a.col_duals, vec![0; 4]);
}

#[test]
fn all_ties() {
    let a = dense(9, 9, vec![4i64; 81]);
    assert_eq!(a.total, 36);
    let b = dense(5, 9, vec![-2.5f64; 45]);
    assert_eq!(b.total, -12.5);
    // Ties are broken the same way every time.
    assert_eq!(dense(9, 9, vec![4i64; 81]), a);
}

#[test]
fn rectangular_spare_columns_keep_zero_duals() {
    // Two rows, four columns; columns 1 and 3 stay free and must have v = 0.
    let a = dense(2, 4, vec![5, 9, 1, 9, 2, 9, 8, 9]);
    assert_eq!(a.total, 3);
    assert_eq!(a.row_to_col, vec![Some(2), Some(0)]);
    assert_eq!(a.col_duals[1], 0);
    assert_eq!(a.col_duals[3], 0);
    assert!(a.col_duals.iter().all(|&v| v <= 0));
}

#[test]
fn sparse_infeasible_names_the_row_and_a_hall_violator() {
    let rows = vec![
        vec![(0, 1i64), (1, 1)],
        vec![(0, 2)],
        vec![(0, 3)],
        vec![(2, 0)],
    ];
    match sparse(3, &rows) {
        Err(LapError::Infeasible { row, rows, cols }) => {
            // Row 1 took column 0 from row 0 (which moved to column 1); rows 1 and 2 then
            // compete for column 0 alone.
            assert_eq!(row, 2);
            assert_eq!(rows, vec![1, 2]);
            assert_eq!(cols, vec![0]);
        }
        other => panic!("expected infeasible, got {other:?}"),
    }
    match sparse(3, &[vec![(0, 1i64)], vec![]]) {
        Err(LapError::Infeasible { row: 1, rows, cols }) => {
            assert_eq!(rows, vec![1]);
            assert!(cols.is_empty());
        }
        other => panic!("expected infeasible, got {other:?}"),
    }
    // More rows than columns can never be fully assigned.
    assert!(matches!(
        sparse(1, &[vec![(0, 1i64)], vec![(0, 1)]]),
        Err(LapError::Infeasible { row: 1, .. })
    ));
}

#[test]
fn sparse_chain_through_many_rows() {
    // Row i may take column i (cost 1) or i+1 (cost 0); column 0 is only reachable by row 0.
    // Optimal: everyone shifts (total 0) except that leaves column 0 empty, which is allowed.
    let n = 50;
    let rows: Vec<Vec<(usize, i64)>> = (0..n).map(|i| vec![(i, 1), (i + 1, 0)]).collect();
    let a = sparse(n + 1, &rows).unwrap();
    assert_eq!(a.total, 0);
    // Now forbid the last column: everyone has to take column i.
    let rows: Vec<Vec<(usize, i64)>> = (0..n)
        .map(|i| {
            if i + 1 < n {
                vec![(i, 1), (i + 1, 0)]
            } else {
                vec![(i, 1)]
            }
        })
        .collect();
    let a = sparse(n, &rows).unwrap();
    assert_eq!(a.total, n as i64);
}

#[test]
fn extreme_integer_costs_solve_exactly_or_are_refused() {
    let (n, m) = (3, 4);
    let limit = i64::safe_limit(n + m) as i64;
    let costs = vec![
        limit,
        -limit,
        limit - 1,
        0,
        -limit,
        limit,
        3,
        limit,
        limit,
        limit,
        -limit,
        -1,
    ];
    let a = dense(n, m, costs.clone());
    let best = brute_force(n, m, &|i, j| Some(costs[i * m + j] as i128)).unwrap();
    assert_eq!(a.total as i128, best);
    let rows: Vec<Vec<(usize, i64)>> = (0..n)
        .map(|i| (0..m).map(|j| (j, costs[i * m + j])).collect())
        .collect();
    assert_eq!(sparse(m, &rows).unwrap().total as i128, best);

    for bad in [limit + 1, i64::MAX, i64::MIN, -limit - 1] {
        let mut c = costs.clone();
        c[5] = bad;
        match DenseProblem::new(n, m, c) {
            Err(LapError::CostTooLarge { row: 1, col: 1, .. }) => {}
            other => panic!("expected CostTooLarge, got {other:?}"),
        }
    }
    let sparse_limit = i64::safe_limit(2 + 2) as i64;
    for bad in [sparse_limit + 1, i64::MAX, i64::MIN, -sparse_limit - 1] {
        match SparseProblem::from_rows(2, [vec![(0usize, 0i64)], vec![(1, bad)]]) {
            Err(LapError::CostTooLarge { row: 1, col: 1, .. }) => {}
            other => panic!("expected CostTooLarge, got {other:?}"),
        }
    }
    let msg = DenseProblem::new(1, 1, vec![i64::MAX])
        .unwrap_err()
        .to_string();
    assert!(msg.contains("safe limit"), "{msg}");
}

#[test]
fn huge_but_finite_floats_are_refused() {
    assert!(matches!(
        DenseProblem::new(2, 2, vec![0.0, 1e307, 1.0, 2.0]),
        Err(LapError::CostTooLarge { row: 0, col: 1, .. })
    ));
    let a = dense(2, 2, vec![0.0, 1e300, -1e300, 3.0]);
    assert_eq!(a.total, 0.0);
    assert_eq!(a.row_to_col, vec![Some(1), Some(0)]);
}

#[test]
fn nan_and_infinite_costs_are_refused() {
    assert_eq!(
        DenseProblem::new(2, 2, vec![0.0, 1.0, f64::NAN, 2.0]).unwrap_err(),
        LapError::NotANumber { row: 1, col: 0 }
    );
    assert_eq!(
        DenseProblem::new(2, 3, vec![0.0, 1.0, 2.0, 3.0, 4.0, f64::INFINITY]).unwrap_err(),
        LapError::Infinite { row: 1, col: 2 }
    );
    assert_eq!(
        DenseProblem::new(1, 1, vec![f64::NEG_INFINITY]).unwrap_err(),
        LapError::Infinite { row: 0, col: 0 }
    );
    assert_eq!(
        SparseProblem::from_rows(3, [vec![(0usize, 1.0)], vec![(2, f64::NAN)]]).unwrap_err(),
        LapError::NotANumber { row: 1, col: 2 }
    );
    let msg = LapError::Infinite { row: 1, col: 2 }.to_string();
    assert!(msg.contains("infinite") && msg.contains("row 1"), "{msg}");
}

#[test]
fn the_first_defect_in_row_major_order_is_named() {
    // The one-pass screen finds that something is wrong; the error still names the first cell.
    let mut costs = vec![1.0f64; 4 * 5];
    costs[2 * 5 + 1] = f64::NAN;
    costs[3 * 5 + 4] = 1e307;
    costs[5 + 3] = f64::NEG_INFINITY;
    assert_eq!(
        DenseProblem::new(4, 5, costs.clone()).unwrap_err(),
        LapError::Infinite { row: 1, col: 3 }
    );
    costs[5 + 3] = -2.0;
    assert_eq!(
        DenseProblem::new(4, 5, costs.clone()).unwrap_err(),
        LapError::NotANumber { row: 2, col: 1 }
    );
    costs[2 * 5 + 1] = 0.0;
    assert!(matches!(
        DenseProblem::new(4, 5, costs).unwrap_err(),
        LapError::CostTooLarge { row: 3, col: 4, .. }
    ));
    // Given column-major, the first defect in that order is named, by its row and column.
    let mut costs = vec![1.0f64; 4 * 5];
    costs[2 * 5 + 1] = f64::NAN; // row 2, col 1
    costs[5 + 3] = f64::NEG_INFINITY; // row 1, col 3
    assert_eq!(
        DenseProblem::new_column_major(4, 5, transposed(4, 5, &costs)).unwrap_err(),
        LapError::NotANumber { row: 2, col: 1 }
    );
    // The largest magnitude is that of the most negative cost when it dominates.
    let p = DenseProblem::new(2, 2, vec![3i64, -9, 0, 8]).unwrap();
    assert_eq!(p.max_magnitude(), 9.0);
    let p = DenseProblem::new(1, 3, vec![-0.0, -2.5, 1.0]).unwrap();
    assert_eq!(p.max_magnitude(), 2.5);
    let s = SparseProblem::from_rows(2, [vec![(1usize, -4i64)], vec![(0, 2)]]).unwrap();
    assert_eq!(s.max_magnitude(), 4.0);
}

#[test]
fn malformed_input_is_refused() {
    assert!(matches!(
        DenseProblem::new(2, 2, vec![1i64; 3]),
        Err(LapError::Shape {
            expected: 4,
            len: 3,
            ..
        })
    ));
    assert_eq!(
        SparseProblem::from_rows(2, [vec![(0usize, 1i64), (0, 2)]]).unwrap_err(),
        LapError::DuplicateEdge { row: 0, col: 0 }
    );
    assert_eq!(
        SparseProblem::from_rows(2, [vec![(2usize, 1i64)]]).unwrap_err(),
        LapError::ColumnOutOfRange {
            row: 0,
            col: 2,
            cols: 2
        }
    );
    assert!(matches!(
        SparseProblem::<i64>::from_csr(2, vec![1], vec![], vec![]),
        Err(LapError::MalformedCsr(_))
    ));
    assert!(matches!(
        SparseProblem::<i64>::from_csr(2, vec![0, 2, 1], vec![0, 1], vec![1, 1]),
        Err(LapError::MalformedCsr(_))
    ));
    assert!(matches!(
        SparseProblem::<i64>::from_csr(2, vec![0, 2], vec![0, 1], vec![1]),
        Err(LapError::MalformedCsr(_))
    ));
}

// ---------------------------------------------------------------------------------------------
// The checker rejects wrong certificates.
// ---------------------------------------------------------------------------------------------

#[test]
fn checker_rejects_tampered_solutions() {
    let p = DenseProblem::new(3, 3, vec![4i64, 1, 3, 2, 0, 5, 3, 2, 2]).unwrap();
    let good = p.solve();
    verify(&p, &good).unwrap();
    assert_eq!(good.total, 5);

    // A worse assignment with the same duals: some chosen edge is not tight.
    let mut worse = good.clone();
    worse.row_to_col = vec![Some(0), Some(1), Some(2)];
    worse.col_to_row = vec![Some(0), Some(1), Some(2)];
    worse.total = 6;
    assert!(matches!(
        verify(&p, &worse),
        Err(VerifyError::ChosenNotTight { .. })
    ));

    // Duals raised: dual infeasible somewhere.
    let mut raised = good.clone();
    raised.row_duals[0] += 1;
    assert!(verify(&p, &raised).is_err());

    let mut wrong_total = good.clone();
    wrong_total.total = 4;
    assert!(matches!(
        verify(&p, &wrong_total),
        Err(VerifyError::TotalMismatch { .. })
    ));

    let mut inconsistent = good.clone();
    inconsistent.col_to_row.swap(0, 1);
    assert!(matches!(
        verify(&p, &inconsistent),
        Err(VerifyError::Inconsistent { .. })
    ));

    let mut missing = good.clone();
    let j = missing.row_to_col[1].take().unwrap();
    missing.col_to_row[j] = None;
    assert_eq!(verify(&p, &missing), Err(VerifyError::RowUnassigned(1)));

    let mut short = good;
    short.col_duals.pop();
    assert!(matches!(
        verify(&p, &short),
        Err(VerifyError::Length {
            what: "col_duals",
            ..
        })
    ));
}

#[test]
fn checker_enforces_rectangular_dual_signs() {
    // One row, two columns: row takes column 0 (cost 1); column 1 (cost 3) stays free.
    let p = DenseProblem::new(1, 2, vec![1i64, 3]).unwrap();
    let a = p.solve();
    verify(&p, &a).unwrap();
    // Shifting potential from u to v keeps every reduced cost but breaks v ≤ 0 ...
    let mut shifted = a.clone();
    shifted.row_duals[0] -= 1;
    shifted.col_duals[0] += 1;
    assert!(matches!(
        verify(&p, &shifted),
        Err(VerifyError::PositiveDual {
            side: "column",
            index: 0,
            ..
        })
    ));
    // ... and giving the spare column a negative dual breaks complementary slackness.
    let mut spare = a.clone();
    spare.col_duals[1] = -1;
    assert!(matches!(
        verify(&p, &spare),
        Err(VerifyError::SpareDualNonZero {
            side: "column",
            index: 1,
            ..
        })
    ));
    // Same for a tall problem, on the row side.
    let t = DenseProblem::new(2, 1, vec![1i64, 3]).unwrap();
    let mut b = t.solve();
    verify(&t, &b).unwrap();
    b.row_duals[1] = -2;
    assert!(matches!(
        verify(&t, &b),
        Err(VerifyError::SpareDualNonZero {
            side: "row",
            index: 1,
            ..
        })
    ));
}

#[test]
fn checker_rejects_assignments_off_the_candidate_lists() {
    let p = SparseProblem::from_rows(2, [vec![(0usize, 1i64)], vec![(0, 1), (1, 5)]]).unwrap();
    let a = p.solve().unwrap();
    verify(&p, &a).unwrap();
    let mut off = a.clone();
    off.row_to_col = vec![Some(1), Some(0)];
    off.col_to_row = vec![Some(1), Some(0)];
    assert_eq!(
        verify(&p, &off),
        Err(VerifyError::NotAnEdge { row: 0, col: 1 })
    );
}
