//! The IndexedDB store in a real headless Chromium: schema migration keeps data (from version 1,
//! and from version 2's one-value-per-record layout), a failed migration changes nothing, the
//! outbox is atomic with the local change, pages of records and their cursor land together, a
//! pull does not overwrite a record with a pending change, and records spread over many pages
//! come back by key and by kind. When the device changes hands, the previous account's copy is
//! removed, unless it still has unsent changes.
//!
//! Longer than 500 lines on purpose: each wasm test file is a browser binary of its own (about a
//! minute to build and link), and every case here needs its own fresh IndexedDB database.
#![cfg(target_arch = "wasm32")]

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use mutasi_core::model::UnitId;
use mutasi_core::wire::auth::{Account, Role, Scope};
use mutasi_core::wire::sync::{Change, Op, ProposalStatus, Record, RecordKind};
use mutasi_web::store::owner::{self, Handover};
use mutasi_web::store::{self, outbox, records};
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_name() -> String {
    format!("mutasi-test-{}", js_sys::Math::random())
}

fn record(kind: RecordKind, id: &str, version: u64, data: serde_json::Value) -> Record {
    Record {
        kind,
        id: id.into(),
        version,
        seq: version,
        data,
    }
}

fn decide(op_id: &str, proposal: &str) -> Op {
    Op {
        id: op_id.into(),
        base_version: 1,
        expects: None,
        reason: Some("sesuai rekomendasi Baperjakat".into()),
        change: Change::DecideProposal {
            proposal: proposal.into(),
            status: ProposalStatus::Approved,
        },
    }
}

#[wasm_bindgen_test]
async fn a_database_is_known_to_exist_only_once_it_was_made() {
    // The app's start asks this before opening (which would create the database): a device that
    // never held one has nobody signed in.
    let name = fresh_name();
    assert_eq!(store::schema::existed_at_start(&name).await, Some(false));
    let db = store::open(&name).await.unwrap();
    db.close();
    assert_eq!(store::schema::existed_at_start(&name).await, Some(true));
}

#[wasm_bindgen_test]
async fn migrating_from_version_1_keeps_the_data() {
    let name = fresh_name();
    let v1 = store::open_at_version(&name, 1).await.expect("open v1");
    store::put_meta(&v1, store::LAST_SYNCED, "2026-10-01T07:00:00Z")
        .await
        .unwrap();
    v1.close();

    let v2 = store::open(&name)
        .await
        .expect("upgrade to the current version");
    assert_eq!(
        store::get_meta(&v2, store::LAST_SYNCED)
            .await
            .unwrap()
            .as_deref(),
        Some("2026-10-01T07:00:00Z")
    );
    // The new stores work after the upgrade.
    records::put_page(
        &v2,
        &[record(
            RecordKind::Unit,
            "DISDIK",
            1,
            json!({"name": "Dinas Pendidikan"}),
        )],
        Some(7),
    )
    .await
    .unwrap();
    assert_eq!(
        records::count_of_kind(&v2, RecordKind::Unit).await.unwrap(),
        1
    );
    assert_eq!(outbox::pending_count(&v2).await.unwrap(), 0);
    v2.close();
}

#[wasm_bindgen_test]
async fn a_page_and_its_cursor_are_written_together() {
    let name = fresh_name();
    let db = store::open(&name).await.unwrap();
    let page = vec![
        record(
            RecordKind::Employee,
            "198503122010011003",
            3,
            json!({"nama": "Ahmad"}),
        ),
        record(
            RecordKind::Employee,
            "199001012015032001",
            1,
            json!({"nama": "Siti"}),
        ),
        record(RecordKind::Slot, "SDN-1/KS", 2, json!({"holder": null})),
    ];
    records::put_page(&db, &page, Some(42)).await.unwrap();
    assert_eq!(
        store::get_meta(&db, store::SYNC_CURSOR)
            .await
            .unwrap()
            .as_deref(),
        Some("42")
    );
    let employees = records::all_of_kind(&db, RecordKind::Employee)
        .await
        .unwrap();
    assert_eq!(employees.len(), 2);
    assert!(employees.iter().all(|r| r.kind == RecordKind::Employee));
    let one = records::get(&db, RecordKind::Employee, "198503122010011003")
        .await
        .unwrap();
    assert_eq!(one, Some(page[0].clone()));
    assert_eq!(
        records::get(&db, RecordKind::Slot, "nope").await.unwrap(),
        None
    );
    db.close();
}

