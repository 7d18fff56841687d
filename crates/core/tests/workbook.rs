//! The workbook: the demo city round-trips, the template loads, a bad workbook gives every
//! problem with its sheet, row and column and nothing else, and a next month's load shows its
//! difference (new, changed field by field, missing) and flags the proposals it touches; a raw
//! export with its own column names reads once its columns are mapped.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::OnceLock;

use mutasi_core::io::diff::{diff, flagged, Touch};
use mutasi_core::io::workbook::{
    export, read, template, unmapped_in, ColumnMap, WorkbookError, MAPPING_FILE, SHEETS,
};
use mutasi_core::model::*;
use mutasi_core::wire::proposal::{Proposal, ProposalSource, ProposalStatus};
use mutasi_core::{demo, fixture, Dataset};

fn city() -> &'static Dataset {
    static CITY: OnceLock<Dataset> = OnceLock::new();
    CITY.get_or_init(|| demo::generate(11))
}

fn files(sheets: &[(String, String)]) -> Vec<(String, Vec<u8>)> {
    sheets
        .iter()
        .map(|(n, t)| (n.clone(), t.as_bytes().to_vec()))
        .collect()
}

fn today() -> chrono::NaiveDate {
    demo::reference_date()
}

fn errors(r: Result<mutasi_core::io::workbook::Loaded, Vec<WorkbookError>>) -> Vec<WorkbookError> {
    match r {
        Ok(_) => panic!("the workbook was accepted"),
        Err(e) => e,
    }
}

#[test]
fn the_demo_city_round_trips_through_the_workbook() {
    let ds = city();
    let book = export(ds);
    assert_eq!(
        book.iter()
            .map(|(n, _)| n.trim_end_matches(".csv"))
            .collect::<Vec<_>>(),
        SHEETS
    );
    let loaded =
        read(&files(&book), None, today()).unwrap_or_else(|e| panic!("{:?}", &e[..e.len().min(5)]));
    assert!(loaded.kept.is_empty());
    let again = export(&loaded.dataset);
    for ((name, a), (_, b)) in book.iter().zip(&again) {
        assert!(a == b, "{name} differs after a round trip");
    }
    let p = loaded.dataset.parts();
    assert_eq!(p.units, ds.parts().units);
    assert_eq!(p.positions, ds.parts().positions);
    assert_eq!(p.slots, ds.parts().slots);
    assert_eq!(p.employees, ds.parts().employees);
    assert_eq!(p.needs, ds.parts().needs);
    assert!(diff(ds.parts(), p).is_empty());
    let rows = |s: &str| loaded.read.iter().find(|r| r.sheet == s).unwrap().rows;
    assert_eq!(rows("pegawai"), ds.employees().len());
    assert_eq!(rows("formasi"), ds.slots().len());
}

#[test]
fn the_template_loads_and_its_guide_names_every_column() {
    let t = template();
    let names: Vec<&str> = t.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "unit.csv",
            "jabatan.csv",
            "formasi.csv",
            "kebutuhan.csv",
            "pegawai.csv",
            "capaian.csv",
            "petunjuk.csv"
        ]
    );
    // Each sheet: a header and one example row.
    for (name, text) in &t[..6] {
        let lines = text.lines().count();
        assert!(
            lines == 2 || (name == "kebutuhan.csv" && lines >= 1),
            "{name}: {lines} lines"
        );
    }
    let loaded = read(&files(&t), None, fixture::today()).expect("the template's example loads");
    assert_eq!(loaded.dataset.employees().len(), 1);
    assert_eq!(loaded.outcomes.map(|o| o.len()), Some(1));
    let guide = &t[6].1;
    for (name, text) in &t[..6] {
        let sheet = name.trim_end_matches(".csv");
        for col in text.lines().next().unwrap().split(',') {
            assert!(
                guide.contains(&format!("{sheet},{col},")),
                "the guide lacks {sheet}.{col}"
            );
        }
    }
    assert!(guide.contains("SD Negeri"), "unit kinds listed");
    assert!(guide.contains("LITERASI"), "indicator codes listed");
}

