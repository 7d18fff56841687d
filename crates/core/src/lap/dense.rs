//! Dense assignment: Jonker–Volgenant initialisation (square problems) and shortest augmenting
//! paths (all problems).

use super::{check_dim, validate_costs, Assignment, Cost, LapError, NONE};

/// A validated dense `rows × cols` cost matrix, in row-major order ([`DenseProblem::new`]) or
/// column-major order ([`DenseProblem::new_column_major`]).
///
/// Building one checks every cost (see [`Cost`]); solving cannot fail afterwards, because a
/// dense problem always has an assignment of `min(rows, cols)` pairs.
///
/// The solver works on the orientation with no more rows than columns, row by row. A problem
/// with more rows than columns is solved on its transpose: given row-major, that costs a copy
/// of the matrix; given column-major, its storage already is that transpose, and nothing is
/// copied. (A wide problem given column-major is copied instead.)
#[derive(Debug, Clone, PartialEq)]
pub struct DenseProblem<C> {
    rows: usize,
    cols: usize,
    costs: Vec<C>,
    column_major: bool,
    max_magnitude: f64,
}

impl<C: Cost> DenseProblem<C> {
    /// Validate `costs` (row-major, `rows × cols` entries: `costs[row * cols + col]`) as a
    /// problem.
    pub fn new(rows: usize, cols: usize, costs: Vec<C>) -> Result<Self, LapError> {
        Self::with_layout(rows, cols, costs, false)
    }

    /// Validate `costs` (column-major, `rows × cols` entries: `costs[col * rows + row]`) as a
    /// problem. An error names the row and column of the first defect in column-major order.
    /// The solution is the one [`DenseProblem::new`] finds for the same matrix (same pairs, same
    /// duals).
    pub fn new_column_major(rows: usize, cols: usize, costs: Vec<C>) -> Result<Self, LapError> {
        Self::with_layout(rows, cols, costs, true)
    }

    fn with_layout(
        rows: usize,
        cols: usize,
        costs: Vec<C>,
        column_major: bool,
    ) -> Result<Self, LapError> {
        check_dim("row", rows)?;
        check_dim("column", cols)?;
        let expected = rows.checked_mul(cols).ok_or(LapError::TooBig {
            what: "cell",
            count: usize::MAX,
            max: usize::MAX,
        })?;
        if costs.len() != expected {
            return Err(LapError::Shape {
                rows,
                cols,
                expected,
                len: costs.len(),
            });
        }
        let mut problem = DenseProblem {
            rows,
            cols,
            costs,
            column_major,
            max_magnitude: 0.0,
        };
        problem.max_magnitude = validate_costs(rows + cols, &problem.costs, problem.cells())?;
        Ok(problem)
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The costs, in the order they were given ([`DenseProblem::is_column_major`]).
    pub fn costs(&self) -> &[C] {
        &self.costs
    }

    /// Whether [`DenseProblem::costs`] is column-major.
    pub fn is_column_major(&self) -> bool {
        self.column_major
    }

    /// The cost of one cell.
    pub fn cost(&self, row: usize, col: usize) -> C {
        if self.column_major {
            self.costs[col * self.rows + row]
        } else {
            self.costs[row * self.cols + col]
        }
    }

    /// Every cell as `(row, col, cost)`, in storage order.
    pub fn cells(&self) -> impl Iterator<Item = (usize, usize, C)> + '_ {
        // The length of the stored matrix's own rows (never 0 when there is a cell to map).
        let inner = if self.column_major {
            self.rows
        } else {
            self.cols
        };
        let column_major = self.column_major;
        self.costs.iter().enumerate().map(move |(k, &c)| {
            let (o, i) = (k / inner, k % inner);
            if column_major {
                (i, o, c)
            } else {
                (o, i, c)
            }
        })
    }

    /// The largest cost magnitude (used for the checker's float tolerance).
    pub fn max_magnitude(&self) -> f64 {
        self.max_magnitude
    }

