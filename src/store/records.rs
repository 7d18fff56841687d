//! The synced records, stored in pages of up to [`CHUNK_ROWS`] records per IndexedDB value.
//!
//! Chromium's IndexedDB costs about the same per value whatever its size, so one value per
//! record made writing and reading the city (~20k employees) take a second or more; a few
//! hundred records per value make it a few dozen values (figures in docs/BENCHMARKS.md).
//!
//! Three object stores (schema version 3, see [`super::schema`]), all with out-of-line keys:
//!
//! - `chunks`, key `[kind, n]`: page `n` of a kind, the records as JSON lines (one compact
//!   [`Record`] JSON text per line; compact JSON never contains a raw newline). Records are
//!   appended to a kind's last page in the order they arrive, which for a pull is `seq` order, so
//!   a pulled page of new records touches only the last page and new ones. A changed record is
//!   rewritten in place, on its line. Records are never deleted (sync has no deletions).
//! - `ids`, key `[kind, shard]`: where each record lives, `{"id": [n, line]}` as JSON text, in
//!   [`ID_SHARDS`] shards per kind chosen by a stable hash of the id; getting one record reads one
//!   shard and one page.
//! - `kinds`, key `kind`: a kind's [`Directory`] (record count, page count, length of the last
//!   page), so counting is one small read.
//!
//! Every write (a pulled page, a local change, a conflict's server copy) goes through [`write`]
//! inside its caller's transaction, so it stays atomic with the cursor or the outbox entry.

use std::collections::{BTreeMap, HashMap, HashSet};

use indexed_db_futures::database::Database;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{TransactionMode, TransactionRef};
use indexed_db_futures::KeyRange;
use mutasi_core::wire::sync::{Record, RecordKind};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::meta::{put_meta_in, SYNC_CURSOR};
use super::outbox::OutboxEntry;
use super::schema::{CHUNKS, IDS, KINDS, META, OUTBOX};
use super::StoreError;

/// Most records in one page.
pub const CHUNK_ROWS: u32 = 256;
/// Shards of a kind's id → place map.
pub const ID_SHARDS: u32 = 64;

/// Bookkeeping of one kind, the value in `kinds`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Directory {
    /// Records of the kind.
    pub count: u32,
    /// Pages of the kind, numbered `0..chunks`.
    pub chunks: u32,
    /// Records in the last page.
    pub last_len: u32,
    /// Changes with every write of the kind (the writing time in ms, or one more than the last
    /// revision if the clock went back): a reader that kept a decoded copy compares it with the
    /// one it read ([`stamp`]) instead of reading every page again.
    #[serde(default)]
    pub revision: f64,
}

/// Where a record lives: page number and line in the page.
type Place = (u32, u32);
/// One shard of a kind's id map.
type Shard = BTreeMap<String, Place>;

/// The three stores of the record layout, taken from one transaction.
pub(crate) struct Layout<'a> {
    chunks: ObjectStore<'a>,
    ids: ObjectStore<'a>,
    kinds: ObjectStore<'a>,
}

impl<'a> Layout<'a> {
    /// The stores from a read-write transaction that includes [`LAYOUT_STORES`].
    pub(crate) fn of(tx: &'a TransactionRef<'a>) -> Result<Layout<'a>, StoreError> {
        Ok(Layout {
            chunks: tx.object_store(CHUNKS)?,
            ids: tx.object_store(IDS)?,
            kinds: tx.object_store(KINDS)?,
        })
    }
}

/// The stores a transaction needs to write records with [`write`].
pub(crate) const LAYOUT_STORES: [&str; 3] = [CHUNKS, IDS, KINDS];

/// The shard of `id`: 32-bit FNV-1a, fixed forever because shards are stored.
fn shard_of(id: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in id.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % ID_SHARDS
}

/// The key `[kind, n]` of a page or a shard.
fn key(kind: RecordKind, n: u32) -> JsValue {
    js_sys::Array::of2(&JsValue::from_str(kind.as_str()), &JsValue::from(n)).into()
}

fn corrupt(what: &str, kind: RecordKind, detail: impl std::fmt::Display) -> StoreError {
    StoreError(format!("{what} of {}: {detail}", kind.as_str()))
}

fn parse_shard(kind: RecordKind, text: Option<String>) -> Result<Shard, StoreError> {
    match text {
        Some(text) => serde_json::from_str(&text).map_err(|e| corrupt("id shard", kind, e)),
        None => Ok(Shard::new()),
    }
}

fn parse_line(kind: RecordKind, line: &str) -> Result<Record, StoreError> {
    serde_json::from_str(line).map_err(|e| corrupt("record", kind, e))
}

