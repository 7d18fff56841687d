//! One op, one rule book: [`take`] decides whether an actor may take an op on a proposal (or
//! on their own preferences) as it stands, and what the op makes of it. The server runs it
//! inside the push's transaction, the app runs it for its optimistic copy and to explain a
//! refusal before anything is queued ([`super::record`]), and the conflicts panel runs it to
//! re-apply a refused step on the server's version: one function, so one answer.
//!
//! It comes in two phases, because the server must answer who may act before it says anything
//! about the target's version or state (a refusal never tells more than the caller's own pull):
//!
//! 1. [`admit`]: the desk, the role, the scope, the own request and four eyes, on the target as
//!    the actor may see it ([`Target`]).
//! 2. (the server compares the version and what the op expects: [`crate::wire::sync::Op::builds_on`])
//! 3. [`apply`]: the notes, the status, the submission window, the rules on the data of the day,
//!    the step's own inputs, and the new proposal with its history entry (and, for an
//!    inauguration, the employee and slot records it rewrites).
//!
//! Pure: the clock reading (`at`) and the records read come in as arguments.

use chrono::{DateTime, SecondsFormat, Utc};

use super::inaugurate::{inaugurate, MoveRecords};
use super::{
    check_notes, inauguration_date, notes_length, preferences, recheck, reviewer,
    submission_window, transition, Desk, Step, StepError, MAX_SK_NUMBER_CHARS,
};
use crate::model::{Employee, Nip, Preferences, Slot, SlotId, UnitId};
use crate::wire::auth::{Account, Role, Scope};
use crate::wire::sync::{
    Change, Op, Proposal, ProposalEvent, ProposalSource, ProposalStatus, RecordKind, SkRef,
};
use crate::Dataset;

/// Who takes an op: the account's name, role, NIP (employees) and scope (planners).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor<'a> {
    /// Account name (recorded in the history; four eyes compares it).
    pub username: &'a str,
    /// Role.
    pub role: Role,
    /// The employee's own NIP.
    pub nip: Option<&'a Nip>,
    /// The planner's scope.
    pub scope: Option<&'a Scope>,
}

impl<'a> Actor<'a> {
    /// The signed-in account.
    pub fn of(account: &'a Account) -> Self {
        Self {
            username: &account.username,
            role: account.role,
            nip: account.nip.as_ref(),
            scope: account.scope.as_ref(),
        }
    }

    fn is(&self, nip: &Nip) -> bool {
        self.nip == Some(nip)
    }

    fn city(&self) -> bool {
        matches!(self.scope, Some(Scope::City))
    }
}

/// The op's target record as the actor may see it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target<'a> {
    /// No record under the target's id.
    Missing,
    /// A record the actor may not see, or one that no longer reads as its kind: to the actor
    /// it is not there, and nothing of it is told.
    Hidden,
    /// The employee record a `set_preferences` writes.
    Employee,
    /// The proposal as stored.
    Proposal(&'a Proposal),
}

/// What admission established about an op.
#[derive(Debug, Clone, PartialEq)]
pub enum Admitted {
    /// The employee's own preferences.
    Preferences(Preferences),
    /// A workflow step at the actor's desk.
    Step(Box<Admission>),
}

/// A workflow step the actor may take, on the proposal as it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Admission {
    /// The step.
    pub step: Step,
    /// The proposal as it stands (a new draft for `propose_move`), with a revision's new post,
    /// date and overrides already applied.
    pub record: Proposal,
    /// Its status before the step (None: a new draft).
    pub from: Option<ProposalStatus>,
    /// The OPD of the employee's post now.
    pub from_opd: Option<UnitId>,
    /// The OPD of the target post.
    pub to_opd: UnitId,
}

/// What an op makes of its target.
#[derive(Debug, Clone, PartialEq)]
pub enum Applied {
    /// The employee's new preferences ([`preferences::write`] puts them into the record).
    Preferences(Preferences),
    /// A step taken.
    Step(Box<Taken>),
}

