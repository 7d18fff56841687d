//! Writes under concurrency (issue 16): a hard rule holds even when a write races the
//! inauguration that makes it illegal, on SQLite and PostgreSQL; the dataset the checks run on is
//! brought up to date from the records written since, and equals a full reload.

mod common;

use std::sync::Arc;

use axum::http::StatusCode;
use common::*;
use mutasi_core::wire::sync::RecordKind;
use mutasi_server::db::{Actor, Storage, StoreError};
use mutasi_server::sync::{load_dataset, Checker, DatasetCache};
use serde_json::{json, Value};

/// A DISDIK employee with a legal DISDIK post B and a second post C anywhere in the city
/// (nip, B, C): C is open to them today, but not once inaugurated into B (new in post: minimum
/// tenure). The move to C is the city planner's; C may be held (a proposal to a held post is a
/// vacancy chain's link).
fn two_moves(app: &TestApp) -> (String, String, String) {
    let ds = &app.ds;
    let date = chrono::NaiveDate::from_ymd_opt(2027, 4, 1).unwrap();
    (0..ds.employees().len() as u32)
        .find_map(|e| {
            let b = legal_posts(ds, e).into_iter().next()?;
            let c = (0..ds.slots().len() as u32).find(|&s| {
                let slot = &ds.slots()[s as usize];
                slot.id.as_str() != b
                    && mutasi_core::eligibility::eligibility(ds, e, s, date, ds.rules())
                        .decide(&[])
                        .allowed
            })?;
            let nip = ds.employees()[e as usize].nip.to_string();
            Some((nip, b, ds.slots()[c as usize].id.to_string()))
        })
        .expect("the fixture has an employee with two legal posts")
}

/// A proposal of nip → B walked to `sk_issued`, returning (proposal, version).
async fn ready_to_inaugurate(app: &TestApp, nip: &str, b: &str) -> (String, u64) {
    proposal_of(app, nip, b, "sk_issued").await
}

fn inaugurate(proposal: &str, version: u64) -> Value {
    step(
        proposal,
        version,
        json!({"type": "inaugurate", "on": "2027-05-02"}),
        None,
    )
}