#[wasm_bindgen_test]
async fn outbox_entry_and_local_change_commit_or_fail_together() {
    let name = fresh_name();
    let db = store::open(&name).await.unwrap();
    let before = record(
        RecordKind::Proposal,
        "p-1",
        1,
        json!({"status": "proposed"}),
    );
    records::put_page(&db, &[before], None).await.unwrap();

    let approved = record(
        RecordKind::Proposal,
        "p-1",
        1,
        json!({"status": "approved"}),
    );
    outbox::enqueue(
        &db,
        &decide("op-1", "p-1"),
        Some(&approved),
        "2026-11-28T09:00:00Z",
    )
    .await
    .expect("first enqueue");
    assert_eq!(outbox::pending_count(&db).await.unwrap(), 1);

    // The same op id again: the unique index refuses it, so the local change must not land.
    let rejected = record(
        RecordKind::Proposal,
        "p-1",
        1,
        json!({"status": "rejected"}),
    );
    let err = outbox::enqueue(
        &db,
        &decide("op-1", "p-1"),
        Some(&rejected),
        "2026-11-28T09:01:00Z",
    )
    .await;
    assert!(err.is_err(), "a duplicate op id must fail");
    let stored = records::get(&db, RecordKind::Proposal, "p-1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.data["status"], "approved",
        "the failed transaction left no change"
    );
    assert_eq!(outbox::pending_count(&db).await.unwrap(), 1);

    // Pending entries come back in order; pushing them removes them.
    outbox::enqueue(&db, &decide("op-2", "p-2"), None, "2026-11-28T09:02:00Z")
        .await
        .unwrap();
    let pending = outbox::pending(&db).await.unwrap();
    let ids: Vec<&str> = pending.iter().map(|(_, e)| e.op_id.as_str()).collect();
    assert_eq!(ids, ["op-1", "op-2"]);
    outbox::remove(&db, &[pending[0].0]).await.unwrap();
    assert_eq!(outbox::pending_count(&db).await.unwrap(), 1);

    // A conflict moves out of the outbox and is kept.
    let conflict = outbox::ConflictEntry {
        op_id: "op-2".into(),
        op: pending[1].1.op.clone(),
        current: Some(record(
            RecordKind::Proposal,
            "p-2",
            4,
            json!({"status": "rejected"}),
        )),
        reason: Some("changed on the server".into()),
        why: None,
    };
    outbox::to_conflict(&db, pending[1].0, &conflict)
        .await
        .unwrap();
    assert_eq!(outbox::pending_count(&db).await.unwrap(), 0);
    assert_eq!(outbox::conflicts(&db).await.unwrap(), vec![conflict]);
    db.close();
}

#[wasm_bindgen_test]
async fn bulk_load_and_query_by_kind_and_key() {
    let name = fresh_name();
    let db = store::open(&name).await.unwrap();
    let mut page: Vec<Record> = (0..5_000)
        .map(|i| {
            record(
                RecordKind::Employee,
                &format!("e{i:05}"),
                1,
                json!({"nama": format!("Pegawai {i}"), "golongan": "III/a", "skp": [1, 2, 3]}),
            )
        })
        .collect();
    page.extend((0..300).map(|i| record(RecordKind::Slot, &format!("s{i}"), 1, json!({}))));
    records::put_page(&db, &page, Some(5_300)).await.unwrap();

    assert_eq!(
        records::count_of_kind(&db, RecordKind::Employee)
            .await
            .unwrap(),
        5_000
    );
    assert_eq!(
        records::count_of_kind(&db, RecordKind::Slot).await.unwrap(),
        300
    );
    let employees = records::all_of_kind(&db, RecordKind::Employee)
        .await
        .unwrap();
    assert_eq!(employees.len(), 5_000);
    assert_eq!(
        employees[4_321], page[4_321],
        "records come back whole, in key order"
    );
    let one = records::get(&db, RecordKind::Employee, "e02500")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(one.data["nama"], "Pegawai 2500");
    db.close();
}

