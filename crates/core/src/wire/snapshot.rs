//! The first sync's snapshot (`GET /api/sync/snapshot`, protocol version
//! [`super::WIRE_VERSION`]): every record the caller may see, as of one sequence number, in a
//! compact form.
//!
//! A device with nothing stored would otherwise pull the whole city page by page: 45 round trips
//! and 23.5 MB of JSON in which every record repeats its field names. The snapshot carries the
//! same records column by column, so the names appear once per block and each column holds
//! values alike (all the NIPs, all the dates), which compresses far better (the city planner's
//! first sync: 1.73 MB of brotli in 45 pages → about 0.85 MB in one response; see
//! docs/BENCHMARKS.md).
//!
//! The body is newline-delimited JSON, so the server can send it while it still reads the
//! records and a client can decode and store it line by line as it arrives, each line in its
//! own short task:
//! - the first line is a [`SnapshotHead`]: how many records the caller may see (for progress;
//!   records written while the snapshot streams come on top);
//! - then [`Block`]s of at most [`SNAPSHOT_BLOCK`] records of one kind;
//! - the last line is a [`SnapshotTail`]: the cursor the snapshot is as of (continue with
//!   `GET /api/sync/pull?since=cursor`). A body without it was cut short.
//!
//! The snapshot holds exactly the records a pull from 0 would return to the same caller (the
//! server builds it from that very query, page by page), and [`Block::records`] gives them back
//! unchanged: field for field, including absent fields and `null`s.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use thiserror::Error;

use super::sync::{Record, RecordKind};

/// Most records in one [`Block`] (one line of the stream).
pub const SNAPSHOT_BLOCK: usize = 1000;

/// How deep objects are split into columns: the record and the objects inside it (a slot's
/// `holder`, an employee's `pangkat`); deeper values stay whole.
const SPLIT_DEPTH: usize = 2;

/// The first line of a snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SnapshotHead {
    /// Protocol version of the server.
    pub wire_version: u32,
    /// How many records the caller may see as the snapshot starts (the blocks hold these, and
    /// any written while it streams).
    pub total: u64,
}

/// The last line of a snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SnapshotTail {
    /// The snapshot holds every record the caller may see up to this sequence number: the next
    /// pull starts here.
    pub cursor: u64,
}

/// Records of one kind, column by column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Block {
    /// The kind of every record in the block.
    pub kind: RecordKind,
    /// Each record's id.
    pub ids: Vec<String>,
    /// Each record's version.
    pub versions: Vec<u64>,
    /// Each record's `seq`, as the difference from the previous record's (the first: from 0).
    pub seqs: Vec<u64>,
    /// Top-level fields of `data` that equal the record's id in every record of the block (a
    /// slot's `id`, an employee's `nip`): left out of [`Block::data`] and put back on decoding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub id_fields: Vec<String>,
    /// Each record's `data`.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub data: Column,
}

/// The values of one field across the records of a block.
///
/// Either leaves (`v`, one value per record) or, when every record's value is an object or
/// `null`, one column per key (`k`, `c`), with the records whose value is not an object in `x`
/// (as `[row, value]`) and, per key, the rows whose object lacks it in `a`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Column {
    /// One value per record (a leaf column).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub v: Vec<Value>,
    /// The objects' keys (an object column).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub k: Vec<String>,
    /// One column per key, each with one entry per record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub c: Vec<Column>,
    /// Rows whose value is not an object, with the value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub x: Vec<(u32, Value)>,
    /// Per key (same order as `k`), the rows whose object has no such key; empty when every
    /// object has every key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub a: Vec<Vec<u32>>,
}

/// A snapshot line that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SnapshotError {
    /// Not JSON of the expected shape.
    #[error("baris {line} snapshot tidak terbaca / snapshot line {line} is unreadable: {why}")]
    Unreadable { line: usize, why: String },
    /// Columns of different lengths.
    #[error("blok snapshot {kind} rusak / snapshot block {kind} is damaged: {why}")]
    Damaged { kind: &'static str, why: String },
}

/// The head line, for `total` records.
pub fn head(total: u64, wire_version: u32) -> String {
    to_line(&SnapshotHead {
        wire_version,
        total,
    })
}

