//! The plan worker: a second wasm binary that Trunk builds as `plan-worker` (a dedicated Web
//! Worker, see `index.html`). It answers each [`RunPlan`](mutasi_web::planner::protocol::RunPlan)
//! message with progress and the plan (see [`mutasi_web::planner::work`]).

use mutasi_web::planner::protocol::{FromWorker, RunPlan};
use mutasi_web::planner::work;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn post(scope: &DedicatedWorkerGlobalScope, msg: &FromWorker) {
    // A failed post means the page is gone; nothing is left to tell.
    let _ = scope.post_message(&JsValue::from_str(&msg.to_json()));
}

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let listener = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let scope = listener.clone();
        let text = ev.data().as_string().unwrap_or_default();
        wasm_bindgen_futures::spawn_local(async move {
            match serde_json::from_str::<RunPlan>(&text) {
                Ok(msg) => {
                    work::run(msg, &mut |m| post(&scope, &m)).await;
                }
                Err(e) => post(&scope, &FromWorker::unreadable_request(&e.to_string())),
            }
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&scope, &FromWorker::Ready);
}
