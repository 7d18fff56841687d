//! The city's data as the screens see it: a [`Dataset`] assembled from the records in the local
//! IndexedDB copy, plus "today" from the browser's clock (the core never reads a clock).
//!
//! Screens read [`CityData::dataset`] and call `mutasi_core` queries on it; they never fetch
//! from the network. [`CityData::reload`] rebuilds it after a sync has written new records.
//!
//! Signed out, the screens see no data: the copy stays in IndexedDB for the next login (and the
//! handover rules), but a shared tablet shows nobody's records to whoever picks it up. A
//! dataset loaded while nobody is signed in waits aside ([`CityData::hidden`]) until a login.

use std::sync::Arc;

use chrono::NaiveDate;
use indexed_db_futures::database::Database;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::dataset::{Dataset, DatasetParts};
use mutasi_core::wire::sync::RecordKind;

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
    /// Nobody is signed in (or the session is not read yet): the screens get no dataset.
    pub hidden: RwSignal<bool>,
    /// A dataset loaded while hidden, shown at the next login.
    parked: RwSignal<Option<Arc<Dataset>>>,
    /// Whether a read of the city has been started (the app starts none before a login).
    started: StoredValue<bool>,
}

impl CityData {
    /// Data for the screens, visible from the start (page tests, which have no session).
    pub fn visible(dataset: Option<Arc<Dataset>>, state: DataState, today: NaiveDate) -> Self {
        CityData {
            dataset: RwSignal::new(dataset),
            state: RwSignal::new(state),
            today: RwSignal::new(today),
            hidden: RwSignal::new(false),
            parked: RwSignal::new(None),
            started: StoredValue::new(false),
        }
    }

    /// Replaces the data (after a sync, or in tests) and marks it ready; while hidden it waits
    /// for a login.
    pub fn set(&self, dataset: Dataset) {
        if self.hidden.get_untracked() {
            self.parked.set(Some(Arc::new(dataset)));
            self.state.set(DataState::Empty);
        } else {
            self.dataset.set(Some(Arc::new(dataset)));
            self.state.set(DataState::Ready);
        }
    }

    /// Hides the data (signed out) or shows it again (signed in).
    fn hide(&self, hide: bool) {
        if hide && !self.started.get_value() {
            // Signed out before anything was read: there is nothing to wait for.
            self.state.set(DataState::Empty);
        }
        if hide == self.hidden.get_untracked() {
            return;
        }
        self.hidden.set(hide);
        if hide {
            self.parked.set(None);
            self.dataset.set(None);
            self.state.set(DataState::Empty);
        } else if let Some(ds) = self.parked.try_update(Option::take).flatten() {
            self.dataset.set(Some(ds));
            self.state.set(DataState::Ready);
        } else if !self.started.get_value() || self.state.get_untracked() != DataState::Loading {
            // (While a load is under way, it shows the data when it ends.)
            self.reload();
        }
    }

