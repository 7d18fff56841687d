//! Dampak mutasi in headless Chromium: the fixture city with two moves inaugurated (by the
//! core's `workflow::inaugurate`, as the server writes them) in two SK rounds, the proposals in
//! a test IndexedDB, and the page showing what `impact` computes for each round and for both,
//! grouped by SK and by month; an inauguration the data does not show yet is listed apart.
//! The evidence section (did moving principals help?) shows what the core's
//! `evaluation::school_evidence` computes for the demo city's outcome histories: the answer,
//! the estimate and interval, the comparison group, the pre-trend check, the event study, the
//! naive figure labelled as such, one row per principal change; and no number when there is
//! not enough data.
#![cfg(target_arch = "wasm32")]

mod pages_support;

use std::time::Duration;

use chrono::NaiveDate;
use leptos::prelude::*;
use mutasi_core::evaluation::{school_evidence, Outcome, SchoolEvidence};
use mutasi_core::fixture::nips;
use mutasi_core::model::{Indicator, OutcomeRecord};
use mutasi_core::model::{Nip, Predikat, SkpRecord, SlotId};
use mutasi_core::wire::sync::{
    Proposal, ProposalSource, ProposalStatus, Record, RecordKind, SkRef,
};
use mutasi_core::workflow::impact::{impact, moves_made, ImpactReport};
use mutasi_core::workflow::inaugurate;
use mutasi_core::{Dataset, DatasetParts};
use mutasi_web::components::format::{num, signed};
use mutasi_web::pages::dampak::evidence::points;
use mutasi_web::pages::dampak::{before_after, effectiveness_text, DampakPage};
use mutasi_web::store::{self, records};
use pages_support::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
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
        rater: None,
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

thread_local! {
    /// The outcome histories of the demo city (seed 1, the app's own demo), whose schools have
    /// enough principal changes for an estimate.
    static EVIDENCE_OUTCOMES: Arc<Vec<OutcomeRecord>> =
        Arc::new(mutasi_core::demo::outcomes(&demo()));
}

fn evidence_city() -> (Arc<Dataset>, Arc<Vec<OutcomeRecord>>) {
    (demo(), EVIDENCE_OUTCOMES.with(Arc::clone))
}

fn core_evidence(ds: &Dataset, outcomes: &[OutcomeRecord], i: Indicator) -> SchoolEvidence {
    school_evidence(ds, outcomes, i, &ds.rules().evaluation).unwrap()
}

/// Checks the evidence section against the core's figures.
fn check_evidence(host: &web_sys::HtmlElement, ev: &SchoolEvidence) {
    let Outcome::Estimated(e) = &ev.outcome else {
        panic!("the demo city has an estimate: {:?}", ev.outcome)
    };
    let o = e.overall;
    let shown = |sel: &str| text(&one(host, sel).unwrap_or_else(|| panic!("{sel}")));
    assert_eq!(
        shown("#bukti-answer"),
        format!("Jawaban: {}", ev.verdict.text().id)
    );
    assert_eq!(
        shown("#bukti-estimate"),
        format!("Perkiraan dampak: {} poin", points(o.estimate))
    );
    assert_eq!(
        shown("#bukti-interval"),
        format!(
            "Selang kepercayaan 95%: {} sampai {}",
            num(o.low, 2),
            num(o.high, 2)
        )
    );
    let comparison = one(host, "#bukti-comparison").unwrap();
    assert_eq!(
        comparison.get_attribute("data-treated").unwrap(),
        e.treated_units.to_string()
    );
    assert!(text(&comparison).contains(&format!(
        "{} sekolah yang kepala sekolahnya tidak berganti",
        e.comparison_units
    )));
    assert!(text(&comparison).contains(&format!("dibanding {} sekolah", e.treated_units)));
    // The event study: one column per event time, each labelled with its estimate.
    let columns = all(host, ".event-chart g.event");
    assert_eq!(columns.len(), e.event_study.len());
    for (col, p) in columns.iter().zip(&e.event_study) {
        assert_eq!(
            col.get_attribute("data-event").unwrap(),
            p.event_time.to_string()
        );
        assert_eq!(
            text(&one(col, ".event-value").unwrap()),
            points(p.estimate.estimate)
        );
    }
    // The naive figure only next to it, labelled as having no comparison group.
    let naive = ev.naive.unwrap();
    let naive_text = shown("#bukti-naive");
    assert!(
        naive_text.starts_with("Perbandingan sederhana (tanpa kelompok pembanding): "),
        "{naive_text}"
    );
    assert!(naive_text.contains(&format!(
        "{} poin rata-rata di {} sekolah",
        points(naive.mean_change),
        naive.units
    )));
    // One row per principal change, with the school's means before and after.
    let rows = all(host, "#bukti-schools tbody tr");
    assert_eq!(rows.len(), ev.changes.len());
    for (row, r) in rows.iter().zip(&ev.changes) {
        assert_eq!(
            row.get_attribute("data-school").unwrap(),
            r.school.to_string()
        );
        let cell = |c: &str| text(&one(row, &format!("td.{c}")).unwrap());
        assert_eq!(cell("before"), r.before.map_or("–".into(), |v| num(v, 2)));
        assert_eq!(cell("after"), r.after.map_or("–".into(), |v| num(v, 2)));
        assert_eq!(cell("strong"), if r.strong { "Ya" } else { "Tidak" });
    }
}

