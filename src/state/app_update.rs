//! The service worker: registers `/sw.js` (which keeps the app shell for offline use) and tells
//! the UI when a new version of the app has been installed and is waiting. The new version takes
//! over only when the user asks ([`AppUpdate::apply`]), so nothing they are typing is lost.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// How often the registration's state is looked at.
const WATCH_INTERVAL: std::time::Duration = std::time::Duration::from_secs(2);
/// Ask the server for a newer build every this many watch intervals (30 minutes).
const UPDATE_CHECK_TICKS: u32 = 900;

/// The service worker's state as the UI sees it, provided in context by [`provide`].
#[derive(Debug, Clone, Copy)]
pub struct AppUpdate {
    /// The app shell is cached: the app will open without a network.
    pub offline_ready: RwSignal<bool>,
    /// A newer version is installed and waiting for the user to reload.
    pub update_ready: RwSignal<bool>,
}

impl AppUpdate {
    /// Asks the waiting worker to take over; the page reloads once it controls the page.
    pub fn apply(&self) {
        let Some(container) = container() else { return };
        let reload = Closure::<dyn FnMut()>::new(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
        reload.forget();
        let Ok(ready) = container.ready() else { return };
        spawn_local(async move {
            if let Ok(reg) = JsFuture::from(ready).await {
                let reg: ServiceWorkerRegistration = reg.unchecked_into();
                if let Some(waiting) = reg.waiting() {
                    let _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
                }
            }
        });
    }
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Browsers without service workers (or insecure origins) have no `serviceWorker`.
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()
        .filter(|has| *has)
        .map(|_| navigator.service_worker())
}

/// Registers the service worker and provides the update state in context.
pub fn provide() -> AppUpdate {
    let update = AppUpdate {
        offline_ready: RwSignal::new(false),
        update_ready: RwSignal::new(false),
    };
    provide_context(update);
    spawn_local(async move {
        if let Err(err) = register(update).await {
            leptos::logging::warn!("service worker not registered: {err:?}");
        }
    });
    update
}

async fn register(update: AppUpdate) -> Result<(), JsValue> {
    let Some(container) = container() else {
        return Ok(());
    };
    let reg: ServiceWorkerRegistration = JsFuture::from(container.register("/sw.js"))
        .await?
        .dyn_into()?;
    if reg.waiting().is_some() && container.controller().is_some() {
        update.update_ready.set(true);
    }
    if reg.active().is_some() {
        update.offline_ready.set(true);
    }
    let reg_for_listener = reg.clone();
    let container_for_listener = container.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        let Some(worker) = reg_for_listener.installing() else {
            return;
        };
        let watched = worker.clone();
        let container = container_for_listener.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            if watched.state() == ServiceWorkerState::Installed {
                // With a controller this is an update; without one, the first install.
                if container.controller().is_some() {
                    update.update_ready.set(true);
                } else {
                    update.offline_ready.set(true);
                }
            } else if watched.state() == ServiceWorkerState::Activated {
                update.offline_ready.set(true);
            }
        });
        worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    reg.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
    // Events can be missed (a worker may finish installing between two listeners being set), so
    // the registration's state is also checked every few seconds, and the server is asked for a
    // newer build every 30 minutes.
    spawn_local(async move {
        let mut ticks: u32 = 0;
        loop {
            gloo_timers::future::sleep(WATCH_INTERVAL).await;
            ticks = ticks.wrapping_add(1);
            if reg.active().is_some() {
                update.offline_ready.set(true);
            }
            if reg.waiting().is_some() && container.controller().is_some() {
                update.update_ready.set(true);
            }
            if ticks.is_multiple_of(UPDATE_CHECK_TICKS) {
                if let Ok(promise) = reg.update() {
                    let _ = JsFuture::from(promise).await;
                }
            }
        }
    });
    Ok(())
}

/// The update state from context.
pub fn use_app_update() -> AppUpdate {
    expect_context::<AppUpdate>()
}