    /// Rebuilds the dataset from IndexedDB. When the code that reads it cannot be downloaded
    /// (a first visit that lost the network), the screens say so and it is tried again every
    /// [`CODE_RETRY`] for a while; a finished sync reloads it too.
    pub fn reload(self) {
        self.started.set_value(true);
        spawn_local(async move {
            for attempt in 1.. {
                match load(store::DB_NAME).await {
                    Ok(Some(ds)) => self.set(ds),
                    Ok(None) => self.state.set(DataState::Empty),
                    Err(err) => {
                        self.state.set(DataState::Failed(err.to_string()));
                        if err == LoadError::Code && attempt < CODE_ATTEMPTS {
                            gloo_timers::future::sleep(CODE_RETRY).await;
                            continue;
                        }
                    }
                }
                return;
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
    let session = use_context::<crate::state::session::Session>();
    let mut data = CityData::visible(None, DataState::Loading, browser_today());
    // With a session (the app), the data is hidden until it is read and names an account.
    data.hidden = RwSignal::new(session.is_some());
    provide_context(data);
    match session {
        // A device that held a database when the app started reads the city while the session
        // is read (and keeps it aside until it names someone); a new device reads nothing before
        // a login, and in the production build downloads no code to read it.
        Some(session) => {
            spawn_local(async move {
                if store::schema::existed_at_start(store::DB_NAME).await != Some(false)
                    && !data.started.get_value()
                {
                    data.reload();
                }
            });
            Effect::new(move |_| {
                if session.restored.get() {
                    let signed_out = session.login.with(Option::is_none);
                    data.hide(signed_out);
                }
            });
        }
        None => data.reload(),
    }
    data
}

/// The data from context.
pub fn use_city_data() -> CityData {
    expect_context::<CityData>()
}

/// Assembles the dataset from the records in the database `name`; `None` when it holds none.
/// The copy is scoped to what this user may see, so posts held by people outside it stay held
/// without a holder record ([`Dataset::new_partial`]).
///
/// In the production build the reading and indexing code (every record kind's decoder, the
/// rules, the dataset's indexes) is in the "sync" split module, fetched the first time a
/// signed-in screen needs the city: a signed-out first visit downloads none of it.
pub async fn load(name: &str) -> Result<Option<Dataset>, LoadError> {
    #[cfg(feature = "split")]
    {
        let reader = split::reader().await.map_err(|_| LoadError::Code)?;
        reader(name).await.map_err(LoadError::Read)
    }
    #[cfg(not(feature = "split"))]
    load_here(name).await.map_err(LoadError::Read)
}

/// Why [`load`] failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The code that reads the city could not be downloaded (production build only).
    Code,
    /// The store could not be read, or holds records that do not make a dataset.
    Read(String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Code => {
                use crate::i18n::*;
                let locale = crate::lang::current();
                f.write_str(td_string!(locale, common.errors.reader_code))
            }
            LoadError::Read(err) => f.write_str(err),
        }
    }
}

/// How often, and how many times, [`CityData::reload`] asks again for code it could not download.
const CODE_RETRY: std::time::Duration = std::time::Duration::from_secs(5);
const CODE_ATTEMPTS: u32 = 60;

#[cfg(feature = "split")]
mod split {
    use std::future::Future;
    use std::pin::Pin;

    use leptos::wasm_split::{wasm_split, SplitLoaderError};
    use mutasi_core::dataset::Dataset;

    type Reading<'a> = Pin<Box<dyn Future<Output = Result<Option<Dataset>, String>> + 'a>>;
    pub type Reader = for<'a> fn(&'a str) -> Reading<'a>;

    fn boxed(name: &str) -> Reading<'_> {
        Box::pin(super::load_here(name))
    }

    /// The city reader, once its module is loaded.
    #[wasm_split(sync, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn reader() -> Result<Reader, SplitLoaderError> {
        Ok(boxed)
    }
}

/// [`load`], with the code in this module.
async fn load_here(name: &str) -> Result<Option<Dataset>, String> {
    let db = store::open(name).await.map_err(|e| e.to_string())?;
    let ds = load_from(&db).await;
    db.close();
    ds
}

/// [`load`] from a database already open.
pub async fn load_from(db: &Database) -> Result<Option<Dataset>, String> {
    let start = crate::timing::now();
    let parts = read_parts(db).await.map_err(|e| e.to_string())?;
    crate::timing::measure("mutasi:read-city", start);
    let Some(parts) = parts else {
        return Ok(None);
    };
    // Indexing is tasks of about `SLICE_MS` (the pause yields once a task has run that long),
    // and drawing the screens on the new data is a task of its own.
    crate::timing::yield_to_browser().await;
    let start = crate::timing::now();
    let slice = records::Slice::start();
    let ds = Dataset::new_partial_paced(parts, || slice.check())
        .await
        .map_err(|e| e.to_string());
    crate::timing::measure("mutasi:index-city", start);
    crate::timing::yield_to_browser().await;
    ds.map(Some)
}

async fn read_parts(db: &Database) -> Result<Option<DatasetParts>, store::StoreError> {
    use records::all_data_of_kind as all;
    let units = all(db, RecordKind::Unit).await?;
    if units.is_empty() {
        return Ok(None);
    }
    Ok(Some(DatasetParts {
        employees: all(db, RecordKind::Employee).await?,
        units,
        positions: all(db, RecordKind::Position).await?,
        slots: all(db, RecordKind::Slot).await?,
        needs: all(db, RecordKind::Need).await?,
        rules: all(db, RecordKind::Rules)
            .await?
            .into_iter()
            .next()
            .unwrap_or_default(),
    }))
}
