//! The empty workbook to download: each sheet's header with one example row (taken from the
//! hand-made fixture city, so the example itself loads), and `petunjuk.csv`, the guide: every
//! column of every sheet with what it holds and its allowed values.

use super::super::csv::{COLUMNS, OPTIONAL_COLUMNS};
use super::super::formula::CsvOut;
use super::org::{SPECIAL_ROLES, UNIT_KINDS};
use crate::model::*;
use crate::{Dataset, DatasetParts};

/// One line of the guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guide {
    /// Sheet.
    pub sheet: &'static str,
    /// Column.
    pub column: &'static str,
    /// What it holds (Indonesian).
    pub id: &'static str,
    /// What it holds (English).
    pub en: &'static str,
}

/// The guide's text for the sheets of the organisation (`pegawai`'s columns are those of
/// `docs/CSV.md`, listed after these by [`template`]).
pub const GUIDE: &[Guide] = &[
    g("unit", "ID", "kode unit, unik (mis. kode unor SIASN atau NPSN)", "unit code, unique (e.g. SIASN unor id or NPSN)"),
    g("unit", "NAMA", "nama unit", "unit name"),
    g("unit", "SINGKATAN", "nama singkat", "short name"),
    g("unit", "JENIS", "jenis unit", "unit kind"),
    g("unit", "INDUK", "ID unit induk; kosong untuk OPD", "parent unit's ID; empty for an OPD"),
    g("unit", "KECAMATAN", "kecamatan kantor", "kecamatan of the office"),
    g("unit", "RUMPUN", "rumpun bidang kerja", "field of work"),
    g("unit", "ROMBEL", "sekolah: jumlah rombongan belajar; kosong untuk unit lain", "school: class groups; empty for other units"),
    g("unit", "PESERTA_DIDIK", "sekolah: jumlah peserta didik; kosong untuk unit lain", "school: pupils; empty for other units"),
    g("jabatan", "ID", "kode jabatan, unik", "position code, unique"),
    g("jabatan", "NAMA", "nama jabatan (Anjab)", "position name (Anjab)"),
    g("jabatan", "JENIS", "jenis dan jenjang jabatan", "kind and level"),
    g("jabatan", "ESELON", "eselon jabatan struktural; kosong untuk lainnya", "eselon of a structural post; empty otherwise"),
    g("jabatan", "GOL_MIN", "golongan terendah (mis. III/a atau 3a)", "lowest rank (e.g. III/a or 3a)"),
    g("jabatan", "GOL_MAKS", "golongan tertinggi", "highest rank"),
    g("jabatan", "PENDIDIKAN_MIN", "pendidikan minimal", "minimum education"),
    g("jabatan", "RUMPUN_DITERIMA", "rumpun jurusan yang diterima, dipisah ';'; kosong: semua", "accepted fields of study, ';'-separated; empty: any"),
    g("jabatan", "DIKLAT_WAJIB", "diklat wajib, dipisah ';'", "required trainings, ';'-separated"),
    g("jabatan", "KOMPETENSI_MANAJERIAL", "level standar kompetensi manajerial 1-5", "required managerial level 1-5"),
    g("jabatan", "KOMPETENSI_SOSIOKULTURAL", "level standar sosiokultural 1-5", "required socio-cultural level 1-5"),
    g("jabatan", "KOMPETENSI_TEKNIS", "level standar teknis 1-5", "required technical level 1-5"),
    g("jabatan", "KELAS", "kelas jabatan 1-17", "kelas jabatan 1-17"),
    g("jabatan", "KUNCI", "jabatan kunci (suksesi): Ya atau Tidak", "key post (succession): Ya or Tidak"),
    g("jabatan", "PERAN_KHUSUS", "peran khusus; kosong bila tidak ada", "special role; empty if none"),
    g("jabatan", "RUMPUN", "rumpun bidang kerja jabatan", "field of the work"),
    g("jabatan", "PROFESI", "profesi dengan aturan sendiri; kosong bila tidak ada", "profession with rules of its own; empty if none"),
    g("jabatan", "MAPEL", "jabatan guru: mata pelajaran dan jenjang (mis. Matematika SMP)", "teaching post: subject and level (e.g. Matematika SMP)"),
    g("formasi", "ID", "kode slot (satu kursi jabatan di satu unit), unik", "slot code (one seat of a position in a unit), unique"),
    g("formasi", "UNIT", "ID unit", "unit ID"),
    g("formasi", "JABATAN", "ID jabatan", "position ID"),
    g("formasi", "PLT_NIP", "NIP pelaksana tugas (Plt), kosong bila tidak ada; pejabat definitif diisi di pegawai.JABATAN_SLOT", "NIP of the acting holder (Plt), empty if none; the definitive holder is pegawai.JABATAN_SLOT"),
    g("formasi", "PLT_SEJAK", "tanggal mulai Plt (YYYY-MM-DD)", "Plt since (YYYY-MM-DD)"),
    g("kebutuhan", "UNIT", "ID unit", "unit ID"),
    g("kebutuhan", "JABATAN", "ID jabatan", "position ID"),
    g("kebutuhan", "BEBAN_KERJA_JAM", "beban kerja ABK setahun dalam jam (Σ volume × waktu penyelesaian); koma desimal boleh", "ABK workload per year in hours (Σ volume × standard time); a decimal comma is fine"),
    g("capaian", "UNIT", "ID unit (sekolah, puskesmas, unit layanan)", "unit ID (school, puskesmas, service unit)"),
    g("capaian", "TAHUN", "tahun capaian (Rapor Pendidikan: tahun rapor)", "year of the value (Rapor Pendidikan: the report's year)"),
    g("capaian", "INDIKATOR", "kode indikator", "indicator code"),
    g("capaian", "NILAI", "nilai indikator (0-100 untuk Rapor dan IKM; jumlah pengaduan; waktu layanan dalam hari); koma desimal boleh", "the value (0-100 for Rapor and IKM; complaints as a count; service time in days); a decimal comma is fine"),
];

