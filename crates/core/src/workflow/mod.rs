//! The mutation workflow (DOMAIN.md §7): who may take which step on a proposal (usulan), the
//! state machine, the submission window, the rule re-check at every step, and what an
//! inauguration does to the records. Also the SK draft ([`sk`]) and the impact of moves made
//! ([`impact`]).
//!
//! ```text
//!   propose_move ─▶ draft ──submit_proposal──▶ submitted ──check_file──▶ verified
//!                    ▲  revise_proposal           │ revise / incomplete      │ review_proposal
//!                    └───────── revise ◀──────────┘       (incomplete: final)│
//!                                                       not_recommended ◀────┤ (final)
//!                                                                           recommended
//!                                                        rejected ◀── decide_proposal (final)
//!                                                                            approved
//!                                                                 issue_sk ─▶ sk_issued
//!                                                               inaugurate ─▶ inaugurated
//! ```
//!
//! | step | desk | roles |
//! |---|---|---|
//! | `propose_move`, `revise_proposal`, `submit_proposal` | [`Desk::Proposer`] | planner in scope; the employee for their own request |
//! | `check_file`, `issue_sk`, `inaugurate` | [`Desk::Bkpsdm`] | planner with city scope |
//! | `review_proposal` | [`Desk::Baperjakat`] | approver |
//! | `decide_proposal` | [`Desk::Ppk`] | approver, another account than the Baperjakat review |
//!
//! Forward steps re-check the hard rules (and soft rules without an override) on the planned
//! TMT with the data of the day ([`recheck`]): a sanction imposed after submission blocks the
//! approval with its reason. Steps that stop or return a proposal (revise, incomplete, not
//! recommended, rejected) are never blocked by the rules and need a written reason.

mod error;
pub mod impact;
mod inaugurate;
mod local;
mod op;
pub mod preferences;
pub mod sk;

pub use error::{Refusal, StepError};
pub use inaugurate::{inaugurate, MoveRecords};
pub use local::{record, Recorded};
pub use op::{
    admit, apply, may_take, take, Actor, Admission, Admitted, Applied, Reads, Taken, Target,
};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::eligibility::{eligibility, Outcome, Override, Severity};
use crate::model::{Nip, SlotId};
use crate::rules::RuleSet;
use crate::text::Text;
use crate::wire::auth::Role;
use crate::wire::sync::{Change, ChangeKind, FileCheck, ProposalEvent, ProposalStatus};
use crate::Dataset;

/// Who takes a step (a desk of the workflow, mapped onto [`Role`]s by [`Desk::admits`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Desk {
    /// The OPD / planner that drafts and submits (or the employee, for their own request).
    Proposer,
    /// BKPSDM: file check, SK, inauguration.
    Bkpsdm,
    /// Baperjakat: review with notes.
    Baperjakat,
    /// The PPK (Wali Kota): the decision.
    Ppk,
}

impl Desk {
    /// Whether an account of `role` (with city scope or not) may sit at this desk. The finer
    /// checks (the planner's scope, the employee's own NIP, four eyes) are [`admit`]'s.
    pub fn admits(self, role: Role, city_scope: bool) -> bool {
        match self {
            Desk::Proposer => matches!(role, Role::Planner | Role::Employee),
            Desk::Bkpsdm => role == Role::Planner && city_scope,
            Desk::Baperjakat | Desk::Ppk => role == Role::Approver,
        }
    }

    /// The desk's name in messages.
    pub fn label(self) -> Text {
        match self {
            Desk::Proposer => Text::new("pengusul (OPD/perencana)", "proposer (OPD/planner)"),
            Desk::Bkpsdm => Text::new("BKPSDM (perencana kota)", "BKPSDM (city planner)"),
            Desk::Baperjakat => Text::new("Baperjakat", "Baperjakat"),
            Desk::Ppk => Text::new("PPK (Wali Kota)", "PPK (Mayor)"),
        }
    }
}

/// One workflow step, as taken by a [`Change`] on a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// Draft a new proposal.
    Propose,
    /// Change a draft or a returned proposal.
    Revise,
    /// Submit it.
    Submit,
    /// BKPSDM's file check.
    CheckFile(FileCheck),
    /// Baperjakat's review.
    Review {
        /// Recommend or not.
        recommend: bool,
    },
    /// The PPK's decision (`approved` or `rejected`).
    Decide(ProposalStatus),
    /// The SK is issued.
    IssueSk,
    /// The inauguration.
    Inaugurate,
}

