//! Sparse assignment on candidate lists: shortest augmenting paths with a binary heap.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::{check_dim, validate_costs, Assignment, Cost, LapError, NONE};

/// A validated sparse problem: for each row, its candidate columns and their costs, stored in
/// compressed-row form. Only listed pairs may be assigned.
///
/// Memory is `O(rows + cols + edges)`.
#[derive(Debug, Clone, PartialEq)]
pub struct SparseProblem<C> {
    cols: usize,
    row_start: Vec<usize>,
    col_idx: Vec<u32>,
    costs: Vec<C>,
    max_magnitude: f64,
}

impl<C: Cost> SparseProblem<C> {
    /// Build from compressed rows: row `i`'s edges are `col_idx[row_start[i]..row_start[i + 1]]`
    /// with costs at the same positions. `row_start` has `rows + 1` entries, starts at 0, never
    /// decreases and ends at the number of edges. A row may not list a column twice.
    pub fn from_csr(
        cols: usize,
        row_start: Vec<usize>,
        col_idx: Vec<u32>,
        costs: Vec<C>,
    ) -> Result<Self, LapError> {
        check_dim("column", cols)?;
        if row_start.first() != Some(&0) {
            return Err(LapError::MalformedCsr("row_start must begin with 0"));
        }
        if *row_start.last().unwrap_or(&0) != col_idx.len() || col_idx.len() != costs.len() {
            return Err(LapError::MalformedCsr(
                "row_start must end at the number of edges, and col_idx and costs must have that length",
            ));
        }
        if row_start.windows(2).any(|w| w[0] > w[1]) {
            return Err(LapError::MalformedCsr("row_start must not decrease"));
        }
        let rows = row_start.len() - 1;
        check_dim("row", rows)?;
        // Column range and duplicates, with a stamp array (O(edges + cols)).
        let mut stamp = vec![NONE; cols];
        for i in 0..rows {
            for &j in &col_idx[row_start[i]..row_start[i + 1]] {
                let ju = j as usize;
                if ju >= cols {
                    return Err(LapError::ColumnOutOfRange {
                        row: i,
                        col: ju,
                        cols,
                    });
                }
                if stamp[ju] == i as u32 {
                    return Err(LapError::DuplicateEdge { row: i, col: ju });
                }
                stamp[ju] = i as u32;
            }
        }
        let max_magnitude = validate_costs(
            rows + cols,
            &costs,
            (0..rows)
                .flat_map(|i| (row_start[i]..row_start[i + 1]).map(move |e| (i, e, ())))
                .map(|(i, e, ())| (i, col_idx[e] as usize, costs[e])),
        )?;
        Ok(SparseProblem {
            cols,
            row_start,
            col_idx,
            costs,
            max_magnitude,
        })
    }

    /// Build from one candidate list per row: `(column, cost)` pairs.
    pub fn from_rows<R, E>(cols: usize, rows: R) -> Result<Self, LapError>
    where
        R: IntoIterator<Item = E>,
        E: IntoIterator<Item = (usize, C)>,
    {
        check_dim("column", cols)?;
        let mut row_start = vec![0];
        let mut col_idx = Vec::new();
        let mut costs = Vec::new();
        for (i, row) in rows.into_iter().enumerate() {
            for (j, c) in row {
                if j >= cols {
                    return Err(LapError::ColumnOutOfRange {
                        row: i,
                        col: j,
                        cols,
                    });
                }
                col_idx.push(j as u32);
                costs.push(c);
            }
            row_start.push(col_idx.len());
        }
        Self::from_csr(cols, row_start, col_idx, costs)
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.row_start.len() - 1
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Number of edges (candidate pairs).
    pub fn num_edges(&self) -> usize {
        self.col_idx.len()
    }

    /// Row `i`'s candidate columns and their costs.
    pub fn row(&self, i: usize) -> (&[u32], &[C]) {
        let r = self.row_start[i]..self.row_start[i + 1];
        (&self.col_idx[r.clone()], &self.costs[r])
    }

    /// The cost of a pair, if it is an edge.
    pub fn cost(&self, row: usize, col: usize) -> Option<C> {
        let (cols, costs) = self.row(row);
        cols.iter()
            .position(|&j| j as usize == col)
            .map(|e| costs[e])
    }

    /// The largest cost magnitude (used for the checker's float tolerance).
    pub fn max_magnitude(&self) -> f64 {
        self.max_magnitude
    }

    /// A minimum-cost assignment of every row to a distinct candidate column, with duals; or
    /// [`LapError::Infeasible`] naming a row that cannot be placed and a Hall violator.
    ///
    /// Deterministic: the same problem gives the same assignment (ties are broken by index).
    pub fn solve(&self) -> Result<Assignment<C>, LapError> {
        Solver::new(self).run()
    }
}

/// A heap entry: tentative distance of a column. Ordered so that `BinaryHeap` pops the smallest
/// distance first, then the smallest column.
#[derive(Clone, Copy)]
struct Entry<C> {
    dist: C,
    col: u32,
}

impl<C: Cost> PartialEq for Entry<C> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl<C: Cost> Eq for Entry<C> {}
impl<C: Cost> PartialOrd for Entry<C> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<C: Cost> Ord for Entry<C> {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .dist
            .total_order(&self.dist)
            .then_with(|| other.col.cmp(&self.col))
    }
}

const OPEN: u8 = 0;
const QUEUED: u8 = 1;
const DONE: u8 = 2;