fn sheet_text(book: &[(String, String)], sheet: &str) -> String {
    book.iter()
        .find(|(n, _)| n == &format!("{sheet}.csv"))
        .unwrap()
        .1
        .clone()
}

fn with_sheet(book: &[(String, String)], sheet: &str, text: String) -> Vec<(String, Vec<u8>)> {
    book.iter()
        .map(|(n, t)| {
            let body = if n == &format!("{sheet}.csv") {
                text.clone()
            } else {
                t.clone()
            };
            (n.clone(), body.into_bytes())
        })
        .collect()
}

#[test]
fn a_bad_workbook_names_sheet_row_and_column_and_loads_nothing() {
    let ds = fixture::small();
    let book = export(&ds);
    // A unit of an unknown kind on row 3, a jabatan with GOL_MAKS below GOL_MIN, a formasi row
    // of an unknown unit, a formula in pegawai.
    let mut units: Vec<String> = sheet_text(&book, "unit")
        .lines()
        .map(String::from)
        .collect();
    let cells: Vec<&str> = units[2].split(',').collect();
    let kind = cells[3].to_string();
    units[2] = units[2].replacen(&format!(",{kind},"), ",Kantor,", 1);
    let mut slots: Vec<String> = sheet_text(&book, "formasi")
        .lines()
        .map(String::from)
        .collect();
    let first: Vec<String> = slots[1].split(',').map(String::from).collect();
    slots[1] = format!("{},NOPE,{},,", first[0], first[2]);
    let mut people: Vec<String> = sheet_text(&book, "pegawai")
        .lines()
        .map(String::from)
        .collect();
    let nama = people[3].split(',').nth(1).unwrap().to_string();
    people[3] = people[3].replacen(&nama, "=HYPERLINK(\"http://x\")", 1);
    let mut f = with_sheet(&book, "unit", units.join("\n") + "\n");
    f[2].1 = (slots.join("\n") + "\n").into_bytes();
    f[4].1 = (people.join("\n") + "\n").into_bytes();
    let errs = errors(read(&f, None, fixture::today()));
    let has = |sheet: &str, row: usize, col: &str| {
        errs.iter()
            .any(|e| e.sheet == sheet && e.at.row == row && e.at.column == col)
    };
    assert!(has("unit", 3, "JENIS"), "{errs:#?}");
    assert!(has("pegawai", 4, "NAMA"), "{errs:#?}");
    assert!(errs
        .iter()
        .any(|e| e.to_string().contains("rumus") && e.to_string().contains("formula")));
    // The formasi reference is checked once every sheet reads cleanly.
    let f = with_sheet(&book, "formasi", slots.join("\n") + "\n");
    let errs = errors(read(&f, None, fixture::today()));
    assert!(
        errs.iter().any(|e| e.sheet == "formasi"
            && e.at.row == 2
            && e.at.column == "UNIT"
            && e.at.value == "NOPE"),
        "{errs:#?}"
    );
}

#[test]
fn a_malformed_skp_rater_names_sheet_row_and_column_and_loads_nothing() {
    let ds = fixture::small();
    let book = export(&ds);
    let mut people: Vec<String> = sheet_text(&book, "pegawai")
        .lines()
        .map(String::from)
        .collect();
    assert!(people[2].contains("2025|Sangat Baik"), "{}", people[2]);
    people[2] = people[2].replacen("2025|Sangat Baik", "2025|Sangat Baik|1970010119950310", 1);
    let f = with_sheet(&book, "pegawai", people.join("\n") + "\n");
    let errs = errors(read(&f, Some(ds.parts()), fixture::today()));
    assert!(
        errs.iter().any(|e| e.sheet == "pegawai"
            && e.at.row == 3
            && e.at.column == "SKP"
            && e.to_string().contains("NIP penilai")),
        "{errs:#?}"
    );
}

