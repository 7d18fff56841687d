//! Shared helpers of the page suites (`tests/pages_*.rs`): mount a page inside a router with a
//! `CityData` in context, read the DOM, wait for reactive updates.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::Router;
use mutasi_core::Dataset;
use mutasi_web::state::data::{CityData, DataState};
use wasm_bindgen::JsCast;

thread_local! {
    static DEMO: Arc<Dataset> = Arc::new(mutasi_core::demo::generate(1));
    static SMALL: Arc<Dataset> = Arc::new(mutasi_core::fixture::small());
}

/// The demo city (seed 1), generated once per suite.
pub fn demo() -> Arc<Dataset> {
    DEMO.with(Arc::clone)
}

/// The small hand-made fixture.
pub fn small() -> Arc<Dataset> {
    SMALL.with(Arc::clone)
}

/// The date both datasets are described on.
pub fn today() -> NaiveDate {
    mutasi_core::fixture::today()
}

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts `page` in a fresh container inside a router, with `ds` as the city data (`None`: the
/// device holds no data), in Bahasa Indonesia (the default). Returns the container.
pub fn mount<F, V>(ds: Option<Arc<Dataset>>, page: F) -> web_sys::HtmlElement
where
    F: FnOnce() -> V + Send + 'static,
    V: IntoView + 'static,
{
    mount_in("id", ds, page)
}

/// [`mount`] with the interface in English, as if the user had chosen it with the switch.
pub fn mount_en<F, V>(ds: Option<Arc<Dataset>>, page: F) -> web_sys::HtmlElement
where
    F: FnOnce() -> V + Send + 'static,
    V: IntoView + 'static,
{
    mount_in("en", ds, page)
}

/// [`mount`] with the language saved on the device set to `lang` ("id" or "en") first.
pub fn mount_in<F, V>(lang: &str, ds: Option<Arc<Dataset>>, page: F) -> web_sys::HtmlElement
where
    F: FnOnce() -> V + Send + 'static,
    V: IntoView + 'static,
{
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage
        .set_item(mutasi_web::lang::STORAGE_KEY, lang)
        .unwrap();
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        mutasi_web::lang::provide();
        let state = if ds.is_some() {
            DataState::Ready
        } else {
            DataState::Empty
        };
        provide_context(CityData::visible(ds, state, today()));
        view! { <Router>{page()}</Router> }
    });
    handle.forget();
    host
}

/// All elements matching `selector` under `host`.
pub fn all(host: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::HtmlElement> {
    let list = host.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

/// The first element matching `selector`, if any.
pub fn one(host: &web_sys::HtmlElement, selector: &str) -> Option<web_sys::HtmlElement> {
    host.query_selector(selector)
        .unwrap()
        .map(|e| e.unchecked_into())
}

/// Text of an element.
pub fn text(el: &web_sys::HtmlElement) -> String {
    el.text_content().unwrap_or_default()
}

/// Polls `check` every 20 ms until it yields a value or `limit` passes (reactive updates land
/// in a later task than the click that caused them).
pub async fn eventually<T, F: Fn() -> Option<T>>(limit: Duration, check: F) -> Option<T> {
    let mut waited = Duration::ZERO;
    loop {
        if let Some(found) = check() {
            return Some(found);
        }
        if waited >= limit {
            return None;
        }
        gloo_timers::future::sleep(Duration::from_millis(20)).await;
        waited += Duration::from_millis(20);
    }
}

/// Waits for the reactive system to settle after an event.
pub async fn tick() {
    gloo_timers::future::sleep(Duration::from_millis(30)).await;
}
