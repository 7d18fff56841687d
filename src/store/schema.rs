//! Object stores, indexes and migrations.
//!
//! | version | change |
//! |---|---|
//! | 1 | `meta` (out-of-line string keys, string values) |
//! | 2 | `records` (key `[kind, id]`, index `kind`), `outbox` (auto-increment key, unique index `op_id`), `conflicts` (key `op_id`) |
//!
//! Each step only adds; data of earlier versions stays where it was.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyPath;

use super::StoreError;

/// The name of the app's IndexedDB database.
pub const DB_NAME: &str = "mutasi";
/// The schema version this build expects.
pub const SCHEMA_VERSION: u32 = 2;

/// Bookkeeping values.
pub const META: &str = "meta";
/// Synced records, keyed by `[kind, id]`.
pub const RECORDS: &str = "records";
/// Index of [`RECORDS`] on `kind`.
pub const BY_KIND: &str = "kind";
/// Pending local changes, in the order they were made.
pub const OUTBOX: &str = "outbox";
/// Unique index of [`OUTBOX`] on the op's client id.
pub const BY_OP_ID: &str = "op_id";
/// Changes the server refused as conflicts, kept until the user resolves them.
pub const CONFLICTS: &str = "conflicts";

/// Opens (creating or migrating) the database named `name` at [`SCHEMA_VERSION`].
pub async fn open(name: &str) -> Result<Database, StoreError> {
    open_at_version(name, SCHEMA_VERSION).await
}

/// Opens the database at an explicit version; tests use it to create an older schema.
pub async fn open_at_version(name: &str, version: u32) -> Result<Database, StoreError> {
    Database::open(name)
        .with_version(version)
        .with_on_upgrade_needed(move |event, db| {
            let old = event.old_version() as u32;
            let new = event.new_version().map_or(version, |v| v as u32);
            upgrade(&db, old, new)
        })
        .await
        .map_err(|e| StoreError(format!("{e:?}")))
}

/// Applies every schema step after `old` up to `new`, in order.
fn upgrade(db: &Database, old: u32, new: u32) -> indexed_db_futures::Result<()> {
    if old < 1 && new >= 1 {
        db.create_object_store(META).build()?;
    }
    if old < 2 && new >= 2 {
        let records = db
            .create_object_store(RECORDS)
            .with_key_path(KeyPath::from(["kind", "id"]))
            .build()?;
        records
            .create_index(BY_KIND, KeyPath::from("kind"))
            .build()?;
        let outbox = db
            .create_object_store(OUTBOX)
            .with_auto_increment(true)
            .build()?;
        outbox
            .create_index(BY_OP_ID, KeyPath::from("op_id"))
            .with_unique(true)
            .build()?;
        db.create_object_store(CONFLICTS)
            .with_key_path(KeyPath::from("op_id"))
            .build()?;
    }
    Ok(())
}
