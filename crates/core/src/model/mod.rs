//! The data model: employees, units, positions, slots, with validated value types; the
//! education service's own parts (subjects, the teacher record, school size) in `school`.
//!
//! Leaf types ([`Nip`], [`Golongan`], [`Level`], [`Period`], ids) cannot hold invalid values,
//! also when deserialized. Cross-record consistency is checked by [`crate::Dataset`].

mod employee;
mod field;
mod geo;
mod grade;
mod ids;
mod nip;
mod org;
mod outcome;
mod pangkat;
mod school;

pub use employee::*;
pub use field::Field;
pub use geo::{distance_table, Kecamatan};
pub use grade::{
    EducationLevel, EmployeeStatus, Eselon, Golongan, JabatanKind, Level, ParseVocabError,
    Predikat, Rating, SanctionLevel,
};
pub use ids::{EmployeeIdx, IdError, PositionId, SlotId, SlotIdx, UnitId};
pub use nip::{Nip, NipError, Sex};
pub use org::*;
pub use outcome::{Indicator, OutcomeRecord};
pub use pangkat::{pangkat_label, PNS_PANGKAT};
pub use school::{
    AdditionalTask, Certificate, Mapel, Profession, SchoolInfo, SchoolLevel, Subject, TaskKind,
    TeacherRecord,
};
