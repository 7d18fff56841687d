//! Loading a real organisation (issue 19): the demo city round-trips through `mutasi export` and
//! `mutasi load` into an empty database; next month's `pegawai.csv` (a retirement, a new hire, a
//! promotion) is a small difference that waits for a reason for the departure, lands as records
//! devices pull (the retiree as a tombstone) and flags the open proposal of the promoted
//! employee instead of losing it; a load checked on data that has changed since is refused; a
//! bad workbook changes nothing; an Excel workbook loads like its CSV files, and a raw export
//! with a column mapping.

mod common;

use std::path::Path;
use std::time::Instant;

use common::*;
use mutasi_core::io::csv::write_employees;
use mutasi_core::io::workbook;
use mutasi_core::model::Employee;
use mutasi_core::wire::sync::RecordKind;
use mutasi_core::{demo, fixture};
use mutasi_server::db::{Storage, Store};
use mutasi_server::demo_seed::seed_dataset;
use mutasi_server::load::{apply, prepare, Decision, Departure, LoadError};
use mutasi_server::sync::{dataset_records, load_dataset};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn read_dir(p: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(p)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_city_round_trips_through_export_and_load_into_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let (live, fresh) = (dir.path().join("live.db"), dir.path().join("fresh.db"));
    let (out1, out2, tpl) = (
        dir.path().join("ekspor-1"),
        dir.path().join("ekspor-2"),
        dir.path().join("templat"),
    );
    {
        let store = Store::open_sqlite(&live).await.unwrap();
        seed_dataset(&store, &demo::generate(1)).await.unwrap();
    }
    let (ok, text) = mutasi(&["export", s(&out1), "--database", s(&live)]);
    assert!(ok, "{text}");
    let t = Instant::now();
    let (ok, text) = mutasi(&[
        "load",
        s(&out1),
        "--database",
        s(&fresh),
        "--today",
        "2027-04-01",
    ]);
    let took = t.elapsed();
    assert!(ok, "{text}");
    assert!(text.contains("pegawai: 19392 baris/rows"), "{text}");
    eprintln!("load of the demo city (19,392 employees) into an empty SQLite file: {took:?}");
    let (ok, text) = mutasi(&["export", s(&out2), "--database", s(&fresh)]);
    assert!(ok, "{text}");
    let (a, b) = (read_dir(&out1), read_dir(&out2));
    // The five sheets of the organisation and `capaian`, the demo's outcome histories.
    assert_eq!(a.len(), 6);
    for ((na, ta), (nb, tb)) in a.iter().zip(&b) {
        assert_eq!(na, nb);
        assert!(ta == tb, "{na} differs after export → load → export");
    }
    // Loading the same workbook again changes nothing.
    let (ok, text) = mutasi(&[
        "load",
        s(&out1),
        "--database",
        s(&fresh),
        "--today",
        "2027-04-01",
    ]);
    assert!(ok && text.contains("nothing changes"), "{text}");
    // An existing export is never overwritten; the template is written with its guide.
    let (ok, text) = mutasi(&["export", s(&out1), "--database", s(&live)]);
    assert!(!ok && text.contains("not overwritten"), "{text}");
    let (ok, text) = mutasi(&["export", s(&tpl), "--template"]);
    assert!(ok, "{text}");
    assert_eq!(read_dir(&tpl).len(), 7);
}