    /// A minimum-cost assignment of `min(rows, cols)` pairs, with duals.
    pub fn solve(&self) -> Assignment<C> {
        let (n, m) = (self.rows, self.cols);
        match (n > m, self.column_major) {
            (false, false) => solve_wide(n, m, &self.costs),
            (true, false) => solve_wide(m, n, &transpose(n, m, &self.costs)).transposed(),
            // Column-major is the row-major transpose: `m × n`.
            (true, true) => solve_wide(m, n, &self.costs).transposed(),
            (false, true) => solve_wide(n, m, &transpose(m, n, &self.costs)),
        }
    }
}

/// The transpose of a row-major `rows × cols` matrix, copied in square tiles so that both the
/// rows read and the rows written stay in cache.
fn transpose<C: Cost>(rows: usize, cols: usize, c: &[C]) -> Vec<C> {
    const TILE: usize = 32;
    let mut t = vec![C::ZERO; rows * cols];
    for i0 in (0..rows).step_by(TILE) {
        for j0 in (0..cols).step_by(TILE) {
            let j1 = (j0 + TILE).min(cols);
            for i in i0..(i0 + TILE).min(rows) {
                let src = &c[i * cols + j0..i * cols + j1];
                for (j, &cij) in (j0..j1).zip(src) {
                    t[j * rows + i] = cij;
                }
            }
        }
    }
    t
}

/// Solve with `n ≤ m`: every row gets a column.
fn solve_wide<C: Cost>(n: usize, m: usize, c: &[C]) -> Assignment<C> {
    debug_assert!(n <= m);
    let mut v = vec![C::ZERO; m];
    let mut x = vec![NONE; n];
    let mut y = vec![NONE; m];
    let free: Vec<u32> = if n == 0 {
        Vec::new()
    } else if n == m {
        jv_init(n, c, &mut v, &mut x, &mut y)
    } else {
        // Rectangular: keep v = 0 so that spare columns end with v = 0 and all v ≤ 0. A row whose
        // cheapest column is still free takes it: with v = 0 that pair is tight and the row's
        // other reduced costs are ≥ 0, as the augment phase requires of assigned rows.
        let mut free = Vec::new();
        for (i, row) in c.chunks_exact(m).enumerate() {
            let j = two_smallest(row, &v).at;
            if y[j] == NONE {
                x[i] = j as u32;
                y[j] = i as u32;
            } else {
                free.push(i as u32);
            }
        }
        free
    };
    augment(m, c, &free, &mut v, &mut x, &mut y);

    let mut total = C::ZERO;
    let u: Vec<C> = (0..n)
        .map(|i| {
            let j = x[i] as usize;
            let cij = c[i * m + j];
            total = total + cij;
            cij - v[j]
        })
        .collect();
    Assignment::from_internal(&x, &y, total, u, v)
}

