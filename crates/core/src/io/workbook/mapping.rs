//! Column mapping: a raw export (SIASN's, an office's own) names its columns its own way
//! (`NIP BARU` for `NIP`). A [`ColumnMap`] says, per sheet, which column of the file is which
//! column of Mutasi; it renames the header of each sheet before the sheet is read, so every
//! check after it is the same. It travels as `pemetaan.csv` (columns `SHEET, KOLOM_FILE,
//! KOLOM_MUTASI`), read like the other sheets: given among a workbook's files (or with
//! `mutasi load --mapping`), it applies to that load; the Data page keeps the last one saved on
//! the device and applies it to later uploads.
//!
//! [`unmapped`] is what a mapping form offers: a sheet's required columns the file lacks, and
//! the file's columns Mutasi does not know.

use serde::{Deserialize, Serialize};

use super::super::csv::{COLUMNS as EMPLOYEE_COLUMNS, OPTIONAL_COLUMNS as EMPLOYEE_OPTIONAL};
use super::super::formula::CsvOut;
use super::super::text::sniff_delimiter;
use super::org::{POSITION_COLUMNS, UNIT_COLUMNS};
use super::seats::{NEED_COLUMNS, SLOT_COLUMNS};
use super::table::Table;
use super::{WorkbookError, SHEETS};
use crate::text::Text;

/// The file a mapping travels as.
pub const MAPPING_FILE: &str = "pemetaan.csv";

/// The columns of [`MAPPING_FILE`].
pub const MAPPING_COLUMNS: [&str; 3] = ["SHEET", "KOLOM_FILE", "KOLOM_MUTASI"];

/// Whether a file is a column mapping (`pemetaan.csv`, any case, in any folder).
pub fn is_mapping(file_name: &str) -> bool {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    base.eq_ignore_ascii_case(MAPPING_FILE)
}

/// The columns of `sheet`: those it needs, then those it may leave out.
pub fn columns(sheet: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match sheet {
        "unit" => (&UNIT_COLUMNS, &[]),
        "jabatan" => (&POSITION_COLUMNS, &[]),
        "formasi" => (&SLOT_COLUMNS, &[]),
        "kebutuhan" => (&NEED_COLUMNS, &[]),
        "pegawai" => (&EMPLOYEE_COLUMNS, &EMPLOYEE_OPTIONAL),
        super::OUTCOME_SHEET => (&super::OUTCOME_COLUMNS, &[]),
        _ => (&[], &[]),
    }
}

/// The Mutasi column of `sheet` named `name` (any case).
fn column_of(sheet: &str, name: &str) -> Option<&'static str> {
    let (needed, optional) = columns(sheet);
    needed
        .iter()
        .chain(optional)
        .copied()
        .find(|c| c.eq_ignore_ascii_case(name.trim()))
}

/// One line of a mapping: in `sheet`, the file's column `file` is Mutasi's column `ours`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapEntry {
    /// The sheet (`pegawai`).
    pub sheet: String,
    /// The column as the file names it (`NIP BARU`).
    pub file: String,
    /// Mutasi's column (`NIP`).
    pub ours: String,
}

/// Which column of a file is which column of Mutasi, per sheet. At most one file column per
/// Mutasi column and one Mutasi column per file column in each sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMap {
    entries: Vec<MapEntry>,
}

impl ColumnMap {
    /// Every entry, in the order given.
    pub fn entries(&self) -> &[MapEntry] {
        &self.entries
    }

    /// Whether it maps nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Maps the file's column `file` of `sheet` to Mutasi's column `ours`, replacing what
    /// either was mapped to before. An unknown sheet or column is refused.
    pub fn insert(&mut self, sheet: &str, file: &str, ours: &str) -> Result<(), Text> {
        let sheet = super::known_sheet(sheet).ok_or_else(|| {
            Text::new(
                format!("lembar tidak dikenal; pilihan: {}", SHEETS.join(", ")),
                format!("unknown sheet; choices: {}", SHEETS.join(", ")),
            )
        })?;
        let (needed, optional) = columns(sheet);
        let ours = column_of(sheet, ours).ok_or_else(|| {
            let all: Vec<&str> = needed.iter().chain(optional).copied().collect();
            Text::new(
                format!("kolom Mutasi tidak dikenal; pilihan: {}", all.join(", ")),
                format!("unknown Mutasi column; choices: {}", all.join(", ")),
            )
        })?;
        let file = file.trim();
        if file.is_empty() {
            return Err(Text::new("wajib diisi", "required"));
        }
        self.entries
            .retain(|e| e.sheet != sheet || (e.ours != ours && !e.file.eq_ignore_ascii_case(file)));
        self.entries.push(MapEntry {
            sheet: sheet.into(),
            file: file.into(),
            ours: ours.into(),
        });
        Ok(())
    }

