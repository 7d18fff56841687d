//! The education service's rules as configuration ([`SchoolRules`]): principal periods and
//! candidate requirements (Permendikdasmen 7/2025), acting-principal limits, teaching load and
//! the professional allowance (PP 74/2008 jo. PP 19/2017), class sizes and the weekly hours per
//! subject that make a school's teacher need; and retirement ages per profession
//! ([`ProfessionBup`]).

use crate::model::{EducationLevel, Golongan, Mapel, Predikat, Profession, SchoolLevel, Subject};
use serde::{Deserialize, Serialize};

/// Retirement age (BUP) of a profession, overriding the age by kind of post, with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfessionBup {
    /// The profession.
    pub profession: Profession,
    /// Retirement age in years.
    pub age: u8,
    /// The regulation it comes from, quoted in reasons.
    pub source: String,
}

/// Weekly teaching hours (JP) of a subject in one rombel.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectHours {
    /// The subject.
    pub subject: Subject,
    /// JP per week per rombel.
    pub hours: f64,
}

/// Largest class (rombel) of a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RombelSize {
    /// SD or SMP.
    pub level: SchoolLevel,
    /// Pupils per rombel at most.
    pub pupils: u32,
}

/// Rules of teachers and school principals. Defaults: DOMAIN.md §3a, re-checked as written in
/// `docs/SCHOOLS.md` (numbers marked there as verified or not).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SchoolRules {
    /// One principal period in years (4). The number of consecutive periods is
    /// [`crate::RuleSet::kepala_sekolah_max_periods`] (2).
    pub period_years: u8,
    /// Periods at most at the same school (satminkal) (2).
    pub periods_same_school: u8,
    /// Years at the current school before a principal moves to another (2).
    pub min_years_at_school: u8,
    /// Periods at most for a principal without the principal-training certificate (1).
    pub periods_without_training: u8,
    /// Oldest age on the day of the assignment, in years (56): the day after that birthday is
    /// too old.
    pub candidate_max_age: u8,
    /// Lowest education of a candidate (S1/D-IV).
    pub candidate_education: EducationLevel,
    /// Lowest golongan of a PNS candidate (III/c, Penata).
    pub candidate_golongan: Golongan,
    /// Years of active teaching of a PPPK candidate (8).
    pub candidate_pppk_years: u8,
    /// Latest SKP years that must all be at least `candidate_skp_min` (2).
    pub candidate_skp_years: u8,
    /// Lowest SKP predikat of a candidate, and of a serving principal in each year (Baik).
    pub candidate_skp_min: Predikat,
    /// Years of managerial experience in a school (2).
    pub candidate_managerial_years: u8,
    /// Years back in the JF Guru, without a break, for someone who held another jabatan (4).
    pub reactivation_years: u8,
    /// Months an acting principal (Plt) may serve before the post counts as overdue (6, i.e.
    /// 3 months extended once) [unverified].
    pub plt_limit_months: u8,
    /// Weekly teaching hours needed for the professional allowance (TPG) (24).
    pub tpg_min_hours: u8,
    /// Weekly teaching hours at most (40).
    pub max_hours: u8,
    /// Class teachers per SD rombel (1).
    pub class_teachers_per_rombel: f64,
    /// Pupils per counsellor (guru BK) (150).
    pub pupils_per_counsellor: u32,
    /// Largest rombel per level (SD 28, SMP 32).
    pub rombel_size: Vec<RombelSize>,
    /// Weekly JP per rombel of each subject taught by subject teachers.
    pub curriculum: Vec<SubjectHours>,
}

impl Default for SchoolRules {
    fn default() -> Self {
        use Mapel::*;
        use SchoolLevel::*;
        let h = |level, mapel, hours| SubjectHours {
            subject: Subject::new(level, mapel),
            hours,
        };
        Self {
            period_years: 4,
            periods_same_school: 2,
            min_years_at_school: 2,
            periods_without_training: 1,
            candidate_max_age: 56,
            candidate_education: EducationLevel::S1,
            candidate_golongan: Golongan::from_index(10).unwrap_or(Golongan::MIN),
            candidate_pppk_years: 8,
            candidate_skp_years: 2,
            candidate_skp_min: Predikat::Baik,
            candidate_managerial_years: 2,
            reactivation_years: 4,
            plt_limit_months: 6,
            tpg_min_hours: 24,
            max_hours: 40,
            class_teachers_per_rombel: 1.0,
            pupils_per_counsellor: 150,
            rombel_size: vec![
                RombelSize {
                    level: Sd,
                    pupils: 28,
                },
                RombelSize {
                    level: Smp,
                    pupils: 32,
                },
            ],
            curriculum: vec![
                h(Sd, Pai, 4.0),
                h(Sd, Pjok, 3.0),
                h(Smp, Pai, 3.0),
                h(Smp, Ppkn, 3.0),
                h(Smp, BahasaIndonesia, 6.0),
                h(Smp, Matematika, 5.0),
                h(Smp, Ipa, 5.0),
                h(Smp, Ips, 4.0),
                h(Smp, BahasaInggris, 4.0),
                h(Smp, Pjok, 3.0),
                h(Smp, Informatika, 3.0),
                h(Smp, SeniBudaya, 3.0),
            ],
        }
    }
}

impl SchoolRules {
    /// Weekly JP per rombel of a subject (0 when it is not in the curriculum).
    pub fn hours_per_rombel(&self, s: Subject) -> f64 {
        self.curriculum
            .iter()
            .find(|c| c.subject == s)
            .map_or(0.0, |c| c.hours)
    }
    /// Largest rombel of a level, if configured.
    pub fn rombel_size(&self, level: SchoolLevel) -> Option<u32> {
        self.rombel_size
            .iter()
            .find(|r| r.level == level)
            .map(|r| r.pupils)
    }
}

/// The default retirement ages per profession.
pub(super) fn default_profession_bup() -> Vec<ProfessionBup> {
    vec![
        ProfessionBup {
            profession: Profession::Guru,
            age: 60,
            source: "UU 14/2005 tentang Guru dan Dosen Pasal 30 ayat (4)".into(),
        },
        ProfessionBup {
            profession: Profession::PengawasSekolah,
            age: 60,
            source: "PP 21/2014 Pasal 2 ayat (2) huruf b".into(),
        },
        ProfessionBup {
            profession: Profession::Penilik,
            age: 60,
            source: "PP 21/2014 Pasal 2 ayat (2) huruf b angka 7".into(),
        },
    ]
}
