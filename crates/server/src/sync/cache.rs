//! [`DatasetCache`]: the dataset the checks run on, kept per process and brought up to date
//! from the records written since, not reloaded.
//!
//! **Invariant:** the cached dataset is the stored records up to a sequence number `seq`, and
//! the store's generation at `seq`; a push checked on it is applied only if the generation
//! committed is still that one (read under the writers' lock, see `Storage::push`), otherwise
//! it is checked again on the refreshed dataset. The generation moves with every change the rule
//! checks read: an import that changed something, and an inauguration (which writes the employee
//! and both slots). Preferences and proposals, which no rule reads, do not move it.

use std::sync::Arc;

use mutasi_core::Dataset;
use tokio::sync::RwLock;

use super::records::{load_dataset_at, refresh_dataset};
use crate::db::{Storage, StoreError, SyncState};

/// The dataset of one generation.
#[derive(Debug, Clone)]
pub struct Current {
    /// The records it holds: every record up to this seq.
    pub seq: u64,
    /// The store's generation at `seq`.
    pub generation: i64,
    /// The dataset.
    pub ds: Arc<Dataset>,
}

/// The dataset the checks run on.
#[derive(Debug, Default)]
pub struct DatasetCache {
    current: RwLock<Option<Current>>,
}

impl DatasetCache {
    /// The dataset of the store's current generation: the cached one, the cached one brought up
    /// to date with the records written since, or (first time) loaded whole.
    pub async fn get(&self, store: &dyn Storage) -> Result<Current, StoreError> {
        let state = store.sync_state().await?;
        if let Some(c) = self.current.read().await.as_ref() {
            if c.generation == state.generation {
                return Ok(c.clone());
            }
        }
        let mut slot = self.current.write().await;
        // Another request may have brought it up to date meanwhile.
        let state = store.sync_state().await?;
        if let Some(c) = slot.as_ref() {
            if c.generation == state.generation {
                return Ok(c.clone());
            }
        }
        let ds = match slot.as_ref() {
            Some(c) => match refresh_dataset(&c.ds, c.seq, store, state).await? {
                Some(ds) => ds,
                None => load_dataset_at(store, state).await?,
            },
            None => load_dataset_at(store, state).await?,
        };
        let current = Current {
            seq: state.seq,
            generation: state.generation,
            ds: Arc::new(ds),
        };
        *slot = Some(current.clone());
        Ok(current)
    }

    /// The state the cached dataset is of, if any.
    pub async fn state(&self) -> Option<SyncState> {
        self.current.read().await.as_ref().map(|c| SyncState {
            seq: c.seq,
            generation: c.generation,
        })
    }
}
