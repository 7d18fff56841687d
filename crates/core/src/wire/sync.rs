//! The sync protocol on the wire (protocol version [`super::WIRE_VERSION`]).
//!
//! The server keeps one current row per record, each with a `version` (1 on creation, +1 per
//! accepted change) and the global sequence number `seq` of its last change. Sequence numbers
//! are strictly increasing in commit order, so "every record with `seq` > my cursor" is exactly
//! what a client has not seen yet.
//!
//! - **Pull** (`GET /api/sync/pull?since=&limit=`): the records the caller may see whose `seq` is
//!   above `since`, in `seq` order, one page at a time ([`PullResponse`]). Keep `cursor` and ask
//!   again while `more` is true.
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

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::auth::Role;
use crate::eligibility::{Override, Verdict};
use crate::model::{Nip, Preferences, SlotId};

/// Default page size of a pull.
pub const PULL_LIMIT_DEFAULT: u32 = 1000;
/// Largest page size of a pull.
pub const PULL_LIMIT_MAX: u32 = 5000;
/// Most operations in one push.
pub const PUSH_MAX_OPS: usize = 500;

/// The kinds of record that sync carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
}

impl RecordKind {
    /// Every kind.
    pub const ALL: [RecordKind; 7] = [
        RecordKind::Employee,
        RecordKind::Unit,
        RecordKind::Position,
        RecordKind::Slot,
        RecordKind::Need,
        RecordKind::Rules,
        RecordKind::Proposal,
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
        }
    }

    /// Parses [`RecordKind::as_str`].
    pub fn parse(s: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One record as the server holds it now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    pub data: serde_json::Value,
}

/// `GET /api/sync/pull` query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullQuery {
    /// Cursor from the previous pull (0 for everything).
    #[serde(default)]
    pub since: u64,
    /// Page size, at most [`PULL_LIMIT_MAX`] (default [`PULL_LIMIT_DEFAULT`]).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// `GET /api/sync/pull` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    /// Protocol version of the server.
    pub wire_version: u32,
    /// Records changed after `since`, in `seq` order.
    pub records: Vec<Record>,
    /// Where the next pull starts.
    pub cursor: u64,
    /// More records wait: pull again from `cursor`.
    pub more: bool,
}

/// Where a proposal (usulan) stands in the workflow (DOMAIN.md §7; see [`crate::workflow`] for
/// the transitions and which desk takes each step).
///
/// `draft → submitted → verified → recommended → approved → sk_issued → inaugurated`, with the
/// side exits `revise` (file returned to the proposer, who revises and resubmits), `incomplete`,
/// `not_recommended` and `rejected` (final).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalStatus {
    /// Drafted (by a planner, from a plan, or by the employee); not yet submitted.
    Draft,
    /// Submitted by the OPD / planner (or the employee's own request), waiting for BKPSDM's file
    /// check. Records of wire version 1 before the workflow said `proposed`.
    #[serde(alias = "proposed")]
    Submitted,
    /// BKPSDM returned the file for revision; the proposer revises and resubmits.
    Revise,
    /// BKPSDM found the file incomplete (final; a new proposal is needed).
    Incomplete,
    /// BKPSDM found the file complete; waiting for Baperjakat.
    Verified,
    /// Baperjakat recommends it; waiting for the PPK.
    Recommended,
    /// Baperjakat does not recommend it (final).
    NotRecommended,
    /// Approved by the PPK (Wali Kota); waiting for the SK.
    Approved,
    /// Rejected by the PPK (final).
    Rejected,
    /// The SK (decree) is issued; waiting for the inauguration.
    SkIssued,
    /// Inaugurated (pelantikan): the employee holds the new post (final).
    Inaugurated,
}

impl ProposalStatus {
    /// Every status, in workflow order.
    pub const ALL: [ProposalStatus; 11] = [
        ProposalStatus::Draft,
        ProposalStatus::Submitted,
        ProposalStatus::Revise,
        ProposalStatus::Incomplete,
        ProposalStatus::Verified,
        ProposalStatus::Recommended,
        ProposalStatus::NotRecommended,
        ProposalStatus::Approved,
        ProposalStatus::Rejected,
        ProposalStatus::SkIssued,
        ProposalStatus::Inaugurated,
    ];

    /// The stable name used on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalStatus::Draft => "draft",
            ProposalStatus::Submitted => "submitted",
            ProposalStatus::Revise => "revise",
            ProposalStatus::Incomplete => "incomplete",
            ProposalStatus::Verified => "verified",
            ProposalStatus::Recommended => "recommended",
            ProposalStatus::NotRecommended => "not_recommended",
            ProposalStatus::Approved => "approved",
            ProposalStatus::Rejected => "rejected",
            ProposalStatus::SkIssued => "sk_issued",
            ProposalStatus::Inaugurated => "inaugurated",
        }
    }

    /// No step leads out of it.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ProposalStatus::Incomplete
                | ProposalStatus::NotRecommended
                | ProposalStatus::Rejected
                | ProposalStatus::Inaugurated
        )
    }
}

