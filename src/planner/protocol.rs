//! Messages between the page and the plan worker. Both directions carry JSON text, so the
//! structured-clone cost is one string.
//!
//! The worker lives as long as the page that started it and keeps the decoded city between runs
//! ([`ToWorker::Warm`] loads it before the first run). A plan comes back as pages of moves
//! ([`FromWorker::Moves`], [`MOVES_PER_MESSAGE`] each) followed by [`FromWorker::Done`] with the
//! rest of the plan: the page parses each message in its own task, so no single task parses the
//! whole plan (several MB of JSON for the city). [`Pages`] splits an answer, [`Assembly`] puts
//! it back together.

use mutasi_core::plan::{Move, Plan, PlanRequest, Stage};
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

/// Page → worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToWorker {
    /// Plan.
    Run(RunPlan),
    /// Read and decode the city in the IndexedDB database `db` now, so that the first run finds
    /// it ready (sent when the planner opens the page; answers nothing).
    Warm { db: String },
}

impl ToWorker {
    /// As sent.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Moves in one [`FromWorker::Moves`] message (~1.05 kB of JSON each in the city plan without
/// the fit breakdown, so about 105 kB a message).
pub const MOVES_PER_MESSAGE: usize = 100;

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
    /// A page of run `run`'s moves, in order; sent before its [`FromWorker::Done`].
    Moves { run: u32, moves: Vec<Move> },
    /// Run `run` finished.
    Done {
        run: u32,
        /// The plan; its moves are those of the [`FromWorker::Moves`] pages before when
        /// `paged_moves` is not 0.
        plan: Box<Plan>,
        /// Time spent in the worker (loading and planning), in ms.
        elapsed_ms: f64,
        /// How many moves came in pages before this message (0: all are in `plan`).
        #[serde(default)]
        paged_moves: usize,
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

/// The messages that carry `answer`: a [`FromWorker::Done`] becomes its moves in pages followed
/// by the plan without them; anything else is sent as it is.
pub fn pages(answer: FromWorker) -> Vec<FromWorker> {
    match answer {
        FromWorker::Done {
            run,
            mut plan,
            elapsed_ms,
            paged_moves: 0,
        } => {
            let moves = std::mem::take(&mut plan.moves);
            let paged_moves = moves.len();
            let mut out: Vec<FromWorker> = Vec::with_capacity(paged_moves / MOVES_PER_MESSAGE + 2);
            let mut rest = moves.into_iter().peekable();
            while rest.peek().is_some() {
                let page: Vec<Move> = rest.by_ref().take(MOVES_PER_MESSAGE).collect();
                out.push(FromWorker::Moves { run, moves: page });
            }
            out.push(FromWorker::Done {
                run,
                plan,
                elapsed_ms,
                paged_moves,
            });
            out
        }
        other => vec![other],
    }
}

/// The page side of [`pages`]: collects a run's pages of moves and completes its plan.
#[derive(Debug, Default)]
pub struct Assembly {
    run: u32,
    moves: Vec<Move>,
}

impl Assembly {
    /// Keeps a page of run `run`'s moves (a page of another run starts over).
    pub fn add(&mut self, run: u32, moves: Vec<Move>) {
        if run != self.run {
            self.run = run;
            self.moves.clear();
        }
        self.moves.extend(moves);
    }

    /// The finished answer: a [`FromWorker::Done`] with its paged moves put back (an error when
    /// some are missing); anything else unchanged.
    pub fn finish(&mut self, answer: FromWorker) -> Result<FromWorker, Text> {
        let FromWorker::Done {
            run,
            mut plan,
            elapsed_ms,
            paged_moves,
        } = answer
        else {
            return Ok(answer);
        };
        if paged_moves == 0 {
            return Ok(FromWorker::Done {
                run,
                plan,
                elapsed_ms,
                paged_moves,
            });
        }
        let moves = if self.run == run {
            std::mem::take(&mut self.moves)
        } else {
            Vec::new()
        };
        if moves.len() != paged_moves || !plan.moves.is_empty() {
            let detail = format!("{} of {paged_moves} moves arrived", moves.len());
            return Err(both(|l| {
                td_string!(l, rencana.errors.unreadable_answer, detail = &detail).to_string()
            }));
        }
        plan.moves = moves;
        Ok(FromWorker::Done {
            run,
            plan,
            elapsed_ms,
            paged_moves: 0,
        })
    }
}
