//! [`RuleSet`]: every threshold, weight and table of DOMAIN.md as configuration data.
//!
//! `RuleSet::default()` carries the defaults; [`RuleSet::from_json`] and [`RuleSet::from_toml`]
//! load a (possibly partial) configuration text supplied by the caller — the core does no I/O —
//! and validate it. `crates/core/rules/default.toml` is the default written out.

mod defaults;
mod evaluation;
mod load;
mod per_kind;
mod schools;
mod sk;

pub use evaluation::{ComparisonGroup, EvaluationRules};
pub use load::RuleSetError;
pub use per_kind::PerKind;
pub use schools::{ProfessionBup, RombelSize, SchoolRules, SubjectHours};
pub use sk::{SkRules, SkSigner, SkVariant};

use crate::model::{
    DiklatKind, EducationLevel, Eselon, Golongan, JabatanKind, Period, Position, Predikat,
    SanctionLevel,
};
use serde::{Deserialize, Serialize};

/// All rules, thresholds and weights. Every field has a default from DOMAIN.md; a field missing
/// from a configuration file keeps its default, an unknown field is an error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RuleSet {
    /// Minimum whole years in the current post before a rotation (default 2).
    pub tenure_min_years: u8,
    /// Years in the same post after which rotation is due (default 5).
    pub tenure_max_years: u8,
    /// CPNS probation in months; a CPNS cannot be moved during it (default 12).
    pub cpns_probation_months: u8,
    /// A definitive holder whose golongan is more than this many ruang above the post's highest
    /// golongan is refused by a workbook load as implausible (IV/e in a Kasi post; default 2).
    pub implausible_ruang_above_post: u8,
    /// No transfer to another instansi at own request within this many years of appointment (10).
    /// Informational: moves inside the Pemerintah Kota are not transfers to another instansi.
    pub own_request_transfer_years: u8,
    /// Retirement age (BUP) by kind of the position held (Pelaksana 58, Administrator/Pengawas 58,
    /// JPT 60, JF Ahli Pertama/Muda and keterampilan 58, Ahli Madya 60, Ahli Utama 65).
    pub bup: PerKind<u8>,
    /// Retirement age by profession, overriding `bup` for posts of that profession (guru,
    /// pengawas sekolah and penilik 60), each with its source.
    pub bup_profession: Vec<ProfessionBup>,
    /// Warn when the employee retires within this many months after the move (default 12).
    pub retirement_warning_months: u8,
    /// JPM at or above this is "Memenuhi Syarat" (default 80).
    pub jpm_memenuhi: f64,
    /// JPM at or above this (and below `jpm_memenuhi`) is "Masih Memenuhi Syarat" (default 68).
    pub jpm_masih_memenuhi: f64,
    /// Weight (percent) of technical competence in JPM by kind; managerial + socio-cultural get
    /// the rest (Ahli Madya 40, Ahli Muda 50, Ahli Pertama 60 [verified]; others [unverified]).
    pub jpm_technical_pct: PerKind<f64>,
    /// Typical required competency level by kind (JPT Pratama 4, Administrator 3, Pengawas 2,
    /// Pelaksana 1 [unverified]); used for career paths.
    pub competency_level: PerKind<u8>,
    /// Eselon ↔ golongan ranges (PP 100/2000).
    pub eselon_golongan: Vec<EselonRange>,
    /// Golongan range by kind, for career paths when no concrete position is at hand.
    pub kind_golongan: PerKind<GolonganRange>,
    /// Minimum education by kind (PP 11/2017), for career paths.
    pub kind_education: PerKind<EducationLevel>,
    /// Experience needed before a step up (PP 11/2017 [unverified]).
    pub experience: Vec<ExperienceRule>,
    /// Leadership training expected for each structural kind, for career paths.
    pub kind_diklat: Vec<KindDiklat>,
    /// Years between regular promotions of pangkat (default 4 [unverified]).
    pub promotion_years: u8,
    /// Score 0–100 given to each SKP predikat.
    pub predikat_score: PredikatScores,
    /// Fit-score weights and scales.
    pub fit: FitWeights,
    /// 9-box scoring weights, tables and cut-offs (PermenPANRB 3/2020). A rule set stored
    /// before the SKP-scale kinerja (with `kinerja_skp`) reads as the defaults.
    #[serde(deserialize_with = "NineBoxRules::deserialize_upgrading")]
    pub nine_box: NineBoxRules,
    /// A JPT inaugurated fewer than this many years ago may not be replaced (default 2).
    pub jpt_protection_years: u8,
    /// JPT term in years (default 5), extendable by `jpt_extension_years` (default 2).
    /// Informational for planners; rotation due is `tenure_max_years`.
    pub jpt_term_years: u8,
    /// JPT term extension in years.
    pub jpt_extension_years: u8,
    /// Inauguration date of the current kepala daerah, if the no-replacement window applies.
    pub kepala_daerah_inaugurated: Option<chrono::NaiveDate>,
    /// Months after the kepala daerah's inauguration during which officials are not replaced (6).
    pub kepala_daerah_freeze_months: u8,
    /// Pilkada freeze ranges (6 months before candidate determination to end of term); empty by
    /// default. Scope: JPT, Administrator, Pengawas, kepala sekolah, kepala puskesmas.
    pub election_freeze: Vec<Period>,
    /// Months (1–12) in which Palembang accepts mutation proposals (April and October). The
    /// workflow refuses a submission outside them ([`crate::workflow::submission_window`]); the
    /// soft rule `SubmissionWindow` checks the planned TMT against them. Empty: open all year.
    pub submission_months: Vec<u8>,
    /// Shortest reason of a proposal, and shortest notes of a step that must state why (review,
    /// decision, stopping or returning a proposal), in characters (default 10): "every move
    /// states its reason" ([`crate::workflow::check_notes`]).
    pub reason_min_chars: usize,
    /// The SK (decree) draft: number pattern, titles, considerations, signer and tembusan
    /// ([`crate::workflow::sk`]).
    pub sk: SkRules,
    /// Short names of OPD where moving in needs a selection.
    pub selective_opd: Vec<String>,
    /// Moving into a selective OPD without a selection is a hard rule (true, the default) or a
    /// soft one that a planner may override with a written reason (false).
    pub selective_opd_hard: bool,
    /// Effective working hours per year for ABK (default 1,250).
    pub abk_effective_hours: f64,
    /// Lower bounds of ABK effectiveness classes A, B, C, D (1.00, 0.90, 0.70, 0.50); below D is E.
    /// Class A is strictly above its bound.
    pub abk_class_bounds: [f64; 4],
    /// A sedang or berat sanction within this many years excludes from the talent pool (2).
    pub talent_exclusion_years: u8,
    /// Kepala sekolah may serve at most this many consecutive periods (2).
    pub kepala_sekolah_max_periods: u8,
    /// Teachers and principals: periods, candidates, Plt, teaching load, teacher need.
    pub schools: SchoolRules,
    /// For jabatan fungsional, a major outside the accepted fields is a hard block (a JF needs a
    /// matching qualification); for other posts it is a soft rule. Default true.
    pub functional_major_is_hard: bool,
    /// Candidate list length per employee for planners and the optimiser (default 50).
    pub candidates_top_k: usize,
    /// The impact evaluation: comparison group, confidence, bootstrap, minimum samples.
    pub evaluation: EvaluationRules,
}

