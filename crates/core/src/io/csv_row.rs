//! Parsing one CSV row into an [`Employee`], recording every problem found.

use super::cells::entries;
use super::csv::{column_name, ImportError, COLUMNS};
use super::text::{golongan_spelling, status_spelling};
use crate::model::*;
use crate::text::Text;
use chrono::NaiveDate;
use std::str::FromStr;

pub(super) struct Row<'a> {
    pub(super) n: usize,
    pub(super) cells: &'a [String],
    pub(super) errs: &'a mut Vec<ImportError>,
}

impl Row<'_> {
    fn cell(&self, col: usize) -> String {
        self.cells.get(col).cloned().unwrap_or_default()
    }
    fn fail(&mut self, col: usize, value: &str, id: impl Into<String>, en: impl Into<String>) {
        self.errs.push(ImportError {
            row: self.n,
            column: column_name(col).into(),
            value: value.into(),
            reason: Text::new(id, en),
        });
    }
    /// Parses `v` (found in column `col`) or records why it cannot be parsed.
    fn parse<T: FromStr>(&mut self, col: usize, v: &str, what_id: &str, what_en: &str) -> Option<T>
    where
        T::Err: std::fmt::Display,
    {
        match v.trim().parse::<T>() {
            Ok(x) => Some(x),
            Err(e) => {
                self.fail(
                    col,
                    v,
                    format!("{what_id} tidak valid: {e}"),
                    format!("invalid {what_en}: {e}"),
                );
                None
            }
        }
    }
    fn date(&mut self, col: usize, v: &str) -> Option<NaiveDate> {
        self.parse(col, v, "tanggal (YYYY-MM-DD)", "date (YYYY-MM-DD)")
    }
    fn level(&mut self, col: usize, v: &str) -> Option<Level> {
        let n: u8 = self.parse(col, v, "level kompetensi", "competency level")?;
        let l = Level::new(n);
        if l.is_none() {
            self.fail(
                col,
                v,
                "level kompetensi harus 1-5",
                "competency level must be 1-5",
            );
        }
        l
    }
    fn period(&mut self, col: usize, a: &str, b: &str) -> Option<Period> {
        let (a, b) = (self.date(col, a)?, self.date(col, b)?);
        match Period::new(a, b) {
            Ok(p) => Some(p),
            Err(_) => {
                self.fail(
                    col,
                    &format!("{a}..{b}"),
                    "tanggal akhir sebelum tanggal mulai",
                    "end date before start date",
                );
                None
            }
        }
    }
    /// Entries of a list cell, each with exactly `n` fields.
    fn list(&mut self, col: usize, n: usize) -> Vec<Vec<String>> {
        self.list_of(col, n, n)
    }
    /// Entries of a list cell, each with `n` to `m` fields.
    fn list_of(&mut self, col: usize, n: usize, m: usize) -> Vec<Vec<String>> {
        let raw = self.cell(col);
        let mut out = Vec::new();
        for e in entries(&raw) {
            if (n..=m).contains(&e.len()) {
                out.push(e);
            } else {
                let parts = if n == m {
                    n.to_string()
                } else {
                    format!("{n}–{m}")
                };
                self.fail(
                    col,
                    &raw,
                    format!("setiap entri harus {parts} bagian dipisah '|'"),
                    format!("each entry needs {parts} '|'-separated parts"),
                );
            }
        }
        out
    }
}