const fn g(sheet: &'static str, column: &'static str, id: &'static str, en: &'static str) -> Guide {
    Guide {
        sheet,
        column,
        id,
        en,
    }
}

/// The allowed values of a column, when it has a closed list.
fn allowed(sheet: &str, column: &str) -> String {
    fn list<T: ToString>(v: impl IntoIterator<Item = T>) -> String {
        v.into_iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
    match (sheet, column) {
        ("unit", "JENIS") => list(UNIT_KINDS.iter().map(|(_, l)| l)),
        ("unit" | "jabatan", "RUMPUN") | ("jabatan", "RUMPUN_DITERIMA") => list(Field::ALL),
        ("unit", "KECAMATAN") => list(Kecamatan::ALL),
        ("jabatan", "JENIS") => list(JabatanKind::ALL),
        ("jabatan", "ESELON") => list(Eselon::ALL),
        ("jabatan", "PENDIDIKAN_MIN") => list(EducationLevel::ALL),
        ("jabatan", "DIKLAT_WAJIB") => list(DiklatKind::ALL),
        ("jabatan", "PERAN_KHUSUS") => list(SPECIAL_ROLES.iter().map(|(_, l)| l)),
        ("jabatan", "PROFESI") => list(Profession::ALL),
        ("jabatan", "MAPEL") => list(Mapel::ALL.iter().map(|m| format!("{m} SD/SMP"))),
        ("jabatan", "KUNCI") => "Ya, Tidak".into(),
        ("capaian", "INDIKATOR") => list(Indicator::ALL.iter().map(|i| i.code())),
        _ => String::new(),
    }
}

/// A one-row example city: the first employee of the fixture with a post, that post's slot,
/// position and unit (with its parents), and its ABK row.
fn example() -> Option<Dataset> {
    let city = crate::fixture::small();
    let p = city.parts();
    let e = p
        .employees
        .iter()
        .find(|e| e.current.is_some() && e.teacher.is_none())?;
    let slot = p
        .slots
        .iter()
        .find(|s| Some(&s.id) == e.current.as_ref().map(|c| &c.slot))?;
    let mut units = Vec::new();
    let mut next = Some(slot.unit.clone());
    while let Some(id) = next {
        let u = p.units.iter().find(|u| u.id == id)?;
        next = u.parent.clone();
        units.insert(0, u.clone());
    }
    let mut e = e.clone();
    // The latest SKP with its rater (pejabat penilai kinerja), to show the third part.
    let rater = p.employees.iter().find(|r| r.nip != e.nip)?.nip.clone();
    if let Some(r) = e.skp.iter_mut().max_by_key(|r| r.year) {
        r.rater = Some(rater);
    }
    e.preferences
        .units
        .retain(|u| units.iter().any(|x| &x.id == u));
    let slot = slot.clone();
    let parts = DatasetParts {
        employees: vec![e],
        positions: p
            .positions
            .iter()
            .filter(|x| x.id == slot.position)
            .cloned()
            .collect(),
        needs: p
            .needs
            .iter()
            .filter(|n| n.unit == slot.unit && n.position == slot.position)
            .take(1)
            .cloned()
            .collect(),
        units,
        slots: vec![slot],
        rules: p.rules.clone(),
    };
    let ds = Dataset::new(parts).ok()?;
    super::read(
        &as_files(&super::export(&ds)),
        None,
        crate::fixture::today(),
    )
    .ok()
    .map(|l| l.dataset)
}

fn as_files(sheets: &[(String, String)]) -> Vec<(String, Vec<u8>)> {
    sheets
        .iter()
        .map(|(n, t)| (n.clone(), t.as_bytes().to_vec()))
        .collect()
}

/// The template: each sheet with its header and one example row, then `petunjuk.csv` (sheet,
/// column, content in Indonesian and English, allowed values).
pub fn template() -> Vec<(String, String)> {
    let mut sheets = match example() {
        Some(ds) => {
            // The `capaian` sheet's example: the example unit's satisfaction index in a year.
            let outcome = ds.units().last().map(|u| OutcomeRecord {
                unit: u.id.clone(),
                year: 2025,
                indicator: Indicator::Ikm,
                value: 82.5,
            });
            super::export_with_outcomes(&ds, outcome.as_slice())
        }
        None => Vec::new(),
    };
    let mut w = CsvOut::default();
    w.row(["LEMBAR", "KOLOM", "ISI", "CONTENT", "PILIHAN"]);
    for x in GUIDE {
        w.row([x.sheet, x.column, x.id, x.en, &allowed(x.sheet, x.column)]);
    }
    for c in COLUMNS.iter().chain(OPTIONAL_COLUMNS.iter()) {
        w.row(["pegawai", c, "lihat docs/CSV.md", "see docs/CSV.md", ""]);
    }
    sheets.push(("petunjuk.csv".into(), w.finish()));
    sheets
}