/// The block lines of `records` (one page of a pull): per kind, in [`RecordKind::ALL`] order,
/// at most [`SNAPSHOT_BLOCK`] records each.
pub fn blocks(records: &[Record]) -> Vec<String> {
    let mut lines = Vec::new();
    for kind in RecordKind::ALL {
        let of_kind: Vec<&Record> = records.iter().filter(|r| r.kind == kind).collect();
        for chunk in of_kind.chunks(SNAPSHOT_BLOCK) {
            lines.push(to_line(&Block::of(kind, chunk)));
        }
    }
    lines
}

/// The tail line: the snapshot is as of `cursor`.
pub fn tail(cursor: u64) -> String {
    to_line(&SnapshotTail { cursor })
}

/// The whole snapshot of `records` (as a pull from 0 returns them) as of `cursor`, in one
/// piece: its lines, each without the newline.
pub fn encode(records: &[Record], cursor: u64, wire_version: u32) -> Vec<String> {
    let mut lines = vec![head(records.len() as u64, wire_version)];
    lines.extend(blocks(records));
    lines.push(tail(cursor));
    lines
}

fn to_line<T: Serialize>(value: &T) -> String {
    // Serialising these types cannot fail: string keys, no maps with other keys.
    serde_json::to_string(value).unwrap_or_default()
}

/// One line of a snapshot, read.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// The first line.
    Head(SnapshotHead),
    /// A block of records.
    Block(Box<Block>),
    /// The last line.
    Tail(SnapshotTail),
}

/// Reads line `number` (0-based; 0 is the head; a block names its `kind`, the tail does not).
pub fn read_line(number: usize, text: &str) -> Result<Line, SnapshotError> {
    let unreadable = |e: serde_json::Error| SnapshotError::Unreadable {
        line: number + 1,
        why: e.to_string(),
    };
    if number == 0 {
        serde_json::from_str(text)
            .map(Line::Head)
            .map_err(unreadable)
    } else if text.contains("\"kind\"") {
        serde_json::from_str(text)
            .map(Line::Block)
            .map_err(unreadable)
    } else {
        serde_json::from_str(text)
            .map(Line::Tail)
            .map_err(unreadable)
    }
}

/// Splits a body arriving in chunks into its lines, as they complete.
#[derive(Debug, Default)]
pub struct LineBuffer {
    buf: Vec<u8>,
    /// Bytes of `buf` already searched for a newline.
    scanned: usize,
}

impl LineBuffer {
    /// Adds `chunk` and returns the lines it completed (without their newline).
    pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<String>, SnapshotError> {
        self.buf.extend_from_slice(chunk);
        let mut lines = Vec::new();
        let mut start = 0;
        while let Some(at) = self.buf[self.scanned..].iter().position(|b| *b == b'\n') {
            let end = self.scanned + at;
            let line = std::str::from_utf8(&self.buf[start..end]).map_err(|e| {
                SnapshotError::Unreadable {
                    line: 0,
                    why: e.to_string(),
                }
            })?;
            lines.push(line.to_owned());
            start = end + 1;
            self.scanned = start;
        }
        self.buf.drain(..start);
        self.scanned = self.buf.len();
        Ok(lines)
    }

    /// Whether an unfinished line is left (the body ended early).
    pub fn has_rest(&self) -> bool {
        !self.buf.is_empty()
    }
}

impl Block {
    /// The block of `records`, all of `kind`.
    pub fn of(kind: RecordKind, records: &[&Record]) -> Block {
        let id_fields = id_fields(records);
        let data: Vec<Value> = records
            .iter()
            .map(|r| match &r.data {
                Value::Object(map) if !id_fields.is_empty() => {
                    let mut map = map.clone();
                    for f in &id_fields {
                        map.remove(f);
                    }
                    Value::Object(map)
                }
                other => other.clone(),
            })
            .collect();
        let mut previous = 0;
        Block {
            kind,
            ids: records.iter().map(|r| r.id.clone()).collect(),
            versions: records.iter().map(|r| r.version).collect(),
            seqs: records
                .iter()
                .map(|r| {
                    let delta = r.seq.wrapping_sub(previous);
                    previous = r.seq;
                    delta
                })
                .collect(),
            id_fields,
            data: Column::of(data, SPLIT_DEPTH),
        }
    }