/// Writes records the way schema version 2 stored them (one value per record in `records`),
/// independently of the current code.
async fn put_v2_rows(db: &Database, rows: &[Record], bad_json: &[&str]) {
    #[derive(serde::Serialize)]
    struct RowV2<'a> {
        kind: &'a str,
        id: &'a str,
        version: u64,
        seq: u64,
        json: String,
    }
    let tx = db
        .transaction("records")
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    let store = tx.object_store("records").unwrap();
    for r in rows {
        let json = if bad_json.contains(&r.id.as_str()) {
            "{not json".to_string()
        } else {
            r.data.to_string()
        };
        let row = RowV2 {
            kind: r.kind.as_str(),
            id: &r.id,
            version: r.version,
            seq: r.seq,
            json,
        };
        store.put(&row).serde().unwrap().await.unwrap();
    }
    tx.commit().await.unwrap();
}

fn store_names(db: &Database) -> Vec<String> {
    db.object_store_names().collect()
}

/// A v2 city: 600 employees (more than two pages), a unit, a proposal.
fn v2_city() -> Vec<Record> {
    let mut rows: Vec<Record> = (0..600)
        .map(|i| {
            record(
                RecordKind::Employee,
                &format!("e{i:04}"),
                1 + i % 3,
                json!({"nama": format!("Pegawai {i}"), "catatan": "baris\nbaru \"kutip\""}),
            )
        })
        .collect();
    rows.push(record(
        RecordKind::Unit,
        "DISDIK",
        2,
        json!({"name": "Dinas Pendidikan"}),
    ));
    rows.push(record(
        RecordKind::Proposal,
        "p-1",
        1,
        json!({"status": "proposed"}),
    ));
    rows
}

