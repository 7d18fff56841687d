//! # mutasi-core
//!
//! The domain core of Mutasi, the planning tool for transfers and rotations (mutasi) of civil
//! servants (ASN) in Pemerintah Kota Palembang. Everything here is pure Rust: no I/O, no clock
//! (today's date is always an argument), no unseeded randomness. The same code runs natively in
//! the server and CLI and as wasm in the browser.
//!
//! Modules:
//! - [`version`]: the crate's version, shown by the app and the server.
//! - [`wire`]: the versioned types that cross the network between browser and server.
//! - [`lap`]: exact linear assignment solvers with optimality certificates.
//! - [`plan`]: the city plan, the best legal set of moves for a scope ([`plan::plan`]).
//! - [`model`]: validated types — [`model::Nip`], [`model::Golongan`], [`model::Employee`],
//!   [`model::Unit`], [`model::Position`], [`model::Slot`].
//! - [`rules`]: [`RuleSet`], every threshold and weight as configuration.
//! - [`text`]: bilingual [`text::Text`] and whole-month [`text::Span`]s.
//! - [`dataset`]: [`Dataset`], everything validated as a whole and indexed by id.
//! - [`eligibility`]: every rule's verdict for a move ([`eligibility::eligibility`]), hard vs
//!   soft, with the regulation, bilingual reasons and unblock dates; [`eligibility::Override`].
//! - [`fit`]: fit score 0–100 with its breakdown ([`fit::fit`]) and the shared [`fit::Scorer`].
//! - [`city`]: the pruning index and city-wide scoring ([`city::score_city`],
//!   [`city::candidate_lists`] — the optimiser's input).
//! - [`query`]: candidates for a slot, options for an employee, workforce need, rotations due,
//!   retirements, Plt posts, 9-box, talent pool, succession, career paths.
//! - [`demo`]: the deterministic Kota Palembang generator ([`demo::generate`]); [`fixture`]:
//!   a small hand-made dataset for tests.
//! - [`school`]: teachers and principals under Permendikdasmen 7/2025: periods, candidate
//!   requirements, teacher need per school, the professional allowance, acting principals.
//! - [`io`]: employee CSV import/export with SIASN-like columns.
//! - [`workflow`]: the proposal workflow, the one rule book of every step: [`workflow::take`]
//!   (admission, then the step) decides an op for the server and [`workflow::record`] for the
//!   device's optimistic copy, refusing with a typed [`workflow::StepError`]; the SK draft
//!   ([`workflow::sk`]) and the impact of moves made ([`workflow::impact`]).
//! - [`evaluation`]: did a round of moves help? Staggered difference-in-differences with a
//!   comparison group, bootstrap intervals and a pre-trend check ([`evaluation::evaluate`]).

pub mod city;
pub mod dataset;
pub mod demo;
pub mod eligibility;
pub mod evaluation;
pub mod fit;
pub mod fixture;
pub mod io;
pub mod lap;
pub mod model;
pub mod plan;
pub mod query;
pub mod rules;
pub mod school;
pub mod text;
pub mod version;
pub mod wire;
pub mod workflow;

pub use dataset::{Dataset, DatasetError, DatasetParts};
pub use rules::RuleSet;