pub(super) fn parse_row(r: &mut Row) -> Option<Employee> {
    let nip = r.parse::<Nip>(0, &r.cell(0), "NIP", "NIP");
    let name = r.cell(1);
    if name.trim().is_empty() {
        r.fail(1, "", "nama wajib diisi", "name is required");
    }
    let status = r.parse::<EmployeeStatus>(2, &status_spelling(&r.cell(2)), "status", "status");
    let golongan = r.parse::<Golongan>(3, &golongan_spelling(&r.cell(3)), "golongan", "rank");
    let tmt = r.date(4, &r.cell(4));
    let mut education = Vec::new();
    for f in r.list(5, 4) {
        let (l, fld, y) = (
            r.parse(5, &f[0], "jenjang", "level"),
            r.parse(5, &f[2], "rumpun", "field"),
            r.parse(5, &f[3], "tahun", "year"),
        );
        if let (Some(level), Some(field), Some(year)) = (l, fld, y) {
            education.push(Education {
                level,
                major: f[1].clone(),
                field,
                year,
            });
        }
    }
    let mut diklat = Vec::new();
    for f in r.list(6, 4) {
        let (k, y, h) = (
            r.parse(6, &f[0], "jenis diklat", "training kind"),
            r.parse(6, &f[2], "tahun", "year"),
            r.parse(6, &f[3], "jam pelajaran", "hours"),
        );
        if let (Some(kind), Some(year), Some(hours)) = (k, y, h) {
            diklat.push(Diklat {
                kind,
                name: f[1].clone(),
                year,
                hours,
            });
        }
    }
    let m_raw = r.cell(7);
    let managerial: Vec<Level> = m_raw.split(',').filter_map(|v| r.level(7, v)).collect();
    let managerial: Option<[Level; 8]> = managerial.try_into().ok();
    if managerial.is_none()
        && !r
            .errs
            .iter()
            .any(|e| e.row == r.n && e.column == COLUMNS[7])
    {
        r.fail(
            7,
            &m_raw,
            "harus 8 level dipisah koma",
            "needs 8 comma-separated levels",
        );
    }
    let socio = r.level(8, &r.cell(8));
    let mut technical = Vec::new();
    for f in r.list(9, 2) {
        if let (Some(field), Some(level)) =
            (r.parse(9, &f[0], "rumpun", "field"), r.level(9, &f[1]))
        {
            technical.push(TechnicalLevel { field, level });
        }
    }
    let mut skp = Vec::new();
    for f in r.list_of(10, 2, 3) {
        let rater = match f.get(2).filter(|v| !v.trim().is_empty()) {
            None => Some(None),
            Some(v) => r
                .parse::<Nip>(10, v, "NIP penilai", "rater's NIP")
                .map(Some),
        };
        if let (Some(year), Some(predikat), Some(rater)) = (
            r.parse(10, &f[0], "tahun", "year"),
            r.parse(10, &f[1], "predikat", "predikat"),
            rater,
        ) {
            skp.push(SkpRecord {
                year,
                predikat,
                rater,
            });
        }
    }
    let mut sanctions = Vec::new();
    for f in r.list(11, 4) {
        if let (Some(level), Some(period)) = (
            r.parse(11, &f[0], "tingkat hukuman", "sanction level"),
            r.period(11, &f[2], &f[3]),
        ) {
            sanctions.push(Sanction {
                level,
                description: f[1].clone(),
                period,
            });
        }
    }
    let slot_raw = r.cell(12);
    let since_raw = r.cell(13);
    let current = match (slot_raw.is_empty(), since_raw.is_empty()) {
        (true, true) => Some(None),
        (false, false) => match (
            r.parse::<SlotId>(12, &slot_raw, "slot", "slot"),
            r.date(13, &since_raw),
        ) {
            (Some(slot), Some(since)) => Some(Some(CurrentPost { slot, since })),
            _ => None,
        },
        _ => {
            r.fail(
                13,
                &since_raw,
                "slot dan TMT jabatan diisi berdua atau dikosongkan berdua",
                "slot and TMT jabatan go together",
            );
            None
        }
    };
    let mut history = Vec::new();
    for f in r.list_of(14, 7, 8) {
        let special = match f[4].as_str() {
            "" => Some(None),
            "Kepala Sekolah" => Some(Some(SpecialRole::KepalaSekolah)),
            "Kepala Puskesmas" => Some(Some(SpecialRole::KepalaPuskesmas)),
            other => {
                r.fail(
                    14,
                    other,
                    "peran khusus tidak dikenal",
                    "unknown special role",
                );
                None
            }
        };
        let (u, k, fl, p) = (
            r.parse::<UnitId>(14, &f[1], "unit", "unit"),
            r.parse(14, &f[2], "jenis jabatan", "kind"),
            r.parse(14, &f[3], "rumpun", "field"),
            r.period(14, &f[5], &f[6]),
        );
        let profession = match f.get(7).map(|x| x.trim()) {
            None | Some("") => Some(None),
            Some(x) => r.parse(14, x, "profesi", "profession").map(Some),
        };
        if let (
            Some(unit),
            Some(kind),
            Some(field),
            Some(special),
            Some(period),
            Some(profession),
        ) = (u, k, fl, special, p, profession)
        {
            history.push(PastPost {
                title: f[0].clone(),
                unit,
                kind,
                field,
                special,
                profession,
                period,
            });
        }
    }
    let home = r.parse(15, &r.cell(15), "kecamatan", "kecamatan");
    let units: Vec<UnitId> = r
        .list(16, 1)
        .iter()
        .filter_map(|f| r.parse(16, &f[0], "unit", "unit"))
        .collect();
    let kecamatan: Vec<Kecamatan> = r
        .list(17, 1)
        .iter()
        .filter_map(|f| r.parse(17, &f[0], "kecamatan", "kecamatan"))
        .collect();
    let fields: Vec<Field> = r
        .list(18, 1)
        .iter()
        .filter_map(|f| r.parse(18, &f[0], "rumpun", "field"))
        .collect();
    let awards = r.parse(
        19,
        &r.cell(19),
        "jumlah penghargaan (0-255)",
        "award count (0-255)",
    );
    let pot_raw = r.cell(20);
    let potential = if pot_raw.is_empty() {
        Some(None)
    } else {
        match r.parse::<u8>(20, &pot_raw, "nilai potensi", "potential") {
            Some(v) if v <= 100 => Some(Some(v)),
            Some(_) => {
                r.fail(
                    20,
                    &pot_raw,
                    "nilai potensi harus 0-100",
                    "potential must be 0-100",
                );
                None
            }
            None => None,
        }
    };
    let teacher = teacher(r);
    let contract_raw = r.cell(27);
    let contract_end = if contract_raw.trim().is_empty() {
        Some(None)
    } else {
        r.date(27, &contract_raw).map(Some)
    };
    Some(Employee {
        nip: nip?,
        name,
        status: status?,
        pangkat: Pangkat {
            golongan: golongan?,
            tmt: tmt?,
        },
        education,
        diklat,
        competencies: Competencies {
            managerial: managerial?,
            socio_cultural: socio?,
            technical,
        },
        skp,
        sanctions,
        current: current?,
        history,
        home: home?,
        preferences: Preferences {
            units,
            kecamatan,
            fields,
        },
        awards: awards?,
        potential: potential?,
        teacher: teacher?,
        contract_end: contract_end?,
    })
}

