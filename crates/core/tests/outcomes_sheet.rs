//! The workbook's `capaian` sheet (outcomes of units by year): read through the same path as the
//! other sheets (`io::workbook::read`), every problem named by sheet, row, column and value,
//! nothing returned while there is one, and absent means `None` (the stored data unchanged).
#![cfg(not(target_arch = "wasm32"))]

use mutasi_core::io::workbook::{read, write_outcomes, WorkbookError, OUTCOME_SHEET};
use mutasi_core::model::{Indicator, OutcomeRecord};
use mutasi_core::{fixture, Dataset};

fn base() -> Dataset {
    fixture::small()
}

fn load(name: &str, text: &str) -> Result<mutasi_core::io::workbook::Loaded, Vec<WorkbookError>> {
    let ds = base();
    read(
        &[(name.to_string(), text.as_bytes().to_vec())],
        Some(ds.parts()),
        fixture::today(),
    )
}

fn unit(i: usize) -> String {
    base().units()[i].id.to_string()
}

#[test]
fn outcomes_round_trip_through_the_sheet() {
    let records: Vec<OutcomeRecord> = Indicator::ALL
        .into_iter()
        .enumerate()
        .map(|(k, indicator)| OutcomeRecord {
            unit: base().units()[k % 3].id.clone(),
            year: 2020 + k as i32,
            indicator,
            value: 10.5 + k as f64,
        })
        .collect();
    let loaded = load("capaian.csv", &write_outcomes(&records)).unwrap();
    assert_eq!(loaded.outcomes.as_deref(), Some(&records[..]));
    let read = loaded
        .read
        .iter()
        .find(|r| r.sheet == OUTCOME_SHEET)
        .unwrap();
    assert_eq!(read.rows, records.len());
    // The other sheets are kept as stored.
    assert_eq!(loaded.dataset.parts().units, base().parts().units);
    assert_eq!(loaded.dataset.parts().employees, base().parts().employees);
}

#[test]
fn a_sheet_as_offices_save_it_reads() {
    // Semicolons, a decimal comma, lower-case codes, any column order.
    let text = format!(
        "nilai;Tahun;UNIT;indikator\n71,25;2024;{u};literasi\n3;2025;{u};pengaduan\n",
        u = unit(0)
    );
    let got = load("Capaian.CSV", &text).unwrap().outcomes.unwrap();
    assert_eq!(got.len(), 2);
    assert_eq!(
        (got[0].indicator, got[0].value),
        (Indicator::Literasi, 71.25)
    );
    assert_eq!(
        (got[1].indicator, got[1].year),
        (Indicator::Pengaduan, 2025)
    );
}

#[test]
fn no_capaian_sheet_means_no_outcomes() {
    let ds = base();
    let loaded = read(&[], Some(ds.parts()), fixture::today()).unwrap();
    assert_eq!(loaded.outcomes, None);
}

#[test]
fn bad_rows_are_named_by_row_and_column_and_nothing_is_read() {
    let u = unit(0);
    let text = format!(
        "UNIT,TAHUN,INDIKATOR,NILAI\n\
         {u},2024,LITERASI,70\n\
         TIDAK-ADA,2024,LITERASI,70\n\
         {u},1990,NUMERASI,70\n\
         {u},2024,NILAI_UN,70\n\
         {u},2024,NUMERASI,120\n\
         {u},2024,PENGADUAN,-1\n\
         {u},2024,LITERASI,71\n\
         {u},2024,IKM,=1+1\n"
    );
    let errs = load("capaian.csv", &text).unwrap_err();
    let at: Vec<(&str, usize, &str, &str)> = errs
        .iter()
        .map(|e| {
            (
                e.sheet.as_str(),
                e.at.row,
                e.at.column.as_str(),
                e.at.value.as_str(),
            )
        })
        .collect();
    for want in [
        ("capaian", 3, "UNIT", "TIDAK-ADA"),
        ("capaian", 4, "TAHUN", "1990"),
        ("capaian", 5, "INDIKATOR", "NILAI_UN"),
        ("capaian", 6, "NILAI", "120"),
        ("capaian", 7, "NILAI", "-1"),
        ("capaian", 8, "INDIKATOR", "LITERASI"),
    ] {
        assert!(at.contains(&want), "{want:?} not in {at:?}");
    }
    let dup = errs.iter().find(|e| e.at.row == 8).unwrap();
    assert!(dup.at.reason.id.contains("baris 2"), "{}", dup);
    assert!(
        errs.iter().any(|e| e.at.row == 9 && e.at.column == "NILAI"),
        "{errs:?}"
    );
    let percent = errs.iter().find(|e| e.at.row == 6).unwrap();
    assert!(percent.to_string().contains("0-100"), "{percent}");
}

#[test]
fn a_missing_column_is_named() {
    let errs = load("capaian.csv", "UNIT,TAHUN,NILAI\nX,2024,1\n").unwrap_err();
    assert!(
        errs.iter()
            .any(|e| e.sheet == "capaian" && e.to_string().contains("INDIKATOR")),
        "{errs:?}"
    );
}
