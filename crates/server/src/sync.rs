//! The server side of sync: who may see what ([`visibility`]), the re-check of every pushed
//! change with `mutasi-core` ([`Checker`], [`check_op`]), and the bridge between a [`Dataset`]
//! and the stored records ([`dataset_records`], [`DatasetCache`]).
//!
//! **Invariant:** the checks are pure functions of the caller, the clock reading taken once per
//! push, the op, the records it targets and reads, and the dataset; the store runs them inside
//! the push's transaction, after the version check.
//!
//! The mutation workflow (`mutasi_core::workflow`): every step is one op on the proposal record
//! (so a step taken offline on a proposal that moved on meanwhile is a 409 conflict). Desks map
//! onto roles as follows, checked here on every op:
//!
//! | desk | who |
//! |---|---|
//! | proposer (draft, revise, submit) | a planner whose scope holds the employee's OPD and the target's; the employee, for their own request |
//! | BKPSDM (file check, SK, inauguration) | a planner with city scope |
//! | Baperjakat (review) | an approver |
//! | PPK (decision) | an approver other than the one who recorded the review |
//!
//! Submitting needs a submission month (`RuleSet::submission_months`, on the server's date);
//! forward steps re-check the rules on the planned TMT; each step appends a
//! [`ProposalEvent`] (who, role, when, why) to the record's history, which the employee it is
//! about pulls. An inauguration writes the employee and both slots too, in the same transaction.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDate, Utc};
use mutasi_core::model::{Employee, Preferences, Slot, SlotId};
use mutasi_core::text::Text;
use mutasi_core::wire::auth::{Role, Scope};
use mutasi_core::wire::sync::{
    Change, Op, Proposal, ProposalEvent, ProposalSource, ProposalStatus, RecordKind, Refusal, SkRef,
};
use mutasi_core::workflow::{self, Desk, Step, MIN_REASON_CHARS};
use mutasi_core::{Dataset, DatasetParts};
use tokio::sync::RwLock;

use crate::db::{
    Checked, NewRecord, OpCheck, Storage, StoreError, StoredRecord, User, Visibility, Write,
};

/// Why a pushed op was refused (nothing of its batch is applied).
#[derive(Debug, Clone, PartialEq)]
pub enum OpRefusal {
    /// The caller's role or scope does not allow it (HTTP 403).
    Forbidden {
        /// The op's id.
        op: String,
        /// Its position in the batch.
        index: usize,
        /// Why, in each language.
        why: Text,
    },
    /// The op names something that does not exist (HTTP 404).
    Unknown {
        /// The op's id.
        op: String,
        /// Its position in the batch.
        index: usize,
        /// What is missing, in each language.
        what: Text,
    },
    /// The op is malformed, or not possible in the proposal's status or today (HTTP 422).
    Invalid {
        /// The op's id.
        op: String,
        /// Its position in the batch.
        index: usize,
        /// Why, in each language.
        why: Text,
    },
    /// The move breaks a hard rule, or a soft rule without an override (HTTP 422).
    Rules(Refusal),
}

/// What a user may pull.
pub fn visibility(user: &User) -> Visibility {
    match (user.role, &user.scope) {
        (Role::Employee, _) => {
            Visibility::Employee(user.nip.as_ref().map(|n| n.to_string()).unwrap_or_default())
        }
        (Role::Planner, Some(Scope::Opd(list))) => {
            Visibility::Opd(list.iter().map(|u| u.to_string()).collect())
        }
        (Role::Planner, None) => Visibility::Opd(Vec::new()),
        _ => Visibility::All,
    }
}

/// The OPD id of an employee's definitive post, if any.
pub fn employee_opd(ds: &Dataset, nip: &mutasi_core::model::Nip) -> Option<String> {
    let e = ds.employee_idx(nip)?;
    ds.employee_slot(e).map(|s| ds.slot_opd(s).id.to_string())
}

/// The checks of one push for one caller: [`check_op`] on each op, with the dataset kept up to
/// date inside the batch (an inauguration changes it for the ops after it).
#[derive(Debug)]
pub struct Checker<'a> {
    user: &'a User,
    now: DateTime<Utc>,
    ds: Mutex<Arc<Dataset>>,
}

