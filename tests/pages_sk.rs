//! Draf SK in headless Chromium, with proposal records in a test IndexedDB: the approved
//! proposals are listed, the chosen ones make the decree (number per the rules' pattern, the
//! next serial suggested from the SKs already on the device), the CSV download holds exactly
//! `table_csv()`, a chosen proposal that is no longer approved shows `sk_draft`'s error, and
//! the ops that record an SK or an inauguration carry the record's version.
#![cfg(target_arch = "wasm32")]

mod pages_support;

use std::time::Duration;

use chrono::NaiveDate;
use leptos::prelude::*;
use mutasi_core::fixture::nips;
use mutasi_core::model::{Nip, SlotId, UnitId};
use mutasi_core::wire::auth::{Account, Role, Scope};
use mutasi_core::wire::sync::{
    Change, Proposal, ProposalSource, ProposalStatus, Record, RecordKind, SkRef,
};
use mutasi_core::workflow::sk::{sk_draft, sk_number};
use mutasi_web::components::format::date_id;
use mutasi_web::pages::sk::local::{self, next_serial, serial_of, Stored};
use mutasi_web::pages::sk::SkPage;
use mutasi_web::store::{self, records};
use pages_support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PATTERN: &str = "821.2/NNN/BKPSDM-III/YYYY";

fn proposal(id: &str, nip: &str, slot: &str, status: ProposalStatus) -> Proposal {
    Proposal {
        id: id.into(),
        nip: Nip::parse(nip).unwrap(),
        slot: SlotId::new(slot).unwrap(),
        tmt: NaiveDate::from_ymd_opt(2027, 4, 1).unwrap(),
        reason: "pemenuhan kebutuhan organisasi".into(),
        overrides: Vec::new(),
        status,
        source: ProposalSource::Planner,
        proposed_by: "disdik".into(),
        decided_by: Some("ppk".into()),
        sk: None,
        inaugurated_on: None,
        history: Vec::new(),
    }
}

fn record(p: &Proposal, version: u64) -> Record {
    Record {
        kind: RecordKind::Proposal,
        id: p.id.clone(),
        version,
        seq: version,
        data: serde_json::to_value(p).unwrap(),
    }
}

async fn seed(db: &str, list: &[Record]) {
    let handle = store::open(db).await.unwrap();
    records::put_page(&handle, list, None).await.unwrap();
    handle.close();
}

/// The body of `url` (a blob: URL made by the page).
async fn fetch_text(url: &str) -> String {
    let window = web_sys::window().unwrap();
    let fetch: js_sys::Function = js_sys::Reflect::get(&window, &"fetch".into())
        .unwrap()
        .unchecked_into();
    let promise = fetch.call1(&window, &url.into()).unwrap();
    let response = JsFuture::from(js_sys::Promise::from(promise))
        .await
        .unwrap();
    let text: js_sys::Function = js_sys::Reflect::get(&response, &"text".into())
        .unwrap()
        .unchecked_into();
    let body = JsFuture::from(js_sys::Promise::from(text.call0(&response).unwrap()))
        .await
        .unwrap();
    body.as_string().unwrap()
}

