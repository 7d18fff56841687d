//! The story, over a real socket (the server on port 0), against SQLite and against a real
//! PostgreSQL: log in, pull, push, conflict, repeat push, pull again, a refused move, a decision,
//! log out.

mod common;

use std::net::SocketAddr;

use common::*;
use mutasi_core::fixture::nips;
use mutasi_core::wire::sync::{PullResponse, Record, RecordKind};
use mutasi_server::db::{Storage, Store};
use mutasi_server::{app, AppState, StaticConfig};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A minimal HTTP/1.1 client: one request per connection.
struct Client {
    addr: SocketAddr,
}

impl Client {
    async fn send(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> (u16, Value) {
        let mut stream = tokio::net::TcpStream::connect(self.addr).await.unwrap();
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        if !body.is_empty() {
            head.push_str("Content-Type: application/json\r\n");
        }
        if let Some(t) = token {
            head.push_str(&format!("Authorization: Bearer {t}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(body.as_bytes()).await.unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await.unwrap();
        let text = String::from_utf8(raw).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
        assert!(
            !head
                .to_ascii_lowercase()
                .contains("transfer-encoding: chunked"),
            "JSON answers carry a length"
        );
        (status, serde_json::from_str(body).unwrap_or(Value::Null))
    }

    async fn login(&self, user: &str) -> String {
        let (status, json) = self
            .send(
                "POST",
                "/api/auth/login",
                None,
                Some(&json!({"username": user, "password": password()})),
            )
            .await;
        assert_eq!(status, 200, "{json}");
        json["token"].as_str().unwrap().to_string()
    }

    async fn push(&self, token: &str, ops: &[Value]) -> (u16, Value) {
        self.send("POST", "/api/sync/push", Some(token), Some(&batch(ops)))
            .await
    }

    /// Pulls every page after `since` into `local`; returns the new cursor.
    async fn pull(
        &self,
        token: &str,
        since: u64,
        local: &mut std::collections::BTreeMap<(RecordKind, String), Record>,
    ) -> (u64, usize) {
        let mut cursor = since;
        let mut n = 0;
        loop {
            let (status, json) = self
                .send(
                    "GET",
                    &format!("/api/sync/pull?since={cursor}&limit=10"),
                    Some(token),
                    None,
                )
                .await;
            assert_eq!(status, 200, "{json}");
            let page: PullResponse = serde_json::from_value(json).unwrap();
            assert!(page.cursor >= cursor);
            let mut last = cursor;
            for r in page.records {
                assert!(r.seq > last, "records come in seq order");
                last = r.seq;
                n += 1;
                local.insert((r.kind, r.id.clone()), r);
            }
            cursor = page.cursor;
            if !page.more {
                return (cursor, n);
            }
        }
    }
}

async fn story(backend: Backend) {
    let store: Store = seeded_store(backend).await;
    let router = app(test_state(store.clone()), &StaticConfig::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        mutasi_server::listen::serve(
            listener,
            router,
            mutasi_server::listen::Limits::default(),
            std::future::pending(),
        )
        .await
        .unwrap()
    });
    let c = Client { addr };
    let ds = mutasi_core::fixture::small();

    // Log in and pull everything.
    let (status, health) = c.send("GET", "/api/health", None, None).await;
    assert_eq!(status, 200);
    assert_eq!(
        health["database"],
        if backend == Backend::Sqlite {
            "sqlite"
        } else {
            "postgres"
        }
    );
    let siti = c.login(EMPLOYEE).await;
    let planner = c.login(PLANNER).await;
    let mut siti_local = Default::default();
    let mut planner_local = Default::default();
    let (siti_cursor, _) = c.pull(&siti, 0, &mut siti_local).await;
    let (planner_cursor, n) = c.pull(&planner, 0, &mut planner_local).await;
    assert_eq!(n, planner_local.len());
    let me = siti_local[&(RecordKind::Employee, nips::GURU_PLT.to_string())].clone();

    // Push: Siti states her preferences.
    let prefs = set_preferences(nips::GURU_PLT, me.version, &["SDN-002"]);
    let (status, first) = c.push(&siti, std::slice::from_ref(&prefs)).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["results"][0]["status"], "applied");
    assert_eq!(first["results"][0]["version"], me.version + 1);
    let seq = first["results"][0]["seq"].as_u64().unwrap();
    assert!(seq > siti_cursor);

    // Conflict: a second device still holds the old version.
    let stale = set_preferences(nips::GURU_PLT, me.version, &["DISDIK"]);
    let (status, conflict) = c.push(&siti, &[stale]).await;
    assert_eq!(status, 409, "{conflict}");
    assert_eq!(conflict["error"], "conflict");
    assert_eq!(conflict["details"]["current"]["version"], me.version + 1);
    assert_eq!(
        conflict["details"]["current"]["data"]["preferences"]["units"],
        json!(["SDN-002"])
    );

    // Repeat push: acknowledged, not applied twice.
    let (status, again) = c.push(&siti, &[prefs]).await;
    assert_eq!(status, 200);
    assert_eq!(again["results"][0]["status"], "duplicate");
    assert_eq!(again["results"][0]["seq"], seq);

    // The planner proposes a legal move and a move that breaks a hard rule.
    let (nip, slot) = legal_move(&ds);
    let (proposal, op) = propose(&nip, &slot, 0);
    let (status, pushed) = c.push(&planner, &[op]).await;
    assert_eq!(status, 200, "{pushed}");
    let (_, cpns) = propose(nips::CPNS, "SDN-001/GURU-2", 0);
    let (status, refused) = c.push(&planner, &[cpns]).await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["error"], "rule_violation");

    // Pull again: exactly the two changes, then nothing.
    let (cursor, n) = c.pull(&planner, planner_cursor, &mut planner_local).await;
    assert_eq!(n, 2, "the employee record and the proposal");
    assert_eq!(
        planner_local[&(RecordKind::Employee, nips::GURU_PLT.to_string())].version,
        me.version + 1
    );
    assert_eq!(
        planner_local[&(RecordKind::Proposal, proposal.clone())].data["status"],
        "draft"
    );
    let (cursor2, n) = c.pull(&planner, cursor, &mut planner_local).await;
    assert_eq!((cursor2, n), (cursor, 0));

    // The workflow: submitted, file checked, reviewed, then the PPK decides; the subject's
    // account and the planner see it.
    for (user, op) in journey(&proposal, "approved") {
        let token = c.login(user).await;
        let (status, stepped) = c.push(&token, &[op]).await;
        assert_eq!(status, 200, "{user}: {stepped}");
    }
    let (_, n) = c.pull(&planner, cursor, &mut planner_local).await;
    assert_eq!(n, 1);
    assert_eq!(
        planner_local[&(RecordKind::Proposal, proposal.clone())].data["status"],
        "approved"
    );
    let (_, _) = c.pull(&siti, siti_cursor, &mut siti_local).await;
    assert_eq!(
        siti_local.contains_key(&(RecordKind::Proposal, proposal.clone())),
        nip == nips::GURU_PLT,
        "an employee sees only proposals about themselves"
    );

    // The audit trail has who/what/why of every accepted change.
    let admin = c.login(ADMIN).await;
    let (status, audit) = c
        .send("GET", "/api/audit?limit=1000", Some(&admin), None)
        .await;
    assert_eq!(status, 200);
    let actions: Vec<(&str, &str)> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["seq"].as_u64().unwrap() > siti_cursor)
        .map(|e| (e["actor"].as_str().unwrap(), e["action"].as_str().unwrap()))
        .collect();
    assert_eq!(
        actions,
        vec![
            (EMPLOYEE, "set_preferences"),
            (PLANNER, "propose_move"),
            (PLANNER, "submit_proposal"),
            (CITY_PLANNER, "check_file"),
            (APPROVER, "review_proposal"),
            (PPK, "decide_proposal")
        ]
    );