impl Step {
    /// The step a change takes (None: not a workflow change).
    pub fn of(change: &Change) -> Option<Step> {
        Some(match change {
            Change::SetPreferences { .. } => return None,
            Change::ProposeMove { .. } => Step::Propose,
            Change::ReviseProposal { .. } => Step::Revise,
            Change::SubmitProposal { .. } => Step::Submit,
            Change::CheckFile { result, .. } => Step::CheckFile(*result),
            Change::ReviewProposal { recommend, .. } => Step::Review {
                recommend: *recommend,
            },
            Change::DecideProposal { status, .. } => Step::Decide(*status),
            Change::IssueSk { .. } => Step::IssueSk,
            Change::Inaugurate { .. } => Step::Inaugurate,
        })
    }

    /// The step as people say it, in both languages.
    pub fn label(self) -> Text {
        match self {
            Step::Propose => Text::new("membuat usulan", "drafting a proposal"),
            Step::Revise => Text::new("memperbaiki usulan", "revising a proposal"),
            Step::Submit => Text::new("mengajukan", "submitting"),
            Step::CheckFile(_) => Text::new("cek berkas BKPSDM", "BKPSDM's file check"),
            Step::Review { recommend: true } => {
                Text::new("rekomendasi Baperjakat", "Baperjakat's recommendation")
            }
            Step::Review { recommend: false } => Text::new(
                "tidak direkomendasikan Baperjakat",
                "Baperjakat's non-recommendation",
            ),
            Step::Decide(ProposalStatus::Rejected) => {
                Text::new("penolakan PPK", "the PPK's rejection")
            }
            Step::Decide(_) => Text::new("persetujuan PPK", "the PPK's approval"),
            Step::IssueSk => Text::new("mencatat SK", "recording the SK"),
            Step::Inaugurate => Text::new("mencatat pelantikan", "recording the inauguration"),
        }
    }

    /// Who takes it.
    pub fn desk(self) -> Desk {
        match self {
            Step::Propose | Step::Revise | Step::Submit => Desk::Proposer,
            Step::CheckFile(_) | Step::IssueSk | Step::Inaugurate => Desk::Bkpsdm,
            Step::Review { .. } => Desk::Baperjakat,
            Step::Decide(_) => Desk::Ppk,
        }
    }

    /// The step carries the move forward, so the rules are checked again.
    pub fn rechecks(self) -> bool {
        match self {
            Step::CheckFile(r) => r == FileCheck::Complete,
            Step::Review { recommend } => recommend,
            Step::Decide(s) => s == ProposalStatus::Approved,
            Step::Propose | Step::Revise | Step::Submit | Step::IssueSk | Step::Inaugurate => true,
        }
    }

    /// The step must state why: a reason (draft, revision) or notes (review, decision, stop,
    /// return) of at least [`RuleSet::reason_min_chars`] characters.
    pub fn needs_reason(self) -> bool {
        !self.rechecks() || matches!(self, Step::Review { .. } | Step::Decide(_))
    }
}

/// The account that recorded the Baperjakat review of `history` (the latest one), which may not
/// also record the PPK decision (four eyes).
pub fn reviewer(history: &[ProposalEvent]) -> Option<&str> {
    let review = ChangeKind::ReviewProposal.as_str();
    history
        .iter()
        .rev()
        .find(|h| h.action == review)
        .map(|h| h.by.as_str())
}

/// Longest reason or notes a step may carry: a paragraph or two, not a pasted document (which
/// belongs in the file, not in every sync and audit row). A limit of the system, not a rule.
pub const MAX_NOTES_CHARS: usize = 2000;

/// Longest SK number (a limit of the system, not a rule; the pattern is
/// [`crate::rules::SkRules::number_pattern`]).
pub const MAX_SK_NUMBER_CHARS: usize = 100;

/// Whether `notes` (a reason or a step's notes, trimmed) fit in [`MAX_NOTES_CHARS`].
pub fn notes_length(notes: &str) -> Result<(), StepError> {
    let chars = notes.chars().count();
    if chars <= MAX_NOTES_CHARS {
        return Ok(());
    }
    Err(StepError::NotesTooLong { chars })
}

/// Whether `reason` (trimmed) may be the reason of a draft or a revision: at least
/// [`RuleSet::reason_min_chars`] characters, at most [`MAX_NOTES_CHARS`].
pub fn check_reason(rules: &RuleSet, reason: &str) -> Result<(), StepError> {
    let reason = reason.trim();
    if reason.chars().count() < rules.reason_min_chars {
        return Err(StepError::ReasonTooShort {
            min: rules.reason_min_chars,
        });
    }
    notes_length(reason)
}

