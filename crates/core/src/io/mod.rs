//! Import and export: employees as CSV with SIASN-like columns ([`csv`]); see `docs/CSV.md`.
//! Every CSV written goes through [`formula::CsvOut`] (no spreadsheet formula injection).

mod cells;
pub mod csv;
mod csv_row;
pub mod formula;