#[wasm_bindgen_test]
async fn migrating_from_version_2_keeps_records_outbox_conflicts_and_meta() {
    let name = fresh_name();
    let v2 = store::open_at_version(&name, 2).await.expect("open v2");
    let rows = v2_city();
    put_v2_rows(&v2, &rows, &[]).await;
    store::put_meta(&v2, store::SYNC_CURSOR, "602")
        .await
        .unwrap();
    store::put_meta(&v2, store::LAST_SYNCED, "2026-11-27T10:00:00Z")
        .await
        .unwrap();
    let entries: Vec<outbox::OutboxEntry> = ["op-a", "op-b"]
        .iter()
        .map(|id| outbox::OutboxEntry {
            op_id: id.to_string(),
            op: decide(id, "p-1"),
            queued_at: "2026-11-27T11:00:00Z".into(),
        })
        .collect();
    let conflict = outbox::ConflictEntry {
        op_id: "op-old".into(),
        op: decide("op-old", "p-1"),
        current: Some(rows[600].clone()),
        reason: Some("changed on the server".into()),
        why: None,
    };
    {
        let tx = v2
            .transaction(["outbox", "conflicts"])
            .with_mode(TransactionMode::Readwrite)
            .build()
            .unwrap();
        for entry in &entries {
            tx.object_store("outbox")
                .unwrap()
                .add(entry)
                .serde()
                .unwrap()
                .await
                .unwrap();
        }
        tx.object_store("conflicts")
            .unwrap()
            .put(&conflict)
            .serde()
            .unwrap()
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    v2.close();

    let db = store::open(&name)
        .await
        .expect("migrate v2 to the current version");
    assert_eq!(db.version() as u32, store::SCHEMA_VERSION);
    assert!(
        !store_names(&db).contains(&"records".to_string()),
        "the v2 store is gone: {:?}",
        store_names(&db)
    );
    // Records: every one, by kind, by count and by key.
    let employees = records::all_of_kind(&db, RecordKind::Employee)
        .await
        .unwrap();
    assert_eq!(employees, rows[..600].to_vec());
    assert_eq!(
        records::count_of_kind(&db, RecordKind::Employee)
            .await
            .unwrap(),
        600
    );
    for i in [0, 255, 256, 511, 512, 599] {
        assert_eq!(
            records::get(&db, RecordKind::Employee, &rows[i].id)
                .await
                .unwrap()
                .as_ref(),
            Some(&rows[i])
        );
    }
    assert_eq!(
        records::all_of_kind(&db, RecordKind::Unit).await.unwrap(),
        vec![rows[600].clone()]
    );
    assert_eq!(
        records::get(&db, RecordKind::Proposal, "p-1")
            .await
            .unwrap(),
        Some(rows[601].clone())
    );
    assert_eq!(
        records::count_of_kind(&db, RecordKind::Slot).await.unwrap(),
        0
    );
    // Outbox in order with its unique op id index, conflicts, meta.
    let pending = outbox::pending(&db).await.unwrap();
    assert_eq!(
        pending.iter().map(|(_, e)| e.clone()).collect::<Vec<_>>(),
        entries
    );
    assert!(
        outbox::enqueue(&db, &decide("op-a", "p-1"), None, "2026-11-29T08:00:00Z")
            .await
            .is_err(),
        "the op id index still refuses a duplicate"
    );
    assert_eq!(outbox::conflicts(&db).await.unwrap(), vec![conflict]);
    assert_eq!(
        store::get_meta(&db, store::SYNC_CURSOR)
            .await
            .unwrap()
            .as_deref(),
        Some("602")
    );
    assert_eq!(
        store::get_meta(&db, store::LAST_SYNCED)
            .await
            .unwrap()
            .as_deref(),
        Some("2026-11-27T10:00:00Z")
    );
    // The pending ops still protect their record from a pull.
    records::put_page(
        &db,
        &[record(
            RecordKind::Proposal,
            "p-1",
            5,
            json!({"status": "withdrawn"}),
        )],
        Some(700),
    )
    .await
    .unwrap();
    assert_eq!(
        records::get(&db, RecordKind::Proposal, "p-1")
            .await
            .unwrap(),
        Some(rows[601].clone())
    );
    db.close();
}

#[wasm_bindgen_test]
async fn a_failed_migration_leaves_version_2_as_it_was() {
    let name = fresh_name();
    let v2 = store::open_at_version(&name, 2).await.expect("open v2");
    let rows = v2_city();
    put_v2_rows(&v2, &rows, &["e0300"]).await;
    store::put_meta(&v2, store::SYNC_CURSOR, "602")
        .await
        .unwrap();
    v2.close();

    assert!(
        store::open(&name).await.is_err(),
        "a record that cannot be converted fails the upgrade"
    );
    let again = store::open_at_version(&name, 2)
        .await
        .expect("the database is still at version 2");
    assert_eq!(again.version() as u32, 2);
    let names = store_names(&again);
    assert!(names.contains(&"records".to_string()), "{names:?}");
    assert!(!names.contains(&"chunks".to_string()), "{names:?}");
    let tx = again.transaction("records").build().unwrap();
    let n = tx
        .object_store("records")
        .unwrap()
        .count()
        .primitive()
        .unwrap()
        .await
        .unwrap();
    assert_eq!(n, rows.len() as u32);
    drop(tx);
    assert_eq!(
        store::get_meta(&again, store::SYNC_CURSOR)
            .await
            .unwrap()
            .as_deref(),
        Some("602")
    );
    again.close();
}

#[wasm_bindgen_test]
async fn a_pull_keeps_a_record_with_a_pending_change_until_it_is_pushed() {
    let name = fresh_name();
    let db = store::open(&name).await.unwrap();
    let server_v1 = record(
        RecordKind::Proposal,
        "p-9",
        1,
        json!({"status": "proposed"}),
    );
    records::put_page(&db, &[server_v1], Some(1)).await.unwrap();
    let mine = record(
        RecordKind::Proposal,
        "p-9",
        2,
        json!({"status": "approved"}),
    );
    outbox::enqueue(
        &db,
        &decide("op-9", "p-9"),
        Some(&mine),
        "2026-11-29T08:00:00Z",
    )
    .await
    .unwrap();

    // Someone else's change arrives before ours is pushed: ours stays, the rest of the page lands.
    let theirs = record(
        RecordKind::Proposal,
        "p-9",
        2,
        json!({"status": "rejected"}),
    );
    let other = record(
        RecordKind::Unit,
        "DINKES",
        1,
        json!({"name": "Dinas Kesehatan"}),
    );
    records::put_page(&db, &[theirs, other.clone()], Some(2))
        .await
        .unwrap();
    assert_eq!(
        records::get(&db, RecordKind::Proposal, "p-9")
            .await
            .unwrap(),
        Some(mine)
    );
    assert_eq!(
        records::get(&db, RecordKind::Unit, "DINKES").await.unwrap(),
        Some(other)
    );

    // Once pushed (removed from the outbox), the next pull writes the server's copy.
    let pending = outbox::pending(&db).await.unwrap();
    outbox::remove(&db, &[pending[0].0]).await.unwrap();
    let accepted = record(
        RecordKind::Proposal,
        "p-9",
        3,
        json!({"status": "approved"}),
    );
    records::put_page(&db, std::slice::from_ref(&accepted), Some(3))
        .await
        .unwrap();
    assert_eq!(
        records::get(&db, RecordKind::Proposal, "p-9")
            .await
            .unwrap(),
        Some(accepted)
    );
    assert_eq!(
        records::count_of_kind(&db, RecordKind::Proposal)
            .await
            .unwrap(),
        1
    );
    db.close();
}

/// The stored lines of `records`, as a first sync's snapshot prepares them.
fn lines(records: &[Record]) -> Vec<records::StoredLine> {
    records
        .iter()
        .map(|r| records::StoredLine::of(r).unwrap())
        .collect()
}

/// A write split into tasks inside its transaction (`records::TxSlice`: it awaits one of its own
/// requests to end a task; here after every page and shard it puts) still commits whole, with
/// its cursor, and every record reads back; a transaction that did not stay alive across those
/// awaits would fail the write (a yield to the event loop there does).
#[wasm_bindgen_test]
async fn a_write_split_into_tasks_inside_its_transaction_commits_whole() {
    let name = fresh_name();
    let db = store::open(&name).await.unwrap();
    let filler = "x".repeat(200);
    let page: Vec<Record> = (0..2_000)
        .map(|i| {
            record(
                RecordKind::Employee,
                &format!("e{i:05}"),
                1,
                json!({"n": i, "notes": filler}),
            )
        })
        .collect();
    let before = records::tasks_ended_in_writes();
    let mut cache = records::ShardCache::default();
    records::set_write_slice_ms(0.0);
    let written = records::put_page_kept(&db, &lines(&page), Some(41), &mut cache).await;
    records::set_write_slice_ms(records::SLICE_MS);
    written.unwrap();
    // 2,000 records are 8 pages of 256; new ids touch every one of the 64 shards, which are read
    // (one task each), then placed (a task per 256 records) and put (one task each).
    assert_eq!(
        records::tasks_ended_in_writes() - before,
        records::ID_SHARDS + 7 + 8 + records::ID_SHARDS,
        "a task ended after each shard read, 256 records placed, page put and shard put"
    );
    let stored = records::all_of_kind(&db, RecordKind::Employee)
        .await
        .unwrap();
    assert_eq!(stored.len(), page.len());
    assert!(
        stored.iter().zip(&page).all(|(a, b)| a == b),
        "every record as written"
    );
    assert_eq!(
        store::get_meta(&db, store::SYNC_CURSOR)
            .await
            .unwrap()
            .as_deref(),
        Some("41")
    );
    db.close();
}

/// A first sync writes its snapshot in a series of transactions that keep the id shards in
/// memory between them (`records::ShardCache`); a write from elsewhere in between (a local
/// change, another pull) changes the kind's directory, so the series reads the shards again
/// instead of writing its stale copy over that write's ids.
#[wasm_bindgen_test]
async fn a_series_of_pages_keeps_its_shards_yet_sees_a_write_in_between() {
    let name = fresh_name();
    let db = store::open(&name).await.unwrap();
    let slot = |i: usize, v: u64| {
        record(
            RecordKind::Slot,
            &format!("s{i:04}"),
            v,
            json!({"n": i, "v": v}),
        )
    };
    let mut cache = records::ShardCache::default();
    let mut expected: Vec<Record> = Vec::new();
    for chunk in (0..900).collect::<Vec<_>>().chunks(300) {
        let page: Vec<Record> = chunk.iter().map(|&i| slot(i, 1)).collect();
        records::put_page_kept(&db, &lines(&page), None, &mut cache)
            .await
            .unwrap();
        expected.extend(page);
    }
    // Elsewhere: a new record and a change, written without the series' cache.
    let between = vec![
        slot(5, 2),
        record(RecordKind::Slot, "x", 1, json!({"n": "x"})),
    ];
    records::put_page(&db, &between, None).await.unwrap();
    expected[5] = between[0].clone();
    expected.push(between[1].clone());
    // The series goes on: new ids in every shard, and a change of a record it wrote before.
    let mut page: Vec<Record> = (900..1_200).map(|i| slot(i, 1)).collect();
    page.push(slot(7, 2));
    records::put_page_kept(&db, &lines(&page), Some(9), &mut cache)
        .await
        .unwrap();
    expected[7] = slot(7, 2);
    expected.extend(page.into_iter().take(300));
    let x = expected[900].clone();
    expected.sort_by(|a, b| a.id.cmp(&b.id));

    let stored = records::all_of_kind(&db, RecordKind::Slot).await.unwrap();
    let first_difference = stored
        .iter()
        .zip(&expected)
        .position(|(a, b)| a != b)
        .map(|i| (i, &stored[i], &expected[i]));
    assert_eq!(
        (stored.len(), first_difference),
        (expected.len(), None),
        "the stored records, by id"
    );
    for (id, want) in [("x", &x), ("s0005", &expected[5]), ("s0007", &expected[7])] {
        assert_eq!(
            records::get(&db, RecordKind::Slot, id)
                .await
                .unwrap()
                .as_ref(),
            Some(want),
            "{id} is found by its id"
        );
    }
    assert_eq!(
        records::count_of_kind(&db, RecordKind::Slot).await.unwrap(),
        1_201
    );
    db.close();
}

#[wasm_bindgen_test]
async fn the_sliced_reader_returns_every_record_in_id_order_across_batches() {
    // Arriving in an order unrelated to their ids (as a pull's seq order is), over more pages
    // than one read asks for; 1,024 records are exactly four full pages (the next read finds
    // none), 3,001 end in a part-filled page; every 10th record is removed (content null).
    for n in [1_024u32, 3_001] {
        let name = fresh_name();
        let db = store::open(&name).await.unwrap();
        let arriving: Vec<Record> = (0..n)
            .map(|i| {
                let k = (i * 7_919) % n;
                let data = if k % 10 == 0 {
                    serde_json::Value::Null
                } else {
                    json!(k)
                };
                record(RecordKind::Unit, &format!("u{k:05}"), 1, data)
            })
            .collect();
        for (i, page) in arriving.chunks(700).enumerate() {
            records::put_page(&db, page, Some(i as u64)).await.unwrap();
        }
        let read: Vec<u32> = records::all_data_of_kind(&db, RecordKind::Unit)
            .await
            .unwrap();
        let want: Vec<u32> = (0..n).filter(|k| k % 10 != 0).collect();
        assert_eq!(read, want, "{n} records");
        db.close();
    }
}

#[wasm_bindgen_test]
async fn changed_records_are_replaced_in_place_across_pages() {
    let name = fresh_name();
    let db = store::open(&name).await.unwrap();
    let first: Vec<Record> = (0..1_000)
        .map(|i| record(RecordKind::Slot, &format!("s{i:04}"), 1, json!({"n": i})))
        .collect();
    for (i, page) in first.chunks(300).enumerate() {
        records::put_page(&db, page, Some(i as u64)).await.unwrap();
    }
    // A later page: some records changed (one of them twice), some new.
    let mut later: Vec<Record> = [3, 299, 300, 999]
        .iter()
        .map(|&i| record(RecordKind::Slot, &format!("s{i:04}"), 2, json!({"n": -i})))
        .collect();
    later.push(record(RecordKind::Slot, "s0003", 3, json!({"n": "third"})));
    later.push(record(RecordKind::Slot, "s1000", 1, json!({"n": 1000})));
    later.push(record(RecordKind::Slot, "s1000", 2, json!({"n": "again"})));
    records::put_page(&db, &later, Some(10)).await.unwrap();

    let mut expected = first.clone();
    for r in &later {
        match expected.iter_mut().find(|e| e.id == r.id) {
            Some(e) => *e = r.clone(),
            None => expected.push(r.clone()),
        }
    }
    assert_eq!(expected.len(), 1_001);
    assert_eq!(
        records::all_of_kind(&db, RecordKind::Slot).await.unwrap(),
        expected
    );
    assert_eq!(
        records::count_of_kind(&db, RecordKind::Slot).await.unwrap(),
        1_001
    );
    for id in ["s0000", "s0003", "s0299", "s0300", "s0999", "s1000"] {
        let want = expected.iter().find(|e| e.id == id).cloned();
        assert_eq!(records::get(&db, RecordKind::Slot, id).await.unwrap(), want);
    }
    assert_eq!(
        records::get(&db, RecordKind::Slot, "s1001").await.unwrap(),
        None
    );
    assert_eq!(
        records::get(&db, RecordKind::Employee, "s0003")
            .await
            .unwrap(),
        None,
        "ids are per kind"
    );
    db.close();
}

#[wasm_bindgen_test]
async fn a_conflict_is_discarded_or_requeued_atomically() {
    let name = fresh_name();
    let db = store::open(&name).await.unwrap();
    records::put_page(&db, &[], Some(40)).await.unwrap();
    for (op_id, proposal) in [("op-a", "p-a"), ("op-b", "p-b"), ("op-c", "p-c")] {
        outbox::enqueue(&db, &decide(op_id, proposal), None, "2026-11-28T09:00:00Z")
            .await
            .unwrap();
    }
    let pending = outbox::pending(&db).await.unwrap();
    let server = |id: &str, version| {
        record(
            RecordKind::Proposal,
            id,
            version,
            json!({"status": "recommended"}),
        )
    };
    for (key, entry) in &pending {
        let (_, id) = entry.op.change.target();
        let conflict = outbox::ConflictEntry {
            op_id: entry.op_id.clone(),
            op: entry.op.clone(),
            current: (id != "p-c").then(|| server(&id, 3)),
            reason: None,
            why: None,
        };
        outbox::to_conflict(&db, *key, &conflict).await.unwrap();
    }
    assert_eq!(outbox::conflicts(&db).await.unwrap().len(), 3);

    // Keeping the server's version forgets the change; the cursor stays where it is.
    outbox::discard_conflict(&db, "op-a", None).await.unwrap();
    let left: Vec<String> = outbox::conflicts(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.op_id)
        .collect();
    assert_eq!(left, ["op-b", "op-c"]);
    assert_eq!(
        store::get_meta(&db, store::SYNC_CURSOR)
            .await
            .unwrap()
            .as_deref(),
        Some("40")
    );

    // Without the server's copy, the cursor moves back (never forward) to pull it again.
    outbox::discard_conflict(&db, "op-c", Some(55))
        .await
        .unwrap();
    assert_eq!(
        store::get_meta(&db, store::SYNC_CURSOR)
            .await
            .unwrap()
            .as_deref(),
        Some("40")
    );
    outbox::discard_conflict(&db, "op-c", Some(12))
        .await
        .unwrap();
    assert_eq!(
        store::get_meta(&db, store::SYNC_CURSOR)
            .await
            .unwrap()
            .as_deref(),
        Some("12")
    );

    // Re-applying: a new op on the server's version, its local copy, and the conflict gone.
    let mut again = decide("op-b2", "p-b");
    again.base_version = 3;
    let mut local = server("p-b", 4);
    local.data = json!({"status": "approved"});
    outbox::requeue_conflict(&db, "op-b", &again, Some(&local), "2026-11-28T10:00:00Z")
        .await
        .unwrap();
    assert!(outbox::conflicts(&db).await.unwrap().is_empty());
    let pending = outbox::pending(&db).await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].1.op, again);
    let stored = records::get(&db, RecordKind::Proposal, "p-b")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.version, stored.data["status"].clone()),
        (4, json!("approved"))
    );

    // The same new op id again fails and leaves the conflict list and outbox as they were.
    outbox::to_conflict(
        &db,
        pending[0].0,
        &outbox::ConflictEntry {
            op_id: "op-b2".into(),
            op: again.clone(),
            current: None,
            reason: None,
            why: None,
        },
    )
    .await
    .unwrap();
    outbox::enqueue(&db, &decide("op-x", "p-x"), None, "2026-11-28T10:01:00Z")
        .await
        .unwrap();
    let mut dup = again.clone();
    dup.id = "op-x".into();
    let err = outbox::requeue_conflict(&db, "op-b2", &dup, None, "2026-11-28T10:02:00Z").await;
    assert!(err.is_err(), "a duplicate op id must fail");
    assert_eq!(outbox::conflicts(&db).await.unwrap().len(), 1);
    assert_eq!(outbox::pending_count(&db).await.unwrap(), 1);
    db.close();
}

