//! The first sync's snapshot (`GET /api/sync/snapshot`, issue 21): every record the caller may
//! see, in the compact form, is exactly what pulling every page from 0 gives the same caller —
//! the same records, the same redaction, the same cursor — and nothing for a caller without a
//! session.

mod common;

use axum::http::StatusCode;
use common::*;
use mutasi_core::wire::snapshot::{read_line, Line, SnapshotHead};
use mutasi_core::wire::sync::{PullResponse, Record, RecordKind};

/// Every page `username` pulls from 0: the records (in the snapshot's order: by kind, then seq)
/// and the last cursor.
async fn pulled(app: &TestApp, token: &str) -> (Vec<Record>, u64) {
    let (mut cursor, mut records) = (0u64, Vec::new());
    loop {
        let r = app
            .get(
                &format!("/api/sync/pull?since={cursor}&limit=40"),
                Some(token),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let page: PullResponse = serde_json::from_value(r.json).unwrap();
        records.extend(page.records);
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    records.sort_by_key(|r| (RecordKind::ALL.iter().position(|k| *k == r.kind), r.seq));
    (records, cursor)
}

/// The snapshot `token` gets, read line by line.
async fn snapshot(app: &TestApp, token: &str) -> (SnapshotHead, Vec<Record>) {
    let r = app.get("/api/sync/snapshot", Some(token)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        r.headers.get("content-type").unwrap(),
        "application/x-ndjson"
    );
    let (mut head, mut records) = (None, Vec::new());
    for (i, line) in r.text.lines().enumerate() {
        match read_line(i, line).unwrap() {
            Line::Head(h) => head = Some(h),
            Line::Block(b) => records.extend(b.records().unwrap()),
        }
    }
    (head.expect("a head line"), records)
}

async fn the_snapshot_is_the_pull_from_zero(backend: Backend) {
    let app = TestApp::new(backend).await;
    let mut sizes = Vec::new();
    for username in EVERY_ACCOUNT {
        let token = app.login(username).await;
        let (head, records) = snapshot(&app, &token).await;
        let (pulled, cursor) = pulled(&app, &token).await;
        assert_eq!(
            head.cursor, cursor,
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
    let (_, everything) = snapshot(&app, &city).await;
    let nips: Vec<String> = everything
        .iter()
        .filter(|r| r.kind == RecordKind::Employee)
        .map(|r| r.id.clone())
        .collect();
    assert!(nips.len() > 2);
    let token = app.login(EMPLOYEE).await;
    let (_, own) = snapshot(&app, &token).await;
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
