//! The page side of plan runs: one worker kept for the page's life (it keeps the decoded city
//! between runs, see [`super::work::city`]), warmed when the planner opens the page, sent each
//! run once it is listening; follows the progress, puts the paged plan back together
//! ([`Assembly`]) and can cancel (terminating the worker; the next run starts a fresh one).

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::plan::{Plan, PlanRequest};
use mutasi_core::text::Text;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use super::both;
use super::protocol::{Assembly, FromWorker, RunPlan, Step, ToWorker};
use crate::i18n::*;

/// Where the worker's loader is served (Trunk's loader shim for the `plan-worker` binary).
pub const WORKER_URL: &str = "/plan-worker_loader.js";

/// The state of the current run (a failure in both languages; the page shows one).
#[derive(Debug, Clone, PartialEq)]
pub enum RunState {
    Idle,
    Running { step: Step },
    Done { plan: Arc<Plan>, elapsed_ms: f64 },
    Failed(Text),
}

/// Starts and follows plan runs; `Copy`, so it can live in context.
#[derive(Clone, Copy)]
pub struct Runner {
    pub state: RwSignal<RunState>,
    /// Milliseconds since the current run started (updated while it runs).
    pub elapsed_ms: RwSignal<f64>,
    run: StoredValue<u32>,
    started: StoredValue<f64>,
    worker: StoredValue<Option<Worker>, LocalStorage>,
    /// The worker has said [`FromWorker::Ready`].
    ready: StoredValue<bool>,
    /// Messages for a worker that is not listening yet.
    waiting: StoredValue<Vec<String>>,
    /// The current run's pages of moves.
    assembly: StoredValue<Assembly, LocalStorage>,
    ticker: StoredValue<Option<gloo_timers::callback::Interval>, LocalStorage>,
}

impl Default for Runner {
    fn default() -> Self {
        Self::new()
    }
}

impl Runner {
    pub fn new() -> Self {
        Self {
            state: RwSignal::new(RunState::Idle),
            elapsed_ms: RwSignal::new(0.0),
            run: StoredValue::new(0),
            started: StoredValue::new(0.0),
            worker: StoredValue::new_local(None),
            ready: StoredValue::new(false),
            waiting: StoredValue::new(Vec::new()),
            assembly: StoredValue::new_local(Assembly::default()),
            ticker: StoredValue::new_local(None),
        }
    }

    pub fn is_running(&self) -> bool {
        matches!(self.state.get(), RunState::Running { .. })
    }

    /// Has the worker read the city in the IndexedDB database `db` now, so that the first run
    /// does not wait for it. Quiet: a failure shows on the run.
    pub fn warm(&self, db: &str) {
        let _ = self.send(ToWorker::Warm { db: db.to_string() });
    }

    /// Starts planning `request` on the city in the IndexedDB database `db`, cancelling any
    /// run in progress.
    pub fn start(&self, db: &str, request: PlanRequest) {
        if self.is_running_untracked() {
            // The worker is busy with the old run: stop it rather than wait.
            self.stop_worker();
        }
        let run = self.run.get_value() + 1;
        self.run.set_value(run);
        self.started.set_value(js_sys::Date::now());
        self.elapsed_ms.set(0.0);
        self.state.set(RunState::Running {
            step: Step::Starting,
        });
        let this = *self;
        self.ticker
            .set_value(Some(gloo_timers::callback::Interval::new(200, move || {
                this.elapsed_ms
                    .set(js_sys::Date::now() - this.started.get_value());
            })));
        let sent = self.send(ToWorker::Run(RunPlan {
            run,
            db: db.to_string(),
            request,
        }));
        if let Err(detail) = sent {
            self.finish(RunState::Failed(both(|l| {
                td_string!(l, rencana.errors.start, detail = &detail).to_string()
            })));
        }
    }

    fn is_running_untracked(&self) -> bool {
        matches!(self.state.get_untracked(), RunState::Running { .. })
    }

