//! The employee record ([`Employee`]) and its parts: pangkat, education, diklat, competencies,
//! SKP, sanctions, current post, post history and preferences.

use super::field::Field;
use super::geo::Kecamatan;
use super::grade::{
    vocab, EducationLevel, EmployeeStatus, Golongan, JabatanKind, Level, ParseVocabError, Predikat,
    SanctionLevel,
};
use super::ids::{SlotId, UnitId};
use super::nip::Nip;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A closed date range `start..=end`; `start <= end` always holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "PeriodRaw")]
pub struct Period {
    start: NaiveDate,
    end: NaiveDate,
}

#[derive(Deserialize)]
struct PeriodRaw {
    start: NaiveDate,
    end: NaiveDate,
}

/// A period whose end precedes its start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("periode berakhir sebelum dimulai / period ends before it starts: {start} > {end}")]
pub struct PeriodError {
    /// Start given.
    pub start: NaiveDate,
    /// End given.
    pub end: NaiveDate,
}

impl TryFrom<PeriodRaw> for Period {
    type Error = PeriodError;
    fn try_from(r: PeriodRaw) -> Result<Self, Self::Error> {
        Period::new(r.start, r.end)
    }
}

impl Period {
    /// A period, if `start <= end`.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self, PeriodError> {
        if start <= end {
            Ok(Self { start, end })
        } else {
            Err(PeriodError { start, end })
        }
    }
    /// First day.
    pub fn start(&self) -> NaiveDate {
        self.start
    }
    /// Last day (inclusive).
    pub fn end(&self) -> NaiveDate {
        self.end
    }
    /// Whether `d` lies in the period.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }
}

/// Pangkat/golongan with its TMT (effective date). For PPPK the PNS-equivalent grade is stored
/// (PPPK golongan IX ≈ III/a, X ≈ III/b, XI ≈ III/c, XII ≈ III/d, XIII ≈ IV/a; V ≈ II/a, VII ≈ II/c).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pangkat {
    /// Grade.
    pub golongan: Golongan,
    /// TMT of the grade.
    pub tmt: NaiveDate,
}

/// One completed education.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Education {
    /// Level.
    pub level: EducationLevel,
    /// Major as written on the diploma, e.g. "Pendidikan Guru Sekolah Dasar".
    pub major: String,
    /// The field the major belongs to.
    pub field: Field,
    /// Graduation year.
    pub year: u16,
}

vocab!(
    /// Kind of training (diklat).
    DiklatKind, "jenis diklat", {
    /// Pelatihan Kepemimpinan Pengawas (formerly PIM IV).
    Pkp => "PKP",
    /// Pelatihan Kepemimpinan Administrator (formerly PIM III).
    Pka => "PKA",
    /// Pelatihan Kepemimpinan Nasional II (formerly PIM II).
    Pkn2 => "PKN II",
    /// Pelatihan Kepemimpinan Nasional I.
    Pkn1 => "PKN I",
    /// Diklat calon kepala sekolah.
    CalonKepalaSekolah => "Calon Kepala Sekolah",
    /// Functional training for a JF.
    Fungsional => "Fungsional",
    /// Technical course.
    Teknis => "Teknis",
});

/// One completed training.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diklat {
    /// Kind.
    pub kind: DiklatKind,
    /// Course name.
    pub name: String,
    /// Year completed.
    pub year: u16,
    /// Length in JP (lesson hours).
    pub hours: u16,
}

/// Names of the 8 managerial competencies, in the order of [`Competencies::managerial`].
pub const MANAGERIAL_COMPETENCIES: [&str; 8] = [
    "Integritas",
    "Kerja Sama",
    "Komunikasi",
    "Orientasi pada Hasil",
    "Pelayanan Publik",
    "Pengembangan Diri dan Orang Lain",
    "Mengelola Perubahan",
    "Pengambilan Keputusan",
];

/// Technical competency in one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TechnicalLevel {
    /// Field.
    pub field: Field,
    /// Level reached.
    pub level: Level,
}

/// Assessed competency levels (PermenPANRB 38/2017).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Competencies {
    /// The 8 managerial competencies, ordered as [`MANAGERIAL_COMPETENCIES`].
    pub managerial: [Level; 8],
    /// Socio-cultural (Perekat Bangsa).
    pub socio_cultural: Level,
    /// Technical competencies by field.
    pub technical: Vec<TechnicalLevel>,
}

impl Competencies {
    /// Technical level in `field`, if assessed.
    pub fn technical_in(&self, field: Field) -> Option<Level> {
        self.technical
            .iter()
            .find(|t| t.field == field)
            .map(|t| t.level)
    }
}

/// SKP predikat for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkpRecord {
    /// Year assessed.
    pub year: u16,
    /// Predikat.
    pub predikat: Predikat,
    /// The rater (pejabat penilai kinerja), if known. Absent from records stored before it was
    /// recorded, and left out of the JSON when unknown, so those records keep their bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rater: Option<Nip>,
}

