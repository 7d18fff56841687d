//! The browser's local copy of the data, in IndexedDB (indexed_db_futures 0.6).
//!
//! Schema version 1 holds one object store, `meta` (out-of-line string keys, string values), for
//! bookkeeping such as when the cache last synced. Later versions add the synced records and the
//! outbox; each version's upgrade step lives in [`upgrade`] so older databases migrate in place.
//!
//! Remember: an indexed_db_futures transaction rolls back unless `commit()` is awaited.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;

/// The name of the app's IndexedDB database.
pub const DB_NAME: &str = "mutasi";
/// The schema version this build expects.
pub const SCHEMA_VERSION: u32 = 1;
/// Object store for bookkeeping values.
pub const META: &str = "meta";
/// `meta` key: when the cache last completed a sync (RFC 3339), absent if never.
pub const LAST_SYNCED: &str = "last_synced";

/// A failure of the local store, with the browser's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Penyimpanan lokal gagal / Local storage failed: {}",
            self.0
        )
    }
}

impl From<indexed_db_futures::error::Error> for StoreError {
    fn from(err: indexed_db_futures::error::Error) -> Self {
        StoreError(err.to_string())
    }
}

/// Opens (creating or migrating) the database named `name`.
pub async fn open(name: &str) -> Result<Database, StoreError> {
    Database::open(name)
        .with_version(SCHEMA_VERSION)
        .with_on_upgrade_needed(|event, db| {
            upgrade(&db, event.old_version() as u32)?;
            Ok(())
        })
        .await
        .map_err(|e| StoreError(format!("{e:?}")))
}

/// Applies every schema step after `old_version`, in order.
fn upgrade(db: &Database, old_version: u32) -> indexed_db_futures::Result<()> {
    if old_version < 1 {
        db.create_object_store(META).build()?;
    }
    Ok(())
}

/// Writes one bookkeeping value, in its own committed transaction.
pub async fn put_meta(db: &Database, key: &str, value: &str) -> Result<(), StoreError> {
    let tx = db
        .transaction(META)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let store = tx.object_store(META)?;
    store
        .put(value.to_string())
        .with_key(key.to_string())
        .primitive()?
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Reads one bookkeeping value.
pub async fn get_meta(db: &Database, key: &str) -> Result<Option<String>, StoreError> {
    let tx = db.transaction(META).build()?;
    let store = tx.object_store(META)?;
    let value: Option<String> = store.get(key.to_string()).primitive()?.await?;
    Ok(value)
}
