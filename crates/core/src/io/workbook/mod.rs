//! The workbook: the whole organisation as one CSV file per sheet, the format a BKPSDM loads
//! its real data in and gets its data back in (`docs/WORKBOOK.md`).
//!
//! | sheet | one row per | module |
//! |---|---|---|
//! | `unit` | unit of the tree (OPD, bidang, seksi, school, puskesmas, kecamatan, kelurahan) | [`org`] |
//! | `jabatan` | position from the Anjab | [`org`] |
//! | `formasi` | seat (slot) of a position in a unit, with its Plt | [`seats`] |
//! | `kebutuhan` | ABK workload of a position in a unit | [`seats`] |
//! | `pegawai` | employee (the columns of `docs/CSV.md`) | [`super::csv`] |
//! | `capaian` (optional) | outcome of a unit in a year (Rapor Pendidikan, IKM…) | [`outcomes`] |
//!
//! [`export`] writes a dataset as the workbook, [`template`] the empty workbook with one example
//! row per sheet, and [`read`] reads one back: every problem with its sheet, row, column, value
//! and reason ([`WorkbookError`]), nothing returned while there is one. A sheet left out keeps
//! what the base (the data already loaded) has, so next month's SIASN export can be loaded as
//! `pegawai` alone. What changes is shown by [`super::diff`].

pub mod mapping;
pub mod org;
pub mod outcomes;
pub mod seats;
mod table;
mod template;
pub mod xlsx;

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::csv::{read_employees_on, write_employees};
use super::text::decode;
use crate::model::*;
use crate::text::Text;
use crate::{Dataset, DatasetParts};
pub use mapping::{ColumnMap, Unmapped, MAPPING_FILE};
pub use outcomes::{write_outcomes, OUTCOME_COLUMNS, OUTCOME_SHEET};
pub use table::{formula_error, is_formula, WorkbookError};
pub use template::{template, Guide, GUIDE};

/// The sheets, in the order they are read and written.
pub const SHEETS: [&str; 5] = ["unit", "jabatan", "formasi", "kebutuhan", "pegawai"];

/// Sheets a first load (into an empty database) cannot do without.
pub const REQUIRED_FIRST: [&str; 4] = ["unit", "jabatan", "formasi", "pegawai"];

/// The sheet named `name` (any case): one of [`SHEETS`] or the optional [`OUTCOME_SHEET`].
pub fn known_sheet(name: &str) -> Option<&'static str> {
    SHEETS
        .iter()
        .copied()
        .chain([OUTCOME_SHEET])
        .find(|s| s.eq_ignore_ascii_case(name.trim()))
}

/// The sheet a file holds, from its name (`pegawai.csv`, `Pegawai.CSV`, `data/unit.txt`).
pub fn sheet_of(file_name: &str) -> Option<&'static str> {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = base
        .rsplit_once('.')
        .filter(|(_, ext)| ext.eq_ignore_ascii_case("csv") || ext.eq_ignore_ascii_case("txt"))
        .map_or(base, |(stem, _)| stem);
    known_sheet(stem)
}

/// Whether a file is the template's guide (`petunjuk.csv`), which a read skips.
pub fn is_guide(file_name: &str) -> bool {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    base.eq_ignore_ascii_case("petunjuk.csv")
}

/// The workbook of `ds`: each sheet's file name (`{sheet}.csv`) and its text.
pub fn export(ds: &Dataset) -> Vec<(String, String)> {
    let p = ds.parts();
    vec![
        ("unit.csv".into(), org::write_units(&p.units)),
        ("jabatan.csv".into(), org::write_positions(&p.positions)),
        ("formasi.csv".into(), seats::write_slots(&p.slots)),
        ("kebutuhan.csv".into(), seats::write_needs(&p.needs)),
        ("pegawai.csv".into(), write_employees(&p.employees)),
    ]
}

/// [`export`] with the outcomes as the `capaian` sheet (left out when there are none).
pub fn export_with_outcomes(ds: &Dataset, outcomes: &[OutcomeRecord]) -> Vec<(String, String)> {
    let mut sheets = export(ds);
    if !outcomes.is_empty() {
        sheets.push((format!("{OUTCOME_SHEET}.csv"), write_outcomes(outcomes)));
    }
    sheets
}

