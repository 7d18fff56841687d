//! Dampak mutasi in headless Chromium: the fixture city with two moves inaugurated (by the
//! core's `workflow::inaugurate`, as the server writes them) in two SK rounds, the proposals in
//! a test IndexedDB, and the page showing what `impact` computes for each round and for both,
//! grouped by SK and by month; an inauguration the data does not show yet is listed apart.
#![cfg(target_arch = "wasm32")]

mod pages_support;

use std::time::Duration;

use chrono::NaiveDate;
use leptos::prelude::*;
use mutasi_core::fixture::nips;
use mutasi_core::model::{Nip, Predikat, SkpRecord, SlotId};
use mutasi_core::wire::sync::{
    Proposal, ProposalSource, ProposalStatus, Record, RecordKind, SkRef,
};
use mutasi_core::workflow::impact::{impact, moves_made, ImpactReport};
use mutasi_core::workflow::inaugurate;
use mutasi_core::{Dataset, DatasetParts};
use mutasi_web::components::format::{num, signed};
use mutasi_web::pages::dampak::{before_after, effectiveness_text, DampakPage};
use mutasi_web::store::{self, records};
use pages_support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn nip(s: &str) -> Nip {
    Nip::parse(s).unwrap()
}

/// `ds` with `who` inaugurated into `to` on `on`, as the server writes it.
fn moved(ds: &Dataset, who: &str, to: &str, on: NaiveDate) -> Dataset {
    let e = ds.employee(&nip(who)).unwrap();
    let from = ds
        .employee_idx(&e.nip)
        .and_then(|i| ds.employee_slot(i))
        .map(|s| &ds.slots()[s as usize]);
    let to = ds.slot(&SlotId::new(to).unwrap()).unwrap();
    let rec = inaugurate(ds, e, from, to, on).unwrap();
    let mut parts: DatasetParts = ds.parts().clone();
    rec.apply(&mut parts);
    Dataset::new(parts).unwrap()
}

fn inaugurated(id: &str, who: &str, to: &str, on: NaiveDate, sk: &str) -> Proposal {
    Proposal {
        id: id.into(),
        nip: nip(who),
        slot: SlotId::new(to).unwrap(),
        tmt: on,
        reason: "pemenuhan kebutuhan organisasi".into(),
        overrides: Vec::new(),
        status: ProposalStatus::Inaugurated,
        source: ProposalSource::Planner,
        proposed_by: "disdik".into(),
        decided_by: Some("ppk".into()),
        sk: Some(SkRef {
            number: sk.into(),
            date: on,
        }),
        inaugurated_on: Some(on),
        history: Vec::new(),
    }
}

fn record(p: &Proposal) -> Record {
    Record {
        kind: RecordKind::Proposal,
        id: p.id.clone(),
        version: 8,
        seq: 8,
        data: serde_json::to_value(p).unwrap(),
    }
}

const SK_1: &str = "821.2/001/BKPSDM-III/2027";
const SK_2: &str = "821.2/002/BKPSDM-III/2027";

/// The city as known now: GURU_PLT assessed "Baik" for 2028, after her move.
fn original() -> Dataset {
    let mut parts = small().parts().clone();
    let e = parts
        .employees
        .iter_mut()
        .find(|e| e.nip.as_str() == nips::GURU_PLT)
        .unwrap();
    e.skp.push(SkpRecord {
        year: 2028,
        predikat: Predikat::Baik,
    });
    Dataset::new(parts).unwrap()
}

fn stat(host: &web_sys::HtmlElement, key: &str) -> String {
    text(
        &one(
            host,
            &format!("#dampak-summary [data-figure='{key}'] .stat-value"),
        )
        .unwrap(),
    )
}

/// Checks a round's unit rows against `want`.
fn check_units(section: &web_sys::HtmlElement, want: &ImpactReport) {
    assert_eq!(all(section, "table.units tbody tr").len(), want.units.len());
    for u in &want.units {
        let row = one(section, &format!("tr[data-unit='{}']", u.unit)).unwrap();
        let cell = |c: &str| text(&one(&row, &format!("td.{c}")).unwrap());
        let (b, a) = (u.before, u.after);
        assert_eq!(
            cell("bezetting"),
            before_after(num(b.bezetting.into(), 0), num(a.bezetting.into(), 0))
        );
        assert_eq!(
            cell("shortage"),
            before_after(num(b.shortage, 2), num(a.shortage, 2))
        );
        assert_eq!(
            cell("kebutuhan"),
            before_after(num(b.kebutuhan, 2), num(a.kebutuhan, 2))
        );
        assert_eq!(cell("filled"), signed(u.shortage_filled));
        assert_eq!(
            cell("eff"),
            before_after(effectiveness_text(&b), effectiveness_text(&a))
        );
    }
}

