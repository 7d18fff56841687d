//! The app in a real headless Chromium: the shell mounts, shows the title, the navigation and
//! the status of the local cache; IndexedDB stores and returns values across connections.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use leptos::prelude::*;
use mutasi_web::store;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the whole app in a fresh container and returns the container. The language is
/// whatever this device saved (nothing saved: Bahasa Indonesia).
fn mount_app() -> web_sys::HtmlElement {
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), mutasi_web::App);
    handle.forget();
    host
}

/// Polls `check` every 50 ms for up to `limit`; returns the last value it produced.
async fn eventually<T, F: Fn() -> Option<T>>(limit: Duration, check: F) -> Option<T> {
    let mut waited = Duration::ZERO;
    loop {
        if let Some(found) = check() {
            return Some(found);
        }
        if waited >= limit {
            return None;
        }
        gloo_timers::future::sleep(Duration::from_millis(50)).await;
        waited += Duration::from_millis(50);
    }
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn nav_labels(host: &web_sys::HtmlElement) -> Vec<String> {
    let links = host.query_selector_all("nav.main-nav a").unwrap();
    (0..links.length())
        .map(|i| links.item(i).unwrap().text_content().unwrap())
        .collect()
}

fn click(host: &web_sys::HtmlElement, selector: &str) {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
}

#[wasm_bindgen_test]
async fn the_language_switch_turns_the_interface_to_english_and_back_and_is_remembered() {
    storage()
        .remove_item(mutasi_web::lang::STORAGE_KEY)
        .unwrap();
    let host = mount_app();
    let switch = host
        .query_selector("#lang-switch")
        .unwrap()
        .expect("a switch");
    assert_eq!(switch.text_content().unwrap(), "English");
    assert_eq!(switch.get_attribute("lang").as_deref(), Some("en"));
    // Signed out, the menu holds Beranda only, and the header offers the login.
    assert_eq!(nav_labels(&host), ["Beranda"]);
    let login = || {
        host.query_selector("#login-link")
            .unwrap()
            .map(|e| e.text_content().unwrap())
    };
    assert_eq!(login().as_deref(), Some("Masuk"));

    click(&host, "#lang-switch");
    let labels = eventually(Duration::from_secs(2), || {
        let labels = nav_labels(&host);
        (labels[0] == "Home").then_some(labels)
    })
    .await
    .expect("the navigation turned English");
    assert_eq!(labels, ["Home"]);
    assert_eq!(login().as_deref(), Some("Log in"));
    let html = document().document_element().unwrap();
    let lang = eventually(Duration::from_secs(2), || {
        html.get_attribute("lang").filter(|l| l == "en")
    })
    .await;
    assert_eq!(
        lang.as_deref(),
        Some("en"),
        "<html lang> follows the switch"
    );
    assert_eq!(
        storage()
            .get_item(mutasi_web::lang::STORAGE_KEY)
            .unwrap()
            .as_deref(),
        Some("en")
    );
    assert_eq!(switch.text_content().unwrap(), "Bahasa Indonesia");
    let pending = host.query_selector("#pending").unwrap().unwrap();
    assert!(
        pending.text_content().unwrap().contains("changes pending"),
        "{:?}",
        pending.text_content()
    );

    // The choice is remembered: the app opened again on this device starts in English.
    let again = mount_app();
    assert_eq!(nav_labels(&again), ["Home"]);

    // And back to Bahasa Indonesia.
    click(&host, "#lang-switch");
    let back = eventually(Duration::from_secs(2), || {
        (nav_labels(&host)[0] == "Beranda").then_some(())
    })
    .await;
    assert!(back.is_some(), "the navigation turned Indonesian again");
    assert_eq!(
        storage()
            .get_item(mutasi_web::lang::STORAGE_KEY)
            .unwrap()
            .as_deref(),
        Some("id")
    );
    again.remove();
    host.remove();
}

#[wasm_bindgen_test]
async fn shell_shows_title_navigation_and_cache_status() {
    storage()
        .remove_item(mutasi_web::lang::STORAGE_KEY)
        .unwrap();
    let host = mount_app();
    let title = host.query_selector("h1").unwrap().expect("a title");
    assert_eq!(
        title.text_content().unwrap(),
        "Mutasi ASN — Pemerintah Kota Palembang"
    );
    // Signed out: Beranda only (each role's menu: `a_menu_shows_each_role_what_it_may_open`).
    assert_eq!(nav_labels(&host), ["Beranda"]);
    // The cache opens IndexedDB at start-up; it has never synced.
    let status = eventually(Duration::from_secs(5), || {
        let el = host.query_selector("#cache-status").ok()??;
        (el.get_attribute("data-state")? == "ready").then(|| el.text_content().unwrap())
    })
    .await
    .expect("the local cache opened");
    assert!(status.contains("belum pernah"), "status was {status:?}");
    // The test runner's server has no /api/health: the indicator must say offline.
    let link = eventually(Duration::from_secs(5), || {
        let el = host.query_selector("#connection").ok()??;
        let state = el.get_attribute("data-state")?;
        (state != "checking").then_some(state)
    })
    .await
    .expect("the health ping finished");
    assert_eq!(link, "offline");
}

#[wasm_bindgen_test]
async fn indexeddb_keeps_values_across_connections() {
    let name = format!("mutasi-test-{}", js_sys::Math::random());
    let db = store::open(&name).await.expect("open");
    assert_eq!(
        store::get_meta(&db, store::LAST_SYNCED).await.unwrap(),
        None
    );
    store::put_meta(&db, store::LAST_SYNCED, "2026-11-28T10:00:00Z")
        .await
        .expect("write");
    db.close();

    let db = store::open(&name).await.expect("reopen");
    assert_eq!(
        store::get_meta(&db, store::LAST_SYNCED).await.unwrap(),
        Some("2026-11-28T10:00:00Z".to_string())
    );
    store::put_meta(&db, store::LAST_SYNCED, "2026-11-29T08:30:00Z")
        .await
        .expect("overwrite");
    assert_eq!(
        store::get_meta(&db, store::LAST_SYNCED)
            .await
            .unwrap()
            .as_deref(),
        Some("2026-11-29T08:30:00Z")
    );
    db.close();
}

#[wasm_bindgen_test]
fn components_render_without_the_network() {
    // A component mounted on its own renders synchronously.
    storage()
        .remove_item(mutasi_web::lang::STORAGE_KEY)
        .unwrap();
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let _handle = leptos::mount::mount_to(host.clone(), || {
        mutasi_web::lang::provide();
        view! { <mutasi_web::pages::home::Home /> }
    });
    let heading = host.query_selector("h2").unwrap().unwrap();
    assert_eq!(heading.text_content().unwrap(), "Beranda");
}

#[wasm_bindgen_test]
async fn the_first_keyboard_stop_skips_to_the_page() {
    // Issue 20 #11: without a skip link the login form came after 11 stops.
    storage()
        .remove_item(mutasi_web::lang::STORAGE_KEY)
        .unwrap();
    let host = mount_app();
    let first = host
        .query_selector("a[href], button, input, select, [tabindex]:not([tabindex='-1'])")
        .unwrap()
        .expect("something to focus");
    assert_eq!(first.class_name(), "skip-link");
    assert_eq!(first.text_content().unwrap(), "Langsung ke isi halaman");
    assert_eq!(first.get_attribute("href").as_deref(), Some("#content"));
    let main = host.query_selector("main#content").unwrap().expect("main");
    assert_eq!(main.get_attribute("tabindex").as_deref(), Some("-1"));
    // Enter on it puts focus on the page (the router does not swallow it as a navigation).
    first.unchecked_ref::<web_sys::HtmlElement>().click();
    assert!(document()
        .active_element()
        .is_some_and(|a| a.is_same_node(Some(&main))));
}

#[wasm_bindgen_test]
fn a_menu_shows_each_role_what_it_may_open() {
    use mutasi_core::wire::auth::Role;
    use mutasi_web::components::nav::{nav_label, paths_for};
    let menu = |role| -> Vec<&str> {
        paths_for(role)
            .iter()
            .map(|p| nav_label(p, mutasi_web::i18n::Locale::id))
            .collect()
    };
    assert_eq!(menu(None), ["Beranda"]);
    assert_eq!(menu(Some(Role::Employee)), ["Beranda", "Usulan"]);
    // Issue 20 #10: a planner does not see Audit (it answered "hanya untuk approver dan admin").
    assert_eq!(
        menu(Some(Role::Planner)),
        [
            "Beranda",
            "Pegawai",
            "Formasi",
            "Rencana Mutasi",
            "Talenta",
            "Usulan",
            "SK",
            "Dampak"
        ]
    );
    assert_eq!(
        menu(Some(Role::Approver)),
        ["Beranda", "Pegawai", "Formasi", "Talenta", "Usulan", "SK", "Dampak", "Audit"]
    );
    let admin = menu(Some(Role::Admin));
    assert!(admin.contains(&"Audit") && admin.contains(&"Data") && admin.contains(&"Akun"));
}

#[wasm_bindgen_test]
async fn a_new_page_takes_the_focus_but_the_first_load_does_not() {
    // Issue 20 #11: opening a page left focus on the menu; after login it dropped to the body.
    // The apps earlier tests mounted follow the same URL: take them off the page.
    let earlier = document().query_selector_all("main#content").unwrap();
    for i in 0..earlier.length() {
        if let Some(app) = earlier.item(i).and_then(|m| m.parent_node()) {
            app.unchecked_into::<web_sys::Element>().remove();
        }
    }
    storage()
        .remove_item(mutasi_web::lang::STORAGE_KEY)
        .unwrap();
    let host = mount_app();
    let in_main = |el: &web_sys::Element| {
        host.query_selector("main")
            .unwrap()
            .is_some_and(|m| m.contains(Some(el)))
    };
    gloo_timers::future::sleep(Duration::from_millis(300)).await;
    let boot = document().active_element();
    assert!(
        !boot.as_ref().is_some_and(&in_main),
        "the first load leaves focus alone: {:?}",
        boot.map(|e| e.outer_html())
    );

    // To the login page: focus lands on its heading, which can hold it. (A history step rather
    // than a click: the routers of apps mounted by earlier tests, still alive, would take the
    // click; the e2e keyboard test follows real links.)
    go("/masuk");
    let focused = |want: &'static str| {
        let host = host.clone();
        async move {
            eventually(Duration::from_secs(5), || {
                let el = document().active_element()?;
                (el.tag_name() == "H2" && host.contains(Some(&el)) && el.text_content()? == want)
                    .then_some(el)
            })
            .await
        }
    };
    let heading = focused("Masuk")
        .await
        .expect("focus on the login page's heading");
    assert_eq!(heading.get_attribute("tabindex").as_deref(), Some("-1"));
    assert!(in_main(&heading));

    // Back home: the home page's heading.
    go("/");
    focused("Beranda")
        .await
        .expect("focus on the home page's heading");
}