/// Every problem as CSV (the full report of a bad workbook): sheet, row, column, value, and the
/// reason in Indonesian and English.
pub fn report_csv(errs: &[WorkbookError]) -> String {
    let mut w = super::formula::CsvOut::default();
    w.row(["LEMBAR", "BARIS", "KOLOM", "NILAI", "ALASAN", "REASON"]);
    for e in errs {
        w.row([
            e.sheet.as_str(),
            &e.at.row.to_string(),
            &e.at.column,
            &e.at.value,
            &e.at.reason.id,
            &e.at.reason.en,
        ]);
    }
    w.finish()
}

/// What one sheet of a read held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetRead {
    /// The sheet.
    pub sheet: String,
    /// Data rows read.
    pub rows: usize,
    /// How the file was read (encoding and separator).
    pub how: Text,
}

/// A workbook read and checked: the whole dataset it gives, with what each sheet held and which
/// sheets were not in it (kept from the base).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The dataset after the load.
    pub dataset: Dataset,
    /// The sheets read.
    pub read: Vec<SheetRead>,
    /// Sheets not in the workbook, kept as the base has them.
    pub kept: Vec<&'static str>,
    /// Each sheet read, as the CSV text it was read from (an `.xlsx` workbook's sheets
    /// included): what the app sends the server as `{sheet}.csv`.
    pub sheets: Vec<(&'static str, String)>,
    /// The outcomes of the `capaian` sheet, checked against the units (`None`: no such sheet,
    /// the stored outcomes are kept). Not part of the dataset: stored and synced as records of
    /// their own (`RecordKind::Outcome`).
    pub outcomes: Option<Vec<crate::model::OutcomeRecord>>,
}

/// The sheets of a workbook's files, each as CSV text with the mapping among the files
/// (`pemetaan.csv`) applied, how each was read, and the problems of the files themselves.
struct Gathered {
    texts: HashMap<&'static str, String>,
    read: Vec<SheetRead>,
    errs: Vec<WorkbookError>,
}

fn gather(files: &[(String, Vec<u8>)]) -> Gathered {
    let mut errs = Vec::new();
    let mut map = ColumnMap::default();
    let mut texts: HashMap<&'static str, String> = HashMap::new();
    let mut read = Vec::new();
    // Takes a sheet's text, or returns why not (the sheet was given already).
    let mut add = |sheet: &'static str, name: &str, text: String, how: Text| {
        if texts.contains_key(sheet) {
            return Some(WorkbookError::new(
                sheet,
                0,
                "",
                name,
                Text::new("lembar ini ada dua kali", "this sheet is given twice"),
            ));
        }
        read.push(SheetRead {
            sheet: sheet.into(),
            rows: 0,
            how,
        });
        texts.insert(sheet, text);
        None
    };
    for (name, bytes) in files {
        if is_guide(name) {
            continue;
        }
        if mapping::is_mapping(name) {
            match ColumnMap::read(&decode(bytes).text) {
                Ok(m) => map.merge(&m),
                Err(found) => errs.extend(found),
            }
            continue;
        }
        if xlsx::is_xlsx(name) {
            match xlsx::sheets(name, bytes) {
                Ok(book) => {
                    errs.extend(book.problems);
                    for (sheet, text) in book.sheets {
                        let how = Text::new(
                            format!("lembar Excel dari {name}"),
                            format!("Excel sheet of {name}"),
                        );
                        errs.extend(add(sheet, name, text, how));
                    }
                }
                Err(found) => errs.extend(found),
            }
            continue;
        }
        let Some(sheet) = sheet_of(name) else {
            errs.push(WorkbookError::new(
                "",
                0,
                "",
                name,
                Text::new(
                    format!(
                        "berkas tidak dikenal; nama lembar: {}, {OUTCOME_SHEET} (.csv), atau buku kerja .xlsx",
                        SHEETS.join(", ")
                    ),
                    format!(
                        "unknown file; sheet names: {}, {OUTCOME_SHEET} (.csv), or an .xlsx workbook",
                        SHEETS.join(", ")
                    ),
                ),
            ));
            continue;
        };
        let decoded = decode(bytes);
        let how = decoded.describe();
        errs.extend(add(sheet, name, decoded.text, how));
    }
    for (sheet, text) in texts.iter_mut() {
        *text = map.apply(sheet, text);
    }
    Gathered { texts, read, errs }
}

