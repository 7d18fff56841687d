//! Excel workbooks (`.xlsx`): one file whose sheets are named like the workbook's CSV files
//! (`unit`, `jabatan`, `formasi`, `kebutuhan`, `pegawai`, any case; `petunjuk` and other
//! sheets are skipped). [`sheets`] turns each sheet into the CSV text a `.csv` file of that
//! sheet would hold, so every check after it is the CSV path's own.
//!
//! Cells become text as a person reads them in Excel: strings as they are, whole numbers
//! without `.0`, dates as `YYYY-MM-DD` (the workbook's date format). What cannot be a value is a
//! problem at its sheet, row and column, like every other: a formula (the same problem as a
//! formula in a CSV file), an Excel error (`#N/A`), and a whole number of more than 15 digits,
//! which Excel keeps only to 15 significant digits (an 18-digit NIP typed into a number column
//! becomes `1.98503122010011E+17` and its last digits are lost: the column must be Text).
//!
//! Read with `calamine` (pure Rust; it builds for wasm32, so the Data page reads the same file
//! on the device).

use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx};

use super::table::formula_error;
use super::{WorkbookError, SHEETS};
use crate::text::Text;

/// Whether a file is an Excel workbook, from its name (`Data.XLSX`).
pub fn is_xlsx(file_name: &str) -> bool {
    file_name
        .rsplit_once('.')
        .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("xlsx"))
}

/// Excel keeps 15 significant digits of a number; a whole number beyond has lost digits.
const EXACT_DIGITS: f64 = 1e15;

/// The sheets of an Excel workbook that Mutasi reads.
#[derive(Debug, Default)]
pub struct Sheets {
    /// Each sheet as CSV text, in the workbook's order (a sheet with problems too, its bad
    /// cells empty, so it still counts as given).
    pub sheets: Vec<(&'static str, String)>,
    /// Cells that are not values, every one with its sheet, row and column.
    pub problems: Vec<WorkbookError>,
}

/// The sheets of the workbook `bytes` (file `name`) that Mutasi reads, each as CSV text, and
/// the cells that are not values. An error: the file is not an xlsx workbook, or it has none of
/// the sheets.
pub fn sheets(name: &str, bytes: &[u8]) -> Result<Sheets, Vec<WorkbookError>> {
    let whole = |reason: Text| vec![WorkbookError::new("", 0, "", name, reason)];
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        whole(Text::new(
            format!("berkas bukan buku kerja Excel (.xlsx) yang dapat dibaca: {e}"),
            format!("not a readable Excel workbook (.xlsx): {e}"),
        ))
    })?;
    let names = book.sheet_names();
    let mut out = Sheets::default();
    for sheet_name in &names {
        let Some(sheet) = super::known_sheet(sheet_name) else {
            continue;
        };
        let unreadable = |e: calamine::XlsxError| {
            WorkbookError::new(
                sheet,
                0,
                "",
                name,
                Text::new(
                    format!("lembar tidak dapat dibaca: {e}"),
                    format!("cannot read the sheet: {e}"),
                ),
            )
        };
        let values = match book.worksheet_range(sheet_name) {
            Ok(r) => r,
            Err(e) => {
                out.problems.push(unreadable(e));
                continue;
            }
        };
        let formulas = match book.worksheet_formula(sheet_name) {
            Ok(r) => r,
            Err(e) => {
                out.problems.push(unreadable(e));
                continue;
            }
        };
        let text = sheet_csv(sheet, &values, &formulas, &mut out.problems);
        out.sheets.push((sheet, text));
    }
    if out.sheets.is_empty() && out.problems.is_empty() {
        return Err(whole(Text::new(
            format!(
                "buku kerja tidak memuat lembar yang dikenal ({}); lembarnya: {}",
                SHEETS.join(", "),
                names.join(", ")
            ),
            format!(
                "the workbook has none of the sheets ({}); its sheets: {}",
                SHEETS.join(", "),
                names.join(", ")
            ),
        )));
    }
    Ok(out)
}

