//! An employee's preferences (`set_preferences`): how many they may state ([`check`]) and how
//! they are written into the employee record ([`write()`]), the same on the server and in the
//! device's optimistic copy.

use super::StepError;
use crate::model::Preferences;
use crate::Dataset;

/// Most preferred units (a limit of the system, not a rule).
pub const MAX_UNITS: usize = 20;
/// Most preferred kecamatan (there are 18 in Palembang).
pub const MAX_KECAMATAN: usize = 18;
/// Most preferred fields.
pub const MAX_FIELDS: usize = 20;

/// Whether `p` may be stated: within the limits, every unit named exists in `ds`.
pub fn check(ds: &Dataset, p: &Preferences) -> Result<(), StepError> {
    if p.units.len() > MAX_UNITS || p.kecamatan.len() > MAX_KECAMATAN || p.fields.len() > MAX_FIELDS
    {
        return Err(StepError::TooManyPreferences);
    }
    match p.units.iter().find(|u| ds.unit(u).is_none()) {
        Some(u) => Err(StepError::UnknownUnit(u.clone())),
        None => Ok(()),
    }
}

/// Writes `p` into an employee record's JSON `data`, leaving every other field as stored.
pub fn write(data: &mut serde_json::Value, p: &Preferences) {
    if let Some(object) = data.as_object_mut() {
        object.insert(
            "preferences".into(),
            serde_json::to_value(p).unwrap_or_default(),
        );
    }
}