#[tokio::test]
async fn a_bad_workbook_through_the_cli_reports_every_problem_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("city.db");
    let store = Store::open_sqlite(&db).await.unwrap();
    store
        .import(dataset_records(&fixture::small()), &actor("test"))
        .await
        .unwrap();
    let before = fingerprint(&store).await;
    let book = dir.path().join("bulan-ini");
    std::fs::create_dir(&book).unwrap();
    let ds = fixture::small();
    let mut text = write_employees(ds.employees());
    // A formula in a name and an unknown value on the next row.
    let lines: Vec<String> = text.lines().map(String::from).collect();
    let name = lines[1].split(',').nth(1).unwrap().to_string();
    let mut l1 = lines[1].replacen(&name, "=1+1", 1);
    l1.push('\n');
    let gol = lines[2].split(',').nth(3).unwrap().to_string();
    let l2 = lines[2].replacen(&format!(",{gol},"), ",V/z,", 1);
    text = format!("{}\n{l1}{l2}\n{}\n", lines[0], lines[3..].join("\n"));
    std::fs::write(book.join("pegawai.csv"), &text).unwrap();
    // A wrong encoding, as far as a CSV can have one: bytes that are no text at all.
    std::fs::write(book.join("unit.csv"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    let report = dir.path().join("laporan.csv");
    let (ok, out) = mutasi(&[
        "load",
        s(&book),
        "--database",
        s(&db),
        "--report",
        s(&report),
        "--today",
        "2027-04-01",
    ]);
    assert!(!ok, "{out}");
    assert!(out.contains("nothing loaded"), "{out}");
    let report = std::fs::read_to_string(&report).unwrap();
    assert!(report.starts_with("LEMBAR,BARIS,KOLOM,NILAI,ALASAN,REASON"));
    assert!(report.contains("pegawai,2,NAMA,'=1+1,"), "{report}");
    assert!(
        report
            .lines()
            .any(|l| l.starts_with("pegawai,3,") && l.to_lowercase().contains("v/z")),
        "{report}"
    );
    assert!(report.contains("unit,1,ID,"), "{report}");
    assert_eq!(fingerprint(&store).await, before);
}

/// The workbook `sheets` (CSV files) as one Excel file, every cell text.
fn as_xlsx(sheets: &[(String, String)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, text) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(name.trim_end_matches(".csv")).unwrap();
        let mut rd = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        for (r, rec) in rd.records().enumerate() {
            for (c, cell) in rec.unwrap().iter().enumerate() {
                let cell = mutasi_core::io::formula::restore(cell);
                ws.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

#[tokio::test]
async fn an_excel_workbook_loads_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("city.db");
    let xlsx = dir.path().join("Organisasi.xlsx");
    let ds = fixture::small();
    std::fs::write(&xlsx, as_xlsx(&workbook::export(&ds))).unwrap();
    let load = || {
        mutasi(&[
            "load",
            s(&xlsx),
            "--database",
            s(&db),
            "--today",
            "2027-04-01",
        ])
    };
    let (ok, text) = load();
    assert!(ok, "{text}");
    assert!(
        text.contains(&format!("pegawai: {} baris/rows", ds.employees().len())),
        "{text}"
    );
    assert!(text.contains("Excel sheet of Organisasi.xlsx"), "{text}");
    let store = Store::open_sqlite(&db).await.unwrap();
    let loaded = load_dataset(&store).await.unwrap();
    assert_eq!(workbook::export(&loaded), workbook::export(&ds));
    // Not a workbook: a clear problem, nothing written.
    let before = fingerprint(&store).await;
    std::fs::write(&xlsx, "NIP,NAMA\n").unwrap();
    let (ok, text) = load();
    assert!(
        !ok && text.contains("not a readable Excel workbook"),
        "{text}"
    );
    assert_eq!(fingerprint(&store).await, before);
}

#[tokio::test]
async fn a_raw_export_loads_through_the_cli_with_its_column_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("city.db");
    let store = Store::open_sqlite(&db).await.unwrap();
    let ds = fixture::small();
    store
        .import(dataset_records(&ds), &actor("test"))
        .await
        .unwrap();
    let raw = dir.path().join("pegawai.csv");
    let text = write_employees(ds.employees()).replacen("NIP,", "NIP BARU,", 1);
    std::fs::write(&raw, text).unwrap();
    let map = dir.path().join("siasn-kolom.csv");
    std::fs::write(
        &map,
        "SHEET,KOLOM_FILE,KOLOM_MUTASI\npegawai,NIP BARU,NIP\n",
    )
    .unwrap();
    let report = dir.path().join("laporan.csv");
    let base = [
        "load",
        s(&raw),
        "--database",
        s(&db),
        "--dry-run",
        "--today",
        "2027-04-01",
        "--report",
        s(&report),
    ];
    let (ok, text) = mutasi(&base);
    assert!(!ok && text.contains("kolom/column NIP,"), "{text}");
    let (ok, text) = mutasi(&[&base[..], &["--mapping", s(&map)]].concat());
    assert!(ok && text.contains("nothing changes"), "{text}");
}

fn file(name: &str, text: String) -> Vec<(String, Vec<u8>)> {
    vec![(name.to_string(), text.into_bytes())]
}

/// Next month: `who` retires, a new hire arrives, `promoted` goes up one golongan.
fn next_month(people: &[Employee], retired: &str, promoted: &str) -> (String, Employee) {
    let mut people: Vec<Employee> = people
        .iter()
        .filter(|e| e.nip.as_str() != retired)
        .cloned()
        .collect();
    let p = people
        .iter_mut()
        .find(|e| e.nip.as_str() == promoted)
        .unwrap();
    p.pangkat.golongan = p.pangkat.golongan.next().unwrap();
    let mut hire = people
        .iter()
        .find(|e| e.current.is_none())
        .cloned()
        .unwrap_or_else(|| people[0].clone());
    hire.nip = "199801012024011001".parse().unwrap();
    hire.name = "Pegawai Baru, S.Kom.".into();
    hire.current = None;
    hire.history.clear();
    people.push(hire.clone());
    (write_employees(&people), hire)
}

async fn monthly(backend: Backend) {
    let app = TestApp::new(backend).await;
    let (promoted, slot) = legal_move(&app.ds);
    let (proposal, version) = proposal_of(&app, &promoted, &slot, "submitted").await;
    let retired = app
        .ds
        .employees()
        .iter()
        .find(|e| {
            e.current.is_some()
                && e.nip.as_str() != promoted
                && test_accounts()
                    .iter()
                    .all(|u| u.nip.as_ref() != Some(&e.nip))
        })
        .unwrap()
        .clone();
    let retired_slot = retired.current.as_ref().unwrap().slot.to_string();
    let (text, hire) = next_month(app.ds.employees(), retired.nip.as_str(), &promoted);
    let today = fixture::today();
    let kota = app.login(CITY_PLANNER).await;
    let (_, cursor) = pull_all(&app, &kota, 0, 1000).await;

    let prepared = prepare(&app.store, &file("pegawai.csv", text.clone()), today)
        .await
        .unwrap();
    assert_eq!(
        prepared.loaded.kept,
        ["unit", "jabatan", "formasi", "kebutuhan"]
    );
    let p = prepared.diff.sheet("pegawai").unwrap();
    assert_eq!(p.added, [hire.nip.to_string()]);
    assert_eq!(p.missing, [retired.nip.to_string()]);
    assert_eq!(p.changed.len(), 1, "{:?}", p.changed);
    assert_eq!(p.changed[0].id, promoted);
    assert_eq!(prepared.diff.sheet("formasi").unwrap().changed.len(), 1);
    assert_eq!(prepared.flags.len(), 1, "{:?}", prepared.flags);
    assert_eq!(prepared.flags[0].proposal, proposal);

    // The departure needs its reason; nothing is written without it.
    let before = app.fingerprint().await;
    let err = apply(&app.store, &prepared, Decision::default(), &actor("admin"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, LoadError::NeedsDecision(t) if t.en.contains("1 employees")),
        "{err}"
    );
    assert_eq!(app.fingerprint().await, before);

    let decision = Decision {
        departed: Some(Departure::Pensiun),
        remove_org: false,
    };
    let changed = apply(&app.store, &prepared, decision, &actor("admin"))
        .await
        .unwrap();
    // The hire, the promotion, the retiree's tombstone and the seat they left.
    assert_eq!(changed, 4);
    let ds = load_dataset(&app.store).await.unwrap();
    assert!(ds.employee_idx(&retired.nip).is_none());
    assert!(ds.employee_idx(&hire.nip).is_some());
    let slot_now = ds
        .slots()
        .iter()
        .find(|x| x.id.as_str() == retired_slot)
        .unwrap();
    assert!(slot_now.holder.is_none(), "the retiree's seat is vacant");
    // The proposal is still there, as it was: flagged, not lost.
    let stored = app
        .store
        .record(RecordKind::Proposal, &proposal)
        .await
        .unwrap();
    assert_eq!(stored.record.version, version);
    assert_eq!(stored.record.data["status"], "submitted");
    // Devices pull the change: the retiree as a tombstone, the promotion, the hire.
    let (pulled, _) = pull_all(&app, &kota, cursor, 1000).await;
    let of = |id: &str| pulled.iter().find(|r| r.id == id);
    assert!(
        of(retired.nip.as_str()).is_some_and(|r| r.data.is_null()),
        "{pulled:?}"
    );
    assert!(of(&promoted).is_some_and(|r| !r.data.is_null()));
    assert!(of(hire.nip.as_str()).is_some());
    assert!(of(&retired_slot).is_some());
    assert_eq!(pulled.len(), 4, "nothing else is sent: {pulled:?}");
    // One audit entry says what the load did.
    let audit = app.store.audit(&Default::default(), 0, 1000).await.unwrap();
    let load = audit.entries.iter().find(|e| e.action == "load").unwrap();
    assert_eq!(load.change["departed"]["reason"], "pensiun");
    assert_eq!(load.change["flagged"][0], proposal.as_str());
    assert_eq!(load.change["changed"], 4);
    // The same file again: nothing changes.
    let again = prepare(&app.store, &file("pegawai.csv", text), today)
        .await
        .unwrap();
    assert!(again.diff.is_empty(), "{:?}", again.diff);

    // A load checked on data that has changed since is refused and writes nothing.
    let (text, _) = next_month(ds.employees(), hire.nip.as_str(), &promoted);
    let stale = prepare(&app.store, &file("pegawai.csv", text), today)
        .await
        .unwrap();
    let mut other = dataset_records(&ds);
    other.retain(|r| r.kind == RecordKind::Unit);
    other[0].write.data["name"] = "Dinas yang Berganti Nama".into();
    app.store.import(other, &actor("other")).await.unwrap();
    let before = app.fingerprint().await;
    let err = apply(&app.store, &stale, decision, &actor("admin"))
        .await
        .unwrap_err();
    assert!(matches!(err, LoadError::Changed), "{err}");
    assert_eq!(app.fingerprint().await, before);

    // A workbook with a problem never gets as far as a difference.
    let bad = write_employees(ds.employees()).replacen("\n1", "\n=1", 1);
    let err = prepare(&app.store, &file("pegawai.csv", bad), today)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, LoadError::Invalid(e) if e.iter().any(|e| e.sheet == "pegawai" && e.at.row == 2)),
        "{err:?}"
    );
    assert_eq!(app.fingerprint().await, before);
    // Organisation records a file leaves out need an explicit removal.
    let units = workbook::org::write_units(&ds.parts().units[..ds.units().len() - 1]);
    match prepare(&app.store, &file("unit.csv", units), today).await {
        Ok(p) => {
            let err = apply(&app.store, &p, decision, &actor("admin"))
                .await
                .unwrap_err();
            assert!(matches!(err, LoadError::NeedsDecision(_)), "{err}");
        }
        // Or the unit is still referenced: that is a problem with its row.
        Err(LoadError::Invalid(e)) => assert!(!e.is_empty()),
        Err(e) => panic!("{e}"),
    }
    assert_eq!(app.fingerprint().await, before);
}

