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

pub mod impact;
pub mod sk;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::eligibility::{eligibility, Outcome, Override, Severity, Verdict};
use crate::model::{CurrentPost, HoldKind, Holder, PastPost, Period, Slot, SlotId};
use crate::model::{Employee, Nip};
use crate::rules::RuleSet;
use crate::text::{fmt_count, fmt_date, Text};
use crate::wire::auth::Role;
use crate::wire::sync::{Change, FileCheck, ProposalEvent, ProposalStatus};
use crate::{Dataset, DatasetParts};

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
    /// Whether an account of `role` (with city scope or not) may sit at this desk. Finer checks
    /// (the planner's scope, the employee's own NIP, four eyes) are the server's.
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
            Desk::Baperjakat => Text::new("Baperjakat (approver)", "Baperjakat (approver)"),
            Desk::Ppk => Text::new("PPK (approver)", "PPK (approver)"),
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

    /// The step must state why (notes); drafting needs a reason of at least
    /// [`MIN_REASON_CHARS`] characters, checked by the server with the proposal itself.
    pub fn needs_reason(self) -> bool {
        !self.rechecks() || matches!(self, Step::Review { .. } | Step::Decide(_))
    }
}

/// The account that recorded the Baperjakat review of `history` (the latest one), which may not
/// also record the PPK decision (four eyes).
pub fn reviewer(history: &[ProposalEvent]) -> Option<&str> {
    let review = Change::ReviewProposal {
        proposal: String::new(),
        recommend: true,
    }
    .action();
    history
        .iter()
        .rev()
        .find(|h| h.action == review)
        .map(|h| h.by.as_str())
}

/// Shortest reason accepted for a proposal ("every move states its reason").
pub const MIN_REASON_CHARS: usize = 10;

/// Longest reason or notes a step may carry: a paragraph or two, not a pasted document (which
/// belongs in the file, not in every sync and audit row).
pub const MAX_NOTES_CHARS: usize = 2000;

/// Whether `notes` (a reason or a step's notes) fit in [`MAX_NOTES_CHARS`]; the refusal quotes
/// both lengths.
pub fn notes_length(notes: &str) -> Result<(), Text> {
    let n = notes.chars().count();
    if n <= MAX_NOTES_CHARS {
        return Ok(());
    }
    Err(Text::new(
        format!(
            "alasan atau catatan terlalu panjang: {} karakter, maksimal {} karakter",
            fmt_count(n),
            fmt_count(MAX_NOTES_CHARS)
        ),
        format!("the reason or notes are too long: {n} characters, at most {MAX_NOTES_CHARS}"),
    ))
}

/// Why a step cannot be taken from a status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TransitionError(pub Text);

/// The status after `step` on a proposal in `from` (None: it does not exist yet).
pub fn transition(
    from: Option<ProposalStatus>,
    step: Step,
) -> Result<ProposalStatus, TransitionError> {
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
    to.ok_or_else(|| {
        let now = from.map_or("belum ada / none".to_string(), |s| s.to_string());
        let step = match step {
            Step::Decide(s) => format!("{step:?} → {s}"),
            _ => format!("{step:?}"),
        };
        TransitionError(Text::new(
            format!("langkah {step} tidak berlaku untuk usulan berstatus {now}"),
            format!("step {step} does not apply to a proposal in status {now}"),
        ))
    })
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
pub fn submission_window(today: NaiveDate, rules: &RuleSet) -> Result<(), Text> {
    let months = &rules.submission_months;
    let m = today.month() as u8;
    let next = next_window(today, rules);
    if next == today {
        return Ok(());
    }
    let list = months
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    Err(Text::new(
        format!(
            "usulan hanya diterima pada bulan {list}; hari ini {} (bulan {m}), jadwal berikutnya \
             dibuka {}",
            fmt_date(today),
            fmt_date(next)
        ),
        format!(
            "proposals are accepted in months {list} only; today is {today} (month {m}), the next \
             window opens {next}"
        ),
    ))
}

/// Whether an inauguration (pelantikan) on `on` may be recorded for a decree dated `sk_date`:
/// not before it. The reason quotes both dates.
pub fn inauguration_date(on: NaiveDate, sk_date: Option<NaiveDate>) -> Result<(), Text> {
    match sk_date {
        Some(sk) if on < sk => Err(Text::new(
            format!(
                "tanggal pelantikan {} sebelum tanggal SK {}; pelantikan paling cepat pada \
                 tanggal SK",
                fmt_date(on),
                fmt_date(sk)
            ),
            format!("inauguration {on} before the SK date {sk}; the earliest is the SK date"),
        )),
        _ => Ok(()),
    }
}

/// The rules again for moving `nip` into `slot` on `tmt` with `overrides`: `Ok` when allowed,
/// else the failing verdicts (hard rules, and soft rules without an override).
pub fn recheck(
    ds: &Dataset,
    nip: &Nip,
    slot: &SlotId,
    tmt: NaiveDate,
    overrides: &[Override],
) -> Result<(), Vec<Verdict>> {
    let (Some(e), Some(s)) = (ds.employee_idx(nip), ds.slot_idx(slot)) else {
        return Ok(());
    };
    let verdicts = eligibility(ds, e, s, tmt, ds.rules());
    let decision = verdicts.decide(overrides);
    if decision.allowed {
        return Ok(());
    }
    Err(verdicts
        .items
        .into_iter()
        .filter(|v| {
            v.outcome == Outcome::Fail
                && (v.severity == Severity::Hard || decision.open.contains(&v.rule))
        })
        .collect())
}

/// The records an inauguration writes: the employee with the new post (the old one moved to
/// the history), the slot left (vacant now) and the slot taken (held definitively).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveRecords {
    /// The employee after the move.
    pub employee: Employee,
    /// The slot left, if the employee held one.
    pub vacated: Option<Slot>,
    /// The slot taken.
    pub filled: Slot,
}