/// A record as it is stored: its kind, its id and its line (the compact JSON of the whole
/// [`Record`]). A long series of writes (a first sync's snapshot) turns its records into lines
/// before the write's transaction opens, a slice at a time, because the transaction cannot
/// yield to the event loop (it would commit): inside it are only placing and putting.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredLine {
    /// Kind of the record.
    pub kind: RecordKind,
    /// Id of the record.
    pub id: String,
    /// The record's stored line.
    pub line: String,
}

impl StoredLine {
    /// The line of `record`.
    pub fn of(record: &Record) -> Result<StoredLine, StoreError> {
        Ok(StoredLine {
            kind: record.kind,
            id: record.id.clone(),
            line: line_of(record)?,
        })
    }

    /// The line of `record`, consuming it (its data is freed here, not in one go later).
    pub fn from_record(record: Record) -> Result<StoredLine, StoreError> {
        let line = line_of(&record)?;
        Ok(StoredLine {
            kind: record.kind,
            id: record.id,
            line,
        })
    }
}

fn line_of(record: &Record) -> Result<String, StoreError> {
    serde_json::to_string(record).map_err(|e| corrupt("record", record.kind, e))
}

/// Splits the work inside a transaction into tasks of about [`SLICE_MS`] without leaving it:
/// awaiting one of its requests ends the current task, and the transaction stays active in the
/// task that delivers the result (a yield to the event loop would let it commit).
struct TxSlice {
    since: f64,
}

impl TxSlice {
    fn start() -> Self {
        TxSlice {
            since: js_sys::Date::now(),
        }
    }

    /// Whether the current task has run its slice ([`SLICE_MS`] unless a test set another,
    /// [`set_write_slice_ms`]); the caller then awaits a request and calls [`TxSlice::restart`].
    fn due(&self) -> bool {
        js_sys::Date::now() - self.since >= WRITE_SLICE_MS.get()
    }

    fn restart(&mut self) {
        TASKS_ENDED.set(TASKS_ENDED.get() + 1);
        self.since = js_sys::Date::now();
    }

    /// Ends the task when it has run its slice, with a request of its own (counting the
    /// `kinds` store, a few values): for work that has no request of its own to await.
    async fn check(&mut self, layout: &Layout<'_>) -> Result<(), StoreError> {
        if self.due() {
            layout.kinds.count().primitive()?.await?;
            self.restart();
        }
        Ok(())
    }
}

thread_local! {
    static TASKS_ENDED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    static WRITE_SLICE_MS: std::cell::Cell<f64> = const { std::cell::Cell::new(SLICE_MS) };
}

/// Sets how long a write works inside its transaction before it ends the task ([`TxSlice`]);
/// 0 ends a task after every value it puts. For tests, which need the split to happen whatever
/// the machine's speed.
pub fn set_write_slice_ms(ms: f64) {
    WRITE_SLICE_MS.set(ms);
}

/// How many times writes have ended a task inside their transaction ([`TxSlice`]) since the
/// page started: lets a test see that a long write was split.
pub fn tasks_ended_in_writes() -> u32 {
    TASKS_ENDED.get()
}

/// The id shards a series of writes has read or written, per kind with the kind's directory as
/// it was after them: a long series (a first sync's snapshot) then neither reads nor parses a
/// shard again, which made storing a 100,000-ASN instansi grow with the square of its size. A
/// kind whose stored directory differs from the kept one (another write came in between: its
/// `revision` changed) is read again.
#[derive(Debug, Default)]
pub struct ShardCache(HashMap<RecordKind, (Directory, HashMap<u32, Shard>)>);

/// Writes `records` (adding new ones, replacing known ones in place) inside the transaction
/// `layout` comes from. Nothing is committed here: a later failure in the caller's transaction
/// undoes it all.
pub(crate) async fn write<'r>(
    layout: &Layout<'_>,
    records: impl IntoIterator<Item = &'r Record>,
) -> Result<(), StoreError> {
    let lines = records
        .into_iter()
        .map(StoredLine::of)
        .collect::<Result<Vec<_>, _>>()?;
    write_kept(layout, &lines, &mut ShardCache::default()).await
}

/// [`write`], keeping the shards it reads and writes in `cache` for the next call (which must
/// come after this transaction commits: a failed transaction leaves the cache ahead of the
/// store, so its caller drops the cache).
async fn write_kept<'r>(
    layout: &Layout<'_>,
    records: impl IntoIterator<Item = &'r StoredLine>,
    cache: &mut ShardCache,
) -> Result<(), StoreError> {
    let mut by_kind: BTreeMap<RecordKind, Vec<&StoredLine>> = BTreeMap::new();
    for record in records {
        by_kind.entry(record.kind).or_default().push(record);
    }
    for (kind, records) in by_kind {
        write_kind(layout, kind, &records, cache).await?;
    }
    Ok(())
}

