//! Import and export: employees as CSV with SIASN-like columns ([`csv`]); see `docs/CSV.md`.
//! Every CSV written goes through [`formula::CsvOut`] (no spreadsheet formula injection); files
//! are read through [`text::decode`] (UTF-8 with or without BOM, or Windows-1252; `;`, `,` or
//! tab), with ranks and statuses in the spellings offices use, and checked for values that
//! cannot all be true ([`plausible`]).

mod cells;
pub mod csv;
mod csv_row;
pub mod diff;
pub mod formula;
pub mod plausible;
pub mod text;
pub mod workbook;
