//! The sync protocol on the wire (protocol version [`super::WIRE_VERSION`]).
//!
//! The server keeps one current row per record, each with a `version` (1 on creation, +1 per
//! accepted change) and the global sequence number `seq` of its last change. Sequence numbers
//! are strictly increasing in commit order, so "every record with `seq` > my cursor" is exactly
//! what a client has not seen yet.
//!
//! - **Pull** (`GET /api/sync/pull?since=&limit=`): the records the caller may see whose `seq` is
//!   above `since`, in `seq` order, one page at a time ([`PullResponse`]). Keep `cursor` and ask
//!   again while `more` is true. Asked with `count=true` (the first page of a sync), `remaining`
//!   says how many records the caller may see are left after the page (at the sequence number
//!   the page was bounded by), so a first sync can show "N of M" with M = received + this page
//!   + `remaining`.
//! - **Push** (`POST /api/sync/push`, [`PushRequest`]): a batch of [`Op`]s, applied in order and
//!   atomically (all or none). Each op carries a client-generated UUID v7 `id` and the
//!   `base_version` of the record it was made on (0 to create). A repeated `id` is acknowledged
//!   as [`OpStatus::Duplicate`] and not applied twice. A stale `base_version` refuses the batch
//!   with HTTP 409 whose `details` is a [`Conflict`] carrying the server's current record; a
//!   move that breaks a hard rule refuses it with HTTP 422 whose `details` is a [`Refusal`].
//! - **Workflow**: each step on a [`Proposal`] is one [`Change`] (`propose_move`,
//!   `revise_proposal`, `submit_proposal`, `check_file`, `review_proposal`, `decide_proposal`,
//!   `issue_sk`, `inaugurate`) pushed as an op on the proposal record, so steps can be queued
//!   offline and conflict by `base_version` like any other change. Who may take each step:
//!   [`crate::workflow`]. Each accepted step appends a [`ProposalEvent`] to the proposal's
//!   `history`; the employee the proposal is about pulls it. An `inaugurate` also writes the
//!   employee record and both slots (new versions, new sequence numbers, same transaction).
//! - **Audit** (`GET /api/audit`, `GET /api/audit.csv`): [`AuditEntry`] pages, filtered by
//!   [`AuditFilter`].
//!
//! The proposal record and its steps are in [`super::proposal`] and [`super::change`], the audit
//! trail in [`super::audit`]; they are re-exported here, where the protocol uses them.

use serde::{Deserialize, Serialize};

use crate::eligibility::Verdict;

pub use super::audit::{AuditEntry, AuditFilter, AuditPage};
pub use super::change::{Change, ChangeKind};
pub use super::proposal::{
    FileCheck, Proposal, ProposalEvent, ProposalSource, ProposalStatus, SkRef,
};

/// Default page size of a pull.
pub const PULL_LIMIT_DEFAULT: u32 = 1000;
/// Largest page size of a pull.
pub const PULL_LIMIT_MAX: u32 = 5000;
/// Most operations in one push.
pub const PUSH_MAX_OPS: usize = 500;

/// The kinds of record that sync carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// An [`crate::model::Employee`]; id = NIP.
    Employee,
    /// A [`crate::model::Unit`]; id = unit id.
    Unit,
    /// A [`crate::model::Position`]; id = position id.
    Position,
    /// A [`crate::model::Slot`]; id = slot id.
    Slot,
    /// An [`crate::model::AbkNeed`]; id = `unit|position`.
    Need,
    /// The [`crate::RuleSet`] in force; id = `default`.
    Rules,
    /// A [`Proposal`]; id = the proposal's UUID.
    Proposal,
    /// An [`crate::model::OutcomeRecord`] (a unit's indicator in a year, from the workbook's
    /// `capaian` sheet); id = `unit|year|INDICATOR` ([`crate::model::OutcomeRecord::record_id`]).
    /// Evidence for the impact evaluation, not part of a [`crate::Dataset`]: no rule reads it.
    Outcome,
}

impl RecordKind {
    /// Every kind.
    pub const ALL: [RecordKind; 8] = [
        RecordKind::Employee,
        RecordKind::Unit,
        RecordKind::Position,
        RecordKind::Slot,
        RecordKind::Need,
        RecordKind::Rules,
        RecordKind::Proposal,
        RecordKind::Outcome,
    ];

