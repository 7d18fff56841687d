//! Bookkeeping values in the `meta` store (string keys, string values).

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};

use super::schema::META;
use super::StoreError;

/// When the cache last completed a sync (RFC 3339); absent if never.
pub const LAST_SYNCED: &str = "last_synced";
/// The server's sync cursor the cache has applied up to; absent means 0.
pub const SYNC_CURSOR: &str = "sync_cursor";

/// Writes one bookkeeping value, in its own committed transaction.
pub async fn put_meta(db: &Database, key: &str, value: &str) -> Result<(), StoreError> {
    let tx = db
        .transaction(META)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    put_meta_in(&tx, key, value).await?;
    tx.commit().await?;
    Ok(())
}

/// Writes one bookkeeping value inside a caller's read-write transaction that includes `meta`.
pub async fn put_meta_in(tx: &Transaction<'_>, key: &str, value: &str) -> Result<(), StoreError> {
    tx.object_store(META)?
        .put(value.to_string())
        .with_key(key.to_string())
        .primitive()?
        .await?;
    Ok(())
}

/// Reads one bookkeeping value.
pub async fn get_meta(db: &Database, key: &str) -> Result<Option<String>, StoreError> {
    let tx = db.transaction(META).build()?;
    let store = tx.object_store(META)?;
    let value: Option<String> = store.get(key.to_string()).primitive()?.await?;
    Ok(value)
}

/// Removes one bookkeeping value.
pub async fn delete_meta(db: &Database, key: &str) -> Result<(), StoreError> {
    let tx = db
        .transaction(META)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    tx.object_store(META)?
        .delete(key.to_string())
        .primitive()?
        .await?;
    tx.commit().await?;
    Ok(())
}
