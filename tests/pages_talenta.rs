//! Talenta in headless Chromium: the 9-box shows the counts and shares `distribution`
//! computes, in the DOMAIN.md §5 layout, with the people without SKP apart; clicking a box lists
//! exactly the people `nine_box` puts there; succession shows `succession`'s candidates with
//! their readiness.
#![cfg(target_arch = "wasm32")]

mod pages_support;

use std::collections::BTreeSet;
use std::time::Duration;

use leptos::prelude::*;
use mutasi_core::query::{distribution, nine_box, succession, talent_pool};
use mutasi_web::components::format::{num, score};
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
            .filter(|p| p.box_no == Some(b))
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
fn demo_grid_shows_the_distribution() {
    let ds = demo();
    let placements = nine_box(&ds, today(), ds.rules());
    let d = distribution(&placements);
    let host = mount(Some(ds.clone()), || view! { <Talenta /> });
    let shown = |n: usize| format!("{} pegawai ({}%)", num(n as f64, 0), num(d.share(n), 1));
    for b in 1..=9u8 {
        let text = text(&box_button(&host, b));
        assert!(
            text.contains(&shown(d.count(b))),
            "box {b}: {text} vs {d:?}"
        );
    }
    let rows = all(&host, "#nine-box tbody td.row-total");
    assert_eq!(rows.len(), 3);
    for (r, cell) in rows.iter().enumerate() {
        assert_eq!(text(cell), shown(d.row_count(r)), "row {r}");
    }
    // The demo city performs mostly as expected (issue 22): the middle row holds most.
    assert!(d.row_count(1) * 2 > d.placed());
    let no_skp = one(&host, "#no-skp").unwrap();
    assert_eq!(
        no_skp.get_attribute("data-count").unwrap(),
        d.no_skp.to_string()
    );
    assert!(text(&no_skp).contains(&format!(
        "Belum ada SKP: {} pegawai",
        num(d.no_skp as f64, 0)
    )));
    assert_eq!(d.total(), ds.employees().len());
    // The method quotes the rule set's numbers.
    let method = text(&one(&host, "#talent-method").unwrap());
    assert!(
        method.contains("Baik 80") && method.contains("Di bawah 65") && method.contains("mulai 90"),
        "{method}"
    );
    assert!(method.contains("50% kinerja + 50% potensi"), "{method}");
    // The talent pool lists the pool's best people (at most 200 rows), with the talent score.
    let pool = talent_pool(&ds, today(), ds.rules());
    let rows = all(&host, "#talent-pool tbody tr");
    assert_eq!(rows.len(), pool.len().min(200));
    if let Some(best) = pool.first() {
        assert_eq!(
            rows[0].get_attribute("data-nip").unwrap(),
            ds.employees()[best.employee as usize].nip.to_string()
        );
        let cells = all(&rows[0], "td");
        assert_eq!(text(&cells[5]), score(best.talent_score.unwrap()));
    }
}

#[wasm_bindgen_test]
async fn people_without_skp_are_listed_apart() {
    let mut parts = small().parts().clone();
    parts.employees[0].skp.clear();
    let nip = parts.employees[0].nip.to_string();
    let ds = std::sync::Arc::new(mutasi_core::Dataset::new(parts).unwrap());
    let host = mount(Some(ds), || view! { <Talenta /> });
    let button = one(&host, "#no-skp").unwrap();
    assert!(text(&button).contains("Belum ada SKP: 1 pegawai"));
    button.click();
    let got = eventually(Duration::from_secs(5), || {
        let title = text(&one(&host, "#box-list-title")?);
        (title == "Pegawai yang belum ada SKP").then(|| listed_nips(&host, "box-list"))
    })
    .await
    .expect("the list of people without SKP appears");
    assert_eq!(got, BTreeSet::from([nip]));
    let row = text(&one(&host, "#box-list tbody tr").unwrap());
    assert!(row.contains("belum ada SKP"), "{row}");
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
        one(&host, "#succession").map(|_| all(&host, "#succession tbody tr"))
    })
    .await
    .expect("the succession table appears");
    assert_eq!(rows.len(), want.len());
    let mut shown = 0;
    for (row, (_, cands)) in rows.iter().zip(&want) {
        let items = all(row, "li");
        assert_eq!(items.len(), cands.len());
        for (li, c) in items.iter().zip(cands) {
            let e = &ds.employees()[c.employee as usize];
            assert_eq!(li.get_attribute("data-nip").unwrap(), e.nip.to_string());
            assert_eq!(
                li.get_attribute("data-readiness").unwrap(),
                c.readiness.token()
            );
            let line = text(li);
            let label = c.readiness.label(ds.rules()).id;
            assert!(line.contains(&label), "{line} vs {label}");
            assert!(line.contains(&format!("kotak {}", c.box_no)), "{line}");
            shown += 1;
        }
    }
    assert!(shown > 0, "the fixture has successors");
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
    let n = placements.iter().filter(|p| p.box_no == Some(9)).count();
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
