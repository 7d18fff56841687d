//! The workflow steps a signed-in account may take on a proposal now, and the op and optimistic
//! local copy each step records. Every decision is the core's, the very functions the server
//! runs: [`workflow::may_take`] says which steps the account may take (desk, own request,
//! planner scope, four eyes, status), [`workflow::record`] takes one (notes, window, rules,
//! inputs) and makes the op and the copy. This module only maps the panel's buttons and inputs
//! onto changes.

use chrono::{DateTime, NaiveDate, Utc};
use mutasi_core::text::Text;
use mutasi_core::wire::auth::Account;
use mutasi_core::wire::sync::{Change, FileCheck, Op, Proposal, ProposalStatus, Record};
use mutasi_core::workflow::{self, transition, Actor, Step, StepError};
use mutasi_core::Dataset;

use crate::i18n::*;
use crate::state::proposals::Item;

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

    /// The step needs written notes (of at least `RuleSet::reason_min_chars` characters).
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

    /// The change this action makes on `proposal` with `inputs`; a missing date is refused here
    /// (the form's own check: without it there is no change to judge).
    pub fn change(self, proposal: String, inputs: &Inputs) -> Result<Change, Text> {
        let date = match (self.needs_date(), inputs.date) {
            (true, None) => return Err(both!(usulan.refusal.date_required)),
            (_, d) => d.unwrap_or_default(),
        };
        Ok(match self {
            Action::Submit => Change::SubmitProposal { proposal },
            Action::CheckFile(result) => Change::CheckFile { proposal, result },
            Action::Review { recommend } => Change::ReviewProposal {
                proposal,
                recommend,
            },
            Action::Decide(status) => Change::DecideProposal { proposal, status },
            Action::IssueSk => Change::IssueSk {
                proposal,
                number: inputs.number.clone(),
                date,
            },
            Action::Inaugurate => Change::Inaugurate { proposal, on: date },
        })
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

/// Why `account` may not take `step` on `p` now (None: it may), on the device's data `ds`.
pub fn refusal(account: &Account, ds: &Dataset, p: &Proposal, step: Step) -> Option<StepError> {
    workflow::may_take(&Actor::of(account), ds, p, step).err()
}

/// The actions `account` may take on `p` now (none before the device's data is loaded: the
/// scope and the people are in it).
pub fn available(account: &Account, ds: Option<&Dataset>, p: &Proposal) -> Vec<Action> {
    let Some(ds) = ds else {
        return Vec::new();
    };
    Action::ALL
        .into_iter()
        .filter(|a| refusal(account, ds, p, a.step()).is_none())
        .collect()
}

/// Whether the four-eyes rule is what keeps `account` from the next step on `p`: it recorded
/// the Baperjakat review, so the PPK decision must come from another account. The panel says so
/// rather than "no step for your account".
pub fn held_by_four_eyes(account: &Account, ds: &Dataset, p: &Proposal) -> bool {
    Action::ALL
        .into_iter()
        .any(|a| matches!(refusal(account, ds, p, a.step()), Some(StepError::FourEyes)))
}

/// The op (new id `op_id`, on the record's current version) and the optimistic local copy
/// (version + 1) of taking `action` on `item` with `inputs` at `at`; or why it cannot be taken,
/// in the server's words.
pub fn build(
    item: &Item,
    action: Action,
    inputs: &Inputs,
    by: &Account,
    ds: &Dataset,
    op_id: String,
    at: DateTime<Utc>,
) -> Result<(Op, Record), Text> {
    let change = action.change(item.proposal.id.clone(), inputs)?;
    workflow::record(
        &Actor::of(by),
        ds,
        Some(&item.record),
        op_id,
        change,
        Some(&inputs.reason),
        at,
    )
    .map(|r| (r.op, r.local))
    .map_err(|e| e.text())
}
