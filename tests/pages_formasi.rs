//! Formasi in headless Chromium: the OPD table is ordered by shortage as `unit_need` computes
//! it, re-sorts on request, drills down to jabatan and slots, and says so when there is no data.
#![cfg(target_arch = "wasm32")]

mod pages_support;

use std::collections::BTreeMap;
use std::time::Duration;

use leptos::prelude::*;
use mutasi_core::model::HoldKind;
use mutasi_core::query::{unit_need, workforce_need};
use mutasi_core::Dataset;
use mutasi_web::pages::formasi::Formasi;
use mutasi_web::pages::formasi_opd::OpdDetail;
use pages_support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// (OPD id, gap) per OPD, computed straight from `unit_need`.
fn gaps_by_opd(ds: &Dataset) -> BTreeMap<String, f64> {
    let mut m = BTreeMap::new();
    for (unit, keb, bez, _) in unit_need(ds, ds.rules()) {
        let opd = ds.units()[ds.opd_of_unit(unit) as usize].id.to_string();
        *m.entry(opd).or_insert(0.0) += bez as f64 - keb;
    }
    m
}

fn row_units(host: &web_sys::HtmlElement) -> Vec<String> {
    all(host, "#formasi-opd tbody tr")
        .iter()
        .map(|r| r.get_attribute("data-unit").unwrap())
        .collect()
}

fn check_biggest_shortage_first(ds: std::sync::Arc<Dataset>) {
    let gaps = gaps_by_opd(&ds);
    let host = mount(Some(ds.clone()), || view! { <Formasi /> });
    let rows = row_units(&host);
    assert_eq!(rows.len(), gaps.len(), "one row per OPD");
    let (worst, worst_gap) = gaps
        .iter()
        .min_by(|a, b| a.1.total_cmp(b.1))
        .map(|(k, v)| (k.clone(), *v))
        .unwrap();
    assert!(
        (gaps[&rows[0]] - worst_gap).abs() < 1e-9,
        "{} vs {worst}",
        rows[0]
    );
    // Row order follows the gap.
    let listed: Vec<f64> = rows.iter().map(|u| gaps[u]).collect();
    // (Sums in another order may differ in the last bits.)
    assert!(listed.windows(2).all(|w| w[0] <= w[1] + 1e-9), "{listed:?}");
    let first = text(&all(&host, "#formasi-opd tbody tr")[0]);
    if worst_gap <= -0.5 {
        assert!(first.contains("Kekurangan"), "{first}");
        assert!(first.contains('−'), "the sign is shown: {first}");
    }
    // The chart has an accessible name.
    let svg = one(&host, "svg.bar-chart").expect("a chart");
    assert!(svg
        .get_attribute("aria-label")
        .unwrap()
        .contains("kekurangan"));
}

#[wasm_bindgen_test]
fn fixture_table_starts_with_the_biggest_shortage() {
    check_biggest_shortage_first(small());
}

#[wasm_bindgen_test]
fn demo_table_starts_with_the_biggest_shortage() {
    check_biggest_shortage_first(demo());
}

