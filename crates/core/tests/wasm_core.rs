//! The core's checks compiled to wasm and run in headless Chromium: the browser runs the very
//! same domain code as the server.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn title_and_wire_types_work_in_the_browser() {
    assert_eq!(
        mutasi_core::version::app_title(),
        "Mutasi ASN — Pemerintah Kota Palembang"
    );
    let health: mutasi_core::wire::Health =
        serde_json::from_str(r#"{"status":"ok","version":"0.1.0","database":"sqlite"}"#).unwrap();
    assert!(health.is_ok());
}
