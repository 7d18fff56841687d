//! [`Store`]: the [`Storage`] implementation for SQLite and PostgreSQL, through sqlx's `Any`
//! driver. SQL is written once with `$n` placeholders, which both backends accept, and only
//! portable types (BIGINT/INTEGER, TEXT). Each backend has its own migrations.
//!
//! One module per concern, each holding the trait's methods for it as functions on the
//! [`Store`]: [`accounts`] (users, sessions), [`counters`] (login counters), [`records`]
//! (imports, dataset reads), [`pull`], [`push`] (the writers' path), [`audit`].

mod accounts;
mod audit;
mod backup;
mod counters;
mod pull;
mod push;
mod records;

pub use backup::{restore_sqlite, Restored};

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use mutasi_core::wire::auth::{Role, Scope};
use mutasi_core::wire::sync::{
    AuditEntry, AuditFilter, AuditPage, Conflict, Op, OpResult, OpStatus, PullResponse, Record,
    RecordKind,
};
use mutasi_core::wire::WIRE_VERSION;
use sha2::{Digest, Sha256};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyRow};
use sqlx::{AnyConnection, AnyPool, Row};

use crate::auth::throttle;
use crate::sync::OpRefusal;

use super::{
    Actor, Database, ImportOptions, NewAudit, NewRecord, OpCheck, RawRecord, Storage, StoreError,
    StoredRecord, SyncState, User, Visibility,
};

/// A handle on the database; cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    database: Database,
    /// SQLite has one writer at a time: writers queue here instead of sleeping in SQLite's
    /// busy handler, which keeps the tail latency of pushes low. (PostgreSQL queues them on
    /// the counter row.)
    write_lock: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// The task that applies pushes in groups (None in the writer's own copy).
    writer: Option<push::Writer>,
    /// The database's clock.
    clock: DbClock,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("database", &self.database)
            .finish()
    }
}

pub(super) const RECORD_COLUMNS: &str = "kind, id, version, seq, data";

/// How the store talks to its database (`mutasi serve` flags).
///
/// On PostgreSQL every connection bounds how long it waits and holds: a write waiting for the
/// writers' lock gives up after `lock_timeout` (the client is answered 503 and retries with the
/// same op ids), no statement runs longer than `statement_timeout`, a transaction left idle (a
/// process frozen or cut off in the middle of a push) is ended by the database after
/// `idle_in_transaction_timeout`, releasing its locks, and the database probes a silent client
/// connection every 10 s after 30 s, so a process that vanished from the network is noticed in
/// about a minute, not two hours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbOptions {
    /// Connections in the pool (per process; mind PostgreSQL's `max_connections`).
    pub pool: u32,
    /// How long to wait for a pooled connection.
    pub acquire_timeout: Duration,
    /// PostgreSQL `lock_timeout`.
    pub lock_timeout: Duration,
    /// PostgreSQL `statement_timeout`.
    pub statement_timeout: Duration,
    /// PostgreSQL `idle_in_transaction_session_timeout`.
    pub idle_in_transaction_timeout: Duration,
}

impl Default for DbOptions {
    fn default() -> Self {
        Self {
            pool: 8,
            acquire_timeout: Duration::from_secs(10),
            lock_timeout: Duration::from_secs(5),
            statement_timeout: Duration::from_secs(30),
            idle_in_transaction_timeout: Duration::from_secs(5),
        }
    }
}

impl DbOptions {
    /// The `SET` statements of a PostgreSQL session.
    fn postgres_session(&self) -> Vec<String> {
        let ms = |d: Duration| d.as_millis().max(1);
        vec![
            format!("SET lock_timeout = {}", ms(self.lock_timeout)),
            format!("SET statement_timeout = {}", ms(self.statement_timeout)),
            format!(
                "SET idle_in_transaction_session_timeout = {}",
                ms(self.idle_in_transaction_timeout)
            ),
            "SET tcp_keepalives_idle = 30".into(),
            "SET tcp_keepalives_interval = 10".into(),
            "SET tcp_keepalives_count = 3".into(),
        ]
    }
}