async fn write_kind(
    layout: &Layout<'_>,
    kind: RecordKind,
    records: &[&StoredLine],
    cache: &mut ShardCache,
) -> Result<(), StoreError> {
    let mut slice = TxSlice::start();
    let mut dir: Directory = layout
        .kinds
        .get(kind.as_str())
        .serde()?
        .await?
        .unwrap_or_default();
    let mut shards: HashMap<u32, Shard> = match cache.0.remove(&kind) {
        Some((kept, shards)) if kept == dir => shards,
        _ => HashMap::new(),
    };

    // The shards of every incoming id not kept, with all requests in flight at once.
    let wanted: Vec<u32> = records
        .iter()
        .map(|r| shard_of(&r.id))
        .filter(|s| !shards.contains_key(s))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let requests = wanted
        .iter()
        .map(|&s| layout.ids.get(key(kind, s)).primitive())
        .collect::<Result<Vec<_>, _>>()?;
    for (&s, request) in wanted.iter().zip(requests) {
        shards.insert(s, parse_shard(kind, request.await?)?);
        slice.check(layout).await?;
    }

    // Place every record: a known id keeps its place, a new one goes after the last record.
    let mut edits: BTreeMap<u32, Vec<(u32, &str)>> = BTreeMap::new();
    let mut changed_shards: HashSet<u32> = HashSet::new();
    let (mut last, mut last_len) = match dir.chunks {
        0 => (0, 0),
        n => (n - 1, dir.last_len),
    };
    for (i, record) in records.iter().enumerate() {
        if i % 256 == 255 {
            slice.check(layout).await?;
        }
        let s = shard_of(&record.id);
        let shard = shards.entry(s).or_default();
        let (n, pos) = match shard.get(&record.id) {
            Some(&place) => place,
            None => {
                if last_len == CHUNK_ROWS {
                    last += 1;
                    last_len = 0;
                }
                let place = (last, last_len);
                last_len += 1;
                dir.chunks = last + 1;
                dir.count += 1;
                shard.insert(record.id.clone(), place);
                changed_shards.insert(s);
                place
            }
        };
        edits.entry(n).or_default().push((pos, &record.line));
    }
    dir.last_len = last_len;
    dir.revision = (dir.revision + 1.0).max(js_sys::Date::now());

    // Read the pages being changed (all at once), apply the edits in order, write each back.
    // Requests go out when built; awaiting each one would cost a round trip per value, so one
    // is awaited only to end a task that has run a slice ([`TxSlice`]).
    let existing = edits
        .keys()
        .map(|&n| layout.chunks.get(key(kind, n)).primitive())
        .collect::<Result<Vec<_>, _>>()?;
    for ((&n, lines), request) in edits.iter().zip(existing) {
        let text: Option<String> = request.await?;
        let text = text.unwrap_or_default();
        let mut page: Vec<&str> = if text.is_empty() {
            Vec::new()
        } else {
            text.split('\n').collect()
        };
        for (pos, line) in lines {
            let pos = *pos as usize;
            if pos < page.len() {
                page[pos] = line;
            } else if pos == page.len() {
                page.push(line);
            } else {
                return Err(corrupt("page", kind, format!("{n} has no line {pos}")));
            }
        }
        let put = layout
            .chunks
            .put(page.join("\n"))
            .with_key(key(kind, n))
            .primitive()?;
        if slice.due() {
            put.await?;
            slice.restart();
        }
    }
    for s in changed_shards {
        let text = serde_json::to_string(&shards[&s]).map_err(|e| corrupt("id shard", kind, e))?;
        let put = layout.ids.put(text).with_key(key(kind, s)).primitive()?;
        if slice.due() {
            put.await?;
            slice.restart();
        }
    }
    layout
        .kinds
        .put(&dir)
        .with_key(kind.as_str().to_string())
        .serde()?
        .await?;
    cache.0.insert(kind, (dir, shards));
    Ok(())
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
    let lines = records
        .iter()
        .map(StoredLine::of)
        .collect::<Result<Vec<_>, _>>()?;
    put_page_in(db, &lines, cursor, &mut ShardCache::default()).await
}

