//! Local changes waiting to be pushed, oldest first.
//!
//! [`enqueue`] writes the op and the locally changed record in one transaction, so a crash or a
//! reload can never keep one without the other. An op id is unique: enqueuing the same op twice
//! fails and changes nothing.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use mutasi_core::wire::sync::{Op, Record};
use serde::{Deserialize, Serialize};

use super::meta::{put_meta_in, SYNC_CURSOR};
use super::records::{self, Layout, LAYOUT_STORES};
use super::schema::{CONFLICTS, META, OUTBOX};
use super::StoreError;

/// One pending change as stored in the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// The op's client id (UUID v7), indexed uniquely.
    pub op_id: String,
    /// The op to push.
    pub op: Op,
    /// When it was made on this device (RFC 3339).
    pub queued_at: String,
}

/// A change the server refused because the record changed meanwhile; kept until resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictEntry {
    /// The op's client id.
    pub op_id: String,
    /// The refused op.
    pub op: Op,
    /// The server's current record at the time (None: it no longer exists or was not sent).
    pub current: Option<Record>,
    /// Why the server refused it, for the user (entries parked before the interface had one
    /// language at a time: "Indonesian / English").
    #[serde(default)]
    pub reason: Option<String>,
    /// Why the server refused it, in both languages (shown with `lang::pick`).
    #[serde(default)]
    pub why: Option<mutasi_core::text::Text>,
}

/// Queues `op` and writes `local` (the record as changed on this device), atomically.
pub async fn enqueue(
    db: &Database,
    op: &Op,
    local: Option<&Record>,
    queued_at: &str,
) -> Result<(), StoreError> {
    queue(db, op, local, queued_at, None).await
}

/// A read-write transaction over the outbox, the conflicts and the record stores: what moves an
/// op between them together with its local copy.
fn outbox_tx(db: &Database) -> Result<Transaction<'_>, StoreError> {
    let [chunks, ids, kinds] = LAYOUT_STORES;
    Ok(db
        .transaction([OUTBOX, CONFLICTS, chunks, ids, kinds])
        .with_mode(TransactionMode::Readwrite)
        .build()?)
}

/// In one transaction: writes `local`, adds `op` to the outbox and, when it resolves one,
/// removes the conflict `resolved`.
async fn queue(
    db: &Database,
    op: &Op,
    local: Option<&Record>,
    queued_at: &str,
    resolved: Option<&str>,
) -> Result<(), StoreError> {
    let tx = outbox_tx(db)?;
    let entry = OutboxEntry {
        op_id: op.id.clone(),
        op: op.clone(),
        queued_at: queued_at.to_string(),
    };
    records::write(&Layout::of(&tx)?, local).await?;
    tx.object_store(OUTBOX)?.add(&entry).serde()?.await?;
    if let Some(op_id) = resolved {
        tx.object_store(CONFLICTS)?
            .delete(op_id.to_string())
            .primitive()?
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Every pending entry with its outbox key, oldest first.
pub async fn pending(db: &Database) -> Result<Vec<(u32, OutboxEntry)>, StoreError> {
    let tx = db.transaction(OUTBOX).build()?;
    let store = tx.object_store(OUTBOX)?;
    let keys = store
        .get_all_keys::<u32>()
        .primitive()?
        .await?
        .collect::<Result<Vec<_>, _>>()?;
    let entries = store
        .get_all::<OutboxEntry>()
        .serde()?
        .await?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(keys.into_iter().zip(entries).collect())
}

/// How many changes wait to be pushed.
pub async fn pending_count(db: &Database) -> Result<u32, StoreError> {
    let tx = db.transaction(OUTBOX).build()?;
    let n = tx.object_store(OUTBOX)?.count().primitive()?.await?;
    Ok(n)
}

/// Removes pushed entries (acknowledged by the server), in one transaction.
pub async fn remove(db: &Database, keys: &[u32]) -> Result<(), StoreError> {
    let tx = db
        .transaction(OUTBOX)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let store = tx.object_store(OUTBOX)?;
    for key in keys {
        store.delete(*key).primitive()?;
    }
    tx.commit().await?;
    Ok(())
}

/// Moves a refused entry from the outbox to the conflicts and, when the server sent its current
/// record, replaces the local copy with it, in one transaction.
pub async fn to_conflict(
    db: &Database,
    key: u32,
    conflict: &ConflictEntry,
) -> Result<(), StoreError> {
    let tx = outbox_tx(db)?;
    records::write(&Layout::of(&tx)?, &conflict.current).await?;
    tx.object_store(CONFLICTS)?.put(conflict).serde()?.await?;
    tx.object_store(OUTBOX)?.delete(key).primitive()?.await?;
    tx.commit().await?;
    Ok(())
}

/// Every unresolved conflict.
pub async fn conflicts(db: &Database) -> Result<Vec<ConflictEntry>, StoreError> {
    let tx = db.transaction(CONFLICTS).build()?;
    let entries = tx
        .object_store(CONFLICTS)?
        .get_all::<ConflictEntry>()
        .serde()?
        .await?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(entries)
}

/// How many conflicts wait for the user (counted, not read).
pub async fn conflict_count(db: &Database) -> Result<u32, StoreError> {
    let tx = db.transaction(CONFLICTS).build()?;
    let n = tx.object_store(CONFLICTS)?.count().primitive()?.await?;
    Ok(n)
}

/// Resolves a conflict by keeping the server's version: forgets the refused change `op_id`.
///
/// The server's copy is already stored when the conflict came with it. A change refused by a
/// rule came without it, so the device still holds its own changed copy: `rewind_to` then moves
/// the sync cursor back (never forward) so the next pull brings the server's copy again. Both in
/// one transaction.
pub async fn discard_conflict(
    db: &Database,
    op_id: &str,
    rewind_to: Option<u64>,
) -> Result<(), StoreError> {
    let tx = db
        .transaction([CONFLICTS, META])
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    tx.object_store(CONFLICTS)?
        .delete(op_id.to_string())
        .primitive()?
        .await?;
    if let Some(to) = rewind_to {
        let cursor: Option<String> = tx
            .object_store(META)?
            .get(SYNC_CURSOR.to_string())
            .primitive()?
            .await?;
        let cursor = cursor.and_then(|c| c.parse::<u64>().ok()).unwrap_or(0);
        if to < cursor {
            put_meta_in(&tx, SYNC_CURSOR, &to.to_string()).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Resolves a conflict by applying the change again on the server's version: removes the
/// conflict `op_id`, queues `op` (a new op id, based on the server's version) and writes `local`,
/// all in one transaction.
pub async fn requeue_conflict(
    db: &Database,
    op_id: &str,
    op: &Op,
    local: Option<&Record>,
    queued_at: &str,
) -> Result<(), StoreError> {
    queue(db, op, local, queued_at, Some(op_id)).await
}
