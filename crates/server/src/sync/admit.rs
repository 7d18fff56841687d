//! Who may take an op at all, decided before anything about the target's version, status or
//! rules is told ([`admit_op`]): `mutasi_core::workflow::admit` (the role, the scope, the desk,
//! the own request, four eyes) on the target as the caller may see it.
//!
//! Answers never tell more than the caller's own pull would: an existing proposal the caller may
//! not see is "not found", exactly like one that does not exist, and nothing of it (its status,
//! its version, its content) is in the answer.

use mutasi_core::wire::sync::{Op, Proposal, RecordKind};
use mutasi_core::workflow::{self, Actor, Admitted, Target};
use mutasi_core::Dataset;

use super::visibility::visibility;
use super::OpRefusal;
use crate::db::{StoredRecord, User};

/// The workflow's actor for a signed-in account.
pub fn actor(user: &User) -> Actor<'_> {
    Actor {
        username: &user.username,
        role: user.role,
        nip: user.nip.as_ref(),
        scope: user.scope.as_ref(),
    }
}

/// `current` (the op's target as stored) parsed as a proposal, when it is one and reads as one.
pub fn stored_proposal(current: Option<&StoredRecord>) -> Option<Proposal> {
    current
        .filter(|c| c.record.kind == RecordKind::Proposal)
        .and_then(|c| serde_json::from_value(c.record.data.clone()).ok())
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
    let proposal = stored_proposal(current);
    let target = match (current, &proposal) {
        // A removed record (a tombstone) is not there.
        (None, _) => Target::Missing,
        (Some(c), _) if c.record.data.is_null() => Target::Missing,
        (Some(c), _) if c.record.kind == RecordKind::Employee => Target::Employee,
        // A record the caller may not see is, to them, not there.
        (Some(c), Some(p)) if visibility(user).admits(c) => Target::Proposal(p),
        (Some(_), _) => Target::Hidden,
    };
    workflow::admit(&actor(user), ds, op, target).map_err(|e| OpRefusal::step(op, index, e))
}