/// Moves the app to `path` as the browser's history does (every router hears it).
fn go(path: &str) {
    let step = js_sys::Function::new_with_args(
        "path",
        "history.pushState(null, '', path); dispatchEvent(new PopStateEvent('popstate'))",
    );
    step.call1(&wasm_bindgen::JsValue::NULL, &path.into())
        .unwrap();
}

/// Sends a keydown of `key` to `el`, as a keyboard would.
fn press(el: &web_sys::Element, key: &str) {
    let send = js_sys::Function::new_with_args(
        "el, key",
        "el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))",
    );
    send.call2(&wasm_bindgen::JsValue::NULL, el, &key.into())
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_group_of_checkboxes_is_one_keyboard_stop_with_arrow_keys_inside() {
    use mutasi_web::components::choices::CheckGroup;
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let chosen = RwSignal::new(vec![2u8]);
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <CheckGroup
                id="test-group"
                legend=Signal::derive(|| "Kecamatan".to_string())
                hint=Signal::derive(|| "panah".to_string())
                options=vec![(1u8, "Ilir Barat I"), (2, "Ilir Timur I"), (3, "Plaju")]
                chosen
            />
        }
    });
    handle.forget();
    let boxes = || -> Vec<web_sys::HtmlInputElement> {
        let list = host.query_selector_all("#test-group input").unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().unchecked_into())
            .collect()
    };
    let stops = || -> Vec<String> {
        boxes()
            .iter()
            .map(|b| b.get_attribute("tabindex").unwrap_or_default())
            .collect()
    };
    // One stop, described by the hint; the fieldset has its legend.
    assert_eq!(stops(), ["0", "-1", "-1"]);
    let group = host.query_selector("#test-group").unwrap().unwrap();
    assert_eq!(group.tag_name(), "FIELDSET");
    assert_eq!(
        group.get_attribute("aria-describedby").as_deref(),
        Some("test-group-hint")
    );
    assert_eq!(
        boxes().iter().map(|b| b.checked()).collect::<Vec<_>>(),
        [false, true, false]
    );

    // Arrow keys move focus and the stop; Up from the first wraps to the last; Home returns.
    boxes()[0].focus().unwrap();
    press(&boxes()[0], "ArrowDown");
    tick().await;
    let active = || document().active_element().unwrap();
    assert!(active().is_same_node(Some(&boxes()[1])));
    assert_eq!(stops(), ["-1", "0", "-1"]);
    press(&boxes()[1], "ArrowUp");
    press(&boxes()[0], "ArrowUp");
    tick().await;
    assert!(active().is_same_node(Some(&boxes()[2])));
    assert_eq!(stops(), ["-1", "-1", "0"]);
    press(&boxes()[2], "Home");
    tick().await;
    assert!(active().is_same_node(Some(&boxes()[0])));

    // Space (a click on the focused box) ticks it; the chosen list follows.
    boxes()[0].click();
    tick().await;
    assert_eq!(chosen.get_untracked(), vec![2, 1]);
    boxes()[1].click();
    tick().await;
    assert_eq!(chosen.get_untracked(), vec![1]);
}

