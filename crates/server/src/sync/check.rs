//! The re-check of every pushed op ([`check_op`]) after [`admit_op`](super::admit_op) let it
//! through and the store compared its version and what it expects: `mutasi_core::workflow::apply`
//! (the proposal's state, the notes, the submission window, the rules on the data of the day,
//! the step's inputs), turned into the records to write. [`Checker`] runs both for one push,
//! keeping the dataset current inside the batch.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use mutasi_core::model::{Employee, Slot, UnitId};
use mutasi_core::text::Text;
use mutasi_core::wire::sync::{Op, RecordKind};
use mutasi_core::workflow::{self, preferences, Applied, MoveRecords, Reads, Taken};
use mutasi_core::{Dataset, DatasetParts};

use super::admit::{actor, admit_op, stored_proposal};
use super::visibility::visibility;
use super::{json, unreadable, OpRefusal};
use crate::db::{Checked, NewRecord, OpCheck, StoredRecord, User, Write};

/// The checks of one push for one caller: [`check_op`] on each op, with the dataset kept up to
/// date inside the batch (an inauguration changes it for the ops after it).
#[derive(Debug)]
pub struct Checker {
    user: User,
    now: DateTime<Utc>,
    generation: i64,
    ds: Mutex<Arc<Dataset>>,
}

impl Checker {
    /// Checks for `user` on `ds` (of the store's `generation`), with `now` as the time of
    /// every step of the push.
    pub fn new(user: User, ds: Arc<Dataset>, generation: i64, now: DateTime<Utc>) -> Self {
        Self {
            user,
            now,
            generation,
            ds: Mutex::new(ds),
        }
    }

    fn dataset(&self) -> Arc<Dataset> {
        self.ds
            .lock()
            .map_or_else(|e| e.into_inner().clone(), |g| g.clone())
    }
}

impl OpCheck for Checker {
    fn generation(&self) -> i64 {
        self.generation
    }

    fn admit(
        &self,
        index: usize,
        op: &Op,
        current: Option<&StoredRecord>,
    ) -> Result<(), OpRefusal> {
        admit_op(&self.user, &self.dataset(), index, op, current).map(|_| ())
    }

    fn may_see(&self, record: &StoredRecord) -> bool {
        visibility(&self.user).admits(record)
    }

    fn reads(&self, op: &Op, current: Option<&StoredRecord>) -> Vec<(RecordKind, String)> {
        Reads::wanted(&self.dataset(), op, stored_proposal(current).as_ref())
    }

    fn check(
        &self,
        index: usize,
        op: &Op,
        current: Option<&StoredRecord>,
        reads: &[Option<StoredRecord>],
    ) -> Result<Checked, OpRefusal> {
        let ds = self.dataset();
        let checked = check_op(&self.user, &ds, self.now, index, op, current, reads)?;
        if !checked.also.is_empty() {
            let next = apply_records(&ds, &checked.also).map_err(|why| OpRefusal::Invalid {
                op: op.id.clone(),
                index,
                why,
            })?;
            if let Ok(mut g) = self.ds.lock() {
                *g = Arc::new(next);
            }
        }
        Ok(checked)
    }
}

/// `ds` with employee and slot records replaced (the checks of later ops in the batch see them).
fn apply_records(ds: &Dataset, records: &[NewRecord]) -> Result<Dataset, Text> {
    let mut parts: DatasetParts = ds.parts().clone();
    for r in records {
        match r.kind {
            RecordKind::Employee => {
                let e: Employee =
                    serde_json::from_value(r.write.data.clone()).map_err(|e| unreadable(&e))?;
                if let Some(x) = parts.employees.iter_mut().find(|x| x.nip == e.nip) {
                    *x = e;
                }
            }
            RecordKind::Slot => {
                let s: Slot =
                    serde_json::from_value(r.write.data.clone()).map_err(|e| unreadable(&e))?;
                if let Some(x) = parts.slots.iter_mut().find(|x| x.id == s.id) {
                    *x = s;
                }
            }
            _ => {}
        }
    }
    Dataset::new(parts).map_err(|e| Text::same(e.to_string()))
}