/// Golongan range allowed for an eselon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EselonRange {
    /// Eselon.
    pub eselon: Eselon,
    /// Lowest golongan.
    pub min: Golongan,
    /// Highest golongan.
    pub max: Golongan,
}

/// A golongan range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GolonganRange {
    /// Lowest.
    pub min: Golongan,
    /// Highest.
    pub max: Golongan,
}

/// Years of experience in one of `from` before stepping up to `kind`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperienceRule {
    /// Target kind.
    pub kind: JabatanKind,
    /// Kinds whose years count.
    pub from: Vec<JabatanKind>,
    /// Years needed.
    pub years: u8,
}

/// Training expected for a kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindDiklat {
    /// Kind.
    pub kind: JabatanKind,
    /// Training.
    pub diklat: DiklatKind,
}

/// Score 0–100 per SKP predikat (the five predikat kinerja pegawai of PermenPANRB 6/2022). Used
/// by the fit score's SKP part and by the 9-box kinerja ([`NineBoxRules`]), whose cut-offs must
/// fall between these scores.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PredikatScores {
    /// Sangat Baik (100).
    pub sangat_baik: f64,
    /// Baik (80).
    pub baik: f64,
    /// Butuh Perbaikan (50).
    pub butuh_perbaikan: f64,
    /// Kurang (25).
    pub kurang: f64,
    /// Sangat Kurang (0).
    pub sangat_kurang: f64,
}

