//! Messages between the page and the plan worker. Both directions carry JSON text, so the
//! structured-clone cost is one string.

use mutasi_core::plan::{Plan, PlanRequest, Stage};
use mutasi_core::text::Text;
use serde::{Deserialize, Serialize};

use super::both;
use crate::i18n::*;

/// Page → worker: plan `request` on the city stored in the IndexedDB database `db`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunPlan {
    /// Run number, echoed in every answer (answers of an older run are ignored).
    pub run: u32,
    /// IndexedDB database holding the city.
    pub db: String,
    /// What to plan.
    pub request: PlanRequest,
}

/// A step of a run, in order (named on the page, `rencana.progress.steps`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The worker is starting (downloading and compiling its code).
    Starting,
    /// Reading the city from IndexedDB.
    Loading,
    /// A stage of the optimiser.
    Plan(Stage),
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 5] = [
        Step::Starting,
        Step::Loading,
        Step::Plan(Stage::Candidates),
        Step::Plan(Stage::Solving),
        Step::Plan(Stage::Report),
    ];

    /// Position in [`Step::ALL`] (0-based).
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// Worker → page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FromWorker {
    /// The worker is listening; the page may send its [`RunPlan`].
    Ready,
    /// A step of run `run` started.
    Progress { run: u32, step: Step },
    /// Run `run` finished.
    Done {
        run: u32,
        plan: Box<Plan>,
        /// Time spent in the worker (loading and planning), in ms.
        elapsed_ms: f64,
    },
    /// Run `run` failed; `message` says why, in both languages (the page shows one).
    Failed { run: u32, message: Text },
}

impl FromWorker {
    /// As sent.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| {
            let detail = format!("encode: {e}");
            let failed = FromWorker::Failed {
                run: 0,
                message: Text::same(detail),
            };
            serde_json::to_string(&failed).unwrap_or_default()
        })
    }

    /// The answer to a message that is not a [`RunPlan`].
    pub fn unreadable_request(detail: &str) -> Self {
        FromWorker::Failed {
            run: 0,
            message: both(|l| td_string!(l, rencana.errors.unreadable_request, detail).to_string()),
        }
    }
}
