//! Talenta in headless Chromium: the 9-box shows the counts `nine_box` computes, in the
//! DOMAIN.md §5 layout, and clicking a box lists exactly the people `nine_box` puts there.
#![cfg(target_arch = "wasm32")]

mod pages_support;

use std::collections::BTreeSet;
use std::time::Duration;

use leptos::prelude::*;
use mutasi_core::query::{nine_box, succession, talent_pool};
use mutasi_web::components::format::num;
use mutasi_web::pages::talenta::Talenta;
use pages_support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn box_button(host: &web_sys::HtmlElement, b: u8) -> web_sys::HtmlElement {
    one(host, &format!("button[data-box=\"{b}\"]")).expect("a button per box")
}

fn listed_nips(host: &web_sys::HtmlElement, table: &str) -> BTreeSet<String> {
    all(host, &format!("#{table} tbody tr"))
        .iter()
        .map(|r| r.get_attribute("data-nip").unwrap())
        .collect()
}

#[wasm_bindgen_test]
fn grid_follows_the_domain_numbering() {
    let host = mount(Some(small()), || view! { <Talenta /> });
    let order: Vec<String> = all(&host, "#nine-box tbody button")
        .iter()
        .map(|b| b.get_attribute("data-box").unwrap())
        .collect();
    assert_eq!(order, ["4", "7", "9", "2", "5", "8", "1", "3", "6"]);
    let first_row = text(&all(&host, "#nine-box tbody tr")[0]);
    assert!(first_row.contains("di atas ekspektasi"), "{first_row}");
    assert!(one(&host, "[lang=en]").is_none(), "one language at a time");
    assert!(!text(&host).contains("above expectation"));
    assert_eq!(text(&one(&host, "h2").unwrap()), "Talenta");
}

#[wasm_bindgen_test]
async fn clicking_each_box_lists_exactly_its_people() {
    let ds = small();
    let placements = nine_box(&ds, today(), ds.rules());
    let host = mount(Some(ds.clone()), || view! { <Talenta /> });
    for b in 1..=9u8 {
        let want: BTreeSet<String> = placements
            .iter()
            .filter(|p| p.box_no == b)
            .map(|p| ds.employees()[p.employee as usize].nip.to_string())
            .collect();
        box_button(&host, b).click();
        let got = eventually(Duration::from_secs(5), || {
            let title = text(&one(&host, "#box-list-title")?);
            title
                .contains(&format!("kotak {b}"))
                .then(|| listed_nips(&host, "box-list"))
        })
        .await
        .expect("the list of the box appears");
        assert_eq!(got, want, "box {b}");
        assert_eq!(
            box_button(&host, b)
                .get_attribute("aria-pressed")
                .as_deref(),
            Some("true")
        );
    }
}

#[wasm_bindgen_test]
fn demo_counts_match_nine_box() {
    let ds = demo();
    let placements = nine_box(&ds, today(), ds.rules());
    let host = mount(Some(ds.clone()), || view! { <Talenta /> });
    let mut total = 0;
    for b in 1..=9u8 {
        let n = placements.iter().filter(|p| p.box_no == b).count();
        total += n;
        let shown = text(&box_button(&host, b));
        assert!(
            shown.contains(&format!("{} pegawai", num(n as f64, 0))),
            "box {b}: {shown} vs {n}"
        );
    }
    assert_eq!(total, ds.employees().len());
    // The talent pool lists the pool's best people (at most 200 rows).
    let pool = talent_pool(&ds, today(), ds.rules());
    let rows = all(&host, "#talent-pool tbody tr");
    assert_eq!(rows.len(), pool.len().min(200));
    if let Some(best) = pool.first() {
        assert_eq!(
            rows[0].get_attribute("data-nip").unwrap(),
            ds.employees()[best.employee as usize].nip.to_string()
        );
    }
}

#[wasm_bindgen_test]
async fn succession_lists_every_key_post_on_request() {
    let ds = small();
    let want = succession(&ds, today(), ds.rules(), 3);
    let host = mount(Some(ds.clone()), || view! { <Talenta /> });
    assert!(
        one(&host, "#succession").is_none(),
        "computed only on request"
    );
    one(&host, "#show-succession").unwrap().click();
    let rows = eventually(Duration::from_secs(5), || {
        one(&host, "#succession").map(|_| all(&host, "#succession tbody tr").len())
    })
    .await
    .expect("the succession table appears");
    assert_eq!(rows, want.len());
}

#[wasm_bindgen_test]
fn without_data_the_page_says_so() {
    let host = mount(None, || view! { <Talenta /> });
    assert!(text(&host).contains("Belum ada data di perangkat ini"));
    assert!(one(&host, "#nine-box").is_none());
}

#[wasm_bindgen_test]
async fn the_grid_in_english() {
    let ds = small();
    let placements = nine_box(&ds, today(), ds.rules());
    let host = mount_en(Some(ds.clone()), || view! { <Talenta /> });
    assert_eq!(text(&one(&host, "h2").unwrap()), "Talent");
    let first_row = text(&all(&host, "#nine-box tbody tr")[0]);
    assert!(
        first_row.contains("Performance above expectation"),
        "{first_row}"
    );
    assert!(!text(&host).contains("ekspektasi"));
    let n = placements.iter().filter(|p| p.box_no == 9).count();
    let shown = text(&box_button(&host, 9));
    assert!(
        shown.contains("Box 9") && shown.contains(&format!("{} people", num(n as f64, 0))),
        "{shown}"
    );
    box_button(&host, 9).click();
    let title = eventually(Duration::from_secs(5), || {
        one(&host, "#box-list-title").map(|t| text(&t))
    })
    .await
    .expect("the list of the box appears");
    assert_eq!(title, "People in box 9");
    assert_eq!(
        text(&one(&host, "#show-succession").unwrap()),
        "Compute successors"
    );
}
