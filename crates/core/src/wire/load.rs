//! `POST /api/admin/load` (admins): a workbook ([`crate::io::workbook`]) checked against the
//! server's data, its difference shown (`dry_run`), then applied. The app reads and checks the
//! same workbook in the browser first with the same core; the server checks it again.

use serde::{Deserialize, Serialize};

use crate::io::diff::{Diff, Flag};
use crate::io::workbook::SheetRead;

/// Why an employee a workbook leaves out is gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Departure {
    /// Retired (pensiun).
    Pensiun,
    /// Moved to another instansi (pindah keluar).
    Pindah,
    /// Died (meninggal dunia).
    Meninggal,
    /// Dismissed or any other reason (lainnya).
    Lainnya,
}

impl Departure {
    /// Every reason, in the order a form lists them.
    pub const ALL: [Departure; 4] = [
        Departure::Pensiun,
        Departure::Pindah,
        Departure::Meninggal,
        Departure::Lainnya,
    ];
    /// The code (`pensiun`, …).
    pub fn code(self) -> &'static str {
        match self {
            Departure::Pensiun => "pensiun",
            Departure::Pindah => "pindah",
            Departure::Meninggal => "meninggal",
            Departure::Lainnya => "lainnya",
        }
    }
}

impl std::str::FromStr for Departure {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim().to_ascii_lowercase();
        Departure::ALL
            .into_iter()
            .find(|d| d.code() == t)
            .ok_or_else(|| {
                format!(
                    "alasan tidak dikenal / unknown reason {t:?}: pensiun, pindah, meninggal, lainnya"
                )
            })
    }
}

/// One sheet of the workbook as text (the app decodes the file's bytes first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoadFile {
    /// The file's name (`pegawai.csv`, …).
    pub name: String,
    /// Its text.
    pub text: String,
}

/// How much a load changes in one sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SheetCount {
    /// The sheet.
    pub sheet: String,
    /// New records.
    pub added: usize,
    /// Changed records.
    pub changed: usize,
    /// Records not in the file.
    pub missing: usize,
}

/// The counts of a difference, per sheet.
pub fn counts(diff: &Diff) -> Vec<SheetCount> {
    diff.sheets
        .iter()
        .map(|s| SheetCount {
            sheet: s.sheet.clone(),
            added: s.added.len(),
            changed: s.changed.len(),
            missing: s.missing.len(),
        })
        .collect()
}

/// The request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoadRequest {
    /// The sheets.
    pub files: Vec<LoadFile>,
    /// Check and compare only; write nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// Why the employees not in the file left (required when there are any).
    #[serde(default)]
    pub departed: Option<Departure>,
    /// Remove the organisation's records not in the file (required when there are any).
    #[serde(default)]
    pub remove_missing: bool,
    /// The counts the person approved (from a dry run): the load is refused (409) when the
    /// server's difference is no longer this one.
    #[serde(default)]
    pub expect: Option<Vec<SheetCount>>,
}

/// Most changes listed per sheet in a [`LoadResponse`] (the counts are always whole).
pub const LISTED: usize = 200;

/// The answer: what was read, the difference (lists capped at [`LISTED`] per sheet, counts
/// whole), the proposals it touches, and how many records were written (None for a dry run).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoadResponse {
    /// The sheets read.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub read: Vec<SheetRead>,
    /// Sheets not in the workbook, kept as stored.
    pub kept: Vec<String>,
    /// Counts per sheet.
    pub counts: Vec<SheetCount>,
    /// The difference, each list capped at [`LISTED`].
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub diff: Diff,
    /// Proposals in progress whose employee or post changes.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub flags: Vec<Flag>,
    /// Records written (None: a dry run, or nothing to change).
    pub applied: Option<u64>,
}

/// `diff` with each list cut to [`LISTED`] entries.
pub fn capped(diff: &Diff) -> Diff {
    let mut d = diff.clone();
    for s in &mut d.sheets {
        s.added.truncate(LISTED);
        s.changed.truncate(LISTED);
        s.missing.truncate(LISTED);
    }
    d
}