#[test]
fn missing_sheets_unknown_files_and_wrong_columns_are_named() {
    let ds = fixture::small();
    let book = export(&ds);
    let mut f = files(&book);
    f.retain(|(n, _)| n != "formasi.csv");
    f.push(("gaji.csv".into(), b"A,B\n1,2\n".to_vec()));
    let errs = errors(read(&f, None, fixture::today()));
    assert!(errs
        .iter()
        .any(|e| e.sheet == "formasi" && e.at.reason.en.contains("required")));
    assert!(errs.iter().any(|e| e.at.value == "gaji.csv"));
    let f = with_sheet(&book, "jabatan", "ID,NAMA\nX,Y\n".into());
    let errs = errors(read(&f, None, fixture::today()));
    assert!(errs
        .iter()
        .any(|e| e.sheet == "jabatan" && e.at.row == 1 && e.at.column == "GOL_MIN"));
}

#[test]
fn a_raw_export_with_its_own_column_names_reads_once_mapped() {
    let ds = fixture::small();
    let book = export(&ds);
    // SIASN's names for two columns, and a column Mutasi does not use.
    let raw: String = sheet_text(&book, "pegawai")
        .replacen("NIP,NAMA,", "NIP BARU,Nama Lengkap,", 1)
        .lines()
        .enumerate()
        .map(|(i, l)| format!("{l},{}\n", if i == 0 { "UNOR_INDUK" } else { "X" }))
        .collect();
    let f = with_sheet(&book, "pegawai", raw);
    let errs = errors(read(&f, None, fixture::today()));
    let missing: Vec<&str> = errs.iter().map(|e| e.at.column.as_str()).collect();
    assert_eq!(missing, ["NIP", "NAMA"], "{errs:?}");
    let asks = unmapped_in(&f);
    assert_eq!(asks.len(), 1);
    assert_eq!(asks[0].sheet, "pegawai");
    assert_eq!(asks[0].missing, ["NIP", "NAMA"]);
    assert_eq!(asks[0].unknown, ["NIP BARU", "Nama Lengkap", "UNOR_INDUK"]);
    // The mapping among the files: the same dataset as the file with Mutasi's names.
    let mut map = ColumnMap::default();
    map.insert("pegawai", "NIP BARU", "NIP").unwrap();
    map.insert("Pegawai", "nama lengkap", "nama").unwrap();
    let mut mapped = f.clone();
    mapped.push((MAPPING_FILE.into(), map.to_csv().into_bytes()));
    assert!(unmapped_in(&mapped).is_empty());
    let loaded = read(&mapped, None, fixture::today()).unwrap();
    assert_eq!(export(&loaded.dataset), book);
    // What the server is sent carries Mutasi's names.
    let pegawai = &loaded
        .sheets
        .iter()
        .find(|(s, _)| *s == "pegawai")
        .unwrap()
        .1;
    assert!(pegawai.starts_with("NIP,NAMA,"), "{}", &pegawai[..40]);
    // A mapping that names an unknown column is a problem at its row, and nothing loads.
    let mut bad = f.clone();
    bad.push((
        "data/Pemetaan.CSV".into(),
        b"SHEET,KOLOM_FILE,KOLOM_MUTASI\npegawai,NIP BARU,NIP_BARU\n".to_vec(),
    ));
    let errs = errors(read(&bad, None, fixture::today()));
    assert!(
        errs.iter().any(|e| e.sheet == "pemetaan"
            && e.at.row == 2
            && e.at.column == "KOLOM_MUTASI"
            && e.at.value == "NIP_BARU"),
        "{errs:?}"
    );
}

#[test]
fn a_workbook_in_windows_1252_with_semicolons_reads() {
    let ds = fixture::small();
    let book = export(&ds);
    // Units as Excel saves them on an Indonesian Windows: `;`, Windows-1252, an é in a name.
    let units =
        sheet_text(&book, "unit")
            .replace(',', ";")
            .replacen("Dinas", "Dinas Pendidikan é", 1);
    let bytes: Vec<u8> = units
        .chars()
        .map(|c| if c == 'é' { 0xE9 } else { c as u8 })
        .collect();
    let mut f = files(&book);
    f[0].1 = bytes;
    let loaded = read(&f, None, fixture::today()).unwrap_or_else(|e| panic!("{e:#?}"));
    assert!(
        loaded.read[0].how.en.contains("Windows-1252"),
        "{:?}",
        loaded.read[0].how
    );
    assert!(loaded.dataset.units().iter().any(|u| u.name.contains('é')));
}

