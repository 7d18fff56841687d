//! Exact linear assignment solvers with optimality certificates.
//!
//! Two solvers, one result type, one checker:
//!
//! - [`DenseProblem`]: an `rows × cols` cost matrix (row-major). [`DenseProblem::solve`] assigns
//!   `min(rows, cols)` pairs at minimum total cost. Square problems start with the
//!   Jonker–Volgenant initialisation (column reduction, reduction transfer, two rounds of
//!   augmenting row reduction, the free rows bidding in order of regret); rectangular ones with
//!   each row taking its cheapest column if still free. Every problem finishes with shortest
//!   augmenting paths (Dijkstra on reduced costs, the JV "augment" phase). A problem with more
//!   rows than columns is solved on its transpose.
//! - [`SparseProblem`]: candidate lists in compressed-row form (CSR); only listed pairs may be
//!   chosen. [`SparseProblem::solve`] assigns **every row** to a distinct column at minimum
//!   cost, or reports [`LapError::Infeasible`] with the row that cannot be placed and a Hall
//!   violator (a set of rows with fewer candidate columns than rows) as proof. It runs a
//!   heap-based Dijkstra that touches only the reached part of the graph, so memory and time grow
//!   with the number of edges, not with `rows × cols`.
//! - [`Assignment`]: the chosen pairs, the total cost and the dual potentials `u` (rows) and `v`
//!   (columns).
//! - [`verify`]: checks an [`Assignment`] against its problem and proves it optimal from the
//!   duals, without trusting the solver.
//!
//! Costs are `i64` (exact) or `f64` (checked with a tolerance); see [`Cost`]. NaN, infinite and
//! too-large costs (magnitude above [`Cost::safe_limit`], so intermediate sums cannot overflow)
//! are refused with a [`LapError`] when a problem is built, before any solving.
//!
//! # The certificate, including the rectangular case
//!
//! Let `n = rows ≤ m = cols` (otherwise swap the roles). The assignment problem is the LP
//!
//! ```text
//! min Σ c_ij x_ij   s.t.  Σ_j x_ij = 1 (every row),  Σ_i x_ij ≤ 1 (every column),  x ≥ 0
//! ```
//!
//! whose dual is
//!
//! ```text
//! max Σ u_i + Σ v_j   s.t.  u_i + v_j ≤ c_ij (every edge),  v_j ≤ 0 (every column).
//! ```
//!
//! The sign constraint on `v` comes from the column constraints being inequalities. An
//! assignment `x` and duals `(u, v)` are both optimal exactly when both are feasible and
//! complementary slackness holds: every chosen edge has reduced cost `c_ij − u_i − v_j = 0`,
//! and every column left unassigned has `v_j = 0`. [`verify`] checks precisely this:
//!
//! 1. the assignment is a matching of the problem's edges covering the smaller side (every row
//!    for a sparse problem);
//! 2. every edge has reduced cost `≥ 0` (dual feasibility);
//! 3. every chosen edge has reduced cost `0`;
//! 4. on the larger side (columns when `n < m`, rows when `n > m`) every dual is `≤ 0` and every
//!    unassigned vertex has dual `0`; when `n = m` both sides are equalities and the duals are free;
//! 5. the reported total equals the sum of the chosen costs and the dual objective `Σu + Σv`.
//!
//! Then weak duality gives: any other feasible assignment costs at least `Σu + Σv`, which equals
//! our total. For `i64` all checks are exact (in `i128`); for `f64` they allow the tolerance
//! [`Cost::tolerance`], scaled by the largest cost and the problem size.
//!
//! Why the solvers' duals satisfy (4): rectangular problems start from `v = 0` (their greedy
//! start only assigns rows, to columns that are tight at `v = 0`) and shortest augmenting paths
//! only ever *decrease* `v` on columns that are already assigned (and stay assigned), so
//! unassigned columns keep `v = 0` and all `v ≤ 0`. The JV initialisation, which
//! can make `v` positive, is used only for square problems, where no sign condition applies.

mod cost;
mod dense;
mod error;
mod sparse;
mod verify;