impl<'a> Checker<'a> {
    /// Checks for `user` on `ds`, with `now` as the time of every step of the push.
    pub fn new(user: &'a User, ds: Arc<Dataset>, now: DateTime<Utc>) -> Self {
        Self {
            user,
            now,
            ds: Mutex::new(ds),
        }
    }

    fn dataset(&self) -> Arc<Dataset> {
        self.ds
            .lock()
            .map_or_else(|e| e.into_inner().clone(), |g| g.clone())
    }
}

impl OpCheck for Checker<'_> {
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
        let checked = check_op(self.user, &ds, self.now, index, op, current, reads)?;
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

/// "pegawai 1985…" / "employee 1985…".
fn employee_text(nip: impl std::fmt::Display) -> Text {
    Text::new(format!("pegawai {nip}"), format!("employee {nip}"))
}

/// "usulan …" / "proposal …".
fn proposal_text(id: &str) -> Text {
    Text::new(format!("usulan {id}"), format!("proposal {id}"))
}

/// "slot …" in both languages.
fn slot_text(id: impl std::fmt::Display) -> Text {
    Text::same(format!("slot {id}"))
}

/// A stored record that no longer reads as its kind.
fn unreadable(e: &serde_json::Error) -> Text {
    Text::new(
        format!("data tersimpan tidak terbaca: {e}"),
        format!("stored data cannot be read: {e}"),
    )
}

