//! Employees as CSV with SIASN-like columns. A bad file yields every problem found (row,
//! column, value, reason in Indonesian and English) and imports nothing; export writes the same
//! format back, and import → export → import is lossless. Columns are documented in
//! `docs/CSV.md` and listed in [`COLUMNS`].

use super::cells::join;
use super::csv_row::{parse_row, Row};
use super::formula::{restore, CsvOut};
use crate::model::*;
use crate::text::Text;
use crate::{Dataset, DatasetError, DatasetParts};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The columns, in export order.
pub const COLUMNS: [&str; 21] = [
    "NIP",
    "NAMA",
    "STATUS_KEPEGAWAIAN",
    "GOL_RUANG",
    "TMT_GOLONGAN",
    "PENDIDIKAN",
    "DIKLAT",
    "KOMPETENSI_MANAJERIAL",
    "KOMPETENSI_SOSIOKULTURAL",
    "KOMPETENSI_TEKNIS",
    "SKP",
    "HUKUMAN_DISIPLIN",
    "JABATAN_SLOT",
    "TMT_JABATAN",
    "RIWAYAT_JABATAN",
    "KECAMATAN_DOMISILI",
    "PREFERENSI_UNIT",
    "PREFERENSI_KECAMATAN",
    "PREFERENSI_BIDANG",
    "PENGHARGAAN",
    "NILAI_POTENSI",
];

/// Columns a file may leave out (older exports): the teacher's record and the PPPK contract.
/// Export writes them after [`COLUMNS`].
pub const OPTIONAL_COLUMNS: [&str; 7] = [
    "GURU_KUALIFIKASI",
    "GURU_SERTIFIKAT",
    "GURU_NRG",
    "GURU_JP",
    "GURU_TUGAS_TAMBAHAN",
    "GURU_MENGAJAR_SEJAK",
    "KONTRAK_BERAKHIR",
];

/// The name of column `i` of a row: [`COLUMNS`], then [`OPTIONAL_COLUMNS`].
pub fn column_name(i: usize) -> &'static str {
    COLUMNS
        .get(i)
        .or_else(|| OPTIONAL_COLUMNS.get(i - COLUMNS.len().min(i)))
        .copied()
        .unwrap_or("")
}

/// One problem in an imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportError {
    /// Line in the file (the header is row 1).
    pub row: usize,
    /// Column name.
    pub column: String,
    /// The offending value.
    pub value: String,
    /// What is wrong.
    pub reason: Text,
}

/// Writes employees as CSV (header + one row each).
pub fn write_employees(employees: &[Employee]) -> String {
    let mut w = CsvOut::default();
    w.row(COLUMNS.iter().chain(OPTIONAL_COLUMNS.iter()));
    for e in employees {
        w.row(row(e));
    }
    w.finish()
}

fn s<T: ToString>(v: T) -> String {
    v.to_string()
}

fn row(e: &Employee) -> Vec<String> {
    let c = &e.competencies;
    let mut cells = vec![
        s(&e.nip),
        e.name.clone(),
        s(e.status),
        s(e.pangkat.golongan),
        s(e.pangkat.tmt),
        join(
            e.education
                .iter()
                .map(|x| vec![s(x.level), x.major.clone(), s(x.field), s(x.year)]),
        ),
        join(
            e.diklat
                .iter()
                .map(|x| vec![s(x.kind), x.name.clone(), s(x.year), s(x.hours)]),
        ),
        c.managerial
            .iter()
            .map(|l| s(l.get()))
            .collect::<Vec<_>>()
            .join(","),
        s(c.socio_cultural.get()),
        join(
            c.technical
                .iter()
                .map(|t| vec![s(t.field), s(t.level.get())]),
        ),
        join(e.skp.iter().map(|r| {
            let mut f = vec![s(r.year), s(r.predikat)];
            f.extend(r.rater.as_ref().map(s));
            f
        })),
        join(e.sanctions.iter().map(|x| {
            vec![
                s(x.level),
                x.description.clone(),
                s(x.period.start()),
                s(x.period.end()),
            ]
        })),
        e.current.as_ref().map_or(String::new(), |c| s(&c.slot)),
        e.current.as_ref().map_or(String::new(), |c| s(c.since)),
        join(e.history.iter().map(|p| {
            let special = match p.special {
                Some(SpecialRole::KepalaSekolah) => "Kepala Sekolah",
                Some(SpecialRole::KepalaPuskesmas) => "Kepala Puskesmas",
                None => "",
            };
            vec![
                p.title.clone(),
                s(&p.unit),
                s(p.kind),
                s(p.field),
                special.into(),
                s(p.period.start()),
                s(p.period.end()),
                p.profession.map_or(String::new(), s),
            ]
        })),
        s(e.home),
        join(e.preferences.units.iter().map(|u| vec![s(u)])),
        join(e.preferences.kecamatan.iter().map(|k| vec![s(k)])),
        join(e.preferences.fields.iter().map(|f| vec![s(f)])),
        s(e.awards),
        e.potential.map_or(String::new(), s),
    ];
    let t = e.teacher.as_ref();
    cells.extend([
        join(t.iter().flat_map(|t| &t.qualified).map(|x| vec![s(x)])),
        join(
            t.and_then(|t| t.certificate.as_ref())
                .map(|c| vec![s(c.subject), s(c.year)]),
        ),
        t.and_then(|t| t.nrg.clone()).unwrap_or_default(),
        t.map_or(String::new(), |t| s(t.hours)),
        join(
            t.iter()
                .flat_map(|t| &t.tasks)
                .map(|x| vec![s(x.kind), s(x.period.start()), s(x.period.end())]),
        ),
        t.and_then(|t| t.teaching_since).map_or(String::new(), s),
        e.contract_end.map_or(String::new(), s),
    ]);
    cells
}

