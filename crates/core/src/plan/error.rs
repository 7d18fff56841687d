//! Why a plan cannot be made.

use serde::Serialize;
use std::fmt;

/// The planner control that makes a request unsatisfiable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Constraint {
    /// A forced move.
    Forced {
        /// Who.
        nip: String,
        /// Where to.
        slot: String,
    },
    /// A lock.
    Lock {
        /// Who.
        nip: String,
    },
    /// An exclusion.
    Exclusion {
        /// What it excludes.
        what: String,
    },
    /// The maximum number of moves.
    MaxMoves {
        /// The limit.
        limit: u32,
    },
    /// A unit's outflow limit.
    MaxOutflow {
        /// The unit.
        unit: String,
        /// The limit.
        limit: u32,
    },
    /// A unit's minimum staffing.
    MinStaff {
        /// The unit.
        unit: String,
        /// The minimum.
        min: u32,
    },
    /// The scope.
    Scope,
}

impl fmt::Display for Constraint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Constraint::Forced { nip, slot } => write!(f, "forced move of {nip} to {slot}"),
            Constraint::Lock { nip } => write!(f, "lock on {nip}"),
            Constraint::Exclusion { what } => write!(f, "exclusion of {what}"),
            Constraint::MaxMoves { limit } => write!(f, "at most {limit} moves"),
            Constraint::MaxOutflow { unit, limit } => write!(f, "at most {limit} leaving {unit}"),
            Constraint::MinStaff { unit, min } => write!(f, "at least {min} staying in {unit}"),
            Constraint::Scope => write!(f, "the scope"),
        }
    }
}

/// Why no plan was made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanError {
    /// The request names an employee the dataset does not have.
    #[error("unknown employee {nip}")]
    UnknownEmployee {
        /// The NIP given.
        nip: String,
    },
    /// The request names a slot the dataset does not have.
    #[error("unknown slot {slot}")]
    UnknownSlot {
        /// The id given.
        slot: String,
    },
    /// The request names a unit the dataset does not have.
    #[error("unknown unit {unit}")]
    UnknownUnit {
        /// The id given.
        unit: String,
    },
    /// The assignment solver refused the problem or its certificate failed (a bug, not a
    /// planner error).
    #[error("solver failure: {reason}")]
    Solver {
        /// What failed.
        reason: String,
    },
    /// A control cannot be met; `reason` says why, with names and numbers.
    #[error("cannot satisfy {constraint}: {reason}")]
    Unsatisfiable {
        /// The control at fault.
        constraint: Constraint,
        /// Why.
        reason: String,
    },
}

impl PlanError {
    pub(crate) fn unsat(constraint: Constraint, reason: impl Into<String>) -> Self {
        PlanError::Unsatisfiable {
            constraint,
            reason: reason.into(),
        }
    }
}

impl PlanError {
    pub(crate) fn solver(e: impl fmt::Display) -> Self {
        PlanError::Solver {
            reason: e.to_string(),
        }
    }
}
