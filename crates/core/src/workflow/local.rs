//! What a device records for one op ([`record`]): the op, made on the version it holds and
//! saying what it expects to find, and the optimistic copy of the target record, computed by
//! [`super::take`] exactly as the server will compute it. A refusal comes back before anything
//! is queued, with the same reason the server would give.

use chrono::{DateTime, Utc};

use super::op::{take, Actor, Applied, Reads, Target};
use super::{preferences, StepError};
use crate::wire::sync::{Change, Expect, Op, Proposal, Record, RecordKind};
use crate::Dataset;

/// An op and the device's optimistic copy of its target.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// The op to queue (id as given, `base_version` and `expects` from the copy it was made on).
    pub op: Op,
    /// The target record as the server will write it (version + 1).
    pub local: Record,
}

/// `change` with `reason`, taken by `actor` at `at` on `current` (the target as the device holds
/// it; None: a new proposal), with the device's data `ds`: the op to queue under `id` and the
/// optimistic copy, or why the server would refuse it.
pub fn record(
    actor: &Actor,
    ds: &Dataset,
    current: Option<&Record>,
    id: String,
    change: Change,
    reason: Option<&str>,
    at: DateTime<Utc>,
) -> Result<Recorded, StepError> {
    let (kind, target_id) = change.target();
    let proposal = current
        .filter(|r| r.kind == RecordKind::Proposal)
        .and_then(|r| serde_json::from_value::<Proposal>(r.data.clone()).ok());
    let target = match (current, &proposal) {
        (None, _) => Target::Missing,
        (Some(_), Some(p)) => Target::Proposal(p),
        (Some(r), None) if r.kind == RecordKind::Employee => Target::Employee,
        (Some(_), None) => Target::Hidden,
    };
    let op = Op {
        id,
        base_version: current.map_or(0, |r| r.version),
        expects: proposal.as_ref().map(Expect::of),
        reason: reason
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string),
        change,
    };
    let reads = match (&op.change, &proposal) {
        (Change::Inaugurate { .. }, Some(p)) => Reads::from_dataset(ds, p),
        _ => Reads::default(),
    };
    let data = match take(actor, ds, &op, target, at, &reads)? {
        Applied::Preferences(p) => {
            let mut data = current.map(|r| r.data.clone()).unwrap_or_default();
            preferences::write(&mut data, &p);
            data
        }
        Applied::Step(taken) => serde_json::to_value(&taken.proposal).unwrap_or_default(),
    };
    let local = Record {
        kind,
        id: target_id,
        version: op.base_version + 1,
        seq: current.map_or(0, |r| r.seq),
        data,
    };
    Ok(Recorded { op, local })
}