impl MoveRecords {
    /// Writes these records into `parts`, as the server stores them (the employee and both
    /// slots replaced by id).
    pub fn apply(&self, parts: &mut DatasetParts) {
        for emp in parts
            .employees
            .iter_mut()
            .filter(|e| e.nip == self.employee.nip)
        {
            *emp = self.employee.clone();
        }
        for s in parts.slots.iter_mut() {
            if s.id == self.filled.id {
                *s = self.filled.clone();
            } else if let Some(v) = self.vacated.as_ref().filter(|v| v.id == s.id) {
                *s = v.clone();
            }
        }
    }
}

/// What the inauguration of `employee` into `to` on `on` does to the records. `from` is the
/// slot the employee holds now (as stored: it must be their current post); `ds` supplies the
/// positions (reference data) for the history entry.
pub fn inaugurate(
    ds: &Dataset,
    employee: &Employee,
    from: Option<&Slot>,
    to: &Slot,
    on: NaiveDate,
) -> Result<MoveRecords, Text> {
    if let Some(h) = to.holder.as_ref() {
        if h.kind == HoldKind::Definitive && h.nip.as_ref() != Some(&employee.nip) {
            return Err(Text::new(
                format!(
                    "slot {} masih dijabat definitif oleh NIP {}; lantik dulu perpindahan pejabatnya",
                    to.id,
                    holder_nip(h)
                ),
                format!(
                    "slot {} is still held definitively by NIP {}; inaugurate their move first",
                    to.id,
                    holder_nip(h)
                ),
            ));
        }
    }
    let mut moved = employee.clone();
    let vacated = match (&employee.current, from) {
        (None, None) => None,
        (Some(cur), Some(old)) if cur.slot == old.id => {
            if cur.slot == to.id {
                return Err(Text::new(
                    "pegawai sudah menduduki slot ini",
                    "the employee already holds this slot",
                ));
            }
            if on <= cur.since {
                return Err(Text::new(
                    format!(
                        "tanggal pelantikan {} tidak setelah TMT jabatan sekarang {}",
                        fmt_date(on),
                        fmt_date(cur.since)
                    ),
                    format!(
                        "inauguration date {on} is not after the current post's TMT {}",
                        cur.since
                    ),
                ));
            }
            let pos = ds.position(&old.position).ok_or_else(|| {
                Text::new(
                    format!("jabatan {} tidak dikenal", old.position),
                    format!("unknown position {}", old.position),
                )
            })?;
            let end = on.pred_opt().unwrap_or(on);
            let period =
                Period::new(cur.since, end).map_err(|e| Text::new(e.to_string(), e.to_string()))?;
            moved.history.push(PastPost {
                title: pos.name.clone(),
                unit: old.unit.clone(),
                kind: pos.kind,
                field: pos.field,
                special: pos.special,
                profession: pos.profession,
                period,
            });
            let mut left = old.clone();
            left.holder = None;
            Some(left)
        }
        _ => {
            return Err(Text::new(
                "jabatan sekarang pegawai berubah sejak usulan dibuat; muat ulang data",
                "the employee's current post changed since the proposal; reload the data",
            ))
        }
    };
    moved.current = Some(CurrentPost {
        slot: to.id.clone(),
        since: on,
    });
    let mut filled = to.clone();
    filled.holder = Some(Holder {
        nip: Some(employee.nip.clone()),
        kind: HoldKind::Definitive,
        since: on,
    });
    Ok(MoveRecords {
        employee: moved,
        vacated,
        filled,
    })
}

#[cfg(test)]
mod tests;

/// The holder's NIP as shown in a message, `-` when the copy of the data withholds it.
fn holder_nip(h: &Holder) -> &str {
    h.nip.as_ref().map_or("-", |n| n.as_str())
}
