//! [`PerKind`]: a value for each [`JabatanKind`], written out field by field so configuration
//! files stay readable (`[bup] pelaksana = 58`).

use crate::model::JabatanKind;
use serde::{Deserialize, Serialize};

/// One value per kind of position.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerKind<T> {
    /// JPT Utama.
    pub jpt_utama: T,
    /// JPT Madya.
    pub jpt_madya: T,
    /// JPT Pratama.
    pub jpt_pratama: T,
    /// Administrator.
    pub administrator: T,
    /// Pengawas.
    pub pengawas: T,
    /// Pelaksana.
    pub pelaksana: T,
    /// JF Ahli Pertama.
    pub ahli_pertama: T,
    /// JF Ahli Muda.
    pub ahli_muda: T,
    /// JF Ahli Madya.
    pub ahli_madya: T,
    /// JF Ahli Utama.
    pub ahli_utama: T,
    /// JF Pemula.
    pub pemula: T,
    /// JF Terampil.
    pub terampil: T,
    /// JF Mahir.
    pub mahir: T,
    /// JF Penyelia.
    pub penyelia: T,
}

impl<T: Copy> PerKind<T> {
    /// The value for `kind`.
    pub fn get(&self, kind: JabatanKind) -> T {
        use JabatanKind::*;
        match kind {
            JptUtama => self.jpt_utama,
            JptMadya => self.jpt_madya,
            JptPratama => self.jpt_pratama,
            Administrator => self.administrator,
            Pengawas => self.pengawas,
            Pelaksana => self.pelaksana,
            AhliPertama => self.ahli_pertama,
            AhliMuda => self.ahli_muda,
            AhliMadya => self.ahli_madya,
            AhliUtama => self.ahli_utama,
            Pemula => self.pemula,
            Terampil => self.terampil,
            Mahir => self.mahir,
            Penyelia => self.penyelia,
        }
    }

    /// Every (kind, value) pair.
    pub fn iter(&self) -> impl Iterator<Item = (JabatanKind, T)> + '_ {
        JabatanKind::ALL.iter().map(move |k| (*k, self.get(*k)))
    }

    /// Builds a table from a function of the kind.
    pub fn from_fn(f: impl Fn(JabatanKind) -> T) -> Self {
        use JabatanKind::*;
        Self {
            jpt_utama: f(JptUtama),
            jpt_madya: f(JptMadya),
            jpt_pratama: f(JptPratama),
            administrator: f(Administrator),
            pengawas: f(Pengawas),
            pelaksana: f(Pelaksana),
            ahli_pertama: f(AhliPertama),
            ahli_muda: f(AhliMuda),
            ahli_madya: f(AhliMadya),
            ahli_utama: f(AhliUtama),
            pemula: f(Pemula),
            terampil: f(Terampil),
            mahir: f(Mahir),
            penyelia: f(Penyelia),
        }
    }
}
