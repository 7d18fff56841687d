//! Object stores, indexes and migrations.
//!
//! | version | change |
//! |---|---|
//! | 1 | `meta` (out-of-line string keys, string values) |
//! | 2 | `records` (key `[kind, id]`, index `kind`, one value per record), `outbox` (auto-increment key, unique index `op_id`), `conflicts` (key `op_id`) |
//! | 3 | records move into pages: `chunks` (key `[kind, n]`), `ids` (key `[kind, shard]`), `kinds` (key `kind`); the v2 `records` store is converted and then deleted |
//!
//! Steps 1 and 2 only add. Step 3 converts the v2 records inside the upgrade's own transaction,
//! so a database is either still at version 2 with its records, or at version 3 with all of them
//! in pages; `meta`, `outbox` and `conflicts` keep their layout and data. See [`super::records`]
//! for the page layout.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionRef;
use indexed_db_futures::KeyPath;
use mutasi_core::wire::sync::{Record, RecordKind};

use super::records::{self, Layout};
use super::StoreError;

/// The name of the app's IndexedDB database.
pub const DB_NAME: &str = "mutasi";
/// The schema version this build expects.
pub const SCHEMA_VERSION: u32 = 3;

/// Bookkeeping values.
pub const META: &str = "meta";
/// Version 2's synced records, one value per record, keyed by `[kind, id]`; gone since version 3.
pub const RECORDS_V2: &str = "records";
/// Index of [`RECORDS_V2`] on `kind`.
pub const BY_KIND_V2: &str = "kind";
/// Pages of synced records (JSON lines), keyed by `[kind, page number]`.
pub const CHUNKS: &str = "chunks";
/// Where each record lives (id → page and line), in shards keyed by `[kind, shard]`.
pub const IDS: &str = "ids";
/// Per kind: how many records and pages, keyed by the kind's name.
pub const KINDS: &str = "kinds";
/// Pending local changes, in the order they were made.
pub const OUTBOX: &str = "outbox";
/// Unique index of [`OUTBOX`] on the op's client id.
pub const BY_OP_ID: &str = "op_id";
/// Changes the server refused as conflicts, kept until the user resolves them.
pub const CONFLICTS: &str = "conflicts";

/// The global `index.html` keeps its early `indexedDB.databases()` promise in.
const EARLY_LIST: &str = "__mutasiDatabases";

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `indexedDB.databases()`; an error where the browser has no such method.
    #[wasm_bindgen(js_namespace = indexedDB, js_name = databases, catch)]
    fn idb_databases() -> Result<js_sys::Promise, wasm_bindgen::JsValue>;
}

/// Whether a database named `name` was on this device when the app started, without opening
/// (and so creating) it; `None` when the browser cannot tell. It takes the answer `index.html`
/// asked for while the app downloaded (`__mutasiDatabases`): on a new device the first use of
/// IndexedDB takes 100-350 ms, which then passes during the download. Without that answer (the
/// wasm tests' page) it asks now.
pub async fn existed_at_start(name: &str) -> Option<bool> {
    use wasm_bindgen::JsCast;
    let early = js_sys::Reflect::get(&js_sys::global(), &EARLY_LIST.into())
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    let asked = match early {
        Some(promise) => promise,
        None => idb_databases().ok()?,
    };
    let listed = wasm_bindgen_futures::JsFuture::from(asked).await.ok()?;
    let listed: js_sys::Array = listed.dyn_into().ok()?;
    Some(listed.iter().any(|info| {
        js_sys::Reflect::get(&info, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .is_some_and(|n| n == name)
    }))
}

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
            .create_object_store(RECORDS_V2)
            .with_key_path(KeyPath::from(["kind", "id"]))
            .build()?;
        records
            .create_index(BY_KIND_V2, KeyPath::from("kind"))
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
    if old < 3 && new >= 3 {
        db.create_object_store(IDS).build()?;
        db.create_object_store(KINDS).build()?;
        if old < 2 {
            // Created empty a moment ago by step 2: nothing to convert.
            db.create_object_store(CHUNKS).build()?;
            db.delete_object_store(RECORDS_V2)?;
        } else {
            // Reading the v2 records needs requests, so the conversion runs as a future. It is
            // first polled in a microtask of this `upgradeneeded` event, while the upgrade
            // transaction is active, and every await resumes inside a request's success event,
            // which keeps the transaction alive until the conversion is done.
            let db = db.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(err) = migrate_records_v2(&db).await {
                    leptos::logging::error!("IndexedDB v3 migration failed: {err}");
                }
            });
        }
    }
    Ok(())
}

/// A record as version 2 stored it: key fields in the clear, the data as JSON text.
#[derive(serde::Deserialize)]
struct RowV2 {
    kind: RecordKind,
    id: String,
    version: u64,
    seq: u64,
    json: String,
}

/// Step 3's conversion: every v2 record into pages, then the v2 store is deleted. On any failure
/// the upgrade transaction is aborted, so the database stays at version 2 with all its data and
/// the open fails.
async fn migrate_records_v2(db: &Database) -> Result<(), StoreError> {
    let chunks = db.create_object_store(CHUNKS).build()?;
    let tx = chunks.transaction();
    let result = convert_records_v2(db, tx).await;
    if result.is_err() {
        // The upgrade transaction cannot be aborted through indexed_db_futures, and closing the
        // connection lets it commit (Chromium). A request that fails with nobody handling its
        // error aborts its transaction, so add the same key twice. If the failure was a request's
        // own, the transaction is aborted already and these throw, which is fine.
        if let Ok(kinds) = tx.object_store(KINDS) {
            for _ in 0..2 {
                let _ = kinds.add(String::new()).with_key("abort").primitive();
            }
        }
    }
    result
}

async fn convert_records_v2(db: &Database, tx: &TransactionRef<'_>) -> Result<(), StoreError> {
    let rows = tx
        .object_store(RECORDS_V2)?
        .get_all::<RowV2>()
        .serde()?
        .await?
        .collect::<Result<Vec<_>, _>>()?;
    let records = rows
        .into_iter()
        .map(|row| {
            let data = serde_json::from_str(&row.json).map_err(|e| {
                StoreError(format!("v2 record {}/{}: {e}", row.kind.as_str(), row.id))
            })?;
            Ok(Record {
                kind: row.kind,
                id: row.id,
                version: row.version,
                seq: row.seq,
                data,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    records::write(&Layout::of(tx)?, records.iter()).await?;
    db.delete_object_store(RECORDS_V2)?;
    Ok(())
}