    /// `other`'s entries over these (a newer mapping wins where both name a column).
    pub fn merge(&mut self, other: &ColumnMap) {
        for e in &other.entries {
            // Entries of a ColumnMap are valid by construction.
            let _ = self.insert(&e.sheet, &e.file, &e.ours);
        }
    }

    /// Reads [`MAPPING_FILE`]'s text: every problem at its row and column (sheet `pemetaan`).
    pub fn read(text: &str) -> Result<ColumnMap, Vec<WorkbookError>> {
        let mut errs = Vec::new();
        let table = Table::read("pemetaan", &MAPPING_COLUMNS, &[], text, &mut errs);
        let mut rd = table.reader(&mut errs);
        let mut map = ColumnMap::default();
        for r in &table.rows {
            let (Some(sheet), Some(file), Some(ours)) = (
                rd.text(r, "SHEET"),
                rd.text(r, "KOLOM_FILE"),
                rd.text(r, "KOLOM_MUTASI"),
            ) else {
                continue;
            };
            let before = map.entries.len();
            match map.insert(&sheet, &file, &ours) {
                Err(reason) => {
                    let (column, value) = if super::known_sheet(&sheet).is_some() {
                        ("KOLOM_MUTASI", ours)
                    } else {
                        ("SHEET", sheet)
                    };
                    rd.fail(r, column, &value, reason);
                }
                Ok(()) if map.entries.len() <= before => rd.fail(
                    r,
                    "KOLOM_FILE",
                    &file,
                    Text::new(
                        "kolom ini sudah dipetakan pada baris sebelumnya",
                        "this column is mapped on an earlier row already",
                    ),
                ),
                Ok(()) => {}
            }
        }
        if errs.is_empty() {
            Ok(map)
        } else {
            Err(errs)
        }
    }

    /// The mapping as [`MAPPING_FILE`]'s text.
    pub fn to_csv(&self) -> String {
        let mut w = CsvOut::default();
        w.row(MAPPING_COLUMNS);
        for e in &self.entries {
            w.row([&e.sheet, &e.file, &e.ours]);
        }
        w.finish()
    }

    /// `text` (one sheet's CSV) with its header renamed by this mapping; the rows as they are.
    pub fn apply(&self, sheet: &str, text: &str) -> String {
        let ours: Vec<&MapEntry> = self.entries.iter().filter(|e| e.sheet == sheet).collect();
        if ours.is_empty() {
            return text.to_string();
        }
        let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let delimiter = sniff_delimiter(body);
        let mut rd = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(body.as_bytes());
        let mut header = ::csv::StringRecord::new();
        if !rd.read_record(&mut header).unwrap_or(false) {
            return text.to_string();
        }
        let end = (rd.position().byte() as usize).min(body.len());
        let renamed: Vec<String> = header
            .iter()
            .map(|h| {
                ours.iter()
                    .find(|e| e.file.eq_ignore_ascii_case(h.trim()))
                    .map_or_else(|| h.to_string(), |e| e.ours.clone())
            })
            .collect();
        let mut w = ::csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(Vec::new());
        // Writing into a Vec cannot fail.
        let _ = w.write_record(&renamed);
        let mut out = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
        out.push_str(&body[end..]);
        out
    }
}

/// A sheet whose file lacks required columns: those, and the file's columns Mutasi does not
/// know (what a mapping may name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unmapped {
    /// The sheet.
    pub sheet: String,
    /// Required columns not in the file.
    pub missing: Vec<String>,
    /// The file's columns that are none of the sheet's.
    pub unknown: Vec<String>,
}

