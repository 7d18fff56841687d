//! Verdict types: [`RuleId`] (with its severity and regulation), [`Verdict`], [`Verdicts`], and
//! the [`Override`] of a soft rule with a written reason.

use crate::text::Text;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Hard rules cannot be overridden; soft rules can, with a written reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Severity {
    /// Blocks the move; no override.
    Hard,
    /// Needs a written reason to override when it fails.
    Soft,
}

/// The result of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    /// Satisfied.
    Pass,
    /// Satisfied, with something the planner should know.
    Warning,
    /// Not satisfied.
    Fail,
}

/// Every rule checked for a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RuleId {
    /// A disciplinary sanction in force.
    ActiveSanction,
    /// CPNS on probation.
    CpnsProbation,
    /// Under the minimum time in the current post.
    MinTenure,
    /// Retirement age (BUP) reached before the move takes effect.
    Retirement,
    /// Golongan outside the position's range.
    RankRange,
    /// Education below the position's minimum.
    EducationLevel,
    /// PPPK into a structural post.
    PppkPosition,
    /// Jabatan fungsional needs a matching qualification.
    FunctionalQualification,
    /// A JPT inaugurated less than 2 years ago would be replaced.
    JptProtection,
    /// A new kepala daerah may not replace officials for 6 months.
    NewRegionalHead,
    /// Pilkada freeze.
    ElectionFreeze,
    /// Moving into a selective OPD without a selection, when the rule set makes it hard.
    SelectionRequired,
    /// A PPPK's work agreement ends before the move takes effect.
    ContractEnd,
    /// A teaching post for a subject the teacher is not qualified for.
    TeacherSubject,
    /// A principal is assigned from teachers with S1/D-IV and a teaching certificate.
    PrincipalQualification,
    /// A principal candidate: PNS at least III/c, or PPPK with 8 years of teaching.
    PrincipalRank,
    /// A principal candidate: SKP at least Baik in each of the latest 2 years.
    PrincipalPerformance,
    /// A principal candidate: 2 years of managerial experience in schools.
    PrincipalManagerial,
    /// A principal candidate: never a moderate or heavy disciplinary sanction.
    PrincipalDiscipline,
    /// A principal candidate: at most 56 years old on the day of the assignment.
    PrincipalAge,
    /// Principal periods: at most 2 in a row (1 without the training), 2 at one school.
    PrincipalPeriods,
    /// A principal moves to another school only after 2 years at the current one.
    PrincipalAtSchool,
    /// A principal's teaching certificate is for the school's level (SD, SMP).
    PrincipalLevel,
    /// A principal's assignment ends only on a lawful ground.
    PrincipalEnd,
    /// Major outside the accepted fields.
    MajorAccepted,
    /// Moving into a selective OPD needs a selection.
    SelectiveOpd,
    /// Required training missing.
    RequiredDiklat,
    /// Outside the April/October submission windows.
    SubmissionWindow,
    /// JPM below the standard.
    Competency,
    /// Experience needed before a step up.
    Experience,
    /// Retires soon after the move.
    RetirementSoon,
    /// Retired: principal periods counted as history rows (superseded by
    /// [`RuleId::PrincipalPeriods`], a hard rule); kept so stored overrides still load.
    KepalaSekolahPeriods,
    /// The slot is held definitively by someone else.
    SlotOccupied,
    /// The certificate is for another subject: the professional allowance (TPG) is lost.
    TeachingCertificate,
    /// The teaching hours in the new post fall below the allowance's minimum.
    TeachingHours,
}

impl RuleId {
    /// Every rule checked today, in the order verdicts are listed.
    pub const ALL: [RuleId; 34] = [
        RuleId::ActiveSanction,
        RuleId::CpnsProbation,
        RuleId::MinTenure,
        RuleId::Retirement,
        RuleId::RankRange,
        RuleId::EducationLevel,
        RuleId::PppkPosition,
        RuleId::FunctionalQualification,
        RuleId::JptProtection,
        RuleId::NewRegionalHead,
        RuleId::ElectionFreeze,
        RuleId::SelectionRequired,
        RuleId::ContractEnd,
        RuleId::TeacherSubject,
        RuleId::PrincipalQualification,
        RuleId::PrincipalRank,
        RuleId::PrincipalPerformance,
        RuleId::PrincipalManagerial,
        RuleId::PrincipalDiscipline,
        RuleId::PrincipalAge,
        RuleId::PrincipalPeriods,
        RuleId::PrincipalAtSchool,
        RuleId::PrincipalLevel,
        RuleId::PrincipalEnd,
        RuleId::MajorAccepted,
        RuleId::SelectiveOpd,
        RuleId::RequiredDiklat,
        RuleId::SubmissionWindow,
        RuleId::Competency,
        RuleId::Experience,
        RuleId::RetirementSoon,
        RuleId::SlotOccupied,
        RuleId::TeachingCertificate,
        RuleId::TeachingHours,
    ];

