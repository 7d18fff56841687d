//! The city plan: the best legal set of moves for a whole scope at once.
//!
//! [`plan`] turns a [`Dataset`] and a [`PlanRequest`] into a [`Plan`]:
//!
//! - **Formulation.** Every employee in scope (the definitive holders of the slots in scope) is
//!   assigned to exactly one slot in scope; staying is being assigned to one's own slot, vacant
//!   slots may stay vacant. Swaps, rings and vacancy chains all fall out of this one assignment
//!   problem. Edges are only the (employee, slot) pairs no hard rule forbids (rank range,
//!   education, PPPK posts, functional qualification via
//!   [`PositionFeatures::admits`](crate::fit::features::PositionFeatures::admits); sanction, CPNS,
//!   tenure, retirement and JPT protection via
//!   [`EmployeeFeatures::self_blocked`](crate::fit::features::EmployeeFeatures::self_blocked);
//!   election and new-head freezes; protected JPT posts). Locked people, blocked people and the
//!   holders of frozen or protected posts have a single edge: their own slot. Moves are lateral
//!   (same [`JabatanKind`](crate::model::JabatanKind): no demotion or promotion) and never to
//!   another seat of one's own formation; positions with required training (e.g. the diklat
//!   calon kepala sekolah) are only proposed to people who have it. Other soft rules are not
//!   filtered: they appear as warnings on each move. A planner can force any legal move.
//! - **Objective** (maximised, in fit points, see [`PlanWeights`]): fit of each person in their
//!   slot, plus the value of filled slots in short formations, minus a disruption cost per move,
//!   minus a heavy cost for each rotation due (tenure ≥ maximum) left in place.
//! - **Candidate lists.** Memory grows with the number of edges, not employees × slots: each
//!   free employee keeps their own slot and the best [`CandidateLimits::per_employee`] slots,
//!   found among the receivable slots of their best-fitting admitted positions, nearest to home
//!   first (see [`CandidateLimits`]). The optimum is exact over these lists.
//! - **Solver.** [`crate::lap::SparseProblem`] with integer costs (1/1000 fit point); every
//!   solve is verified from its dual potentials before it is used. Move limits and unit limits
//!   are handled around it as described in the `solve` module docs: Lagrangian bisection for
//!   the maximum number of moves (with a reported bound on the loss), lock-and-resolve repair
//!   for unit outflow and minimum staffing.
//! - **Errors.** A request that cannot be met returns [`PlanError::Unsatisfiable`] naming the
//!   [`Constraint`] (a forced move with the hard rule it breaks, a lock, the move limit, a unit
//!   limit…).
//!
//! Deterministic: no hashing order or randomness reaches the result.

mod build;
mod error;
mod figures;
mod graph;
mod heads;
mod report;
mod request;
mod school;
mod solve;

pub use error::{Constraint, PlanError};

pub use heads::ActingHead;
pub use report::{
    Figures, GroupKind, Move, MoveGroup, Plan, PltOverdue, Post, SolverReport, PLAN_VERSION,
};
pub use request::{
    CandidateLimits, Exclusion, ForcedMove, PlanRequest, PlanWeights, Scope, UnitLimit,
};

use serde::{Deserialize, Serialize};

use crate::Dataset;

/// The best plan for `req` on `ds`, or the constraint that makes it impossible.
pub fn plan(ds: &Dataset, req: &PlanRequest) -> Result<Plan, PlanError> {
    plan_observed(ds, req, Breakdown::Explained, &mut |_| {})
}

/// How much of each move's fit a plan carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breakdown {
    /// The score and its components, each with its bilingual explanation ([`crate::fit::fit`]).
    Explained,
    /// The score only (`fit.components` empty): the same plan, as [`Plan::without_breakdown`]
    /// would leave it, for a reader that never shows the breakdown (the plan review in the
    /// browser; the explanations are about 60% of a move's JSON).
    ScoreOnly,
}

/// A phase of [`plan_observed`], reported as it starts (for a progress display).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Scoring people against slots and building the candidate lists.
    Candidates,
    /// Solving the assignment problem(s).
    Solving,
    /// Grouping the moves into chains and swaps and computing the figures.
    Report,
}

/// [`plan`] with the fit `breakdown` asked for, calling `observe` as each [`Stage`] starts.
pub fn plan_observed(
    ds: &Dataset,
    req: &PlanRequest,
    breakdown: Breakdown,
    observe: &mut dyn FnMut(Stage),
) -> Result<Plan, PlanError> {
    observe(Stage::Candidates);
    let model = graph::Model::build(ds, req)?;
    observe(Stage::Solving);
    let solution = solve::solve(&model)?;
    observe(Stage::Report);
    Ok(report::build(&model, &solution, breakdown))
}
