//! The status of the local IndexedDB copy: opened or failed, and when it last synced.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store;

/// Where opening the local store stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheState {
    Opening,
    /// Open; holds the last sync time (`None`: never synced).
    Ready {
        last_synced: Option<String>,
    },
    Failed(String),
}

/// The local cache status, provided in context by [`provide`].
#[derive(Debug, Clone, Copy)]
pub struct CacheStatus {
    pub state: RwSignal<CacheState>,
}

/// Opens the IndexedDB database at start-up and provides its status in context.
pub fn provide() -> CacheStatus {
    let status = CacheStatus {
        state: RwSignal::new(CacheState::Opening),
    };
    provide_context(status);
    spawn_local(async move {
        let result = async {
            let db = store::open(store::DB_NAME).await?;
            let last = store::get_meta(&db, store::LAST_SYNCED).await?;
            db.close();
            Ok::<_, store::StoreError>(last)
        }
        .await;
        status.state.set(match result {
            Ok(last_synced) => CacheState::Ready { last_synced },
            Err(err) => CacheState::Failed(err.to_string()),
        });
    });
    status
}

/// The cache status from context.
pub fn use_cache_status() -> CacheStatus {
    expect_context::<CacheStatus>()
}
