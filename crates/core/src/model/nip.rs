//! The NIP (Nomor Induk Pegawai), an 18-digit identifier with embedded facts.
//!
//! Layout: birth date `YYYYMMDD`, TMT CPNS `YYYYMM`, sex digit (1 male, 2 female), 3-digit
//! serial. A [`Nip`] can only hold a value whose embedded dates exist.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Sex as recorded in the NIP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    /// Digit 1.
    Male,
    /// Digit 2.
    Female,
}

/// Why a string is not a valid NIP.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NipError {
    /// Not exactly 18 ASCII digits.
    #[error("NIP harus 18 digit angka / NIP must be 18 digits, got {0:?}")]
    Format(String),
    /// The birth date `YYYYMMDD` does not exist.
    #[error("tanggal lahir dalam NIP tidak valid / impossible birth date in NIP {0}")]
    BirthDate(String),
    /// The TMT CPNS `YYYYMM` does not exist or precedes the birth date.
    #[error("TMT CPNS dalam NIP tidak valid / impossible TMT CPNS in NIP {0}")]
    CpnsMonth(String),
    /// The sex digit is neither 1 nor 2.
    #[error("digit jenis kelamin NIP harus 1 atau 2 / sex digit must be 1 or 2 in NIP {0}")]
    Sex(String),
}

/// A validated NIP.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nip(String);

impl Nip {
    /// Parses and validates an 18-digit NIP.
    pub fn parse(s: &str) -> Result<Self, NipError> {
        let s = s.trim();
        if s.len() != 18 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NipError::Format(s.to_string()));
        }
        let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
        let birth = NaiveDate::from_ymd_opt(num(0..4) as i32, num(4..6), num(6..8))
            .ok_or_else(|| NipError::BirthDate(s.to_string()))?;
        let cpns = NaiveDate::from_ymd_opt(num(8..12) as i32, num(12..14), 1)
            .ok_or_else(|| NipError::CpnsMonth(s.to_string()))?;
        // Nobody enters service before the age of 15.
        if cpns < crate::text::add_months(birth, 15 * 12) {
            return Err(NipError::CpnsMonth(s.to_string()));
        }
        if !matches!(&s[14..15], "1" | "2") {
            return Err(NipError::Sex(s.to_string()));
        }
        Ok(Self(s.to_string()))
    }

    /// Builds a NIP from its parts; fails like [`Nip::parse`].
    pub fn from_parts(
        birth: NaiveDate,
        cpns: NaiveDate,
        sex: Sex,
        serial: u16,
    ) -> Result<Self, NipError> {
        use chrono::Datelike;
        let digit = match sex {
            Sex::Male => 1,
            Sex::Female => 2,
        };
        Self::parse(&format!(
            "{:04}{:02}{:02}{:04}{:02}{}{:03}",
            birth.year(),
            birth.month(),
            birth.day(),
            cpns.year(),
            cpns.month(),
            digit,
            serial % 1000
        ))
    }

    /// The 18 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn num(&self, r: std::ops::Range<usize>) -> u32 {
        self.0[r].parse().unwrap_or(1)
    }

    /// Birth date embedded in the NIP.
    pub fn birth_date(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.num(0..4) as i32, self.num(4..6), self.num(6..8))
            .unwrap_or_default()
    }

    /// TMT CPNS (first day of the embedded month).
    pub fn cpns_month(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.num(8..12) as i32, self.num(12..14), 1).unwrap_or_default()
    }

    /// Sex embedded in the NIP.
    pub fn sex(&self) -> Sex {
        if &self.0[14..15] == "1" {
            Sex::Male
        } else {
            Sex::Female
        }
    }
}

impl FromStr for Nip {
    type Err = NipError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Nip {
    type Error = NipError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Nip> for String {
    fn from(n: Nip) -> String {
        n.0
    }
}

impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, ok: bool) {
        assert_eq!(Nip::parse(input).is_ok(), ok, "{input}");
    }

    #[test]
    fn nip_validation_table() {
        check("198503122010011003", true);
        check("198502292010011003", false); // 29 Feb 1985 does not exist
        check("198503122010131003", false); // month 13
        check("198503122010013003", false); // sex digit 3
        check("19850312201001100", false); // 17 digits
        check("19850312201001100a", false);
        check("198503121995011003", false); // CPNS at age 9
        check("200002292024062001", true); // 29 Feb 2000 exists
    }

    #[test]
    fn accessors_read_embedded_facts() {
        let n = Nip::parse("198503122010011003").unwrap();
        assert_eq!(
            n.birth_date(),
            NaiveDate::from_ymd_opt(1985, 3, 12).unwrap()
        );
        assert_eq!(n.cpns_month(), NaiveDate::from_ymd_opt(2010, 1, 1).unwrap());
        assert_eq!(n.sex(), Sex::Male);
        let json = serde_json::to_string(&n).unwrap();
        assert_eq!(serde_json::from_str::<Nip>(&json).unwrap(), n);
        assert!(serde_json::from_str::<Nip>("\"198502292010011003\"").is_err());
    }
}