/// Re-checks one op for `user` against its target record, the records it reads (see
/// [`OpCheck::reads`]) and the dataset, at `now`: admission first ([`admit_op`]), then
/// `mutasi_core::workflow::apply`; returns what to write.
pub fn check_op(
    user: &User,
    ds: &Dataset,
    now: DateTime<Utc>,
    index: usize,
    op: &Op,
    current: Option<&StoredRecord>,
    reads: &[Option<StoredRecord>],
) -> Result<Checked, OpRefusal> {
    let admitted = admit_op(user, ds, index, op, current)?;
    let reads = typed_reads(reads).map_err(|why| OpRefusal::Invalid {
        op: op.id.clone(),
        index,
        why,
    })?;
    let applied = workflow::apply(&actor(user), ds, admitted, op, now, &reads)
        .map_err(|e| OpRefusal::step(op, index, e))?;
    Ok(match applied {
        Applied::Preferences(p) => {
            // Admission found the employee's record.
            let current = current.ok_or_else(|| {
                let (kind, id) = op.change.target();
                OpRefusal::Unknown {
                    op: op.id.clone(),
                    index,
                    what: Text::same(format!("{}/{id}", kind.as_str())),
                }
            })?;
            let mut data = current.record.data.clone();
            preferences::write(&mut data, &p);
            Checked {
                write: Write {
                    data,
                    opd: current.opd.clone(),
                    nip: current.nip.clone(),
                },
                also: Vec::new(),
                nip: current.nip.clone(),
                opd: current.opd.iter().cloned().collect(),
            }
        }
        Applied::Step(taken) => step_records(ds, *taken),
    })
}

/// What a step writes: the proposal (seen by its OPD, where it comes from, else where it goes)
/// and an inauguration's records, with the audit's columns.
fn step_records(ds: &Dataset, taken: Taken) -> Checked {
    let Taken {
        proposal,
        moved,
        from_opd,
        to_opd,
    } = taken;
    let mut opd: Vec<String> = from_opd.iter().map(UnitId::to_string).collect();
    if !opd.contains(&to_opd.to_string()) {
        opd.push(to_opd.to_string());
    }
    let nip = Some(proposal.nip.to_string());
    Checked {
        write: Write {
            data: json(&proposal),
            opd: from_opd.or(Some(to_opd)).map(|o| o.to_string()),
            nip: nip.clone(),
        },
        also: moved.map(|m| moved_records(ds, m)).unwrap_or_default(),
        nip,
        opd,
    }
}

/// The employee and slot records of an inauguration, with their visibility columns.
fn moved_records(ds: &Dataset, moved: MoveRecords) -> Vec<NewRecord> {
    let opd_of = |slot| ds.slot_idx(slot).map(|s| ds.slot_opd(s).id.to_string());
    let nip = Some(moved.employee.nip.to_string());
    let mut out = vec![NewRecord {
        kind: RecordKind::Employee,
        id: moved.employee.nip.to_string(),
        write: Write {
            data: json(&moved.employee),
            opd: opd_of(&moved.filled.id),
            nip: nip.clone(),
        },
    }];
    if let Some(v) = &moved.vacated {
        out.push(NewRecord {
            kind: RecordKind::Slot,
            id: v.id.to_string(),
            write: Write {
                data: json(v),
                opd: opd_of(&v.id),
                nip: None,
            },
        });
    }
    out.push(NewRecord {
        kind: RecordKind::Slot,
        id: moved.filled.id.to_string(),
        write: Write {
            data: json(&moved.filled),
            opd: opd_of(&moved.filled.id),
            nip,
        },
    });
    out
}

/// The stored records an inauguration read, typed.
fn typed_reads(reads: &[Option<StoredRecord>]) -> Result<Reads, Text> {
    let mut out = Reads::default();
    for r in reads.iter().flatten().filter(|r| !r.record.data.is_null()) {
        let data = r.record.data.clone();
        match r.record.kind {
            RecordKind::Employee => {
                out.employee = Some(serde_json::from_value(data).map_err(|e| unreadable(&e))?)
            }
            RecordKind::Slot => out
                .slots
                .push(serde_json::from_value(data).map_err(|e| unreadable(&e))?),
            _ => {}
        }
    }
    Ok(out)
}
