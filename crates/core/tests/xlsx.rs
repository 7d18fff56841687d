//! Excel workbooks: the demo city written as an .xlsx (numbers as numbers, dates as date cells,
//! sheet names in any case, a guide sheet) reads into the same dataset as its CSV files; a date
//! cell reads as the CSV date; a NIP that Excel turned into a number, a formula and a file that
//! is not a workbook are problems at their place, and nothing loads.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::OnceLock;

use chrono::NaiveDate;
use mutasi_core::io::workbook::{self, export, formula_error, read, xlsx, WorkbookError};
use mutasi_core::{demo, fixture, Dataset};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

fn city() -> &'static Dataset {
    static CITY: OnceLock<Dataset> = OnceLock::new();
    CITY.get_or_init(|| demo::generate(11))
}

fn today() -> NaiveDate {
    demo::reference_date()
}

/// One cell of a test workbook.
enum Cell {
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Formula(&'static str),
}

/// A cell as a person would type it into Excel: whole numbers (no leading zero, at most 15
/// digits) as numbers, `YYYY-MM-DD` as a date cell, anything else as text.
fn typed(raw: &str) -> Cell {
    if let Ok(d) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        return Cell::Date(d);
    }
    let whole = !raw.is_empty()
        && raw.len() <= 15
        && raw.bytes().all(|b| b.is_ascii_digit())
        && (raw == "0" || !raw.starts_with('0'));
    if whole {
        return Cell::Number(raw.parse().unwrap());
    }
    Cell::Text(raw.to_string())
}

/// The rows of a CSV text, header first.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    rd.records()
        .map(|r| {
            r.unwrap()
                .iter()
                .map(|c| mutasi_core::io::formula::restore(c).to_string())
                .collect()
        })
        .collect()
}

/// An .xlsx workbook of the named sheets.
fn xlsx_of<S: AsRef<str>>(sheets: &[(S, Vec<Vec<Cell>>)]) -> Vec<u8> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (name, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(name.as_ref()).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Cell::Text(t) if t.is_empty() => continue,
                    Cell::Text(t) => ws.write_string(r, c, t.as_str()),
                    Cell::Number(n) => ws.write_number(r, c, *n),
                    Cell::Date(d) => {
                        let dt = ExcelDateTime::from_ymd(
                            d.format("%Y").to_string().parse().unwrap(),
                            d.format("%m").to_string().parse().unwrap(),
                            d.format("%d").to_string().parse().unwrap(),
                        )
                        .unwrap();
                        ws.write_datetime_with_format(r, c, &dt, &date)
                    }
                    Cell::Formula(f) => ws.write_formula(r, c, Formula::new(*f)),
                }
                .unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// The demo city as an .xlsx with typed cells, sheet names capitalised and a guide sheet.
fn demo_xlsx() -> (Vec<u8>, usize, usize) {
    let book = export(city());
    let (mut numbers, mut dates) = (0, 0);
    let mut sheets = Vec::new();
    for (name, text) in &book {
        let rows: Vec<Vec<Cell>> = csv_rows(text)
            .into_iter()
            .enumerate()
            .map(|(i, row)| {
                row.iter()
                    .map(|c| {
                        if i == 0 {
                            Cell::Text(c.clone())
                        } else {
                            typed(c)
                        }
                    })
                    .inspect(|c| match c {
                        Cell::Number(_) => numbers += 1,
                        Cell::Date(_) => dates += 1,
                        _ => {}
                    })
                    .collect()
            })
            .collect();
        let sheet = name.trim_end_matches(".csv");
        let mut title = sheet.to_string();
        title[..1].make_ascii_uppercase();
        sheets.push((title, rows));
    }
    sheets.push((
        "Petunjuk".into(),
        vec![vec![Cell::Text("LEMBAR".into()), Cell::Formula("=1+1")]],
    ));
    (xlsx_of(&sheets), numbers, dates)
}

fn problems(files: Vec<(String, Vec<u8>)>) -> Vec<WorkbookError> {
    match read(&files, None, fixture::today()) {
        Ok(_) => panic!("the workbook was accepted"),
        Err(e) => e,
    }
}

/// The small city as an .xlsx of text cells, `edit` applied to the `pegawai` rows (header
/// first).
fn pegawai_xlsx(edit: impl Fn(&mut Vec<Vec<Cell>>)) -> Vec<(String, Vec<u8>)> {
    let book = export(&fixture::small());
    let mut sheets: Vec<(&str, Vec<Vec<Cell>>)> = Vec::new();
    for (name, text) in &book {
        let mut rows: Vec<Vec<Cell>> = csv_rows(text)
            .into_iter()
            .map(|r| r.into_iter().map(Cell::Text).collect())
            .collect();
        let sheet = name.trim_end_matches(".csv");
        if sheet == "pegawai" {
            edit(&mut rows);
        }
        sheets.push((sheet, rows));
    }
    vec![("buku.xlsx".to_string(), xlsx_of(&sheets))]
}

/// The column index of `name` in a header row.
fn col(rows: &[Vec<Cell>], name: &str) -> usize {
    rows[0]
        .iter()
        .position(|c| matches!(c, Cell::Text(t) if t == name))
        .unwrap()
}