/// [`put_page`] for one of a series of pages (a first sync's snapshot) already turned into
/// lines ([`StoredLine`]), keeping the id shards in `cache` between them ([`ShardCache`]). On an
/// error the cache is emptied.
pub async fn put_page_kept(
    db: &Database,
    records: &[StoredLine],
    cursor: Option<u64>,
    cache: &mut ShardCache,
) -> Result<(), StoreError> {
    let written = put_page_in(db, records, cursor, cache).await;
    if written.is_err() {
        *cache = ShardCache::default();
    }
    written
}

async fn put_page_in(
    db: &Database,
    records: &[StoredLine],
    cursor: Option<u64>,
    cache: &mut ShardCache,
) -> Result<(), StoreError> {
    let [chunks, ids, kinds] = LAYOUT_STORES;
    let tx = db
        .transaction([chunks, ids, kinds, META, OUTBOX])
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let pending: HashSet<(RecordKind, String)> = tx
        .object_store(OUTBOX)?
        .get_all::<OutboxEntry>()
        .serde()?
        .await?
        .map(|entry| entry.map(|e| e.op.change.target()))
        .collect::<Result<_, _>>()?;
    let pulled = records
        .iter()
        .filter(|r| !pending.contains(&(r.kind, r.id.clone())));
    write_kept(&Layout::of(&tx)?, pulled, cache).await?;
    if let Some(cursor) = cursor {
        put_meta_in(&tx, SYNC_CURSOR, &cursor.to_string()).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// One record by kind and id: one id shard, then one page.
pub async fn get(db: &Database, kind: RecordKind, id: &str) -> Result<Option<Record>, StoreError> {
    let tx = db.transaction([CHUNKS, IDS]).build()?;
    let shard = tx
        .object_store(IDS)?
        .get(key(kind, shard_of(id)))
        .primitive()?
        .await?;
    let Some(&(n, pos)) = parse_shard(kind, shard)?.get(id) else {
        return Ok(None);
    };
    let page: Option<String> = tx
        .object_store(CHUNKS)?
        .get(key(kind, n))
        .primitive()?
        .await?;
    let line = page
        .as_deref()
        .and_then(|p| p.split('\n').nth(pos as usize))
        .ok_or_else(|| corrupt("page", kind, format!("{n} has no line {pos}")))?;
    let record = parse_line(kind, line)?;
    if record.id != id {
        return Err(corrupt(
            "page",
            kind,
            format!("{n}:{pos} holds {}", record.id),
        ));
    }
    Ok(Some(record))
}

/// The stored pages of one kind, in page order.
async fn pages_of_kind(db: &Database, kind: RecordKind) -> Result<Vec<String>, StoreError> {
    pages_in(db, kind, 0, u32::MAX).await
}

/// Pages `first..=last` of a kind that exist, in page order, read in one transaction.
async fn pages_in(
    db: &Database,
    kind: RecordKind,
    first: u32,
    last: u32,
) -> Result<Vec<String>, StoreError> {
    let tx = db.transaction(CHUNKS).build()?;
    let pages = tx
        .object_store(CHUNKS)?
        .get_all::<String>()
        .with_query::<JsValue, _>(KeyRange::Bound(
            key(kind, first),
            false,
            key(kind, last),
            false,
        ))
        .primitive()?
        .await?;
    Ok(pages.collect::<Result<_, _>>()?)
}

/// Pages a sliced reader ([`all_data_of_kind`]) asks for in one request. The browser turns a
/// request's whole answer into strings in the task that receives it (about 0.8 ms per page of
/// employees on the test machine, 3 ms on a 4× slower tablet), so one request for all ~80 pages
/// of the city's employees was one 300 ms task there; four pages keep each under 50 ms.
const READ_PAGES: u32 = 4;

/// Pages `from..from + READ_PAGES` of a kind (fewer at its end), in page order. Each batch is its
/// own transaction: a sliced reader yields between batches, and a transaction with no request
/// pending ends when its task does. Records never move between pages (a changed record is
/// rewritten on its line, none is deleted), so a write landing between two batches cannot make a
/// record appear twice or go missing; it can only be read before or after the write.
async fn page_batch(db: &Database, kind: RecordKind, from: u32) -> Result<Vec<String>, StoreError> {
    pages_in(db, kind, from, from.saturating_add(READ_PAGES - 1)).await
}

/// Every record of one kind, in id order.
pub async fn all_of_kind(db: &Database, kind: RecordKind) -> Result<Vec<Record>, StoreError> {
    let mut records = Vec::new();
    for page in pages_of_kind(db, kind).await? {
        for line in page.split('\n').filter(|l| !l.is_empty()) {
            records.push(parse_line(kind, line)?);
        }
    }
    records.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    Ok(records)
}

/// Longest stretch, in ms, a reader decodes pages before letting the browser handle input and
/// paint (a task over 50 ms is a "long task"; on a 4× slower tablet 10 ms here is 40 ms there).
pub const SLICE_MS: f64 = 10.0;

/// Splits long decoding into tasks of about [`SLICE_MS`]: [`Slice::check`] yields to the event
/// loop once the current task has run that long.
pub struct Slice {
    since: std::cell::Cell<f64>,
}

impl Slice {
    /// Starts timing the current task.
    pub fn start() -> Self {
        Slice {
            since: std::cell::Cell::new(js_sys::Date::now()),
        }
    }

    /// Yields ([`crate::timing::yield_to_browser`]) when the current task has run [`SLICE_MS`] or more.
    /// Takes `&self`, so a closure that hands out pauses (as [`Dataset::new_partial_paced`]
    /// wants) can share one slice.
    ///
    /// [`Dataset::new_partial_paced`]: mutasi_core::dataset::Dataset::new_partial_paced
    pub async fn check(&self) {
        if js_sys::Date::now() - self.since.get() >= SLICE_MS {
            crate::timing::yield_to_browser().await;
            self.since.set(js_sys::Date::now());
        }
    }
}

/// The data of every record of one kind, in id order, decoded straight from the stored lines into
/// `T` (one pass; [`all_of_kind`] goes through a JSON value first). Removed records (content
/// `null`) are left out.
pub async fn all_data_of_kind<T: serde::de::DeserializeOwned>(
    db: &Database,
    kind: RecordKind,
) -> Result<Vec<T>, StoreError> {
    /// The fields of a stored [`Record`] a reader of the data needs; the rest are skipped.
    #[derive(Deserialize)]
    struct Line<T> {
        id: String,
        data: Option<T>,
    }
    let mut ids: Vec<String> = Vec::new();
    let mut data: Vec<T> = Vec::new();
    let slice = Slice::start();
    let mut from = 0;
    loop {
        let batch = page_batch(db, kind, from).await?;
        let full = batch.len() as u32 == READ_PAGES;
        for page in batch {
            slice.check().await;
            for line in page.split('\n').filter(|l| !l.is_empty()) {
                let parsed: Line<T> = serde_json::from_str(line).map_err(|e| {
                    let id = parse_line(kind, line).map(|r| r.id).unwrap_or_default();
                    corrupt("record", kind, format!("{id}: {e}"))
                })?;
                if let Some(d) = parsed.data {
                    ids.push(parsed.id);
                    data.push(d);
                }
            }
        }
        // Pages are numbered without gaps: a short batch is the last.
        if !full {
            break;
        }
        from += READ_PAGES;
    }
    slice.check().await;
    // Sorting the ids' positions, then moving each record once, instead of sorting the records
    // themselves (an employee is a few hundred bytes, moved at every swap of the sort).
    let mut order: Vec<u32> = (0..ids.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| ids[a as usize].cmp(&ids[b as usize]));
    slice.check().await;
    drop(ids);
    slice.check().await;
    gather(&mut data, &mut order);
    Ok(data)
}

/// Reorders `data` in place so that the record at `k` is the one that was at `order[k]`
/// (`order` is a permutation of `0..data.len()`; it is used up as the visited marks): each cycle
/// of the permutation is followed once, one swap per record.
fn gather<T>(data: &mut [T], order: &mut [u32]) {
    for start in 0..order.len() {
        let mut cur = start;
        loop {
            let src = order[cur] as usize;
            order[cur] = cur as u32;
            if src == start || src == cur {
                break;
            }
            data.swap(cur, src);
            cur = src;
        }
    }
}

/// What the stored records of `kinds` are at: their directories (count, pages, revision) read in
/// one transaction. Equal stamps mean no record of those kinds was written in between.
pub async fn stamp(db: &Database, kinds: &[RecordKind]) -> Result<Vec<Directory>, StoreError> {
    let tx = db.transaction(KINDS).build()?;
    let store = tx.object_store(KINDS)?;
    let mut out = Vec::with_capacity(kinds.len());
    for kind in kinds {
        out.push(store.get(kind.as_str()).serde()?.await?.unwrap_or_default());
    }
    Ok(out)
}

/// How many records of one kind the cache holds.
pub async fn count_of_kind(db: &Database, kind: RecordKind) -> Result<u32, StoreError> {
    let tx = db.transaction(KINDS).build()?;
    let dir: Option<Directory> = tx.object_store(KINDS)?.get(kind.as_str()).serde()?.await?;
    Ok(dir.unwrap_or_default().count)
}