#[wasm_bindgen_test]
async fn the_evidence_shows_what_the_core_estimates() {
    let (ds, outcomes) = evidence_city();
    let db = format!("mutasi-test-dampak-{}", js_sys::Math::random());
    let o2 = outcomes.clone();
    let host = mount(Some(ds.clone()), move || {
        view! { <DampakPage db=db outcomes=o2 /> }
    });
    eventually(Duration::from_secs(20), || one(&host, "#bukti-estimate"))
        .await
        .expect("the estimate is shown");
    assert_eq!(
        text(&one(&host, "#bukti h3").unwrap()),
        "Apakah mutasi kepala sekolah membantu?"
    );
    let literasi = core_evidence(&ds, &outcomes, Indicator::Literasi);
    check_evidence(&host, &literasi);
    assert_eq!(
        one(&host, "#bukti-pretrend")
            .unwrap()
            .get_attribute("data-pretrend")
            .unwrap(),
        "Parallel"
    );
    // Another indicator: the figures follow the core's for it.
    let select: web_sys::HtmlSelectElement =
        one(&host, "#bukti-indicator").unwrap().unchecked_into();
    select.set_value(Indicator::Numerasi.code());
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    let numerasi = core_evidence(&ds, &outcomes, Indicator::Numerasi);
    let want = format!(
        "Perkiraan dampak: {} poin",
        points(numerasi.outcome.evaluation().unwrap().overall.estimate)
    );
    eventually(Duration::from_secs(20), || {
        (text(&one(&host, "#bukti-estimate")?) == want).then_some(())
    })
    .await
    .expect("the numeracy estimate is shown");
    check_evidence(&host, &numerasi);
}

/// The outcomes as the pull writes them into the device's store (kind `outcome`), with a
/// removed one (a tombstone) that must not count.
async fn synced_outcomes(outcomes: &[OutcomeRecord]) -> String {
    let mut list: Vec<Record> = outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| Record {
            kind: RecordKind::Outcome,
            id: o.record_id(),
            version: 1,
            seq: i as u64 + 1,
            data: serde_json::to_value(o).unwrap(),
        })
        .collect();
    list.push(Record {
        kind: RecordKind::Outcome,
        id: "SDN-REMOVED|2024|LITERASI".into(),
        version: 2,
        seq: list.len() as u64 + 1,
        data: serde_json::Value::Null,
    });
    let db = format!("mutasi-test-dampak-{}", js_sys::Math::random());
    let handle = store::open(&db).await.unwrap();
    records::put_page(&handle, &list, Some(list.len() as u64))
        .await
        .unwrap();
    handle.close();
    db
}