/// An account: a planner (with `scope`) or an employee.
fn account(name: &str, scope: Option<Scope>) -> Account {
    Account {
        username: name.into(),
        role: if name == "pegawai" {
            Role::Employee
        } else {
            Role::Planner
        },
        nip: None,
        scope,
    }
}

#[wasm_bindgen_test]
async fn a_narrowed_scope_empties_the_copy_once_its_changes_are_out() {
    let name = fresh_name();
    let db = store::open(&name).await.unwrap();
    let city = account("perencana", Some(Scope::City));
    let disdik = account(
        "perencana",
        Some(Scope::Opd(vec![UnitId::new("DISDIK").unwrap()])),
    );
    assert_eq!(
        owner::hand_over(&db, &city).await.unwrap(),
        Handover::Claimed
    );
    let page = vec![record(
        RecordKind::Employee,
        "198503122010011003",
        3,
        json!({"nama": "Ahmad"}),
    )];
    records::put_page(&db, &page, Some(42)).await.unwrap();
    // A change waits: the copy is kept for it.
    outbox::enqueue(&db, &decide("op-1", "p-1"), None, "2026-11-29T08:00:00Z")
        .await
        .unwrap();
    assert_eq!(
        owner::hand_over(&db, &disdik).await.unwrap(),
        Handover::Same
    );
    assert_eq!(
        records::count_of_kind(&db, RecordKind::Employee)
            .await
            .unwrap(),
        1
    );
    // Sent: the next login empties it, cursor included, and the copy is the narrower one's.
    let pending = outbox::pending(&db).await.unwrap();
    outbox::remove(&db, &[pending[0].0]).await.unwrap();
    assert_eq!(
        owner::hand_over(&db, &disdik).await.unwrap(),
        Handover::Rescoped
    );
    assert_eq!(
        records::count_of_kind(&db, RecordKind::Employee)
            .await
            .unwrap(),
        0
    );
    assert_eq!(store::get_meta(&db, "sync_cursor").await.unwrap(), None);
    assert_eq!(
        owner::owner(&db).await.unwrap().as_deref(),
        Some("perencana")
    );
    // The same scope again keeps the copy.
    records::put_page(&db, &page, Some(43)).await.unwrap();
    assert_eq!(
        owner::hand_over(&db, &disdik).await.unwrap(),
        Handover::Same
    );
    assert_eq!(
        records::count_of_kind(&db, RecordKind::Employee)
            .await
            .unwrap(),
        1
    );
    db.close();
}

