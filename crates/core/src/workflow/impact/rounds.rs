//! The impact round by round ([`impact_by_round`]): each round compared with the city just
//! before it, rebuilt by undoing that round and every later one.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::report::{impact, ImpactReport};
use super::undo::{reconstruct_before, NotUndone, UndoError};
use crate::rules::RuleSet;
use crate::wire::sync::{Proposal, ProposalStatus};
use crate::Dataset;

/// The impact of one round of moves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundImpact<K> {
    /// The round (an SK number, a month, …).
    pub key: K,
    /// First inauguration date in the round.
    pub first: NaiveDate,
    /// Last inauguration date in the round.
    pub last: NaiveDate,
    /// Its inaugurated proposals.
    pub proposals: Vec<String>,
    /// The report, against the city just before the round.
    pub report: ImpactReport,
    /// Moves of the round that could not be undone (left out of the report).
    pub not_undone: Vec<NotUndone>,
}

/// The impact of the inaugurated proposals among `proposals`, grouped into rounds by `key`
/// (e.g. the SK number, or the month of inauguration), in the order of each round's last
/// inauguration date. `after` is the city now; the city before each round is rebuilt by
/// undoing that round and every later one ([`reconstruct_before`]).
pub fn impact_by_round<K: Ord + Clone>(
    after: &Dataset,
    proposals: &[Proposal],
    rules: &RuleSet,
    key: impl Fn(&Proposal) -> K,
) -> Result<Vec<RoundImpact<K>>, UndoError> {
    let mut groups: BTreeMap<K, Vec<Proposal>> = BTreeMap::new();
    for p in proposals
        .iter()
        .filter(|p| p.status == ProposalStatus::Inaugurated)
    {
        groups.entry(key(p)).or_default().push(p.clone());
    }
    let on = |p: &Proposal| p.inaugurated_on.unwrap_or(p.tmt);
    let mut rounds: Vec<(K, NaiveDate, NaiveDate, Vec<Proposal>)> = groups
        .into_iter()
        .map(|(k, ps)| {
            let first = ps.iter().map(on).min().unwrap_or_default();
            let last = ps.iter().map(on).max().unwrap_or_default();
            (k, first, last, ps)
        })
        .collect();
    rounds.sort_by(|a, b| (a.2, a.1, &a.0).cmp(&(b.2, b.1, &b.0)));
    let mut out = Vec::with_capacity(rounds.len());
    let mut later: Option<Dataset> = None;
    for (key, first, last, ps) in rounds.into_iter().rev() {
        let now = later.as_ref().unwrap_or(after);
        let r = reconstruct_before(now, &ps)?;
        let report = impact(&r.before, &r.moves, now, rules);
        out.push(RoundImpact {
            key,
            first,
            last,
            proposals: ps.into_iter().map(|p| p.id).collect(),
            report,
            not_undone: r.not_undone,
        });
        later = Some(r.before);
    }
    out.reverse();
    Ok(out)
}
