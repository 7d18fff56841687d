//! The sync engine's driver: decides *when* to sync and exposes its state to the UI.
//!
//! A sync runs at start-up, when the browser comes back online, about a second after a local
//! change (debounced), and every 30 s; after a failure it waits with exponential backoff and
//! jitter. Only one tab syncs at a time (Web Locks). What a sync does is in [`crate::sync`].

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::wire::sync::{Op, Record};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::ApiError;
use crate::state::cache::{use_cache_status, CacheState};
use crate::state::connectivity::use_connectivity;
use crate::state::data::use_city_data;
use crate::state::session::use_session;
use crate::store::{self, outbox};
use crate::sync::execute::{run as sync_once, PullProgress, SyncError};
use crate::sync::plan::backoff;

/// Time between periodic syncs.
pub const PERIOD: Duration = Duration::from_secs(30);
/// Delay between a local change and the sync that pushes it.
pub const DEBOUNCE: Duration = Duration::from_secs(1);
const TICK: Duration = Duration::from_millis(250);

/// The sync state shown by the UI, provided in context by [`provide`].
#[derive(Debug, Clone, Copy)]
pub struct SyncState {
    pub syncing: RwSignal<bool>,
    /// Changes made on this device not yet on the server.
    pub pending: RwSignal<u32>,
    /// Changes the server refused, waiting for the user.
    pub conflicts: RwSignal<u32>,
    /// How far the running sync's pull is (for the first sync's progress bar).
    pub progress: RwSignal<Option<PullProgress>>,
    /// Why the last sync failed (cleared by the next that succeeds).
    pub last_error: RwSignal<Option<SyncError>>,
    /// When the next sync is due (ms since epoch); 0 means now.
    next_at: RwSignal<f64>,
    failures: RwSignal<u32>,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl SyncState {
    /// Asks for a sync as soon as possible.
    pub fn request(&self) {
        self.next_at.set(0.0);
    }

    /// Asks for a sync shortly (after local changes, so several edits go in one push).
    pub fn request_soon(&self) {
        let at = now_ms() + DEBOUNCE.as_millis() as f64;
        if self.next_at.get_untracked() > at {
            self.next_at.set(at);
        }
    }

    /// Records a local change: the changed record and its outbox entry in one transaction,
    /// then a debounced sync.
    pub async fn record_change(&self, op: Op, local: Option<Record>) -> Result<(), String> {
        let db = store::open(store::DB_NAME)
            .await
            .map_err(|e| e.to_string())?;
        let queued_at = js_sys::Date::new_0()
            .to_iso_string()
            .as_string()
            .unwrap_or_default();
        let result = outbox::enqueue(&db, &op, local.as_ref(), &queued_at).await;
        let count = outbox::pending_count(&db).await.unwrap_or(0);
        db.close();
        result.map_err(|e| e.to_string())?;
        self.pending.set(count);
        self.request_soon();
        Ok(())
    }

    async fn refresh_counts(self) {
        if let Ok(db) = store::open(store::DB_NAME).await {
            if let Ok(n) = outbox::pending_count(&db).await {
                self.pending.set(n);
            }
            if let Ok(n) = outbox::conflict_count(&db).await {
                self.conflicts.set(n);
            }
            db.close();
        }
    }
}

/// Runs `work` while holding the Web Lock `name`, so only one tab syncs at a time. Browsers
/// without Web Locks run it directly.
async fn with_lock(name: &str, work: impl std::future::Future<Output = ()> + 'static) {
    let navigator = match web_sys::window() {
        Some(w) => w.navigator(),
        None => return,
    };
    let locks = js_sys::Reflect::get(&navigator, &"locks".into()).unwrap_or(JsValue::UNDEFINED);
    let request = js_sys::Reflect::get(&locks, &"request".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(request) = request else {
        work.await;
        return;
    };
    let mut work = Some(work);
    let callback = Closure::<dyn FnMut(JsValue) -> js_sys::Promise>::new(move |_lock| {
        let work = work.take();
        wasm_bindgen_futures::future_to_promise(async move {
            if let Some(work) = work {
                work.await;
            }
            Ok(JsValue::UNDEFINED)
        })
    });
    if let Ok(promise) = request.call2(&locks, &name.into(), callback.as_ref()) {
        let _ = JsFuture::from(js_sys::Promise::from(promise)).await;
    }
}

/// Creates the sync state, starts the driver loop and provides the state in context.
pub fn provide() -> SyncState {
    let state = SyncState {
        syncing: RwSignal::new(false),
        pending: RwSignal::new(0),
        conflicts: RwSignal::new(0),
        progress: RwSignal::new(None),
        last_error: RwSignal::new(None),
        next_at: RwSignal::new(0.0),
        failures: RwSignal::new(0),
    };
    provide_context(state);
    let conn = use_connectivity();
    let cache = use_cache_status();
    let data = use_city_data();
    let session = use_session();

    // Coming back online syncs at once.
    Effect::new(move |_| {
        if conn.browser_online.get() {
            state.request();
        }
    });
    spawn_local(state.refresh_counts());

    spawn_local(async move {
        loop {
            gloo_timers::future::sleep(TICK).await;
            let due = now_ms() >= state.next_at.get_untracked();
            let can = conn.browser_online.get_untracked() && session.restored.get_untracked();
            let Some(token) = session.token() else {
                continue;
            };
            if !due || !can || state.syncing.get_untracked() {
                continue;
            }
            state.syncing.set(true);
            let outcome = std::rc::Rc::new(std::cell::RefCell::new(None));
            let slot = outcome.clone();
            with_lock("mutasi-sync", async move {
                let result = async {
                    let db = store::open(store::DB_NAME).await?;
                    let progress = |p: PullProgress| state.progress.set(Some(p));
                    let report = sync_once(&db, &token, &progress).await;
                    if report.is_ok() {
                        let when = js_sys::Date::new_0()
                            .to_iso_string()
                            .as_string()
                            .unwrap_or_default();
                        store::put_meta(&db, store::LAST_SYNCED, &when).await?;
                    }
                    db.close();
                    report
                }
                .await;
                *slot.borrow_mut() = Some(result);
            })
            .await;
            state.progress.set(None);
            state.syncing.set(false);
            let result = outcome.borrow_mut().take();
            match result {
                Some(Ok(report)) => {
                    state.failures.set(0);
                    state.last_error.set(None);
                    state.next_at.set(now_ms() + PERIOD.as_millis() as f64);
                    let when = js_sys::Date::new_0().to_iso_string().as_string();
                    cache.state.set(CacheState::Ready { last_synced: when });
                    if report.pulled > 0 {
                        data.reload();
                    }
                }
                Some(Err(SyncError::Api(ApiError::Unauthorized(msg)))) => {
                    state
                        .last_error
                        .set(Some(SyncError::Api(ApiError::Unauthorized(msg))));
                    let _ = session.clear().await;
                }
                Some(Err(err)) => {
                    let attempt = state.failures.get_untracked();
                    state.failures.set(attempt + 1);
                    state.last_error.set(Some(err));
                    let wait = backoff(attempt, js_sys::Math::random());
                    state.next_at.set(now_ms() + wait.as_millis() as f64);
                }
                None => state.next_at.set(now_ms() + PERIOD.as_millis() as f64),
            }
            state.refresh_counts().await;
        }
    });
    state
}

/// The sync state from context.
pub fn use_sync() -> SyncState {
    expect_context::<SyncState>()
}
