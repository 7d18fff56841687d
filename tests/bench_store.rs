//! Benchmark (not a test of speed): writes the demo city's ~19.5k employee records to IndexedDB
//! in one transaction, reads them all back, and queries by index, in headless Chromium. Prints
//! the times; asserts only that every record came back. Run with `scripts/bench-wasm.sh`.
#![cfg(target_arch = "wasm32")]

use mutasi_core::wire::sync::{Record, RecordKind};
use mutasi_web::store::{self, records};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[wasm_bindgen_test]
async fn bench_indexeddb_city_employees() {
    let city = mutasi_core::demo::generate(1);
    let employees: Vec<Record> = city
        .employees()
        .iter()
        .enumerate()
        .map(|(i, e)| Record {
            kind: RecordKind::Employee,
            id: e.nip.to_string(),
            version: 1,
            seq: i as u64 + 1,
            data: serde_json::to_value(e).unwrap(),
        })
        .collect();
    let n = employees.len();
    let name = format!("mutasi-bench-{}", js_sys::Math::random());
    let db = store::open(&name).await.unwrap();

    let t0 = now_ms();
    let rows: Vec<records::Row> = employees.iter().map(records::Row::from_record).collect();
    let t_rows = now_ms() - t0;
    let t0 = now_ms();
    let js: Vec<wasm_bindgen::JsValue> = rows
        .iter()
        .map(|r| serde_wasm_bindgen::to_value(r).unwrap())
        .collect();
    let t_js = now_ms() - t0;
    drop(js);
    let t0 = now_ms();
    records::put_page(&db, &employees, Some(n as u64))
        .await
        .unwrap();
    let t_write = now_ms() - t0;

    let t0 = now_ms();
    let back = records::all_of_kind(&db, RecordKind::Employee)
        .await
        .unwrap();
    let t_read = now_ms() - t0;
    assert_eq!(back.len(), n);

    let t0 = now_ms();
    let count = records::count_of_kind(&db, RecordKind::Employee)
        .await
        .unwrap();
    let t_count = now_ms() - t0;
    assert_eq!(count as usize, n);

    let probe = &employees[n / 2];
    let t0 = now_ms();
    let one = records::get(&db, RecordKind::Employee, &probe.id)
        .await
        .unwrap();
    let t_get = now_ms() - t0;
    assert_eq!(one.as_ref(), Some(probe));

    console_log!(
        "BENCH of which: records to JSON rows {t_rows:.0} ms; rows to JS objects {t_js:.0} ms"
    );
    console_log!(
        "BENCH indexeddb: {n} employee records; write {t_write:.0} ms; read all {t_read:.0} ms; \
         count by index {t_count:.1} ms; get by key {t_get:.1} ms"
    );
    db.close();
}
