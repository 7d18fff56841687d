//! The organisation: units ([`Unit`]), positions ([`Position`]), slots ([`Slot`], one seat of a
//! position in a unit, with its holder) and ABK needs ([`AbkNeed`]).

use super::employee::DiklatKind;
use super::field::Field;
use super::geo::Kecamatan;
use super::grade::{EducationLevel, Eselon, Golongan, JabatanKind, Level};
use super::ids::{PositionId, SlotId, UnitId};
use super::nip::Nip;
use super::school::{Profession, SchoolInfo, Subject};
use serde::{Deserialize, Serialize};

/// What kind of unit this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UnitKind {
    /// An OPD (dinas, badan, sekretariat, inspektorat, RSUD…), the top of a tree.
    Opd,
    /// Bidang or bagian under an OPD.
    Bidang,
    /// Seksi or subbagian.
    Seksi,
    /// A kecamatan office.
    Kecamatan,
    /// A kelurahan office.
    Kelurahan,
    /// SD Negeri.
    SdNegeri,
    /// SMP Negeri.
    SmpNegeri,
    /// Puskesmas.
    Puskesmas,
}

/// A unit of the Pemerintah Kota.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// Id (unique).
    pub id: UnitId,
    /// Name, e.g. "Dinas Pendidikan".
    pub name: String,
    /// Short name as used in rules (e.g. "BKPSDM", "Satpol PP").
    pub short: String,
    /// Kind.
    pub kind: UnitKind,
    /// Parent unit (None for an OPD, a kecamatan office at the top, etc.).
    pub parent: Option<UnitId>,
    /// Kecamatan where the office is.
    pub kecamatan: Kecamatan,
    /// Main field of work.
    pub field: Field,
    /// A school's size (rombel, pupils), from which its teacher need is computed.
    #[serde(default)]
    pub school: Option<SchoolInfo>,
}

/// Special roles that carry their own rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SpecialRole {
    /// Kepala sekolah (school principal).
    KepalaSekolah,
    /// Kepala puskesmas.
    KepalaPuskesmas,
}

/// Required competency levels of a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetencyStandard {
    /// Required level of each of the 8 managerial competencies.
    pub managerial: Level,
    /// Required socio-cultural level.
    pub socio_cultural: Level,
    /// Required technical level in the position's field.
    pub technical: Level,
}

/// A position (jabatan) as defined by the anjab; used by one or more slots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Id (unique).
    pub id: PositionId,
    /// Name, e.g. "Kepala Sekolah SD Negeri".
    pub name: String,
    /// Kind and level.
    pub kind: JabatanKind,
    /// Eselon (structural posts only).
    pub eselon: Option<Eselon>,
    /// Lowest golongan allowed.
    pub golongan_min: Golongan,
    /// Highest golongan allowed.
    pub golongan_max: Golongan,
    /// Minimum education level.
    pub education_min: EducationLevel,
    /// Fields whose majors are accepted (empty: any).
    #[serde(default)]
    pub accepted_fields: Vec<Field>,
    /// Trainings required.
    #[serde(default)]
    pub required_diklat: Vec<DiklatKind>,
    /// Competency standard.
    pub competency: CompetencyStandard,
    /// Kelas jabatan (grade), 1–17.
    pub kelas: u8,
    /// Key position (for succession planning).
    #[serde(default)]
    pub key: bool,
    /// Kepala sekolah / kepala puskesmas.
    #[serde(default)]
    pub special: Option<SpecialRole>,
    /// Field of the work.
    pub field: Field,
    /// The profession with rules of its own (guru, pengawas sekolah, penilik), if any. For a
    /// guru post `kind` is the entry level of the JF Guru; the holder's own level follows their
    /// golongan ([`crate::eligibility::facts::held_kind`]).
    #[serde(default)]
    pub profession: Option<Profession>,
    /// What a teaching post teaches (None for every other post, principal posts included).
    #[serde(default)]
    pub subject: Option<Subject>,
}

impl Position {
    /// A post of the guru profession (teaching or principal).
    pub fn is_guru(&self) -> bool {
        self.profession == Some(Profession::Guru)
    }
    /// A principal (kepala sekolah) post.
    pub fn is_principal(&self) -> bool {
        self.special == Some(SpecialRole::KepalaSekolah)
    }
}

/// How a slot is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HoldKind {
    /// Definitive appointment.
    Definitive,
    /// Pelaksana tugas (acting), held next to the holder's own post.
    Plt,
}

/// The holder of a slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    /// The employee; `None` when the copy of the data is for someone who may not know who holds
    /// the post (the server withholds other people's NIPs from an employee's copy). A complete
    /// dataset ([`crate::Dataset::new`]) requires it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nip: Option<Nip>,
    /// Definitive or Plt.
    pub kind: HoldKind,
    /// Since when (TMT pelantikan for a definitive holder).
    pub since: chrono::NaiveDate,
}

/// One seat of a position in a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// Id (unique).
    pub id: SlotId,
    /// The unit.
    pub unit: UnitId,
    /// The position.
    pub position: PositionId,
    /// Holder, or None when vacant.
    pub holder: Option<Holder>,
}

impl Slot {
    /// Vacant or held by a Plt: open for a definitive appointment.
    pub fn is_open(&self) -> bool {
        !matches!(&self.holder, Some(h) if h.kind == HoldKind::Definitive)
    }
}

/// ABK need of a position in a unit: kebutuhan = Σ(volume × standard time) / effective hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AbkNeed {
    /// Unit.
    pub unit: UnitId,
    /// Position.
    pub position: PositionId,
    /// Total workload in hours per year (Σ volume × standard time).
    pub workload_hours: f64,
}
