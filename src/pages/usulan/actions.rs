//! The workflow steps a signed-in account may take on a proposal now, and the op and optimistic
//! local copy each step records. Pure: the same core rules as the server ([`Desk::admits`],
//! [`transition`]) plus the finer checks the server makes (own request, planner scope, four
//! eyes), so the panel never offers a step the server would refuse for who or when.

use chrono::NaiveDate;
use mutasi_core::text::Text;
use mutasi_core::wire::auth::{Account, Scope};
use mutasi_core::wire::sync::{
    Change, FileCheck, Op, Proposal, ProposalEvent, ProposalSource, ProposalStatus, Record, SkRef,
};
use mutasi_core::workflow::{self, transition, Desk, Step, MIN_REASON_CHARS};
use mutasi_core::Dataset;

use crate::i18n::*;
use crate::state::proposals::Item;

/// The longest SK number accepted (the server's limit).
const MAX_SK_NUMBER_CHARS: usize = 100;

/// A step the action panel offers (drafting and revising are done elsewhere).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Submit,
    CheckFile(FileCheck),
    Review { recommend: bool },
    Decide(ProposalStatus),
    IssueSk,
    Inaugurate,
}

impl Action {
    /// Every action, in workflow order.
    pub const ALL: [Action; 10] = [
        Action::Submit,
        Action::CheckFile(FileCheck::Complete),
        Action::CheckFile(FileCheck::Revise),
        Action::CheckFile(FileCheck::Incomplete),
        Action::Review { recommend: true },
        Action::Review { recommend: false },
        Action::Decide(ProposalStatus::Approved),
        Action::Decide(ProposalStatus::Rejected),
        Action::IssueSk,
        Action::Inaugurate,
    ];

    /// The core's step.
    pub fn step(self) -> Step {
        match self {
            Action::Submit => Step::Submit,
            Action::CheckFile(r) => Step::CheckFile(r),
            Action::Review { recommend } => Step::Review { recommend },
            Action::Decide(s) => Step::Decide(s),
            Action::IssueSk => Step::IssueSk,
            Action::Inaugurate => Step::Inaugurate,
        }
    }

    /// A stable key, used in element ids (`action-<key>`).
    pub fn key(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::CheckFile(FileCheck::Complete) => "check-complete",
            Action::CheckFile(FileCheck::Revise) => "check-revise",
            Action::CheckFile(FileCheck::Incomplete) => "check-incomplete",
            Action::Review { recommend: true } => "recommend",
            Action::Review { recommend: false } => "not-recommend",
            Action::Decide(ProposalStatus::Rejected) => "reject",
            Action::Decide(_) => "approve",
            Action::IssueSk => "issue-sk",
            Action::Inaugurate => "inaugurate",
        }
    }

    /// The button's text in `locale`.
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            Action::Submit => td_string!(locale, usulan.step.submit),
            Action::CheckFile(FileCheck::Complete) => {
                td_string!(locale, usulan.step.check_complete)
            }
            Action::CheckFile(FileCheck::Revise) => td_string!(locale, usulan.step.check_revise),
            Action::CheckFile(FileCheck::Incomplete) => {
                td_string!(locale, usulan.step.check_incomplete)
            }
            Action::Review { recommend: true } => td_string!(locale, usulan.step.recommend),
            Action::Review { recommend: false } => td_string!(locale, usulan.step.not_recommend),
            Action::Decide(ProposalStatus::Rejected) => td_string!(locale, usulan.step.reject),
            Action::Decide(_) => td_string!(locale, usulan.step.approve),
            Action::IssueSk => td_string!(locale, usulan.step.issue_sk),
            Action::Inaugurate => td_string!(locale, usulan.step.inaugurate),
        }
    }

    /// The step needs written notes of at least [`MIN_REASON_CHARS`] characters.
    pub fn needs_reason(self) -> bool {
        self.step().needs_reason()
    }

    /// The step needs a date (the SK's, or the inauguration's).
    pub fn needs_date(self) -> bool {
        matches!(self, Action::IssueSk | Action::Inaugurate)
    }

    /// The step needs the SK's number.
    pub fn needs_number(self) -> bool {
        matches!(self, Action::IssueSk)
    }

    /// Stops or returns the proposal (shown as a secondary button).
    pub fn is_negative(self) -> bool {
        !self.step().rechecks()
    }

    /// Taken on a proposal in `from`, the step closes it for good (incomplete, not
    /// recommended, rejected, inaugurated): the panel asks once more before recording it.
    pub fn closes(self, from: ProposalStatus) -> bool {
        transition(Some(from), self.step()).is_ok_and(ProposalStatus::is_final)
    }
}

/// What the user typed in the action panel.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inputs {
    pub reason: String,
    pub number: String,
    pub date: Option<NaiveDate>,
}