/// A step taken: the proposal after it, and what an inauguration rewrites.
#[derive(Debug, Clone, PartialEq)]
pub struct Taken {
    /// The proposal after the step, with its history entry.
    pub proposal: Proposal,
    /// The employee and slot records an inauguration writes.
    pub moved: Option<MoveRecords>,
    /// The OPD of the employee's post before the step.
    pub from_opd: Option<UnitId>,
    /// The OPD of the target post.
    pub to_opd: UnitId,
}

/// The records an inauguration rewrites, as they are stored now: the employee and the slots
/// (the post taken, the post held). The server reads them in the push's transaction (its
/// dataset is rebuilt only when the generation moves, so the employee's preferences there may
/// lag); a device has only its own copy ([`Reads::from_dataset`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reads {
    /// The employee the proposal is about.
    pub employee: Option<Employee>,
    /// The slots read.
    pub slots: Vec<Slot>,
}

impl Reads {
    /// The records `op` reads besides its target `current` (None: missing or unreadable):
    /// for an inauguration, the employee, the target slot and the slot held now (by `ds`).
    pub fn wanted(ds: &Dataset, op: &Op, current: Option<&Proposal>) -> Vec<(RecordKind, String)> {
        let (Change::Inaugurate { .. }, Some(p)) = (&op.change, current) else {
            return Vec::new();
        };
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

    /// The records of an inauguration of `p` from `ds` (a device's copy of the data).
    pub fn from_dataset(ds: &Dataset, p: &Proposal) -> Reads {
        let employee = ds.employee(&p.nip).cloned();
        let held = employee
            .as_ref()
            .and_then(|e| e.current.as_ref())
            .map(|c| c.slot.clone());
        let slots = std::iter::once(&p.slot)
            .chain(held.as_ref())
            .filter_map(|id| ds.slot(id).cloned())
            .collect();
        Reads { employee, slots }
    }

    fn slot(&self, id: &SlotId) -> Option<&Slot> {
        self.slots.iter().find(|s| &s.id == id)
    }

    /// The inauguration of `p` on `on`, on these records.
    fn inaugurate(
        &self,
        ds: &Dataset,
        p: &Proposal,
        on: chrono::NaiveDate,
    ) -> Result<MoveRecords, StepError> {
        let employee = self
            .employee
            .as_ref()
            .filter(|e| e.nip == p.nip)
            .ok_or_else(|| StepError::NotRead(format!("employee/{}", p.nip)))?;
        let to = self
            .slot(&p.slot)
            .ok_or_else(|| StepError::NotRead(format!("slot/{}", p.slot)))?;
        let from = match &employee.current {
            None => None,
            Some(c) => Some(self.slot(&c.slot).ok_or(StepError::PostChanged)?),
        };
        inaugurate(ds, employee, from, to, on)
    }
}

/// Whether `actor` may take `op` on `target` at all (the desk, the role, the scope, the own
/// request, four eyes), decided before anything about the target's version, status or the
/// rules is told. `ds` gives the employee's and the post's OPD.
pub fn admit(
    actor: &Actor,
    ds: &Dataset,
    op: &Op,
    target: Target<'_>,
) -> Result<Admitted, StepError> {
    let Some(step) = Step::of(&op.change) else {
        return admit_preferences(actor, op, target);
    };
    // The desk first: an account that never sits at it learns nothing about the proposal.
    let desk = step.desk();
    if !desk.admits(actor.role, actor.city()) {
        return Err(StepError::DeskOnly(desk));
    }
    // The proposal as it stands (or as it will be created).
    let mut record = match (&op.change, target) {
        (
            Change::ProposeMove {
                proposal,
                nip,
                slot,
                tmt,
                overrides,
                source,
            },
            Target::Missing,
        ) => {
            if !is_uuid(proposal) {
                return Err(StepError::ProposalIdNotUuid);
            }
            let source = match (actor.role, source) {
                (Role::Employee, _) => ProposalSource::OwnRequest,
                (_, ProposalSource::OwnRequest) => {
                    return Err(StepError::OwnRequestFromEmployeeOnly)
                }
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
                proposed_by: actor.username.to_string(),
                decided_by: None,
                sk: None,
                inaugurated_on: None,
                history: Vec::new(),
            }
        }
        (Change::ProposeMove { .. }, _) => return Err(StepError::ProposalExists),
        (_, Target::Proposal(p)) => p.clone(),
        (change, _) => return Err(StepError::UnknownProposal(change.target().1)),
    };
    let from = (step != Step::Propose).then_some(record.status);
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
    let (from_opd, to_opd) = admit_record(actor, ds, desk, &record)?;
    Ok(Admitted::Step(Box::new(Admission {
        step,
        record,
        from,
        from_opd,
        to_opd,
    })))
}

/// Whether `actor` may take `step` on `p` now (admission, then the status), without the
/// step's inputs: the steps a screen offers. Returns the status after it.
pub fn may_take(
    actor: &Actor,
    ds: &Dataset,
    p: &Proposal,
    step: Step,
) -> Result<ProposalStatus, StepError> {
    let desk = step.desk();
    if !desk.admits(actor.role, actor.city()) {
        return Err(StepError::DeskOnly(desk));
    }
    admit_record(actor, ds, desk, p)?;
    transition(Some(p.status), step)
}

/// `admitted` taken by `actor` at `at` with the op's notes and inputs, on the data `ds` (and,
/// for an inauguration, the stored records `reads`): the proposal after the step, or why not.
pub fn apply(
    actor: &Actor,
    ds: &Dataset,
    admitted: Admitted,
    op: &Op,
    at: DateTime<Utc>,
    reads: &Reads,
) -> Result<Applied, StepError> {
    // Every op's notes go into the record and the audit: a paragraph, not a document.
    let reason = op.reason.as_deref().map(str::trim).unwrap_or("");
    notes_length(reason)?;
    let Admission {
        step,
        mut record,
        from,
        from_opd,
        to_opd,
    } = match admitted {
        Admitted::Preferences(p) => {
            preferences::check(ds, &p)?;
            return Ok(Applied::Preferences(p));
        }
        Admitted::Step(a) => *a,
    };
    let to = transition(from, step)?;

    // Why.
    check_notes(ds.rules(), step, reason)?;
    if matches!(step, Step::Propose | Step::Revise) {
        record.reason = reason.to_string();
    }

    // When.
    if step == Step::Submit {
        submission_window(at.date_naive(), ds.rules())?;
    }

    // The rules again, with the data of the day.
    if step.rechecks() {
        recheck(ds, &record.nip, &record.slot, record.tmt, &record.overrides)?;
    }

    // What the step records.
    let mut moved = None;
    match &op.change {
        Change::DecideProposal { .. } => record.decided_by = Some(actor.username.to_string()),
        Change::IssueSk { number, date, .. } => {
            let number = number.trim();
            if number.is_empty() || number.chars().count() > MAX_SK_NUMBER_CHARS {
                return Err(StepError::SkNumber);
            }
            record.sk = Some(SkRef {
                number: number.to_string(),
                date: *date,
            });
        }
        Change::Inaugurate { on, .. } => {
            inauguration_date(*on, record.sk.as_ref().map(|sk| sk.date))?;
            moved = Some(reads.inaugurate(ds, &record, *on)?);
            record.inaugurated_on = Some(*on);
        }
        _ => {}
    }
    record.status = to;
    record.history.push(ProposalEvent {
        action: op.change.action().to_string(),
        from,
        to,
        by: actor.username.to_string(),
        role: actor.role,
        at: at.to_rfc3339_opts(SecondsFormat::Secs, true),
        reason: (!reason.is_empty()).then(|| reason.to_string()),
    });
    Ok(Applied::Step(Box::new(Taken {
        proposal: record,
        moved,
        from_opd,
        to_opd,
    })))
}

/// [`admit`], then [`apply`]: the whole decision on one op.
pub fn take(
    actor: &Actor,
    ds: &Dataset,
    op: &Op,
    target: Target<'_>,
    at: DateTime<Utc>,
    reads: &Reads,
) -> Result<Applied, StepError> {
    let admitted = admit(actor, ds, op, target)?;
    apply(actor, ds, admitted, op, at, reads)
}

/// Preferences are the employee's own, on their existing record.
fn admit_preferences(actor: &Actor, op: &Op, target: Target<'_>) -> Result<Admitted, StepError> {
    let Change::SetPreferences { nip, preferences } = &op.change else {
        return Err(StepError::UnknownProposal(op.change.target().1));
    };
    if actor.role != Role::Employee || !actor.is(nip) {
        return Err(StepError::NotOwnPreferences);
    }
    match target {
        Target::Missing | Target::Hidden => Err(StepError::UnknownEmployee(nip.clone())),
        Target::Employee | Target::Proposal(_) => Ok(Admitted::Preferences(preferences.clone())),
    }
}

/// The checks on the proposal itself once the actor sits at `desk`: an employee for their own
/// request only; a planner inside their scope; the PPK not the reviewer. Returns the OPD the
/// employee leaves and the one of the target post.
fn admit_record(
    actor: &Actor,
    ds: &Dataset,
    desk: Desk,
    record: &Proposal,
) -> Result<(Option<UnitId>, UnitId), StepError> {
    if actor.role == Role::Employee && !actor.is(&record.nip) {
        return Err(StepError::OwnMoveOnly);
    }
    let e = ds
        .employee_idx(&record.nip)
        .ok_or_else(|| StepError::UnknownEmployee(record.nip.clone()))?;
    let s = ds
        .slot_idx(&record.slot)
        .ok_or_else(|| StepError::UnknownSlot(record.slot.clone()))?;
    let from_opd = ds.employee_slot(e).map(|x| ds.slot_opd(x).id.clone());
    let to_opd = ds.slot_opd(s).id.clone();
    if desk == Desk::Proposer {
        match (actor.role, actor.scope) {
            (Role::Employee, _) => {
                if record.source != ProposalSource::OwnRequest {
                    return Err(StepError::OwnMoveOnly);
                }
            }
            (_, Some(Scope::City)) => {}
            (_, scope) => {
                let inside = |opd: Option<&UnitId>| {
                    opd.is_some_and(|o| scope.is_some_and(|sc| sc.contains(o)))
                };
                if !inside(from_opd.as_ref()) || !inside(Some(&to_opd)) {
                    return Err(StepError::OutOfScope);
                }
            }
        }
    }
    if desk == Desk::Ppk && reviewer(&record.history) == Some(actor.username) {
        return Err(StepError::FourEyes);
    }
    Ok((from_opd, to_opd))
}

/// A UUID in any of its usual spellings: hyphenated, 32 hex digits, braced, or as a URN.
fn is_uuid(s: &str) -> bool {
    let s = s.strip_prefix("urn:uuid:").unwrap_or(s);
    let s = s
        .strip_prefix('{')
        .and_then(|x| x.strip_suffix('}'))
        .unwrap_or(s);
    let hex = |part: &str| part.bytes().all(|b| b.is_ascii_hexdigit());
    match s.len() {
        32 => hex(s),
        36 => {
            let parts: Vec<&str> = s.split('-').collect();
            parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12]) && parts.iter().all(|p| hex(p))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_uuid;

    #[test]
    fn uuids_in_their_usual_spellings() {
        for ok in [
            "0193a1b2-0000-7000-8000-000000000001",
            "0193A1B200007000800000000000000A",
            "{0193a1b2-0000-7000-8000-000000000001}",
            "urn:uuid:0193a1b2-0000-7000-8000-000000000001",
        ] {
            assert!(is_uuid(ok), "{ok}");
        }
        for bad in [
            "",
            "p1",
            "0193a1b2-0000-7000-8000-00000000000g",
            "0193a1b20-000-7000-8000-000000000001",
            "{0193a1b2-0000-7000-8000-000000000001",
        ] {
            assert!(!is_uuid(bad), "{bad}");
        }
    }
}
