//! [`Store`]: the [`Storage`] implementation for SQLite and PostgreSQL, through sqlx's `Any`
//! driver. SQL is written once with `$n` placeholders, which both backends accept, and only
//! portable types (BIGINT/INTEGER, TEXT). Each backend has its own migrations.

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
    Actor, Database, NewAudit, NewRecord, OpCheck, Storage, StoreError, StoredRecord, User,
    Visibility,
};

/// The audit `opd` column: `|A|B|` (empty when none), so a filter matches one OPD with `LIKE`.
fn opd_column(opd: &[String]) -> Option<String> {
    if opd.is_empty() {
        None
    } else {
        Some(format!("|{}|", opd.join("|")))
    }
}

/// A handle on the database; cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    database: Database,
    /// SQLite has one writer at a time: writers queue here instead of sleeping in SQLite's
    /// busy handler, which keeps the tail latency of pushes low. (PostgreSQL queues them on
    /// the counter row.)
    writer: std::sync::Arc<tokio::sync::Mutex<()>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("database", &self.database)
            .finish()
    }
}

const RECORD_COLUMNS: &str = "kind, id, version, seq, data";

impl Store {
    /// Opens the database `--database` names, creating an SQLite file with its schema on first
    /// start, and runs the migrations.
    pub async fn open(database: Database) -> Result<Self, StoreError> {
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
                (format!("sqlite://{}?mode=rwc", path.display()), 8)
            }
            // One connection: every connection to `:memory:` would be a database of its own.
            Database::Memory => ("sqlite::memory:".to_string(), 1),
            Database::Postgres(url) => (url.clone(), 16),
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let sqlite = database.kind() == "sqlite";
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .min_connections(1)
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
                Box::pin(async move {
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
        Ok(Self {
            pool,
            database,
            writer: Default::default(),
        })
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
            _ => Some(self.writer.lock().await),
        }
    }