async fn tick() {
    gloo_timers::future::sleep(Duration::from_millis(20)).await;
}

#[wasm_bindgen_test]
fn the_pull_keeps_the_first_pages_total_and_never_shows_less_than_arrived() {
    use mutasi_core::wire::sync::{PullResponse, Record, RecordKind};
    use mutasi_web::sync::execute::PullProgress;
    let page = |n: u64, more: bool, remaining: Option<u64>| PullResponse {
        wire_version: 1,
        records: (0..n)
            .map(|i| Record {
                kind: RecordKind::Slot,
                id: format!("s{i}"),
                version: 1,
                seq: i + 1,
                data: serde_json::Value::Null,
            })
            .collect(),
        cursor: n,
        more,
        remaining,
    };
    let start = PullProgress::default();
    // The first page was asked to count: 3 here, 7 left.
    let total = start.total_after(&page(3, true, Some(7)));
    assert_eq!(total, Some(10));
    let after = PullProgress {
        received: 3,
        total,
        bytes: 0,
    };
    // A later page says nothing: the total holds.
    assert_eq!(after.total_after(&page(3, true, None)), Some(10));
    // Changes committed meanwhile: the total grows with what arrives.
    let late = PullProgress {
        received: 9,
        total,
        bytes: 0,
    };
    assert_eq!(late.total_after(&page(3, true, None)), Some(12));
    // An older server never says: no total until the last page.
    assert_eq!(start.total_after(&page(3, true, None)), None);
    // The last page: what arrived is the whole.
    assert_eq!(after.total_after(&page(2, false, None)), Some(5));
}
