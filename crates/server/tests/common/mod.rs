//! Shared test helpers: a server on the fixture dataset (SQLite in memory or a fresh PostgreSQL
//! database), one account per role, requests through `oneshot`, a tiny HTTP client for the
//! socket tests, and a fingerprint of the whole database for "nothing changed" checks. The ops
//! and workflow journeys the tests push are in [`ops`].
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::OnceLock;

use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use mutasi_core::fixture::{self, nips};
use mutasi_core::model::{Nip, UnitId};
use mutasi_core::wire::auth::{Role, Scope};
use mutasi_core::wire::sync::{Record, RecordKind};
use mutasi_core::Dataset;
use mutasi_server::db::{Database, Storage, Store, User};
use mutasi_server::{app, sync::dataset_records, AppState, Clock, StaticConfig};
use serde_json::Value;
use tower::ServiceExt;

mod ops;
// Each test binary uses some of the helpers.
#[allow(unused_imports)]
pub use ops::*;

/// Where a test's data lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// One backend-generic suite: for each `name => suite;` (an `async fn suite(Backend)`), the tests
/// `name::sqlite` and `name::postgres`, with the attributes given (e.g. `#[tokio::test]`).
#[macro_export]
macro_rules! on_every_backend {
    ($( $(#[$attr:meta])* $name:ident => $suite:ident; )+) => {
        $(
            mod $name {
                $(#[$attr])*
                async fn sqlite() {
                    super::$suite($crate::common::Backend::Sqlite).await;
                }
                $(#[$attr])*
                async fn postgres() {
                    super::$suite($crate::common::Backend::Postgres).await;
                }
            }
        )+
    };
}

/// The test accounts: (username, role, nip, scope).
pub const EMPLOYEE: &str = "siti";
pub const OTHER_EMPLOYEE: &str = "bambang";
pub const PLANNER: &str = "disdik";
pub const CITY_PLANNER: &str = "kota";
pub const APPROVER: &str = "baperjakat";
/// A second approver (the PPK's account; not in [`ALL_USERS`], whose order the matrices use).
pub const PPK: &str = "ppk";
pub const ADMIN: &str = "admin";
pub const ALL_USERS: [&str; 6] = [
    EMPLOYEE,
    OTHER_EMPLOYEE,
    PLANNER,
    CITY_PLANNER,
    APPROVER,
    ADMIN,
];
/// Every account: [`ALL_USERS`], then the PPK.
pub const EVERY_ACCOUNT: [&str; 7] = {
    let mut all = [PPK; 7];
    let mut i = 0;
    while i < ALL_USERS.len() {
        all[i] = ALL_USERS[i];
        i += 1;
    }
    all
};

/// Runs `work` to its end on a fresh single-threaded runtime (for property tests, whose cases
/// are plain functions).
pub fn block_on<F: std::future::Future>(work: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(work)
}

/// The one password of every test account (random per process).
pub fn password() -> &'static str {
    static P: OnceLock<String> = OnceLock::new();
    P.get_or_init(|| mutasi_server::auth::random_secret(12))
}

/// An argon2id hash with small parameters: the server verifies with the parameters stored in
/// the hash, so logins in debug-built tests stay fast.
pub fn cheap_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| {
        let argon = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(1024, 1, 1, None).unwrap(),
        );
        let salt = SaltString::encode_b64(b"mutasi-test-salt").unwrap();
        argon
            .hash_password(password().as_bytes(), &salt)
            .unwrap()
            .to_string()
    })
}

fn nip(s: &str) -> Nip {
    Nip::parse(s).unwrap()
}

pub fn test_accounts() -> Vec<User> {
    let user = |name: &str, role, nip: Option<Nip>, scope| User {
        id: uuid::Uuid::now_v7().to_string(),
        username: name.into(),
        password_hash: cheap_hash().into(),
        role,
        nip,
        scope,
        disabled: false,
    };
    vec![
        user(EMPLOYEE, Role::Employee, Some(nip(nips::GURU_PLT)), None),
        user(
            OTHER_EMPLOYEE,
            Role::Employee,
            Some(nip(nips::DISANKSI)),
            None,
        ),
        user(
            PLANNER,
            Role::Planner,
            None,
            Some(Scope::Opd(vec![UnitId::new("DISDIK").unwrap()])),
        ),
        user(CITY_PLANNER, Role::Planner, None, Some(Scope::City)),
        user(APPROVER, Role::Approver, None, None),
        user(ADMIN, Role::Admin, None, None),
        user(PPK, Role::Approver, None, None),
    ]
}