impl Default for PredikatScores {
    fn default() -> Self {
        Self {
            sangat_baik: 100.0,
            baik: 80.0,
            butuh_perbaikan: 50.0,
            kurang: 25.0,
            sangat_kurang: 0.0,
        }
    }
}

impl PredikatScores {
    /// Score of a predikat.
    pub fn get(&self, p: Predikat) -> f64 {
        match p {
            Predikat::SangatBaik => self.sangat_baik,
            Predikat::Baik => self.baik,
            Predikat::ButuhPerbaikan => self.butuh_perbaikan,
            Predikat::Kurang => self.kurang,
            Predikat::SangatKurang => self.sangat_kurang,
        }
    }
}

/// Weights of the fit-score components (relative; they need not sum to 100) and their scales.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FitWeights {
    /// Job Person Match (30).
    pub jpm: f64,
    /// Relevance of the education major (15).
    pub major: f64,
    /// Experience in related posts or the same OPD (15).
    pub experience: f64,
    /// Recent SKP (15).
    pub skp: f64,
    /// The unit's shortage for this position (10).
    pub shortage: f64,
    /// The employee's stated preferences (5).
    pub preference: f64,
    /// Closeness to the home kecamatan (10).
    pub distance: f64,
    /// Years of related experience that earn the full experience score (5).
    pub experience_full_years: f64,
    /// Distance in km at which the distance score reaches 0 (20).
    pub distance_zero_km: f64,
    /// How many recent SKP years are averaged (2).
    pub skp_years: u8,
    /// Major score when the major is in a related field (50).
    pub related_major_score: f64,
}

impl FitWeights {
    /// The seven component weights in the order of the fit breakdown: JPM, major, experience,
    /// SKP, shortage, preference, distance.
    pub fn components(&self) -> [f64; 7] {
        [
            self.jpm,
            self.major,
            self.experience,
            self.skp,
            self.shortage,
            self.preference,
            self.distance,
        ]
    }
}

impl Default for FitWeights {
    fn default() -> Self {
        Self {
            jpm: 30.0,
            major: 15.0,
            experience: 15.0,
            skp: 15.0,
            shortage: 10.0,
            preference: 5.0,
            distance: 10.0,
            experience_full_years: 5.0,
            distance_zero_km: 20.0,
            skp_years: 2,
            related_major_score: 50.0,
        }
    }
}

