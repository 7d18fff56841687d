//! The organisation's sheets: `unit` (the tree of units, with a school's size) and `jabatan`
//! (positions from the Anjab: kind, rank range, requirements, kelas).

use super::super::formula::CsvOut;
use super::super::text::golongan_spelling;
use super::table::{Cells, Reader, Table, WorkbookError};
use crate::model::*;
use crate::text::Text;

/// Columns of the `unit` sheet.
pub const UNIT_COLUMNS: [&str; 9] = [
    "ID",
    "NAMA",
    "SINGKATAN",
    "JENIS",
    "INDUK",
    "KECAMATAN",
    "RUMPUN",
    "ROMBEL",
    "PESERTA_DIDIK",
];

/// Columns of the `jabatan` sheet.
pub const POSITION_COLUMNS: [&str; 18] = [
    "ID",
    "NAMA",
    "JENIS",
    "ESELON",
    "GOL_MIN",
    "GOL_MAKS",
    "PENDIDIKAN_MIN",
    "RUMPUN_DITERIMA",
    "DIKLAT_WAJIB",
    "KOMPETENSI_MANAJERIAL",
    "KOMPETENSI_SOSIOKULTURAL",
    "KOMPETENSI_TEKNIS",
    "KELAS",
    "KUNCI",
    "PERAN_KHUSUS",
    "RUMPUN",
    "PROFESI",
    "MAPEL",
];

/// The unit kinds as the sheet writes them.
pub const UNIT_KINDS: [(UnitKind, &str); 8] = [
    (UnitKind::Opd, "OPD"),
    (UnitKind::Bidang, "Bidang"),
    (UnitKind::Seksi, "Seksi"),
    (UnitKind::Kecamatan, "Kecamatan"),
    (UnitKind::Kelurahan, "Kelurahan"),
    (UnitKind::SdNegeri, "SD Negeri"),
    (UnitKind::SmpNegeri, "SMP Negeri"),
    (UnitKind::Puskesmas, "Puskesmas"),
];

/// The special roles as the sheet writes them.
pub const SPECIAL_ROLES: [(SpecialRole, &str); 2] = [
    (SpecialRole::KepalaSekolah, "Kepala Sekolah"),
    (SpecialRole::KepalaPuskesmas, "Kepala Puskesmas"),
];

