//! What the planner has decided about a plan, kept across re-runs: moves locked in (they must
//! happen again), moves rejected (never proposed again), people kept in place, and moves forced
//! by hand. Each entry can be removed again (undo), a bulk action (a chain, a page, a filter)
//! is one [`Batch`] undone as one, and [`Constraints::request`] turns them into the next
//! [`PlanRequest`].

use std::collections::HashSet;

use chrono::NaiveDate;
use mutasi_core::model::{Nip, SlotId};
use mutasi_core::plan::{Exclusion, ForcedMove, PlanRequest, Scope};
use serde::{Deserialize, Serialize};

/// One decision of the planner.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Decision {
    /// A proposed move accepted: the next run must keep it (and it may become a proposal).
    Lock { nip: Nip, slot: SlotId },
    /// A proposed move refused: the next run may not place this person in this slot.
    Reject { nip: Nip, slot: SlotId },
    /// This person stays where they are.
    Keep { nip: Nip },
    /// A move the planner wants, typed in by hand.
    Force { nip: Nip, slot: SlotId },
}

impl Decision {
    /// The person it is about.
    pub fn nip(&self) -> &Nip {
        match self {
            Decision::Lock { nip, .. }
            | Decision::Reject { nip, .. }
            | Decision::Keep { nip }
            | Decision::Force { nip, .. } => nip,
        }
    }
}

/// What one bulk action changed: the decisions it added and the ones it replaced.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Batch {
    pub added: Vec<Decision>,
    pub removed: Vec<Decision>,
}

impl Batch {
    /// Whether it changed nothing.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// The planner's form and decisions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Constraints {
    pub scope: Scope,
    pub date: NaiveDate,
    pub max_moves: Option<u32>,
    pub decisions: Vec<Decision>,
}

impl Constraints {
    pub fn new(date: NaiveDate) -> Self {
        Self {
            scope: Scope::City,
            date,
            max_moves: None,
            decisions: Vec::new(),
        }
    }

    /// Adds `d`, replacing what it contradicts: one person has at most one lock, keep or
    /// forced move, and a rejected pair cannot also be locked.
    pub fn decide(&mut self, d: Decision) {
        let nip = d.nip().clone();
        self.decisions.retain(|x| {
            if x.nip() != &nip {
                return true;
            }
            match (x, &d) {
                // Rejections of other slots stay; the same pair is replaced.
                (
                    Decision::Reject { slot: a, .. },
                    Decision::Reject { slot: b, .. }
                    | Decision::Lock { slot: b, .. }
                    | Decision::Force { slot: b, .. },
                ) => a != b,
                // A rejection removes a lock or forced move of the same pair only.
                (
                    Decision::Lock { slot: a, .. } | Decision::Force { slot: a, .. },
                    Decision::Reject { slot: b, .. },
                ) => a != b,
                (Decision::Reject { .. }, Decision::Keep { .. })
                | (Decision::Keep { .. }, Decision::Reject { .. }) => true,
                // Lock, keep and force: one per person.
                _ => false,
            }
        });
        self.decisions.push(d);
    }

    /// Adds every decision of `list` as [`Constraints::decide`] does, and returns what changed
    /// so that [`Constraints::revert`] can undo it as one.
    pub fn decide_all(&mut self, list: impl IntoIterator<Item = Decision>) -> Batch {
        let before = self.decisions.clone();
        for d in list {
            self.decide(d);
        }
        let (was, now): (HashSet<&Decision>, HashSet<&Decision>) =
            (before.iter().collect(), self.decisions.iter().collect());
        Batch {
            added: self
                .decisions
                .iter()
                .filter(|d| !was.contains(d))
                .cloned()
                .collect(),
            removed: before
                .iter()
                .filter(|d| !now.contains(d))
                .cloned()
                .collect(),
        }
    }

    /// Removes every decision of `list` (a bulk undo), and returns what changed.
    pub fn undo_all(&mut self, list: &[Decision]) -> Batch {
        let gone: HashSet<&Decision> = list.iter().collect();
        let removed: Vec<Decision> = self
            .decisions
            .iter()
            .filter(|d| gone.contains(d))
            .cloned()
            .collect();
        self.decisions.retain(|d| !gone.contains(d));
        Batch {
            added: Vec::new(),
            removed,
        }
    }

    /// Undoes a [`Batch`]: its decisions go and the ones it replaced come back. Decisions made
    /// since stay.
    pub fn revert(&mut self, b: &Batch) {
        let added: HashSet<&Decision> = b.added.iter().collect();
        self.decisions.retain(|d| !added.contains(d));
        for d in &b.removed {
            if !self.decisions.contains(d) {
                self.decisions.push(d.clone());
            }
        }
    }

    /// Removes `d` (undo).
    pub fn undo(&mut self, d: &Decision) {
        self.decisions.retain(|x| x != d);
    }

    /// Whether the move `nip` → `slot` is locked in.
    pub fn is_locked(&self, nip: &Nip, slot: &SlotId) -> bool {
        self.decisions.iter().any(|d| {
            matches!(d, Decision::Lock { nip: n, slot: s } | Decision::Force { nip: n, slot: s }
                if n == nip && s == slot)
        })
    }

    /// The moves locked in or forced, i.e. the accepted ones.
    pub fn accepted(&self) -> impl Iterator<Item = (&Nip, &SlotId)> {
        self.decisions.iter().filter_map(|d| match d {
            Decision::Lock { nip, slot } | Decision::Force { nip, slot } => Some((nip, slot)),
            _ => None,
        })
    }

    /// The request for the next run.
    pub fn request(&self) -> PlanRequest {
        let mut req = PlanRequest::new(self.date);
        req.scope = self.scope.clone();
        req.max_moves = self.max_moves;
        for d in &self.decisions {
            match d.clone() {
                Decision::Lock { nip, slot } | Decision::Force { nip, slot } => {
                    req.forced.push(ForcedMove { nip, slot })
                }
                Decision::Reject { nip, slot } => {
                    req.exclusions.push(Exclusion::Pair { nip, slot })
                }
                Decision::Keep { nip } => req.locks.push(nip),
            }
        }
        req
    }
}
