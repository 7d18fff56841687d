//! Outcomes of units over time, the evidence an impact evaluation compares
//! (`crate::evaluation`): for schools the Rapor Pendidikan indicators, for service units the
//! community satisfaction index (SKM/IKM), complaints and service time. One
//! [`OutcomeRecord`] per unit, year and [`Indicator`]; loaded from the workbook's `capaian`
//! sheet (`docs/WORKBOOK.md`).

use super::UnitId;
use crate::evaluation::Direction;
use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An outcome indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Indicator {
    /// Rapor Pendidikan: literacy (kemampuan literasi), score 0–100.
    Literasi,
    /// Rapor Pendidikan: numeracy (kemampuan numerasi), score 0–100.
    Numerasi,
    /// Rapor Pendidikan: school safety climate (iklim keamanan sekolah), 0–100.
    IklimKeamanan,
    /// Rapor Pendidikan: diversity climate (iklim kebinekaan), 0–100.
    IklimKebinekaan,
    /// Rapor Pendidikan: quality of learning (kualitas pembelajaran), 0–100.
    KualitasPembelajaran,
    /// Community satisfaction index (SKM/IKM, PermenPANRB 14/2017), 0–100.
    Ikm,
    /// Complaints received in the year (count).
    Pengaduan,
    /// Average service time in days.
    WaktuLayanan,
}

impl Indicator {
    /// Every indicator, in sheet order.
    pub const ALL: [Indicator; 8] = [
        Self::Literasi,
        Self::Numerasi,
        Self::IklimKeamanan,
        Self::IklimKebinekaan,
        Self::KualitasPembelajaran,
        Self::Ikm,
        Self::Pengaduan,
        Self::WaktuLayanan,
    ];

    /// The code written in the sheet's `INDIKATOR` column.
    pub fn code(self) -> &'static str {
        match self {
            Self::Literasi => "LITERASI",
            Self::Numerasi => "NUMERASI",
            Self::IklimKeamanan => "IKLIM_KEAMANAN",
            Self::IklimKebinekaan => "IKLIM_KEBINEKAAN",
            Self::KualitasPembelajaran => "KUALITAS_PEMBELAJARAN",
            Self::Ikm => "IKM",
            Self::Pengaduan => "PENGADUAN",
            Self::WaktuLayanan => "WAKTU_LAYANAN",
        }
    }

    /// The indicator's name.
    pub fn name(self) -> Text {
        let (id, en) = match self {
            Self::Literasi => ("Literasi", "Literacy"),
            Self::Numerasi => ("Numerasi", "Numeracy"),
            Self::IklimKeamanan => ("Iklim keamanan sekolah", "School safety climate"),
            Self::IklimKebinekaan => ("Iklim kebinekaan", "Diversity climate"),
            Self::KualitasPembelajaran => ("Kualitas pembelajaran", "Quality of learning"),
            Self::Ikm => ("Indeks kepuasan masyarakat", "Community satisfaction index"),
            Self::Pengaduan => ("Jumlah pengaduan", "Complaints"),
            Self::WaktuLayanan => ("Waktu layanan (hari)", "Service time (days)"),
        };
        Text::new(id, en)
    }

    /// Which way the indicator improves.
    pub fn direction(self) -> Direction {
        match self {
            Self::Pengaduan | Self::WaktuLayanan => Direction::LowerIsBetter,
            _ => Direction::HigherIsBetter,
        }
    }

    /// The largest value the indicator can take (`None`: no upper bound); the lowest is 0.
    pub fn max(self) -> Option<f64> {
        match self {
            Self::Pengaduan | Self::WaktuLayanan => None,
            _ => Some(100.0),
        }
    }

    /// Whether it is a Rapor Pendidikan indicator (a school's).
    pub fn is_school(self) -> bool {
        matches!(
            self,
            Self::Literasi
                | Self::Numerasi
                | Self::IklimKeamanan
                | Self::IklimKebinekaan
                | Self::KualitasPembelajaran
        )
    }
}

impl fmt::Display for Indicator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Indicator {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|i| i.code().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                let all: Vec<&str> = Self::ALL.iter().map(|i| i.code()).collect();
                format!(
                    "indikator tidak dikenal; pilihan / choices: {}",
                    all.join(", ")
                )
            })
    }
}

/// One observed value of an indicator for a unit in a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomeRecord {
    /// The unit (a school, a service unit).
    pub unit: UnitId,
    /// The year the value describes (for Rapor Pendidikan, the year of the report).
    pub year: i32,
    /// The indicator.
    pub indicator: Indicator,
    /// The value.
    pub value: f64,
}

impl OutcomeRecord {
    /// The id of its synced record: `unit|year|INDICATOR` (one value per unit, year and
    /// indicator, as the `capaian` sheet allows).
    pub fn record_id(&self) -> String {
        format!("{}|{}|{}", self.unit, self.year, self.indicator.code())
    }
}
