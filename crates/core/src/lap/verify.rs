//! The optimality checker: proves an [`Assignment`] optimal from its dual potentials.

use super::{Assignment, Cost, DenseProblem, SparseProblem, VerifyError};

/// What [`verify`] needs to know about a problem.
pub trait AssignmentProblem<C: Cost> {
    /// Number of rows.
    fn rows(&self) -> usize;
    /// Number of columns.
    fn cols(&self) -> usize;
    /// The cost of a pair, or `None` if it is not an edge.
    fn edge_cost(&self, row: usize, col: usize) -> Option<C>;
    /// Call `f(row, col, cost)` for every edge.
    fn for_each_edge(&self, f: impl FnMut(usize, usize, C));
    /// The largest cost magnitude, for the float tolerance.
    fn max_cost_magnitude(&self) -> f64;
}

impl<C: Cost> AssignmentProblem<C> for DenseProblem<C> {
    fn rows(&self) -> usize {
        DenseProblem::rows(self)
    }
    fn cols(&self) -> usize {
        DenseProblem::cols(self)
    }
    fn edge_cost(&self, row: usize, col: usize) -> Option<C> {
        (row < self.rows() && col < self.cols()).then(|| self.cost(row, col))
    }
    fn for_each_edge(&self, mut f: impl FnMut(usize, usize, C)) {
        for (row, col, c) in self.cells() {
            f(row, col, c);
        }
    }
    fn max_cost_magnitude(&self) -> f64 {
        self.max_magnitude()
    }
}

impl<C: Cost> AssignmentProblem<C> for SparseProblem<C> {
    fn rows(&self) -> usize {
        SparseProblem::rows(self)
    }
    fn cols(&self) -> usize {
        SparseProblem::cols(self)
    }
    fn edge_cost(&self, row: usize, col: usize) -> Option<C> {
        if row < self.rows() {
            self.cost(row, col)
        } else {
            None
        }
    }
    fn for_each_edge(&self, mut f: impl FnMut(usize, usize, C)) {
        for i in 0..self.rows() {
            let (cols, costs) = self.row(i);
            for (&j, &c) in cols.iter().zip(costs) {
                f(i, j as usize, c);
            }
        }
    }
    fn max_cost_magnitude(&self) -> f64 {
        self.max_magnitude()
    }
}

/// Prove `a` an optimal assignment of `p`, or say what fails. See the [module docs](super) for
/// the LP and why these conditions are sufficient:
///
/// 1. `a` is a matching of edges of `p` that covers the smaller side (both when square);
/// 2. every edge has reduced cost `c_ij − u_i − v_j ≥ 0`;
/// 3. every chosen edge has reduced cost `0`;
/// 4. on the larger side, every dual is `≤ 0` and every unassigned vertex has dual `0`;
/// 5. `total` is the sum of the chosen costs and equals `Σu + Σv`.
///
/// Integers are checked exactly (in `i128`); floats within [`Cost::tolerance`].
pub fn verify<C: Cost, P: AssignmentProblem<C>>(
    p: &P,
    a: &Assignment<C>,
) -> Result<(), VerifyError> {
    let (n, m) = (p.rows(), p.cols());
    let len = |what, len, expected| {
        if len == expected {
            Ok(())
        } else {
            Err(VerifyError::Length {
                what,
                len,
                expected,
            })
        }
    };
    len("row_to_col", a.row_to_col.len(), n)?;
    len("col_to_row", a.col_to_row.len(), m)?;
    len("row_duals", a.row_duals.len(), n)?;
    len("col_duals", a.col_duals.len(), m)?;

    let tol = C::tolerance(p.max_cost_magnitude(), n + m);
    let zero = C::wide_zero();
    let neg_tol = zero - tol;
    let sum_tol = {
        let mut s = zero;
        for _ in 0..(n + m + 1) {
            s = s + tol;
        }
        s
    };

    // 1. A matching on edges, consistent both ways, covering the smaller side.
    let mut primal = zero;
    for (i, &j) in a.row_to_col.iter().enumerate() {
        let Some(j) = j else {
            if n <= m {
                return Err(VerifyError::RowUnassigned(i));
            }
            continue;
        };
        if j >= m || a.col_to_row[j] != Some(i) {
            return Err(VerifyError::Inconsistent { row: i, col: j });
        }
        let c = p
            .edge_cost(i, j)
            .ok_or(VerifyError::NotAnEdge { row: i, col: j })?;
        primal = primal + c.widen();
        // 3. Chosen edges are tight.
        let r = c.widen() - a.row_duals[i].widen() - a.col_duals[j].widen();
        if r > tol || r < neg_tol {
            return Err(VerifyError::ChosenNotTight {
                row: i,
                col: j,
                reduced: r.to_string(),
            });
        }
    }
    for (j, &i) in a.col_to_row.iter().enumerate() {
        match i {
            Some(i) if i >= n || a.row_to_col[i] != Some(j) => {
                return Err(VerifyError::Inconsistent { row: i, col: j })
            }
            Some(_) => {}
            None if m <= n => return Err(VerifyError::ColUnassigned(j)),
            None => {}
        }
    }

    // 4. Sign conditions and complementary slackness on the larger side.
    let spare_side =
        |side: &'static str, duals: &[C], partners: &[Option<usize>]| -> Result<(), VerifyError> {
            for (k, (&d, p)) in duals.iter().zip(partners).enumerate() {
                let w = d.widen();
                if w > tol {
                    return Err(VerifyError::PositiveDual {
                        side,
                        index: k,
                        value: d.to_string(),
                    });
                }
                if p.is_none() && w < neg_tol {
                    return Err(VerifyError::SpareDualNonZero {
                        side,
                        index: k,
                        value: d.to_string(),
                    });
                }
            }
            Ok(())
        };
    if n < m {
        spare_side("column", &a.col_duals, &a.col_to_row)?;
    } else if n > m {
        spare_side("row", &a.row_duals, &a.row_to_col)?;
    }

    // 2. Dual feasibility on every edge.
    let mut bad = None;
    p.for_each_edge(|i, j, c| {
        if bad.is_none() {
            let r = c.widen() - a.row_duals[i].widen() - a.col_duals[j].widen();
            if r < neg_tol {
                bad = Some(VerifyError::NegativeReducedCost {
                    row: i,
                    col: j,
                    reduced: r.to_string(),
                });
            }
        }
    });
    if let Some(e) = bad {
        return Err(e);
    }

    // 5. Totals.
    let reported = a.total.widen();
    if reported - primal > sum_tol || primal - reported > sum_tol {
        return Err(VerifyError::TotalMismatch {
            reported: reported.to_string(),
            actual: primal.to_string(),
        });
    }
    let mut dual = zero;
    for &u in &a.row_duals {
        dual = dual + u.widen();
    }
    for &v in &a.col_duals {
        dual = dual + v.widen();
    }
    if dual - primal > sum_tol || primal - dual > sum_tol {
        return Err(VerifyError::DualityGap {
            primal: primal.to_string(),
            dual: dual.to_string(),
        });
    }
    Ok(())
}
