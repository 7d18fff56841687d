//! Import and export: employees as CSV with SIASN-like columns ([`csv`]); see `docs/CSV.md`.

mod cells;
pub mod csv;
mod csv_row;
