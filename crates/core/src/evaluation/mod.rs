//! Did a round of mutasi help? An impact evaluation that compares units that got a change (a
//! school whose principal was replaced) with units that did not, before and after, instead of
//! one before/after figure of the changed units alone.
//!
//! **Method** (Callaway and Sant'Anna 2021, "Difference-in-Differences with multiple time
//! periods"; written for an analyst in `docs/EVALUATION.md`):
//! 1. Units are grouped into cohorts by their first treated period g ([`Panel`],
//!    [`panel::Cohort`]). Cohorts need at least `min_periods_before` observed periods before g.
//! 2. For each cohort and period t, ATT(g, t) is the cohort's mean change from the base
//!    period g − 1 to t minus the comparison units' mean change over the same periods
//!    (`att`). Comparison units are the never-treated, or also the not-yet-treated
//!    ([`crate::rules::ComparisonGroup`]).
//! 3. The ATT(g, t) are aggregated, weighting cohorts by size, into one overall effect and an
//!    event study by e = t − g (`aggregate`).
//! 4. Intervals come from a seeded unit-level multiplier bootstrap (`bootstrap`), widened to
//!    Student's t for small samples (`dist`); the pre-period estimates (e ≤ −2) are tested
//!    jointly against 0 ([`PreTrend`]).
//! 5. Below the minimum numbers of treated units, comparison units or periods before, there is
//!    no number but [`Outcome::NotEnoughData`] with its [`Shortfall`].
//! 6. [`verdict`] answers in plain words; [`naive_before_after`] is the old before/after figure,
//!    only ever shown next to the estimate and labelled as having no comparison group.
//!
//! [`school_panel`] builds the panel of the seed's question for Dinas Pendidikan: schools whose
//! principal changed to one with a strong educational background against schools whose
//! principal did not change; [`school_evidence`] is everything the Dampak screen shows for it.
//! [`service_panel`] and [`service_evidence`] ask the same of service units (puskesmas, RSUD):
//! units whose head changed against units whose head did not, on IKM, complaints and service
//! time; [`staff_evidence`] asks both with a second treatment, new staff instead of a new head
//! ([`Treatment`]); [`people_panel`] and [`people_evidence`] compare moved employees with employees due for
//! rotation but not moved, on their SKP history, and ([`rater`]) with those of them whose rater
//! changed, so the new rater that comes with a move is on both sides.
//!
//! The settings live in the rule set ([`crate::rules::EvaluationRules`]). Everything is pure and
//! deterministic: the bootstrap is seeded from the rules.

mod aggregate;
mod att;
mod bootstrap;
mod dist;
mod estimate;
mod naive;
pub mod panel;
pub mod people;
pub mod rater;
pub mod report;
pub mod schools;
pub mod services;
pub mod staff;
mod verdict;

pub use estimate::{
    evaluate, CohortSummary, Evaluation, EventTime, GroupTime, Interval, Outcome, PreTrend,
    Shortfall, Subject,
};
pub use naive::{naive_before_after, NaiveBeforeAfter};
pub use panel::{Panel, PanelError, PanelUnit, Time};
pub use people::{people_evidence, people_panel, PeopleEvidence, PersonRole};
pub use rater::{rater_change, RaterComparison};
pub use report::{school_evidence, SchoolEvidence, SchoolRole, SchoolRow};
pub use schools::{
    school_panel, school_principals, school_staff_evidence, strong_background, SchoolPrincipal,
};
pub use services::{
    service_evidence, service_heads, service_panel, service_staff_evidence, ServiceEvidence,
    ServiceHead, ServiceRole, ServiceRow, UnitEvidence,
};
pub use staff::{
    staff_changes, staff_evidence, Scope, StaffChange, StaffEvidence, StaffRole, StaffRow,
    Treatment,
};
pub use verdict::{verdict, Direction, Verdict};