    // Log out: the token is dead.
    let (status, _) = c.send("POST", "/api/auth/logout", Some(&siti), None).await;
    assert_eq!(status, 204);
    let (status, _) = c.send("GET", "/api/sync/pull", Some(&siti), None).await;
    assert_eq!(status, 401);

    server.abort();
    store.close().await;
}

#[tokio::test]
async fn sqlite_file_store_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let store = Store::open_sqlite(&path).await.unwrap();
    seed_into(&store).await;
    let before = fingerprint(&store).await;
    store.close().await;
    let store = Store::open_sqlite(&path).await.unwrap();
    assert_eq!(fingerprint(&store).await, before);
    // Importing the same data again changes nothing; a changed record gets a new version.
    let mut ds = mutasi_core::fixture::small().into_parts();
    assert_eq!(
        store
            .import(
                mutasi_server::sync::dataset_records(
                    &mutasi_core::Dataset::new(ds.clone()).unwrap()
                ),
                &actor("t")
            )
            .await
            .unwrap(),
        0
    );
    ds.units[0].name = "Sekretariat Daerah Kota Palembang".into();
    let changed = store
        .import(
            mutasi_server::sync::dataset_records(&mutasi_core::Dataset::new(ds).unwrap()),
            &actor("t"),
        )
        .await
        .unwrap();
    assert_eq!(changed, 1);
    let unit = store.record(RecordKind::Unit, "SETDA").await.unwrap();
    assert_eq!(unit.record.version, 2);
    assert_eq!(unit.record.seq, before.last_seq + 1);
}