    /// Closes the pool (waits for connections to return).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn to_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn to_u64(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

fn user_from_row(row: &AnyRow) -> Result<User, StoreError> {
    let role: String = row.try_get("role")?;
    let nip: Option<String> = row.try_get("nip")?;
    let scope: Option<String> = row.try_get("scope")?;
    Ok(User {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        password_hash: row.try_get("password_hash")?,
        role: Role::parse(&role).ok_or_else(|| StoreError::Corrupt(format!("role {role}")))?,
        nip: nip
            .map(|n| n.parse())
            .transpose()
            .map_err(|e| StoreError::Corrupt(format!("{e}")))?,
        scope: scope
            .map(|s| serde_json::from_str::<Scope>(&s))
            .transpose()
            .map_err(|e| StoreError::Corrupt(format!("scope: {e}")))?,
        disabled: row.try_get::<i64, _>("disabled")? != 0,
    })
}

fn record_from_row(row: &AnyRow) -> Result<Record, StoreError> {
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

fn op_hash(op: &Op) -> String {
    let json = serde_json::to_vec(op).unwrap_or_default();
    hex(&Sha256::digest(&json))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The database's clock in Unix milliseconds.
async fn db_now(conn: &mut AnyConnection, database: &Database) -> Result<i64, StoreError> {
    let sql = match database {
        Database::Postgres(_) => {
            "SELECT CAST(FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000) AS BIGINT)"
        }
        _ => "SELECT CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)",
    };
    Ok(sqlx::query_scalar(sql).fetch_one(&mut *conn).await?)
}

async fn read_counter(
    conn: &mut AnyConnection,
    key: &str,
) -> Result<Option<throttle::Counter>, StoreError> {
    let row =
        sqlx::query("SELECT failures, last_at, blocked_until FROM login_throttle WHERE key = $1")
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(|r| {
        Ok(throttle::Counter {
            failures: r.try_get("failures")?,
            last_at: r.try_get("last_at")?,
            blocked_until: r.try_get("blocked_until")?,
        })
    })
    .transpose()
}

/// Replaces counter `key` from `old` (as read) to `new` (None: removed); false when someone
/// changed it in between.
async fn swap_counter(
    conn: &mut AnyConnection,
    key: &str,
    old: Option<throttle::Counter>,
    new: Option<throttle::Counter>,
) -> Result<bool, StoreError> {
    let done = match (old, new) {
        (None, None) => return Ok(true),
        (None, Some(n)) => {
            sqlx::query(
                "INSERT INTO login_throttle (key, failures, last_at, blocked_until) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING",
            )
            .bind(key)
            .bind(n.failures)
            .bind(n.last_at)
            .bind(n.blocked_until)
            .execute(&mut *conn)
            .await?
        }
        (Some(o), Some(n)) => {
            sqlx::query(
                "UPDATE login_throttle SET failures = $2, last_at = $3, blocked_until = $4 \
             WHERE key = $1 AND failures = $5 AND last_at = $6 AND blocked_until = $7",
            )
            .bind(key)
            .bind(n.failures)
            .bind(n.last_at)
            .bind(n.blocked_until)
            .bind(o.failures)
            .bind(o.last_at)
            .bind(o.blocked_until)
            .execute(&mut *conn)
            .await?
        }
        (Some(o), None) => {
            sqlx::query(
                "DELETE FROM login_throttle \
             WHERE key = $1 AND failures = $2 AND last_at = $3 AND blocked_until = $4",
            )
            .bind(key)
            .bind(o.failures)
            .bind(o.last_at)
            .bind(o.blocked_until)
            .execute(&mut *conn)
            .await?
        }
    };
    Ok(done.rows_affected() == 1)
}

/// Takes the writers' lock (the counter row) as the first statement of a transaction.
async fn lock_counter(conn: &mut AnyConnection) -> Result<(), StoreError> {
    sqlx::query("UPDATE sync_state SET seq = seq WHERE id = 1")
        .execute(&mut *conn)
        .await?;
    Ok(())
}

async fn next_seq(conn: &mut AnyConnection) -> Result<i64, StoreError> {
    let seq: i64 =
        sqlx::query_scalar("UPDATE sync_state SET seq = seq + 1 WHERE id = 1 RETURNING seq")
            .fetch_one(&mut *conn)
            .await?;
    Ok(seq)
}

async fn insert_audit(
    conn: &mut AnyConnection,
    entry: &NewAudit,
    seq: i64,
    op_id: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit (at, actor, role, action, target, seq, op_id, reason, change, nip, opd) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(now_rfc3339())
    .bind(&entry.actor.username)
    .bind(entry.actor.role.as_str())
    .bind(&entry.action)
    .bind(&entry.target)
    .bind(seq)
    .bind(op_id)
    .bind(entry.reason.as_deref())
    .bind(entry.change.to_string())
    .bind(entry.nip.as_deref())
    .bind(opd_column(&entry.opd))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn fetch_stored(
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
        let scope = user
            .scope
            .as_ref()
            .map(|s| serde_json::to_string(s).unwrap_or_default());
        let result = sqlx::query(
            "INSERT INTO users (id, username, password_hash, role, nip, scope, disabled, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&user.id)
        .bind(&user.username)
        .bind(&user.password_hash)
        .bind(user.role.as_str())
        .bind(user.nip.as_ref().map(|n| n.to_string()))
        .bind(scope)
        .bind(i64::from(user.disabled))
        .bind(now_rfc3339())
        .execute(&self.pool)
        .await;
        match result {
            Ok(_) => Ok(()),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                Err(StoreError::AlreadyExists(user.username.clone()))
            }
            Err(e) => Err(e.into()),
        }
    }

    async fn user_by_name(&self, username: &str) -> Result<User, StoreError> {
        let row = sqlx::query("SELECT * FROM users WHERE username = $1")
            .bind(username)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("user {username}")))?;
        user_from_row(&row)
    }

    async fn set_password(&self, username: &str, password_hash: &str) -> Result<(), StoreError> {
        let user = self.user_by_name(username).await?;
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(&user.id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(&user.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn set_disabled(&self, username: &str, disabled: bool) -> Result<(), StoreError> {
        let user = self.user_by_name(username).await?;
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
            .bind(i64::from(disabled))
            .bind(&user.id)
            .execute(&mut *tx)
            .await?;
        if disabled {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(&user.id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn create_session(
        &self,
        token_hash: &str,
        user_id: &str,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        // Expired sessions of this account are of no use any more.
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2")
            .bind(user_id)
            .bind(chrono::Utc::now().timestamp())
            .execute(&self.pool)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, expires_at, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(expires_at)
        .bind(chrono::Utc::now().timestamp())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn session_user(&self, token_hash: &str, now: i64) -> Result<User, StoreError> {
        let row = sqlx::query(
            "SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound("session".into()))?;
        user_from_row(&row)
    }

    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn now(&self) -> Result<i64, StoreError> {
        let mut conn = self.pool.acquire().await?;
        db_now(&mut conn, &self.database).await
    }

    async fn throttle_attempt(
        &self,
        key: &str,
        policy: &throttle::Policy,
    ) -> Result<throttle::Step, StoreError> {
        let mut conn = self.pool.acquire().await?;
        // Compare-and-set: read, decide, write only if nobody wrote in between, else again.
        for _ in 0..32 {
            let now = db_now(&mut conn, &self.database).await?;
            let stored = read_counter(&mut conn, key).await?;
            match policy.attempt(stored, now) {
                blocked @ throttle::Step::Blocked(_) => return Ok(blocked),
                step @ throttle::Step::Write(next) => {
                    if swap_counter(&mut conn, key, stored, Some(next)).await? {
                        return Ok(step);
                    }
                }
            }
        }
        // Contended that hard: treat it as a burst and let the caller retry shortly.
        Ok(throttle::Step::Blocked(
            db_now(&mut conn, &self.database).await? + 1000,
        ))
    }

    async fn throttle_success(
        &self,
        key: &str,
        policy: &throttle::Policy,
        clear: bool,
    ) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await?;
        for _ in 0..32 {
            let stored = read_counter(&mut conn, key).await?;
            if stored.is_none() {
                return Ok(());
            }
            let next = policy.success(stored, clear);
            if swap_counter(&mut conn, key, stored, next).await? {
                return Ok(());
            }
        }
        Ok(())
    }

    async fn throttle_prune(&self, age: i64) -> Result<u64, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let now = db_now(&mut conn, &self.database).await?;
        let done =
            sqlx::query("DELETE FROM login_throttle WHERE last_at < $1 AND blocked_until < $2")
                .bind(now - age * 1000)
                .bind(now)
                .execute(&mut *conn)
                .await?;
        Ok(done.rows_affected())
    }

    async fn import(&self, records: Vec<NewRecord>, actor: &Actor) -> Result<u64, StoreError> {
        let _turn = self.write_turn().await;
        let mut tx = self.pool.begin().await?;
        lock_counter(&mut tx).await?;
        let empty: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM records")
            .fetch_one(&mut *tx)
            .await?;
        let mut changed = 0u64;
        if empty == 0 {
            // First import: multi-row inserts, numbered in one go.
            let start: i64 = sqlx::query_scalar("SELECT seq FROM sync_state WHERE id = 1")
                .fetch_one(&mut *tx)
                .await?;
            const ROWS: usize = 500;
            for (chunk_no, chunk) in records.chunks(ROWS).enumerate() {
                let mut sql = String::from(
                    "INSERT INTO records (kind, id, version, seq, opd, nip, data, reference) VALUES ",
                );
                for i in 0..chunk.len() {
                    let p = i * 7;
                    if i > 0 {
                        sql.push(',');
                    }
                    sql.push_str(&format!(
                        "(${}, ${}, 1, ${}, ${}, ${}, ${}, ${})",
                        p + 1,
                        p + 2,
                        p + 3,
                        p + 4,
                        p + 5,
                        p + 6,
                        p + 7
                    ));
                }
                let mut q = sqlx::query(&sql);
                for (i, r) in chunk.iter().enumerate() {
                    let seq = start + (chunk_no * ROWS + i) as i64 + 1;
                    q = q
                        .bind(r.kind.as_str())
                        .bind(&r.id)
                        .bind(seq)
                        .bind(&r.write.opd)
                        .bind(&r.write.nip)
                        .bind(r.write.data.to_string())
                        .bind(is_reference(r.kind));
                }
                q.execute(&mut *tx).await?;
            }
            changed = records.len() as u64;
            sqlx::query("UPDATE sync_state SET seq = seq + $1 WHERE id = 1")
                .bind(changed as i64)
                .execute(&mut *tx)
                .await?;
        } else {
            for r in &records {
                let current = fetch_stored(&mut tx, r.kind, &r.id).await?;
                let version = match &current {
                    Some(c)
                        if c.record.data == r.write.data
                            && c.opd == r.write.opd
                            && c.nip == r.write.nip =>
                    {
                        continue
                    }
                    Some(c) => c.record.version + 1,
                    None => 1,
                };
                let seq = next_seq(&mut tx).await?;
                upsert(&mut tx, r.kind, &r.id, version, seq, &r.write).await?;
                changed += 1;
            }
        }
        if changed > 0 {
            sqlx::query("UPDATE sync_state SET generation = generation + 1 WHERE id = 1")
                .execute(&mut *tx)
                .await?;
            let last: i64 = sqlx::query_scalar("SELECT seq FROM sync_state WHERE id = 1")
                .fetch_one(&mut *tx)
                .await?;
            let entry = NewAudit {
                actor: actor.clone(),
                action: "import".into(),
                target: "dataset".into(),
                reason: None,
                change: serde_json::json!({ "records": records.len(), "changed": changed }),
                nip: None,
                opd: Vec::new(),
            };
            insert_audit(&mut tx, &entry, last, "").await?;
        }
        tx.commit().await?;
        Ok(changed)
    }

    async fn generation(&self) -> Result<i64, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT generation FROM sync_state WHERE id = 1")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    async fn records_of(&self, kinds: &[RecordKind]) -> Result<Vec<Record>, StoreError> {
        let mut out = Vec::new();
        for kind in kinds {
            let rows = sqlx::query(&format!(
                "SELECT {RECORD_COLUMNS} FROM records WHERE kind = $1 ORDER BY seq"
            ))
            .bind(kind.as_str())
            .fetch_all(&self.pool)
            .await?;
            for row in &rows {
                out.push(record_from_row(row)?);
            }
        }
        Ok(out)
    }

    async fn record(&self, kind: RecordKind, id: &str) -> Result<StoredRecord, StoreError> {
        let mut conn = self.pool.acquire().await?;
        fetch_stored(&mut conn, kind, id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("{}/{id}", kind.as_str())))
    }

    async fn count_records(&self) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM records")
            .fetch_one(&self.pool)
            .await?;
        Ok(to_u64(n))
    }

    async fn last_seq(&self) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT seq FROM sync_state WHERE id = 1")
            .fetch_one(&self.pool)
            .await?;
        Ok(to_u64(n))
    }

    async fn pull(
        &self,
        visibility: &Visibility,
        since: u64,
        limit: u32,
    ) -> Result<PullResponse, StoreError> {
        // Read the counter first: everything numbered up to it is committed, so bounding the
        // page by it never skips a change that commits later.
        let mut conn = self.pool.acquire().await?;
        let upto: i64 = sqlx::query_scalar("SELECT seq FROM sync_state WHERE id = 1")
            .fetch_one(&mut *conn)
            .await?;
        let since = to_i64(since).min(upto);
        let base =
            format!("SELECT {RECORD_COLUMNS} FROM records WHERE seq > $1 AND seq <= $2 AND ");
        let reference = "reference = 1";
        let (filter, binds): (String, Vec<&str>) = match visibility {
            Visibility::All => ("1 = 1".into(), vec![]),
            Visibility::Employee(nip) => (
                // Every post (slot) is visible: the inputs of the employee's rotation options
                // and of the fit's shortage; other employees' records are not.
                format!(
                    "({reference} OR kind = 'slot' OR (nip = $4 AND kind IN ('employee', 'proposal')))"
                ),
                vec![nip.as_str()],
            ),
            Visibility::Opd(list) => {
                let marks: Vec<String> = (0..list.len()).map(|i| format!("${}", i + 4)).collect();
                let opd = if marks.is_empty() {
                    "1 = 0".to_string()
                } else {
                    format!("opd IN ({})", marks.join(", "))
                };
                (
                    format!("({reference} OR {opd})"),
                    list.iter().map(String::as_str).collect(),
                )
            }
        };
        let sql = format!("{base}{filter} ORDER BY seq LIMIT $3");
        let mut q = sqlx::query(&sql)
            .bind(since)
            .bind(upto)
            .bind(i64::from(limit));
        for b in binds {
            q = q.bind(b);
        }
        let rows = q.fetch_all(&mut *conn).await?;
        let mut records = rows
            .iter()
            .map(record_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        redact_holders(&mut conn, visibility, &mut records).await?;
        let more = records.len() as u64 >= u64::from(limit) && limit > 0;
        let cursor = if more {
            records.last().map_or(to_u64(since), |r| r.seq)
        } else {
            to_u64(upto)
        };
        Ok(PullResponse {
            wire_version: WIRE_VERSION,
            records,
            cursor,
            more,
        })
    }

    async fn push(
        &self,
        actor: &Actor,
        ops: &[Op],
        check: &dyn OpCheck,
    ) -> Result<Vec<OpResult>, StoreError> {
        let _turn = self.write_turn().await;
        let mut tx = self.pool.begin().await?;
        lock_counter(&mut tx).await?;
        let mut results = Vec::with_capacity(ops.len());
        for (index, op) in ops.iter().enumerate() {
            let hash = op_hash(op);
            let done = sqlx::query(
                "SELECT user_id, op_hash, seq, kind, record_id, version FROM applied_ops WHERE op_id = $1",
            )
            .bind(&op.id)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(row) = done {
                let user_id: String = row.try_get("user_id")?;
                let stored_hash: String = row.try_get("op_hash")?;
                if user_id != actor.user_id || stored_hash != hash {
                    return Err(StoreError::OpIdReused(op.id.clone()));
                }
                let kind: String = row.try_get("kind")?;
                results.push(OpResult {
                    op: op.id.clone(),
                    status: OpStatus::Duplicate,
                    seq: to_u64(row.try_get("seq")?),
                    kind: RecordKind::parse(&kind)
                        .ok_or_else(|| StoreError::Corrupt(format!("kind {kind}")))?,
                    id: row.try_get("record_id")?,
                    version: to_u64(row.try_get("version")?),
                });
                continue;
            }
            let (kind, id) = op.change.target();
            let current = fetch_stored(&mut tx, kind, &id).await?;
            // Who may act comes first: a refused caller learns nothing about the target.
            check
                .admit(index, op, current.as_ref())
                .map_err(StoreError::Refused)?;
            let current_version = current.as_ref().map_or(0, |c| c.record.version);
            // The version, and the status and fingerprint the op expects (when it says).
            if !op.builds_on(current.as_ref().map(|c| &c.record)) {
                // Report the committed record, not this batch's uncommitted view of it, and
                // only one the caller may see (admission implies it; this makes sure).
                tx.rollback().await?;
                let mut conn = self.pool.acquire().await?;
                let committed = fetch_stored(&mut conn, kind, &id).await?;
                if committed.as_ref().is_some_and(|c| !check.may_see(c)) {
                    return Err(StoreError::Refused(OpRefusal::Unknown {
                        op: op.id.clone(),
                        index,
                        what: mutasi_core::text::Text::same(format!("{}/{id}", kind.as_str())),
                    }));
                }
                return Err(StoreError::Conflict(Box::new(Conflict {
                    op: op.id.clone(),
                    index,
                    base_version: op.base_version,
                    current: committed.map(|c| c.record),
                })));
            }
            let mut reads = Vec::new();
            for (k, rid) in check.reads(op, current.as_ref()) {
                reads.push(fetch_stored(&mut tx, k, &rid).await?);
            }
            let checked = check
                .check(index, op, current.as_ref(), &reads)
                .map_err(StoreError::Refused)?;
            let version = current_version + 1;
            let seq = next_seq(&mut tx).await?;
            upsert(&mut tx, kind, &id, version, seq, &checked.write).await?;
            // Records the op changes besides its target, each at its version + 1.
            for r in &checked.also {
                let v = fetch_stored(&mut tx, r.kind, &r.id)
                    .await?
                    .map_or(0, |c| c.record.version);
                let s = next_seq(&mut tx).await?;
                upsert(&mut tx, r.kind, &r.id, v + 1, s, &r.write).await?;
            }
            if !checked.also.is_empty() {
                sqlx::query("UPDATE sync_state SET generation = generation + 1 WHERE id = 1")
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query(
                "INSERT INTO applied_ops (op_id, user_id, op_hash, seq, kind, record_id, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&op.id)
            .bind(&actor.user_id)
            .bind(&hash)
            .bind(seq)
            .bind(kind.as_str())
            .bind(&id)
            .bind(to_i64(version))
            .execute(&mut *tx)
            .await?;
            let entry = NewAudit {
                actor: actor.clone(),
                action: op.change.action().into(),
                target: format!("{}/{id}", kind.as_str()),
                reason: op.reason.clone(),
                change: serde_json::to_value(&op.change).unwrap_or_default(),
                nip: checked.nip.clone(),
                opd: checked.opd.clone(),
            };
            insert_audit(&mut tx, &entry, seq, &op.id).await?;
            results.push(OpResult {
                op: op.id.clone(),
                status: OpStatus::Applied,
                seq: to_u64(seq),
                kind,
                id,
                version,
            });
        }
        tx.commit().await?;
        Ok(results)
    }

    async fn append_audit(&self, entry: &NewAudit) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await?;
        insert_audit(&mut conn, entry, 0, "").await
    }

    async fn audit(
        &self,
        filter: &AuditFilter,
        since: u64,
        limit: u32,
    ) -> Result<AuditPage, StoreError> {
        // Each filter is a bound parameter; an absent one is NULL and lets every row through.
        let day = |d: Option<chrono::NaiveDate>, end: bool| {
            d.map(|d| {
                if end {
                    format!("{d}T23:59:59.999Z")
                } else {
                    format!("{d}T00:00:00.000Z")
                }
            })
        };
        let rows = sqlx::query(
            "SELECT id, at, actor, role, action, target, seq, op_id, reason, change, nip, opd \
             FROM audit WHERE id > $1 \
             AND ($3 IS NULL OR nip = $3) \
             AND ($4 IS NULL OR opd LIKE $4 ESCAPE '\\') \
             AND ($5 IS NULL OR actor = $5) \
             AND ($6 IS NULL OR at >= $6) \
             AND ($7 IS NULL OR at <= $7) \
             ORDER BY id LIMIT $2",
        )
        .bind(to_i64(since))
        .bind(i64::from(limit))
        .bind(filter.nip.as_deref())
        .bind(
            filter
                .unit
                .as_ref()
                .map(|u| format!("%|{}|%", like_escape(u))),
        )
        .bind(filter.actor.as_deref())
        .bind(day(filter.from, false))
        .bind(day(filter.to, true))
        .fetch_all(&self.pool)
        .await?;
        let mut entries = Vec::with_capacity(rows.len());
        for row in &rows {
            let role: String = row.try_get("role")?;
            let change: String = row.try_get("change")?;
            let opd: Option<String> = row.try_get("opd")?;
            entries.push(AuditEntry {
                id: to_u64(row.try_get("id")?),
                at: row.try_get("at")?,
                actor: row.try_get("actor")?,
                role: Role::parse(&role)
                    .ok_or_else(|| StoreError::Corrupt(format!("role {role}")))?,
                action: row.try_get("action")?,
                target: row.try_get("target")?,
                seq: to_u64(row.try_get("seq")?),
                op: row.try_get("op_id")?,
                reason: row.try_get("reason")?,
                change: serde_json::from_str(&change)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                nip: row.try_get("nip")?,
                opd: opd
                    .unwrap_or_default()
                    .split('|')
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect(),
            });
        }
        let more = entries.len() as u64 >= u64::from(limit) && limit > 0;
        let cursor = entries.last().map_or(since, |e| e.id);
        Ok(AuditPage {
            entries,
            cursor,
            more,
        })
    }
}

/// Removes from the slots of a pulled page the holder NIPs whose employee record the caller
/// may not see ([`Visibility::redact`]).
async fn redact_holders(
    conn: &mut AnyConnection,
    visibility: &Visibility,
    records: &mut [Record],
) -> Result<(), StoreError> {
    let holder = |r: &Record| {
        r.data
            .get("holder")
            .and_then(|h| h.get("nip"))
            .and_then(|n| n.as_str())
            .map(String::from)
    };
    match visibility {
        Visibility::All => {}
        Visibility::Employee(own) => {
            for r in records.iter_mut() {
                visibility.redact(r, |n| n == own);
            }
        }
        Visibility::Opd(list) => {
            // Where each holder works now: the `opd` column of their employee record.
            let mut nips: Vec<String> = records.iter().filter_map(holder).collect();
            nips.sort();
            nips.dedup();
            let mut seen = std::collections::HashSet::new();
            for chunk in nips.chunks(500) {
                let marks: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 1)).collect();
                let sql = format!(
                    "SELECT id, opd FROM records WHERE kind = 'employee' AND id IN ({})",
                    marks.join(", ")
                );
                let mut q = sqlx::query(&sql);
                for n in chunk {
                    q = q.bind(n);
                }
                for row in q.fetch_all(&mut *conn).await? {
                    let opd: Option<String> = row.try_get("opd")?;
                    if opd.is_some_and(|o| list.contains(&o)) {
                        seen.insert(row.try_get::<String, _>("id")?);
                    }
                }
            }
            for r in records.iter_mut() {
                visibility.redact(r, |n| seen.contains(n));
            }
        }
    }
    Ok(())
}

/// Escapes `LIKE` wildcards in a filter value (with `ESCAPE '\\'`).
fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

async fn upsert(
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
fn is_reference(kind: RecordKind) -> i64 {
    i64::from(super::is_reference(kind))
}