/// One sheet as CSV text: its header in row 1, the row numbers of the sheet kept (an empty row
/// stays a row), every cell that is not a value a problem in `errs` (and empty in the text).
fn sheet_csv(
    sheet: &'static str,
    values: &Range<Data>,
    formulas: &Range<String>,
    errs: &mut Vec<WorkbookError>,
) -> String {
    let (Some((top, left)), Some((bottom, right))) = (values.start(), values.end()) else {
        return String::new();
    };
    if top != 0 {
        errs.push(WorkbookError::new(
            sheet,
            top as usize + 1,
            "",
            "",
            Text::new(
                "judul kolom harus di baris 1 lembar ini",
                "the column headers must be in row 1 of the sheet",
            ),
        ));
        return String::new();
    }
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut header = Vec::new();
    for col in left..=right {
        let cell = values.get_value((0, col)).unwrap_or(&Data::Empty);
        header.push(match cell {
            Data::String(s) => s.clone(),
            other => other.to_string(),
        });
    }
    let column_name = |col: u32| {
        let h = header[(col - left) as usize].trim();
        if h.is_empty() {
            column_letters(col)
        } else {
            h.to_string()
        }
    };
    for row in 0..=bottom {
        let mut cells = Vec::with_capacity(header.len());
        for col in left..=right {
            let formula = formulas.get_value((row, col)).filter(|f| !f.is_empty());
            if let Some(f) = formula {
                let shown = if f.starts_with('=') {
                    f.clone()
                } else {
                    format!("={f}")
                };
                errs.push(formula_error(
                    sheet,
                    row as usize + 1,
                    &column_name(col),
                    &shown,
                ));
                cells.push(String::new());
                continue;
            }
            let cell = values.get_value((row, col)).unwrap_or(&Data::Empty);
            match cell_text(cell) {
                Ok(text) => cells.push(text),
                Err((value, reason)) => {
                    errs.push(WorkbookError::new(
                        sheet,
                        row as usize + 1,
                        &column_name(col),
                        &value,
                        reason,
                    ));
                    cells.push(String::new());
                }
            }
        }
        // Writing into a Vec cannot fail.
        let _ = w.write_record(&cells);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A cell as the text a CSV file would hold, or the value shown and why it is not a value.
fn cell_text(cell: &Data) -> Result<String, (String, Text)> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::Float(f) => number_text(*f)?,
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, hh, mm, ss, ms) = dt.to_ymd_hms_milli();
            if (hh, mm, ss, ms) == (0, 0, 0, 0) {
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}")
            }
        }
        Data::DateTime(dt) => number_text(dt.as_f64())?,
        Data::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => {
            return Err((
                e.to_string(),
                Text::new(
                    "sel berisi galat Excel, bukan nilai",
                    "the cell holds an Excel error, not a value",
                ),
            ))
        }
    })
}

/// A number as a person reads it: whole numbers without `.0`; a whole number beyond Excel's
/// 15 digits is refused (its last digits are already lost).
fn number_text(f: f64) -> Result<String, (String, Text)> {
    if f.fract() != 0.0 || !f.is_finite() {
        return Ok(f.to_string());
    }
    if f.abs() < EXACT_DIGITS {
        return Ok(format!("{}", f as i64));
    }
    Err((
        excel_scientific(f),
        Text::new(
            "angka lebih dari 15 digit disimpan Excel sebagai bilangan dan digit terakhirnya \
             hilang (mis. NIP): format kolom ini sebagai Teks (Text) lalu isi ulang nilainya",
            "Excel stores a number of more than 15 digits as a number and loses its last \
             digits (e.g. a NIP): format this column as Text and enter the values again",
        ),
    ))
}

/// `f` as Excel shows a long number: `1.98503122010011E+17`.
fn excel_scientific(f: f64) -> String {
    let s = format!("{f:.14E}");
    let (mantissa, exp) = s.split_once('E').unwrap_or((&s, "0"));
    let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
    let sign = if exp.starts_with('-') { "" } else { "+" };
    format!("{mantissa}E{sign}{exp}")
}

/// The spreadsheet letters of a 0-based column (`A`, `Z`, `AA`).
fn column_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_read_them() {
        assert_eq!(number_text(42.0).unwrap(), "42");
        assert_eq!(number_text(12.5).unwrap(), "12.5");
        assert_eq!(number_text(-3.0).unwrap(), "-3");
        assert_eq!(
            number_text(999_999_999_999_999.0).unwrap(),
            "999999999999999"
        );
        let (shown, _) = number_text(198503122010011000.0).unwrap_err();
        assert_eq!(shown, "1.98503122010011E+17");
        assert_eq!(excel_scientific(1e15), "1E+15");
    }

    #[test]
    fn column_letters_count_like_a_spreadsheet() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }
}