/// The proposals of the two SK rounds (and one inaugurated move the data does not show yet, and
/// one only approved), in a fresh test database. Returns the database, the city after the two
/// moves, the city after the first move, and the two inaugurated proposals.
async fn two_rounds() -> (String, Dataset, Dataset, Proposal, Proposal) {
    let (on_1, on_2) = (d(2027, 4, 1), d(2027, 10, 1));
    let original = original();
    let mid = moved(&original, nips::GURU_PLT, "DISDIK-SD/KABID", on_1);
    let after = moved(&mid, nips::PPPK, "SDN-001/GURU-1", on_2);
    let a = inaugurated("p-a", nips::GURU_PLT, "DISDIK-SD/KABID", on_1, SK_1);
    let b = inaugurated("p-b", nips::PPPK, "SDN-001/GURU-1", on_2, SK_2);
    // Recorded as inaugurated, but the moved records are not on the device yet.
    let c = inaugurated("p-c", nips::CPNS, "BKPSDM/ANALIS-1", on_2, SK_2);
    let mut pending = a.clone();
    pending.id = "p-pending".into();
    pending.status = ProposalStatus::Approved;
    let db = format!("mutasi-test-dampak-{}", js_sys::Math::random());
    let handle = store::open(&db).await.unwrap();
    records::put_page(
        &handle,
        &[record(&a), record(&b), record(&c), record(&pending)],
        None,
    )
    .await
    .unwrap();
    handle.close();
    (db, after, mid, a, b)
}

#[wasm_bindgen_test]
async fn the_page_shows_what_impact_computes_per_round() {
    let (db, after, mid, a, b) = two_rounds().await;
    let original = original();

    // What the core says, from the real city before each round.
    let rules = original.rules();
    let round_1 = impact(
        &original,
        &moves_made(&original, std::slice::from_ref(&a)),
        &mid,
        rules,
    );
    let round_2 = impact(
        &mid,
        &moves_made(&mid, std::slice::from_ref(&b)),
        &after,
        rules,
    );
    let both = impact(
        &original,
        &moves_made(&original, &[a.clone(), b.clone()]),
        &after,
        rules,
    );
    assert_eq!(both.summary.moves, 2);
    assert_eq!(both.summary.skp_worse, 1, "Sangat Baik 2025 → Baik 2028");
    assert_eq!(both.summary.skp_not_yet_known, 1);

    let after = std::sync::Arc::new(after);
    let db2 = db.clone();
    let host = mount(Some(after), move || view! { <DampakPage db=db2 /> });
    eventually(Duration::from_secs(5), || one(&host, "#dampak-summary"))
        .await
        .expect("the summary is shown");
    let s = both.summary;
    assert_eq!(stat(&host, "moves"), "2");
    assert_eq!(stat(&host, "skp_better"), num(s.skp_better.into(), 0));
    assert_eq!(stat(&host, "skp_worse"), "1");
    assert_eq!(stat(&host, "skp_not_yet_known"), "1");
    assert_eq!(stat(&host, "shortage_filled"), num(s.shortage_filled, 2));
    assert_eq!(stat(&host, "shortage_created"), num(s.shortage_created, 2));
    assert!(one(&host, ".bar-chart").is_some() || s.shortage_filled + s.shortage_created == 0.0);
    // The inauguration the data does not show yet is listed, not counted.
    let missing = one(&host, "#dampak-not-undone li[data-proposal='p-c']").expect("listed");
    assert!(
        text(&missing).contains("belum tersinkron"),
        "{}",
        text(&missing)
    );
    assert!(!text(&missing).contains("not synced"), "{}", text(&missing));
    assert_eq!(text(&one(&host, "h2").unwrap()), "Dampak mutasi");

    // Rounds by SK, latest first.
    let rounds = all(&host, "#dampak-rounds section.round");
    let keys: Vec<String> = rounds
        .iter()
        .map(|r| r.get_attribute("data-round").unwrap())
        .collect();
    assert_eq!(keys, [SK_2, SK_1]);
    assert_eq!(rounds[1].get_attribute("data-moves").unwrap(), "1");
    check_units(&rounds[1], &round_1);
    check_units(&rounds[0], &round_2);
    // SDN-001 lost its guru in the first round and got one back in the second.
    let school =
        |r: &web_sys::HtmlElement| text(&one(r, "tr[data-unit='SDN-001'] td.bezetting").unwrap());
    assert_eq!(school(&rounds[1]), "1 → 0");
    assert_eq!(school(&rounds[0]), "0 → 1");
    // People: her SKP got worse; the other's is not known yet.
    let guru = one(&rounds[1], &format!("tr[data-nip='{}']", nips::GURU_PLT)).unwrap();
    assert_eq!(
        one(&guru, "td[data-trend]")
            .unwrap()
            .get_attribute("data-trend")
            .unwrap(),
        "Worse"
    );
    assert_eq!(
        text(&one(&guru, "td.skp-before").unwrap()),
        "2025 Sangat Baik"
    );
    assert_eq!(text(&one(&guru, "td.skp-after").unwrap()), "2028 Baik");
    let pppk = one(&rounds[0], &format!("tr[data-nip='{}']", nips::PPPK)).unwrap();
    assert_eq!(
        one(&pppk, "td[data-trend]")
            .unwrap()
            .get_attribute("data-trend")
            .unwrap(),
        "NotYetKnown"
    );
    assert!(text(&one(&pppk, "td.skp-after").unwrap()).contains("belum diketahui"));

    // By month of inauguration: the same two rounds, keyed by month.
    one(&host, "#dampak-by-month").unwrap().click();
    tick().await;
    let rounds = all(&host, "#dampak-rounds section.round");
    let keys: Vec<String> = rounds
        .iter()
        .map(|r| r.get_attribute("data-round").unwrap())
        .collect();
    assert_eq!(keys, ["2027-10", "2027-04"]);
    assert!(text(&rounds[1]).contains("April 2027"));
    assert_eq!(
        text(&one(&rounds[0], "h3").unwrap()),
        "Pelantikan Oktober 2027"
    );
    check_units(&rounds[1], &round_1);
}

