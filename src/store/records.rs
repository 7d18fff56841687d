//! The synced records: one object store keyed by `[kind, id]`, with an index on `kind`.
//!
//! Each record is stored as a small [`Row`] whose payload is the record's JSON text: handing the
//! browser one string per record is several times faster than converting a nested object field
//! by field (see docs/BENCHMARKS.md), and JSON parsing in wasm is fast.

use std::collections::HashSet;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyRange;
use mutasi_core::wire::sync::{Record, RecordKind};

use super::meta::{put_meta_in, SYNC_CURSOR};
use super::outbox::OutboxEntry;
use super::schema::{BY_KIND, META, OUTBOX, RECORDS};
use super::StoreError;

/// A record as stored: the key fields in the clear (for the key path and the index), the
/// record's data as JSON text.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Row {
    pub kind: RecordKind,
    pub id: String,
    pub version: u64,
    pub seq: u64,
    pub json: String,
}

impl Row {
    pub fn from_record(record: &Record) -> Row {
        Row {
            kind: record.kind,
            id: record.id.clone(),
            version: record.version,
            seq: record.seq,
            json: record.data.to_string(),
        }
    }

    pub fn into_record(self) -> Result<Record, StoreError> {
        let data = serde_json::from_str(&self.json)
            .map_err(|e| StoreError(format!("record {}/{}: {e}", self.kind.as_str(), self.id)))?;
        Ok(Record {
            kind: self.kind,
            id: self.id,
            version: self.version,
            seq: self.seq,
            data,
        })
    }
}

/// Writes `records` and, when given, the new sync cursor, all in one transaction: after a crash
/// either the whole page and its cursor are there, or neither is.
///
/// A record with a change still waiting in the outbox is not overwritten: the device keeps its
/// own newer copy until the change is pushed (its result comes back in a later pull) or parked as
/// a conflict (which writes the server's copy). Reading the outbox inside the same transaction
/// means no local change can slip in between.
pub async fn put_page(
    db: &Database,
    records: &[Record],
    cursor: Option<u64>,
) -> Result<(), StoreError> {
    let tx = db
        .transaction([RECORDS, META, OUTBOX])
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let pending: HashSet<(RecordKind, String)> = tx
        .object_store(OUTBOX)?
        .get_all::<OutboxEntry>()
        .serde()?
        .await?
        .map(|entry| entry.map(|e| e.op.change.target()))
        .collect::<Result<_, _>>()?;
    let store = tx.object_store(RECORDS)?;
    for record in records {
        if pending.contains(&(record.kind, record.id.clone())) {
            continue;
        }
        // Requests go out when built; awaiting each one would cost a round trip per record.
        store.put(Row::from_record(record)).serde()?;
    }
    if let Some(cursor) = cursor {
        put_meta_in(&tx, SYNC_CURSOR, &cursor.to_string()).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// One record by kind and id.
pub async fn get(db: &Database, kind: RecordKind, id: &str) -> Result<Option<Record>, StoreError> {
    let tx = db.transaction(RECORDS).build()?;
    let store = tx.object_store(RECORDS)?;
    let key = KeyRange::Only((kind.as_str(), id));
    let row: Option<Row> = store.get(key).serde()?.await?;
    row.map(Row::into_record).transpose()
}

/// Every record of one kind, through the `kind` index.
pub async fn all_of_kind(db: &Database, kind: RecordKind) -> Result<Vec<Record>, StoreError> {
    let tx = db.transaction(RECORDS).build()?;
    let store = tx.object_store(RECORDS)?;
    let index = store.index(BY_KIND)?;
    let rows = index
        .get_all::<Row>()
        .with_query(kind.as_str().to_string())
        .serde()?
        .await?;
    rows.map(|row| row?.into_record()).collect()
}

/// How many records of one kind the cache holds.
pub async fn count_of_kind(db: &Database, kind: RecordKind) -> Result<u32, StoreError> {
    let tx = db.transaction(RECORDS).build()?;
    let store = tx.object_store(RECORDS)?;
    let index = store.index(BY_KIND)?;
    let n = index
        .count()
        .with_query(kind.as_str().to_string())
        .primitive()?
        .await?;
    Ok(n)
}
