//! The city plan in the browser.
//!
//! The optimiser (`mutasi_core::plan`) runs in a dedicated Web Worker so that the page never
//! freezes: `src/worker.rs` is a second binary that Trunk builds as `plan-worker` and ships with a
//! loader (`plan-worker_loader.js`). The worker reads the city from IndexedDB itself, so the page
//! sends only the request and receives only the plan.
//!
//! - [`protocol`]: the messages between page and worker (JSON text).
//! - [`work`]: what the worker does with a request (also callable in tests).
//! - [`runner`]: the page side: start, follow, cancel a run.
//! - [`constraints`]: the planner's locks, rejections and forced moves, turned into a request.
//! - [`scenarios`]: saved plans (kept in IndexedDB) and their comparison.
//! - [`state`]: the planner's workspace in context (survives navigation).
//! - [`proposals`]: turning accepted moves into proposals (outbox operations).
//!
//! Text made here (failures, problems) is a [`Text`] with both languages taken from
//! `locales/*/rencana.json` ([`both`]): the worker has no Leptos context, and a message kept in a
//! signal is shown with [`crate::lang::pick`] so that it follows the language switch.

pub mod constraints;
pub mod proposals;
pub mod protocol;
pub mod runner;
pub mod scenarios;
pub mod state;
pub mod work;

pub use crate::lang::both;