struct Solver<'a, C> {
    p: &'a SparseProblem<C>,
    u: Vec<C>,
    v: Vec<C>,
    x: Vec<u32>,
    y: Vec<u32>,
    // Dijkstra scratch, reset through `touched` so one search costs what it explores.
    dist: Vec<C>,
    pred: Vec<u32>,
    state: Vec<u8>,
    touched: Vec<u32>,
    done: Vec<u32>,
    heap: BinaryHeap<Entry<C>>,
}

impl<'a, C: Cost> Solver<'a, C> {
    fn new(p: &'a SparseProblem<C>) -> Self {
        let (n, m) = (p.rows(), p.cols);
        Solver {
            p,
            u: vec![C::ZERO; n],
            v: vec![C::ZERO; m],
            x: vec![NONE; n],
            y: vec![NONE; m],
            dist: vec![C::UNREACHED; m],
            pred: vec![NONE; m],
            state: vec![OPEN; m],
            touched: Vec::new(),
            done: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    fn run(mut self) -> Result<Assignment<C>, LapError> {
        let n = self.p.rows();
        // Greedy start with v = 0: u_i = the row's cheapest edge; take that column if free
        // (preferring a free one among equally cheap edges). Keeps all reduced costs ≥ 0 and
        // chosen edges tight.
        let mut free = Vec::new();
        for i in 0..n {
            let (cols, costs) = self.p.row(i);
            if cols.is_empty() {
                return Err(LapError::Infeasible {
                    row: i,
                    rows: vec![i],
                    cols: Vec::new(),
                });
            }
            let mut best = costs[0];
            let mut best_col = cols[0];
            for (&j, &c) in cols.iter().zip(costs).skip(1) {
                if c < best
                    || (c == best
                        && self.y[best_col as usize] != NONE
                        && self.y[j as usize] == NONE)
                {
                    best = c;
                    best_col = j;
                }
            }
            self.u[i] = best;
            if self.y[best_col as usize] == NONE {
                self.y[best_col as usize] = i as u32;
                self.x[i] = best_col;
            } else {
                free.push(i as u32);
            }
        }
        for f in free {
            self.augment_from(f)?;
        }
        let mut total = C::ZERO;
        for i in 0..n {
            let j = self.x[i] as usize;
            total = total
                + self
                    .p
                    .cost(i, j)
                    .expect("the solver only assigns listed pairs");
        }
        Ok(Assignment::from_internal(
            &self.x, &self.y, total, self.u, self.v,
        ))
    }

    /// Relax every edge of row `i`, reached at distance `base`.
    fn relax_row(&mut self, i: u32, base: C) {
        let iu = i as usize;
        let (cols, costs) = self.p.row(iu);
        let ui = self.u[iu];
        for (&j, &c) in cols.iter().zip(costs) {
            let ju = j as usize;
            if self.state[ju] == DONE {
                continue;
            }
            let nd = base + (c - ui - self.v[ju]);
            if self.state[ju] == OPEN {
                self.state[ju] = QUEUED;
                self.touched.push(j);
            } else if nd >= self.dist[ju] {
                continue;
            }
            self.dist[ju] = nd;
            self.pred[ju] = i;
            self.heap.push(Entry { dist: nd, col: j });
        }
    }

    fn augment_from(&mut self, f: u32) -> Result<(), LapError> {
        self.relax_row(f, C::ZERO);
        let mut sink = None;
        while let Some(Entry { dist, col }) = self.heap.pop() {
            let ju = col as usize;
            if self.state[ju] == DONE || dist.total_order(&self.dist[ju]) != Ordering::Equal {
                continue;
            }
            self.state[ju] = DONE;
            self.done.push(col);
            let owner = self.y[ju];
            if owner == NONE {
                sink = Some((col, dist));
                break;
            }
            self.relax_row(owner, dist);
        }
        let result = match sink {
            Some((sink, total)) => {
                // Potentials: keep every finalised column's matched edge tight and all reduced
                // costs non-negative; v only decreases (v ≤ 0 is preserved).
                self.u[f as usize] = self.u[f as usize] + total;
                for &j in &self.done {
                    let ju = j as usize;
                    let owner = self.y[ju];
                    if owner != NONE {
                        let delta = total - self.dist[ju];
                        self.v[ju] = self.v[ju] - delta;
                        self.u[owner as usize] = self.u[owner as usize] + delta;
                    }
                }
                let mut j = sink;
                loop {
                    let i = self.pred[j as usize];
                    self.y[j as usize] = i;
                    let next = self.x[i as usize];
                    self.x[i as usize] = j;
                    if i == f {
                        break;
                    }
                    j = next;
                }
                Ok(())
            }
            None => {
                let mut rows: Vec<usize> = std::iter::once(f as usize)
                    .chain(self.done.iter().map(|&j| self.y[j as usize] as usize))
                    .collect();
                rows.sort_unstable();
                let mut cols: Vec<usize> = self.done.iter().map(|&j| j as usize).collect();
                cols.sort_unstable();
                Err(LapError::Infeasible {
                    row: f as usize,
                    rows,
                    cols,
                })
            }
        };
        for &j in &self.touched {
            let ju = j as usize;
            self.dist[ju] = C::UNREACHED;
            self.state[ju] = OPEN;
        }
        self.touched.clear();
        self.done.clear();
        self.heap.clear();
        result
    }
}