/// The teacher's record from the optional `GURU_*` columns (columns 21–26); none when they are
/// all empty.
fn teacher(r: &mut Row) -> Option<Option<TeacherRecord>> {
    if (21..=26).all(|c| r.cell(c).trim().is_empty()) {
        return Some(None);
    }
    let mut ok = true;
    let mut t = TeacherRecord::default();
    for f in r.list(21, 1) {
        match r.parse::<Subject>(21, &f[0], "mata pelajaran", "subject") {
            Some(s) => t.qualified.push(s),
            None => ok = false,
        }
    }
    let cert = r.list(22, 2);
    if let Some(f) = cert.first() {
        match (
            r.parse::<Subject>(22, &f[0], "mata pelajaran", "subject"),
            r.parse::<u16>(22, &f[1], "tahun", "year"),
        ) {
            (Some(subject), Some(year)) => t.certificate = Some(Certificate { subject, year }),
            _ => ok = false,
        }
    }
    let nrg = r.cell(23);
    t.nrg = (!nrg.trim().is_empty()).then(|| nrg.trim().to_string());
    let jp = r.cell(24);
    if !jp.trim().is_empty() {
        match r.parse::<u8>(24, &jp, "jam pelajaran per minggu", "weekly hours") {
            Some(h) => t.hours = h,
            None => ok = false,
        }
    }
    for f in r.list(25, 3) {
        match (
            r.parse::<TaskKind>(25, &f[0], "tugas tambahan", "additional task"),
            r.period(25, &f[1], &f[2]),
        ) {
            (Some(kind), Some(period)) => t.tasks.push(AdditionalTask { kind, period }),
            _ => ok = false,
        }
    }
    let since = r.cell(26);
    if !since.trim().is_empty() {
        match r.date(26, &since) {
            Some(d) => t.teaching_since = Some(d),
            None => ok = false,
        }
    }
    ok.then_some(Some(t))
}
