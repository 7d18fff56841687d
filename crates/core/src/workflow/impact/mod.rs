//! The impact of a round of moves made (inaugurated proposals): for each person, their SKP
//! before and after the move; for each unit left or joined, its ABK indicators before and after
//! (kebutuhan, bezetting, gap, shortage filled, effectiveness and class, as in
//! `crate::query::need`).
//!
//! **Where "after" comes from.** The employee record already keeps the SKP history
//! (`Employee::skp`, one predikat per year), so no new data is needed: "before" is the latest
//! predikat of a year before the move's year; "after" is the first predikat of a year after it
//! (a move on 1 January counts its own year as "after"). Until that year is assessed the
//! person's trend is [`SkpTrend::NotYetKnown`]. Predikat are compared by their score in
//! [`crate::rules::PredikatScores`].
//!
//! The input is the dataset before the round, the moves made, and the dataset after (the same
//! city with the moves done and later SKP added); the computation is pure.
//!
//! **Where "before" comes from.** A device holds only the current city, which is the "after".
//! [`reconstruct_before`] undoes the inaugurations of a list of proposals on it (the reverse of
//! [`super::inaugurate`]), and [`impact_by_round`] does so round by round, latest round first,
//! so each round is compared with the city just before it.//!
//! - `report`: the figures of one round ([`impact`], [`ImpactReport`]).
//! - `undo`: the city before a round, rebuilt from the city after it ([`reconstruct_before`]).
//! - `rounds`: the report round by round ([`impact_by_round`]).

mod report;
mod rounds;
mod undo;

pub use report::{
    impact, ImpactReport, ImpactSummary, PersonImpact, SkpTrend, UnitImpact, UnitIndicators,
};
pub use rounds::{impact_by_round, RoundImpact};
pub use undo::{reconstruct_before, NotUndone, Reconstruction, UndoError};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Nip, SlotId};
use crate::wire::sync::{Proposal, ProposalStatus};
use crate::Dataset;

/// One move made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveMade {
    /// Who.
    pub nip: Nip,
    /// The slot left (None: had no definitive post).
    pub from: Option<SlotId>,
    /// The slot taken.
    pub to: SlotId,
    /// Start of the new post (inauguration date).
    pub on: NaiveDate,
}

/// The moves made by the inaugurated proposals among `proposals`, with the slot each person
/// held in `before`.
pub fn moves_made(before: &Dataset, proposals: &[Proposal]) -> Vec<MoveMade> {
    proposals
        .iter()
        .filter(|p| p.status == ProposalStatus::Inaugurated)
        .map(|p| MoveMade {
            nip: p.nip.clone(),
            from: before
                .employee_idx(&p.nip)
                .and_then(|e| before.employee_slot(e))
                .map(|s| before.slots()[s as usize].id.clone()),
            to: p.slot.clone(),
            on: p.inaugurated_on.unwrap_or(p.tmt),
        })
        .collect()
}

#[cfg(test)]
mod tests;
