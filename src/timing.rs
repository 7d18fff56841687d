//! User Timing marks for the slow steps (reading the session, reading and indexing the city), so a performance trace
//! or Lighthouse's "User Timing marks and measures" shows where the time goes, and
//! [`yield_to_browser`], which long work awaits between its steps so no step is a long task.
//! Works on the page and in the plan worker (both have a global `performance`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
    #[wasm_bindgen(js_namespace = performance, js_name = measure, catch)]
    fn performance_measure(name: &str, options: &JsValue) -> Result<JsValue, JsValue>;
    /// `scheduler.yield()` (Chromium 129+, pages and workers); an error where there is none.
    #[wasm_bindgen(js_namespace = scheduler, js_name = "yield", catch)]
    fn scheduler_yield() -> Result<js_sys::Promise, JsValue>;
}

/// Milliseconds since the page (or worker) started.
pub fn now() -> f64 {
    performance_now()
}

/// Records a measure `name` from `start` ([`now`]) to now.
pub fn measure(name: &str, start: f64) {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &start.into());
    let _ = js_sys::Reflect::set(&options, &"end".into(), &now().into());
    // Timing is a diagnosis aid: a browser without it loses nothing else.
    let _ = performance_measure(name, &options);
}

/// Ends the current task and resumes in a new one, so the browser can handle input and paint in
/// between: `scheduler.yield()` where the browser has it (the work resumes ahead of other queued
/// tasks, with no timer clamping), else a zero timeout.
pub async fn yield_to_browser() {
    match scheduler_yield() {
        Ok(resumed) => {
            let _ = wasm_bindgen_futures::JsFuture::from(resumed).await;
        }
        Err(_) => gloo_timers::future::sleep(std::time::Duration::ZERO).await,
    }
}