/// JV initialisation for a square `n × n` problem: column reduction, reduction transfer and two
/// rounds of augmenting row reduction. Keeps the invariant that every assigned row's column
/// minimises `c_ij − v_j` over its row. Returns the rows left free.
#[inline(never)] // see `augment`
fn jv_init<C: Cost>(n: usize, c: &[C], v: &mut [C], x: &mut [u32], y: &mut [u32]) -> Vec<u32> {
    // Column reduction: v_j = min_i c_ij (the first minimal row wins ties). Computed row by row
    // to stay cache friendly.
    let mut argmin = vec![0u32; n];
    v.copy_from_slice(&c[..n]);
    for i in 1..n {
        let row = &c[i * n..(i + 1) * n];
        for ((vj, am), &cij) in v.iter_mut().zip(argmin.iter_mut()).zip(row) {
            if cij < *vj {
                *vj = cij;
                *am = i as u32;
            }
        }
    }
    let mut matches = vec![0u32; n];
    for j in (0..n).rev() {
        let imin = argmin[j] as usize;
        matches[imin] += 1;
        if matches[imin] == 1 {
            x[imin] = j as u32;
            y[j] = imin as u32;
        } else if v[j] < v[x[imin] as usize] {
            let j1 = x[imin] as usize;
            x[imin] = j as u32;
            y[j] = imin as u32;
            y[j1] = NONE;
        } else {
            y[j] = NONE;
        }
    }

    // Reduction transfer from rows assigned exactly once.
    let mut free = Vec::new();
    for i in 0..n {
        if matches[i] == 0 {
            free.push(i as u32);
        } else if matches[i] == 1 {
            let j1 = x[i] as usize;
            let row = &c[i * n..(i + 1) * n];
            let mut min = C::UNREACHED;
            for (j, (&cij, &vj)) in row.iter().zip(v.iter()).enumerate() {
                let h = cij - vj;
                if j != j1 && h < min {
                    min = h;
                }
            }
            if min != C::UNREACHED {
                v[j1] = v[j1] - min;
            }
        }
    }

    // Regret order pays when the column minima fell on few rows, leaving most rows free (as on
    // Machol–Wien: 2× fewer instructions); with most rows placed, its extra pass over the free
    // rows costs more than it saves (uniform integers: +11%).
    let mut free = if 2 * free.len() > n {
        by_regret(n, c, free, v)
    } else {
        free
    };
    // Augmenting row reduction, two rounds. Each step is one auction-like bid; with continuous
    // costs the bid increments can be tiny and the rounds very long, so the steps are capped at
    // 8n steps (at most 8n² work). Rows still free then go to the exact augment phase.
    let mut budget = 8 * n;
    for _ in 0..2 {
        let prev_free = free.len();
        let mut k = 0;
        let mut num_free = 0;
        while k < prev_free {
            if budget == 0 {
                free.copy_within(k..prev_free, num_free);
                num_free += prev_free - k;
                break;
            }
            budget -= 1;
            let i = free[k] as usize;
            k += 1;
            let TwoSmallest {
                min: umin,
                at: mut j1,
                second: usubmin,
                second_at: j2,
            } = two_smallest(&c[i * n..(i + 1) * n], v);
            let mut i0 = y[j1];
            let strictly_better = umin < usubmin;
            if strictly_better {
                v[j1] = v[j1] - (usubmin - umin);
            } else if i0 != NONE {
                j1 = j2;
                i0 = y[j2];
                if i0 != NONE {
                    // A tie between two taken columns: a free column as cheap ends the bidding
                    // without displacing anyone (low-range costs have many such ties).
                    let row = &c[i * n..(i + 1) * n];
                    if let Some(j) = (0..n).find(|&j| y[j] == NONE && row[j] - v[j] == umin) {
                        j1 = j;
                        i0 = NONE;
                    }
                }
            }
            x[i] = j1 as u32;
            y[j1] = i as u32;
            if i0 != NONE {
                x[i0 as usize] = NONE;
                if strictly_better {
                    k -= 1;
                    free[k] = i0;
                } else {
                    free[num_free] = i0;
                    num_free += 1;
                }
            }
        }
        free.truncate(num_free);
    }
    free
}