#[wasm_bindgen_test]
async fn in_english_the_page_is_english() {
    let (db, after, _, _, _) = two_rounds().await;
    let host = mount_en(Some(std::sync::Arc::new(after)), move || {
        view! { <DampakPage db=db /> }
    });
    eventually(Duration::from_secs(5), || one(&host, "#dampak-summary"))
        .await
        .expect("the summary is shown");
    assert_eq!(text(&one(&host, "h2").unwrap()), "Impact of moves");
    assert!(!text(&host).contains("Dampak mutasi"));
    let label = text(&one(&host, "#dampak-summary [data-figure='moves'] .stat-label").unwrap());
    assert_eq!(label, "Moves made");
    let missing = one(&host, "#dampak-not-undone li[data-proposal='p-c']").expect("listed");
    assert!(text(&missing).contains("not synced"), "{}", text(&missing));
    assert!(!text(&missing).contains("belum"), "{}", text(&missing));
    let guru = one(&host, &format!("tr[data-nip='{}']", nips::GURU_PLT)).unwrap();
    assert_eq!(text(&one(&guru, "td[data-trend]").unwrap()), "Worse");
    let pppk = one(&host, &format!("tr[data-nip='{}']", nips::PPPK)).unwrap();
    assert_eq!(text(&one(&pppk, "td.skp-after").unwrap()), "not yet known");
    // Grouped by month: the rounds are named with English months.
    let by_month = one(&host, "#dampak-by-month").unwrap();
    assert_eq!(text(&by_month), "Month of inauguration");
    by_month.click();
    let titles = eventually(Duration::from_secs(5), || {
        let titles: Vec<String> = all(&host, "#dampak-rounds section.round h3")
            .iter()
            .map(text)
            .collect();
        titles
            .iter()
            .all(|t| t.starts_with("Inaugurations"))
            .then_some(titles)
    })
    .await
    .expect("rounds by month");
    assert_eq!(
        titles,
        ["Inaugurations October 2027", "Inaugurations April 2027"]
    );
}

#[wasm_bindgen_test]
async fn without_inaugurated_proposals_the_page_says_so() {
    let db = format!("mutasi-test-dampak-{}", js_sys::Math::random());
    let db2 = db.clone();
    let host = mount(Some(small()), move || view! { <DampakPage db=db2 /> });
    eventually(Duration::from_secs(5), || one(&host, "#dampak-none"))
        .await
        .expect("the empty state is shown");
    assert!(one(&host, "#dampak-summary").is_none());
}
