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
use mutasi_server::sync::snapshot::{Prepared, SnapshotCache};

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
    lines(&r.text)
}

/// A snapshot's lines read: head, records (sorted as [`pulled`]), tail.
fn lines(text: &str) -> (SnapshotHead, Vec<Record>, SnapshotTail) {
    let (mut head, mut records, mut tail) = (None, Vec::new(), None);
    for (i, line) in text.lines().enumerate() {
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

/// The snapshot `token` gets as a browser asks for it (brotli), decoded: its lines' text and
/// the body's bytes as sent.
async fn snapshot_br(app: &TestApp, token: &str) -> (String, Vec<u8>) {
    let (status, encoding, body) = app
        .get_encoded("/api/sync/snapshot", Some(token), "gzip, deflate, br")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(encoding.as_deref(), Some("br"));
    let mut text = Vec::new();
    brotli::BrotliDecompress(&mut body.as_slice(), &mut text).expect("valid brotli");
    (String::from_utf8(text).unwrap(), body)
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

/// Waits (up to 60 s) until the state keeps a city-wide snapshot at `cursor` or later.
async fn kept_at(app: &TestApp, cursor: u64) -> std::sync::Arc<Prepared> {
    for _ in 0..6000 {
        if let Some(k) = app.snapshots.current().filter(|k| k.cursor >= cursor) {
            return k;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("no city-wide snapshot kept at cursor {cursor}");
}

/// The city-wide snapshot kept ready (`sync::snapshot::SnapshotCache`): the first city-wide
/// sync prepares it, later ones are served it, byte for byte; after a write it is served
/// older than the data, and that older snapshot plus the pull after its cursor is exactly the
/// pull from 0; then a newer one is prepared. Scoped callers never get it.
async fn the_kept_snapshot_plus_the_pull_after_it_is_everything(backend: Backend) {
    let app = TestApp::new(backend).await;
    let city = app.login(CITY_PLANNER).await;
    assert!(
        app.snapshots.current().is_none(),
        "nothing kept before a sync"
    );
    let (fresh, _) = snapshot_br(&app, &city).await;
    let (_, records, tail) = lines(&fresh);
    let kept = kept_at(&app, tail.cursor).await;
    assert_eq!(kept.cursor, tail.cursor);
    let (served, bytes) = snapshot_br(&app, &city).await;
    assert_eq!(bytes, kept.br.to_vec(), "served the kept snapshot");
    assert_eq!(
        served, fresh,
        "the kept snapshot says what the fresh one said"
    );
    assert_eq!(records, pulled(&app, &city, 40).await.0);

    // A scoped caller's snapshot is built for them: never the kept one.
    for who in [EMPLOYEE, PLANNER] {
        let token = app.login(who).await;
        let (text, bytes) = snapshot_br(&app, &token).await;
        assert_ne!(bytes, kept.br.to_vec(), "{who} got the city-wide snapshot");
        let (_, theirs, _) = lines(&text);
        assert_eq!(theirs, pulled(&app, &token, 40).await.0, "{who}");
    }

    // A write: the snapshot served is now older than the data.
    let (nip, slot) = legal_move(&app.ds);
    let (proposal, op) = propose(&nip, &slot, 0);
    let planner = app.login(PLANNER).await;
    let r = app
        .post("/api/sync/push", Some(&planner), &batch(&[op]))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let (old, _) = snapshot_br(&app, &city).await;
    let (_, mut device, old_tail) = lines(&old);
    let (after, cursor) = pull_all(&app, &city, old_tail.cursor, 40).await;
    assert!(
        after
            .iter()
            .any(|r| r.kind == RecordKind::Proposal && r.id == proposal),
        "the pull after the snapshot's cursor carries the write"
    );
    for record in after {
        device.retain(|r| !(r.kind == record.kind && r.id == record.id));
        device.push(record);
    }
    device.sort_by_key(|r| (RecordKind::ALL.iter().position(|k| *k == r.kind), r.seq));
    let (everything, head) = pulled(&app, &city, 40).await;
    assert_eq!(cursor, head);
    assert!(
        device == everything,
        "snapshot + pull after it = the pull from 0"
    );

    // The served request noticed the write: a newer snapshot is prepared, with the proposal.
    let newer = kept_at(&app, head).await;
    let mut text = Vec::new();
    brotli::BrotliDecompress(&mut newer.br.as_ref(), &mut text).unwrap();
    let (_, records, _) = lines(std::str::from_utf8(&text).unwrap());
    assert!(
        records == everything,
        "the newer snapshot is the pull from 0"
    );
}

on_every_backend! {
    #[tokio::test]
    the_kept_snapshot => the_kept_snapshot_plus_the_pull_after_it_is_everything;
}

/// A client that does not take brotli gets the lines as before (the response layer's gzip or
/// none), even when a compressed city-wide snapshot is kept.
#[tokio::test]
async fn a_client_without_brotli_gets_the_lines() {
    let app = TestApp::new(Backend::Sqlite).await;
    let city = app.login(CITY_PLANNER).await;
    let (fresh, _) = snapshot_br(&app, &city).await;
    kept_at(&app, lines(&fresh).2.cursor).await;
    let (status, encoding, body) = app
        .get_encoded("/api/sync/snapshot", Some(&city), "identity")
        .await;
    assert_eq!((status, encoding), (StatusCode::OK, None));
    assert_eq!(String::from_utf8(body).unwrap(), fresh);
    let (_, encoding, _) = app
        .get_encoded("/api/sync/snapshot", Some(&city), "gzip;q=1, br;q=0")
        .await;
    assert_eq!(encoding.as_deref(), Some("gzip"));
}

/// After a write the kept snapshot is rebuilt at most once per pause (a build costs seconds of
/// a core); the first one is never held back, and the older one stays served meanwhile.
#[tokio::test]
async fn a_stale_snapshot_is_rebuilt_at_most_once_per_pause() {
    let app = TestApp::new(Backend::Sqlite).await;
    let cache = SnapshotCache::pausing(std::time::Duration::from_secs(3600));
    assert!(
        cache.refresh(&app.store, None).await.unwrap(),
        "the first build"
    );
    let first = cache.current().unwrap().cursor;
    assert!(
        !cache.refresh(&app.store, None).await.unwrap(),
        "nothing changed"
    );
    let (nip, slot) = legal_move(&app.ds);
    let (_, op) = propose(&nip, &slot, 0);
    let planner = app.login(PLANNER).await;
    let r = app
        .post("/api/sync/push", Some(&planner), &batch(&[op]))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(
        !cache.refresh(&app.store, None).await.unwrap(),
        "a write within the pause does not rebuild"
    );
    assert_eq!(
        cache.current().unwrap().cursor,
        first,
        "the older one stays"
    );
    let eager = SnapshotCache::pausing(std::time::Duration::ZERO);
    assert!(eager.refresh(&app.store, None).await.unwrap());
    assert!(
        eager.current().unwrap().cursor > first,
        "without a pause it is rebuilt"
    );
}
