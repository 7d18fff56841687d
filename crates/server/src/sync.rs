//! The server side of sync: who may see what ([`visibility`]), the re-check of every pushed
//! change with `mutasi-core` ([`check_op`]), and the bridge between a [`Dataset`] and the
//! stored records ([`dataset_records`], [`DatasetCache`]).
//!
//! **Invariant:** the checks are pure functions of the caller, the op, the record it targets
//! and the dataset; the store runs them inside the push's transaction, after the version check.

use std::sync::Arc;

use mutasi_core::eligibility::{eligibility, Outcome, Severity};
use mutasi_core::model::Preferences;
use mutasi_core::wire::auth::{Role, Scope};
use mutasi_core::wire::sync::{Change, Op, Proposal, ProposalStatus, RecordKind, Refusal};
use mutasi_core::{Dataset, DatasetParts};
use tokio::sync::RwLock;

use crate::db::{NewRecord, Storage, StoreError, StoredRecord, User, Visibility, Write};

/// Why a pushed op was refused (nothing of its batch is applied).
#[derive(Debug, Clone, PartialEq)]
pub enum OpRefusal {
    /// The caller's role or scope does not allow it (HTTP 403).
    Forbidden {
        /// The op's id.
        op: String,
        /// Its position in the batch.
        index: usize,
        /// Why (bilingual).
        why: String,
    },
    /// The op names something that does not exist (HTTP 404).
    Unknown {
        /// The op's id.
        op: String,
        /// Its position in the batch.
        index: usize,
        /// What is missing.
        what: String,
    },
    /// The op is malformed (HTTP 422).
    Invalid {
        /// The op's id.
        op: String,
        /// Its position in the batch.
        index: usize,
        /// Why (bilingual).
        why: String,
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

/// Re-checks one op for `user` against its target record and the dataset.
pub fn check_op(
    user: &User,
    ds: &Dataset,
    index: usize,
    op: &Op,
    current: Option<&StoredRecord>,
) -> Result<Write, OpRefusal> {
    let forbidden = |why: &str| OpRefusal::Forbidden {
        op: op.id.clone(),
        index,
        why: why.to_string(),
    };
    let unknown = |what: String| OpRefusal::Unknown {
        op: op.id.clone(),
        index,
        what,
    };
    let invalid = |why: &str| OpRefusal::Invalid {
        op: op.id.clone(),
        index,
        why: why.to_string(),
    };
    match &op.change {
        Change::SetPreferences { nip, preferences } => {
            if user.role != Role::Employee || user.nip.as_ref() != Some(nip) {
                return Err(forbidden(
                    "hanya pegawai yang bersangkutan yang dapat mengubah preferensinya / \
                     only the employee may change their own preferences",
                ));
            }
            let current = current.ok_or_else(|| unknown(format!("pegawai / employee {nip}")))?;
            check_preferences(ds, preferences).map_err(&unknown)?;
            let mut data = current.record.data.clone();
            data["preferences"] = serde_json::to_value(preferences).unwrap_or_default();
            Ok(Write {
                data,
                opd: current.opd.clone(),
                nip: current.nip.clone(),
            })
        }
        Change::ProposeMove {
            proposal,
            nip,
            slot,
            tmt,
            overrides,
        } => {
            uuid::Uuid::parse_str(proposal)
                .map_err(|_| invalid("id usulan harus UUID / proposal id must be a UUID"))?;
            if current.is_some() {
                return Err(invalid("usulan sudah ada / proposal already exists"));
            }
            let reason = op.reason.as_deref().map(str::trim).unwrap_or("");
            if reason.chars().count() < 10 {
                return Err(invalid(
                    "setiap mutasi wajib menyatakan alasannya (minimal 10 karakter) / \
                     every move must state its reason (at least 10 characters)",
                ));
            }
            let e = ds
                .employee_idx(nip)
                .ok_or_else(|| unknown(format!("pegawai / employee {nip}")))?;
            let s = ds
                .slot_idx(slot)
                .ok_or_else(|| unknown(format!("slot {slot}")))?;
            let from_opd = employee_opd(ds, nip);
            let to_opd = ds.slot_opd(s).id.to_string();
            match user.role {
                Role::Employee if user.nip.as_ref() == Some(nip) => {}
                Role::Employee => {
                    return Err(forbidden(
                        "pegawai hanya dapat mengusulkan mutasi dirinya sendiri / \
                         an employee may only propose their own move",
                    ))
                }
                Role::Planner => {
                    let scope = user.scope.clone().unwrap_or(Scope::Opd(Vec::new()));
                    let inside = |opd: &Option<String>| match (&scope, opd) {
                        (Scope::City, _) => true,
                        (Scope::Opd(list), Some(o)) => list.iter().any(|u| u.as_str() == o),
                        (Scope::Opd(_), None) => false,
                    };
                    if !inside(&from_opd) || !inside(&Some(to_opd.clone())) {
                        return Err(forbidden(
                            "pegawai atau slot tujuan di luar lingkup perencana / \
                             employee or target slot outside the planner's scope",
                        ));
                    }
                }
                Role::Approver | Role::Admin => {
                    return Err(forbidden(
                        "peran ini tidak mengusulkan mutasi / this role does not propose moves",
                    ))
                }
            }
            let verdicts = eligibility(ds, e, s, *tmt, ds.rules());
            let decision = verdicts.decide(overrides);
            if !decision.allowed {
                let failing = verdicts
                    .items
                    .iter()
                    .filter(|v| {
                        v.outcome == Outcome::Fail
                            && (v.severity == Severity::Hard || decision.open.contains(&v.rule))
                    })
                    .cloned()
                    .collect();
                return Err(OpRefusal::Rules(Refusal {
                    op: op.id.clone(),
                    index,
                    verdicts: failing,
                }));
            }
            let record = Proposal {
                id: proposal.clone(),
                nip: nip.clone(),
                slot: slot.clone(),
                tmt: *tmt,
                reason: reason.to_string(),
                overrides: overrides.clone(),
                status: ProposalStatus::Proposed,
                proposed_by: user.username.clone(),
                decided_by: None,
            };
            Ok(Write {
                data: serde_json::to_value(record).unwrap_or_default(),
                opd: from_opd.or(Some(to_opd)),
                nip: Some(nip.to_string()),
            })
        }
        Change::DecideProposal { proposal, status } => {
            if user.role != Role::Approver {
                return Err(forbidden(
                    "hanya approver (Baperjakat/PPK) yang memutuskan usulan / \
                     only an approver decides proposals",
                ));
            }
            let current =
                current.ok_or_else(|| unknown(format!("usulan / proposal {proposal}")))?;
            let mut record: Proposal = serde_json::from_value(current.record.data.clone())
                .map_err(|_| unknown(format!("usulan / proposal {proposal}")))?;
            if *status == ProposalStatus::Proposed || record.status != ProposalStatus::Proposed {
                return Err(invalid(
                    "usulan hanya dapat disetujui atau ditolak sekali / \
                     a proposal is approved or rejected once",
                ));
            }
            if op.reason.as_deref().map(str::trim).unwrap_or("").is_empty() {
                return Err(invalid(
                    "keputusan wajib beralasan / a decision needs a reason",
                ));
            }
            record.status = *status;
            record.decided_by = Some(user.username.clone());
            Ok(Write {
                data: serde_json::to_value(record).unwrap_or_default(),
                opd: current.opd.clone(),
                nip: current.nip.clone(),
            })
        }
    }
}

fn check_preferences(ds: &Dataset, p: &Preferences) -> Result<(), String> {
    if p.units.len() > 20 || p.kecamatan.len() > 18 || p.fields.len() > 20 {
        return Err("terlalu banyak preferensi / too many preferences".into());
    }
    match p.units.iter().find(|u| ds.unit(u).is_none()) {
        Some(u) => Err(format!("unit {u}")),
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
/// preferences and proposals only, which no eligibility rule reads.
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