    /// The page's worker, started (with its handlers) when there is none.
    fn worker(&self) -> Result<Worker, String> {
        if let Some(w) = self.worker.get_value() {
            return Ok(w);
        }
        let worker = Worker::new(WORKER_URL).map_err(|e| format!("{e:?}"))?;
        let this = *self;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let text = ev.data().as_string().unwrap_or_default();
            match serde_json::from_str::<FromWorker>(&text) {
                Ok(FromWorker::Ready) => this.listening(),
                Ok(answer) => this.on_answer(answer),
                Err(e) if this.is_running_untracked() => this.finish(RunState::Failed(both(|l| {
                    td_string!(l, rencana.errors.unreadable_answer, detail = &e).to_string()
                }))),
                Err(_) => {}
            }
        });
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |ev: ErrorEvent| {
            ev.prevent_default();
            // A crashed worker is not used again.
            this.stop_worker();
            if this.is_running_untracked() {
                let detail = ev.message();
                this.finish(RunState::Failed(both(|l| {
                    td_string!(l, rencana.errors.crashed, detail = &detail).to_string()
                })));
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // The handlers live as long as the worker, which lives as long as the page.
        on_message.forget();
        on_error.forget();
        self.worker.set_value(Some(worker.clone()));
        Ok(worker)
    }

    /// Posts `msg` to the page's worker (started when there is none) now, or once it is
    /// listening; an error when no worker can be started.
    fn send(&self, msg: ToWorker) -> Result<(), String> {
        let worker = self.worker()?;
        let text = msg.to_json();
        if self.ready.get_value() {
            let _ = worker.post_message(&JsValue::from_str(&text));
        } else {
            self.waiting.update_value(|q| q.push(text));
        }
        Ok(())
    }

    /// The worker said it is listening: what waited goes out.
    fn listening(&self) {
        self.ready.set_value(true);
        let waiting = self
            .waiting
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        if let Some(worker) = self.worker.get_value() {
            for text in waiting {
                let _ = worker.post_message(&JsValue::from_str(&text));
            }
        }
    }

    fn on_answer(&self, answer: FromWorker) {
        let current = self.run.get_value();
        match answer {
            FromWorker::Progress { run, step } if run == current => {
                self.state.set(RunState::Running { step });
            }
            FromWorker::Moves { run, moves } if run == current => {
                self.assembly.update_value(|a| a.add(run, moves));
            }
            done @ FromWorker::Done { run, .. } if run == current => {
                let finished = self
                    .assembly
                    .try_update_value(|a| a.finish(done))
                    .unwrap_or_else(|| Err(Text::same(String::new())));
                match finished {
                    Ok(FromWorker::Done {
                        plan, elapsed_ms, ..
                    }) => self.finish(RunState::Done {
                        plan: Arc::new(*plan),
                        elapsed_ms,
                    }),
                    Ok(_) => {}
                    Err(message) => self.finish(RunState::Failed(message)),
                }
            }
            FromWorker::Failed { run, message } if run == current || run == 0 => {
                self.finish(RunState::Failed(message));
            }
            _ => {}
        }
    }

    /// Cancels the run in progress (the worker is stopped); the previous result is not
    /// restored.
    pub fn cancel(&self) {
        if self.is_running_untracked() {
            self.stop_worker();
            self.run.set_value(self.run.get_value() + 1);
            self.finish(RunState::Failed(both(|l| {
                td_string!(l, rencana.errors.cancelled).to_string()
            })));
        }
    }

    /// Shows a finished plan (also used by tests and when a scenario is opened).
    pub fn show(&self, plan: Arc<Plan>, elapsed_ms: f64) {
        self.finish(RunState::Done { plan, elapsed_ms });
    }

    fn finish(&self, state: RunState) {
        self.ticker.try_update_value(|t| t.take());
        self.elapsed_ms
            .set(js_sys::Date::now() - self.started.get_value());
        self.state.set(state);
    }

    fn stop_worker(&self) {
        if let Some(w) = self.worker.try_update_value(Option::take).flatten() {
            w.terminate();
        }
        self.ready.set_value(false);
        self.waiting.update_value(Vec::clear);
    }
}
