//! The city's data as the screens see it: a [`Dataset`] assembled from the records in the local
//! IndexedDB copy, plus "today" from the browser's clock (the core never reads a clock).
//!
//! Screens read [`CityData::dataset`] and call `mutasi_core` queries on it; they never fetch
//! from the network. [`CityData::reload`] rebuilds it after a sync has written new records.

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::dataset::{Dataset, DatasetParts};
use mutasi_core::wire::sync::{Record, RecordKind};

use crate::store::{self, records};

/// Where loading the local data stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataState {
    Loading,
    /// The cache holds no city data yet (first start, before the initial pull).
    Empty,
    Ready,
    Failed(String),
}

/// The local data, provided in context by [`provide`].
#[derive(Debug, Clone, Copy)]
pub struct CityData {
    pub dataset: RwSignal<Option<Arc<Dataset>>>,
    pub state: RwSignal<DataState>,
    /// Today's date from the browser's clock, passed to every core query.
    pub today: RwSignal<NaiveDate>,
}

impl CityData {
    /// Replaces the data (after a sync, or in tests) and marks it ready.
    pub fn set(&self, dataset: Dataset) {
        self.dataset.set(Some(Arc::new(dataset)));
        self.state.set(DataState::Ready);
    }

    /// Rebuilds the dataset from IndexedDB.
    pub fn reload(self) {
        spawn_local(async move {
            match load(store::DB_NAME).await {
                Ok(Some(ds)) => self.set(ds),
                Ok(None) => self.state.set(DataState::Empty),
                Err(err) => self.state.set(DataState::Failed(err)),
            }
        });
    }
}

/// Today in the browser's local time zone.
pub fn browser_today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// Creates the data state, starts loading from IndexedDB, and provides it in context.
pub fn provide() -> CityData {
    let data = CityData {
        dataset: RwSignal::new(None),
        state: RwSignal::new(DataState::Loading),
        today: RwSignal::new(browser_today()),
    };
    provide_context(data);
    data.reload();
    data
}

/// The data from context.
pub fn use_city_data() -> CityData {
    expect_context::<CityData>()
}

fn decode<T: serde::de::DeserializeOwned>(records: Vec<Record>) -> Result<Vec<T>, String> {
    records
        .into_iter()
        // A removed record (the server's tombstone, content `null`) is not part of the data.
        .filter(|r| !r.data.is_null())
        .map(|r| {
            serde_json::from_value(r.data).map_err(|e| format!("{}/{}: {e}", r.kind.as_str(), r.id))
        })
        .collect()
}

/// Assembles the dataset from the records in the database `name`; `None` when it holds none.
/// The copy is scoped to what this user may see, so posts held by people outside it stay held
/// without a holder record ([`Dataset::new_partial`]).
pub async fn load(name: &str) -> Result<Option<Dataset>, String> {
    let db = store::open(name).await.map_err(|e| e.to_string())?;
    let get = |kind| records::all_of_kind(&db, kind);
    let employees = get(RecordKind::Employee).await.map_err(|e| e.to_string())?;
    let units = get(RecordKind::Unit).await.map_err(|e| e.to_string())?;
    if units.is_empty() {
        db.close();
        return Ok(None);
    }
    let positions = get(RecordKind::Position).await.map_err(|e| e.to_string())?;
    let slots = get(RecordKind::Slot).await.map_err(|e| e.to_string())?;
    let needs = get(RecordKind::Need).await.map_err(|e| e.to_string())?;
    let rules = get(RecordKind::Rules).await.map_err(|e| e.to_string())?;
    db.close();
    let parts = DatasetParts {
        employees: decode(employees)?,
        units: decode(units)?,
        positions: decode(positions)?,
        slots: decode(slots)?,
        needs: decode(needs)?,
        rules: decode(rules)?.into_iter().next().unwrap_or_default(),
    };
    Dataset::new_partial(parts)
        .map(Some)
        .map_err(|e| e.to_string())
}
