//! The authoritative store, behind the narrow [`Storage`] trait.
//!
//! - [`Database`] says where the data lives; it is parsed once from `--database` (a file path,
//!   `sqlite://…`, `sqlite::memory:` or `postgres://…`) and picks the backend. Its `Debug`
//!   never shows a password.
//! - [`Store`] implements [`Storage`] with sqlx for both backends (embedded SQLite by default,
//!   PostgreSQL), each with its own migrations (`migrations/sqlite`, `migrations/postgres`).
//!   Queries use bound parameters only.
//! - [`StoreError`] is the one error type, with a distinct [`StoreError::NotFound`].
//!
//! **Invariant:** sequence numbers are handed out by one counter row (`sync_state`) that every
//! writing transaction locks first, so they grow in commit order and a reader that sees seq *n*
//! has already seen every change numbered below *n*. One push is one SQL transaction.
//!
//! **Invariant:** the `audit` table is append-only: no method updates or deletes it, and
//! database triggers refuse both.

mod location;
mod sql;

use std::fmt;

use async_trait::async_trait;
use mutasi_core::model::Nip;
use mutasi_core::wire::auth::{Role, Scope};
use mutasi_core::wire::sync::{
    AuditFilter, AuditPage, Conflict, Op, OpResult, PullResponse, Record, RecordKind,
};

pub use location::Database;
pub use sql::{restore_sqlite, DbOptions, Restored, Store};

use crate::auth::throttle;
use crate::sync::OpRefusal;

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row asked for does not exist (or, for a session, has expired).
    #[error("tidak ditemukan / not found: {0}")]
    NotFound(String),
    /// A unique name is taken.
    #[error("sudah ada / already exists: {0}")]
    AlreadyExists(String),
    /// An op's base version is not the record's current version; nothing was applied.
    #[error("konflik versi / version conflict")]
    Conflict(Box<Conflict>),
    /// An op was refused by the checks; nothing was applied.
    #[error("operasi ditolak / operation refused")]
    Refused(OpRefusal),
    /// The checks ran on data older than what is committed now (the push is retried on the
    /// current data); nothing was applied.
    #[error("data pemeriksaan sudah usang / the checks' data is stale (generation {0})")]
    Stale(i64),
    /// A lock or statement took longer than the database allows (PostgreSQL timeouts); nothing
    /// was applied, the client retries.
    #[error("basis data sibuk / the database is busy")]
    Busy,
    /// An op id was already used for a different operation or by another account.
    #[error("id operasi sudah dipakai untuk operasi lain / op id reused: {0}")]
    OpIdReused(String),
    /// Stored data could not be read back.
    #[error("data tersimpan rusak / corrupt stored data: {0}")]
    Corrupt(String),
    /// The backend cannot do this (e.g. a backup of PostgreSQL, which `pg_dump` makes).
    #[error("tidak didukung / not supported: {0}")]
    Unsupported(String),
    /// The database failed.
    #[error(transparent)]
    Database(sqlx::Error),
    /// The schema could not be migrated.
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Database errors that pass: a lock or statement timeout, a transaction ended by the database,
/// a dropped connection, a pool with no free connection. Nothing was applied; the client is
/// answered 503 and sends the same ops again.
impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        const PASSING: [&str; 6] = [
            "55P03", // lock_not_available (lock_timeout)
            "57014", // query_canceled (statement_timeout)
            "25P03", // idle_in_transaction_session_timeout
            "57P01", // admin_shutdown
            "40001", // serialization_failure
            "40P01", // deadlock_detected
        ];
        let passing = match &e {
            sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut => true,
            sqlx::Error::Database(d) => d.code().is_some_and(|c| PASSING.contains(&c.as_ref())),
            _ => false,
        };
        if passing {
            tracing::warn!(error = %e, "database busy");
            StoreError::Busy
        } else {
            StoreError::Database(e)
        }
    }
}

