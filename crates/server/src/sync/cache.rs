//! [`DatasetCache`]: the dataset the checks run on, kept per process.

use std::sync::Arc;

use mutasi_core::Dataset;
use tokio::sync::RwLock;

use super::records::load_dataset;
use crate::db::{Storage, StoreError};

/// The dataset the checks run on, rebuilt from the store when an import changed it (the store's
/// generation), so several server processes on one PostgreSQL stay consistent. Pushes change
/// preferences and proposals, which no eligibility rule reads, and inaugurations, which bump
/// the generation as an import does.
#[derive(Debug, Default)]
pub struct DatasetCache {
    current: RwLock<Option<(i64, Arc<Dataset>)>>,
}

impl DatasetCache {
    /// The dataset as of the store's current generation.
    pub async fn get(&self, store: &dyn Storage) -> Result<Arc<Dataset>, StoreError> {
        let generation = store.generation().await?;
        if let Some((g, ds)) = self.current.read().await.as_ref() {
            if *g == generation {
                return Ok(ds.clone());
            }
        }
        let mut slot = self.current.write().await;
        if let Some((g, ds)) = slot.as_ref() {
            if *g == generation {
                return Ok(ds.clone());
            }
        }
        let ds = Arc::new(load_dataset(store).await?);
        *slot = Some((generation, ds.clone()));
        Ok(ds)
    }
}