    /// Hard or soft.
    pub fn severity(self) -> Severity {
        use RuleId::*;
        match self {
            ActiveSanction
            | CpnsProbation
            | MinTenure
            | Retirement
            | RankRange
            | EducationLevel
            | PppkPosition
            | FunctionalQualification
            | JptProtection
            | NewRegionalHead
            | ElectionFreeze
            | SelectionRequired
            | ContractEnd
            | TeacherSubject
            | PrincipalQualification
            | PrincipalRank
            | PrincipalPerformance
            | PrincipalManagerial
            | PrincipalDiscipline
            | PrincipalAge
            | PrincipalPeriods
            | PrincipalAtSchool
            | PrincipalLevel
            | PrincipalEnd => Severity::Hard,
            _ => Severity::Soft,
        }
    }

    /// Whether the rule can never be overridden.
    pub fn is_hard(self) -> bool {
        self.severity() == Severity::Hard
    }

    /// The regulation the rule comes from.
    pub fn regulation(self) -> &'static str {
        use RuleId::*;
        match self {
            ActiveSanction => "PP 94/2021 tentang Disiplin PNS",
            CpnsProbation => "PP 11/2017 jo. PP 17/2020 (masa percobaan CPNS)",
            MinTenure => "Peraturan BKN 5/2019 tentang Tata Cara Mutasi (minimal 2 tahun)",
            Retirement => "PP 11/2017 jo. PP 17/2020 Pasal 239 (batas usia pensiun)",
            RankRange => "PP 100/2000 jo. PP 13/2002 (eselon dan pangkat)",
            EducationLevel => "PP 11/2017 jo. PP 17/2020 (syarat pendidikan jabatan)",
            PppkPosition => "UU 20/2023 tentang ASN (jabatan yang dapat diisi PPPK)",
            FunctionalQualification => {
                "PermenPANRB 1/2023 tentang Jabatan Fungsional (kualifikasi pendidikan)"
            }
            JptProtection => "UU 20/2023 tentang ASN (JPT dilantik < 2 tahun tidak diganti)",
            NewRegionalHead => {
                "UU 10/2016 Pasal 162 ayat (3) (6 bulan sejak pelantikan kepala daerah)"
            }
            ElectionFreeze => {
                "UU 10/2016 Pasal 71 ayat (2) (larangan penggantian pejabat menjelang Pilkada)"
            }
            MajorAccepted => {
                "PP 11/2017 jo. PP 17/2020; Peraturan BKN 9/2022 (syarat jabatan anjab)"
            }
            SelectiveOpd | SelectionRequired => "Kebijakan BKPSDM Kota Palembang (OPD selektif)",
            ContractEnd => crate::school::PPPK_CONTRACT,
            TeacherSubject | PrincipalLevel => crate::school::QUALIFICATION,
            PrincipalQualification
            | PrincipalRank
            | PrincipalPerformance
            | PrincipalManagerial
            | PrincipalDiscipline
            | PrincipalAge => crate::school::PASAL_7,
            PrincipalPeriods | PrincipalAtSchool => crate::school::PASAL_PERIODS,
            PrincipalEnd => crate::school::PASAL_END,
            TeachingCertificate | TeachingHours => crate::school::TPG,
            RequiredDiklat => "PP 11/2017 (diklat yang disyaratkan jabatan)",
            SubmissionWindow => "Kebijakan BKPSDM Kota Palembang (usulan April dan Oktober)",
            Competency => "PermenPANRB 38/2017 (standar kompetensi jabatan, JPM)",
            Experience => "PP 11/2017 jo. PP 17/2020 (pengalaman jabatan)",
            RetirementSoon => "PP 11/2017 jo. PP 17/2020 Pasal 239 (batas usia pensiun)",
            KepalaSekolahPeriods => "Permendikbudristek 40/2021 (dicabut Permendikdasmen 7/2025)",
            SlotOccupied => "Peraturan BKN 5/2019 (formasi jabatan)",
        }
    }

    /// Short bilingual name.
    pub fn title(self) -> Text {
        use RuleId::*;
        let (id, en) = match self {
            ActiveSanction => ("Hukuman disiplin aktif", "Active disciplinary sanction"),
            CpnsProbation => ("Masa percobaan CPNS", "CPNS probation"),
            MinTenure => ("Masa jabatan minimal", "Minimum time in post"),
            Retirement => ("Batas usia pensiun", "Retirement age"),
            RankRange => ("Rentang pangkat/golongan", "Rank range"),
            EducationLevel => ("Jenjang pendidikan", "Education level"),
            PppkPosition => ("Jabatan untuk PPPK", "Posts open to PPPK"),
            FunctionalQualification => {
                ("Kualifikasi jabatan fungsional", "Functional qualification")
            }
            JptProtection => ("Perlindungan JPT 2 tahun", "JPT 2-year protection"),
            NewRegionalHead => ("6 bulan kepala daerah baru", "New regional head, 6 months"),
            ElectionFreeze => ("Masa larangan Pilkada", "Election freeze"),
            SelectionRequired => (
                "OPD selektif: wajib seleksi",
                "Selective OPD: selection required",
            ),
            ContractEnd => ("Perjanjian kerja PPPK", "PPPK work agreement"),
            TeacherSubject => ("Kualifikasi mengajar", "Teaching qualification"),
            PrincipalQualification => (
                "Calon kepala sekolah: guru bersertifikat",
                "Principal candidate: certified teacher",
            ),
            PrincipalRank => ("Calon kepala sekolah: pangkat", "Principal candidate: rank"),
            PrincipalPerformance => (
                "Calon kepala sekolah: kinerja",
                "Principal candidate: performance",
            ),
            PrincipalManagerial => (
                "Calon kepala sekolah: pengalaman manajerial",
                "Principal candidate: managerial experience",
            ),
            PrincipalDiscipline => (
                "Calon kepala sekolah: riwayat disiplin",
                "Principal candidate: discipline record",
            ),
            PrincipalAge => ("Calon kepala sekolah: usia", "Principal candidate: age"),
            PrincipalPeriods => ("Periode kepala sekolah", "Principal periods"),
            PrincipalAtSchool => (
                "Kepala sekolah: 2 tahun di satu sekolah",
                "Principal: 2 years at a school",
            ),
            PrincipalLevel => (
                "Kepala sekolah: jenjang sertifikat",
                "Principal: certificate level",
            ),
            PrincipalEnd => (
                "Pemberhentian kepala sekolah",
                "Ending a principal's assignment",
            ),
            MajorAccepted => ("Kesesuaian jurusan", "Major accepted"),
            SelectiveOpd => ("OPD selektif", "Selective OPD"),
            RequiredDiklat => ("Diklat wajib", "Required training"),
            SubmissionWindow => ("Jadwal usulan", "Submission window"),
            Competency => ("Kompetensi (JPM)", "Competency (JPM)"),
            Experience => ("Pengalaman jabatan", "Experience"),
            RetirementSoon => ("Menjelang pensiun", "Retiring soon"),
            KepalaSekolahPeriods => ("Periode kepala sekolah (lama)", "Principal periods (old)"),
            SlotOccupied => ("Formasi terisi", "Post occupied"),
            TeachingCertificate => (
                "Sertifikat pendidik dan TPG",
                "Teaching certificate and allowance",
            ),
            TeachingHours => ("Jam mengajar (24 JP)", "Teaching hours (24 JP)"),
        };
        Text::new(id, en)
    }
}