/// An account as stored.
#[derive(Clone, PartialEq, Eq)]
pub struct User {
    /// Internal id (UUID).
    pub id: String,
    /// Login name (unique).
    pub username: String,
    /// PHC string of the argon2id hash.
    pub password_hash: String,
    /// Role.
    pub role: Role,
    /// Linked NIP (employees).
    pub nip: Option<Nip>,
    /// Scope (planners; `None` for other roles).
    pub scope: Option<Scope>,
    /// A disabled account cannot log in and its sessions are void.
    pub disabled: bool,
}

/// Never shows the password hash.
impl fmt::Debug for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("password_hash", &"<redacted>")
            .field("role", &self.role)
            .field("nip", &self.nip)
            .field("scope", &self.scope)
            .field("disabled", &self.disabled)
            .finish()
    }
}

/// An account with what the admins' list shows besides [`User`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    /// The account (an empty `password_hash`: not activated yet).
    pub user: User,
    /// When its pending activation code expires (Unix seconds), if one is pending.
    pub activation_expires: Option<i64>,
    /// Its last successful login (Unix seconds).
    pub last_login: Option<i64>,
}

/// A pending activation code.
#[derive(Clone, PartialEq, Eq)]
pub struct PendingCode {
    /// PHC string of the code's argon2id hash.
    pub hash: String,
    /// Unix seconds of the database's clock.
    pub expires_at: i64,
}

/// Never shows the hash.
impl fmt::Debug for PendingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PendingCode")
            .field("hash", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// The counters of the store, read together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyncState {
    /// The last sequence number handed out.
    pub seq: u64,
    /// The generation (see [`Storage::generation`]).
    pub generation: i64,
}

/// A record with its data as stored text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRecord {
    /// Kind.
    pub kind: RecordKind,
    /// Id.
    pub id: String,
    /// Sequence number.
    pub seq: u64,
    /// The data, JSON text.
    pub data: String,
}

/// A record with the columns that decide who may see it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRecord {
    /// The record as sent on the wire.
    pub record: Record,
    /// The OPD it belongs to (None: city-wide reference data, or no post).
    pub opd: Option<String>,
    /// The employee it concerns (employee record, slot holder, proposal subject).
    pub nip: Option<String>,
}

/// What a checked op writes into its target record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Write {
    /// The new content.
    pub data: serde_json::Value,
    /// Visibility column: OPD.
    pub opd: Option<String>,
    /// Visibility column: NIP.
    pub nip: Option<String>,
}

/// How an import is guarded and recorded.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Nothing happens (0) unless the store holds no record yet (decided under the writers'
    /// lock, so several processes seeding one database seed it once).
    pub only_if_empty: bool,
    /// Refused with [`StoreError::Stale`] (nothing written) unless the committed generation,
    /// read under the writers' lock, is still this one: a load lands only on the data its
    /// difference was shown on.
    pub generation: Option<i64>,
    /// The audit entry's action and its `change` (default: `import`, with the counts); the
    /// counts are added to it as `records` and `changed`.
    pub audit: Option<(String, serde_json::Value)>,
}

/// A record to import (demo seeding, data import). A `null` content is a removal (a
/// tombstone: the record stays, with its visibility, so every device that holds it learns that
/// it is gone).
#[derive(Debug, Clone, PartialEq)]
pub struct NewRecord {
    /// Kind.
    pub kind: RecordKind,
    /// Id.
    pub id: String,
    /// Content and visibility.
    pub write: Write,
}

/// What a caller may pull.
///
/// **Invariant:** this is the one statement of who sees which record. The pull's SQL filter
/// ([`Store`]'s `pull`) and [`Visibility::admits`] say the same (a test compares them on every
/// record for every account), and every response that carries a record — a pull page, a 409's
/// `details.current` — carries only records this admits, with [`Visibility::redact`] applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visibility {
    /// Everything (admin, approver, city-wide planner).
    All,
    /// Reference data plus records of these OPD (scoped planner).
    Opd(Vec<String>),
    /// Reference data, every post (slot) without other people's NIPs, and the records
    /// concerning this NIP (employee).
    Employee(String),
}