#[wasm_bindgen_test]
async fn sorting_by_excess_puts_the_biggest_excess_first() {
    let ds = demo();
    let gaps = gaps_by_opd(&ds);
    let best = gaps.values().copied().fold(f64::MIN, f64::max);
    let host = mount(Some(ds), || view! { <Formasi /> });
    let button = all(&host, "button.sort")
        .into_iter()
        .find(|b| text(b).contains("Kelebihan terbesar"))
        .expect("a sort button");
    button.click();
    let first = eventually(Duration::from_secs(5), || {
        let rows = row_units(&host);
        ((gaps[&rows[0]] - best).abs() < 1e-9).then_some(())
    })
    .await;
    assert!(first.is_some(), "first row was {:?}", row_units(&host)[0]);
    let listed: Vec<f64> = row_units(&host).iter().map(|u| gaps[u]).collect();
    assert!(listed.windows(2).all(|w| w[0] + 1e-9 >= w[1]), "{listed:?}");
    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn drill_down_lists_jabatan_and_filters_slots() {
    let ds = demo();
    let opd_id = gaps_by_opd(&ds)
        .into_iter()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap()
        .0;
    let opd = ds
        .unit_idx(&opd_id.parse().unwrap())
        .expect("the OPD exists");
    let id = opd_id.clone();
    let host = mount(Some(ds.clone()), move || view! { <OpdDetail unit_id=id /> });
    let positions: std::collections::BTreeSet<u32> = workforce_need(&ds, ds.rules())
        .into_iter()
        .filter(|r| ds.opd_of_unit(r.unit) == opd)
        .map(|r| r.position)
        .collect();
    assert_eq!(
        all(&host, "#formasi-jabatan tbody tr").len(),
        positions.len()
    );
    // Default: open slots (vacant or Plt), each with a link to its candidates.
    let open = (0..ds.slots().len() as u32)
        .filter(|&s| ds.opd_of_unit(ds.slot_unit_idx(s)) == opd && ds.slots()[s as usize].is_open())
        .count();
    let rows = all(&host, "#formasi-slots tbody tr");
    assert_eq!(rows.len(), open.min(200));
    assert!(rows
        .iter()
        .all(|r| text(r).contains("Kosong") || text(r).contains("Plt")));
    // Filter: definitive only.
    let definitive = (0..ds.slots().len() as u32)
        .filter(|&s| {
            ds.opd_of_unit(ds.slot_unit_idx(s)) == opd
                && ds.slots()[s as usize].holder.as_ref().map(|h| h.kind)
                    == Some(HoldKind::Definitive)
        })
        .count();
    all(&host, "button.sort")
        .into_iter()
        .find(|b| text(b).starts_with("Definitif"))
        .unwrap()
        .click();
    let shown = eventually(Duration::from_secs(5), || {
        let rows = all(&host, "#formasi-slots tbody tr");
        (!rows.is_empty() && rows.iter().all(|r| text(r).contains("Definitif")))
            .then_some(rows.len())
    })
    .await
    .expect("definitive slots listed");
    assert_eq!(shown, definitive.min(200));
}

#[wasm_bindgen_test]
fn without_data_the_page_says_so() {
    let host = mount(None, || view! { <Formasi /> });
    let msg = text(&one(&host, ".no-data").expect("a message"));
    assert!(msg.contains("Belum ada data di perangkat ini"), "{msg}");
    assert!(one(&host, "table").is_none());
}

#[wasm_bindgen_test]
fn the_page_speaks_one_language_at_a_time() {
    let host = mount(Some(small()), || view! { <Formasi /> });
    assert_eq!(text(&one(&host, "h2").unwrap()), "Formasi");
    let page = text(&host);
    assert!(page.contains("Kelas ABK"), "{page}");
    assert!(!page.contains("Need and headcount"), "{page}");
    assert!(!page.contains(" / "), "no bilingual pairs: {page}");
    assert!(one(&host, ".en").is_none());
}

#[wasm_bindgen_test]
fn in_english_the_table_and_chart_are_english() {
    let ds = small();
    let worst_gap = gaps_by_opd(&ds).into_values().fold(f64::MAX, f64::min);
    let host = mount_en(Some(ds), || view! { <Formasi /> });
    let title = text(&one(&host, "h2").unwrap());
    assert_eq!(title, "Positions and needs");
    let page = text(&host);
    assert!(page.contains("Need and headcount per OPD"), "{page}");
    assert!(page.contains("Net shortage over OPD: "), "{page}");
    assert!(!page.contains("Kebutuhan"), "{page}");
    assert!(!page.contains("Kekurangan terbesar"), "{page}");
    let headers: Vec<String> = all(&host, "#formasi-opd thead th")
        .iter()
        .map(text)
        .collect();
    assert_eq!(headers, ["OPD", "Need", "Headcount", "Gap", "ABK class"]);
    assert!(all(&host, "button.sort")
        .iter()
        .any(|b| text(b) == "Biggest excess"));
    let label = one(&host, "svg.bar-chart")
        .unwrap()
        .get_attribute("aria-label")
        .unwrap();
    assert_eq!(label, "Largest gaps per OPD (negative = shortage)");
    let first = text(&all(&host, "#formasi-opd tbody tr")[0]);
    if worst_gap <= -0.5 {
        assert!(first.contains("Shortage"), "{first}");
    }
    assert!(!first.contains("Kekurangan"), "{first}");
}

#[wasm_bindgen_test]
async fn in_english_the_opd_page_filters_slots_by_english_labels() {
    let ds = demo();
    let opd_id = gaps_by_opd(&ds)
        .into_iter()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap()
        .0;
    let host = mount_en(Some(ds), move || view! { <OpdDetail unit_id=opd_id /> });
    let heading = text(&one(&host, "h2").unwrap());
    assert!(heading.starts_with("Positions and needs: "), "{heading}");
    assert_eq!(text(&one(&host, "h3").unwrap()), "Slots");
    assert_eq!(
        text(&one(&host, "a[href='/formasi']").unwrap()),
        "← All OPD"
    );
    let rows = all(&host, "#formasi-slots tbody tr");
    assert!(!rows.is_empty());
    assert!(rows
        .iter()
        .all(|r| text(r).contains("Vacant") || text(r).contains("Acting")));
    assert!(rows.iter().all(|r| !text(r).contains("Kosong")));
    all(&host, "button.sort")
        .into_iter()
        .find(|b| text(b) == "Definitive")
        .expect("an English filter button")
        .click();
    let shown = eventually(Duration::from_secs(5), || {
        let rows = all(&host, "#formasi-slots tbody tr");
        (!rows.is_empty() && rows.iter().all(|r| text(r).contains("Definitive"))).then_some(())
    })
    .await;
    assert!(shown.is_some(), "definitive slots listed in English");
}
