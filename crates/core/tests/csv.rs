//! Employee CSV: lossless round trips, and bad files rejected whole with every problem listed.
#![cfg(not(target_arch = "wasm32"))]

use mutasi_core::io::csv::{merge_into, read_employees, write_employees, ImportError, COLUMNS};
use mutasi_core::model::Employee;
use mutasi_core::{demo, fixture, Dataset};
use proptest::prelude::*;
use std::sync::OnceLock;

fn city() -> &'static Dataset {
    static CITY: OnceLock<Dataset> = OnceLock::new();
    CITY.get_or_init(|| demo::generate(11))
}

fn round_trip(emps: &[Employee]) {
    let text = write_employees(emps);
    let back = read_employees(&text).unwrap_or_else(|e| panic!("{:?}", &e[..e.len().min(3)]));
    assert_eq!(back, emps);
    assert_eq!(write_employees(&back), text);
}

#[test]
fn fixture_and_demo_round_trip() {
    round_trip(fixture::small().employees());
    round_trip(&city().employees()[..2000]);
}

#[test]
fn merge_rebuilds_the_same_dataset() {
    let ds = fixture::small();
    let emps = read_employees(&write_employees(ds.employees())).unwrap();
    let merged = merge_into(ds.parts().clone(), emps).unwrap();
    assert_eq!(
        serde_json::to_string(&merged).unwrap(),
        serde_json::to_string(&ds).unwrap()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn import_export_import_is_identity(pick in 0usize..19_000, weird in "[a-zA-Z0-9 ,;|\\\\\"'\\n.éü/-]{0,24}") {
        let all = city().employees();
        let mut e = all[pick % all.len()].clone();
        e.name = format!("{}{weird}", e.name);
        if let Some(ed) = e.education.first_mut() { ed.major = weird.clone(); }
        e.history.iter_mut().for_each(|p| p.title = weird.clone());
        e.sanctions.iter_mut().for_each(|s| s.description = weird.clone());
        let mut f = all[(pick * 7 + 1) % all.len()].clone();
        f.diklat.iter_mut().for_each(|d| d.name = format!("{weird}|;"));
        round_trip(&[e, f]);
    }
}

fn check(csv_body: &str, want: &[(usize, &str, &str, &str)]) {
    let text = format!("{}\n{csv_body}", COLUMNS.join(","));
    let errs: Vec<ImportError> = read_employees(&text).expect_err("a bad file must be rejected");
    for (row, col, value, reason_en) in want {
        assert!(
            errs.iter().any(|e| e.row == *row
                && e.column == *col
                && e.value.contains(value)
                && e.reason.en.contains(reason_en)
                && !e.reason.id.is_empty()),
            "missing ({row}, {col}, {value}, {reason_en}) in {errs:#?}"
        );
    }
}

const GOOD: &str = "198503122010011003,Budi Santoso,PNS,III/a,2020-04-01,D-IV/S1|Ilmu Hukum|Hukum|2008,,\"2,2,2,2,2,2,2,2\",2,Hukum|2,2025|Baik,,,,,Kemuning,,,,0,";

#[test]
fn a_good_row_imports() {
    let text = format!("{}\n{GOOD}\n", COLUMNS.join(","));
    let emps = read_employees(&text).unwrap();
    assert_eq!(emps.len(), 1);
    assert_eq!(emps[0].pangkat.golongan.to_string(), "III/a");
}

#[test]
fn bad_files_list_every_problem() {
    check(
        &[
            GOOD.replace("198503122010011003", "198502292010011003"),
            GOOD.replace("III/a", "III/x")
                .replace("2020-04-01", "2020-13-01"),
            GOOD.replace("\"2,2,2,2,2,2,2,2\"", "\"2,2,9\""),
            GOOD.replace("Kemuning", "Atlantis")
                .replace("2025|Baik", "2025|Hebat"),
            GOOD.replace(",0,", ",0,140"),
            GOOD.to_string(),
            GOOD.to_string(),
        ]
        .join("\n"),
        &[
            (2, "NIP", "198502292010011003", "impossible birth date"),
            (3, "GOL_RUANG", "III/x", "invalid rank"),
            (3, "TMT_GOLONGAN", "2020-13-01", "invalid date"),
            (
                4,
                "KOMPETENSI_MANAJERIAL",
                "9",
                "competency level must be 1-5",
            ),
            (5, "KECAMATAN_DOMISILI", "Atlantis", "invalid kecamatan"),
            (5, "SKP", "Hebat", "invalid predikat"),
            (6, "NILAI_POTENSI", "140", "potential must be 0-100"),
            (8, "NIP", "198503122010011003", "duplicate NIP"),
        ],
    );
}

#[test]
fn missing_columns_are_reported_on_the_header_row() {
    let errs = read_employees("NIP,NAMA\n198503122010011003,Budi\n").unwrap_err();
    assert!(errs.iter().all(|e| e.row == 1));
    assert!(errs
        .iter()
        .any(|e| e.column == "GOL_RUANG" && e.reason.en == "required column missing"));
}
