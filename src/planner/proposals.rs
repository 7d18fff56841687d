//! Accepted moves of a plan → proposals (usulan): one outbox operation per move, made on this
//! device (offline too) and sent by the sync engine. The server re-checks every rule.
//!
//! Each move is checked here first with the same core rules: a hard rule that fails stops it,
//! and a failing soft rule needs the planner's explicit override (the written reason of the
//! proposals is used as the override's reason).
//!
//! The reason written by the planner is data (it goes to the server as typed); the problems
//! found here are interface text, in both languages from `locales/*/rencana.json`.

use chrono::{DateTime, NaiveDate, Utc};
use mutasi_core::eligibility::{eligibility, Override};
use mutasi_core::model::{Nip, SlotId};
use mutasi_core::text::Text;
use mutasi_core::wire::auth::Account;
use mutasi_core::wire::sync::{Change, Op, ProposalSource, Record};
use mutasi_core::workflow::{self, Actor, StepError};
use mutasi_core::Dataset;

use super::both;
use crate::i18n::*;
use crate::ids::uuid_v7;

/// A proposal ready to be recorded: the operation and the local copy of its record.
pub struct Draft {
    pub op: Op,
    pub local: Record,
}

/// What stops a move from becoming a proposal.
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    /// The reason is missing or shorter than this many characters
    /// (`RuleSet::reason_min_chars`).
    ShortReason(usize),
    /// The reason is longer than `mutasi_core::workflow::MAX_NOTES_CHARS` characters (the core's
    /// wording).
    LongReason(Text),
    /// The person or the slot is not in this device's data.
    NotHere { slot: SlotId },
    /// The workflow refuses the draft (the core's reason: the account's scope, …).
    Refused(Text),
    /// Hard rules fail (the core's reasons).
    HardRules(Vec<Text>),
    /// Soft rules fail and no override was asked for (the core's reasons).
    NeedsOverride(Vec<Text>),
}

/// Why a move cannot become a proposal as asked.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The move's person (`None`: the whole request).
    pub nip: Option<Nip>,
    pub kind: ProblemKind,
}

/// The core's reasons in one language, joined.
fn joined(reasons: &[Text], en: bool) -> String {
    reasons
        .iter()
        .map(|t| if en { t.en.as_str() } else { t.id.as_str() })
        .collect::<Vec<_>>()
        .join("; ")
}

impl Problem {
    fn new(nip: Option<Nip>, kind: ProblemKind) -> Self {
        Problem { nip, kind }
    }

    /// The message in both languages (show it with `crate::lang::pick`).
    pub fn text(&self) -> Text {
        match &self.kind {
            ProblemKind::ShortReason(n) => {
                both(|l| td_string!(l, rencana.problems.short_reason, n = *n).to_string())
            }
            ProblemKind::LongReason(why) | ProblemKind::Refused(why) => why.clone(),
            ProblemKind::NotHere { slot } => {
                both(|l| td_string!(l, rencana.problems.not_here, slot).to_string())
            }
            ProblemKind::HardRules(r) => Text::new(joined(r, false), joined(r, true)),
            ProblemKind::NeedsOverride(r) => Text::new(
                td_string!(
                    Locale::id,
                    rencana.problems.needs_override,
                    reasons = joined(r, false)
                )
                .to_string(),
                td_string!(
                    Locale::en,
                    rencana.problems.needs_override,
                    reasons = joined(r, true)
                )
                .to_string(),
            ),
        }
    }
}

/// Drafts proposals for the `moves` (person → slot) effective on `tmt`, by account `by` at `at`,
/// coming from `source` (a plan, or an employee's own request).
///
/// `reason` (at least `RuleSet::reason_min_chars` characters) is the reason of every proposal;
/// with `override_soft` it is also the written override of each failing soft rule. Each draft
/// is the core's [`workflow::record`] of a `propose_move`, the decision the server makes.
/// Returns the problems instead when any move cannot go ahead, so that either all proposals are
/// drafted or none.
#[allow(clippy::too_many_arguments)]
pub fn drafts(
    ds: &Dataset,
    moves: &[(Nip, SlotId)],
    tmt: NaiveDate,
    reason: &str,
    override_soft: bool,
    by: &Account,
    source: ProposalSource,
    at: DateTime<Utc>,
) -> Result<Vec<Draft>, Vec<Problem>> {
    let reason = reason.trim();
    match workflow::check_reason(ds.rules(), reason) {
        Ok(()) => {}
        Err(StepError::ReasonTooShort { min }) => {
            return Err(vec![Problem::new(None, ProblemKind::ShortReason(min))])
        }
        Err(why) => {
            return Err(vec![Problem::new(
                None,
                ProblemKind::LongReason(why.text()),
            )])
        }
    }
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for (nip, slot) in moves {
        let problem = |kind| Problem::new(Some(nip.clone()), kind);
        let (Some(e), Some(s)) = (ds.employee_idx(nip), ds.slot_idx(slot)) else {
            problems.push(problem(ProblemKind::NotHere { slot: slot.clone() }));
            continue;
        };
        let verdicts = eligibility(ds, e, s, tmt, ds.rules());
        let hard: Vec<Text> = verdicts.hard_failures().map(|v| v.reason.clone()).collect();
        if !hard.is_empty() {
            problems.push(problem(ProblemKind::HardRules(hard)));
            continue;
        }
        let soft: Vec<_> = verdicts.soft_failures().collect();
        if !soft.is_empty() && !override_soft {
            let reasons: Vec<Text> = soft.iter().map(|v| v.reason.clone()).collect();
            problems.push(problem(ProblemKind::NeedsOverride(reasons)));
            continue;
        }
        let overrides: Vec<Override> = soft
            .iter()
            .filter_map(|v| Override::new(v.rule, reason).ok())
            .collect();
        let change = Change::ProposeMove {
            proposal: uuid_v7(),
            nip: nip.clone(),
            slot: slot.clone(),
            tmt,
            overrides,
            source,
        };
        match workflow::record(
            &Actor::of(by),
            ds,
            None,
            uuid_v7(),
            change,
            Some(reason),
            at,
        ) {
            Ok(r) => out.push(Draft {
                op: r.op,
                local: r.local,
            }),
            Err(why) => problems.push(problem(ProblemKind::Refused(why.text()))),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}
