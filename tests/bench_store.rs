//! Benchmark (not a test of speed): writes the demo city's ~19.4k employee records to IndexedDB
//! in one transaction, reads them all back, counts them, gets single records by key, saves one
//! local change, and pulls the same records again as a first sync would (pages of
//! `PULL_LIMIT_DEFAULT`, each with its cursor), in headless Chromium. Prints the times; asserts
//! only that every record came back whole. Run with `scripts/bench-wasm.sh`.
#![cfg(target_arch = "wasm32")]

use indexed_db_futures::prelude::*;
use mutasi_core::wire::sync::{Change, Op, Record, RecordKind, PULL_LIMIT_DEFAULT};
use mutasi_web::store::{self, outbox, records};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// `performance.now()`: sub-millisecond, unlike `Date.now()`.
fn now_ms() -> f64 {
    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).unwrap();
    let now = js_sys::Reflect::get(&performance, &"now".into()).unwrap();
    js_sys::Function::from(now)
        .call0(&performance)
        .unwrap()
        .as_f64()
        .unwrap()
}

fn city_employees() -> Vec<Record> {
    let city = mutasi_core::demo::generate(1);
    city.employees()
        .iter()
        .enumerate()
        .map(|(i, e)| Record {
            kind: RecordKind::Employee,
            id: e.nip.to_string(),
            version: 1,
            seq: i as u64 + 1,
            data: serde_json::to_value(e).unwrap(),
        })
        .collect()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

#[wasm_bindgen_test]
async fn bench_indexeddb_city_employees() {
    let employees = city_employees();
    let n = employees.len();
    let name = format!("mutasi-bench-{}", js_sys::Math::random());
    let db = store::open(&name).await.unwrap();

    let t0 = now_ms();
    let bytes: usize = employees
        .iter()
        .map(|r| serde_json::to_string(r).unwrap().len())
        .sum();
    let t_json = now_ms() - t0;

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
    let mut sorted = employees.clone();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    assert!(back == sorted, "every record comes back whole, in id order");
    drop(back);

    // Of the read: IndexedDB handing over the pages as strings, without parsing them.
    let t0 = now_ms();
    let tx = db.transaction(store::schema::CHUNKS).build().unwrap();
    let pages: Vec<String> = tx
        .object_store(store::schema::CHUNKS)
        .unwrap()
        .get_all::<String>()
        .primitive()
        .unwrap()
        .await
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let t_read_idb = now_ms() - t0;
    drop(tx);
    let n_pages = pages.len();
    assert_eq!(
        pages.iter().map(|p| p.split('\n').count()).sum::<usize>(),
        n
    );
    drop(pages);

    let t0 = now_ms();
    let count = records::count_of_kind(&db, RecordKind::Employee)
        .await
        .unwrap();
    let t_count = now_ms() - t0;
    assert_eq!(count as usize, n);

    // Single gets spread over the city (the first one also warms the path).
    let mut t_gets = Vec::new();
    for i in 0..25 {
        let probe = &employees[(i * 7_919) % n];
        let t0 = now_ms();
        let one = records::get(&db, RecordKind::Employee, &probe.id)
            .await
            .unwrap();
        t_gets.push(now_ms() - t0);
        assert_eq!(one.as_ref(), Some(probe));
    }
    let t_get_first = t_gets[0];
    let t_get = median(t_gets);

    // One local change with its outbox entry (a read-modify-write of the record's page).
    let mut changed = employees[n / 3].clone();
    changed.version += 1;
    changed.data["preferences"] = serde_json::json!({"kecamatan": [], "fields": []});
    let op = Op {
        id: "bench-op-1".into(),
        base_version: 1,
        expects: None,
        reason: None,
        change: Change::SetPreferences {
            nip: changed.id.parse().unwrap(),
            preferences: Default::default(),
        },
    };
    let t0 = now_ms();
    outbox::enqueue(&db, &op, Some(&changed), "2026-11-29T00:00:00Z")
        .await
        .unwrap();
    let t_enqueue = now_ms() - t0;
    let stored = records::get(&db, RecordKind::Employee, &changed.id)
        .await
        .unwrap();
    assert_eq!(stored.as_ref(), Some(&changed));
    db.close();

    // A first sync: the same records in pulled pages, each page with its cursor.
    let name = format!("mutasi-bench-{}", js_sys::Math::random());
    let db = store::open(&name).await.unwrap();
    let page = PULL_LIMIT_DEFAULT as usize;
    let t0 = now_ms();
    for (i, chunk) in employees.chunks(page).enumerate() {
        let cursor = ((i + 1) * page).min(n) as u64;
        records::put_page(&db, chunk, Some(cursor)).await.unwrap();
    }
    let t_pull = now_ms() - t0;
    assert_eq!(
        records::count_of_kind(&db, RecordKind::Employee)
            .await
            .unwrap() as usize,
        n
    );
    db.close();

    console_log!(
        "BENCH of which: {n} records to JSON text ({:.1} MB) {t_json:.0} ms; reading the \
         {n_pages} pages of {} records as strings {t_read_idb:.0} ms",
        bytes as f64 / 1e6,
        records::CHUNK_ROWS
    );
    console_log!(
        "BENCH indexeddb: {n} employee records; write {t_write:.0} ms; read all {t_read:.0} ms; \
         count {t_count:.1} ms; get by key median {t_get:.1} ms (first {t_get_first:.1} ms)"
    );
    console_log!(
        "BENCH indexeddb: one local change + outbox entry {t_enqueue:.1} ms; \
         the {n} records pulled in pages of {page} with cursors {t_pull:.0} ms"
    );
}
