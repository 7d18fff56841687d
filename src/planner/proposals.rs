//! Accepted moves of a plan → proposals (usulan): one outbox operation per move, made on this
//! device (offline too) and sent by the sync engine. The server re-checks every rule.
//!
//! Each move is checked here first with the same core rules: a hard rule that fails stops it,
//! and a failing soft rule needs the planner's explicit override (the written reason of the
//! proposals is used as the override's reason).

use chrono::NaiveDate;
use mutasi_core::eligibility::{eligibility, Override};
use mutasi_core::model::{Nip, SlotId};
use mutasi_core::wire::sync::{
    Change, Op, Proposal, ProposalSource, ProposalStatus, Record, RecordKind,
};
use mutasi_core::Dataset;

use crate::ids::uuid_v7;

/// A proposal ready to be recorded: the operation and the local copy of its record.
pub struct Draft {
    pub op: Op,
    pub local: Record,
}

/// Why a move cannot become a proposal as asked.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The move's person (`None`: the whole request).
    pub nip: Option<Nip>,
    pub message: String,
}

/// Drafts proposals for the `moves` (person → slot) effective on `tmt`, by account `by`, coming
/// from `source` (a plan, or an employee's own request).
///
/// `reason` (at least 10 characters) is the reason of every proposal; with `override_soft` it is
/// also the written override of each failing soft rule. Returns the problems instead when any
/// move cannot go ahead, so that either all proposals are drafted or none.
pub fn drafts(
    ds: &Dataset,
    moves: &[(Nip, SlotId)],
    tmt: NaiveDate,
    reason: &str,
    override_soft: bool,
    by: &str,
    source: ProposalSource,
) -> Result<Vec<Draft>, Vec<Problem>> {
    let reason = reason.trim();
    if reason.chars().count() < 10 {
        return Err(vec![Problem {
            nip: None,
            message: "Alasan usulan wajib diisi, minimal 10 karakter. / A reason of at least 10 \
                      characters is required."
                .into(),
        }]);
    }
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for (nip, slot) in moves {
        let problem = |message: String| Problem {
            nip: Some(nip.clone()),
            message,
        };
        let (Some(e), Some(s)) = (ds.employee_idx(nip), ds.slot_idx(slot)) else {
            problems.push(problem(format!(
                "Pegawai atau slot {slot} tidak ada di data perangkat ini. / Employee or slot \
                 {slot} is not in this device's data."
            )));
            continue;
        };
        let verdicts = eligibility(ds, e, s, tmt, ds.rules());
        let hard: Vec<String> = verdicts
            .hard_failures()
            .map(|v| v.reason.id.clone())
            .collect();
        if !hard.is_empty() {
            problems.push(problem(hard.join("; ")));
            continue;
        }
        let soft: Vec<_> = verdicts.soft_failures().collect();
        if !soft.is_empty() && !override_soft {
            let reasons: Vec<String> = soft.iter().map(|v| v.reason.id.clone()).collect();
            problems.push(problem(format!(
                "Perlu pengecualian aturan: {} / Needs a rule override",
                reasons.join("; ")
            )));
            continue;
        }
        let overrides: Vec<Override> = soft
            .iter()
            .filter_map(|v| Override::new(v.rule, reason).ok())
            .collect();
        let id = uuid_v7();
        let record = Proposal {
            id: id.clone(),
            nip: nip.clone(),
            slot: slot.clone(),
            tmt,
            reason: reason.to_string(),
            overrides: overrides.clone(),
            status: ProposalStatus::Draft,
            source,
            proposed_by: by.to_string(),
            decided_by: None,
            sk: None,
            inaugurated_on: None,
            history: Vec::new(),
        };
        out.push(Draft {
            op: Op {
                id: uuid_v7(),
                base_version: 0,
                reason: Some(reason.to_string()),
                change: Change::ProposeMove {
                    proposal: id.clone(),
                    nip: nip.clone(),
                    slot: slot.clone(),
                    tmt,
                    overrides,
                    source,
                },
            },
            local: Record {
                kind: RecordKind::Proposal,
                id,
                version: 1,
                seq: 0,
                data: serde_json::to_value(record).unwrap_or_default(),
            },
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}