/// The sheets of `files` that lack required columns, with the columns of the file Mutasi does
/// not know (a mapping among the files applied first): what a mapping form asks about.
pub fn unmapped_in(files: &[(String, Vec<u8>)]) -> Vec<Unmapped> {
    let g = gather(files);
    SHEETS
        .iter()
        .filter_map(|s| g.texts.get(s).and_then(|t| mapping::unmapped(s, t)))
        .collect()
}

/// Reads a workbook given as files (name, bytes) on top of `base` (the data loaded now, None for
/// a first load), checking employees' dates against `today`. Any problem in any sheet returns
/// every problem found and nothing else.
pub fn read(
    files: &[(String, Vec<u8>)],
    base: Option<&DatasetParts>,
    today: NaiveDate,
) -> Result<Loaded, Vec<WorkbookError>> {
    let Gathered {
        mut texts,
        mut read,
        mut errs,
    } = gather(files);
    if base.is_none() {
        for sheet in REQUIRED_FIRST {
            if !texts.contains_key(sheet) {
                errs.push(WorkbookError::new(
                    sheet,
                    0,
                    "",
                    "",
                    Text::new(
                        format!("lembar {sheet} wajib ada pada pemuatan pertama"),
                        format!("the {sheet} sheet is required on a first load"),
                    ),
                ));
            }
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let empty = DatasetParts::default();
    let base = base.unwrap_or(&empty);
    let rules = base.rules.clone();
    let mut b = Build {
        errs: Vec::new(),
        rows: HashMap::new(),
    };
    let units = match texts.get("unit") {
        Some(t) => {
            let rows = org::read_units(t, &mut b.errs);
            b.rows_of("unit", rows)
        }
        None => base.units.clone(),
    };
    let positions = match texts.get("jabatan") {
        Some(t) => {
            let rows = org::read_positions(t, &mut b.errs);
            b.rows_of("jabatan", rows)
        }
        None => base.positions.clone(),
    };
    let slot_rows = match texts.get("formasi") {
        Some(t) => Some(seats::read_slots(t, &mut b.errs)),
        None => None,
    };
    let needs = match texts.get("kebutuhan") {
        Some(t) => {
            let rows = seats::read_needs(t, &mut b.errs);
            b.rows_of("kebutuhan", rows)
        }
        None => base.needs.clone(),
    };
    let employees = match texts.get("pegawai") {
        Some(t) => match read_employees_on(t, today, &rules) {
            Ok(e) => {
                let rows = (0..e.len()).map(|i| i + 2).collect();
                b.rows.insert("pegawai", rows);
                e
            }
            Err(found) => {
                b.errs.extend(found.into_iter().map(|at| WorkbookError {
                    sheet: "pegawai".into(),
                    at,
                }));
                Vec::new()
            }
        },
        None => base.employees.clone(),
    };
    let slots = match slot_rows {
        Some(rows) => {
            b.rows
                .insert("formasi", rows.iter().map(|r| r.row).collect());
            rows.into_iter().map(|r| r.slot).collect()
        }
        None => {
            // The stored slots with their Plt (while the Plt is still an employee: one who
            // left leaves the seat open); definitive holders follow `pegawai` below.
            let present: HashSet<&Nip> = employees.iter().map(|e| &e.nip).collect();
            let mut slots = base.slots.clone();
            for s in &mut slots {
                let keep = matches!(&s.holder, Some(h) if h.kind == HoldKind::Plt
                    && h.nip.as_ref().is_some_and(|n| present.contains(n)));
                if !keep {
                    s.holder = None;
                }
            }
            slots
        }
    };
    let outcomes = texts.get(OUTCOME_SHEET).map(|t| {
        let ids: HashSet<&str> = units.iter().map(|u| u.id.as_str()).collect();
        let found = outcomes::read_outcomes(t, &ids, &mut b.errs);
        b.rows.insert(OUTCOME_SHEET, vec![0; found.len()]);
        found
    });
    for r in &mut read {
        r.rows = b.rows.get(r.sheet.as_str()).map_or(0, Vec::len);
    }
    if !b.errs.is_empty() {
        return Err(b.errs);
    }
    let mut parts = DatasetParts {
        employees,
        units,
        positions,
        slots,
        needs,
        rules,
    };
    b.references(&mut parts);
    if !b.errs.is_empty() {
        return Err(b.errs);
    }
    let kept = SHEETS
        .iter()
        .copied()
        .filter(|s| !texts.contains_key(s))
        .collect();
    match Dataset::new(parts) {
        Ok(dataset) => Ok(Loaded {
            dataset,
            read,
            kept,
            sheets: SHEETS
                .iter()
                .chain([&OUTCOME_SHEET])
                .filter_map(|s| texts.remove(s).map(|t| (*s, t)))
                .collect(),
            outcomes,
        }),
        Err(e) => Err(e
            .0
            .into_iter()
            .map(|m| WorkbookError::new("", 0, "", "", Text::same(m)))
            .collect()),
    }
}

/// The state of a read: problems so far and the file row of each item of each sheet read.
struct Build {
    errs: Vec<WorkbookError>,
    rows: HashMap<&'static str, Vec<usize>>,
}

impl Build {
    fn rows_of<T>(&mut self, sheet: &'static str, items: Vec<(usize, T)>) -> Vec<T> {
        let (rows, items): (Vec<usize>, Vec<T>) = items.into_iter().unzip();
        self.rows.insert(sheet, rows);
        items
    }

    /// The file row of item `i` of `sheet` (0 when the item came from the base).
    fn row(&self, sheet: &str, i: usize) -> usize {
        self.rows
            .get(sheet)
            .and_then(|r| r.get(i).copied())
            .unwrap_or(0)
    }

    /// The sheet name for a problem in item of `sheet`: the sheet, or "(tersimpan)" when the
    /// item came from the base.
    fn place(&self, sheet: &str) -> String {
        if self.rows.contains_key(sheet) {
            sheet.into()
        } else {
            format!("{sheet} (tersimpan/stored)")
        }
    }

    fn fail(&mut self, sheet: &str, i: usize, column: &str, value: &str, reason: Text) {
        let (place, row) = (self.place(sheet), self.row(sheet, i));
        self.errs.push(WorkbookError {
            sheet: place,
            at: super::csv::ImportError {
                row,
                column: column.into(),
                value: value.into(),
                reason,
            },
        });
    }

    /// Every reference between sheets, with the row that holds it; then the definitive holders
    /// of the slots from `pegawai`.
    fn references(&mut self, p: &mut DatasetParts) {
        let units = self.unique("unit", p.units.iter().map(|u| u.id.to_string()));
        let positions = self.unique("jabatan", p.positions.iter().map(|x| x.id.to_string()));
        let slots = self.unique("formasi", p.slots.iter().map(|x| x.id.to_string()));
        let nips: HashSet<String> = p.employees.iter().map(|e| e.nip.to_string()).collect();
        for (i, u) in p.units.iter().enumerate() {
            if let Some(parent) = &u.parent {
                if !units.contains_key(parent.as_str()) {
                    self.fail("unit", i, "INDUK", parent.as_str(), unknown("unit"));
                }
            }
        }
        for (i, s) in p.slots.iter().enumerate() {
            if !units.contains_key(s.unit.as_str()) {
                self.fail("formasi", i, "UNIT", s.unit.as_str(), unknown("unit"));
            }
            if !positions.contains_key(s.position.as_str()) {
                self.fail(
                    "formasi",
                    i,
                    "JABATAN",
                    s.position.as_str(),
                    unknown("jabatan"),
                );
            }
            if let Some(n) = s.holder.as_ref().and_then(|h| h.nip.as_ref()) {
                if !nips.contains(&n.to_string()) {
                    self.fail("formasi", i, "PLT_NIP", &n.to_string(), unknown("pegawai"));
                }
            }
        }
        let mut pairs = HashMap::new();
        for (i, n) in p.needs.iter().enumerate() {
            if !units.contains_key(n.unit.as_str()) {
                self.fail("kebutuhan", i, "UNIT", n.unit.as_str(), unknown("unit"));
            }
            if !positions.contains_key(n.position.as_str()) {
                self.fail(
                    "kebutuhan",
                    i,
                    "JABATAN",
                    n.position.as_str(),
                    unknown("jabatan"),
                );
            }
            let key = format!("{}|{}", n.unit, n.position);
            if let Some(first) = pairs.insert(key.clone(), i) {
                let first_row = self.row("kebutuhan", first);
                self.fail(
                    "kebutuhan",
                    i,
                    "JABATAN",
                    &key,
                    Text::new(
                        format!("unit dan jabatan ini sudah ada di baris {first_row}: satu baris per pasangan"),
                        format!("this unit and position are already on row {first_row}: one row per pair"),
                    ),
                );
            }
        }
        // Definitive holders: each employee's JABATAN_SLOT.
        let mut held: HashMap<usize, usize> = HashMap::new();
        for (i, e) in p.employees.iter().enumerate() {
            let Some(c) = &e.current else { continue };
            let Some(&s) = slots.get(c.slot.as_str()) else {
                self.fail(
                    "pegawai",
                    i,
                    "JABATAN_SLOT",
                    c.slot.as_str(),
                    unknown("formasi"),
                );
                continue;
            };
            let slot = &mut p.slots[s];
            if let Some(h) = &slot.holder {
                let who = h.nip.as_ref().map(|n| n.to_string()).unwrap_or_default();
                let reason = match held.get(&s) {
                    Some(&other) => {
                        let r = self.row("pegawai", other);
                        Text::new(
                            format!("slot ini sudah dijabat definitif oleh {who} (baris {r})"),
                            format!("this slot is already held definitively by {who} (row {r})"),
                        )
                    }
                    None => Text::new(
                        format!("slot ini dijabat Plt oleh {who} (lembar formasi): kosongkan Plt-nya atau pilih slot lain"),
                        format!("this slot is held by an acting holder (Plt) {who} (formasi sheet): clear the Plt or choose another slot"),
                    ),
                };
                self.fail("pegawai", i, "JABATAN_SLOT", c.slot.as_str(), reason);
                continue;
            }
            slot.holder = Some(Holder {
                nip: Some(e.nip.clone()),
                kind: HoldKind::Definitive,
                since: c.since,
            });
            held.insert(s, i);
            let post = positions
                .get(slot.position.as_str())
                .map(|&x| &p.positions[x]);
            if let Some(why) = post.and_then(|x| super::plausible::rank_above_post(e, x, &p.rules))
            {
                self.fail(
                    "pegawai",
                    i,
                    "GOL_RUANG",
                    &e.pangkat.golongan.to_string(),
                    why,
                );
            }
        }
    }

    /// The index of each id of `sheet`; a repeated id is a problem at its row.
    fn unique(
        &mut self,
        sheet: &'static str,
        ids: impl Iterator<Item = String>,
    ) -> HashMap<String, usize> {
        let mut m = HashMap::new();
        for (i, id) in ids.enumerate() {
            if let Some(first) = m.insert(id.clone(), i) {
                let r = self.row(sheet, first);
                self.fail(
                    sheet,
                    i,
                    "ID",
                    &id,
                    Text::new(
                        format!("ID ganda: sudah ada di baris {r}"),
                        format!("duplicate ID: already on row {r}"),
                    ),
                );
                m.insert(id, first);
            }
        }
        m
    }
}

fn unknown(sheet: &str) -> Text {
    Text::new(
        format!("tidak ada di lembar {sheet}"),
        format!("not in the {sheet} sheet"),
    )
}