on_every_backend! {
    #[tokio::test]
    next_months_export_is_a_small_difference_that_flags_open_proposals => monthly;
}

/// `POST /api/admin/load`: admins only (a refusal carries nothing of the data), a dry run that
/// writes nothing, a workbook over the API's usual 1 MB, problems with row and column, a load
/// refused when the difference is not the one approved, then applied.
async fn over_http(backend: Backend) {
    use axum::http::StatusCode;
    let app = TestApp::new(backend).await;
    let (promoted, _) = legal_move(&app.ds);
    let retired = app
        .ds
        .employees()
        .iter()
        .find(|e| e.current.is_some() && e.nip.as_str() != promoted)
        .unwrap()
        .nip
        .to_string();
    let (text, hire) = next_month(app.ds.employees(), &retired, &promoted);
    // Blank lines are skipped; they make the body larger than the API's usual 1 MB.
    let padded = format!("{text}{}", "\n".repeat(2 * 1024 * 1024));
    let body = |dry_run: bool, expect: Option<serde_json::Value>| {
        serde_json::json!({
            "files": [{ "name": "pegawai.csv", "text": padded }],
            "dry_run": dry_run,
            "departed": "pensiun",
            "expect": expect,
        })
    };
    let before = app.fingerprint().await;
    let r = app.post("/api/admin/load", None, &body(true, None)).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    for who in [EMPLOYEE, PLANNER, CITY_PLANNER, APPROVER] {
        let token = app.login(who).await;
        let r = app
            .post("/api/admin/load", Some(&token), &body(true, None))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}: {}", r.text);
        assert!(
            !r.text.contains(&retired) && !r.text.contains("pegawai"),
            "{who}: {}",
            r.text
        );
    }
    let admin = app.login(ADMIN).await;
    let r = app
        .post("/api/admin/load", Some(&admin), &body(true, None))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(r.json["applied"].is_null());
    let counts = r.json["counts"].clone();
    let pegawai = counts
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["sheet"] == "pegawai")
        .unwrap();
    assert_eq!(
        (
            pegawai["added"].as_u64(),
            pegawai["changed"].as_u64(),
            pegawai["missing"].as_u64()
        ),
        (Some(1), Some(1), Some(1))
    );
    assert_eq!(app.fingerprint().await, before, "a dry run writes nothing");

    // Problems: 422 with sheet, row and column.
    let bad = text.replacen("\n1", "\n=1", 1);
    let r = app
        .post(
            "/api/admin/load",
            Some(&admin),
            &serde_json::json!({ "files": [{ "name": "pegawai.csv", "text": bad }] }),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let p = &r.json["details"]["problems"][0];
    assert_eq!(
        (p["sheet"].as_str(), p["row"].as_u64(), p["column"].as_str()),
        (Some("pegawai"), Some(2), Some("NIP")),
        "{}",
        r.text
    );
    assert_eq!(r.json["details"]["total"], 1);

    // The difference approved is not the server's any more: 409 with the new one.
    let mut wrong = counts.clone();
    wrong[4]["added"] = 2.into();
    let r = app
        .post("/api/admin/load", Some(&admin), &body(false, Some(wrong)))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(r.json["details"]["counts"], counts);
    assert_eq!(app.fingerprint().await, before);

    let r = app
        .post("/api/admin/load", Some(&admin), &body(false, Some(counts)))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["applied"], 4);
    let ds = load_dataset(&app.store).await.unwrap();
    assert!(ds.employee_idx(&hire.nip).is_some());
}

on_every_backend! {
    #[tokio::test]
    the_load_endpoint_is_for_admins_and_lands_only_on_the_approved_difference => over_http;
}
