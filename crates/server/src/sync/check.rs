//! The re-check of every pushed op ([`check_op`]) after [`admit_op`](super::admit_op) let it
//! through and the store compared its version: the proposal's state, the reason, the
//! submission window, the rules on the data of the day, and what the step writes. [`Checker`]
//! runs both for one push, keeping the dataset current inside the batch.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDate, Utc};
use mutasi_core::model::{Employee, Preferences, Slot, SlotId};
use mutasi_core::text::Text;
use mutasi_core::wire::sync::{Change, Op, Proposal, ProposalEvent, RecordKind, Refusal, SkRef};
use mutasi_core::workflow::{self, Step, MIN_REASON_CHARS};
use mutasi_core::{Dataset, DatasetParts};

use super::admit::{admit_op, Admitted, AdmittedStep};
use super::visibility::visibility;
use super::{employee_text, json, slot_text, unreadable, OpRefusal};
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
        let Change::Inaugurate { .. } = op.change else {
            return Vec::new();
        };
        let Some(p) =
            current.and_then(|c| serde_json::from_value::<Proposal>(c.record.data.clone()).ok())
        else {
            return Vec::new();
        };
        let ds = self.dataset();
        let mut out = vec![
            (RecordKind::Employee, p.nip.to_string()),
            (RecordKind::Slot, p.slot.to_string()),
        ];
        if let Some(from) = ds
            .employee_idx(&p.nip)
            .and_then(|e| ds.employee_slot(e))
            .map(|s| ds.slots()[s as usize].id.to_string())
        {
            out.push((RecordKind::Slot, from));
        }
        out
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
/// [`OpCheck::reads`]) and the dataset, at `now`: admission first ([`admit_op`]), then the
/// state, the reason, the date and the rules.
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
    let invalid = |why: Text| OpRefusal::Invalid {
        op: op.id.clone(),
        index,
        why,
    };
    // Every op's notes go into the record and the audit: a paragraph, not a document.
    if let Some(notes) = op.reason.as_deref() {
        workflow::notes_length(notes.trim()).map_err(&invalid)?;
    }
    let step = match admitted {
        Admitted::Preferences => return preferences(ds, op, current, index),
        Admitted::Step(step) => *step,
    };
    let AdmittedStep {
        step,
        mut record,
        from,
        from_opd,
        to_opd,
    } = step;
    let to = workflow::transition(from, step).map_err(|e| invalid(e.0))?;

    // Why.
    let reason = op.reason.as_deref().map(str::trim).unwrap_or("");
    if matches!(step, Step::Propose | Step::Revise) {
        if reason.chars().count() < MIN_REASON_CHARS {
            return Err(invalid(Text::new(
                format!(
                    "setiap mutasi wajib menyatakan alasannya (minimal {MIN_REASON_CHARS} karakter)"
                ),
                format!(
                    "every move must state its reason (at least {MIN_REASON_CHARS} characters)"
                ),
            )));
        }
        record.reason = reason.to_string();
    } else if step.needs_reason() && reason.is_empty() {
        return Err(invalid(Text::new(
            "langkah ini wajib beralasan atau bercatatan",
            "this step needs a reason or notes",
        )));
    }

    // When.
    let today = now.date_naive();
    if step == Step::Submit {
        workflow::submission_window(today, ds.rules()).map_err(invalid)?;
    }

    // The rules again, with the data of the day.
    if step.rechecks() {
        workflow::recheck(ds, &record.nip, &record.slot, record.tmt, &record.overrides).map_err(
            |verdicts| {
                OpRefusal::Rules(Refusal {
                    op: op.id.clone(),
                    index,
                    verdicts,
                })
            },
        )?;
    }

    // What the step records.
    let mut also = Vec::new();
    match &op.change {
        Change::DecideProposal { .. } => record.decided_by = Some(user.username.clone()),
        Change::IssueSk { number, date, .. } => {
            let number = number.trim();
            if number.is_empty() || number.chars().count() > 100 {
                return Err(invalid(Text::new(
                    "nomor SK wajib diisi (maksimal 100 karakter)",
                    "the SK number is required (at most 100 characters)",
                )));
            }
            record.sk = Some(SkRef {
                number: number.to_string(),
                date: *date,
            });
        }
        Change::Inaugurate { on, .. } => {
            workflow::inauguration_date(*on, record.sk.as_ref().map(|sk| sk.date))
                .map_err(invalid)?;
            also = inauguration_records(ds, &record, *on, reads).map_err(invalid)?;
            record.inaugurated_on = Some(*on);
        }
        _ => {}
    }
    record.status = to;
    record.history.push(ProposalEvent {
        action: op.change.action().to_string(),
        from,
        to,
        by: user.username.clone(),
        role: user.role,
        at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        reason: (!reason.is_empty()).then(|| reason.to_string()),
    });
    let mut opd: Vec<String> = from_opd.iter().cloned().collect();
    if !opd.contains(&to_opd) {
        opd.push(to_opd.clone());
    }
    let nip = Some(record.nip.to_string());
    Ok(Checked {
        write: Write {
            data: serde_json::to_value(&record).unwrap_or_default(),
            opd: from_opd.or(Some(to_opd)),
            nip: nip.clone(),
        },
        also,
        nip,
        opd,
    })
}