impl std::fmt::Display for ProposalStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a proposal comes from (DOMAIN.md §7.1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalSource {
    /// Drafted by a planner by hand (the OPD's or BKPSDM's usulan).
    #[default]
    Planner,
    /// Taken from a city plan ([`crate::plan`]).
    Plan,
    /// The employee's own request (permohonan sendiri); the only source an employee may use.
    OwnRequest,
}

/// BKPSDM's verdict on a proposal's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileCheck {
    /// Complete: goes on to Baperjakat.
    Complete,
    /// To revise: back to the proposer.
    Revise,
    /// Incomplete: closed.
    Incomplete,
}

/// A change a client asks for. Every workflow step on a proposal is one change (and so one
/// [`Op`] with the proposal's `base_version`): it can be drafted offline and conflicts with HTTP
/// 409 when the proposal moved on meanwhile. Who may take which step: [`crate::workflow::Desk`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    /// An employee states their preferences (only their own).
    SetPreferences {
        /// Whose.
        nip: Nip,
        /// The new preferences.
        preferences: Preferences,
    },
    /// Drafts a proposal to move an employee into a slot (creates it as `draft`:
    /// `base_version` 0). Proposer desk.
    ProposeMove {
        /// New proposal id (UUID).
        proposal: String,
        /// Who moves.
        nip: Nip,
        /// Where to.
        slot: SlotId,
        /// Planned effective date (TMT).
        tmt: NaiveDate,
        /// Written overrides of soft rules.
        #[serde(default)]
        overrides: Vec<Override>,
        /// Where the proposal comes from (default `planner`; employees: `own_request`).
        #[serde(default)]
        source: ProposalSource,
    },
    /// Changes a `draft` or `revise` proposal (it becomes `draft` again). Proposer desk.
    ReviseProposal {
        /// Which proposal.
        proposal: String,
        /// Where to.
        slot: SlotId,
        /// Planned effective date (TMT).
        tmt: NaiveDate,
        /// Written overrides of soft rules.
        #[serde(default)]
        overrides: Vec<Override>,
    },
    /// Submits a `draft` or `revise` proposal, inside a submission month. Proposer desk.
    SubmitProposal {
        /// Which proposal.
        proposal: String,
    },
    /// BKPSDM checks the file of a `submitted` proposal. BKPSDM desk.
    CheckFile {
        /// Which proposal.
        proposal: String,
        /// Complete, to revise, or incomplete.
        result: FileCheck,
    },
    /// Baperjakat reviews a `verified` proposal; the op's `reason` holds the notes. Baperjakat
    /// desk.
    ReviewProposal {
        /// Which proposal.
        proposal: String,
        /// Recommend (true) or not (false).
        recommend: bool,
    },
    /// The PPK decides a `recommended` proposal: `approved` or `rejected`. PPK desk.
    DecideProposal {
        /// Which proposal.
        proposal: String,
        /// `approved` or `rejected`.
        status: ProposalStatus,
    },
    /// BKPSDM records the SK (decree) of an `approved` proposal. BKPSDM desk.
    IssueSk {
        /// Which proposal.
        proposal: String,
        /// The decree's number, e.g. `821.2/012/BKPSDM-III/2027`.
        number: String,
        /// The decree's date.
        date: NaiveDate,
    },
    /// BKPSDM records the inauguration (pelantikan) of an `sk_issued` proposal: the employee
    /// takes the new post from `on` (their record and both slots change in the same
    /// transaction). BKPSDM desk.
    Inaugurate {
        /// Which proposal.
        proposal: String,
        /// Date of the inauguration, the start of the new post.
        on: NaiveDate,
    },
}

impl Change {
    /// The record this change writes.
    pub fn target(&self) -> (RecordKind, String) {
        match self {
            Change::SetPreferences { nip, .. } => (RecordKind::Employee, nip.to_string()),
            Change::ProposeMove { proposal, .. }
            | Change::ReviseProposal { proposal, .. }
            | Change::SubmitProposal { proposal }
            | Change::CheckFile { proposal, .. }
            | Change::ReviewProposal { proposal, .. }
            | Change::DecideProposal { proposal, .. }
            | Change::IssueSk { proposal, .. }
            | Change::Inaugurate { proposal, .. } => (RecordKind::Proposal, proposal.clone()),
        }
    }

    /// A short name for the audit trail.
    pub fn action(&self) -> &'static str {
        match self {
            Change::SetPreferences { .. } => "set_preferences",
            Change::ProposeMove { .. } => "propose_move",
            Change::ReviseProposal { .. } => "revise_proposal",
            Change::SubmitProposal { .. } => "submit_proposal",
            Change::CheckFile { .. } => "check_file",
            Change::ReviewProposal { .. } => "review_proposal",
            Change::DecideProposal { .. } => "decide_proposal",
            Change::IssueSk { .. } => "issue_sk",
            Change::Inaugurate { .. } => "inaugurate",
        }
    }
}