/// Writers in parallel and a reader pulling meanwhile: the reader, following its cursor, sees
/// every change exactly once (sequence numbers follow commit order).
async fn concurrent_writers_and_a_reader(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let store: Store = match backend {
        // A file, so that several connections share the database.
        Backend::Sqlite => {
            let s = Store::open_sqlite(&dir.path().join("c.db")).await.unwrap();
            seed_into(&s).await;
            s
        }
        Backend::Postgres => seeded_store(backend).await,
    };
    let state = AppState::new(store.clone());
    let app = std::sync::Arc::new(TestApp {
        snapshots: state.snapshots.clone(),
        router: app(state, &StaticConfig::default()),
        store: store.clone(),
        ds: mutasi_core::fixture::small(),
    });
    let token = app.login(CITY_PLANNER).await;
    let (_, start) = pull_all(&app, &token, 0, 5000).await;
    let (nip, slot) = legal_move(&app.ds);
    const WRITERS: usize = 4;
    const PUSHES: usize = 8;
    let mut tasks = Vec::new();
    for _ in 0..WRITERS {
        let (app, token, nip, slot) = (app.clone(), token.clone(), nip.clone(), slot.clone());
        tasks.push(tokio::spawn(async move {
            let mut ids = Vec::new();
            for _ in 0..PUSHES {
                let (proposal, op) = propose(&nip, &slot, 0);
                let r = app
                    .post("/api/sync/push", Some(&token), &batch(&[op]))
                    .await;
                assert_eq!(r.status, axum::http::StatusCode::OK, "{}", r.text);
                ids.push(proposal);
            }
            ids
        }));
    }
    let reader = {
        let (app, token) = (app.clone(), token.clone());
        tokio::spawn(async move {
            let mut cursor = start;
            let mut seen = Vec::new();
            while seen.len() < WRITERS * PUSHES {
                let (records, next) = pull_all(&app, &token, cursor, 3).await;
                seen.extend(records.into_iter().map(|r| (r.seq, r.id)));
                cursor = next;
                tokio::task::yield_now().await;
            }
            seen
        })
    };
    let mut written: Vec<String> = Vec::new();
    for t in tasks {
        written.extend(t.await.unwrap());
    }
    let seen = tokio::time::timeout(std::time::Duration::from_secs(60), reader)
        .await
        .expect("the reader sees every change")
        .unwrap();
    let seqs: Vec<u64> = seen.iter().map(|(s, _)| *s).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
    let mut ids: Vec<String> = seen.into_iter().map(|(_, id)| id).collect();
    ids.sort();
    written.sort();
    assert_eq!(ids, written);
    store.close().await;
}

async fn seed_into(store: &Store) {
    store
        .import(
            mutasi_server::sync::dataset_records(&mutasi_core::fixture::small()),
            &actor("t"),
        )
        .await
        .unwrap();
    for u in test_accounts() {
        store.create_user(&u).await.unwrap();
    }
}

on_every_backend! {
    #[tokio::test]
    the_story => story;
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    concurrent_pushes_are_seen_once_in_order => concurrent_writers_and_a_reader;
}