pub use cost::Cost;
pub use dense::DenseProblem;
pub use error::{LapError, VerifyError};
pub use sparse::SparseProblem;
pub use verify::{verify, AssignmentProblem};

/// "No partner" in the solvers' internal `u32` index arrays.
const NONE: u32 = u32::MAX;

/// The largest number of rows or columns a problem may have (indices are stored as `u32`).
pub const MAX_DIM: usize = (u32::MAX - 1) as usize;

/// An optimal assignment with its dual certificate.
///
/// `row_to_col[i] == Some(j)` exactly when `col_to_row[j] == Some(i)`. `total` is the sum of the
/// chosen costs; `row_duals` (u) and `col_duals` (v) prove optimality, see the [module
/// docs](self) and [`verify`].
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment<C> {
    /// The column chosen for each row, if any.
    pub row_to_col: Vec<Option<usize>>,
    /// The row chosen for each column, if any.
    pub col_to_row: Vec<Option<usize>>,
    /// Sum of the chosen costs.
    pub total: C,
    /// Dual potentials of the rows (u).
    pub row_duals: Vec<C>,
    /// Dual potentials of the columns (v).
    pub col_duals: Vec<C>,
}

impl<C: Cost> Assignment<C> {
    /// The chosen `(row, col)` pairs in row order.
    pub fn pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.row_to_col
            .iter()
            .enumerate()
            .filter_map(|(i, j)| j.map(|j| (i, j)))
    }

    /// Number of chosen pairs.
    pub fn len(&self) -> usize {
        self.row_to_col.iter().filter(|j| j.is_some()).count()
    }

    /// `true` when nothing is assigned.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Build from the solvers' internal `u32` arrays.
    fn from_internal(x: &[u32], y: &[u32], total: C, u: Vec<C>, v: Vec<C>) -> Self {
        let conv = |k: &u32| (*k != NONE).then_some(*k as usize);
        Assignment {
            row_to_col: x.iter().map(conv).collect(),
            col_to_row: y.iter().map(conv).collect(),
            total,
            row_duals: u,
            col_duals: v,
        }
    }

    /// Swap the roles of rows and columns (for problems solved on their transpose).
    fn transposed(self) -> Self {
        Assignment {
            row_to_col: self.col_to_row,
            col_to_row: self.row_to_col,
            total: self.total,
            row_duals: self.col_duals,
            col_duals: self.row_duals,
        }
    }
}

/// Check every cost of a problem with `dim = rows + cols`; returns the largest magnitude.
///
/// `flat` holds the same costs as `entries`, in the same order: one vectorised pass over it
/// ([`Cost::screen`]) accepts a valid problem; only when it finds a defect are `entries` walked,
/// cost by cost, to name the first one.
fn validate_costs<C: Cost>(
    dim: usize,
    flat: &[C],
    entries: impl Iterator<Item = (usize, usize, C)>,
) -> Result<f64, LapError> {
    let limit = C::safe_limit(dim);
    if let Some(max_magnitude) = C::screen(flat, limit) {
        return Ok(max_magnitude);
    }
    let mut max_magnitude: f64 = 0.0;
    for (row, col, c) in entries {
        match c.defect(limit) {
            None => max_magnitude = max_magnitude.max(c.magnitude()),
            Some(cost::sealed::CostDefect::NotANumber) => {
                return Err(LapError::NotANumber { row, col })
            }
            Some(cost::sealed::CostDefect::Infinite) => {
                return Err(LapError::Infinite { row, col })
            }
            Some(cost::sealed::CostDefect::TooLarge) => {
                return Err(LapError::CostTooLarge {
                    row,
                    col,
                    magnitude: c.magnitude(),
                    limit,
                })
            }
        }
    }
    Ok(max_magnitude)
}

fn check_dim(what: &'static str, count: usize) -> Result<(), LapError> {
    if count > MAX_DIM {
        Err(LapError::TooBig {
            what,
            count,
            max: MAX_DIM,
        })
    } else {
        Ok(())
    }
}