/// Why `account` may not take `step` on `p` now (None: it may). `ds` (the device's data) lets
/// a planner of some OPD see whether the move is inside their scope.
pub fn refusal(account: &Account, ds: Option<&Dataset>, p: &Proposal, step: Step) -> Option<Text> {
    if let Err(e) = transition(Some(p.status), step) {
        return Some(e.0);
    }
    let city = matches!(account.scope, Some(Scope::City));
    let desk = step.desk();
    if !desk.admits(account.role, city) {
        let who = desk.label();
        return Some(Text::new(
            td_string!(Locale::id, usulan.refusal.desk_only, who = &who.id).to_string(),
            td_string!(Locale::en, usulan.refusal.desk_only, who = &who.en).to_string(),
        ));
    }
    match (desk, &account.scope) {
        (Desk::Proposer, _)
            if account.role == mutasi_core::wire::auth::Role::Employee
                && (account.nip.as_ref() != Some(&p.nip)
                    || p.source != ProposalSource::OwnRequest) =>
        {
            return Some(both!(usulan.refusal.own_only));
        }
        (Desk::Proposer, Some(Scope::Opd(list))) => {
            if let Some(ds) = ds {
                let to = ds.slot_idx(&p.slot).map(|s| ds.slot_opd(s).id.clone());
                let from = ds
                    .employee_idx(&p.nip)
                    .and_then(|e| ds.employee_slot(e))
                    .map(|s| ds.slot_opd(s).id.clone());
                let inside = |o: &Option<mutasi_core::model::UnitId>| {
                    o.as_ref().is_some_and(|o| list.contains(o))
                };
                if !inside(&to) || !inside(&from) {
                    return Some(both!(usulan.refusal.out_of_scope));
                }
            }
        }
        (Desk::Ppk, _) if workflow::reviewer(&p.history) == Some(account.username.as_str()) => {
            return Some(both!(usulan.refusal.four_eyes));
        }
        _ => {}
    }
    None
}

/// The actions `account` may take on `p` now.
pub fn available(account: &Account, ds: Option<&Dataset>, p: &Proposal) -> Vec<Action> {
    Action::ALL
        .into_iter()
        .filter(|a| refusal(account, ds, p, a.step()).is_none())
        .collect()
}

/// The proposal as it will be once the server accepts `change` (with `reason`) from `by` at
/// `at`: the status from [`transition`], the step's fields, and the history entry.
pub fn apply(
    p: &Proposal,
    change: &Change,
    reason: Option<&str>,
    by: &Account,
    at: &str,
) -> Result<Proposal, Text> {
    let step = Step::of(change).ok_or_else(|| both!(usulan.refusal.not_a_step))?;
    let to = transition(Some(p.status), step).map_err(|e| e.0)?;
    let mut next = p.clone();
    match change {
        Change::ReviseProposal {
            slot,
            tmt,
            overrides,
            ..
        } => {
            next.slot = slot.clone();
            next.tmt = *tmt;
            next.overrides = overrides.clone();
            if let Some(r) = reason {
                next.reason = r.to_string();
            }
        }
        Change::DecideProposal { .. } => next.decided_by = Some(by.username.clone()),
        Change::IssueSk { number, date, .. } => {
            next.sk = Some(SkRef {
                number: number.trim().to_string(),
                date: *date,
            })
        }
        Change::Inaugurate { on, .. } => next.inaugurated_on = Some(*on),
        _ => {}
    }
    next.status = to;
    next.history.push(ProposalEvent {
        action: change.action().to_string(),
        from: Some(p.status),
        to,
        by: by.username.clone(),
        role: by.role,
        at: at.to_string(),
        reason: reason.map(str::to_string),
    });
    Ok(next)
}

/// The op (new id `op_id`, based on the record's current version) and the optimistic local
/// copy (version + 1) of taking `action` on `item` with `inputs`; or why it cannot be taken.
pub fn build(
    item: &Item,
    action: Action,
    inputs: &Inputs,
    by: &Account,
    op_id: String,
    at: &str,
) -> Result<(Op, Record), Text> {
    let reason = inputs.reason.trim();
    if action.needs_reason() && reason.chars().count() < MIN_REASON_CHARS {
        return Err(both!(usulan.refusal.notes_min, n = MIN_REASON_CHARS));
    }
    mutasi_core::workflow::notes_length(reason)?;
    let date = match (action.needs_date(), inputs.date) {
        (true, None) => return Err(both!(usulan.refusal.date_required)),
        (_, d) => d.unwrap_or_default(),
    };
    let number = inputs.number.trim();
    if action.needs_number() && (number.is_empty() || number.chars().count() > MAX_SK_NUMBER_CHARS)
    {
        return Err(both!(usulan.refusal.sk_number, n = MAX_SK_NUMBER_CHARS));
    }
    if let (Action::Inaugurate, Some(sk)) = (action, item.proposal.sk.as_ref()) {
        if date < sk.date {
            return Err(both!(usulan.refusal.before_sk, date = sk.date));
        }
    }
    let proposal = item.proposal.id.clone();
    let change = match action {
        Action::Submit => Change::SubmitProposal { proposal },
        Action::CheckFile(result) => Change::CheckFile { proposal, result },
        Action::Review { recommend } => Change::ReviewProposal {
            proposal,
            recommend,
        },
        Action::Decide(status) => Change::DecideProposal { proposal, status },
        Action::IssueSk => Change::IssueSk {
            proposal,
            number: number.to_string(),
            date,
        },
        Action::Inaugurate => Change::Inaugurate { proposal, on: date },
    };
    let reason = (!reason.is_empty()).then_some(reason);
    let next = apply(&item.proposal, &change, reason, by, at)?;
    let op = Op {
        id: op_id,
        base_version: item.record.version,
        reason: reason.map(str::to_string),
        change,
    };
    let mut local = item.record.clone();
    local.version = item.record.version + 1;
    local.data = serde_json::to_value(&next).unwrap_or_default();
    Ok((op, local))
}
