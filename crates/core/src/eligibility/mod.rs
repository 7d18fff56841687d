//! Eligibility: every rule's verdict for moving an employee into a slot on a date.
//!
//! [`eligibility`] returns [`Verdicts`]: one [`Verdict`] per applicable rule with its severity
//! (hard rules cannot be overridden), the regulation, a bilingual reason quoting the numbers and,
//! for a failing rule, the earliest date it stops blocking where that can be computed.
//! `date` is the planned TMT (effective date) of the move. The education service's rules
//! (qualification, principal candidates and periods, ending an assignment, the allowance) are
//! in `school`, built on [`crate::school`].

mod checks;
pub mod facts;
mod hard;
mod school;
mod soft;
mod standing;
mod verdict;

pub use checks::eligibility;
pub use standing::{Need, Standing, Summary};
pub use verdict::{
    Decision, Outcome, Override, OverrideError, RuleId, Severity, Verdict, Verdicts,
};