/// Whether `notes` (trimmed) are enough for `step`: any notes up to [`MAX_NOTES_CHARS`], and at
/// least [`RuleSet::reason_min_chars`] characters where the step must state why
/// ([`Step::needs_reason`]; a draft's or revision's reason: [`check_reason`]).
pub fn check_notes(rules: &RuleSet, step: Step, notes: &str) -> Result<(), StepError> {
    if matches!(step, Step::Propose | Step::Revise) {
        return check_reason(rules, notes);
    }
    let notes = notes.trim();
    notes_length(notes)?;
    if step.needs_reason() && notes.chars().count() < rules.reason_min_chars {
        return Err(StepError::NotesTooShort {
            min: rules.reason_min_chars,
        });
    }
    Ok(())
}

/// The status after `step` on a proposal in `from` (None: it does not exist yet).
pub fn transition(from: Option<ProposalStatus>, step: Step) -> Result<ProposalStatus, StepError> {
    use ProposalStatus::*;
    let to = match (from, step) {
        (None, Step::Propose) => Some(Draft),
        (Some(Draft | Revise), Step::Revise) => Some(Draft),
        (Some(Draft | Revise), Step::Submit) => Some(Submitted),
        (Some(Submitted), Step::CheckFile(r)) => Some(match r {
            FileCheck::Complete => Verified,
            FileCheck::Revise => Revise,
            FileCheck::Incomplete => Incomplete,
        }),
        (Some(Verified), Step::Review { recommend }) => Some(if recommend {
            Recommended
        } else {
            NotRecommended
        }),
        (Some(Recommended), Step::Decide(s @ (Approved | Rejected))) => Some(s),
        (Some(Approved), Step::IssueSk) => Some(SkIssued),
        (Some(SkIssued), Step::Inaugurate) => Some(Inaugurated),
        _ => None,
    };
    to.ok_or(StepError::WrongStatus { step, from })
}

/// The first day on or after `today` that lies in a submission month of `rules`: `today`
/// itself inside a window (or when the list is empty), else the first day of the next one. The
/// planned TMT of a plan made on `today` when no date is given.
pub fn next_window(today: NaiveDate, rules: &RuleSet) -> NaiveDate {
    let months = &rules.submission_months;
    let m = today.month() as u8;
    if months.is_empty() || months.contains(&m) {
        return today;
    }
    let (y, nm) = match months.iter().copied().filter(|x| *x > m).min() {
        Some(x) => (today.year(), x),
        None => (today.year() + 1, months.iter().copied().min().unwrap_or(1)),
    };
    NaiveDate::from_ymd_opt(y, u32::from(nm), 1).unwrap_or(today)
}

/// Whether `today` lies in a submission month of `rules` (an empty list: open all year);
/// otherwise the reason, quoting the months and the next opening.
pub fn submission_window(today: NaiveDate, rules: &RuleSet) -> Result<(), StepError> {
    let next = next_window(today, rules);
    if next == today {
        return Ok(());
    }
    Err(StepError::OutsideWindow {
        today,
        months: rules.submission_months.clone(),
        next,
    })
}

/// The first day of the next submission month after `today` ([`RuleSet::submission_months`];
/// open all year: the first of next month): the usual effective date (TMT) of a round.
pub fn next_round(today: NaiveDate, rules: &RuleSet) -> NaiveDate {
    let open =
        |m: u32| rules.submission_months.is_empty() || rules.submission_months.contains(&(m as u8));
    let first = today.with_day(1).unwrap_or(today);
    (0..=12)
        .filter_map(|k| first.checked_add_months(chrono::Months::new(k)))
        .find(|d| *d > today && open(d.month()))
        .unwrap_or(today)
}

/// Whether an inauguration (pelantikan) on `on` may be recorded for a decree dated `sk_date`:
/// not before it. The reason quotes both dates.
pub fn inauguration_date(on: NaiveDate, sk_date: Option<NaiveDate>) -> Result<(), StepError> {
    match sk_date {
        Some(sk) if on < sk => Err(StepError::BeforeSk { on, sk }),
        _ => Ok(()),
    }
}

/// The rules again for moving `nip` into `slot` on `tmt` with `overrides`: `Ok` when allowed,
/// else [`StepError::Rules`] with the failing verdicts (hard rules, and soft rules without an
/// override).
pub fn recheck(
    ds: &Dataset,
    nip: &Nip,
    slot: &SlotId,
    tmt: NaiveDate,
    overrides: &[Override],
) -> Result<(), StepError> {
    let (Some(e), Some(s)) = (ds.employee_idx(nip), ds.slot_idx(slot)) else {
        return Ok(());
    };
    let verdicts = eligibility(ds, e, s, tmt, ds.rules());
    let decision = verdicts.decide(overrides);
    if decision.allowed {
        return Ok(());
    }
    Err(StepError::Rules(
        verdicts
            .items
            .into_iter()
            .filter(|v| {
                v.outcome == Outcome::Fail
                    && (v.severity == Severity::Hard || decision.open.contains(&v.rule))
            })
            .collect(),
    ))
}

#[cfg(test)]
mod tests;