impl Visibility {
    /// Whether a caller with this visibility may see `r` (before [`Visibility::redact`]).
    pub fn admits(&self, r: &StoredRecord) -> bool {
        let kind = r.record.kind;
        if is_reference(kind) {
            return true;
        }
        match self {
            Visibility::All => true,
            Visibility::Opd(list) => r.opd.as_ref().is_some_and(|o| list.contains(o)),
            Visibility::Employee(nip) => {
                kind == RecordKind::Slot
                    || (matches!(kind, RecordKind::Employee | RecordKind::Proposal)
                        && r.nip.as_deref() == Some(nip.as_str()))
            }
        }
    }

    /// `record` as this caller may see it: a slot's holder NIP stays only when `sees_nip` says
    /// the caller may see that employee's record (an employee sees their own; a scoped
    /// planner those of their OPD); the post still shows as held, definitively or by a Plt.
    pub fn redact(&self, record: &mut Record, sees_nip: impl Fn(&str) -> bool) {
        if matches!(self, Visibility::All) || record.kind != RecordKind::Slot {
            return;
        }
        let holder = record
            .data
            .get_mut("holder")
            .and_then(|h| h.as_object_mut());
        if let Some(holder) = holder {
            let hidden = holder
                .get("nip")
                .and_then(|n| n.as_str())
                .is_some_and(|n| !sees_nip(n));
            if hidden {
                holder.remove("nip");
            }
        }
    }
}

/// Reference data every account may pull: units, positions, rules.
pub fn is_reference(kind: RecordKind) -> bool {
    matches!(
        kind,
        RecordKind::Unit | RecordKind::Position | RecordKind::Rules
    )
}

/// Who acts, for checks and the audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Account id (empty for the command line).
    pub user_id: String,
    /// Account name (or `cli`).
    pub username: String,
    /// Role.
    pub role: Role,
}

impl Actor {
    /// The actor of a signed-in account.
    pub fn of(user: &User) -> Actor {
        Actor {
            user_id: user.id.clone(),
            username: user.username.clone(),
            role: user.role,
        }
    }
}

/// An audit entry for actions outside sync (accounts, imports).
#[derive(Debug, Clone, PartialEq)]
pub struct NewAudit {
    /// Who.
    pub actor: Actor,
    /// What kind of action, e.g. `user_add`.
    pub action: String,
    /// What was touched, e.g. `user/budi`.
    pub target: String,
    /// Why.
    pub reason: Option<String>,
    /// Details (never a password).
    pub change: serde_json::Value,
    /// The employee concerned, if any (audit filter).
    pub nip: Option<String>,
    /// The OPD touched (audit filter).
    pub opd: Vec<String>,
}

/// What a checked op writes: its target record, other records it changes in the same
/// transaction (an inauguration: the employee and both slots), and the audit filter columns.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Checked {
    /// The target record's new content and visibility.
    pub write: Write,
    /// Other records written at their current version + 1, each with a new sequence number.
    /// Writing any of them changes the dataset the checks run on (the generation is bumped).
    pub also: Vec<NewRecord>,
    /// The employee the op concerns (audit filter).
    pub nip: Option<String>,
    /// The OPD it touches (audit filter).
    pub opd: Vec<String>,
}

/// Checks the ops of a push, inside the push's transaction: [`OpCheck::admit`] before the
/// version check, [`OpCheck::check`] after it.
pub trait OpCheck: Send + Sync + 'static {
    /// The generation of the data the checks run on; the store refuses the push with
    /// [`StoreError::Stale`] when the committed generation, read under the writers' lock, is
    /// another one (an inauguration or an import committed meanwhile).
    fn generation(&self) -> i64;
    /// Whether the caller may take `op` on its target at all (role, scope, desk), decided
    /// before the version is compared, so that a refusal tells nothing about the target.
    fn admit(&self, index: usize, op: &Op, current: Option<&StoredRecord>)
        -> Result<(), OpRefusal>;
    /// Whether the caller may see `record` (a 409 carries the server's record only then).
    fn may_see(&self, record: &StoredRecord) -> bool;
    /// Other records the op reads besides its target (e.g. an inauguration: the employee and the
    /// slots); the store fetches them in the transaction for [`OpCheck::check`].
    fn reads(&self, op: &Op, current: Option<&StoredRecord>) -> Vec<(RecordKind, String)>;
    /// `(index, op, current target, the records of reads)` → what to write, or why not.
    fn check(
        &self,
        index: usize,
        op: &Op,
        current: Option<&StoredRecord>,
        reads: &[Option<StoredRecord>],
    ) -> Result<Checked, OpRefusal>;
}