/// A URL of a fresh, empty PostgreSQL database for this test.
pub async fn fresh_postgres() -> String {
    use sqlx::Connection;
    let base = postgres_url();
    let name = format!("mutasi_t_{}", uuid::Uuid::now_v7().simple());
    let mut conn = sqlx::PgConnection::connect(&base)
        .await
        .expect("connect to the test PostgreSQL");
    // Databases of earlier runs (their names carry a UUID v7, hence a time) go after an hour.
    let old: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 'mutasi_t_%'")
            .fetch_all(&mut conn)
            .await
            .unwrap_or_default();
    let now_ms = chrono::Utc::now().timestamp_millis();
    for db in old {
        let born = i64::from_str_radix(
            db.trim_start_matches("mutasi_t_").get(..12).unwrap_or(""),
            16,
        );
        if born.is_ok_and(|ms| now_ms - ms > 3_600_000) {
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {db}"))
                .execute(&mut conn)
                .await;
        }
    }
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create a test database");
    conn.close().await.ok();
    let (head, _) = base.rsplit_once('/').expect("URL with a database");
    format!("{head}/{name}")
}

/// `MUTASI_TEST_POSTGRES_URL`: the PostgreSQL the tests create their databases in. Tests never
/// install or start anything; `scripts/test.sh` sets it (from `scripts/postgres.sh`, which
/// installs and starts a loopback PostgreSQL when missing). Never skips: without it, a
/// PostgreSQL test fails and says how to set it.
pub fn postgres_url() -> String {
    match std::env::var("MUTASI_TEST_POSTGRES_URL") {
        Ok(url) if !url.trim().is_empty() => url,
        _ => panic!(
            "MUTASI_TEST_POSTGRES_URL is not set: the PostgreSQL tests need a server to create \
             their databases in. Run them through scripts/test.sh, or set it yourself, e.g. \
             `export MUTASI_TEST_POSTGRES_URL=$(scripts/postgres.sh)`"
        ),
    }
}

/// Opens a store on the backend, with the fixture dataset and the test accounts.
pub async fn seeded_store(backend: Backend) -> Store {
    let store = match backend {
        Backend::Sqlite => Store::open_memory().await.unwrap(),
        Backend::Postgres => Store::open(Database::parse(&fresh_postgres().await))
            .await
            .unwrap(),
    };
    store
        .import(dataset_records(&fixture::small()), &actor("test"))
        .await
        .unwrap();
    for u in test_accounts() {
        store.create_user(&u).await.unwrap();
    }
    store
}

pub fn actor(name: &str) -> mutasi_server::db::Actor {
    mutasi_server::db::Actor {
        user_id: String::new(),
        username: name.into(),
        role: Role::Admin,
    }
}

/// The instant the test servers take workflow steps at: inside April, a submission month.
pub fn test_now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2027-04-10T03:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc)
}

/// The server state of the tests: the store, with the clock at [`test_now`], and the login
/// throttle's first delay a minute long (the default second could run out between two requests
/// of a slow test machine).
pub fn test_state(store: Store) -> AppState {
    let mut state = AppState::new(store).with_clock(Clock::Fixed(test_now()));
    // The kept city-wide snapshot is rebuilt after every write (tests/snapshot.rs).
    state.snapshots = std::sync::Arc::new(mutasi_server::sync::snapshot::SnapshotCache::pausing(
        std::time::Duration::ZERO,
    ));
    state.throttle.account.first_delay = 60;
    state.throttle.address.first_delay = 60;
    state
}

/// The app on the fixture.
pub struct TestApp {
    pub router: axum::Router,
    pub store: Store,
    pub ds: Dataset,
    /// The state's kept city-wide snapshot.
    pub snapshots: std::sync::Arc<mutasi_server::sync::snapshot::SnapshotCache>,
}

/// A response: status, JSON body (Null when empty or not JSON), headers.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub json: Value,
    pub headers: HeaderMap,
    pub text: String,
}

impl TestApp {
    pub async fn new(backend: Backend) -> Self {
        Self::with_dist(backend, None).await
    }

    pub async fn with_dist(backend: Backend, dist: Option<std::path::PathBuf>) -> Self {
        let store = seeded_store(backend).await;
        let state = test_state(store.clone());
        let snapshots = state.snapshots.clone();
        let router = app(state, &StaticConfig { dist });
        Self {
            router,
            store,
            ds: fixture::small(),
            snapshots,
        }
    }