/// 9-box scoring (DOMAIN.md §5, PermenPANRB 3/2020 on talent management; docs/TALENT.md).
///
/// Kinerja follows the SKP scale of PermenPANRB 6/2022: the mean [`RuleSet::predikat_score`] of
/// the latest `skp_years` SKP years (only years from `skp_within_years` before the date's year
/// count), plus a bonus for awards. The cut-offs sit between the predikat scores so that one
/// year's predikat lands in its row: Sangat Baik "di atas ekspektasi", Baik "sesuai ekspektasi",
/// Butuh Perbaikan, Kurang and Sangat Kurang "di bawah ekspektasi" (the loader refuses cut-offs
/// that break this). Without a counted SKP there is no kinerja and no box ("belum ada SKP").
/// Final talent score = `final_kinerja` × kinerja + `final_potensi` × potensi (relative weights).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NineBoxRules {
    /// How many of the latest SKP years are averaged for kinerja (2).
    pub skp_years: u8,
    /// Only SKP of the years from this many years before the date's year count (3): an older
    /// SKP is no evidence of today's kinerja.
    pub skp_within_years: u8,
    /// Kinerja points per award or team membership (2.5).
    pub award_points: f64,
    /// At most this many award points in total (5).
    pub award_max: f64,
    /// Whether awards may lift kinerja past a cut-off into the next row (false: the bonus stops
    /// one point under the next cut-off, so the row is the SKP's).
    pub awards_cross_rows: bool,
    /// Potensi share of competence (40).
    pub potensi_competence: f64,
    /// Potensi share of assessed potential (25).
    pub potensi_potential: f64,
    /// Potensi share of qualification (20).
    pub potensi_qualification: f64,
    /// Potensi share of integrity / discipline record (15).
    pub potensi_integrity: f64,
    /// Potential assumed when no assessment exists (50).
    pub default_potential: f64,
    /// Qualification score 0–100 by highest education.
    pub education_score: EducationScores,
    /// Qualification points added for the leadership training of [`RuleSet::kind_diklat`] (10),
    /// capped at 100.
    pub diklat_bonus: f64,
    /// Integrity score 0–100 by the heaviest sanction within `talent_exclusion_years`.
    pub integrity_score: IntegrityScores,
    /// Kinerja cut-offs: below `[0]` is "di bawah ekspektasi", from `[1]` "di atas" (65, 90:
    /// halfway between Butuh Perbaikan 50 and Baik 80, and between Baik 80 and Sangat Baik 100).
    pub kinerja_cuts: [f64; 2],
    /// Potensi cut-offs: below `[0]` rendah, from `[1]` tinggi (60, 80).
    pub potensi_cuts: [f64; 2],
    /// Weight of kinerja in the final talent score (50).
    pub final_kinerja: f64,
    /// Weight of potensi in the final talent score (50).
    pub final_potensi: f64,
    /// A successor blocked now but allowed within this many years is "siap 1–2 tahun" (2).
    pub succession_soon_years: u8,
    /// `kinerja_skp` and `kinerja_awards` of the scoring before issue 22 (kinerja = 60% SKP +
    /// 40% awards): still read, so that a rule set stored on a server or a device loads, and
    /// never written.
    #[serde(default, skip_serializing)]
    kinerja_skp: Option<serde::de::IgnoredAny>,
    #[serde(default, skip_serializing)]
    kinerja_awards: Option<serde::de::IgnoredAny>,
}

impl NineBoxRules {
    /// Reads the rules; those of the scoring before issue 22 become the defaults, since their
    /// cut-offs (70/85) and award points were set for another kinerja (docs/TALENT.md).
    fn deserialize_upgrading<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = Self::deserialize(d)?;
        Ok(if n.kinerja_skp.is_some() || n.kinerja_awards.is_some() {
            Self::default()
        } else {
            n
        })
    }
}

impl Default for NineBoxRules {
    fn default() -> Self {
        Self {
            skp_years: 2,
            skp_within_years: 3,
            award_points: 2.5,
            award_max: 5.0,
            awards_cross_rows: false,
            potensi_competence: 40.0,
            potensi_potential: 25.0,
            potensi_qualification: 20.0,
            potensi_integrity: 15.0,
            default_potential: 50.0,
            education_score: EducationScores::default(),
            diklat_bonus: 10.0,
            integrity_score: IntegrityScores::default(),
            kinerja_cuts: [65.0, 90.0],
            potensi_cuts: [60.0, 80.0],
            final_kinerja: 50.0,
            final_potensi: 50.0,
            succession_soon_years: 2,
            kinerja_skp: None,
            kinerja_awards: None,
        }
    }
}