/// Reads employees from CSV text (its separator read from the header line; decode a file's
/// bytes with [`super::text::decode`] first). Any problem (including a missing column or a duplicate NIP)
/// rejects the whole file with every problem found.
pub fn read_employees(text: &str) -> Result<Vec<Employee>, Vec<ImportError>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut rd = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .delimiter(super::text::sniff_delimiter(text))
        .from_reader(text.as_bytes());
    let mut errs = Vec::new();
    let header: Vec<String> = match rd.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => {
            return Err(vec![ImportError {
                row: 1,
                column: String::new(),
                value: String::new(),
                reason: Text::new(
                    format!("berkas tidak dapat dibaca: {e}"),
                    format!("cannot read file: {e}"),
                ),
            }]);
        }
    };
    let pos: Vec<Option<usize>> = COLUMNS
        .iter()
        .chain(OPTIONAL_COLUMNS.iter())
        .map(|c| header.iter().position(|h| h.eq_ignore_ascii_case(c)))
        .collect();
    for (i, p) in pos.iter().enumerate().take(COLUMNS.len()) {
        if p.is_none() {
            errs.push(ImportError {
                row: 1,
                column: COLUMNS[i].into(),
                value: String::new(),
                reason: Text::new("kolom wajib tidak ada", "required column missing"),
            });
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (i, rec) in rd.records().enumerate() {
        let n = i + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errs.push(ImportError {
                    row: n,
                    column: String::new(),
                    value: String::new(),
                    reason: Text::new(format!("baris rusak: {e}"), format!("malformed row: {e}")),
                });
                continue;
            }
        };
        let formulas: Vec<usize> = pos
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.and_then(|p| rec.get(p))
                    .is_some_and(super::workbook::is_formula)
            })
            .map(|(i, _)| i)
            .collect();
        if !formulas.is_empty() {
            for i in formulas {
                let raw = pos[i].and_then(|p| rec.get(p)).unwrap_or("");
                errs.push(super::workbook::formula_error("", n, column_name(i), raw).at);
            }
            continue;
        }
        let cells: Vec<String> = pos
            .iter()
            .map(|p| restore(p.and_then(|p| rec.get(p)).unwrap_or("")).to_string())
            .collect();
        let mut row = Row {
            n,
            cells: &cells,
            errs: &mut errs,
        };
        if let Some(e) = parse_row(&mut row) {
            if !seen.insert(e.nip.clone()) {
                errs.push(ImportError {
                    row: n,
                    column: "NIP".into(),
                    value: e.nip.to_string(),
                    reason: Text::new("NIP ganda dalam berkas", "duplicate NIP in file"),
                });
            }
            out.push(e);
        }
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(errs)
    }
}

/// [`read_employees`], then the plausibility checks of [`super::plausible`] on `today` with
/// `rules`: a file with any finding imports nothing either.
pub fn read_employees_on(
    text: &str,
    today: chrono::NaiveDate,
    rules: &crate::rules::RuleSet,
) -> Result<Vec<Employee>, Vec<ImportError>> {
    let employees = read_employees(text)?;
    let findings = super::plausible::implausible(&employees, today, rules);
    if findings.is_empty() {
        Ok(employees)
    } else {
        Err(findings)
    }
}

/// Replaces the employees of a dataset with imported ones: definitive holders of slots follow
/// each employee's `JABATAN_SLOT`; Plt holders stay when their NIP is still present.
pub fn merge_into(
    mut parts: DatasetParts,
    employees: Vec<Employee>,
) -> Result<Dataset, DatasetError> {
    let nips: HashSet<Nip> = employees.iter().map(|e| e.nip.clone()).collect();
    for s in &mut parts.slots {
        if matches!(&s.holder, Some(h) if h.kind == HoldKind::Definitive || !h.nip.as_ref().is_some_and(|n| nips.contains(n)))
        {
            s.holder = None;
        }
    }
    let mut missing = Vec::new();
    for e in &employees {
        if let Some(c) = &e.current {
            match parts.slots.iter_mut().find(|s| s.id == c.slot) {
                Some(s)
                    if s.holder.is_none()
                        || matches!(&s.holder, Some(h) if h.kind == HoldKind::Plt) =>
                {
                    if s.holder.is_some() {
                        missing.push(format!(
                            "{}: slot {} dijabat Plt / held by a Plt",
                            e.nip, c.slot
                        ));
                    } else {
                        s.holder = Some(Holder {
                            nip: Some(e.nip.clone()),
                            kind: HoldKind::Definitive,
                            since: c.since,
                        });
                    }
                }
                Some(_) => missing.push(format!(
                    "{}: slot {} sudah terisi / already filled",
                    e.nip, c.slot
                )),
                None => missing.push(format!(
                    "{}: slot {} tidak ada / unknown slot",
                    e.nip, c.slot
                )),
            }
        }
    }
    if !missing.is_empty() {
        return Err(DatasetError(missing));
    }
    parts.employees = employees;
    Dataset::new(parts)
}
