//! The first sync of a device with nothing stored: the caller's snapshot
//! ([`mutasi_core::wire::snapshot`]) read as it arrives, its blocks decoded and written a few
//! thousand records per transaction ([`WRITE_RECORDS`]) while the rest is still on the wire,
//! keeping the id shards between the transactions ([`records::ShardCache`]), then the cursor
//! its tail names. A
//! snapshot cut short (no tail) leaves the cursor at 0, so the next sync starts it again (writing a record twice
//! is harmless: the same version replaces itself).

use indexed_db_futures::database::Database;
use js_sys::Uint8Array;
use mutasi_core::wire::snapshot::{read_line, Line, LineBuffer, SnapshotError};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, ReadableStreamReadResult};

use super::execute::{Progress, PullProgress, SyncError, SyncReport};
use crate::api::{self, ApiError};
use crate::store::{self, records};

/// Records decoded before they are written in one transaction: each write rewrites the id
/// shards its records touch (all of them, for a block of new ids), so fewer, larger writes
/// cost less; a progress step is one write.
pub const WRITE_RECORDS: usize = 4_000;

/// Stores the caller's snapshot and returns the progress it made; `Ok(None)` when the server
/// has none (an older server: pull page by page).
pub async fn pull(
    db: &Database,
    token: &str,
    report: &mut SyncReport,
    progress: Progress<'_>,
) -> Result<Option<PullProgress>, SyncError> {
    let Some(response) = api::snapshot(token).await? else {
        return Ok(None);
    };
    let reader: ReadableStreamDefaultReader = response
        .body()
        .ok_or_else(|| broken("no body"))?
        .get_reader()
        .unchecked_into();
    let mut lines = LineBuffer::default();
    let mut number = 0;
    let mut cursor = None;
    let mut done = PullProgress::default();
    let mut shards = records::ShardCache::default();
    let mut batch = Vec::new();
    loop {
        let read: ReadableStreamReadResult = JsFuture::from(reader.read())
            .await
            .map_err(|e| ApiError::Transport(format!("{e:?}")))?
            .unchecked_into();
        if read.get_done().unwrap_or(true) {
            break;
        }
        let chunk = Uint8Array::new(&read.get_value()).to_vec();
        done.bytes += chunk.len() as u64;
        for line in lines.push(&chunk).map_err(decode)? {
            if cursor.is_some() {
                return Err(broken("a line after the tail"));
            }
            match read_line(number, &line).map_err(decode)? {
                Line::Head(head) => done.total = Some(head.total),
                Line::Block(block) => batch.extend(block.records().map_err(decode)?),
                Line::Tail(tail) => cursor = Some(tail.cursor),
            }
            number += 1;
        }
        if batch.len() >= WRITE_RECORDS {
            write(db, &mut batch, &mut shards, &mut done, report, progress).await?;
        }
    }
    write(db, &mut batch, &mut shards, &mut done, report, progress).await?;
    let Some(cursor) = cursor.filter(|_| !lines.has_rest()) else {
        return Err(broken(&format!("{} records, no tail", done.received)));
    };
    store::put_meta(db, store::SYNC_CURSOR, &cursor.to_string()).await?;
    report.cursor = cursor;
    Ok(Some(done))
}

/// Writes the decoded `batch` (emptied) and reports the progress.
async fn write(
    db: &Database,
    batch: &mut Vec<mutasi_core::wire::sync::Record>,
    shards: &mut records::ShardCache,
    done: &mut PullProgress,
    report: &mut SyncReport,
    progress: Progress<'_>,
) -> Result<(), SyncError> {
    if batch.is_empty() {
        return Ok(());
    }
    records::put_page_kept(db, batch, None, shards).await?;
    done.received += batch.len() as u64;
    // Records written while the snapshot streamed come on top of the head's count.
    done.total = done.total.map(|t| t.max(done.received));
    report.pulled += batch.len();
    progress(*done);
    batch.clear();
    Ok(())
}

fn decode(e: SnapshotError) -> SyncError {
    SyncError::Api(ApiError::Decode(e.to_string()))
}

/// A snapshot that ended before it was whole (the connection dropped): retried like any
/// transport failure.
fn broken(what: &str) -> SyncError {
    SyncError::Api(ApiError::Transport(format!("snapshot cut short: {what}")))
}