#[test]
fn fifty_thousand_bad_rows_are_all_reported() {
    let ds = fixture::small();
    let book = export(&ds);
    let mut text = sheet_text(&book, "kebutuhan")
        .lines()
        .next()
        .unwrap()
        .to_string();
    text.push('\n');
    for i in 0..50_000 {
        text.push_str(&format!("U{i},P{i},banyak\n"));
    }
    let errs = errors(read(
        &with_sheet(&book, "kebutuhan", text),
        None,
        fixture::today(),
    ));
    assert_eq!(
        errs.iter()
            .filter(|e| e.sheet == "kebutuhan" && e.at.column == "BEBAN_KERJA_JAM")
            .count(),
        50_000
    );
    assert_eq!(errs.last().unwrap().at.row, 50_001);
}

/// Next month's SIASN export: one retired, one new hire, one promoted.
#[test]
fn next_months_pegawai_alone_is_a_small_difference_and_flags_proposals() {
    let ds = fixture::small();
    let mut people = ds.parts().employees.clone();
    let gone = people.iter().position(|e| e.current.is_some()).unwrap();
    let retired = people.remove(gone);
    let mut hire = people
        .iter()
        .find(|e| e.current.is_none())
        .cloned()
        .unwrap_or_else(|| {
            let mut e = people[0].clone();
            e.current = None;
            e
        });
    hire.nip = "199801012024011001".parse().unwrap();
    hire.name = "Pegawai Baru, S.Kom.".into();
    hire.history.clear();
    people.push(hire.clone());
    let promoted = people
        .iter()
        .position(|e| e.pangkat.golongan < Golongan::MAX)
        .unwrap();
    let next = people[promoted].pangkat.golongan.next().unwrap();
    people[promoted].pangkat.golongan = next;
    let promoted_nip = people[promoted].nip.clone();
    let text = mutasi_core::io::csv::write_employees(&people);
    let loaded = read(
        &[("Pegawai.CSV".into(), text.into_bytes())],
        Some(ds.parts()),
        fixture::today(),
    )
    .unwrap_or_else(|e| panic!("{e:#?}"));
    assert_eq!(loaded.kept, ["unit", "jabatan", "formasi", "kebutuhan"]);
    let d = diff(ds.parts(), loaded.dataset.parts());
    let p = d.sheet("pegawai").unwrap();
    assert_eq!(p.added, [hire.nip.to_string()]);
    assert_eq!(p.missing, [retired.nip.to_string()]);
    assert_eq!(p.changed.len(), 1);
    assert_eq!(p.changed[0].id, promoted_nip.to_string());
    assert_eq!(p.changed[0].fields.len(), 1);
    assert_eq!(p.changed[0].fields[0].field, "pangkat");
    assert!(p.changed[0].fields[0].new.contains(&next.to_string()));
    // The retired employee's seat is vacant now, and nothing else changed in formasi.
    let f = d.sheet("formasi").unwrap();
    assert_eq!(f.changed.len(), 1);
    assert_eq!(
        f.changed[0].id,
        retired.current.as_ref().unwrap().slot.to_string()
    );
    assert!(d.sheet("unit").unwrap().is_empty());

    let proposal = |id: &str, nip: &Nip, status| Proposal {
        id: id.into(),
        nip: nip.clone(),
        slot: ds.slots()[0].id.clone(),
        tmt: fixture::today(),
        reason: "rotasi".into(),
        overrides: vec![],
        status,
        source: ProposalSource::Planner,
        proposed_by: "perencana".into(),
        decided_by: None,
        sk: None,
        inaugurated_on: None,
        history: vec![],
    };
    let untouched = people
        .iter()
        .find(|e| e.nip != promoted_nip && e.nip != hire.nip)
        .unwrap();
    let open = [
        proposal("a", &promoted_nip, ProposalStatus::Submitted),
        proposal("b", &retired.nip, ProposalStatus::Draft),
        proposal("c", &promoted_nip, ProposalStatus::Rejected),
        proposal("d", &untouched.nip, ProposalStatus::Submitted),
    ];
    let flags = flagged(&open, &d);
    let ids: Vec<&str> = flags.iter().map(|f| f.proposal.as_str()).collect();
    assert!(
        ids.contains(&"a") && ids.contains(&"b") && !ids.contains(&"c"),
        "{flags:?}"
    );
    let b = flags.iter().find(|f| f.proposal == "b").unwrap();
    assert_eq!(b.employee, Some(Touch::Missing));
}