    /// The block's records, as they were encoded.
    pub fn records(self) -> Result<Vec<Record>, SnapshotError> {
        let kind = self.kind;
        let damaged = |why: String| SnapshotError::Damaged {
            kind: kind.as_str(),
            why,
        };
        let n = self.ids.len();
        if self.versions.len() != n || self.seqs.len() != n {
            return Err(damaged(format!(
                "{n} id, {} versi, {} seq",
                self.versions.len(),
                self.seqs.len()
            )));
        }
        let data = self.data.values(n).map_err(damaged)?;
        let mut seq = 0u64;
        let mut out = Vec::with_capacity(n);
        for (((id, version), delta), mut data) in self
            .ids
            .into_iter()
            .zip(self.versions)
            .zip(self.seqs)
            .zip(data)
        {
            seq = seq.wrapping_add(delta);
            if let Value::Object(map) = &mut data {
                for f in &self.id_fields {
                    map.insert(f.clone(), Value::String(id.clone()));
                }
            }
            out.push(Record {
                kind,
                id,
                version,
                seq,
                data,
            });
        }
        Ok(out)
    }
}

/// The top-level fields whose value is the record's id in every record (none when a record's
/// data is not an object).
fn id_fields(records: &[&Record]) -> Vec<String> {
    let Some(Value::Object(first)) = records.first().map(|r| &r.data) else {
        return Vec::new();
    };
    first
        .keys()
        .filter(|key| {
            records.iter().all(|r| match &r.data {
                Value::Object(map) => map.get(key.as_str()).and_then(Value::as_str) == Some(&r.id),
                _ => false,
            })
        })
        .cloned()
        .collect()
}

impl Column {
    /// The column of `values`, split into one column per key down to `depth` levels.
    fn of(values: Vec<Value>, depth: usize) -> Column {
        let splits = depth > 0
            && values.iter().any(Value::is_object)
            && values.iter().all(|v| v.is_object() || v.is_null());
        if !splits {
            return Column {
                v: values,
                ..Column::default()
            };
        }
        let mut keys: Vec<String> = Vec::new();
        for v in &values {
            if let Value::Object(map) = v {
                for key in map.keys() {
                    if !keys.contains(key) {
                        keys.push(key.clone());
                    }
                }
            }
        }
        if keys.is_empty() {
            // Only empty objects (and nulls): nothing to split.
            return Column {
                v: values,
                ..Column::default()
            };
        }
        keys.sort();
        let mut x = Vec::new();
        let mut absent = vec![Vec::new(); keys.len()];
        let mut columns = vec![Vec::with_capacity(values.len()); keys.len()];
        for (row, value) in values.into_iter().enumerate() {
            match value {
                Value::Object(mut map) => {
                    for (i, key) in keys.iter().enumerate() {
                        match map.remove(key) {
                            Some(v) => columns[i].push(v),
                            None => {
                                absent[i].push(row as u32);
                                columns[i].push(Value::Null);
                            }
                        }
                    }
                }
                other => {
                    x.push((row as u32, other));
                    for column in &mut columns {
                        column.push(Value::Null);
                    }
                }
            }
        }
        let a = if absent.iter().all(Vec::is_empty) {
            Vec::new()
        } else {
            absent
        };
        Column {
            v: Vec::new(),
            k: keys,
            c: columns
                .into_iter()
                .map(|c| Column::of(c, depth - 1))
                .collect(),
            x,
            a,
        }
    }

    /// The `n` values of the column.
    fn values(self, n: usize) -> Result<Vec<Value>, String> {
        if self.k.is_empty() {
            if self.v.len() != n {
                return Err(format!("{} nilai untuk {n} data", self.v.len()));
            }
            return Ok(self.v);
        }
        if self.c.len() != self.k.len() || !(self.a.is_empty() || self.a.len() == self.k.len()) {
            return Err(format!(
                "{} kolom untuk {} kunci",
                self.c.len(),
                self.k.len()
            ));
        }
        let mut absent = vec![vec![false; n]; self.k.len()];
        for (i, rows) in self.a.iter().enumerate() {
            for &row in rows {
                *absent[i]
                    .get_mut(row as usize)
                    .ok_or_else(|| format!("baris {row} di luar {n} data"))? = true;
            }
        }
        let mut objects: Vec<Value> = (0..n).map(|_| Value::Object(Map::new())).collect();
        for ((key, column), absent) in self.k.iter().zip(self.c).zip(absent) {
            for (row, value) in column.values(n)?.into_iter().enumerate() {
                if !absent[row] {
                    if let Value::Object(map) = &mut objects[row] {
                        map.insert(key.clone(), value);
                    }
                }
            }
        }
        for (row, value) in self.x {
            *objects
                .get_mut(row as usize)
                .ok_or_else(|| format!("baris {row} di luar {n} data"))? = value;
        }
        Ok(objects)
    }
}

#[cfg(test)]
mod tests;
