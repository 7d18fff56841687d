//! User Timing marks for the slow steps (reading and indexing the city), so a performance trace
//! or Lighthouse's "User Timing marks and measures" shows where the time goes. Works on the page
//! and in the plan worker (both have a global `performance`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
    #[wasm_bindgen(js_namespace = performance, js_name = measure, catch)]
    fn performance_measure(name: &str, options: &JsValue) -> Result<JsValue, JsValue>;
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