    /// Sends a request; `body` is sent as is with `Content-Type: application/json`.
    pub async fn raw(
        &self,
        method: Method,
        uri: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(uri);
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        let req = match body {
            Some(b) => req
                .header("content-type", "application/json")
                .body(Body::from(b.to_string())),
            None => req.body(Body::empty()),
        }
        .unwrap();
        let response = self.router.clone().oneshot(req).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes).to_string();
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply {
            status,
            json,
            headers,
            text,
        }
    }

    /// GET `uri` with `Accept-Encoding: accept`: the response's status, `Content-Encoding` and
    /// body bytes as sent (not decoded).
    pub async fn get_encoded(
        &self,
        uri: &str,
        token: Option<&str>,
        accept: &str,
    ) -> (StatusCode, Option<String>, Vec<u8>) {
        let mut req = Request::builder()
            .uri(uri)
            .header("accept-encoding", accept);
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        let r = self
            .router
            .clone()
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = r.status();
        let encoding = r
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap_or_default().to_string());
        let bytes = r.into_body().collect().await.unwrap().to_bytes().to_vec();
        (status, encoding, bytes)
    }

    pub async fn get(&self, uri: &str, token: Option<&str>) -> Reply {
        self.raw(Method::GET, uri, token, None).await
    }

    pub async fn post(&self, uri: &str, token: Option<&str>, body: &Value) -> Reply {
        self.raw(Method::POST, uri, token, Some(&body.to_string()))
            .await
    }

    /// The status of a login with this password.
    pub async fn login_status(&self, username: &str, password: &str) -> StatusCode {
        self.post(
            "/api/auth/login",
            None,
            &serde_json::json!({ "username": username, "password": password }),
        )
        .await
        .status
    }

    /// Logs in and returns the token.
    pub async fn login(&self, username: &str) -> String {
        let r = self
            .post(
                "/api/auth/login",
                None,
                &serde_json::json!({ "username": username, "password": password() }),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "login {username}: {}", r.text);
        r.json["token"].as_str().unwrap().to_string()
    }

    /// Everything in the database that a request could change.
    pub async fn fingerprint(&self) -> Fingerprint {
        fingerprint(&self.store).await
    }

    /// The stored version of a record.
    pub async fn version(&self, kind: RecordKind, id: &str) -> u64 {
        self.store
            .record(kind, id)
            .await
            .map_or(0, |r| r.record.version)
    }
}

/// The records, the sequence counter and the audit trail.
#[derive(Debug, PartialEq)]
pub struct Fingerprint {
    pub last_seq: u64,
    pub records: BTreeMap<(RecordKind, String), Record>,
    pub audit: usize,
}

pub async fn fingerprint(store: &dyn Storage) -> Fingerprint {
    let records = store
        .records_of(&RecordKind::ALL)
        .await
        .unwrap()
        .into_iter()
        .map(|r| ((r.kind, r.id.clone()), r))
        .collect();
    Fingerprint {
        last_seq: store.last_seq().await.unwrap(),
        records,
        audit: store
            .audit(&Default::default(), 0, 1000)
            .await
            .unwrap()
            .entries
            .len(),
    }
}

/// Runs this build's `mutasi` with `args` (no `MUTASI_DATABASE` from the environment): whether
/// it succeeded, and its standard output then its standard error.
pub fn mutasi(args: &[&str]) -> (bool, String) {
    // In a folder of its own, so a file the CLI writes by default (mutasi-load-report.csv)
    // never lands in the repository.
    let cwd = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mutasi"))
        .current_dir(cwd.path())
        .args(args)
        .env_remove("MUTASI_DATABASE")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// A `mutasi serve` process of this build, on a free port.
pub struct ServerProcess {
    pub child: tokio::process::Child,
    pub addr: std::net::SocketAddr,
    pub pid: u32,
}

impl ServerProcess {
    /// Starts `mutasi serve --addr 127.0.0.1:0 --database <database> --dist /nonexistent` with
    /// `extra` arguments and waits for the line that names its address.
    pub async fn start(database: &str, extra: &[&str]) -> Self {
        use tokio::io::AsyncReadExt;
        let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_mutasi"))
            .args(["serve", "--addr", "127.0.0.1:0", "--dist", "/nonexistent"])
            .env("MUTASI_DATABASE", database)
            .args(extra)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let pid = child.id().unwrap();
        let mut out = child.stdout.take().unwrap();
        let mut banner = String::new();
        let addr = loop {
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
        // Keep reading its output so it never blocks on a full pipe.
        tokio::spawn(async move {
            let mut buf = [0u8; 4096];
            while matches!(out.read(&mut buf).await, Ok(n) if n > 0) {}
        });
        Self { child, addr, pid }
    }

    /// Sends a signal (`STOP`, `CONT`, `KILL`, …).
    pub fn signal(&self, name: &str) {
        let ok = std::process::Command::new("kill")
            .args([format!("-{name}"), self.pid.to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{name} {}", self.pid);
    }
}

/// One HTTP/1.1 request on a new connection to `addr`, answered within `within`: the status
/// (0: no answer) and the JSON body.
pub async fn http(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
    within: std::time::Duration,
) -> (u16, Value) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let call = async {
        let mut s = tokio::net::TcpStream::connect(addr).await.ok()?;
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
            body.len()
        );
        if !body.is_empty() {
            head.push_str("Content-Type: application/json\r\n");
        }
        if let Some(t) = token {
            head.push_str(&format!("Authorization: Bearer {t}\r\n"));
        }
        head.push_str("\r\n");
        s.write_all(head.as_bytes()).await.ok()?;
        s.write_all(body.as_bytes()).await.ok()?;
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).await.ok()?;
        let text = String::from_utf8_lossy(&raw).to_string();
        let (head, body) = text.split_once("\r\n\r\n")?;
        let status: u16 = head.split(' ').nth(1)?.parse().ok()?;
        Some((status, serde_json::from_str(body).unwrap_or(Value::Null)))
    };
    tokio::time::timeout(within, call)
        .await
        .ok()
        .flatten()
        .unwrap_or((0, Value::Null))
}
