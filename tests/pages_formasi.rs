//! Formasi in headless Chromium: the OPD table is ordered by shortage (Σ per unit × jabatan,
//! recomputed here from `workforce_need`), its total is Beranda's, it re-sorts on request,
//! drills down to jabatan and slots, and says so when there is no data.
#![cfg(target_arch = "wasm32")]

mod pages_support;

use std::collections::BTreeMap;
use std::time::Duration;

use leptos::prelude::*;
use mutasi_core::model::HoldKind;
use mutasi_core::query::workforce_need;
use mutasi_core::Dataset;
use mutasi_web::components::format::num;
use mutasi_web::pages::formasi::Formasi;
use mutasi_web::pages::formasi_opd::OpdDetail;
use pages_support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// (OPD id, (shortage, excess)) per OPD: each unit × jabatan clipped on its own, then summed.
fn need_by_opd(ds: &Dataset) -> BTreeMap<String, (f64, f64)> {
    let mut m = BTreeMap::new();
    for r in workforce_need(ds, ds.rules()) {
        let opd = ds.units()[ds.opd_of_unit(r.unit) as usize].id.to_string();
        let e: &mut (f64, f64) = m.entry(opd).or_default();
        e.0 += (-r.gap).max(0.0);
        e.1 += r.gap.max(0.0);
    }
    m
}

/// (OPD id, shortage) per OPD.
fn gaps_by_opd(ds: &Dataset) -> BTreeMap<String, f64> {
    need_by_opd(ds).into_iter().map(|(k, v)| (k, v.0)).collect()
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
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(k, v)| (k.clone(), *v))
        .unwrap();
    assert!(
        (gaps[&rows[0]] - worst_gap).abs() < 1e-9,
        "{} vs {worst}",
        rows[0]
    );
    // Row order follows the shortage, biggest first.
    let listed: Vec<f64> = rows.iter().map(|u| gaps[u]).collect();
    // (Sums in another order may differ in the last bits.)
    assert!(listed.windows(2).all(|w| w[0] + 1e-9 >= w[1]), "{listed:?}");
    let first = text(&all(&host, "#formasi-opd tbody tr")[0]);
    if worst_gap >= 0.05 {
        assert!(first.contains(&num(worst_gap, 1)), "{first}");
    }
    // The total is the sum over every unit × jabatan, the figure Beranda shows.
    let total: f64 = gaps.values().sum();
    let totals = text(&one(&host, "p.totals").unwrap());
    assert!(
        totals.contains(&format!("Kekurangan: {} orang", num(total, 1))),
        "{totals}"
    );
    // Its definition is one tap away, with how many needs are only the seat count.
    let def = text(&one(&host, "details.definition").expect("a definition"));
    assert!(def.contains("unit × jabatan"), "{def}");
    // The chart has an accessible name.
    let svg = one(&host, "svg.bar-chart").expect("a chart");
    assert!(svg
        .get_attribute("aria-label")
        .unwrap()
        .contains("Kekurangan"));
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
    let gaps: BTreeMap<String, f64> = need_by_opd(&ds)
        .into_iter()
        .map(|(k, v)| (k, v.1))
        .collect();
    let best = gaps.values().copied().fold(f64::MIN, f64::max);
    let host = mount(Some(ds), || view! { <Formasi /> });
    let button = all(&host, "button.sort")
        .into_iter()
        .find(|b| text(b).contains("Kelebihan terbesar"))
        .expect("a sort button");
    button.click();
    // (The OPD with the biggest shortage may also have the biggest excess: wait for the order.)
    let descending = || {
        let listed: Vec<f64> = row_units(&host).iter().map(|u| gaps[u]).collect();
        listed
            .windows(2)
            .all(|w| w[0] + 1e-9 >= w[1])
            .then_some(listed)
    };
    let sorted = eventually(Duration::from_secs(5), descending).await;
    let listed = sorted.unwrap_or_else(|| panic!("not sorted by excess: {:?}", row_units(&host)));
    assert!((listed[0] - best).abs() < 1e-9, "{listed:?}");
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
        .max_by(|a, b| a.1.total_cmp(&b.1))
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
    let worst_gap = gaps_by_opd(&ds).into_values().fold(f64::MIN, f64::max);
    let host = mount_en(Some(ds), || view! { <Formasi /> });
    let title = text(&one(&host, "h2").unwrap());
    assert_eq!(title, "Positions and needs");
    let page = text(&host);
    assert!(page.contains("Need and headcount per OPD"), "{page}");
    assert!(page.contains("Shortage: "), "{page}");
    assert!(!page.contains("Kebutuhan"), "{page}");
    assert!(!page.contains("Kekurangan terbesar"), "{page}");
    let headers: Vec<String> = all(&host, "#formasi-opd thead th")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        headers,
        [
            "OPD",
            "Need",
            "Headcount",
            "Shortage",
            "Excess",
            "ABK class"
        ]
    );
    assert!(all(&host, "button.sort")
        .iter()
        .any(|b| text(b) == "Biggest excess"));
    let label = one(&host, "svg.bar-chart")
        .unwrap()
        .get_attribute("aria-label")
        .unwrap();
    assert_eq!(label, "Largest shortages per OPD (people)");
    let first = text(&all(&host, "#formasi-opd tbody tr")[0]);
    if worst_gap >= 0.05 {
        assert!(first.contains(&num(worst_gap, 1)), "{first}");
    }
    assert!(!page.contains("Kekurangan"), "{page}");
}

#[wasm_bindgen_test]
async fn in_english_the_opd_page_filters_slots_by_english_labels() {
    let ds = demo();
    let opd_id = gaps_by_opd(&ds)
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
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