#[test]
fn the_demo_city_as_an_xlsx_reads_like_its_csv_files() {
    let (bytes, numbers, dates) = demo_xlsx();
    assert!(
        numbers > 1000 && dates > 1000,
        "{numbers} numbers, {dates} dates"
    );
    let files = vec![("Kota Demo.XLSX".to_string(), bytes)];
    let loaded =
        read(&files, None, today()).unwrap_or_else(|e| panic!("{:?}", &e[..e.len().min(5)]));
    assert!(loaded.kept.is_empty());
    let book = export(city());
    let again = export(&loaded.dataset);
    for ((name, a), (_, b)) in book.iter().zip(&again) {
        assert!(a == b, "{name} differs after the xlsx");
    }
    assert!(mutasi_core::io::diff::diff(city().parts(), loaded.dataset.parts()).is_empty());
    let how = &loaded
        .read
        .iter()
        .find(|r| r.sheet == "pegawai")
        .unwrap()
        .how;
    assert!(how.en.contains("Excel sheet of Kota Demo.XLSX"), "{how:?}");
    // The sheets as CSV text (what the app sends the server) read to the same dataset.
    assert_eq!(
        loaded.sheets.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
        workbook::SHEETS
    );
    let texts: Vec<(String, Vec<u8>)> = loaded
        .sheets
        .iter()
        .map(|(s, t)| (format!("{s}.csv"), t.clone().into_bytes()))
        .collect();
    let from_texts = read(&texts, None, today()).unwrap();
    assert_eq!(export(&from_texts.dataset), book);
}

#[test]
fn a_date_cell_reads_as_the_csv_date() {
    let d = NaiveDate::from_ymd_opt(2019, 3, 1).unwrap();
    let bytes = xlsx_of(&[(
        "PEGAWAI",
        vec![
            vec![Cell::Text("NIP".into()), Cell::Text("TMT_JABATAN".into())],
            vec![Cell::Text("198503122010011001".into()), Cell::Date(d)],
            vec![],
            vec![Cell::Number(7.0), Cell::Number(12.5)],
        ],
    )]);
    let book = xlsx::sheets("a.xlsx", &bytes).unwrap();
    assert!(book.problems.is_empty(), "{:?}", book.problems);
    let sheets = book.sheets;
    assert_eq!(sheets.len(), 1);
    assert_eq!(sheets[0].0, "pegawai");
    // An empty row stays a row, so row numbers are the sheet's.
    assert_eq!(
        csv_rows(&sheets[0].1),
        [
            vec!["NIP", "TMT_JABATAN"],
            vec!["198503122010011001", "2019-03-01"],
            vec!["", ""],
            vec!["7", "12.5"],
        ]
    );
}

#[test]
fn a_nip_excel_turned_into_a_number_is_named_at_its_row_and_column() {
    let files = pegawai_xlsx(|rows| {
        let nip = col(rows, "NIP");
        rows[2][nip] = Cell::Number(198503122010011000.0);
    });
    let errs = problems(files);
    assert_eq!(errs.len(), 1, "{errs:?}");
    let e = &errs[0];
    assert_eq!(
        (
            e.sheet.as_str(),
            e.at.row,
            e.at.column.as_str(),
            e.at.value.as_str()
        ),
        ("pegawai", 3, "NIP", "1.98503122010011E+17")
    );
    assert!(e.at.reason.id.contains("Teks"), "{}", e.at.reason.id);
    assert!(e.at.reason.en.contains("format this column as Text"));
}

#[test]
fn a_formula_cell_is_the_same_problem_as_in_a_csv_file() {
    let files = pegawai_xlsx(|rows| {
        let nama = col(rows, "NAMA");
        rows[4][nama] = Cell::Formula("=CONCAT(\"A\",\"B\")");
    });
    let errs = problems(files);
    assert_eq!(errs.len(), 1, "{errs:?}");
    let expected = formula_error("pegawai", 5, "NAMA", "=CONCAT(\"A\",\"B\")");
    assert_eq!(errs[0].sheet, expected.sheet);
    assert_eq!(errs[0].at.row, 5);
    assert_eq!(errs[0].at.column, "NAMA");
    assert!(
        errs[0].at.value.contains("CONCAT"),
        "{:?}",
        errs[0].at.value
    );
    assert_eq!(errs[0].at.reason, expected.at.reason);
}

#[test]
fn a_file_that_is_not_a_workbook_or_has_none_of_the_sheets_is_named() {
    let errs = problems(vec![("pegawai.xlsx".into(), b"NIP,NAMA\n1,2\n".to_vec())]);
    // The file, then the sheets a first load needs (none was given).
    assert_eq!(errs.len(), 5, "{errs:?}");
    assert_eq!(
        (errs[0].sheet.as_str(), errs[0].at.value.as_str()),
        ("", "pegawai.xlsx")
    );
    assert!(errs[0]
        .at
        .reason
        .en
        .contains("not a readable Excel workbook"));
    assert!(errs[1..]
        .iter()
        .all(|e| e.at.reason.en.contains("required on a first load")));

    let bytes = xlsx_of(&[("Sheet1", vec![vec![Cell::Text("NIP".into())]])]);
    let errs = problems(vec![("siasn.xlsx".into(), bytes)]);
    assert_eq!(errs[0].at.value, "siasn.xlsx");
    assert!(
        errs[0].at.reason.en.contains("its sheets: Sheet1"),
        "{}",
        errs[0].at.reason.en
    );
}

#[test]
fn a_sheet_in_an_xlsx_and_a_csv_file_is_given_twice() {
    let mut files = pegawai_xlsx(|_| {});
    let book = export(&fixture::small());
    files.push(("pegawai.csv".into(), book[4].1.clone().into_bytes()));
    let errs = problems(files);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].sheet, "pegawai");
    assert!(errs[0].at.reason.en.contains("given twice"));
}