async fn stale_checks_are_never_applied(backend: Backend) {
    let app = TestApp::new(backend).await;
    let (nip, b, c) = two_moves(&app);
    let (p, v) = ready_to_inaugurate(&app, &nip, &b).await;
    // A push checked on the data before the inauguration…
    let before = load_dataset(&app.store).await.unwrap();
    let generation = app.store.generation().await.unwrap();
    let kota = app.login(CITY_PLANNER).await;
    let r = app
        .post("/api/sync/push", Some(&kota), &batch(&[inaugurate(&p, v)]))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // …reaches the store after it: refused as stale, nothing applied.
    let planner = app.store.user_by_name(CITY_PLANNER).await.unwrap();
    let actor = Actor {
        user_id: planner.id.clone(),
        username: planner.username.clone(),
        role: planner.role,
    };
    let (_, op) = propose(&nip, &c, 0);
    let op: mutasi_core::wire::sync::Op = serde_json::from_value(op).unwrap();
    let check = Arc::new(Checker::new(
        planner.clone(),
        Arc::new(before),
        generation,
        test_now(),
    ));
    let fp = app.fingerprint().await;
    let res = app
        .store
        .push(&actor, std::slice::from_ref(&op), check)
        .await;
    assert!(matches!(res, Err(StoreError::Stale(_))), "{res:?}");
    assert_eq!(app.fingerprint().await, fp, "nothing applied");
    // Through the API the same op is checked on the new data: the mover is new in post.
    let token = app.login(CITY_PLANNER).await;
    let r = app
        .post(
            "/api/sync/push",
            Some(&token),
            &json!({"ops": [serde_json::to_value(&op).unwrap()]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert!(r.text.contains("MinTenure"), "{}", r.text);
}

#[tokio::test]
async fn a_push_checked_before_an_inauguration_is_not_applied_after_it_on_sqlite() {
    stale_checks_are_never_applied(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_push_checked_before_an_inauguration_is_not_applied_after_it_on_postgres() {
    stale_checks_are_never_applied(Backend::Postgres).await;
}

/// Races an inauguration against the move it makes illegal, `rounds` times; a move accepted
/// must have committed before the inauguration.
async fn race(backend: Backend, rounds: usize) {
    let mut accepted_before = 0;
    let mut refused_after = 0;
    for round in 0..rounds {
        let app = Arc::new(TestApp::new(backend).await);
        let (nip, b, c) = two_moves(&app);
        let (p, v) = ready_to_inaugurate(&app, &nip, &b).await;
        let kota = app.login(CITY_PLANNER).await;
        let planner = app.login(CITY_PLANNER).await;
        // Warm the dataset cache on the old generation, as a busy server would have it.
        let r = app
            .post(
                "/api/sync/push",
                Some(&planner),
                &batch(&[set_preferences_for_none()]),
            )
            .await;
        assert_ne!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
        let inauguration = {
            let app = app.clone();
            tokio::spawn(async move {
                app.post("/api/sync/push", Some(&kota), &batch(&[inaugurate(&p, v)]))
                    .await
            })
        };
        let (_, mv) = propose(&nip, &c, 0);
        let mover = {
            let app = app.clone();
            tokio::spawn(async move {
                app.post("/api/sync/push", Some(&planner), &batch(&[mv]))
                    .await
            })
        };
        let (a, b) = (inauguration.await.unwrap(), mover.await.unwrap());
        assert_eq!(a.status, StatusCode::OK, "round {round}: {}", a.text);
        let a_seq = a.json["results"][0]["seq"].as_u64().unwrap();
        match b.status {
            StatusCode::OK => {
                let b_seq = b.json["results"][0]["seq"].as_u64().unwrap();
                assert!(
                    b_seq < a_seq,
                    "round {round}: a move accepted at seq {b_seq} after the inauguration at {a_seq}"
                );
                accepted_before += 1;
            }
            StatusCode::UNPROCESSABLE_ENTITY => {
                assert!(b.text.contains("MinTenure"), "round {round}: {}", b.text);
                refused_after += 1;
            }
            other => panic!("round {round}: {other} {}", b.text),
        }
    }
    eprintln!("{backend:?}: {accepted_before} moves first, {refused_after} refused after");
}

/// An op that every account is refused (an employee's preferences pushed by a planner): it only
/// loads the dataset cache.
fn set_preferences_for_none() -> Value {
    set_preferences(mutasi_core::fixture::nips::GURU_PLT, 1, &["SDN-002"])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inaugurations_raced_against_the_moves_they_forbid_on_sqlite() {
    race(Backend::Sqlite, 25).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inaugurations_raced_against_the_moves_they_forbid_on_postgres() {
    race(Backend::Postgres, 25).await;
}

#[tokio::test]
async fn the_refreshed_dataset_equals_a_full_reload() {
    let app = TestApp::new(Backend::Sqlite).await;
    let cache = DatasetCache::default();
    let first = cache.get(&app.store).await.unwrap();
    // An inauguration and a preference change later…
    let (p, v) = proposal_at(&app, "sk_issued").await;
    let kota = app.login(CITY_PLANNER).await;
    let r = app
        .post("/api/sync/push", Some(&kota), &batch(&[inaugurate(&p, v)]))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let siti = app.login(EMPLOYEE).await;
    let version = app
        .version(RecordKind::Employee, mutasi_core::fixture::nips::GURU_PLT)
        .await;
    let r = app
        .post(
            "/api/sync/push",
            Some(&siti),
            &batch(&[set_preferences(
                mutasi_core::fixture::nips::GURU_PLT,
                version,
                &["SDN-002"],
            )]),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let refreshed = cache.get(&app.store).await.unwrap();
    assert!(refreshed.generation > first.generation);
    assert!(refreshed.seq > first.seq);
    let full = load_dataset(&app.store).await.unwrap();
    // The same records (a full reload lists updated records last, in seq order).
    assert_eq!(
        serde_json::to_value(sorted(&refreshed.ds)).unwrap(),
        serde_json::to_value(sorted(&full)).unwrap()
    );
    // The same generation again: the cached one, not a new one.
    let again = cache.get(&app.store).await.unwrap();
    assert!(Arc::ptr_eq(&again.ds, &refreshed.ds));
}

/// The dataset's parts with every list in id order.
fn sorted(ds: &mutasi_core::Dataset) -> mutasi_core::DatasetParts {
    let mut p = ds.parts().clone();
    p.employees.sort_by(|a, b| a.nip.cmp(&b.nip));
    p.slots.sort_by(|a, b| a.id.cmp(&b.id));
    p.units.sort_by(|a, b| a.id.cmp(&b.id));
    p.positions.sort_by(|a, b| a.id.cmp(&b.id));
    p
}

/// Pushes sent at once share a transaction (group commit); each stays all or nothing: a push
/// refused for its second op leaves nothing of its first, and the others are applied, with
/// sequence numbers that have no gap.
async fn a_group_keeps_each_push_whole(backend: Backend) {
    let app = Arc::new(TestApp::new(backend).await);
    let (nip, slot) = legal_move(&app.ds);
    let token = app.login(PLANNER).await;
    let start = app.store.last_seq().await.unwrap();
    let mut calls = Vec::new();
    for i in 0..40 {
        let (first, op) = propose(&nip, &slot, 0);
        let mut ops = vec![op];
        if i % 2 == 1 {
            let (_, mut bad) = propose(&nip, &slot, 0);
            bad["reason"] = json!("pendek");
            ops.push(bad);
        }
        let (app, token) = (app.clone(), token.clone());
        calls.push(tokio::spawn(async move {
            (
                i,
                first,
                app.post("/api/sync/push", Some(&token), &batch(&ops)).await,
            )
        }));
    }
    let mut kept = Vec::new();
    for c in calls {
        let (i, first, r) = c.await.unwrap();
        let stored = app.store.record(RecordKind::Proposal, &first).await.is_ok();
        if i % 2 == 0 {
            assert_eq!(r.status, StatusCode::OK, "{i}: {}", r.text);
            assert!(stored, "{i}");
            kept.push(r.json["results"][0]["seq"].as_u64().unwrap());
        } else {
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{i}: {}",
                r.text
            );
            assert_eq!(r.json["details"]["index"], 1, "{i}: {}", r.text);
            assert!(!stored, "{i}: the first op of a refused push is not kept");
        }
    }
    kept.sort_unstable();
    let last = app.store.last_seq().await.unwrap();
    assert_eq!(kept, ((start + 1)..=last).collect::<Vec<_>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_group_of_pushes_keeps_each_push_whole_on_sqlite() {
    a_group_keeps_each_push_whole(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_group_of_pushes_keeps_each_push_whole_on_postgres() {
    a_group_keeps_each_push_whole(Backend::Postgres).await;
}
