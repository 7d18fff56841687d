//! The proposals (usulan) on this device, as the Usulan pages, the navigation badge and the
//! conflicts panel see them: the proposal records, which of them have a change waiting in the
//! outbox, the unresolved conflicts, and the version of each proposal the user has last seen.
//!
//! [`Proposals::reload`] reads them again from IndexedDB; [`provide`] does so at start, after
//! every sync and after every local change (it follows the [`SyncState`] counters). The "seen"
//! versions live in the `meta` store under [`SEEN_KEY`], so the badge survives a reload.
//!
//! The outbox side (pending ops and conflicts, which need the ops' decoding) is read by code in
//! the sync engine's split module in the production build, so the main wasm does not carry it.

use std::collections::{BTreeMap, BTreeSet};

use indexed_db_futures::database::Database;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::wire::sync::{Proposal, Record, RecordKind};

use crate::state::session::Session;
use crate::state::sync::SyncState;
use crate::store::outbox::{self, ConflictEntry};
use crate::store::{self, meta, records};

/// `meta` key of the seen versions (JSON object: proposal id → version).
pub const SEEN_KEY: &str = "proposals_seen";

/// One proposal: its record (version, seq) and its decoded data.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub record: Record,
    pub proposal: Proposal,
}

/// The proposals state, provided in context by [`provide`].
#[derive(Debug, Clone, Copy)]
pub struct Proposals {
    /// Every proposal on this device, in id order.
    pub items: RwSignal<Vec<Item>>,
    /// False until the first load finished.
    pub loaded: RwSignal<bool>,
    /// Ids of proposals with a change waiting in the outbox.
    pub pending: RwSignal<BTreeSet<String>>,
    /// Changes the server refused (of every kind), waiting for the user.
    pub conflicts: RwSignal<Vec<ConflictEntry>>,
    /// The version of each proposal the user last opened.
    pub seen: RwSignal<BTreeMap<String, u64>>,
}

impl Default for Proposals {
    fn default() -> Self {
        Proposals {
            items: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            pending: RwSignal::new(BTreeSet::new()),
            conflicts: RwSignal::new(Vec::new()),
            seen: RwSignal::new(BTreeMap::new()),
        }
    }
}

/// Decodes the proposal records (a record that does not decode is left out).
pub fn decode(records: Vec<Record>) -> Vec<Item> {
    records
        .into_iter()
        .filter_map(|record| {
            let proposal = serde_json::from_value(record.data.clone()).ok()?;
            Some(Item { record, proposal })
        })
        .collect()
}

/// Whether `item` changed since the user last saw it.
pub fn is_unseen(seen: &BTreeMap<String, u64>, item: &Item) -> bool {
    item.record.version > seen.get(&item.record.id).copied().unwrap_or(0)
}

/// Ids of proposals with a pending op, and the unresolved conflicts.
type OutboxSide = (BTreeSet<String>, Vec<ConflictEntry>);

async fn read_outbox_side(db: &Database) -> Result<OutboxSide, store::StoreError> {
    let pending = outbox::pending(db)
        .await?
        .into_iter()
        .map(|(_, e)| e.op.change.target())
        .filter(|(kind, _)| *kind == RecordKind::Proposal)
        .map(|(_, id)| id)
        .collect();
    Ok((pending, outbox::conflicts(db).await?))
}

/// [`read_outbox_side`], from the sync engine's split module in the production build.
async fn outbox_side(db: &Database) -> Result<OutboxSide, store::StoreError> {
    #[cfg(feature = "split")]
    {
        let read = split::reader()
            .await
            .map_err(|e| store::StoreError(format!("{e:?}")))?;
        read(db).await
    }
    #[cfg(not(feature = "split"))]
    read_outbox_side(db).await
}

#[cfg(feature = "split")]
mod split {
    use std::future::Future;
    use std::pin::Pin;

    use indexed_db_futures::database::Database;
    use leptos::wasm_split::{wasm_split, SplitLoaderError};

    use super::OutboxSide;
    use crate::store::StoreError;