fn set_input(el: &web_sys::HtmlElement, value: &str) {
    let input: web_sys::HtmlInputElement = el.clone().unchecked_into();
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
fn serials_are_read_back_from_numbers_of_the_pattern() {
    assert_eq!(
        serial_of(PATTERN, 2026, "821.2/291/BKPSDM-III/2026"),
        Some(291)
    );
    assert_eq!(serial_of(PATTERN, 2025, "821.2/291/BKPSDM-III/2026"), None);
    assert_eq!(serial_of(PATTERN, 2026, "800/291/BKPSDM-III/2026"), None);
    assert_eq!(serial_of(PATTERN, 2026, "821.2/29a/BKPSDM-III/2026"), None);
    assert_eq!(
        serial_of(PATTERN, 2026, &sk_number(PATTERN, 1234, 2026)),
        Some(1234)
    );
    let numbers = [
        "821.2/007/BKPSDM-III/2026",
        "821.2/031/BKPSDM-III/2025",
        "821.2/005/BKPSDM-III/2026",
    ];
    assert_eq!(next_serial(PATTERN, 2026, numbers.into_iter()), 8);
    assert_eq!(next_serial(PATTERN, 2025, numbers.into_iter()), 32);
    assert_eq!(next_serial(PATTERN, 2027, numbers.into_iter()), 1);
}

#[wasm_bindgen_test]
fn recording_steps_makes_ops_on_the_stored_version() {
    let p = proposal(
        "p-a",
        nips::GURU_PLT,
        "SDN-001/GURU-2",
        ProposalStatus::Approved,
    );
    let stored = Stored {
        record: record(&p, 4),
        proposal: p,
    };
    let ds = small();
    let bkpsdm = Account {
        username: "perencana-kota".into(),
        role: Role::Planner,
        nip: None,
        scope: Some(Scope::City),
    };
    let at = chrono::DateTime::parse_from_rfc3339("2027-05-10T08:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let date = NaiveDate::from_ymd_opt(2027, 5, 10).unwrap();
    let (op, local) =
        local::issue_sk(&stored, &bkpsdm, &ds, "821.2/012/BKPSDM-III/2027", date, at).unwrap();
    assert_eq!(op.base_version, 4);
    assert_eq!(op.id.len(), 36);
    assert_eq!(
        op.change,
        Change::IssueSk {
            proposal: "p-a".into(),
            number: "821.2/012/BKPSDM-III/2027".into(),
            date
        }
    );
    assert_eq!((local.version, local.id.as_str()), (5, "p-a"));
    let copy: Proposal = serde_json::from_value(local.data).unwrap();
    assert_eq!(copy.status, ProposalStatus::SkIssued);
    assert_eq!(
        copy.sk,
        Some(SkRef {
            number: "821.2/012/BKPSDM-III/2027".into(),
            date
        })
    );
    let issued = Stored {
        record: record(&copy, 5),
        proposal: copy,
    };
    let on = NaiveDate::from_ymd_opt(2027, 6, 2).unwrap();
    let (op2, local2) = local::inaugurate(&issued, &bkpsdm, &ds, on, at).unwrap();
    // The same step by an account outside the BKPSDM desk is refused before it is queued.
    let opd = Account {
        scope: Some(Scope::Opd(vec![UnitId::new("DISDIK").unwrap()])),
        ..bkpsdm.clone()
    };
    let why = local::inaugurate(&issued, &opd, &ds, on, at).unwrap_err();
    assert!(why.en.contains("BKPSDM"), "{why}");
    assert_ne!(op2.id, op.id);
    assert_eq!(op2.base_version, 5);
    assert_eq!(
        op2.change,
        Change::Inaugurate {
            proposal: "p-a".into(),
            on
        }
    );
    let copy2: Proposal = serde_json::from_value(local2.data).unwrap();
    assert_eq!(
        (copy2.status, copy2.inaugurated_on, local2.version),
        (ProposalStatus::Inaugurated, Some(on), 6)
    );
}

#[wasm_bindgen_test]
async fn the_decree_lists_the_chosen_proposals_and_exports_its_table() {
    let ds = small();
    let db = format!("mutasi-test-sk-{}", js_sys::Math::random());
    let a = proposal(
        "p-a",
        nips::GURU_PLT,
        "SDN-001/GURU-2",
        ProposalStatus::Approved,
    );
    let b = proposal(
        "p-b",
        nips::PPPK,
        "BKPSDM/ANALIS-1",
        ProposalStatus::Approved,
    );
    let c = proposal(
        "p-c",
        nips::CPNS,
        "DISDIK-SD/KABID",
        ProposalStatus::Recommended,
    );
    let mut d = proposal(
        "p-d",
        nips::KEPSEK,
        "SDN-001/KEPSEK",
        ProposalStatus::SkIssued,
    );
    d.sk = Some(SkRef {
        number: "821.2/007/BKPSDM-III/2026".into(),
        date: today(),
    });
    seed(
        &db,
        &[record(&a, 6), record(&b, 6), record(&c, 4), record(&d, 7)],
    )
    .await;
    let db2 = db.clone();
    let host = mount(Some(ds.clone()), move || view! { <SkPage db=db2 /> });
    let approved = eventually(Duration::from_secs(5), || {
        let rows = all(&host, "#sk-approved tbody tr");
        (!rows.is_empty()).then_some(rows)
    })
    .await
    .expect("the approved proposals are listed");
    let ids: Vec<String> = approved
        .iter()
        .map(|r| r.get_attribute("data-proposal").unwrap())
        .collect();
    assert_eq!(ids, ["p-a", "p-b"], "only approved proposals");
    // The SK already issued waits for its inauguration; nobody may record it here (no login).
    assert!(one(&host, "#sk-issued tr[data-proposal='p-d']").is_some());
    assert!(one(&host, "#sk-desk-note").is_some());
    assert_eq!(text(&one(&host, "h2").unwrap()), "Draf SK");
    assert!(!text(&host).contains("Decree draft"));
    // Next serial: after 007 of the year of the default date.
    let serial = one(&host, "#sk-serial").unwrap();
    assert_eq!(
        serial.unchecked_ref::<web_sys::HtmlInputElement>().value(),
        "8"
    );
    assert!(one(&host, "#sk-document").is_none());
    assert!(one(&host, "#sk-empty").is_some());

    for id in ["p-b", "p-a"] {
        one(
            &host,
            &format!("#sk-approved tr[data-proposal='{id}'] .sk-pick"),
        )
        .unwrap()
        .click();
        tick().await;
    }
    let doc = eventually(Duration::from_secs(5), || one(&host, "#sk-document"))
        .await
        .expect("the decree is drafted");
    let number = sk_number(PATTERN, 8, 2026);
    assert_eq!(number, "821.2/008/BKPSDM-III/2026");
    assert_eq!(doc.get_attribute("data-number").unwrap(), number);
    assert!(text(&one(&host, "#sk-number").unwrap()).contains(&number));
    assert!(text(&doc).contains("KEPUTUSAN WALI KOTA PALEMBANG"));
    assert!(text(&doc).contains("Menimbang"));
    assert!(text(&doc).contains("MEMUTUSKAN"));
    assert!(text(&doc).contains(&ds.rules().sk.considerations[0]));
    assert_eq!(
        text(&one(&host, "#sk-date-text").unwrap()),
        date_id(today())
    );
    assert!(
        one(&host, "#sk-indonesian-only").is_none(),
        "said in English only"
    );
    assert_eq!(text(&one(&host, "#sk-print").unwrap()), "Cetak");
    // Rows in the order of the list, as the core drafts them.
    let want = sk_draft(&ds, &ds.rules().sk, &[a.clone(), b.clone()], 8, today()).unwrap();
    let rows = all(&host, "#sk-table tbody tr");
    assert_eq!(rows.len(), 2);
    for (row, w) in rows.iter().zip(&want.rows) {
        assert_eq!(row.get_attribute("data-nip").unwrap(), w.nip);
        let cells: Vec<String> = all(row, "td").iter().map(text).collect();
        assert_eq!(cells[0], w.no.to_string());
        assert_eq!(cells[1], format!("{}NIP {}", w.name, w.nip));
        assert_eq!(cells[2], w.pangkat);
        assert_eq!(cells[3], w.jabatan_lama);
        assert_eq!(cells[4], format!("{}{}", w.jabatan_baru, w.unit_baru));
        assert_eq!(cells[5], date_id(w.tmt));
    }
    // The pangkat by its name (PP 99/2000), a PPPK by the PPPK golongan.
    let pangkat: Vec<String> = rows.iter().map(|r| text(&all(r, "td")[2])).collect();
    assert_eq!(pangkat, ["Penata, III/c", "PPPK golongan IX"]);
    // Signed by the rule set's official (the demo's fictional Wali Kota: no NIP line), then the
    // Tembusan, numbered.
    let signer = mutasi_core::demo::sk_signer();
    assert_eq!(
        text(&one(&host, "#sk-signer-jabatan").unwrap()),
        "WALI KOTA PALEMBANG,"
    );
    assert_eq!(text(&one(&host, "#sk-signer-name").unwrap()), signer.name);
    assert!(one(&host, "#sk-signer-nip").is_none());
    assert!(!text(&doc).contains("(nama pejabat)"));
    let copies = one(&host, "#sk-tembusan").expect("the tembusan");
    assert!(text(&copies).starts_with("Tembusan:"));
    let listed: Vec<String> = all(&copies, "ol li").iter().map(text).collect();
    assert_eq!(listed, ds.rules().sk.tembusan);
    assert!(listed.contains(&"Inspektur Kota Palembang".to_string()));
    assert_eq!(
        text(&one(&host, "#sk-dictum").unwrap()),
        ds.rules().sk.dictum
    );
    assert!(text(&doc).contains("Jenis keputusan: Mutasi / Pemindahan dalam Jabatan"));
    // Recording needs the BKPSDM desk.
    assert!(one(&host, "#sk-issue").unwrap().has_attribute("disabled"));

    // Another serial; the CSV download holds the table of that draft.
    set_input(&one(&host, "#sk-serial").unwrap(), "12");
    tick().await;
    let doc = one(&host, "#sk-document").unwrap();
    assert_eq!(
        doc.get_attribute("data-number").unwrap(),
        "821.2/012/BKPSDM-III/2026"
    );
    one(&host, "#sk-csv").unwrap().click();
    let link = eventually(Duration::from_secs(5), || one(&host, "#sk-csv-link"))
        .await
        .expect("the download link is shown");
    let csv = fetch_text(&link.get_attribute("href").unwrap()).await;
    let want = sk_draft(&ds, &ds.rules().sk, &[a.clone(), b.clone()], 12, today()).unwrap();
    assert_eq!(csv, want.table_csv());
    assert!(csv.contains(nips::PPPK));

    // Meanwhile p-b was rejected (e.g. pulled from the server): the draft reports it.
    let mut rejected = b.clone();
    rejected.status = ProposalStatus::Rejected;
    seed(&db, &[record(&rejected, 7)]).await;
    one(&host, "#sk-reload").unwrap().click();
    let errors = eventually(Duration::from_secs(5), || one(&host, "#sk-errors"))
        .await
        .expect("the errors are shown");
    let t = text(&errors);
    assert!(
        t.contains("p-b") && !t.contains("rejected"),
        "no wire word: {t}"
    );
    assert!(
        t.contains("Draf SK belum dapat dibuat")
            && t.contains("belum disetujui PPK (statusnya: Ditolak PPK)"),
        "{t}"
    );
    assert!(!t.contains("not approved"), "one language: {t}");
    assert!(one(&host, "#sk-document").is_none());
    // It stays in the list, marked, so it can be unticked.
    let row = one(&host, "#sk-approved tr[data-proposal='p-b']").unwrap();
    assert!(
        text(&row).contains("berstatus Ditolak PPK, bukan usulan yang disetujui"),
        "{}",
        text(&row)
    );
    one(&row, ".sk-pick").unwrap().click();
    let doc = eventually(Duration::from_secs(5), || one(&host, "#sk-document"))
        .await
        .expect("the draft is back without it");
    assert_eq!(all(&doc, "#sk-table tbody tr").len(), 1);
}

#[wasm_bindgen_test]
async fn the_screen_speaks_english_when_chosen_but_the_decree_stays_indonesian() {
    let ds = small();
    let db = format!("mutasi-test-sk-en-{}", js_sys::Math::random());
    let a = proposal(
        "p-a",
        nips::GURU_PLT,
        "SDN-001/GURU-2",
        ProposalStatus::Approved,
    );
    let mut d = proposal(
        "p-d",
        nips::KEPSEK,
        "SDN-001/KEPSEK",
        ProposalStatus::SkIssued,
    );
    d.sk = Some(SkRef {
        number: "821.2/007/BKPSDM-III/2026".into(),
        date: today(),
    });
    seed(&db, &[record(&a, 6), record(&d, 7)]).await;
    let db2 = db.clone();
    let host = mount_en(Some(ds), move || view! { <SkPage db=db2 /> });
    let pick = eventually(Duration::from_secs(5), || {
        one(&host, "#sk-approved tr[data-proposal='p-a'] .sk-pick")
    })
    .await
    .expect("the approved proposal is listed");
    assert_eq!(text(&one(&host, "h2").unwrap()), "Decree draft");
    let page = text(&host);
    assert!(!page.contains("Draf SK"), "{page}");
    assert!(
        page.contains("Only BKPSDM (a city-wide planner)") && page.contains("Next serial: 8"),
        "{page}"
    );
    let heads: Vec<String> = all(&host, "#sk-approved thead th")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        heads,
        ["Choose", "Name / NIP", "New post, unit", "TMT", "Note"]
    );
    assert!(pick
        .get_attribute("aria-label")
        .unwrap()
        .starts_with("Choose "));
    assert_eq!(
        text(&one(&host, "#sk-inauguration h3").unwrap()),
        "Waiting for the inauguration"
    );
    assert!(text(&one(&host, "#sk-empty").unwrap()).starts_with("Choose at least one"));

    pick.click();
    let doc = eventually(Duration::from_secs(5), || one(&host, "#sk-document"))
        .await
        .expect("the decree is drafted");
    assert_eq!(text(&one(&host, "#sk-print").unwrap()), "Print");
    assert_eq!(
        text(&one(&host, "#sk-issue").unwrap()),
        "Record the SK as issued"
    );
    assert!(one(&host, "#sk-indonesian-only").is_some());
    // The decree itself is not translated.
    let body = text(&doc);
    assert!(
        body.contains("KEPUTUSAN WALI KOTA PALEMBANG")
            && body.contains("Menimbang")
            && body.contains("Ditetapkan di Palembang"),
        "{body}"
    );
    assert_eq!(doc.get_attribute("lang").as_deref(), Some("id"));
}

/// The small city signed by an ASN official (a Sekretaris Daerah, with pangkat and NIP).
fn signed_by_an_asn() -> std::sync::Arc<mutasi_core::Dataset> {
    let mut ds = (*small()).clone();
    let mut rules = ds.rules().clone();
    rules.sk.signer = mutasi_core::rules::SkSigner {
        jabatan: "SEKRETARIS DAERAH KOTA PALEMBANG".into(),
        name: "Dr. Contoh Pratama, M.Si.".into(),
        golongan: Some(mutasi_core::model::Golongan::parse("IV/d").unwrap()),
        nip: Some(Nip::parse(nips::KADIS).unwrap()),
    };
    ds.set_rules(rules).unwrap();
    std::sync::Arc::new(ds)
}

#[wasm_bindgen_test]
async fn a_principal_gets_the_principal_decree_signed_with_pangkat_and_nip() {
    let ds = signed_by_an_asn();
    let db = format!("mutasi-test-sk-kepsek-{}", js_sys::Math::random());
    let head = proposal(
        "p-kepsek",
        nips::GURU_PLT,
        "SDN-001/KEPSEK",
        ProposalStatus::Approved,
    );
    let other = proposal(
        "p-guru",
        nips::PPPK,
        "SDN-001/GURU-2",
        ProposalStatus::Approved,
    );
    seed(&db, &[record(&head, 6), record(&other, 6)]).await;
    let db2 = db.clone();
    let host = mount(Some(ds.clone()), move || view! { <SkPage db=db2 /> });
    eventually(Duration::from_secs(5), || one(&host, "#sk-all"))
        .await
        .expect("the approved proposals are listed")
        .click();
    // A principal's assignment and another move in one decree: refused, saying why.
    let errors = eventually(Duration::from_secs(5), || one(&host, "#sk-errors"))
        .await
        .expect("the mix is refused");
    let t = text(&errors);
    assert!(
        t.contains("penugasan kepala sekolah (p-kepsek) ditetapkan dengan SK tersendiri"),
        "{t}"
    );
    assert!(one(&host, "#sk-document").is_none());
    one(&host, "#sk-approved tr[data-proposal='p-guru'] .sk-pick")
        .unwrap()
        .click();
    let doc = eventually(Duration::from_secs(5), || one(&host, "#sk-document"))
        .await
        .expect("the principal's decree is drafted");
    let body = text(&doc);
    assert!(
        body.contains(
            "PENUGASAN GURU SEBAGAI KEPALA SEKOLAH DI LINGKUNGAN PEMERINTAH KOTA PALEMBANG"
        ),
        "{body}"
    );
    assert!(
        body.contains("Jenis keputusan: Penugasan Guru sebagai Kepala Sekolah (tugas tambahan)")
    );
    assert!(
        body.contains(
            "Peraturan Menteri Pendidikan Dasar dan Menengah Nomor 7 Tahun 2025 tentang Penugasan \
             Guru sebagai Kepala Sekolah"
        ),
        "{body}"
    );
    assert!(!body.contains("Pemindahan dalam Jabatan"), "{body}");
    assert!(text(&one(&host, "#sk-dictum").unwrap()).starts_with("Menugaskan guru"));
    // The ASN official: name, pangkat by its name, NIP.
    assert_eq!(
        text(&one(&host, "#sk-signer-jabatan").unwrap()),
        "SEKRETARIS DAERAH KOTA PALEMBANG,"
    );
    assert_eq!(
        text(&one(&host, "#sk-signer-name").unwrap()),
        "Dr. Contoh Pratama, M.Si."
    );
    assert_eq!(
        text(&one(&host, "#sk-signer-pangkat").unwrap()),
        "Pembina Utama Madya, IV/d"
    );
    assert_eq!(
        text(&one(&host, "#sk-signer-nip").unwrap()),
        format!("NIP {}", nips::KADIS)
    );
    let row = one(&host, "#sk-table tbody tr").unwrap();
    assert_eq!(text(&all(&row, "td")[2]), "Penata, III/c");
}
