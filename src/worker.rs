//! The plan worker: a second wasm binary that Trunk builds as `plan-worker` (a dedicated Web
//! Worker, see `index.html`). It lives as long as the page that started it and handles one
//! message at a time, in order: [`ToWorker::Warm`] decodes the city ahead of the first run,
//! [`ToWorker::Run`] answers with progress and the plan (see [`mutasi_web::planner::work`]). A
//! run with a newer run queued behind it is skipped (the page ignores its answer anyway).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use mutasi_web::planner::protocol::{FromWorker, ToWorker};
use mutasi_web::planner::work;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn post(scope: &DedicatedWorkerGlobalScope, msg: &FromWorker) {
    // A failed post means the page is gone; nothing is left to tell.
    let _ = scope.post_message(&JsValue::from_str(&msg.to_json()));
}

/// Messages waiting, and whether one is being handled.
#[derive(Default)]
struct Queue {
    waiting: RefCell<VecDeque<Result<ToWorker, String>>>,
    busy: Cell<bool>,
}

impl Queue {
    /// The next message to handle: runs superseded by a later queued run are dropped.
    fn next(&self) -> Option<Result<ToWorker, String>> {
        let mut waiting = self.waiting.borrow_mut();
        loop {
            let parsed = waiting.pop_front()?;
            let is_run = |m: &Result<ToWorker, String>| matches!(m, Ok(ToWorker::Run(_)));
            let superseded = is_run(&parsed) && waiting.iter().any(is_run);
            if !superseded {
                return Some(parsed);
            }
        }
    }
}

async fn handle(scope: &DedicatedWorkerGlobalScope, queue: &Queue) {
    while let Some(msg) = queue.next() {
        match msg {
            Ok(ToWorker::Run(msg)) => {
                work::run(msg, &mut |m| post(scope, &m)).await;
            }
            // Warming is best effort: a failure shows on the run that needs the city.
            Ok(ToWorker::Warm { db }) => {
                let _ = work::city(&db).await;
            }
            Err(e) => post(scope, &FromWorker::unreadable_request(&e)),
        }
    }
    queue.busy.set(false);
}

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let queue = Rc::new(Queue::default());
    let listener = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let text = ev.data().as_string().unwrap_or_default();
        let msg = serde_json::from_str::<ToWorker>(&text).map_err(|e| e.to_string());
        queue.waiting.borrow_mut().push_back(msg);
        if !queue.busy.replace(true) {
            let (scope, queue) = (listener.clone(), queue.clone());
            wasm_bindgen_futures::spawn_local(async move { handle(&scope, &queue).await });
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&scope, &FromWorker::Ready);
}