#[wasm_bindgen_test]
async fn another_account_gets_an_empty_copy_unless_changes_wait() {
    let name = fresh_name();
    let db = store::open(&name).await.unwrap();
    // The planner's tablet: the city's records, a cursor, a saved scenario.
    assert_eq!(
        owner::hand_over(&db, &account("perencana", None))
            .await
            .unwrap(),
        Handover::Claimed
    );
    let page = vec![
        record(
            RecordKind::Employee,
            "198503122010011003",
            3,
            json!({"nama": "Ahmad"}),
        ),
        record(
            RecordKind::Employee,
            "199001012015032001",
            1,
            json!({"nama": "Siti"}),
        ),
    ];
    records::put_page(&db, &page, Some(42)).await.unwrap();
    store::put_meta(&db, "planner.scenarios", "[]")
        .await
        .unwrap();
    // The same account again keeps everything.
    assert_eq!(
        owner::hand_over(&db, &account("perencana", None))
            .await
            .unwrap(),
        Handover::Same
    );
    assert_eq!(
        records::count_of_kind(&db, RecordKind::Employee)
            .await
            .unwrap(),
        2
    );

    // A change waits: another account is refused and nothing is touched.
    outbox::enqueue(&db, &decide("op-1", "p-1"), None, "2026-11-29T08:00:00Z")
        .await
        .unwrap();
    assert_eq!(
        owner::hand_over(&db, &account("pegawai", None))
            .await
            .unwrap(),
        Handover::Refused {
            owner: "perencana".into(),
            waiting: 1
        }
    );
    assert_eq!(
        owner::owner(&db).await.unwrap().as_deref(),
        Some("perencana")
    );
    assert_eq!(
        records::count_of_kind(&db, RecordKind::Employee)
            .await
            .unwrap(),
        2
    );
    assert_eq!(outbox::pending_count(&db).await.unwrap(), 1);

    // Once it is sent, the next account starts from nothing: no records, cursor or scenarios.
    let pending = outbox::pending(&db).await.unwrap();
    outbox::remove(&db, &[pending[0].0]).await.unwrap();
    assert_eq!(
        owner::hand_over(&db, &account("pegawai", None))
            .await
            .unwrap(),
        Handover::Cleared {
            previous: "perencana".into()
        }
    );
    assert_eq!(owner::owner(&db).await.unwrap().as_deref(), Some("pegawai"));
    assert_eq!(
        records::count_of_kind(&db, RecordKind::Employee)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        records::get(&db, RecordKind::Employee, "198503122010011003")
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store::get_meta(&db, store::SYNC_CURSOR).await.unwrap(),
        None
    );
    assert_eq!(
        store::get_meta(&db, "planner.scenarios").await.unwrap(),
        None
    );
    // And its own pulls land as usual.
    records::put_page(&db, &page[..1], Some(7)).await.unwrap();
    assert_eq!(
        records::count_of_kind(&db, RecordKind::Employee)
            .await
            .unwrap(),
        1
    );
    db.close();
}
