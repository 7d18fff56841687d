//! String identifiers of units, positions and slots ([`UnitId`], [`PositionId`], [`SlotId`]),
//! and the dense indexes used by hot loops ([`EmployeeIdx`], [`SlotIdx`]).

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! string_id {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);
        impl $name {
            /// A non-empty id without surrounding spaces.
            pub fn new(s: impl Into<String>) -> Result<Self, IdError> {
                let s = s.into();
                if s.is_empty() || s.trim() != s || s.len() > 64 {
                    Err(IdError(s))
                } else {
                    Ok(Self(s))
                }
            }
            /// The id text.
            pub fn as_str(&self) -> &str { &self.0 }
        }
        impl std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> { Self::new(s) }
        }
        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, IdError> { Self::new(s) }
        }
        impl From<$name> for String {
            fn from(i: $name) -> String { i.0 }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(&self.0) }
        }
    };
}

/// An empty, padded or over-long id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("id tidak valid (kosong, berspasi di tepi, atau > 64 karakter) / invalid id: {0:?}")]
pub struct IdError(pub String);

string_id!(
    /// Identifier of a unit, e.g. `DISDIK`, `SDN-012`.
    UnitId
);
string_id!(
    /// Identifier of a position (jabatan), e.g. `GURU-SD-AHLI-PERTAMA`.
    PositionId
);
string_id!(
    /// Identifier of a slot (one seat of a position in a unit), e.g. `SDN-012/KEPSEK`.
    SlotId
);

/// Index of an employee in [`crate::Dataset::employees`].
pub type EmployeeIdx = u32;
/// Index of a slot in [`crate::Dataset::slots`].
pub type SlotIdx = u32;
