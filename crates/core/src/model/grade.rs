//! Ranks, levels and small closed vocabularies: [`Golongan`], [`EmployeeStatus`],
//! [`EducationLevel`], [`Predikat`], [`SanctionLevel`], [`Level`], [`JabatanKind`], [`Eselon`].

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A value outside a closed vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("nilai tidak dikenal untuk {what}: {value:?} / unknown {what}: {value:?}")]
pub struct ParseVocabError {
    /// Which vocabulary.
    pub what: &'static str,
    /// The rejected input.
    pub value: String,
}

fn vocab_err(what: &'static str, value: &str) -> ParseVocabError {
    ParseVocabError {
        what,
        value: value.to_string(),
    }
}

/// Pangkat/golongan ruang, I/a … IV/e (17 grades), ordered from lowest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Golongan(u8);

const GOLONGAN_NAMES: [&str; 17] = [
    "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d",
    "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
];

impl Golongan {
    /// All 17 grades, lowest first.
    pub fn all() -> impl Iterator<Item = Golongan> {
        (0..17).map(Golongan)
    }
    /// Grade from its index 0 (I/a) … 16 (IV/e).
    pub fn from_index(i: u8) -> Option<Self> {
        (i < 17).then_some(Self(i))
    }
    /// Index 0 (I/a) … 16 (IV/e).
    pub fn index(self) -> u8 {
        self.0
    }
    /// The next grade up, if any.
    pub fn next(self) -> Option<Self> {
        Self::from_index(self.0 + 1)
    }
    /// Shorthand for tests and tables: `Golongan::parse("III/a")`.
    pub fn parse(s: &str) -> Result<Self, ParseVocabError> {
        s.parse()
    }
    /// Lowest grade, I/a.
    pub const MIN: Golongan = Golongan(0);
    /// Highest grade, IV/e.
    pub const MAX: Golongan = Golongan(16);
}

impl fmt::Display for Golongan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(GOLONGAN_NAMES[self.0 as usize])
    }
}

impl FromStr for Golongan {
    type Err = ParseVocabError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().replace(' ', "");
        GOLONGAN_NAMES
            .iter()
            .position(|n| n.eq_ignore_ascii_case(&t))
            .map(|i| Golongan(i as u8))
            .ok_or_else(|| vocab_err("golongan", s))
    }
}

impl TryFrom<String> for Golongan {
    type Error = ParseVocabError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Golongan> for String {
    fn from(g: Golongan) -> String {
        g.to_string()
    }
}

macro_rules! vocab {
    ($(#[$m:meta])* $name:ident, $what:literal, { $($(#[$vm:meta])* $var:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $text)] $var),+ }
        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            /// The official label.
            pub fn label(self) -> &'static str { match self { $($name::$var => $text),+ } }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.label()) }
        }
        impl FromStr for $name {
            type Err = ParseVocabError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let t = s.trim();
                $name::ALL.iter().copied().find(|v| v.label().eq_ignore_ascii_case(t)).ok_or_else(|| $crate::model::ParseVocabError { what: $what, value: s.to_string() })
            }
        }
    };
}
pub(crate) use vocab;

vocab!(
    /// Employment status: PNS, PPPK, or CPNS on probation.
    EmployeeStatus, "status", {
    /// Civil servant.
    Pns => "PNS",
    /// Government employee with a work agreement.
    Pppk => "PPPK",
    /// PNS candidate on a 1-year probation.
    Cpns => "CPNS",
});

vocab!(
    /// Education level, ordered from lowest.
    EducationLevel, "jenjang pendidikan", {
    /// Sekolah Dasar.
    Sd => "SD",
    /// Sekolah Menengah Pertama.
    Smp => "SMP",
    /// SMA/SMK.
    Sma => "SMA/SMK",
    /// Diploma I.
    D1 => "D-I",
    /// Diploma II.
    D2 => "D-II",
    /// Diploma III.
    D3 => "D-III",
    /// Diploma IV or Sarjana.
    S1 => "D-IV/S1",
    /// Magister.
    S2 => "S2",
    /// Doktor.
    S3 => "S3",
});

vocab!(
    /// SKP performance predikat (PermenPANRB 6/2022), best first.
    Predikat, "predikat SKP", {
    /// Above expectation on both ratings.
    SangatBaik => "Sangat Baik",
    /// As expected (or mixed above/as).
    Baik => "Baik",
    /// Work results below expectation.
    ButuhPerbaikan => "Butuh Perbaikan",
    /// Behaviour below expectation.
    Kurang => "Kurang",
    /// Both below expectation.
    SangatKurang => "Sangat Kurang",
});

/// A rating of work results or behaviour against expectation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rating {
    /// Di atas ekspektasi.
    Above,
    /// Sesuai ekspektasi.
    As,
    /// Di bawah ekspektasi.
    Below,
}

impl Predikat {
    /// Predikat from rating hasil kerja × rating perilaku (DOMAIN.md §1 mapping).
    pub fn from_ratings(hasil: Rating, perilaku: Rating) -> Self {
        use Rating::*;
        match (hasil, perilaku) {
            (Above, Above) => Predikat::SangatBaik,
            (Below, Below) => Predikat::SangatKurang,
            (Below, _) => Predikat::ButuhPerbaikan,
            (_, Below) => Predikat::Kurang,
            _ => Predikat::Baik,
        }
    }
}