impl Store {
    /// Opens the database `--database` names, creating an SQLite file with its schema on first
    /// start, and runs the migrations.
    pub async fn open(database: Database) -> Result<Self, StoreError> {
        Self::open_with(database, &DbOptions::default()).await
    }

    /// [`Store::open`] with a pool size and PostgreSQL timeouts.
    pub async fn open_with(database: Database, opts: &DbOptions) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let (url, max) = match &database {
            Database::Sqlite(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        StoreError::Database(sqlx::Error::Configuration(
                            format!("cannot create directory {}: {e}", dir.display()).into(),
                        ))
                    })?;
                }
                (format!("sqlite://{}?mode=rwc", path.display()), opts.pool)
            }
            // One connection: every connection to `:memory:` would be a database of its own.
            Database::Memory => ("sqlite::memory:".to_string(), 1),
            Database::Postgres(url) => (url.clone(), opts.pool),
        };
        let max = max.max(1);
        let session = opts.postgres_session();
        let options = AnyConnectOptions::from_str(&url)?;
        let sqlite = database.kind() == "sqlite";
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .min_connections(1)
            .acquire_timeout(opts.acquire_timeout)
            .idle_timeout(if max == 1 {
                None
            } else {
                Some(Duration::from_secs(600))
            })
            .max_lifetime(if max == 1 {
                None
            } else {
                Some(Duration::from_secs(1800))
            })
            .after_connect(move |conn: &mut AnyConnection, _meta| {
                let session = session.clone();
                Box::pin(async move {
                    if !sqlite {
                        for set in &session {
                            sqlx::query(set).execute(&mut *conn).await?;
                        }
                    }
                    if sqlite {
                        sqlx::query("PRAGMA foreign_keys = ON")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA busy_timeout = 10000")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA synchronous = NORMAL")
                            .execute(&mut *conn)
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        if matches!(database, Database::Sqlite(_)) {
            sqlx::query("PRAGMA journal_mode = WAL")
                .execute(&pool)
                .await?;
        }
        if sqlite {
            sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        } else {
            sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        }
        let mut store = Self {
            pool,
            clock: DbClock::of(&database),
            database,
            write_lock: Default::default(),
            writer: None,
        };
        store.writer = Some(push::Writer::start(store.clone()));
        Ok(store)
    }

    /// Opens (creating if missing) the SQLite database at `path`.
    pub async fn open_sqlite(path: &Path) -> Result<Self, StoreError> {
        Self::open(Database::Sqlite(path.to_path_buf())).await
    }

    /// Opens a private in-memory SQLite database (tests).
    pub async fn open_memory() -> Result<Self, StoreError> {
        Self::open(Database::Memory).await
    }

    /// Where the data lives.
    pub fn database(&self) -> &Database {
        &self.database
    }

    /// The in-process writer queue (SQLite only).
    async fn write_turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self.database {
            Database::Postgres(_) => None,
            _ => Some(self.write_lock.lock().await),
        }
    }

    /// Closes the pool (waits for connections to return).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The database's clock as SQL expressions, so every server process stamps audit entries and
/// sessions with one clock.
#[derive(Debug, Clone, Copy)]
pub(super) struct DbClock {
    /// Unix seconds.
    pub(super) epoch: &'static str,
    /// Unix milliseconds.
    pub(super) epoch_ms: &'static str,
    /// RFC 3339 UTC with milliseconds (`2026-12-03T14:40:01.123Z`).
    pub(super) rfc3339: &'static str,
}

impl DbClock {
    fn of(database: &Database) -> Self {
        match database {
            Database::Postgres(_) => DbClock {
                epoch: "CAST(FLOOR(EXTRACT(EPOCH FROM clock_timestamp())) AS BIGINT)",
                epoch_ms: "CAST(FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000) AS BIGINT)",
                rfc3339: "to_char(clock_timestamp() AT TIME ZONE 'UTC', \
                          'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')",
            },
            _ => DbClock {
                epoch: "CAST(strftime('%s', 'now') AS INTEGER)",
                epoch_ms: "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)",
                rfc3339: "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            },
        }
    }
}

pub(super) fn to_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

pub(super) fn to_u64(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

pub(super) fn record_from_row(row: &AnyRow) -> Result<Record, StoreError> {
    let kind: String = row.try_get("kind")?;
    let data: String = row.try_get("data")?;
    Ok(Record {
        kind: RecordKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("record kind {kind}")))?,
        id: row.try_get("id")?,
        version: to_u64(row.try_get("version")?),
        seq: to_u64(row.try_get("seq")?),
        data: serde_json::from_str(&data).map_err(|e| StoreError::Corrupt(e.to_string()))?,
    })
}

pub(super) async fn fetch_stored(
    conn: &mut AnyConnection,
    kind: RecordKind,
    id: &str,
) -> Result<Option<StoredRecord>, StoreError> {
    let row = sqlx::query(
        "SELECT kind, id, version, seq, data, opd, nip FROM records WHERE kind = $1 AND id = $2",
    )
    .bind(kind.as_str())
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|row| {
        Ok(StoredRecord {
            record: record_from_row(&row)?,
            opd: row.try_get("opd")?,
            nip: row.try_get("nip")?,
        })
    })
    .transpose()
}

pub(super) async fn upsert(
    conn: &mut AnyConnection,
    kind: RecordKind,
    id: &str,
    version: u64,
    seq: i64,
    write: &super::Write,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO records (kind, id, version, seq, opd, nip, data, reference) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (kind, id) DO UPDATE SET version = $3, seq = $4, opd = $5, nip = $6, data = $7",
    )
    .bind(kind.as_str())
    .bind(id)
    .bind(to_i64(version))
    .bind(seq)
    .bind(&write.opd)
    .bind(&write.nip)
    .bind(write.data.to_string())
    .bind(is_reference(kind))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The `reference` column: 1 for the kinds every account may pull ([`super::is_reference`]).
pub(super) fn is_reference(kind: RecordKind) -> i64 {
    i64::from(super::is_reference(kind))
}

#[async_trait]
impl Storage for Store {
    fn kind(&self) -> &'static str {
        self.database.kind()
    }

    async fn ping(&self) -> Result<i64, StoreError> {
        let version: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations")
                .fetch_one(&self.pool)
                .await?;
        Ok(version)
    }

    async fn create_user(&self, user: &User) -> Result<(), StoreError> {
        accounts::create_user(self, user).await
    }

    async fn user_by_name(&self, username: &str) -> Result<User, StoreError> {
        accounts::user_by_name(self, username).await
    }

    async fn count_admins(&self) -> Result<u64, StoreError> {
        accounts::count_admins(self).await
    }

    async fn set_password(&self, username: &str, password_hash: &str) -> Result<(), StoreError> {
        accounts::set_password(self, username, password_hash).await
    }

    async fn set_scope(&self, username: &str, scope: &Scope) -> Result<(), StoreError> {
        accounts::set_scope(self, username, scope).await
    }

    async fn set_disabled(&self, username: &str, disabled: bool) -> Result<(), StoreError> {
        accounts::set_disabled(self, username, disabled).await
    }

    async fn set_access(
        &self,
        username: &str,
        role: Role,
        nip: Option<&mutasi_core::model::Nip>,
        scope: Option<&Scope>,
    ) -> Result<(), StoreError> {
        accounts::set_access(self, username, role, nip, scope).await
    }

    async fn list_users(&self) -> Result<Vec<super::UserRow>, StoreError> {
        accounts::list_users(self).await
    }

    async fn create_pending_users(
        &self,
        users: &[(User, String)],
        expires_at: i64,
    ) -> Result<Vec<String>, StoreError> {
        accounts::create_pending_users(self, users, expires_at).await
    }

    async fn set_activation(
        &self,
        username: &str,
        code_hash: &str,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        accounts::set_activation(self, username, code_hash, expires_at).await
    }

    async fn pending_activation(
        &self,
        username: &str,
    ) -> Result<Option<super::PendingCode>, StoreError> {
        accounts::pending_activation(self, username).await
    }

    async fn activate(
        &self,
        username: &str,
        code_hash: &str,
        password_hash: &str,
    ) -> Result<bool, StoreError> {
        accounts::activate(self, username, code_hash, password_hash).await
    }

    async fn create_session(
        &self,
        token_hash: &str,
        user_id: &str,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        accounts::create_session(self, token_hash, user_id, expires_at).await
    }

    async fn session_user(&self, token_hash: &str) -> Result<User, StoreError> {
        accounts::session_user(self, token_hash).await
    }

    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        accounts::delete_session(self, token_hash).await
    }

    async fn now(&self) -> Result<i64, StoreError> {
        counters::now(self).await
    }

    async fn throttle_attempt(
        &self,
        key: &str,
        policy: &throttle::Policy,
    ) -> Result<throttle::Step, StoreError> {
        counters::throttle_attempt(self, key, policy).await
    }

    async fn throttle_success(
        &self,
        key: &str,
        policy: &throttle::Policy,
        clear: bool,
    ) -> Result<(), StoreError> {
        counters::throttle_success(self, key, policy, clear).await
    }

    async fn throttle_prune(&self, age: i64) -> Result<u64, StoreError> {
        counters::throttle_prune(self, age).await
    }

    async fn import_from(
        &self,
        records: &mut (dyn Iterator<Item = NewRecord> + Send),
        actor: &Actor,
        opts: &ImportOptions,
    ) -> Result<u64, StoreError> {
        records::import_from(self, records, actor, opts).await
    }

    async fn generation(&self) -> Result<i64, StoreError> {
        records::generation(self).await
    }

    async fn sync_state(&self) -> Result<SyncState, StoreError> {
        records::sync_state(self).await
    }

    async fn raw_records(
        &self,
        kinds: &[RecordKind],
        after: u64,
        upto: u64,
        limit: u32,
    ) -> Result<Vec<RawRecord>, StoreError> {
        records::raw_records(self, kinds, after, upto, limit).await
    }

    async fn records_of(&self, kinds: &[RecordKind]) -> Result<Vec<Record>, StoreError> {
        records::records_of(self, kinds).await
    }

    async fn record(&self, kind: RecordKind, id: &str) -> Result<StoredRecord, StoreError> {
        records::record(self, kind, id).await
    }

    async fn count_records(&self) -> Result<u64, StoreError> {
        records::count_records(self).await
    }

    async fn last_seq(&self) -> Result<u64, StoreError> {
        records::last_seq(self).await
    }

    async fn pull(
        &self,
        visibility: &Visibility,
        since: u64,
        limit: u32,
        count: bool,
    ) -> Result<PullResponse, StoreError> {
        pull::pull(self, visibility, since, limit, count).await
    }

    async fn push(
        &self,
        actor: &Actor,
        ops: &[Op],
        check: std::sync::Arc<dyn OpCheck>,
    ) -> Result<Vec<OpResult>, StoreError> {
        push::push(self, actor, ops, check).await
    }

    async fn append_audit(&self, entry: &NewAudit) -> Result<(), StoreError> {
        audit::append_audit(self, entry).await
    }

    async fn audit(
        &self,
        filter: &AuditFilter,
        since: u64,
        limit: u32,
    ) -> Result<AuditPage, StoreError> {
        audit::audit(self, filter, since, limit).await
    }
}