/// What `text` (one sheet's CSV, a mapping already applied) lacks; `None` when it has every
/// required column.
pub fn unmapped(sheet: &str, text: &str) -> Option<Unmapped> {
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut rd = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(body))
        .from_reader(body.as_bytes());
    let mut header = ::csv::StringRecord::new();
    let _ = rd.read_record(&mut header);
    let (needed, _) = columns(sheet);
    let has = |c: &str| header.iter().any(|h| h.trim().eq_ignore_ascii_case(c));
    let missing: Vec<String> = needed
        .iter()
        .filter(|c| !has(c))
        .map(|c| c.to_string())
        .collect();
    if missing.is_empty() {
        return None;
    }
    let unknown = header
        .iter()
        .map(str::trim)
        .filter(|h| !h.is_empty() && column_of(sheet, h).is_none())
        .map(String::from)
        .collect();
    Some(Unmapped {
        sheet: sheet.into(),
        missing,
        unknown,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(rows: &str) -> Result<ColumnMap, Vec<WorkbookError>> {
        ColumnMap::read(&format!("SHEET,KOLOM_FILE,KOLOM_MUTASI\n{rows}"))
    }

    #[test]
    fn a_mapping_renames_the_header_and_keeps_the_rows() {
        let m = map("pegawai,NIP BARU,nip\nPegawai,Nama Lengkap,NAMA\n").unwrap();
        assert_eq!(m.entries().len(), 2);
        assert_eq!(m.entries()[0].ours, "NIP");
        let text = "\u{FEFF}nip baru;Nama Lengkap;GOL\n198503122010011001;\"A; B\";III/c\n";
        assert_eq!(
            m.apply("pegawai", text),
            "NIP;NAMA;GOL\n198503122010011001;\"A; B\";III/c\n"
        );
        // Another sheet is not touched.
        assert_eq!(m.apply("unit", text), text);
        // It round-trips through its file.
        assert_eq!(ColumnMap::read(&m.to_csv()).unwrap(), m);
    }

    #[test]
    fn unknown_sheets_and_columns_and_double_mappings_are_named() {
        let errs = map("karyawan,NIP BARU,NIP\npegawai,NIP BARU,NOMOR\npegawai,X,NIP\npegawai,X,NAMA\n,Y,NIP\n")
            .unwrap_err();
        let at: Vec<(usize, &str, &str)> = errs
            .iter()
            .map(|e| (e.at.row, e.at.column.as_str(), e.at.value.as_str()))
            .collect();
        assert_eq!(
            at,
            [
                (2, "SHEET", "karyawan"),
                (3, "KOLOM_MUTASI", "NOMOR"),
                (5, "KOLOM_FILE", "X"),
                (6, "SHEET", ""),
            ]
        );
        assert!(errs[1].at.reason.en.contains("choices: NIP, NAMA"));
        assert!(errs.iter().all(|e| e.sheet == "pemetaan"));
        let errs = ColumnMap::read("SHEET,KOLOM\n").unwrap_err();
        assert_eq!(errs[0].at.column, "KOLOM_FILE");
    }

    #[test]
    fn a_newer_mapping_replaces_what_it_names() {
        let mut m = map("pegawai,NIP BARU,NIP\npegawai,NAMA PNS,NAMA\n").unwrap();
        m.merge(&map("pegawai,NIP18,NIP\n").unwrap());
        let e: Vec<(&str, &str)> = m
            .entries()
            .iter()
            .map(|e| (e.file.as_str(), e.ours.as_str()))
            .collect();
        assert_eq!(e, [("NAMA PNS", "NAMA"), ("NIP18", "NIP")]);
    }

    #[test]
    fn unmapped_lists_what_is_missing_and_what_is_unknown() {
        let u = unmapped(
            "unit",
            "KODE,NAMA,Jenis Unit,INDUK,KECAMATAN,RUMPUN,ROMBEL,PESERTA_DIDIK,Singkatan\n",
        )
        .unwrap();
        assert_eq!(u.missing, ["ID", "JENIS"]);
        assert_eq!(u.unknown, ["KODE", "Jenis Unit"]);
        assert_eq!(
            unmapped("kebutuhan", "UNIT;JABATAN;BEBAN_KERJA_JAM\n"),
            None
        );
    }
}