/// One client operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Op {
    /// Client-generated UUID v7; the same id is never applied twice.
    pub id: String,
    /// The version of the target record the client saw (0: it does not exist yet).
    pub base_version: u64,
    /// Why (required for moves and decisions; kept in the audit trail).
    #[serde(default)]
    pub reason: Option<String>,
    /// What.
    pub change: Change,
}

/// `POST /api/sync/push` request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushRequest {
    /// At most [`PUSH_MAX_OPS`] operations, applied in order, all or none.
    pub ops: Vec<Op>,
}

/// How an op was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpStatus {
    /// Applied now.
    Applied,
    /// Applied by an earlier push with the same id; acknowledged, not applied again.
    Duplicate,
}

/// The result of one op of an accepted push.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
pub struct PushResponse {
    /// One result per op, in order.
    pub results: Vec<OpResult>,
}

/// `details` of a 409 `conflict`: the batch was not applied because an op's base version is
/// not the record's current version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
pub struct Refusal {
    /// The op's id.
    pub op: String,
    /// Its position in the batch.
    pub index: usize,
    /// The failing rules with their reasons.
    pub verdicts: Vec<Verdict>,
}

/// A proposal record (`data` of a [`RecordKind::Proposal`] record). Pulled by planners of its
/// OPD, city-wide accounts, and the employee it is about, who follows its `history`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// Id (UUID).
    pub id: String,
    /// Who moves.
    pub nip: Nip,
    /// Where to.
    pub slot: SlotId,
    /// Planned effective date (TMT).
    pub tmt: NaiveDate,
    /// Why.
    pub reason: String,
    /// Overrides of soft rules.
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// Where it stands.
    pub status: ProposalStatus,
    /// Where it comes from.
    #[serde(default)]
    pub source: ProposalSource,
    /// Account that drafted it.
    pub proposed_by: String,
    /// Account of the PPK decision.
    #[serde(default)]
    pub decided_by: Option<String>,
    /// The SK, once issued.
    #[serde(default)]
    pub sk: Option<SkRef>,
    /// The inauguration date, once inaugurated.
    #[serde(default)]
    pub inaugurated_on: Option<NaiveDate>,
    /// Every step taken, oldest first: who, when, what, why.
    #[serde(default)]
    pub history: Vec<ProposalEvent>,
}

/// The SK (decree) a proposal was issued in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkRef {
    /// Number, e.g. `821.2/012/BKPSDM-III/2027`.
    pub number: String,
    /// Date.
    pub date: NaiveDate,
}

/// One step of a proposal's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalEvent {
    /// The step, as [`Change::action`] (`propose_move`, `submit_proposal`, …).
    pub action: String,
    /// Status before (None on creation).
    pub from: Option<ProposalStatus>,
    /// Status after.
    pub to: ProposalStatus,
    /// Account.
    pub by: String,
    /// The account's role.
    pub role: Role,
    /// When the server accepted it (RFC 3339, UTC).
    pub at: String,
    /// Why / the notes.
    #[serde(default)]
    pub reason: Option<String>,
}

/// One entry of the append-only audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Position in the trail (increasing).
    pub id: u64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who (account name).
    pub actor: String,
    /// The actor's role at the time.
    pub role: Role,
    /// What kind of action, e.g. `propose_move`, `user_add`.
    pub action: String,
    /// The record touched, e.g. `proposal/0193…`.
    pub target: String,
    /// Sequence number of the change (0 for actions outside sync).
    pub seq: u64,
    /// The client op id (empty outside sync).
    pub op: String,
    /// Why.
    pub reason: Option<String>,
    /// The change as sent.
    pub change: serde_json::Value,
    /// The employee the change concerns, if any.
    #[serde(default)]
    pub nip: Option<String>,
    /// The OPD it touches (for a move: where from and where to).
    #[serde(default)]
    pub opd: Vec<String>,
}

/// `GET /api/audit` and `GET /api/audit.csv` filters (all optional, combined with AND).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Only changes concerning this NIP.
    #[serde(default)]
    pub nip: Option<String>,
    /// Only changes touching this OPD (unit id of the OPD).
    #[serde(default)]
    pub unit: Option<String>,
    /// Only changes by this account.
    #[serde(default)]
    pub actor: Option<String>,
    /// From this day (inclusive, `YYYY-MM-DD`, UTC).
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Up to this day (inclusive, `YYYY-MM-DD`, UTC).
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

/// `GET /api/audit?since=&limit=` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    /// Entries after `since`, oldest first.
    pub entries: Vec<AuditEntry>,
    /// Where the next page starts.
    pub cursor: u64,
    /// More entries wait.
    pub more: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