/// Re-checks one op for `user` against its target record, the records it reads (see
/// [`OpCheck::reads`]) and the dataset, at `now`.
pub fn check_op(
    user: &User,
    ds: &Dataset,
    now: DateTime<Utc>,
    index: usize,
    op: &Op,
    current: Option<&StoredRecord>,
    reads: &[Option<StoredRecord>],
) -> Result<Checked, OpRefusal> {
    let forbidden = |why: Text| OpRefusal::Forbidden {
        op: op.id.clone(),
        index,
        why,
    };
    let unknown = |what: Text| OpRefusal::Unknown {
        op: op.id.clone(),
        index,
        what,
    };
    let invalid = |why: Text| OpRefusal::Invalid {
        op: op.id.clone(),
        index,
        why,
    };
    // Every op's notes go into the record and the audit: a paragraph, not a document.
    if let Some(notes) = op.reason.as_deref() {
        workflow::notes_length(notes.trim()).map_err(&invalid)?;
    }
    let Some(step) = Step::of(&op.change) else {
        let Change::SetPreferences { nip, preferences } = &op.change else {
            return Err(invalid(Text::new(
                "perubahan tidak dikenal",
                "unknown change",
            )));
        };
        if user.role != Role::Employee || user.nip.as_ref() != Some(nip) {
            return Err(forbidden(Text::new(
                "hanya pegawai yang bersangkutan yang dapat mengubah preferensinya",
                "only the employee may change their own preferences",
            )));
        }
        let current = current.ok_or_else(|| unknown(employee_text(nip)))?;
        check_preferences(ds, preferences).map_err(&unknown)?;
        let mut data = current.record.data.clone();
        data["preferences"] = serde_json::to_value(preferences).unwrap_or_default();
        return Ok(Checked {
            write: Write {
                data,
                opd: current.opd.clone(),
                nip: current.nip.clone(),
            },
            also: Vec::new(),
            nip: current.nip.clone(),
            opd: current.opd.iter().cloned().collect(),
        });
    };
    let (target_kind, proposal_id) = op.change.target();
    debug_assert_eq!(target_kind, RecordKind::Proposal);

    // The proposal as it is (or as it will be created).
    let mut record = match (&op.change, current) {
        (
            Change::ProposeMove {
                proposal,
                nip,
                slot,
                tmt,
                overrides,
                source,
            },
            None,
        ) => {
            uuid::Uuid::parse_str(proposal).map_err(|_| {
                invalid(Text::new(
                    "id usulan harus UUID",
                    "proposal id must be a UUID",
                ))
            })?;
            Proposal {
                id: proposal.clone(),
                nip: nip.clone(),
                slot: slot.clone(),
                tmt: *tmt,
                reason: String::new(),
                overrides: overrides.clone(),
                status: ProposalStatus::Draft,
                source: if user.role == Role::Employee {
                    ProposalSource::OwnRequest
                } else {
                    *source
                },
                proposed_by: user.username.clone(),
                decided_by: None,
                sk: None,
                inaugurated_on: None,
                history: Vec::new(),
            }
        }
        (Change::ProposeMove { .. }, Some(_)) => {
            return Err(invalid(Text::new(
                "usulan sudah ada",
                "proposal already exists",
            )))
        }
        (_, None) => return Err(unknown(proposal_text(&proposal_id))),
        (_, Some(c)) => serde_json::from_value(c.record.data.clone())
            .map_err(|_| unknown(proposal_text(&proposal_id)))?,
    };
    let from = (!matches!(op.change, Change::ProposeMove { .. })).then_some(record.status);
    let to = workflow::transition(from, step).map_err(|e| invalid(e.0))?;

    // A revision changes where to and when before the checks below.
    if let Change::ReviseProposal {
        slot,
        tmt,
        overrides,
        ..
    } = &op.change
    {
        record.slot = slot.clone();
        record.tmt = *tmt;
        record.overrides = overrides.clone();
    }
    ds.employee_idx(&record.nip)
        .ok_or_else(|| unknown(employee_text(&record.nip)))?;
    let s = ds
        .slot_idx(&record.slot)
        .ok_or_else(|| unknown(slot_text(&record.slot)))?;
    let from_opd = employee_opd(ds, &record.nip);
    let to_opd = ds.slot_opd(s).id.to_string();

    // Who may take the step.
    let city = matches!(user.scope, Some(Scope::City));
    let desk = step.desk();
    if !desk.admits(user.role, city) {
        let who = desk.label();
        return Err(forbidden(Text::new(
            format!("langkah ini hanya untuk {}", who.id),
            format!("this step is for the {} only", who.en),
        )));
    }
    match desk {
        Desk::Proposer => match user.role {
            Role::Employee => {
                if user.nip.as_ref() != Some(&record.nip)
                    || record.source != ProposalSource::OwnRequest
                {
                    return Err(forbidden(Text::new(
                        "pegawai hanya dapat mengusulkan mutasi dirinya sendiri",
                        "an employee may only propose their own move",
                    )));
                }
            }
            _ => {
                let scope = user.scope.clone().unwrap_or(Scope::Opd(Vec::new()));
                let inside = |opd: Option<&str>| match (&scope, opd) {
                    (Scope::City, _) => true,
                    (Scope::Opd(list), Some(o)) => list.iter().any(|u| u.as_str() == o),
                    (Scope::Opd(_), None) => false,
                };
                if !inside(from_opd.as_deref()) || !inside(Some(&to_opd)) {
                    return Err(forbidden(Text::new(
                        "pegawai atau slot tujuan di luar lingkup perencana",
                        "employee or target slot outside the planner's scope",
                    )));
                }
            }
        },
        Desk::Ppk => {
            let reviewer = record
                .history
                .iter()
                .rev()
                .find(|h| h.action == "review_proposal")
                .map(|h| h.by.as_str());
            if reviewer == Some(user.username.as_str()) {
                return Err(forbidden(Text::new(
                    "keputusan PPK harus oleh akun lain dari pemberi pertimbangan Baperjakat",
                    "the PPK decision must come from another account than the Baperjakat review",
                )));
            }
        }
        Desk::Bkpsdm | Desk::Baperjakat => {}
    }

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

/// The records of a dataset, with their visibility columns.
pub fn dataset_records(ds: &Dataset) -> Vec<NewRecord> {
    let mut out = Vec::new();
    for (i, u) in ds.units().iter().enumerate() {
        let opd = &ds.units()[ds.opd_of_unit(i as u32) as usize].id;
        out.push(new_record(
            RecordKind::Unit,
            u.id.to_string(),
            json(u),
            Some(opd.to_string()),
            None,
        ));
    }
    for p in ds.positions() {
        out.push(new_record(
            RecordKind::Position,
            p.id.to_string(),
            json(p),
            None,
            None,
        ));
    }
    for (i, s) in ds.slots().iter().enumerate() {
        let opd = ds.slot_opd(i as u32).id.to_string();
        let holder = s.holder.as_ref().map(|h| h.nip.to_string());
        out.push(new_record(
            RecordKind::Slot,
            s.id.to_string(),
            json(s),
            Some(opd),
            holder,
        ));
    }
    for e in ds.employees() {
        out.push(new_record(
            RecordKind::Employee,
            e.nip.to_string(),
            json(e),
            employee_opd(ds, &e.nip),
            Some(e.nip.to_string()),
        ));
    }
    // The id is `unit|position`; a repeated pair (the data allows it) gets `#2`, `#3`, ….
    let mut seen = std::collections::HashMap::new();
    for n in ds.needs() {
        let count = seen
            .entry((n.unit.clone(), n.position.clone()))
            .and_modify(|c| *c += 1)
            .or_insert(1u32);
        let id = match *count {
            1 => format!("{}|{}", n.unit, n.position),
            c => format!("{}|{}#{c}", n.unit, n.position),
        };
        let opd = ds
            .unit_idx(&n.unit)
            .map(|u| ds.units()[ds.opd_of_unit(u) as usize].id.to_string());
        out.push(new_record(RecordKind::Need, id, json(n), opd, None));
    }
    out.push(new_record(
        RecordKind::Rules,
        "default".into(),
        json(ds.rules()),
        None,
        None,
    ));
    out
}

fn json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

fn new_record(
    kind: RecordKind,
    id: String,
    data: serde_json::Value,
    opd: Option<String>,
    nip: Option<String>,
) -> NewRecord {
    NewRecord {
        kind,
        id,
        write: Write { data, opd, nip },
    }
}

/// Rebuilds the dataset from the stored records.
pub async fn load_dataset(store: &dyn Storage) -> Result<Dataset, StoreError> {
    let records = store
        .records_of(&[
            RecordKind::Employee,
            RecordKind::Unit,
            RecordKind::Position,
            RecordKind::Slot,
            RecordKind::Need,
            RecordKind::Rules,
        ])
        .await?;
    let mut parts = DatasetParts::default();
    let corrupt = |e: serde_json::Error| StoreError::Corrupt(e.to_string());
    for r in records {
        match r.kind {
            RecordKind::Employee => parts
                .employees
                .push(serde_json::from_value(r.data).map_err(corrupt)?),
            RecordKind::Unit => parts
                .units
                .push(serde_json::from_value(r.data).map_err(corrupt)?),
            RecordKind::Position => parts
                .positions
                .push(serde_json::from_value(r.data).map_err(corrupt)?),
            RecordKind::Slot => parts
                .slots
                .push(serde_json::from_value(r.data).map_err(corrupt)?),
            RecordKind::Need => parts
                .needs
                .push(serde_json::from_value(r.data).map_err(corrupt)?),
            RecordKind::Rules => parts.rules = serde_json::from_value(r.data).map_err(corrupt)?,
            RecordKind::Proposal => {}
        }
    }
    Dataset::new(parts).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// The dataset the checks run on, rebuilt from the store when an import changed it (the store's
/// generation), so several server processes on one PostgreSQL stay consistent. Pushes change
/// preferences and proposals, which no eligibility rule reads, and inaugurations, which bump
/// the generation as an import does.
#[derive(Debug, Default)]
pub struct DatasetCache {
    current: RwLock<Option<(i64, Arc<Dataset>)>>,
}

impl DatasetCache {
    /// The dataset as of the store's current generation.
    pub async fn get(&self, store: &dyn Storage) -> Result<Arc<Dataset>, StoreError> {
        let generation = store.generation().await?;
        if let Some((g, ds)) = self.current.read().await.as_ref() {
            if *g == generation {
                return Ok(ds.clone());
            }
        }
        let mut slot = self.current.write().await;
        if let Some((g, ds)) = slot.as_ref() {
            if *g == generation {
                return Ok(ds.clone());
            }
        }
        let ds = Arc::new(load_dataset(store).await?);
        *slot = Some((generation, ds.clone()));
        Ok(ds)
    }
}