/// A disciplinary sanction (PP 94/2021) and the period it is in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sanction {
    /// Level.
    pub level: SanctionLevel,
    /// What was imposed, e.g. "Pemotongan tunjangan kinerja 25% selama 9 bulan".
    pub description: String,
    /// Period in force (a warning has a one-day period: the date it was given).
    pub period: Period,
}

/// The employee's definitive current post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentPost {
    /// The slot held definitively.
    pub slot: SlotId,
    /// Start date in this post (TMT jabatan).
    pub since: NaiveDate,
}

/// A post held in the past.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastPost {
    /// Position title as held.
    pub title: String,
    /// Unit.
    pub unit: UnitId,
    /// Kind of position.
    pub kind: JabatanKind,
    /// Field of the position.
    pub field: Field,
    /// Kepala sekolah / kepala puskesmas, if the post was one.
    #[serde(default)]
    pub special: Option<super::org::SpecialRole>,
    /// The profession of the post (guru, pengawas sekolah…), if it had one.
    #[serde(default)]
    pub profession: Option<super::school::Profession>,
    /// When.
    pub period: Period,
}

/// What the employee asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    /// Preferred units (any level; an OPD covers its sub-units).
    #[serde(default)]
    pub units: Vec<UnitId>,
    /// Preferred kecamatan of the workplace.
    #[serde(default)]
    pub kecamatan: Vec<Kecamatan>,
    /// Preferred fields of work.
    #[serde(default)]
    pub fields: Vec<Field>,
}

impl Preferences {
    /// Whether nothing was stated.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty() && self.kecamatan.is_empty() && self.fields.is_empty()
    }
}

/// An ASN (PNS, PPPK or CPNS).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Employee {
    /// NIP (unique).
    pub nip: Nip,
    /// Full name with titles.
    pub name: String,
    /// PNS, PPPK or CPNS.
    pub status: EmployeeStatus,
    /// Current pangkat/golongan.
    pub pangkat: Pangkat,
    /// Education history.
    pub education: Vec<Education>,
    /// Completed trainings.
    #[serde(default)]
    pub diklat: Vec<Diklat>,
    /// Assessed competencies.
    pub competencies: Competencies,
    /// SKP predikat per year.
    #[serde(default)]
    pub skp: Vec<SkpRecord>,
    /// Disciplinary sanctions.
    #[serde(default)]
    pub sanctions: Vec<Sanction>,
    /// Definitive current post, if any.
    pub current: Option<CurrentPost>,
    /// Posts held before.
    #[serde(default)]
    pub history: Vec<PastPost>,
    /// Home kecamatan.
    pub home: Kecamatan,
    /// Stated preferences.
    #[serde(default)]
    pub preferences: Preferences,
    /// Awards and team memberships in the last two years (9-box kinerja input).
    #[serde(default)]
    pub awards: u8,
    /// Potential from a talent assessment, 0–100, if assessed (9-box potensi input).
    #[serde(default)]
    pub potential: Option<u8>,
    /// The teacher's record (qualification, certificate, NRG, hours), for a guru.
    #[serde(default)]
    pub teacher: Option<super::school::TeacherRecord>,
    /// Last day of a PPPK's work agreement (perjanjian kerja), if known.
    #[serde(default)]
    pub contract_end: Option<NaiveDate>,
}

impl Employee {
    /// Birth date (from the NIP).
    pub fn birth_date(&self) -> NaiveDate {
        self.nip.birth_date()
    }
    /// Highest education, if any is recorded.
    pub fn highest_education(&self) -> Option<&Education> {
        self.education.iter().max_by_key(|e| (e.level, e.year))
    }
    /// Highest education level (SD if none is recorded).
    pub fn education_level(&self) -> EducationLevel {
        self.highest_education()
            .map(|e| e.level)
            .unwrap_or(EducationLevel::Sd)
    }
    /// Mask of the fields of all recorded majors.
    pub fn field_mask(&self) -> u16 {
        self.education.iter().fold(0, |m, e| m | e.field.bit())
    }
    /// Whether a diklat of this kind was completed.
    pub fn has_diklat(&self, kind: DiklatKind) -> bool {
        self.diklat.iter().any(|d| d.kind == kind)
    }
    /// Sanction in force on `date`, the heaviest first.
    pub fn active_sanction(&self, date: NaiveDate) -> Option<&Sanction> {
        self.sanctions
            .iter()
            .filter(|s| s.period.contains(date))
            .max_by_key(|s| s.level)
    }
    /// Latest SKP records, newest first, at most `n`.
    pub fn recent_skp(&self, n: usize) -> Vec<SkpRecord> {
        let mut v = self.skp.clone();
        v.sort_by_key(|r| std::cmp::Reverse(r.year));
        v.truncate(n);
        v
    }
}
