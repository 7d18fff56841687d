//! Kandidat in headless Chromium: the candidates of a slot in the order `candidates_for_slot`
//! ranks them, and two or three of them compared side by side.
#![cfg(target_arch = "wasm32")]

mod pages_support;

use std::time::Duration;

use leptos::prelude::*;
use mutasi_core::query::candidates_for_slot;
use mutasi_web::pages::kandidat::{Kandidat, CANDIDATE_LIMIT};
use pages_support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn candidates_are_ranked_and_compared() {
    let ds = demo();
    // A Plt-held school principal post (the demo has 130 of them).
    let s = (0..ds.slots().len() as u32)
        .find(|&s| {
            let slot = &ds.slots()[s as usize];
            slot.is_open()
                && slot.holder.is_some()
                && candidates_for_slot(&ds, s, today(), ds.rules(), 3).len() >= 3
        })
        .expect("an open slot with candidates");
    let want: Vec<String> = candidates_for_slot(&ds, s, today(), ds.rules(), CANDIDATE_LIMIT)
        .iter()
        .map(|c| ds.employees()[c.employee as usize].nip.to_string())
        .collect();
    let id = ds.slots()[s as usize].id.to_string();
    let host = mount(Some(ds.clone()), move || view! { <Kandidat slot_id=id /> });
    let got: Vec<String> = all(&host, "#candidates tbody tr")
        .iter()
        .map(|r| r.get_attribute("data-nip").unwrap())
        .collect();
    assert_eq!(got, want);
    assert!(one(&host, "#compare").is_none());

    let boxes = all(&host, ".compare-box");
    boxes[0].click();
    tick().await;
    assert!(
        one(&host, "#compare").is_none(),
        "one candidate is no comparison"
    );
    boxes[1].click();
    let cols = eventually(Duration::from_secs(5), || {
        one(&host, "#compare").map(|_| all(&host, "#compare thead th").len())
    })
    .await
    .expect("the comparison appears");
    assert_eq!(cols, 2);
    boxes[2].click();
    boxes[3.min(boxes.len() - 1)].click();
    let cols = eventually(Duration::from_secs(5), || {
        let n = all(&host, "#compare thead th").len();
        (n == 3).then_some(n)
    })
    .await;
    assert_eq!(cols, Some(3), "at most three side by side");
}

#[wasm_bindgen_test]
fn an_unknown_slot_is_explained() {
    let host = mount(
        Some(small()),
        || view! { <Kandidat slot_id="TIDAK-ADA".to_string() /> },
    );
    assert!(text(&host).contains("Formasi tidak ditemukan"));
    assert!(text(&host).contains("Formasi: TIDAK-ADA"));
    assert!(!text(&host).contains("Slot not found"));
}

#[wasm_bindgen_test]
async fn the_candidates_in_english() {
    let ds = demo();
    let s = (0..ds.slots().len() as u32)
        .find(|&s| {
            let slot = &ds.slots()[s as usize];
            slot.is_open() && candidates_for_slot(&ds, s, today(), ds.rules(), 2).len() >= 2
        })
        .expect("an open slot with candidates");
    let cands = candidates_for_slot(&ds, s, today(), ds.rules(), CANDIDATE_LIMIT);
    let first = &ds.employees()[cands[0].employee as usize];
    let id = ds.slots()[s as usize].id.to_string();
    let host = mount_en(Some(ds.clone()), move || view! { <Kandidat slot_id=id /> });
    let h2 = text(&one(&host, "h2").unwrap());
    assert!(h2.starts_with("Candidates: "), "{h2}");
    assert_eq!(
        text(&one(&host, "#candidates caption").unwrap()),
        "Candidates ranked by fit"
    );
    assert!(!text(&host).contains("Kandidat"));
    assert_eq!(
        all(&host, ".compare-box")[0].get_attribute("aria-label"),
        Some(format!("Compare {}", first.name))
    );
    let boxes = all(&host, ".compare-box");
    boxes[0].click();
    boxes[1].click();
    let compare = eventually(Duration::from_secs(5), || one(&host, "#compare"))
        .await
        .expect("the comparison appears");
    let t = text(&compare);
    assert!(
        t.contains("Time in post") && t.contains("Job person match"),
        "{t}"
    );
    assert!(!t.contains("Masa jabatan") && !t.contains("tahun"), "{t}");
}

#[wasm_bindgen_test]
fn an_unknown_slot_in_english() {
    let host = mount_en(
        Some(small()),
        || view! { <Kandidat slot_id="TIDAK-ADA".to_string() /> },
    );
    assert_eq!(text(&one(&host, "h2").unwrap()), "Slot not found");
    assert!(!text(&host).contains("Formasi tidak ditemukan"));
}
