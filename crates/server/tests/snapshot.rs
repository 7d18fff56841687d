//! The first sync's snapshot (`GET /api/sync/snapshot`, issue 21): every record the caller may
//! see, in the compact form, is exactly what pulling every page from 0 gives the same caller —
//! the same records, the same redaction, the same cursor — and nothing for a caller without a
//! session.

mod common;

use axum::http::StatusCode;
use common::*;
use mutasi_core::wire::snapshot::{read_line, Line, SnapshotHead, SnapshotTail};
use mutasi_core::wire::sync::{Record, RecordKind, PULL_LIMIT_MAX};
use mutasi_server::db::Storage;

/// Every page `token` pulls from 0 in pages of `limit` (in the snapshot's order: by kind,
/// then seq) and the last cursor.
async fn pulled(app: &TestApp, token: &str, limit: u32) -> (Vec<Record>, u64) {
    let (mut records, cursor) = pull_all(app, token, 0, limit).await;
    records.sort_by_key(|r| (RecordKind::ALL.iter().position(|k| *k == r.kind), r.seq));
    (records, cursor)
}

/// The snapshot `token` gets, read line by line: head, records, tail (the last line).
async fn snapshot(app: &TestApp, token: &str) -> (SnapshotHead, Vec<Record>, SnapshotTail) {
    let r = app.get("/api/sync/snapshot", Some(token)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        r.headers.get("content-type").unwrap(),
        "application/x-ndjson"
    );
    let (mut head, mut records, mut tail) = (None, Vec::new(), None);
    for (i, line) in r.text.lines().enumerate() {
        assert!(tail.is_none(), "the tail is the last line");
        match read_line(i, line).unwrap() {
            Line::Head(h) => head = Some(h),
            Line::Block(b) => records.extend(b.records().unwrap()),
            Line::Tail(t) => tail = Some(t),
        }
    }
    records.sort_by_key(|r| (RecordKind::ALL.iter().position(|k| *k == r.kind), r.seq));
    (
        head.expect("a head line"),
        records,
        tail.expect("a tail line"),
    )
}

async fn the_snapshot_is_the_pull_from_zero(backend: Backend) {
    let app = TestApp::new(backend).await;
    let mut sizes = Vec::new();
    for username in EVERY_ACCOUNT {
        let token = app.login(username).await;
        let (head, records, tail) = snapshot(&app, &token).await;
        let (pulled, cursor) = pulled(&app, &token, 40).await;
        assert_eq!(
            tail.cursor, cursor,
            "{username}: the next pull starts where the pages end"
        );
        assert_eq!(head.total as usize, records.len(), "{username}");
        assert_eq!(
            records, pulled,
            "{username}: the very records the pull gives"
        );
        sizes.push((username, records.len()));
    }
    let count = |who: &str| sizes.iter().find(|(u, _)| *u == who).unwrap().1;
    assert!(
        count(EMPLOYEE) < count(CITY_PLANNER) && count(PLANNER) < count(CITY_PLANNER),
        "each snapshot is the caller's own: {sizes:?}"
    );
}

on_every_backend! {
    #[tokio::test]
    the_snapshot => the_snapshot_is_the_pull_from_zero;
}

/// An employee's snapshot carries no other person's NIP (slots are redacted as in the pull) and
/// no session gets nothing but the error.
#[tokio::test]
async fn an_employee_sees_no_other_nip_and_no_session_sees_nothing() {
    let app = TestApp::new(Backend::Sqlite).await;
    let city = app.login(CITY_PLANNER).await;
    let (_, everything, _) = snapshot(&app, &city).await;
    let nips: Vec<String> = everything
        .iter()
        .filter(|r| r.kind == RecordKind::Employee)
        .map(|r| r.id.clone())
        .collect();
    assert!(nips.len() > 2);
    let token = app.login(EMPLOYEE).await;
    let (_, own, _) = snapshot(&app, &token).await;
    let own_nips: Vec<&String> = own
        .iter()
        .filter(|r| r.kind == RecordKind::Employee)
        .map(|r| &r.id)
        .collect();
    assert_eq!(own_nips.len(), 1, "only the employee's own record");
    let text = app.get("/api/sync/snapshot", Some(&token)).await.text;
    for nip in nips.iter().filter(|n| !own_nips.contains(n)) {
        assert!(
            !text.contains(nip.as_str()),
            "another person's NIP {nip} in the snapshot"
        );
    }
    let none = app.get("/api/sync/snapshot", None).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    assert_eq!(none.json["error"], "unauthorized", "{}", none.text);
    for nip in &nips {
        assert!(!none.text.contains(nip.as_str()));
    }
}

/// The snapshot is smaller over the wire than the pages it replaces (brotli, as a browser asks).
#[tokio::test]
async fn the_snapshot_is_smaller_than_the_pages() {
    let app = TestApp::new(Backend::Sqlite).await;
    let token = app.login(CITY_PLANNER).await;
    let accept = "gzip, deflate, br";
    let (status, encoding, snapshot) = app
        .get_encoded("/api/sync/snapshot", Some(&token), accept)
        .await;
    assert_eq!((status, encoding.as_deref()), (StatusCode::OK, Some("br")));
    let (status, _, pages) = app
        .get_encoded("/api/sync/pull?since=0&limit=5000", Some(&token), accept)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        snapshot.len() < pages.len(),
        "snapshot {} B < one page of everything {} B",
        snapshot.len(),
        pages.len()
    );
}

/// The demo city is many pages of the pull: the snapshot streams them one after the other and
/// still holds exactly what the pages hold, with the tail after the last.
#[tokio::test]
async fn a_snapshot_of_many_pages_is_the_pull_from_zero() {
    let app = TestApp::new(Backend::Sqlite).await;
    app.store
        .import(
            mutasi_server::sync::dataset_records(&mutasi_core::demo::generate(1)),
            &actor("test"),
        )
        .await
        .unwrap();
    let token = app.login(CITY_PLANNER).await;
    let (head, records, tail) = snapshot(&app, &token).await;
    assert!(
        records.len() > 3 * PULL_LIMIT_MAX as usize,
        "several pages: {}",
        records.len()
    );
    let (pulled, cursor) = pulled(&app, &token, PULL_LIMIT_MAX).await;
    assert_eq!(head.total as usize, pulled.len());
    assert_eq!(tail.cursor, cursor);
    assert!(records == pulled, "the very records of the pages");
}