fn label<T: PartialEq + Copy>(table: &[(T, &'static str)], v: T) -> &'static str {
    table.iter().find(|(k, _)| *k == v).map_or("", |(_, l)| l)
}

fn by_label<T: Copy>(table: &[(T, &'static str)], s: &str) -> Option<T> {
    table
        .iter()
        .find(|(_, l)| l.eq_ignore_ascii_case(s.trim()))
        .map(|(k, _)| *k)
}

fn s<T: ToString>(v: T) -> String {
    v.to_string()
}

/// The `unit` sheet.
pub fn write_units(units: &[Unit]) -> String {
    let mut w = CsvOut::default();
    w.row(UNIT_COLUMNS);
    for u in units {
        w.row([
            s(&u.id),
            u.name.clone(),
            u.short.clone(),
            label(&UNIT_KINDS, u.kind).to_string(),
            u.parent.as_ref().map_or(String::new(), s),
            s(u.kecamatan),
            s(u.field),
            u.school.map_or(String::new(), |x| s(x.rombel)),
            u.school.map_or(String::new(), |x| s(x.pupils)),
        ]);
    }
    w.finish()
}

/// The `jabatan` sheet.
pub fn write_positions(positions: &[Position]) -> String {
    let mut w = CsvOut::default();
    w.row(POSITION_COLUMNS);
    for p in positions {
        let list = |v: Vec<String>| v.join(";");
        w.row([
            s(&p.id),
            p.name.clone(),
            s(p.kind),
            p.eselon.map_or(String::new(), s),
            s(p.golongan_min),
            s(p.golongan_max),
            s(p.education_min),
            list(p.accepted_fields.iter().map(s).collect()),
            list(p.required_diklat.iter().map(s).collect()),
            s(p.competency.managerial.get()),
            s(p.competency.socio_cultural.get()),
            s(p.competency.technical.get()),
            s(p.kelas),
            if p.key { "Ya" } else { "Tidak" }.to_string(),
            p.special
                .map_or(String::new(), |r| label(&SPECIAL_ROLES, r).into()),
            s(p.field),
            p.profession.map_or(String::new(), s),
            p.subject.map_or(String::new(), s),
        ]);
    }
    w.finish()
}

/// Reads the `unit` sheet.
pub(super) fn read_units(text: &str, errs: &mut Vec<WorkbookError>) -> Vec<(usize, Unit)> {
    let table = Table::read("unit", &UNIT_COLUMNS, &[], text, errs);
    let mut rd = table.reader(errs);
    table
        .rows
        .iter()
        .filter_map(|r| unit(&mut rd, r).map(|u| (r.row, u)))
        .collect()
}

fn unit(rd: &mut Reader<'_>, r: &Cells) -> Option<Unit> {
    let id = rd.parse::<UnitId>(r, "ID");
    let name = rd.text(r, "NAMA");
    let short = rd.text(r, "SINGKATAN");
    let kind = rd.text(r, "JENIS").and_then(|v| {
        let k = by_label(&UNIT_KINDS, &v);
        if k.is_none() {
            rd.fail(r, "JENIS", &v, allowed(UNIT_KINDS.iter().map(|(_, l)| *l)));
        }
        k
    });
    let parent = rd.optional::<UnitId>(r, "INDUK");
    let kecamatan = rd.parse::<Kecamatan>(r, "KECAMATAN");
    let field = rd.parse::<Field>(r, "RUMPUN");
    let rombel = rd.optional::<u16>(r, "ROMBEL");
    let pupils = rd.optional::<u32>(r, "PESERTA_DIDIK");
    let school = match (rombel?, pupils?) {
        (Some(rombel), Some(pupils)) => Some(SchoolInfo { rombel, pupils }),
        (None, None) => None,
        (a, _) => {
            let col = if a.is_some() {
                "PESERTA_DIDIK"
            } else {
                "ROMBEL"
            };
            rd.fail(
                r,
                col,
                "",
                Text::new(
                    "ROMBEL dan PESERTA_DIDIK diisi keduanya atau tidak sama sekali",
                    "fill both ROMBEL and PESERTA_DIDIK, or neither",
                ),
            );
            return None;
        }
    };
    Some(Unit {
        id: id?,
        name: name?,
        short: short?,
        kind: kind?,
        parent: parent?,
        kecamatan: kecamatan?,
        field: field?,
        school,
    })
}

/// The reason for a value outside a closed list.
pub(super) fn allowed<'a>(values: impl Iterator<Item = &'a str>) -> Text {
    let list = values.collect::<Vec<_>>().join(", ");
    Text::new(
        format!("bukan nilai yang dikenal; pilihan: {list}"),
        format!("not a known value; allowed: {list}"),
    )
}

/// Reads the `jabatan` sheet.
pub(super) fn read_positions(text: &str, errs: &mut Vec<WorkbookError>) -> Vec<(usize, Position)> {
    let table = Table::read("jabatan", &POSITION_COLUMNS, &[], text, errs);
    let mut rd = table.reader(errs);
    table
        .rows
        .iter()
        .filter_map(|r| position(&mut rd, r).map(|p| (r.row, p)))
        .collect()
}

fn level(rd: &mut Reader<'_>, r: &Cells, column: &str) -> Option<Level> {
    let n = rd.parse::<u8>(r, column)?;
    let l = Level::new(n);
    if l.is_none() {
        rd.fail(
            r,
            column,
            &n.to_string(),
            Text::new("level kompetensi harus 1-5", "competency level must be 1-5"),
        );
    }
    l
}

fn golongan(rd: &mut Reader<'_>, r: &Cells, column: &str) -> Option<Golongan> {
    let v = rd.text(r, column)?;
    match golongan_spelling(&v).parse::<Golongan>() {
        Ok(g) => Some(g),
        Err(e) => {
            rd.fail(
                r,
                column,
                &v,
                Text::new(format!("tidak valid: {e}"), format!("invalid: {e}")),
            );
            None
        }
    }
}

fn position(rd: &mut Reader<'_>, r: &Cells) -> Option<Position> {
    let id = rd.parse::<PositionId>(r, "ID");
    let name = rd.text(r, "NAMA");
    let kind = rd.parse::<JabatanKind>(r, "JENIS");
    let eselon = rd.optional::<Eselon>(r, "ESELON");
    let golongan_min = golongan(rd, r, "GOL_MIN");
    let golongan_max = golongan(rd, r, "GOL_MAKS");
    let education_min = rd.parse::<EducationLevel>(r, "PENDIDIKAN_MIN");
    let accepted_fields = rd.list::<Field>(r, "RUMPUN_DITERIMA");
    let required_diklat = rd.list::<DiklatKind>(r, "DIKLAT_WAJIB");
    let managerial = level(rd, r, "KOMPETENSI_MANAJERIAL");
    let socio_cultural = level(rd, r, "KOMPETENSI_SOSIOKULTURAL");
    let technical = level(rd, r, "KOMPETENSI_TEKNIS");
    let kelas = rd.parse::<u8>(r, "KELAS").and_then(|k| {
        if (1..=17).contains(&k) {
            Some(k)
        } else {
            rd.fail(
                r,
                "KELAS",
                &k.to_string(),
                Text::new("kelas jabatan harus 1-17", "kelas jabatan must be 1-17"),
            );
            None
        }
    });
    let key = match rd.get(r, "KUNCI").to_ascii_lowercase().as_str() {
        "ya" | "y" | "yes" | "1" => Some(true),
        "tidak" | "t" | "no" | "0" | "" => Some(false),
        other => {
            let other = other.to_string();
            rd.fail(r, "KUNCI", &other, allowed(["Ya", "Tidak"].into_iter()));
            None
        }
    };
    let special_cell = rd.get(r, "PERAN_KHUSUS").to_string();
    let special = if special_cell.is_empty() {
        Some(None)
    } else {
        match by_label(&SPECIAL_ROLES, &special_cell) {
            Some(s) => Some(Some(s)),
            None => {
                rd.fail(
                    r,
                    "PERAN_KHUSUS",
                    &special_cell,
                    allowed(SPECIAL_ROLES.iter().map(|(_, l)| *l)),
                );
                None
            }
        }
    };
    let field = rd.parse::<Field>(r, "RUMPUN");
    let profession = rd.optional::<Profession>(r, "PROFESI");
    let subject = rd.optional::<Subject>(r, "MAPEL");
    let (golongan_min, golongan_max) = (golongan_min?, golongan_max?);
    if golongan_min > golongan_max {
        rd.fail(
            r,
            "GOL_MAKS",
            &golongan_max.to_string(),
            Text::new(
                format!("GOL_MAKS {golongan_max} di bawah GOL_MIN {golongan_min}"),
                format!("GOL_MAKS {golongan_max} is below GOL_MIN {golongan_min}"),
            ),
        );
        return None;
    }
    Some(Position {
        id: id?,
        name: name?,
        kind: kind?,
        eselon: eselon?,
        golongan_min,
        golongan_max,
        education_min: education_min?,
        accepted_fields: accepted_fields?,
        required_diklat: required_diklat?,
        competency: CompetencyStandard {
            managerial: managerial?,
            socio_cultural: socio_cultural?,
            technical: technical?,
        },
        kelas: kelas?,
        key: key?,
        special: special?,
        field: field?,
        profession: profession?,
        subject: subject?,
    })
}