/// The employee's own preferences (admitted): the units named must exist.
fn preferences(
    ds: &Dataset,
    op: &Op,
    current: Option<&StoredRecord>,
    index: usize,
) -> Result<Checked, OpRefusal> {
    let unknown = |what: Text| OpRefusal::Unknown {
        op: op.id.clone(),
        index,
        what,
    };
    let Change::SetPreferences { nip, preferences } = &op.change else {
        return Err(unknown(Text::new(
            "perubahan tidak dikenal",
            "unknown change",
        )));
    };
    let current = current.ok_or_else(|| unknown(employee_text(nip)))?;
    check_preferences(ds, preferences).map_err(&unknown)?;
    let mut data = current.record.data.clone();
    data["preferences"] = serde_json::to_value(preferences).unwrap_or_default();
    Ok(Checked {
        write: Write {
            data,
            opd: current.opd.clone(),
            nip: current.nip.clone(),
        },
        also: Vec::new(),
        nip: current.nip.clone(),
        opd: current.opd.iter().cloned().collect(),
    })
}

/// The employee and slot records an inauguration writes, from the stored records it read
/// (`reads`: the employee, the target slot, the slot held now).
fn inauguration_records(
    ds: &Dataset,
    p: &Proposal,
    on: NaiveDate,
    reads: &[Option<StoredRecord>],
) -> Result<Vec<NewRecord>, Text> {
    let stored = |kind: RecordKind, id: &str| {
        reads
            .iter()
            .flatten()
            .find(|r| r.record.kind == kind && r.record.id == id)
    };
    let parse_err = |e: serde_json::Error| unreadable(&e);
    let emp_rec =
        stored(RecordKind::Employee, p.nip.as_str()).ok_or_else(|| employee_text(&p.nip))?;
    let employee: Employee =
        serde_json::from_value(emp_rec.record.data.clone()).map_err(parse_err)?;
    let to: Slot = serde_json::from_value(
        stored(RecordKind::Slot, p.slot.as_str())
            .ok_or_else(|| slot_text(&p.slot))?
            .record
            .data
            .clone(),
    )
    .map_err(parse_err)?;
    let from: Option<Slot> = match &employee.current {
        None => None,
        Some(c) => match stored(RecordKind::Slot, c.slot.as_str()) {
            Some(r) => Some(serde_json::from_value(r.record.data.clone()).map_err(parse_err)?),
            None => {
                return Err(Text::new(
                    "jabatan sekarang pegawai berubah sejak data dimuat; kirim ulang",
                    "the employee's current post changed since the data was loaded; push again",
                ))
            }
        },
    };
    let moved = workflow::inaugurate(ds, &employee, from.as_ref(), &to, on)?;
    let opd_of = |slot: &SlotId| ds.slot_idx(slot).map(|s| ds.slot_opd(s).id.to_string());
    let nip = Some(employee.nip.to_string());
    let mut out = vec![NewRecord {
        kind: RecordKind::Employee,
        id: employee.nip.to_string(),
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
    Ok(out)
}

fn check_preferences(ds: &Dataset, p: &Preferences) -> Result<(), Text> {
    if p.units.len() > 20 || p.kecamatan.len() > 18 || p.fields.len() > 20 {
        return Err(Text::new(
            "terlalu banyak preferensi",
            "too many preferences",
        ));
    }
    match p.units.iter().find(|u| ds.unit(u).is_none()) {
        Some(u) => Err(Text::same(format!("unit {u}"))),
        None => Ok(()),
    }
}
