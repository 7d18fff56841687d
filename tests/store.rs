//! The IndexedDB store in a real headless Chromium: schema migration keeps data, the outbox is
//! atomic with the local change, pages of records and their cursor land together.
#![cfg(target_arch = "wasm32")]

use mutasi_core::wire::sync::{Change, Op, ProposalStatus, Record, RecordKind};
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
        reason: Some("sesuai rekomendasi Baperjakat".into()),
        change: Change::DecideProposal {
            proposal: proposal.into(),
            status: ProposalStatus::Approved,
        },
    }
}

#[wasm_bindgen_test]
async fn migrating_from_version_1_keeps_the_data() {
    let name = fresh_name();
    let v1 = store::open_at_version(&name, 1).await.expect("open v1");
    store::put_meta(&v1, store::LAST_SYNCED, "2026-10-01T07:00:00Z")
        .await
        .unwrap();
    v1.close();

    let v2 = store::open(&name).await.expect("upgrade to v2");
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