/// One rule's verdict for a move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// The rule.
    pub rule: RuleId,
    /// Hard or soft.
    pub severity: Severity,
    /// Pass, warning or fail.
    pub outcome: Outcome,
    /// The regulation it comes from.
    pub regulation: String,
    /// Why, quoting the numbers, in Indonesian and English.
    pub reason: Text,
    /// When a failing rule stops blocking, where computable.
    pub unblocked_on: Option<NaiveDate>,
}

/// Every rule's verdict for one employee and one slot on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdicts {
    /// The slot is the employee's own: staying, not a move (no rule applies).
    pub stay: bool,
    /// One verdict per rule that applies, in [`RuleId::ALL`] order.
    pub items: Vec<Verdict>,
}

impl Verdicts {
    /// Any hard rule fails.
    pub fn is_blocked(&self) -> bool {
        self.items
            .iter()
            .any(|v| v.severity == Severity::Hard && v.outcome == Outcome::Fail)
    }
    /// Failing hard rules.
    pub fn hard_failures(&self) -> impl Iterator<Item = &Verdict> {
        self.items
            .iter()
            .filter(|v| v.severity == Severity::Hard && v.outcome == Outcome::Fail)
    }
    /// Failing soft rules (each needs an override).
    pub fn soft_failures(&self) -> impl Iterator<Item = &Verdict> {
        self.items
            .iter()
            .filter(|v| v.severity == Severity::Soft && v.outcome == Outcome::Fail)
    }
    /// The verdict of one rule.
    pub fn get(&self, rule: RuleId) -> Option<&Verdict> {
        self.items.iter().find(|v| v.rule == rule)
    }
    /// Earliest date from which no hard rule blocks, if every blocking rule has one (None also
    /// when nothing blocks: check [`Verdicts::is_blocked`]).
    pub fn unblocked_on(&self) -> Option<NaiveDate> {
        let mut latest: Option<NaiveDate> = None;
        for v in self.hard_failures() {
            let d = v.unblocked_on?;
            latest = Some(latest.map_or(d, |l| l.max(d)));
        }
        latest
    }
    /// Decides the move given planner overrides: allowed when no hard rule fails and every
    /// failing soft rule has an override.
    pub fn decide(&self, overrides: &[Override]) -> Decision {
        let hard: Vec<RuleId> = self.hard_failures().map(|v| v.rule).collect();
        let mut open = Vec::new();
        let mut overridden = Vec::new();
        for v in self.soft_failures() {
            match overrides.iter().find(|o| o.rule() == v.rule) {
                Some(o) => overridden.push(o.clone()),
                None => open.push(v.rule),
            }
        }
        Decision {
            allowed: hard.is_empty() && open.is_empty(),
            hard,
            open,
            overridden,
        }
    }
}

