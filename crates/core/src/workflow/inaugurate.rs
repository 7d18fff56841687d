//! What an inauguration (pelantikan) does to the records ([`inaugurate`]): the employee takes
//! the new post, the old one goes into their history, the post left becomes vacant and the
//! post taken is held definitively ([`MoveRecords`]).

use chrono::NaiveDate;

use super::StepError;
use crate::model::{CurrentPost, Employee, HoldKind, Holder, PastPost, Period, Slot};
use crate::{Dataset, DatasetParts};

/// The records an inauguration writes: the employee with the new post (the old one moved to
/// the history), the slot left (vacant now) and the slot taken (held definitively).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveRecords {
    /// The employee after the move.
    pub employee: Employee,
    /// The slot left, if the employee held one.
    pub vacated: Option<Slot>,
    /// The slot taken.
    pub filled: Slot,
}

impl MoveRecords {
    /// Writes these records into `parts`, as the server stores them (the employee and both
    /// slots replaced by id).
    pub fn apply(&self, parts: &mut DatasetParts) {
        for emp in parts
            .employees
            .iter_mut()
            .filter(|e| e.nip == self.employee.nip)
        {
            *emp = self.employee.clone();
        }
        for s in parts.slots.iter_mut() {
            if s.id == self.filled.id {
                *s = self.filled.clone();
            } else if let Some(v) = self.vacated.as_ref().filter(|v| v.id == s.id) {
                *s = v.clone();
            }
        }
    }
}

/// What the inauguration of `employee` into `to` on `on` does to the records. `from` is the
/// slot the employee holds now (as stored: it must be their current post); `ds` supplies the
/// positions (reference data) for the history entry.
pub fn inaugurate(
    ds: &Dataset,
    employee: &Employee,
    from: Option<&Slot>,
    to: &Slot,
    on: NaiveDate,
) -> Result<MoveRecords, StepError> {
    if let Some(h) = to.holder.as_ref() {
        if h.kind == HoldKind::Definitive && h.nip.as_ref() != Some(&employee.nip) {
            return Err(StepError::HeldByOther {
                slot: to.id.clone(),
                nip: h.nip.clone(),
            });
        }
    }
    let mut moved = employee.clone();
    let vacated = match (&employee.current, from) {
        (None, None) => None,
        (Some(cur), Some(old)) if cur.slot == old.id => {
            if cur.slot == to.id {
                return Err(StepError::AlreadyHolds);
            }
            let not_after = StepError::NotAfterTmt {
                on,
                since: cur.since,
            };
            if on <= cur.since {
                return Err(not_after);
            }
            let pos = ds
                .position(&old.position)
                .ok_or_else(|| StepError::UnknownPosition(old.position.to_string()))?;
            let end = on.pred_opt().unwrap_or(on);
            let period = Period::new(cur.since, end).map_err(|_| not_after)?;
            moved.history.push(PastPost {
                title: pos.name.clone(),
                unit: old.unit.clone(),
                kind: pos.kind,
                field: pos.field,
                special: pos.special,
                profession: pos.profession,
                period,
            });
            let mut left = old.clone();
            left.holder = None;
            Some(left)
        }
        _ => return Err(StepError::PostChanged),
    };
    moved.current = Some(CurrentPost {
        slot: to.id.clone(),
        since: on,
    });
    let mut filled = to.clone();
    filled.holder = Some(Holder {
        nip: Some(employee.nip.clone()),
        kind: HoldKind::Definitive,
        since: on,
    });
    Ok(MoveRecords {
        employee: moved,
        vacated,
        filled,
    })
}