/// The store's operations; everything the server and the CLI need, nothing more.
#[async_trait]
pub trait Storage: Send + Sync + fmt::Debug {
    /// The backend's name (`sqlite`, `postgres`).
    fn kind(&self) -> &'static str;
    /// Checks that the database answers; returns the schema version.
    async fn ping(&self) -> Result<i64, StoreError>;

    /// Creates an account; [`StoreError::AlreadyExists`] when the name is taken.
    async fn create_user(&self, user: &User) -> Result<(), StoreError>;
    /// An account by name.
    async fn user_by_name(&self, username: &str) -> Result<User, StoreError>;
    /// Enabled administrator accounts.
    async fn count_admins(&self) -> Result<u64, StoreError>;
    /// Replaces an account's password hash and ends its sessions.
    async fn set_password(&self, username: &str, password_hash: &str) -> Result<(), StoreError>;
    /// Disables (or enables) an account; disabling ends its sessions.
    async fn set_disabled(&self, username: &str, disabled: bool) -> Result<(), StoreError>;
    /// A planner's new scope; ends the account's sessions (its devices log in again, and a
    /// narrower scope empties their copy).
    async fn set_scope(
        &self,
        username: &str,
        scope: &mutasi_core::wire::auth::Scope,
    ) -> Result<(), StoreError>;

    /// A new role, NIP and scope (admins, `/api/admin/accounts`); ends the account's sessions
    /// like [`Storage::set_scope`].
    async fn set_access(
        &self,
        username: &str,
        role: Role,
        nip: Option<&Nip>,
        scope: Option<&Scope>,
    ) -> Result<(), StoreError>;
    /// Every account, by username, with its pending activation and last login.
    async fn list_users(&self) -> Result<Vec<UserRow>, StoreError>;
    /// Creates accounts that wait for their activation (no password; `(user, hash of its
    /// code)`, each code expiring at `expires_at`, Unix seconds of the database's clock), in
    /// one transaction. An account whose name is taken or whose NIP already has an account is
    /// left out; returns the usernames created.
    async fn create_pending_users(
        &self,
        users: &[(User, String)],
        expires_at: i64,
    ) -> Result<Vec<String>, StoreError>;
    /// Gives an account a new activation code (a reset): its password stops working and its
    /// sessions end.
    async fn set_activation(
        &self,
        username: &str,
        code_hash: &str,
        expires_at: i64,
    ) -> Result<(), StoreError>;
    /// The account's pending activation code (its hash and expiry), if any.
    async fn pending_activation(&self, username: &str) -> Result<Option<PendingCode>, StoreError>;
    /// Sets the password and burns the code, if `code_hash` is still the account's pending,
    /// unexpired code and the account is enabled; `false` otherwise (nothing changed).
    async fn activate(
        &self,
        username: &str,
        code_hash: &str,
        password_hash: &str,
    ) -> Result<bool, StoreError>;

    /// Stores a session under the hash of its token, expiring at `expires_at` (Unix seconds of
    /// the database's clock, see [`Storage::now`]).
    async fn create_session(
        &self,
        token_hash: &str,
        user_id: &str,
        expires_at: i64,
    ) -> Result<(), StoreError>;
    /// The enabled account of a session unexpired by the database's clock, else NotFound.
    async fn session_user(&self, token_hash: &str) -> Result<User, StoreError>;
    /// Ends a session.
    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError>;

