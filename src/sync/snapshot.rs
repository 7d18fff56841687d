//! The first sync of a device with nothing stored: the caller's snapshot
//! ([`mutasi_core::wire::snapshot`]) read as it arrives, its blocks decoded and turned into
//! stored lines ([`records::StoredLine`]) in tasks of about [`records::SLICE_MS`], written a few
//! thousand records per transaction ([`WRITE_RECORDS`]) while the rest is still on the wire,
//! keeping the id shards between the transactions ([`records::ShardCache`]), then the cursor its
//! tail names. No step is a long task of the main thread (issue 20; figures in
//! docs/BENCHMARKS.md). A snapshot cut short (no tail) leaves the cursor at 0, so the next sync
//! starts it again (writing a record twice is harmless: the same version replaces itself).

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

/// Most bytes of a network chunk copied into wasm and split into lines in one step.
const PIECE_BYTES: u32 = 64 * 1024;

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
        // A new task (the network's): slices are timed from here.
        let slice = records::Slice::start();
        let chunk = Uint8Array::new(&read.get_value());
        let length = chunk.length();
        done.bytes += u64::from(length);
        // A chunk can be megabytes on a fast link: copied into wasm and split into lines a
        // piece at a time.
        for from in (0..length).step_by(PIECE_BYTES as usize) {
            let piece = chunk
                .subarray(from, length.min(from + PIECE_BYTES))
                .to_vec();
            for line in lines.push(&piece).map_err(decode)? {
                if cursor.is_some() {
                    return Err(broken("a line after the tail"));
                }
                let read = read_line(number, &line).map_err(decode)?;
                drop(line);
                slice.check().await;
                match read {
                    Line::Head(head) => done.total = Some(head.total),
                    Line::Block(block) => {
                        let decoded = block.records().map_err(decode)?;
                        slice.check().await;
                        for record in decoded {
                            batch.push(records::StoredLine::from_record(record)?);
                            slice.check().await;
                        }
                    }
                    Line::Tail(tail) => cursor = Some(tail.cursor),
                }
                number += 1;
            }
            slice.check().await;
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
    batch: &mut Vec<records::StoredLine>,
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
