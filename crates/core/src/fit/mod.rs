//! Fit score 0–100 of an employee for a slot, with its breakdown.
//!
//! Components (weights from [`crate::RuleSet::fit`]): JPM, major relevance, experience in the
//! same field or OPD, recent SKP, the formation's shortage, stated preferences, and closeness of
//! the workplace to the home kecamatan. [`fit`] explains one pair; [`Scorer`] scores many.

mod explain;
pub mod features;
pub mod jpm;
mod score;

pub use explain::{fit, Fit, FitComponent};
pub use score::{Component, PositionPart, Scorer};