    /// The kinds a [`crate::Dataset`] is made of (every kind but proposals and outcomes: no
    /// rule check reads them, so writing them never moves the dataset's generation).
    pub const DATASET: [RecordKind; 6] = [
        RecordKind::Employee,
        RecordKind::Unit,
        RecordKind::Position,
        RecordKind::Slot,
        RecordKind::Need,
        RecordKind::Rules,
    ];

    /// The stable name used on the wire and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Employee => "employee",
            RecordKind::Unit => "unit",
            RecordKind::Position => "position",
            RecordKind::Slot => "slot",
            RecordKind::Need => "need",
            RecordKind::Rules => "rules",
            RecordKind::Proposal => "proposal",
            RecordKind::Outcome => "outcome",
        }
    }

    /// Parses [`RecordKind::as_str`].
    pub fn parse(s: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One record as the server holds it now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Record {
    /// Kind.
    pub kind: RecordKind,
    /// Id within the kind.
    pub id: String,
    /// 1 on creation, +1 per accepted change.
    pub version: u64,
    /// Sequence number of the last change.
    pub seq: u64,
    /// The record itself (an `Employee`, `Unit`, … or [`Proposal`] as JSON).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub data: serde_json::Value,
}

/// `GET /api/sync/pull` query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PullQuery {
    /// Cursor from the previous pull (0 for everything).
    #[serde(default)]
    pub since: u64,
    /// Page size, at most [`PULL_LIMIT_MAX`] (default [`PULL_LIMIT_DEFAULT`]).
    #[serde(default)]
    pub limit: Option<u32>,
    /// Ask for [`PullResponse::remaining`] (a count of the caller's scope: a client asks on
    /// the first page of each sync, not on every page).
    #[serde(default)]
    pub count: bool,
}

/// `GET /api/sync/pull` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PullResponse {
    /// Protocol version of the server.
    pub wire_version: u32,
    /// Records changed after `since`, in `seq` order.
    pub records: Vec<Record>,
    /// Where the next pull starts.
    pub cursor: u64,
    /// More records wait: pull again from `cursor`.
    pub more: bool,
    /// When the query asked (`count`): how many records the caller may see remain after this
    /// page, up to the sequence number this page was bounded by (0 when `more` is false).
    /// Counted with the caller's own visibility, so it never reveals records the caller may not
    /// pull. Added after the first release: absent from an older server's answer (`None`), and
    /// an older app ignores it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining: Option<u64>,
}

impl PullResponse {
    /// The records of the whole pull this page belongs to, given how many were `received` on
    /// the earlier pages: `received` + this page + [`PullResponse::remaining`] (None from a
    /// server that does not say).
    pub fn total(&self, received: u64) -> Option<u64> {
        let this = self.records.len() as u64;
        match (self.more, self.remaining) {
            (false, _) => Some(received + this),
            (true, Some(left)) => Some(received + this + left),
            (true, None) => None,
        }
    }
}

/// One client operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Op {
    /// Client-generated UUID v7; the same id is never applied twice.
    pub id: String,
    /// The version of the target record the client saw (0: it does not exist yet).
    pub base_version: u64,
    /// What the client saw of the target besides its version (added in version 1 after the
    /// first release; absent from ops queued by older apps, which the server compares by
    /// `base_version` alone). See [`Op::builds_on`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expects: Option<Expect>,
    /// Why (required for moves and decisions; kept in the audit trail).
    #[serde(default)]
    pub reason: Option<String>,
    /// What.
    pub change: Change,
}

impl Op {
    /// Whether this op was made on `current`, the target as stored (None: it does not exist):
    /// the same version and, when the op says what it expects, a proposal in that status with
    /// that fingerprint. Otherwise the server answers 409 with its record.
    ///
    /// The version alone is not enough: a device that queued two steps offline numbers the
    /// second on its own optimistic copy of the first. If the server refuses the first while
    /// another account moved the proposal to the same version number, the second would land on
    /// a state the device never showed; its `expects` makes it a conflict instead.
    pub fn builds_on(&self, current: Option<&Record>) -> bool {
        if current.map_or(0, |c| c.version) != self.base_version {
            return false;
        }
        let Some(expects) = &self.expects else {
            return true;
        };
        current
            .and_then(|c| serde_json::from_value::<Proposal>(c.data.clone()).ok())
            .is_some_and(|p| Expect::of(&p) == *expects)
    }
}

