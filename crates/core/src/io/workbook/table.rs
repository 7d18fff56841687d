//! One sheet of the workbook read as a table: the header matched by name, each row's cells in
//! the sheet's column order, every problem kept with its sheet, row, column and value.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::super::csv::ImportError;
use super::super::formula::restore;
use super::super::text::sniff_delimiter;
use crate::text::Text;

/// One problem in a workbook: the sheet (file) it is in, then row, column, value and reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkbookError {
    /// The sheet, e.g. `pegawai` (empty: the workbook as a whole).
    pub sheet: String,
    /// Row (the header is row 1; 0: the sheet as a whole), column, value and reason.
    #[serde(flatten)]
    pub at: ImportError,
}

impl WorkbookError {
    /// A problem at `row`/`column` of `sheet`.
    pub fn new(sheet: &str, row: usize, column: &str, value: &str, reason: Text) -> WorkbookError {
        WorkbookError {
            sheet: sheet.into(),
            at: ImportError {
                row,
                column: column.into(),
                value: value.into(),
                reason,
            },
        }
    }
}

impl std::fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let a = &self.at;
        write!(
            f,
            "{}, baris/row {}, kolom/column {}, nilai/value {:?}: {} / {}",
            if self.sheet.is_empty() {
                "-"
            } else {
                &self.sheet
            },
            a.row,
            if a.column.is_empty() { "-" } else { &a.column },
            a.value,
            a.reason.id,
            a.reason.en
        )
    }
}

/// Whether a raw cell is a spreadsheet formula (`=…`, `+…`, `@…`): a file made by a
/// spreadsheet holds values, and a formula's text is not the value it showed.
pub fn is_formula(raw: &str) -> bool {
    raw.starts_with(['=', '+', '@'])
}

/// The rows of one sheet, read from CSV text (separator from the header line).
pub(super) struct Table {
    pub(super) sheet: &'static str,
    columns: &'static [&'static str],
    pub(super) rows: Vec<Cells>,
}

/// One data row: its number in the file and its cells in the sheet's column order.
pub(super) struct Cells {
    pub(super) row: usize,
    cells: Vec<String>,
}

impl Table {
    /// Reads `text`; `optional` columns may be absent (their cells read as empty). Problems
    /// (a missing column, a malformed row, a formula) go to `errs`; rows with a formula are left
    /// out.
    pub(super) fn read(
        sheet: &'static str,
        columns: &'static [&'static str],
        optional: &[&str],
        text: &str,
        errs: &mut Vec<WorkbookError>,
    ) -> Table {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let mut rd = ::csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .delimiter(sniff_delimiter(text))
            .from_reader(text.as_bytes());
        let mut table = Table {
            sheet,
            columns,
            rows: Vec::new(),
        };
        let header: Vec<String> = match rd.headers() {
            Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
            Err(e) => {
                errs.push(WorkbookError::new(
                    sheet,
                    1,
                    "",
                    "",
                    Text::new(
                        format!("berkas tidak dapat dibaca: {e}"),
                        format!("cannot read file: {e}"),
                    ),
                ));
                return table;
            }
        };
        let pos: Vec<Option<usize>> = columns
            .iter()
            .map(|c| header.iter().position(|h| h.eq_ignore_ascii_case(c)))
            .collect();
        let mut missing = false;
        for (c, p) in columns.iter().zip(&pos) {
            if p.is_none() && !optional.contains(c) {
                missing = true;
                errs.push(WorkbookError::new(
                    sheet,
                    1,
                    c,
                    "",
                    Text::new("kolom wajib tidak ada", "required column missing"),
                ));
            }
        }
        if missing {
            return table;
        }
        for (i, rec) in rd.records().enumerate() {
            let row = i + 2;
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    errs.push(WorkbookError::new(
                        sheet,
                        row,
                        "",
                        "",
                        Text::new(format!("baris rusak: {e}"), format!("malformed row: {e}")),
                    ));
                    continue;
                }
            };
            if rec.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let mut ok = true;
            let mut cells = Vec::with_capacity(columns.len());
            for (c, p) in columns.iter().zip(&pos) {
                let raw = p.and_then(|p| rec.get(p)).unwrap_or("");
                if is_formula(raw) {
                    ok = false;
                    errs.push(formula_error(sheet, row, c, raw));
                }
                cells.push(restore(raw).trim().to_string());
            }
            if ok {
                table.rows.push(Cells { row, cells });
            }
        }
        table
    }
}