/// The outcome of [`Verdicts::decide`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The move may go ahead.
    pub allowed: bool,
    /// Hard rules that fail (nothing can lift them).
    pub hard: Vec<RuleId>,
    /// Soft rules that fail without an override.
    pub open: Vec<RuleId>,
    /// Overrides used.
    pub overridden: Vec<Override>,
}

/// Why an override was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OverrideError {
    /// Hard rules cannot be overridden.
    #[error("aturan {0:?} bersifat wajib dan tidak dapat dikecualikan / rule {0:?} is hard and cannot be overridden")]
    HardRule(RuleId),
    /// A written reason is required.
    #[error("alasan tertulis wajib diisi (minimal 10 karakter) / a written reason is required (at least 10 characters)")]
    MissingReason,
    /// The reason is longer than the workflow's notes limit (its wording, both lengths).
    #[error("{0}")]
    LongReason(Text),
}

/// A planner's written override of a soft rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "OverrideRaw")]
pub struct Override {
    rule: RuleId,
    reason: String,
}

#[derive(Deserialize)]
struct OverrideRaw {
    rule: RuleId,
    reason: String,
}

impl TryFrom<OverrideRaw> for Override {
    type Error = OverrideError;
    fn try_from(r: OverrideRaw) -> Result<Self, OverrideError> {
        Override::new(r.rule, r.reason)
    }
}

impl Override {
    /// An override of a soft rule with a written reason (at least 10 characters, not blank, at
    /// most [`crate::workflow::MAX_NOTES_CHARS`]).
    pub fn new(rule: RuleId, reason: impl Into<String>) -> Result<Self, OverrideError> {
        let reason = reason.into();
        if rule.is_hard() {
            return Err(OverrideError::HardRule(rule));
        }
        if reason.trim().chars().count() < 10 {
            return Err(OverrideError::MissingReason);
        }
        crate::workflow::notes_length(reason.trim())
            .map_err(|e| OverrideError::LongReason(e.text()))?;
        Ok(Self {
            rule,
            reason: reason.trim().to_string(),
        })
    }
    /// The rule overridden.
    pub fn rule(&self) -> RuleId {
        self.rule
    }
    /// The written reason.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}
