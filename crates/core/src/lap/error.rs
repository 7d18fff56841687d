//! Errors of the assignment solvers and of the optimality checker.

use thiserror::Error;

/// A problem the solvers refuse, or one that has no complete assignment.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum LapError {
    /// A cost is NaN.
    #[error("cost at row {row}, column {col} is NaN")]
    NotANumber { row: usize, col: usize },
    /// A cost is +∞ or −∞. Leave a pair out of a sparse problem instead of giving it an infinite cost.
    #[error("cost at row {row}, column {col} is infinite; leave forbidden pairs out of a sparse problem instead")]
    Infinite { row: usize, col: usize },
    /// A cost is so large that the solver's intermediate sums could overflow.
    #[error("cost at row {row}, column {col} has magnitude {magnitude:e}, above the safe limit {limit:e} for this problem size")]
    CostTooLarge {
        row: usize,
        col: usize,
        magnitude: f64,
        limit: f64,
    },
    /// A dense matrix whose length is not rows × cols.
    #[error("a {rows}×{cols} matrix needs {expected} costs, got {len}")]
    Shape {
        rows: usize,
        cols: usize,
        expected: usize,
        len: usize,
    },
    /// More rows or columns than the solver's 32-bit indices can hold.
    #[error("{what} count {count} exceeds the supported maximum {max}")]
    TooBig {
        what: &'static str,
        count: usize,
        max: usize,
    },
    /// A sparse row names a column that does not exist.
    #[error("row {row} lists column {col}, but there are only {cols} columns")]
    ColumnOutOfRange { row: usize, col: usize, cols: usize },
    /// A sparse row lists the same column twice.
    #[error("row {row} lists column {col} more than once")]
    DuplicateEdge { row: usize, col: usize },
    /// Compressed-row arrays that do not fit together.
    #[error("malformed compressed rows: {0}")]
    MalformedCsr(&'static str),
    /// No assignment covers every row. `row` is the row that could not be placed; the rows in
    /// `rows` (which include `row`) together may use only the columns in `cols`, one column fewer
    /// than they need (a Hall violator: proof that no complete assignment exists).
    #[error("row {row} cannot be assigned: {} rows compete for only {} columns", rows.len(), cols.len())]
    Infeasible {
        row: usize,
        rows: Vec<usize>,
        cols: Vec<usize>,
    },
}

/// Why a claimed assignment is not proven optimal by its duals.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum VerifyError {
    /// Vectors of the wrong length.
    #[error("{what} has length {len}, expected {expected}")]
    Length {
        what: &'static str,
        len: usize,
        expected: usize,
    },
    /// A row on the side that must be fully assigned is not.
    #[error("row {0} is not assigned")]
    RowUnassigned(usize),
    /// A column on the side that must be fully assigned is not.
    #[error("column {0} is not assigned")]
    ColUnassigned(usize),
    /// The row and column views of the assignment disagree, or a column is used twice.
    #[error("row {row} and column {col} disagree about their partner")]
    Inconsistent { row: usize, col: usize },
    /// An assigned pair that is not an edge of the problem.
    #[error("row {row} is assigned to column {col}, which is not one of its candidates")]
    NotAnEdge { row: usize, col: usize },
    /// Dual infeasibility: an edge with negative reduced cost.
    #[error("reduced cost of row {row}, column {col} is {reduced}, below zero")]
    NegativeReducedCost {
        row: usize,
        col: usize,
        reduced: String,
    },
    /// Complementary slackness fails on a chosen edge.
    #[error("chosen edge row {row}, column {col} has reduced cost {reduced}, not zero")]
    ChosenNotTight {
        row: usize,
        col: usize,
        reduced: String,
    },
    /// On the side with spare vertices ("at most one" constraints), a positive dual.
    #[error(
        "{side} {index} has dual {value}, but duals on the side with spare vertices must be ≤ 0"
    )]
    PositiveDual {
        side: &'static str,
        index: usize,
        value: String,
    },
    /// A spare (unassigned) vertex with a non-zero dual: complementary slackness fails.
    #[error("unassigned {side} {index} has dual {value}, not zero")]
    SpareDualNonZero {
        side: &'static str,
        index: usize,
        value: String,
    },
    /// The reported total is not the sum of the chosen costs.
    #[error("reported total {reported} but the chosen costs sum to {actual}")]
    TotalMismatch { reported: String, actual: String },
    /// Primal and dual objectives differ.
    #[error("primal cost {primal} differs from dual objective {dual}")]
    DualityGap { primal: String, dual: String },
}
