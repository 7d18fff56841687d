//! Fields of study and work ([`Field`]): the category of an education major, of a position's
//! technical domain and of a unit's business, with the table of related fields.

use super::grade::{vocab, ParseVocabError};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

vocab!(
    /// A field (rumpun ilmu / bidang tugas). Majors are grouped into these.
    Field, "rumpun bidang", {
    /// Teaching and education science.
    Pendidikan => "Pendidikan",
    /// Medicine.
    Kedokteran => "Kedokteran",
    /// Nursing.
    Keperawatan => "Keperawatan",
    /// Midwifery.
    Kebidanan => "Kebidanan",
    /// Public health.
    KesehatanMasyarakat => "Kesehatan Masyarakat",
    /// Pharmacy.
    Farmasi => "Farmasi",
    /// Economics, accounting, finance.
    Ekonomi => "Ekonomi",
    /// Law.
    Hukum => "Hukum",
    /// Government, public administration, political science.
    Pemerintahan => "Pemerintahan",
    /// Civil engineering and architecture.
    TeknikSipil => "Teknik Sipil",
    /// Informatics and information systems.
    Informatika => "Informatika",
    /// Agriculture and food.
    Pertanian => "Pertanian",
    /// Environment.
    Lingkungan => "Lingkungan",
    /// Social welfare, psychology, communication.
    Sosial => "Sosial",
    /// General (no specific major, e.g. SMA).
    Umum => "Umum",
});

impl Field {
    /// Bit for field masks.
    pub fn bit(self) -> u16 {
        1 << (self as u16)
    }

    /// Mask of the fields accepted in `fields` (0 means "none listed").
    pub fn mask(fields: &[Field]) -> u16 {
        fields.iter().fold(0, |m, f| m | f.bit())
    }

    /// Fields close enough that experience or a degree in one is partly relevant to the other.
    pub fn related(self) -> &'static [Field] {
        use Field::*;
        match self {
            Kedokteran | Keperawatan | Kebidanan | KesehatanMasyarakat | Farmasi => &[
                Kedokteran,
                Keperawatan,
                Kebidanan,
                KesehatanMasyarakat,
                Farmasi,
            ],
            Ekonomi | Hukum | Pemerintahan => &[Ekonomi, Hukum, Pemerintahan, Sosial],
            TeknikSipil | Lingkungan | Informatika => &[TeknikSipil, Lingkungan, Informatika],
            Sosial => &[Sosial, Pemerintahan, Pendidikan],
            Pendidikan => &[Pendidikan, Sosial],
            Pertanian => &[Pertanian, Lingkungan],
            Umum => &[Umum, Pemerintahan],
        }
    }

    /// Mask of [`Field::related`].
    pub fn related_mask(self) -> u16 {
        Field::mask(self.related())
    }
}
