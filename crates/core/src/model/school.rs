//! The education service as the regulation sees it: what a teacher teaches ([`Subject`]: a
//! school level and a [`Mapel`]), the teacher's own record ([`TeacherRecord`]: qualification,
//! teaching certificate, NRG, teaching hours, additional tasks), the [`Profession`] a post
//! belongs to (guru, pengawas sekolah, penilik) and a school's size ([`SchoolInfo`]: rombel and
//! pupils).
//!
//! A principal (kepala sekolah) is not a separate profession: the post is a guru's additional
//! assignment (Permendikdasmen 7/2025), so principal posts are `Profession::Guru` with
//! [`super::SpecialRole::KepalaSekolah`].

use super::employee::Period;
use super::grade::{vocab, ParseVocabError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

vocab!(
    /// School level (jenjang) of a post or a teaching certificate.
    SchoolLevel, "jenjang sekolah", {
    /// Sekolah Dasar.
    Sd => "SD",
    /// Sekolah Menengah Pertama.
    Smp => "SMP",
});

vocab!(
    /// What is taught: a subject (mata pelajaran) or, in SD, the class teacher (guru kelas).
    Mapel, "mata pelajaran", {
    /// Class teacher of one rombel (SD).
    GuruKelas => "Guru Kelas",
    /// Pendidikan Agama Islam dan Budi Pekerti.
    Pai => "PAI",
    /// Pendidikan Pancasila.
    Ppkn => "Pendidikan Pancasila",
    /// Bahasa Indonesia.
    BahasaIndonesia => "Bahasa Indonesia",
    /// Matematika.
    Matematika => "Matematika",
    /// Ilmu Pengetahuan Alam.
    Ipa => "IPA",
    /// Ilmu Pengetahuan Sosial.
    Ips => "IPS",
    /// Bahasa Inggris.
    BahasaInggris => "Bahasa Inggris",
    /// Pendidikan Jasmani, Olahraga dan Kesehatan.
    Pjok => "PJOK",
    /// Informatika.
    Informatika => "Informatika",
    /// Seni Budaya dan Prakarya.
    SeniBudaya => "Seni Budaya",
    /// Bimbingan dan Konseling (counselling, by pupils rather than rombel).
    Bk => "BK",
});

vocab!(
    /// The profession a post belongs to when it has its own rules (retirement age, who may be
    /// moved where). Posts of other jabatan have none.
    Profession, "profesi", {
    /// Guru: teaching posts and principal posts (a principal stays a guru).
    Guru => "Guru",
    /// Pengawas sekolah (school supervisor), a JF of its own, not a teacher.
    PengawasSekolah => "Pengawas Sekolah",
    /// Penilik (supervisor of non-formal education).
    Penilik => "Penilik",
});

impl SchoolLevel {
    /// The level of a school unit (None for any other unit).
    pub fn of_unit(kind: super::org::UnitKind) -> Option<Self> {
        match kind {
            super::org::UnitKind::SdNegeri => Some(SchoolLevel::Sd),
            super::org::UnitKind::SmpNegeri => Some(SchoolLevel::Smp),
            _ => None,
        }
    }
}

/// A subject at a level: "Matematika SMP", "Guru Kelas SD". A teaching post teaches one; a
/// teaching certificate (sertifikat pendidik) is for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Subject {
    /// SD or SMP.
    pub level: SchoolLevel,
    /// What is taught.
    pub mapel: Mapel,
}

impl Subject {
    /// A subject.
    pub const fn new(level: SchoolLevel, mapel: Mapel) -> Self {
        Self { level, mapel }
    }
    /// Bit of this subject in a mask of subjects (fits a `u32`: 2 levels × 12 mapel).
    pub fn bit(self) -> u32 {
        1 << (self.level as u32 * Mapel::ALL.len() as u32 + self.mapel as u32)
    }
    /// Mask of a list of subjects.
    pub fn mask(subjects: &[Subject]) -> u32 {
        subjects.iter().fold(0, |m, s| m | s.bit())
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.mapel, self.level)
    }
}

/// A teaching certificate (sertifikat pendidik) for one subject at one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    /// The subject it certifies.
    pub subject: Subject,
    /// Year obtained.
    pub year: u16,
}

vocab!(
    /// An additional task in a school that counts as managerial experience.
    TaskKind, "tugas tambahan", {
    /// Wakil kepala sekolah.
    WakilKepala => "Wakil Kepala Sekolah",
    /// Kepala laboratorium.
    KepalaLaboratorium => "Kepala Laboratorium",
    /// Kepala perpustakaan.
    KepalaPerpustakaan => "Kepala Perpustakaan",
    /// Acting principal (Plt kepala sekolah), as recorded after it ended.
    PltKepalaSekolah => "Plt Kepala Sekolah",
});

/// One additional task held for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdditionalTask {
    /// Which task.
    pub kind: TaskKind,
    /// When (the end is the last day, or the record date while still held).
    pub period: Period,
}

/// The teacher's own record, as in Dapodik: what the degree qualifies for, the certificate,
/// NRG, teaching hours, managerial tasks. Kept while the teacher serves as principal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeacherRecord {
    /// Subjects the academic qualification covers (kualifikasi akademik); the first is the one
    /// the teacher was appointed for.
    #[serde(default)]
    pub qualified: Vec<Subject>,
    /// Teaching certificate, if any.
    #[serde(default)]
    pub certificate: Option<Certificate>,
    /// Nomor Registrasi Guru, given with the certificate.
    #[serde(default)]
    pub nrg: Option<String>,
    /// Teaching hours (JP) a week in the current post.
    #[serde(default)]
    pub hours: u8,
    /// Managerial additional tasks held (wakil kepala, kepala laboratorium…).
    #[serde(default)]
    pub tasks: Vec<AdditionalTask>,
    /// Start of active teaching (may precede the ASN appointment, e.g. for PPPK).
    #[serde(default)]
    pub teaching_since: Option<NaiveDate>,
}

impl TeacherRecord {
    /// Mask of the subjects the teacher is qualified for (qualification or certificate).
    pub fn subject_mask(&self) -> u32 {
        Subject::mask(&self.qualified) | self.certificate.as_ref().map_or(0, |c| c.subject.bit())
    }
}

/// The size of a school, from which its teacher need is computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolInfo {
    /// Rombongan belajar (class groups).
    pub rombel: u16,
    /// Pupils.
    pub pupils: u32,
}

impl FromStr for Subject {
    type Err = ParseVocabError;
    /// Parses "Matematika SMP" (the mapel, a space, the level).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let (m, l) = t.rsplit_once(' ').ok_or_else(|| ParseVocabError {
            what: "mata pelajaran dan jenjang",
            value: s.to_string(),
        })?;
        Ok(Subject::new(l.parse()?, m.parse()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_have_distinct_bits_and_round_trip() {
        let mut seen = 0u32;
        for &level in SchoolLevel::ALL {
            for &mapel in Mapel::ALL {
                let s = Subject::new(level, mapel);
                assert_eq!(seen & s.bit(), 0, "{s}");
                seen |= s.bit();
                assert_eq!(s.to_string().parse::<Subject>().unwrap(), s);
            }
        }
        assert!("Matematika".parse::<Subject>().is_err());
        let json = serde_json::to_string(&Subject::new(SchoolLevel::Smp, Mapel::Ipa)).unwrap();
        assert_eq!(json, r#"{"level":"SMP","mapel":"IPA"}"#);
    }
}