    type Reading<'a> = Pin<Box<dyn Future<Output = Result<OutboxSide, StoreError>> + 'a>>;
    pub type Reader = for<'a> fn(&'a Database) -> Reading<'a>;

    fn boxed(db: &Database) -> Reading<'_> {
        Box::pin(super::read_outbox_side(db))
    }

    /// The reader, once the sync module is loaded.
    #[wasm_split(sync, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn reader() -> Result<Reader, SplitLoaderError> {
        Ok(boxed)
    }
}

struct Loaded {
    items: Vec<Item>,
    pending: BTreeSet<String>,
    conflicts: Vec<ConflictEntry>,
    seen: BTreeMap<String, u64>,
}

async fn load() -> Result<Loaded, store::StoreError> {
    let db = store::open(store::DB_NAME).await?;
    let result = async {
        let items = decode(records::all_of_kind(&db, RecordKind::Proposal).await?);
        let (pending, conflicts) = outbox_side(&db).await?;
        let seen = meta::get_meta(&db, SEEN_KEY)
            .await?
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
        Ok(Loaded {
            items,
            pending,
            conflicts,
            seen,
        })
    }
    .await;
    db.close();
    result
}

impl Proposals {
    /// Reads everything again from IndexedDB.
    pub fn reload(self) {
        spawn_local(async move {
            if let Ok(l) = load().await {
                self.items.set(l.items);
                self.pending.set(l.pending);
                self.conflicts.set(l.conflicts);
                self.seen.set(l.seen);
            }
            self.loaded.set(true);
        });
    }

    /// The proposal `id`, if on this device.
    pub fn get(&self, id: &str) -> Option<Item> {
        self.items
            .with(|items| items.iter().find(|i| i.record.id == id).cloned())
    }

    /// How many proposals changed since the user last saw them.
    pub fn unseen_count(&self) -> usize {
        let seen = self.seen.get();
        self.items
            .with(|items| items.iter().filter(|i| is_unseen(&seen, i)).count())
    }

    /// Queues my own step on a proposal (`op` and its optimistic copy `local`) through `sync`,
    /// marks it seen (my own step is not news to me) and reads the proposals again. The local
    /// store's own error message, in no particular language.
    pub async fn record_mine(
        proposals: Option<Self>,
        sync: SyncState,
        op: mutasi_core::wire::sync::Op,
        local: Record,
    ) -> Result<(), String> {
        let (id, version) = (local.id.clone(), local.version);
        sync.record_change(op, Some(local)).await?;
        if let Some(p) = proposals {
            p.mark_seen(&id, version);
            p.reload();
        }
        Ok(())
    }

    /// Marks `id` as seen at `version` (kept on this device).
    pub fn mark_seen(self, id: &str, version: u64) {
        let already = self
            .seen
            .with_untracked(|s| s.get(id).is_some_and(|v| *v >= version));
        if already {
            return;
        }
        self.seen.update(|s| {
            s.insert(id.to_string(), version);
        });
        let json = self
            .seen
            .with_untracked(|s| serde_json::to_string(s).unwrap_or_default());
        spawn_local(async move {
            if let Ok(db) = store::open(store::DB_NAME).await {
                let _ = meta::put_meta(&db, SEEN_KEY, &json).await;
                db.close();
            }
        });
    }
}

/// Creates the proposals state, loads it, reloads it after each sync and local change, and
/// provides it in context. Call after [`crate::state::sync::provide`].
pub fn provide() -> Proposals {
    let proposals = Proposals::default();
    provide_context(proposals);
    let sync = use_context::<SyncState>();
    let session = use_context::<Session>();
    Effect::new(move |_| {
        // Follow the sync's counters and the login; reload when no sync is running.
        let busy = sync.is_some_and(|s| {
            s.pending.track();
            s.conflicts.track();
            s.syncing.get()
        });
        // Logged out: nothing to show (and nothing of the last account kept in memory).
        let logged_in = session.is_none_or(|s| s.login.with(Option::is_some));
        if !logged_in {
            proposals.items.set(Vec::new());
            proposals.pending.set(BTreeSet::new());
            proposals.conflicts.set(Vec::new());
            proposals.seen.set(BTreeMap::new());
        } else if !busy {
            proposals.reload();
        }
    });
    proposals
}

/// The proposals state from context, if provided.
pub fn use_proposals() -> Option<Proposals> {
    use_context::<Proposals>()
}
