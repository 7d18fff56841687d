//! Who may take an op at all, decided before anything about the target's version, status or
//! rules is told ([`admit_op`]): the role, the scope, the desk and four eyes.
//!
//! Answers never tell more than the caller's own pull would: an existing proposal the caller may
//! not see is "not found", exactly like one that does not exist, and nothing of it (its status,
//! its version, its content) is in the answer.

use mutasi_core::model::Nip;
use mutasi_core::text::Text;
use mutasi_core::wire::auth::{Role, Scope};
use mutasi_core::wire::sync::{Change, Op, Proposal, ProposalSource, ProposalStatus};
use mutasi_core::workflow::{self, Desk, Step};
use mutasi_core::Dataset;

use super::visibility::{employee_opd, visibility};
use super::{employee_text, proposal_text, slot_text, OpRefusal};
use crate::db::{StoredRecord, User};

/// What admission established about an op.
#[derive(Debug, Clone, PartialEq)]
pub enum Admitted {
    /// The employee's own preferences.
    Preferences,
    /// A workflow step the caller's desk takes.
    Step(Box<AdmittedStep>),
}

/// A workflow step the caller may take, on the proposal as it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct AdmittedStep {
    /// The step.
    pub step: Step,
    /// The proposal as it stands (a new draft for `propose_move`), with a revision's new post,
    /// date and overrides already applied.
    pub record: Proposal,
    /// Its status before the step (None: a new draft).
    pub from: Option<ProposalStatus>,
    /// The OPD of the employee's post now.
    pub from_opd: Option<String>,
    /// The OPD of the target post.
    pub to_opd: String,
}

/// Whether `user` may take `op` on its target `current` (as stored, None when missing), with
/// `ds` for the employee's and the post's OPD. Runs before the version check.
pub fn admit_op(
    user: &User,
    ds: &Dataset,
    index: usize,
    op: &Op,
    current: Option<&StoredRecord>,
) -> Result<Admitted, OpRefusal> {
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
    let Some(step) = Step::of(&op.change) else {
        let Change::SetPreferences { nip, .. } = &op.change else {
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
        current.ok_or_else(|| unknown(employee_text(nip)))?;
        return Ok(Admitted::Preferences);
    };
    let (_, proposal_id) = op.change.target();

    // The desk first: an account that never sits at it learns nothing about the proposal.
    let city = matches!(user.scope, Some(Scope::City));
    let desk = step.desk();
    if !desk.admits(user.role, city) {
        let who = desk.label();
        return Err(forbidden(Text::new(
            format!("langkah ini hanya untuk {}", who.id),
            format!("this step is for the {} only", who.en),
        )));
    }

    // The proposal as it stands (or as it will be created); one the caller may not see is,
    // to them, not there.
    let mut record = match (&op.change, current) {
        (Change::ProposeMove { .. }, Some(_)) => {
            return Err(invalid(Text::new(
                "usulan sudah ada",
                "proposal already exists",
            )))
        }
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
            let source =
                match (user.role, source) {
                    (Role::Employee, _) => ProposalSource::OwnRequest,
                    (_, ProposalSource::OwnRequest) => return Err(forbidden(Text::new(
                        "usulan atas permintaan sendiri hanya dapat diajukan dari akun pegawai \
                         yang bersangkutan",
                        "an own request can only be filed from the employee's own account",
                    ))),
                    (_, s) => *s,
                };
            Proposal {
                id: proposal.clone(),
                nip: nip.clone(),
                slot: slot.clone(),
                tmt: *tmt,
                reason: String::new(),
                overrides: overrides.clone(),
                status: ProposalStatus::Draft,
                source,
                proposed_by: user.username.clone(),
                decided_by: None,
                sk: None,
                inaugurated_on: None,
                history: Vec::new(),
            }
        }
        (_, None) => return Err(unknown(proposal_text(&proposal_id))),
        (_, Some(c)) if !visibility(user).admits(c) => {
            return Err(unknown(proposal_text(&proposal_id)))
        }
        (_, Some(c)) => serde_json::from_value(c.record.data.clone())
            .map_err(|_| unknown(proposal_text(&proposal_id)))?,
    };
    let from = (!matches!(op.change, Change::ProposeMove { .. })).then_some(record.status);
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

    // The proposer's finer checks: an employee for their own request only; a planner inside
    // their scope.
    if user.role == Role::Employee && !own(user, &record.nip) {
        return Err(forbidden(Text::new(
            "pegawai hanya dapat mengusulkan mutasi dirinya sendiri",
            "an employee may only propose their own move",
        )));
    }
    ds.employee_idx(&record.nip)
        .ok_or_else(|| unknown(employee_text(&record.nip)))?;
    let s = ds
        .slot_idx(&record.slot)
        .ok_or_else(|| unknown(slot_text(&record.slot)))?;
    let from_opd = employee_opd(ds, &record.nip);
    let to_opd = ds.slot_opd(s).id.to_string();
    if desk == Desk::Proposer {
        match (user.role, &user.scope) {
            (Role::Employee, _) => {
                if !own(user, &record.nip) || record.source != ProposalSource::OwnRequest {
                    return Err(forbidden(Text::new(
                        "pegawai hanya dapat mengusulkan mutasi dirinya sendiri",
                        "an employee may only propose their own move",
                    )));
                }
            }
            (_, Some(Scope::City)) => {}
            (_, scope) => {
                let list = match scope {
                    Some(Scope::Opd(list)) => list.as_slice(),
                    _ => &[],
                };
                let inside = |opd: Option<&String>| {
                    opd.is_some_and(|o| list.iter().any(|u| u.as_str() == o))
                };
                if !inside(from_opd.as_ref()) || !inside(Some(&to_opd)) {
                    return Err(forbidden(Text::new(
                        "pegawai atau slot tujuan di luar lingkup perencana",
                        "employee or target slot outside the planner's scope",
                    )));
                }
            }
        }
    }
    if desk == Desk::Ppk && workflow::reviewer(&record.history) == Some(user.username.as_str()) {
        return Err(forbidden(Text::new(
            "keputusan PPK harus oleh akun lain dari pemberi pertimbangan Baperjakat",
            "the PPK decision must come from another account than the Baperjakat review",
        )));
    }
    Ok(Admitted::Step(Box::new(AdmittedStep {
        step,
        record,
        from,
        from_opd,
        to_opd,
    })))
}

fn own(user: &User, nip: &Nip) -> bool {
    user.nip.as_ref() == Some(nip)
}