/// Qualification score 0–100 per education level (9-box potensi).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EducationScores {
    /// S3 (100).
    pub s3: f64,
    /// S2 (90).
    pub s2: f64,
    /// D-IV/S1 (75).
    pub s1: f64,
    /// D-III (60).
    pub d3: f64,
    /// D-II (50).
    pub d2: f64,
    /// D-I (50).
    pub d1: f64,
    /// SMA/SMK (40).
    pub sma: f64,
    /// SMP (20).
    pub smp: f64,
    /// SD (20).
    pub sd: f64,
}

impl Default for EducationScores {
    fn default() -> Self {
        Self {
            s3: 100.0,
            s2: 90.0,
            s1: 75.0,
            d3: 60.0,
            d2: 50.0,
            d1: 50.0,
            sma: 40.0,
            smp: 20.0,
            sd: 20.0,
        }
    }
}

impl EducationScores {
    /// Score of an education level.
    pub fn get(&self, l: EducationLevel) -> f64 {
        match l {
            EducationLevel::S3 => self.s3,
            EducationLevel::S2 => self.s2,
            EducationLevel::S1 => self.s1,
            EducationLevel::D3 => self.d3,
            EducationLevel::D2 => self.d2,
            EducationLevel::D1 => self.d1,
            EducationLevel::Sma => self.sma,
            EducationLevel::Smp => self.smp,
            EducationLevel::Sd => self.sd,
        }
    }

    /// Every score, highest level first.
    pub fn all(&self) -> [f64; 9] {
        [
            self.s3, self.s2, self.s1, self.d3, self.d2, self.d1, self.sma, self.smp, self.sd,
        ]
    }
}

/// Integrity score 0–100 by the heaviest recent sanction (PP 94/2021 levels).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IntegrityScores {
    /// No sanction (100).
    pub none: f64,
    /// Ringan (70).
    pub ringan: f64,
    /// Sedang (30).
    pub sedang: f64,
    /// Berat (0).
    pub berat: f64,
}

impl Default for IntegrityScores {
    fn default() -> Self {
        Self {
            none: 100.0,
            ringan: 70.0,
            sedang: 30.0,
            berat: 0.0,
        }
    }
}

impl IntegrityScores {
    /// Score for the heaviest sanction (None: no sanction).
    pub fn get(&self, heaviest: Option<SanctionLevel>) -> f64 {
        match heaviest {
            None => self.none,
            Some(SanctionLevel::Ringan) => self.ringan,
            Some(SanctionLevel::Sedang) => self.sedang,
            Some(SanctionLevel::Berat) => self.berat,
        }
    }
}

/// A retirement age and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bup<'a> {
    /// Age in years.
    pub age: u8,
    /// The regulation.
    pub source: &'a str,
}

impl RuleSet {
    /// Retirement age of the holder of `position` (None: no post), with its source: the
    /// profession's age when it has one ([`RuleSet::bup_profession`]), else the kind's.
    pub fn bup_for(&self, position: Option<&Position>) -> Bup<'_> {
        if let Some(b) = position.and_then(|p| {
            let pr = p.profession?;
            self.bup_profession.iter().find(|b| b.profession == pr)
        }) {
            return Bup {
                age: b.age,
                source: &b.source,
            };
        }
        Bup {
            age: self
                .bup
                .get(position.map_or(JabatanKind::Pelaksana, |p| p.kind)),
            source: "PP 11/2017 jo. PP 17/2020 Pasal 239",
        }
    }

    /// Golongan range of an eselon, if the table lists it.
    pub fn eselon_range(&self, e: Eselon) -> Option<GolonganRange> {
        self.eselon_golongan
            .iter()
            .find(|r| r.eselon == e)
            .map(|r| GolonganRange {
                min: r.min,
                max: r.max,
            })
    }

    /// Experience rule for stepping up to `kind`, if any.
    pub fn experience_for(&self, kind: JabatanKind) -> Option<&ExperienceRule> {
        self.experience.iter().find(|r| r.kind == kind)
    }

    /// Trainings expected for `kind`.
    pub fn diklat_for(&self, kind: JabatanKind) -> impl Iterator<Item = DiklatKind> + '_ {
        self.kind_diklat
            .iter()
            .filter(move |d| d.kind == kind)
            .map(|d| d.diklat)
    }
}