/// An acting holder (Plt) who is not in next month's `pegawai` leaves the seat open; named in a
/// `formasi` sheet, the same NIP is a problem at its row.
#[test]
fn a_departed_plt_leaves_the_seat_open() {
    let ds = fixture::small();
    let (plt_slot, plt) = ds
        .slots()
        .iter()
        .find_map(|s| {
            s.holder
                .as_ref()
                .filter(|h| h.kind == HoldKind::Plt)
                .map(|h| (s.id.clone(), h.nip.clone().unwrap()))
        })
        .expect("the fixture has a Plt");
    let people: Vec<Employee> = ds
        .employees()
        .iter()
        .filter(|e| e.nip != plt)
        .cloned()
        .collect();
    let pegawai = mutasi_core::io::csv::write_employees(&people);
    let loaded = read(
        &[("pegawai.csv".into(), pegawai.clone().into_bytes())],
        Some(ds.parts()),
        fixture::today(),
    )
    .unwrap_or_else(|e| panic!("{e:#?}"));
    let seat = loaded
        .dataset
        .slots()
        .iter()
        .find(|s| s.id == plt_slot)
        .unwrap();
    assert!(seat.holder.is_none());
    let d = diff(ds.parts(), loaded.dataset.parts());
    assert!(d
        .sheet("formasi")
        .unwrap()
        .changed
        .iter()
        .any(|c| c.id == plt_slot.to_string()));
    // With a formasi sheet that still names them, it is the file's contradiction.
    let book = export(&ds);
    let f = with_sheet(&book, "pegawai", pegawai);
    let errs = errors(read(&f, None, fixture::today()));
    assert!(
        errs.iter().any(|e| e.sheet == "formasi"
            && e.at.column == "PLT_NIP"
            && e.at.value == plt.to_string()),
        "{errs:#?}"
    );
}

#[test]
fn a_holder_ranked_far_above_the_post_is_implausible() {
    // IV/e in a post whose highest golongan is at most III/d: refused at the holder's row and
    // GOL_RUANG; the same holder two ruang above the post's highest (the default tolerance) loads.
    let ds = fixture::small();
    let (i, max) = ds
        .employees()
        .iter()
        .enumerate()
        .find_map(|(i, e)| {
            let s = ds.slot(&e.current.as_ref()?.slot)?;
            let max = ds.position(&s.position)?.golongan_max;
            (max.index() <= 11).then_some((i, max))
        })
        .expect("a holder of a post up to III/d");
    let with_golongan = |g: Golongan| {
        let mut parts = ds.clone().into_parts();
        parts.employees[i].pangkat.golongan = g;
        files(&export(&Dataset::new(parts).unwrap()))
    };
    let errs = errors(read(
        &with_golongan(Golongan::from_index(16).unwrap()),
        None,
        fixture::today(),
    ));
    let row = i + 2;
    let hit = errs
        .iter()
        .find(|e| e.sheet == "pegawai" && e.at.column == "GOL_RUANG")
        .unwrap_or_else(|| panic!("{errs:#?}"));
    assert_eq!((hit.at.row, hit.at.value.as_str()), (row, "IV/e"));
    assert!(
        hit.to_string()
            .contains(&format!("golongan tertinggi {max}")),
        "{hit}"
    );
    assert!(
        hit.to_string().contains("diperiksa sampai 2 ruang"),
        "{hit}"
    );
    let near = Golongan::from_index(max.index() + 2).unwrap();
    assert!(read(&with_golongan(near), None, fixture::today()).is_ok());
}
