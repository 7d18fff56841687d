//! What the planner has decided about a plan, kept across re-runs: moves locked in (they must
//! happen again), moves rejected (never proposed again), people kept in place, and moves forced
//! by hand. Each entry can be removed again (undo), and [`Constraints::request`] turns them into
//! the next [`PlanRequest`].

use chrono::NaiveDate;
use mutasi_core::model::{Nip, SlotId};
use mutasi_core::plan::{Exclusion, ForcedMove, PlanRequest, Scope};
use serde::{Deserialize, Serialize};

/// One decision of the planner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