#[wasm_bindgen_test]
async fn the_evidence_reads_the_synced_outcomes_without_a_file() {
    let (ds, outcomes) = evidence_city();
    let db = synced_outcomes(&outcomes).await;
    let host = mount(Some(ds.clone()), move || view! { <DampakPage db=db /> });
    eventually(Duration::from_secs(30), || one(&host, "#bukti-estimate"))
        .await
        .expect("the estimate is shown from the device's store");
    let source = one(&host, "#bukti-source").unwrap();
    assert_eq!(source.get_attribute("data-source").unwrap(), "stored");
    assert!(
        text(&source).contains(&format!("{} nilai", num(outcomes.len() as f64, 0))),
        "{}",
        text(&source)
    );
    let literasi = core_evidence(&ds, &outcomes, Indicator::Literasi);
    assert_eq!(literasi.verdict, mutasi_core::evaluation::Verdict::Better);
    check_evidence(&host, &literasi);
    // No file was chosen: nothing to go back to.
    assert!(one(&host, "#bukti-use-stored").is_none());

    // Beside the schools, the service units: the core's answer for the satisfaction index.
    let services = mutasi_core::evaluation::service_evidence(
        &ds,
        &outcomes,
        Indicator::Ikm,
        &ds.rules().evaluation,
    )
    .unwrap();
    let Outcome::Estimated(e) = &services.outcome else {
        panic!(
            "the demo's puskesmas have an estimate: {:?}",
            services.outcome
        )
    };
    let shown = |sel: &str| text(&one(&host, sel).unwrap_or_else(|| panic!("{sel}")));
    assert_eq!(
        shown("#layanan h3"),
        "Apakah pergantian kepala puskesmas dan unit layanan membantu?"
    );
    assert_eq!(
        shown("#layanan-answer"),
        format!("Jawaban: {}", services.verdict.text().id)
    );
    assert_eq!(
        shown("#layanan-estimate"),
        format!("Perkiraan dampak: {}", points(e.overall.estimate))
    );
    assert_eq!(
        shown("#layanan-interval"),
        format!(
            "Selang kepercayaan 95%: {} sampai {}",
            num(e.overall.low, 2),
            num(e.overall.high, 2)
        )
    );
    assert!(shown("#layanan-comparison").contains(&format!(
        "{} unit yang kepalanya tidak berganti",
        e.comparison_units
    )));
    assert_eq!(
        all(&host, "#layanan-units tbody tr").len(),
        services.changes.len()
    );
    // Complaints: lower is better, and the figures follow the core's.
    let select: web_sys::HtmlSelectElement =
        one(&host, "#layanan-indicator").unwrap().unchecked_into();
    select.set_value(Indicator::Pengaduan.code());
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    let complaints = mutasi_core::evaluation::service_evidence(
        &ds,
        &outcomes,
        Indicator::Pengaduan,
        &ds.rules().evaluation,
    )
    .unwrap();
    let want = format!(
        "Perkiraan dampak: {}",
        points(complaints.outcome.evaluation().unwrap().overall.estimate)
    );
    eventually(Duration::from_secs(20), || {
        (text(&one(&host, "#layanan-estimate")?) == want).then_some(())
    })
    .await
    .expect("the complaints estimate is shown");

    // And people: moved employees against employees due for rotation who stayed, on SKP.
    let people = mutasi_core::evaluation::people_evidence(&ds, ds.rules()).unwrap();
    let Outcome::Estimated(e) = &people.outcome else {
        panic!(
            "the demo city's people have an estimate: {:?}",
            people.outcome
        )
    };
    assert_eq!(
        shown("#pegawai-bukti h3"),
        "Apakah pegawai yang dimutasi bekerja lebih baik?"
    );
    assert_eq!(
        shown("#pegawai-answer"),
        format!("Jawaban: {}", people.verdict.text().id)
    );
    assert_eq!(
        shown("#pegawai-estimate"),
        format!("Perkiraan dampak: {} poin SKP", points(e.overall.estimate))
    );
    assert!(shown("#pegawai-comparison").contains(&format!(
        "{} pegawai yang sudah waktunya dirotasi",
        num(e.comparison_units as f64, 0)
    )));
}

#[wasm_bindgen_test]
async fn with_too_few_schools_the_evidence_shows_no_number() {
    let ds = small();
    let outcomes = Arc::new(mutasi_core::demo::outcomes(&ds));
    let ev = core_evidence(&ds, &outcomes, Indicator::Literasi);
    let Outcome::NotEnoughData { reason } = ev.outcome else {
        panic!("the fixture has too few schools: {:?}", ev.outcome)
    };
    let db = format!("mutasi-test-dampak-{}", js_sys::Math::random());
    let host = mount(Some(ds), move || {
        view! { <DampakPage db=db outcomes=outcomes /> }
    });
    let answer = eventually(Duration::from_secs(10), || one(&host, "#bukti-answer"))
        .await
        .expect("the answer is shown");
    assert_eq!(text(&answer), format!("Jawaban: {}", reason.text().id));
    assert!(text(&answer).contains("belum cukup data"));
    assert!(one(&host, "#bukti-estimate").is_none());
    assert!(one(&host, "#bukti-naive").is_none());
    assert!(one(&host, ".event-chart").is_none());
}

#[wasm_bindgen_test]
async fn without_outcomes_the_evidence_asks_for_the_file_and_speaks_english_in_english() {
    let db = format!("mutasi-test-dampak-{}", js_sys::Math::random());
    let host = mount(Some(small()), move || view! { <DampakPage db=db /> });
    eventually(Duration::from_secs(5), || one(&host, "#bukti-none"))
        .await
        .expect("asks for the file");
    assert!(one(&host, "#bukti-file").is_some());

    let (ds, outcomes) = evidence_city();
    let db = format!("mutasi-test-dampak-{}", js_sys::Math::random());
    let host = mount_en(Some(ds), move || {
        view! { <DampakPage db=db outcomes=outcomes /> }
    });
    let naive = eventually(Duration::from_secs(20), || one(&host, "#bukti-naive"))
        .await
        .expect("the naive figure is shown");
    assert!(
        text(&naive).starts_with("Simple comparison (no comparison group): "),
        "{}",
        text(&naive)
    );
    assert_eq!(
        text(&one(&host, "#bukti h3").unwrap()),
        "Did moving school principals help?"
    );
    assert!(text(&one(&host, "#bukti-answer").unwrap()).starts_with("Answer: Yes"));
    assert!(!text(&one(&host, "#bukti").unwrap()).contains("Perkiraan"));
}