/// The free rows, those with the largest regret first (the gap between the two smallest reduced
/// costs of the row; ties keep their order). A row that loses its best column loses the most, so
/// it bids first; on Machol–Wien costs (`c_ij = i·j`) this order makes the bidding and the
/// augmenting paths short (see docs/BENCHMARKS.md).
fn by_regret<C: Cost>(m: usize, c: &[C], free: Vec<u32>, v: &[C]) -> Vec<u32> {
    if m < 2 || free.len() < 2 {
        return free;
    }
    let mut keyed: Vec<(C, u32)> = free
        .into_iter()
        .map(|i| {
            let t = two_smallest(&c[i as usize * m..(i as usize + 1) * m], v);
            (t.second - t.min, i)
        })
        .collect();
    keyed.sort_by(|a, b| b.0.total_order(&a.0));
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// The two smallest reduced costs `c_ij − v_j` of a row and their columns (the first of equal
/// ones). `second` is `UNREACHED` for a row of one column.
struct TwoSmallest<C> {
    min: C,
    at: usize,
    second: C,
    second_at: usize,
}

fn two_smallest<C: Cost>(row: &[C], v: &[C]) -> TwoSmallest<C> {
    let v = &v[..row.len()];
    let (mut min, mut at) = (row[0] - v[0], 0);
    let (mut second, mut second_at) = (C::UNREACHED, 0);
    for j in 1..row.len() {
        let h = row[j] - v[j];
        if h < second {
            if h >= min {
                second = h;
                second_at = j;
            } else {
                second = min;
                second_at = at;
                min = h;
                at = j;
            }
        }
    }
    TwoSmallest {
        min,
        at,
        second,
        second_at,
    }
}

/// The JV augment phase: for each free row, Dijkstra on reduced costs over all columns until a
/// free column is reached, then update `v` on the finalised columns and flip the path.
// Not inlined into `solve_wide` (nor `jv_init`): on its own the scan loop keeps its values in
// registers; inlined, it spilled (7% more instructions on uniform integers, cachegrind).
#[inline(never)]
fn augment<C: Cost>(m: usize, c: &[C], free: &[u32], v: &mut [C], x: &mut [u32], y: &mut [u32]) {
    if free.is_empty() {
        return;
    }
    let v = &mut v[..m];
    let mut pred = vec![0u32; m];
    let mut s = Search {
        cols: vec![0; m],
        dist: vec![C::ZERO; m],
        v: vec![C::ZERO; m],
    };
    for &f in free {
        let fu = f as usize;
        let row_f = &c[fu * m..(fu + 1) * m];
        s.start(row_f, v);
        pred.fill(f);
        let Search { cols, dist, v: vs } = &mut s;
        let (cols, dist, vs) = (&mut cols[..m], &mut dist[..m], &mut vs[..m]);
        // Positions ..ready are finalised with d < min; ready..low are finalised at distance min;
        // low..up are at distance min, still to scan; the rest are open.
        let mut low = 0usize;
        let mut up = 0usize;
        let mut ready = 0usize;
        let mut min = C::ZERO;
        let end: usize = 'search: loop {
            if up == low {
                ready = low;
                min = dist[up];
                up += 1;
                // `up` moves inside the loop; the scan covers the positions open before it.
                let open = up;
                for k in open..m {
                    let h = dist[k];
                    if h <= min {
                        if h < min {
                            up = low;
                            min = h;
                        }
                        swap(cols, dist, vs, k, up);
                        up += 1;
                    }
                }
                for &j in &cols[low..up] {
                    if y[j as usize] == NONE {
                        break 'search j as usize;
                    }
                }
            }
            let j1 = cols[low] as usize;
            let i = y[j1];
            let row_i = &c[i as usize * m..(i as usize + 1) * m];
            let h = row_i[j1] - vs[low] - min;
            low += 1;
            let open = up;
            for k in open..m {
                let j = cols[k] as usize;
                let v2 = row_i[j] - vs[k] - h;
                if v2 < dist[k] {
                    pred[j] = i;
                    if v2 == min {
                        if y[j] == NONE {
                            break 'search j;
                        }
                        dist[k] = v2;
                        swap(cols, dist, vs, k, up);
                        up += 1;
                    } else {
                        dist[k] = v2;
                    }
                }
            }
        };
        for k in 0..ready {
            let j = cols[k] as usize;
            v[j] = vs[k] + dist[k] - min;
        }
        let mut j = end;
        loop {
            let i = pred[j];
            y[j] = i;
            let next = x[i as usize];
            x[i as usize] = j as u32;
            if i == f {
                break;
            }
            j = next as usize;
        }
    }
}

/// One Dijkstra search of the augment phase, by position rather than by column: `cols[k]` is the
/// column at position `k`, `dist[k]` its distance and `v[k]` its `v` (fixed during a search).
/// The scans then read `dist` and `v` in order, and only the row's cost is looked up by column.
struct Search<C> {
    cols: Vec<u32>,
    dist: Vec<C>,
    v: Vec<C>,
}

impl<C: Cost> Search<C> {
    /// Every column open, at its distance `c_fj − v_j` from the free row `f`.
    fn start(&mut self, row_f: &[C], v: &[C]) {
        for (k, slot) in self.cols.iter_mut().enumerate() {
            *slot = k as u32;
        }
        self.v.copy_from_slice(v);
        for (dj, (&cfj, &vj)) in self.dist.iter_mut().zip(row_f.iter().zip(v)) {
            *dj = cfj - vj;
        }
    }
}

/// Swap two positions of a search.
#[inline]
fn swap<C: Copy>(cols: &mut [u32], dist: &mut [C], v: &mut [C], a: usize, b: usize) {
    cols.swap(a, b);
    dist.swap(a, b);
    v.swap(a, b);
}