    /// The database's clock, Unix milliseconds: one clock for every server process.
    async fn now(&self) -> Result<i64, StoreError>;
    /// A login attempt on the throttle counter `key` under `policy`, counted atomically
    /// (every process shares it): [`throttle::Step::Write`] when it may go ahead (it is counted
    /// as a failure until [`Storage::throttle_success`]), else when it may be tried again.
    async fn throttle_attempt(
        &self,
        key: &str,
        policy: &throttle::Policy,
    ) -> Result<throttle::Step, StoreError>;
    /// A successful login takes its attempt back (`clear`: the counter is emptied).
    async fn throttle_success(
        &self,
        key: &str,
        policy: &throttle::Policy,
        clear: bool,
    ) -> Result<(), StoreError>;
    /// Forgets counters not touched for `age` seconds and not blocking any more.
    async fn throttle_prune(&self, age: i64) -> Result<u64, StoreError>;

    /// Upserts records: new ones get version 1, changed ones version + 1, each a new sequence
    /// number; unchanged ones are left alone. Returns how many changed.
    async fn import(&self, records: Vec<NewRecord>, actor: &Actor) -> Result<u64, StoreError> {
        self.import_from(&mut records.into_iter(), actor, &ImportOptions::default())
            .await
    }
    /// [`Storage::import`] from an iterator, consumed as it is written, in one transaction,
    /// with one audit entry; see [`ImportOptions`] for seeding an empty store once and for a
    /// load that must land on the data it was checked against.
    async fn import_from(
        &self,
        records: &mut (dyn Iterator<Item = NewRecord> + Send),
        actor: &Actor,
        opts: &ImportOptions,
    ) -> Result<u64, StoreError>;
    /// Bumped by every change that the rule checks read: an import that changed something, an
    /// inauguration (the dataset cache's key).
    async fn generation(&self) -> Result<i64, StoreError>;
    /// The last sequence number and the generation, read together.
    async fn sync_state(&self) -> Result<SyncState, StoreError>;
    /// Records of `kinds` with `after` < seq ≤ `upto`, oldest first, at most `limit`, their data
    /// as stored text (decoded by the caller straight into its types).
    async fn raw_records(
        &self,
        kinds: &[RecordKind],
        after: u64,
        upto: u64,
        limit: u32,
    ) -> Result<Vec<RawRecord>, StoreError>;
    /// Every record of these kinds.
    async fn records_of(&self, kinds: &[RecordKind]) -> Result<Vec<Record>, StoreError>;
    /// One record, with its visibility columns.
    async fn record(&self, kind: RecordKind, id: &str) -> Result<StoredRecord, StoreError>;
    /// How many records there are (all kinds).
    async fn count_records(&self) -> Result<u64, StoreError>;
    /// The last sequence number handed out.
    async fn last_seq(&self) -> Result<u64, StoreError>;

    /// Records visible to the caller with `seq` > `since`, one page; with `count`, how many
    /// remain after it (`PullResponse::remaining`).
    async fn pull(
        &self,
        visibility: &Visibility,
        since: u64,
        limit: u32,
        count: bool,
    ) -> Result<PullResponse, StoreError>;
    /// Applies a batch of ops, all or none, checked by `check` on the data as committed (a
    /// push may share its transaction with other pushes waiting at the same time, each in its
    /// own savepoint: see `db::sql::push`).
    async fn push(
        &self,
        actor: &Actor,
        ops: &[Op],
        check: std::sync::Arc<dyn OpCheck>,
    ) -> Result<Vec<OpResult>, StoreError>;

    /// Appends an audit entry for an action outside sync.
    async fn append_audit(&self, entry: &NewAudit) -> Result<(), StoreError>;
    /// Audit entries with id > `since` that pass `filter`, oldest first.
    async fn audit(
        &self,
        filter: &AuditFilter,
        since: u64,
        limit: u32,
    ) -> Result<AuditPage, StoreError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_debug_hides_the_hash() {
        let u = User {
            id: "1".into(),
            username: "a".into(),
            password_hash: "$argon2id$secret".into(),
            role: Role::Admin,
            nip: None,
            scope: None,
            disabled: false,
        };
        assert!(!format!("{u:?}").contains("secret"));
    }
}