/// What an op on a proposal expects to find: the status and the [`Proposal::fingerprint`] of
/// the copy it was made on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Expect {
    /// The proposal's status.
    pub status: ProposalStatus,
    /// Its fingerprint.
    pub fingerprint: String,
}

impl Expect {
    /// What an op made on `p` expects.
    pub fn of(p: &Proposal) -> Expect {
        Expect {
            status: p.status,
            fingerprint: p.fingerprint(),
        }
    }
}

/// `POST /api/sync/push` request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushRequest {
    /// At most [`PUSH_MAX_OPS`] operations, applied in order, all or none.
    pub ops: Vec<Op>,
}

/// How an op was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OpStatus {
    /// Applied now.
    Applied,
    /// Applied by an earlier push with the same id; acknowledged, not applied again.
    Duplicate,
}

/// The result of one op of an accepted push.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpResult {
    /// The op's id.
    pub op: String,
    /// Applied now or earlier.
    pub status: OpStatus,
    /// Sequence number given to the change.
    pub seq: u64,
    /// Kind of the record written.
    pub kind: RecordKind,
    /// Id of the record written.
    pub id: String,
    /// Version of the record after the change.
    pub version: u64,
}

/// `POST /api/sync/push` response (HTTP 200: every op is applied or acknowledged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResponse {
    /// One result per op, in order.
    pub results: Vec<OpResult>,
}

/// `details` of a 409 `conflict`: the batch was not applied because an op's base version is
/// not the record's current version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Conflict {
    /// The op's id.
    pub op: String,
    /// Its position in the batch.
    pub index: usize,
    /// The base version the op was made on.
    pub base_version: u64,
    /// The server's current record (None: it does not exist).
    pub current: Option<Record>,
}

/// `details` of a 422 `rule_violation`: a move breaks a hard rule (or a soft rule without an
/// override); nothing of the batch was applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Refusal {
    /// The op's id.
    pub op: String,
    /// Its position in the batch.
    pub index: usize,
    /// The failing rules with their reasons.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub verdicts: Vec<Verdict>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::auth::Role;

    #[test]
    fn ops_round_trip_and_reject_bad_nip() {
        let json = r#"{"id":"0193a1b2-0000-7000-8000-000000000001","base_version":0,"reason":"kebutuhan organisasi","change":{"type":"propose_move","proposal":"p1","nip":"198503122010011003","slot":"DISDIK/X-1","tmt":"2027-04-01"}}"#;
        let op: Op = serde_json::from_str(json).unwrap();
        assert_eq!(op.change.target(), (RecordKind::Proposal, "p1".to_string()));
        assert_eq!(op.change.action(), "propose_move");
        let back: Op = serde_json::from_str(&serde_json::to_string(&op).unwrap()).unwrap();
        assert_eq!(back, op);
        let bad = json.replace("198503122010011003", "198502292010011003");
        assert!(serde_json::from_str::<Op>(&bad).is_err());
    }

    #[test]
    fn kinds_and_roles_parse_their_names() {
        for k in RecordKind::ALL {
            assert_eq!(RecordKind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
        }
        assert_eq!(RecordKind::parse("nope"), None);
    }

    #[test]
    fn a_pull_page_names_the_total_when_the_server_says_what_remains() {
        // An older server's page: no `remaining`, no total until the last page.
        let old: PullResponse =
            serde_json::from_str(r#"{"wire_version":1,"records":[],"cursor":7,"more":true}"#)
                .unwrap();
        assert_eq!(old.remaining, None);
        assert_eq!(old.total(5000), None);
        assert!(!serde_json::to_string(&old).unwrap().contains("remaining"));
        let record = |seq| Record {
            kind: RecordKind::Slot,
            id: format!("s{seq}"),
            version: 1,
            seq,
            data: serde_json::Value::Null,
        };
        let page = PullResponse {
            wire_version: 1,
            records: vec![record(1), record(2)],
            cursor: 2,
            more: true,
            remaining: Some(9),
        };
        assert_eq!(page.total(4), Some(15));
        let back: PullResponse =
            serde_json::from_str(&serde_json::to_string(&page).unwrap()).unwrap();
        assert_eq!(back, page);
        // The last page: everything is in, whatever `remaining` says.
        let last = PullResponse {
            more: false,
            remaining: None,
            ..page
        };
        assert_eq!(last.total(4), Some(6));
    }
}
