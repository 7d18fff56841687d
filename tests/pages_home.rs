//! Beranda in headless Chromium: the figures are those of the core's list queries, the charts
//! have accessible names, and an empty device gets a clear message.
#![cfg(target_arch = "wasm32")]

mod pages_support;

use leptos::prelude::*;
use mutasi_core::query::{plt_posts, retirements_within, rotations_due, workforce_need};
use mutasi_web::components::format::num;
use mutasi_web::pages::home::Home;
use pages_support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn stat(host: &web_sys::HtmlElement, id: &str) -> String {
    text(&one(host, &format!("#{id} .stat-value")).expect(id))
}

#[wasm_bindgen_test]
fn demo_figures_come_from_the_core() {
    let ds = demo();
    let rules = ds.rules();
    let host = mount(Some(ds.clone()), || view! { <Home /> });
    assert_eq!(text(&one(&host, "h2").unwrap()), "Beranda");
    assert_eq!(
        stat(&host, "stat-rotations"),
        num(rotations_due(&ds, today(), rules).len() as f64, 0)
    );
    assert_eq!(
        stat(&host, "stat-retirements"),
        num(retirements_within(&ds, today(), 12, rules).len() as f64, 0)
    );
    assert_eq!(
        stat(&host, "stat-plt"),
        num(plt_posts(&ds, today()).len() as f64, 0)
    );
    let shortage: f64 = workforce_need(&ds, rules)
        .iter()
        .map(|r| -r.gap.min(0.0))
        .sum();
    assert_eq!(stat(&host, "stat-shortage"), num(shortage, 0));
    // The demo city has Plt principals (130 SD + 19 SMP at least).
    assert!(plt_posts(&ds, today()).len() >= 149);
    // The longest-acting Plt post comes first and opens its candidates.
    let plt = plt_posts(&ds, today());
    let first = one(&host, "#plt-list li a").expect("a Plt list");
    let want = format!(
        "/formasi/slot/{}",
        String::from(js_sys::encode_uri_component(
            ds.slots()[plt[0].slot as usize].id.as_str()
        ))
    );
    assert_eq!(first.get_attribute("href").unwrap(), want);
    assert_eq!(all(&host, "#plt-list li").len(), plt.len().min(8));
    let retire = retirements_within(&ds, today(), 12, rules);
    let first = one(&host, "#retire-list li a").expect("a retirement list");
    assert_eq!(
        first.get_attribute("href").unwrap(),
        format!(
            "/pegawai/{}",
            ds.employees()[retire[0].employee as usize].nip
        )
    );
    let charts = all(&host, "svg.bar-chart");
    assert_eq!(charts.len(), 2);
    for c in &charts {
        assert!(!c.get_attribute("aria-label").unwrap().is_empty());
        assert!(!all(c, "rect").is_empty(), "a chart with bars");
    }
}

#[wasm_bindgen_test]
fn without_data_the_page_says_so() {
    let host = mount(None, || view! { <Home /> });
    assert_eq!(text(&one(&host, "h2").unwrap()), "Beranda");
    assert!(text(&host).contains("Belum ada data di perangkat ini"));
    assert!(one(&host, ".stats").is_none());
}
