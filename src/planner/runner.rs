//! The page side of a plan run: starts a fresh worker per run, sends the request once the
//! worker is listening, follows its progress, and can cancel (terminating the worker).

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::plan::{Plan, PlanRequest};
use mutasi_core::text::Text;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use super::both;
use super::protocol::{FromWorker, RunPlan, Step};
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
            ticker: StoredValue::new_local(None),
        }
    }

    pub fn is_running(&self) -> bool {
        matches!(self.state.get(), RunState::Running { .. })
    }

    /// Starts planning `request` on the city in the IndexedDB database `db`, cancelling any
    /// run in progress.
    pub fn start(&self, db: &str, request: PlanRequest) {
        self.stop_worker();
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
        let worker = match Worker::new(WORKER_URL) {
            Ok(w) => w,
            Err(e) => {
                let detail = format!("{e:?}");
                self.finish(RunState::Failed(both(|l| {
                    td_string!(l, rencana.errors.start, detail = &detail).to_string()
                })));
                return;
            }
        };
        let msg = serde_json::to_string(&RunPlan {
            run,
            db: db.to_string(),
            request,
        })
        .unwrap_or_default();
        let sender = worker.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let text = ev.data().as_string().unwrap_or_default();
            match serde_json::from_str::<FromWorker>(&text) {
                Ok(FromWorker::Ready) => {
                    // Only now is the worker listening.
                    let _ = sender.post_message(&JsValue::from_str(&msg));
                }
                Ok(answer) => this.on_answer(run, answer),
                Err(e) => this.finish(RunState::Failed(both(|l| {
                    td_string!(l, rencana.errors.unreadable_answer, detail = &e).to_string()
                }))),
            }
        });
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |ev: ErrorEvent| {
            ev.prevent_default();
            if this.run.get_value() == run {
                let detail = ev.message();
                this.finish(RunState::Failed(both(|l| {
                    td_string!(l, rencana.errors.crashed, detail = &detail).to_string()
                })));
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // The worker owns its handlers for its whole (short) life.
        on_message.forget();
        on_error.forget();
        self.worker.set_value(Some(worker));
    }

    fn on_answer(&self, run: u32, answer: FromWorker) {
        let current = self.run.get_value();
        match answer {
            FromWorker::Progress { run: r, step } if r == run && r == current => {
                self.state.set(RunState::Running { step });
            }
            FromWorker::Done {
                run: r,
                plan,
                elapsed_ms,
            } if r == run && r == current => {
                self.finish(RunState::Done {
                    plan: Arc::new(*plan),
                    elapsed_ms,
                });
            }
            FromWorker::Failed { run: r, message } if r == current || r == 0 => {
                self.finish(RunState::Failed(message));
            }
            _ => {}
        }
    }

    /// Cancels the run in progress; the previous result is not restored.
    pub fn cancel(&self) {
        if matches!(self.state.get_untracked(), RunState::Running { .. }) {
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
        self.stop_worker();
        self.elapsed_ms
            .set(js_sys::Date::now() - self.started.get_value());
        self.state.set(state);
    }

    fn stop_worker(&self) {
        if let Some(w) = self.worker.try_update_value(Option::take).flatten() {
            w.terminate();
        }
        self.ticker.try_update_value(|t| t.take());
    }
}
