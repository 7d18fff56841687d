//! Several server processes on one PostgreSQL behind a round-robin proxy (issue 16): under
//! load every op is applied exactly once and the sequence numbers have no gap; a process frozen
//! (SIGSTOP) for 10 s in the middle of the load does not stop the other from accepting writes
//! beyond the database's timeouts; a killed process's clients finish on the other.

mod common;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use mutasi_core::wire::sync::RecordKind;
use mutasi_server::db::{Database, Storage, Store};
use mutasi_server::sync::dataset_records;
use serde_json::json;
use tokio::net::{TcpListener, TcpStream};

/// A TCP proxy that hands each new connection to the next backend in turn, and to the other one
/// when the chosen backend refuses the connection (as a load balancer's "next upstream").
async fn round_robin(backends: Vec<SocketAddr>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let turn = Arc::new(AtomicUsize::new(0));
    tokio::spawn(async move {
        loop {
            let Ok((mut client, _)) = listener.accept().await else {
                continue;
            };
            let backends = backends.clone();
            let first = turn.fetch_add(1, Ordering::Relaxed);
            tokio::spawn(async move {
                for i in 0..backends.len() {
                    let backend = backends[(first + i) % backends.len()];
                    if let Ok(mut upstream) = TcpStream::connect(backend).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
                        return;
                    }
                }
            });
        }
    });
    addr
}

/// Settings that make the database end a frozen process's transaction quickly.
const TIMEOUTS: [&str; 4] = [
    "--db-lock-timeout",
    "2",
    "--db-idle-in-transaction-timeout",
    "2",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_on_one_postgres_stay_exactly_once_through_a_freeze_and_a_kill() {
    let url = fresh_postgres().await;
    let seed = Store::open(Database::parse(&url)).await.unwrap();
    let ds = mutasi_core::fixture::small();
    seed.import(dataset_records(&ds), &actor("test"))
        .await
        .unwrap();
    for u in test_accounts() {
        seed.create_user(&u).await.unwrap();
    }
    let start_seq = seed.last_seq().await.unwrap();
    let a = ServerProcess::start(&url, &TIMEOUTS).await;
    let b = ServerProcess::start(&url, &TIMEOUTS).await;
    let proxy = round_robin(vec![a.addr, b.addr]).await;

    let (_, login) = http(
        proxy,
        "POST",
        "/api/auth/login",
        None,
        Some(&json!({"username": CITY_PLANNER, "password": password()})),
        Duration::from_secs(10),
    )
    .await;
    let token = login["token"].as_str().unwrap().to_string();
    let (nip, slot) = legal_move(&ds);

    // Clients: each sends new drafts one after another, retrying an op (same id) until it is
    // acknowledged; the time of every acknowledgement is kept.
    let stop = Arc::new(AtomicBool::new(false));
    let acks: Arc<Mutex<Vec<(Instant, String, u64)>>> = Arc::default();
    let sent = Arc::new(AtomicUsize::new(0));
    let origin = Instant::now();
    let mut clients = Vec::new();
    for _ in 0..6 {
        let (stop, acks, sent) = (stop.clone(), acks.clone(), sent.clone());
        let (token, nip, slot) = (token.clone(), nip.clone(), slot.clone());
        clients.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let (_, op) = propose(&nip, &slot, 0);
                sent.fetch_add(1, Ordering::Relaxed);
                let id = op["id"].as_str().unwrap().to_string();
                loop {
                    let (status, body) = http(
                        proxy,
                        "POST",
                        "/api/sync/push",
                        Some(&token),
                        Some(&batch(std::slice::from_ref(&op))),
                        Duration::from_millis(1500),
                    )
                    .await;
                    if status == 200 {
                        let seq = body["results"][0]["seq"].as_u64().unwrap();
                        acks.lock().unwrap().push((Instant::now(), id, seq));
                        break;
                    }
                    // No answer (frozen or killed process), 503 (busy, timed out): same op again.
                    assert!(matches!(status, 0 | 503), "{status}: {body}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }));
    }

    tokio::time::sleep(Duration::from_secs(3)).await;
    // Freeze A for 10 s.
    a.signal("STOP");
    let frozen_at = Instant::now();
    tokio::time::sleep(Duration::from_secs(10)).await;
    let thawed_at = Instant::now();
    a.signal("CONT");
    tokio::time::sleep(Duration::from_secs(3)).await;
    // Kill A; its clients go on through B.
    a.signal("KILL");
    let killed_at = Instant::now();
    tokio::time::sleep(Duration::from_secs(4)).await;
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        tokio::time::timeout(Duration::from_secs(60), c)
            .await
            .expect("every client finishes its last op")
            .unwrap();
    }

    let acks = acks.lock().unwrap().clone();
    let n = sent.load(Ordering::Relaxed);
    assert_eq!(acks.len(), n, "every op acknowledged");
    // Writes went on while A was frozen, with no gap longer than the database's timeouts allow
    // (A's stuck transaction is ended after 2 s; a write queued behind it waits at most 2 s).
    let mut last = frozen_at;
    let mut during = 0;
    let mut longest = Duration::ZERO;
    let mut times: Vec<Instant> = acks.iter().map(|(t, _, _)| *t).collect();
    times.sort();
    for t in times.iter().filter(|t| **t > frozen_at && **t <= thawed_at) {
        longest = longest.max(*t - last);
        last = *t;
        during += 1;
    }
    longest = longest.max(thawed_at - last);
    assert!(
        during > 10,
        "B kept accepting writes while A was frozen: {during}"
    );
    assert!(
        longest < Duration::from_secs(6),
        "longest pause {longest:?}"
    );
    assert!(
        acks.iter().any(|(t, _, _)| *t > killed_at),
        "writes go on after A is killed"
    );
    eprintln!(
        "two processes: {n} ops; {during} acknowledged while A was frozen, longest pause {longest:?}; \
         {} after the kill; run {:?}",
        acks.iter().filter(|(t, _, _)| *t > killed_at).count(),
        origin.elapsed()
    );

    // Exactly once: one draft per op, and the sequence numbers of the run have no gap.
    let store = Store::open(Database::parse(&url)).await.unwrap();
    let drafts = store.records_of(&[RecordKind::Proposal]).await.unwrap();
    assert_eq!(drafts.len(), n, "one draft per op");
    let mut seqs: Vec<u64> = drafts.iter().map(|r| r.seq).collect();
    seqs.sort_unstable();
    let last_seq = store.last_seq().await.unwrap();
    assert_eq!(
        seqs,
        ((start_seq + 1)..=last_seq).collect::<Vec<_>>(),
        "gap-free"
    );
    let mut acked: Vec<u64> = acks.iter().map(|(_, _, s)| *s).collect();
    acked.sort_unstable();
    assert_eq!(
        acked, seqs,
        "each op acknowledged with the seq it was applied at"
    );
    let audit = store
        .audit(&Default::default(), 0, 100_000)
        .await
        .unwrap()
        .entries
        .into_iter()
        .filter(|e| e.action == "propose_move")
        .count();
    assert_eq!(audit, n, "one audit entry per op");
    drop(b);
}