/// The problem of a formula cell.
pub fn formula_error(sheet: &str, row: usize, column: &str, raw: &str) -> WorkbookError {
    WorkbookError::new(
        sheet,
        row,
        column,
        raw,
        Text::new(
            "sel berisi rumus, bukan nilai: salin lalu tempel sebagai nilai (Paste Values)",
            "the cell holds a formula, not a value: copy and paste it as values",
        ),
    )
}

/// Reading the cells of one row of a [`Table`], problems into `errs`.
pub(super) struct Reader<'a> {
    pub(super) sheet: &'static str,
    pub(super) columns: &'static [&'static str],
    pub(super) errs: &'a mut Vec<WorkbookError>,
}

impl Table {
    /// A reader for this table's rows.
    pub(super) fn reader<'a>(&self, errs: &'a mut Vec<WorkbookError>) -> Reader<'a> {
        Reader {
            sheet: self.sheet,
            columns: self.columns,
            errs,
        }
    }
}

impl Reader<'_> {
    fn idx(&self, column: &str) -> usize {
        self.columns
            .iter()
            .position(|c| *c == column)
            .expect("a column of the sheet")
    }
    /// The cell of `column` (trimmed; empty when absent).
    pub(super) fn get<'c>(&self, r: &'c Cells, column: &str) -> &'c str {
        r.cells.get(self.idx(column)).map_or("", String::as_str)
    }
    /// Records a problem at `column` of row `r`.
    pub(super) fn fail(&mut self, r: &Cells, column: &str, value: &str, reason: Text) {
        self.errs
            .push(WorkbookError::new(self.sheet, r.row, column, value, reason));
    }
    /// A required, non-empty cell.
    pub(super) fn text(&mut self, r: &Cells, column: &str) -> Option<String> {
        let v = self.get(r, column).to_string();
        if v.is_empty() {
            self.fail(r, column, "", Text::new("wajib diisi", "required"));
            return None;
        }
        Some(v)
    }
    /// A required cell parsed as `T`.
    pub(super) fn parse<T: FromStr>(&mut self, r: &Cells, column: &str) -> Option<T>
    where
        T::Err: std::fmt::Display,
    {
        let v = self.text(r, column)?;
        self.value(r, column, &v)
    }
    /// An optional cell parsed as `T` (empty: `Some(None)`; unreadable: `None`).
    pub(super) fn optional<T: FromStr>(&mut self, r: &Cells, column: &str) -> Option<Option<T>>
    where
        T::Err: std::fmt::Display,
    {
        let v = self.get(r, column).to_string();
        if v.is_empty() {
            return Some(None);
        }
        self.value(r, column, &v).map(Some)
    }
    /// A list cell (`;` between entries) of `T`.
    pub(super) fn list<T: FromStr>(&mut self, r: &Cells, column: &str) -> Option<Vec<T>>
    where
        T::Err: std::fmt::Display,
    {
        let v = self.get(r, column).to_string();
        let mut out = Vec::new();
        let mut ok = true;
        for part in v.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            match self.value(r, column, part) {
                Some(x) => out.push(x),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }
    fn value<T: FromStr>(&mut self, r: &Cells, column: &str, v: &str) -> Option<T>
    where
        T::Err: std::fmt::Display,
    {
        match v.parse::<T>() {
            Ok(x) => Some(x),
            Err(e) => {
                self.fail(
                    r,
                    column,
                    v,
                    Text::new(format!("tidak valid: {e}"), format!("invalid: {e}")),
                );
                None
            }
        }
    }
}