vocab!(
    /// Disciplinary sanction level (PP 94/2021).
    SanctionLevel, "tingkat hukuman disiplin", {
    /// Warnings, statement of dissatisfaction.
    Ringan => "ringan",
    /// Allowance cut 25% for 6, 9 or 12 months.
    Sedang => "sedang",
    /// Demotion, move to pelaksana, or dismissal.
    Berat => "berat",
});

vocab!(
    /// Kind of position (jabatan) and its level.
    JabatanKind, "jenis jabatan", {
    /// JPT Utama (≈ eselon I.a).
    JptUtama => "JPT Utama",
    /// JPT Madya (≈ eselon I).
    JptMadya => "JPT Madya",
    /// JPT Pratama (≈ eselon II).
    JptPratama => "JPT Pratama",
    /// Administrator (≈ eselon III).
    Administrator => "Administrator",
    /// Pengawas (≈ eselon IV).
    Pengawas => "Pengawas",
    /// Pelaksana (clerk, operator, technician).
    Pelaksana => "Pelaksana",
    /// JF keahlian, Ahli Pertama.
    AhliPertama => "Ahli Pertama",
    /// JF keahlian, Ahli Muda.
    AhliMuda => "Ahli Muda",
    /// JF keahlian, Ahli Madya.
    AhliMadya => "Ahli Madya",
    /// JF keahlian, Ahli Utama.
    AhliUtama => "Ahli Utama",
    /// JF keterampilan, Pemula.
    Pemula => "Pemula",
    /// JF keterampilan, Terampil.
    Terampil => "Terampil",
    /// JF keterampilan, Mahir.
    Mahir => "Mahir",
    /// JF keterampilan, Penyelia.
    Penyelia => "Penyelia",
});

impl JabatanKind {
    /// JPT of any level.
    pub fn is_jpt(self) -> bool {
        matches!(self, Self::JptUtama | Self::JptMadya | Self::JptPratama)
    }
    /// JPT, Administrator or Pengawas (a leadership post).
    pub fn is_structural(self) -> bool {
        self.is_jpt() || matches!(self, Self::Administrator | Self::Pengawas)
    }
    /// A jabatan fungsional (keahlian or keterampilan).
    pub fn is_functional(self) -> bool {
        !self.is_structural() && self != Self::Pelaksana
    }
    /// The next step up the same ladder, if any.
    pub fn next_up(self) -> Option<Self> {
        use JabatanKind::*;
        Some(match self {
            Pelaksana => Pengawas,
            Pengawas => Administrator,
            Administrator => JptPratama,
            JptPratama => JptMadya,
            JptMadya => JptUtama,
            AhliPertama => AhliMuda,
            AhliMuda => AhliMadya,
            AhliMadya => AhliUtama,
            Pemula => Terampil,
            Terampil => Mahir,
            Mahir => Penyelia,
            JptUtama | AhliUtama | Penyelia => return None,
        })
    }
    /// Index into per-kind tables (0..14).
    pub fn index(self) -> usize {
        self as usize
    }
}

vocab!(
    /// Eselon of a structural post.
    Eselon, "eselon", {
    /// I.a.
    Ia => "I.a",
    /// I.b.
    Ib => "I.b",
    /// II.a.
    IIa => "II.a",
    /// II.b.
    IIb => "II.b",
    /// III.a.
    IIIa => "III.a",
    /// III.b.
    IIIb => "III.b",
    /// IV.a.
    IVa => "IV.a",
    /// IV.b.
    IVb => "IV.b",
});

/// A competency level 1–5 (PermenPANRB 38/2017).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Level(u8);

impl Level {
    /// A level if `v` is 1..=5.
    pub fn new(v: u8) -> Option<Self> {
        (1..=5).contains(&v).then_some(Self(v))
    }
    /// The value 1..=5.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Level {
    type Error = ParseVocabError;
    fn try_from(v: u8) -> Result<Self, Self::Error> {
        Self::new(v).ok_or_else(|| vocab_err("level kompetensi (1-5)", &v.to_string()))
    }
}

impl From<Level> for u8 {
    fn from(l: Level) -> u8 {
        l.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golongan_has_17_grades_and_round_trips() {
        assert_eq!(Golongan::all().count(), 17);
        for g in Golongan::all() {
            assert_eq!(g.to_string().parse::<Golongan>().unwrap(), g);
        }
        assert!(Golongan::parse("III/a").unwrap() < Golongan::parse("III/b").unwrap());
        assert!(Golongan::parse("V/a").is_err());
        assert!(serde_json::from_str::<Golongan>("\"IV/f\"").is_err());
    }

    #[test]
    fn predikat_mapping_table() {
        use Rating::*;
        let cases = [
            (Above, Above, Predikat::SangatBaik),
            (Above, As, Predikat::Baik),
            (As, As, Predikat::Baik),
            (Below, As, Predikat::ButuhPerbaikan),
            (As, Below, Predikat::Kurang),
            (Below, Below, Predikat::SangatKurang),
        ];
        for (h, p, want) in cases {
            assert_eq!(Predikat::from_ratings(h, p), want);
        }
    }

    #[test]
    fn levels_and_education_are_validated() {
        assert!(Level::new(0).is_none() && Level::new(6).is_none() && Level::new(3).is_some());
        assert!(serde_json::from_str::<Level>("7").is_err());
        assert!(EducationLevel::S1 > EducationLevel::D3);
        assert_eq!(
            "D-IV/S1".parse::<EducationLevel>().unwrap(),
            EducationLevel::S1
        );
    }
}
