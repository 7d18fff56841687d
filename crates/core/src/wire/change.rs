//! The changes a client asks for (protocol version [`super::WIRE_VERSION`]): one [`Change`] per
//! op, the employee's preferences or one step of the proposal workflow.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::proposal::{FileCheck, ProposalSource, ProposalStatus};
use super::sync::RecordKind;
use crate::eligibility::Override;
use crate::model::{Nip, Preferences, SlotId};

/// A change a client asks for. Every workflow step on a proposal is one change (and so one
/// [`Op`](super::sync::Op) with the proposal's `base_version`): it can be drafted offline and conflicts with HTTP
/// 409 when the proposal moved on meanwhile. Who may take which step: [`crate::workflow::Desk`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    /// An employee states their preferences (only their own).
    SetPreferences {
        /// Whose.
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        nip: Nip,
        /// The new preferences.
        #[cfg_attr(feature = "openapi", schema(value_type = Object))]
        preferences: Preferences,
    },
    /// Drafts a proposal to move an employee into a slot (creates it as `draft`:
    /// `base_version` 0). Proposer desk.
    ProposeMove {
        /// New proposal id (UUID).
        proposal: String,
        /// Who moves.
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        nip: Nip,
        /// Where to.
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        slot: SlotId,
        /// Planned effective date (TMT).
        tmt: NaiveDate,
        /// Written overrides of soft rules.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
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
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        slot: SlotId,
        /// Planned effective date (TMT).
        tmt: NaiveDate,
        /// Written overrides of soft rules.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
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

    /// What kind of change it is.
    pub fn kind(&self) -> ChangeKind {
        match self {
            Change::SetPreferences { .. } => ChangeKind::SetPreferences,
            Change::ProposeMove { .. } => ChangeKind::ProposeMove,
            Change::ReviseProposal { .. } => ChangeKind::ReviseProposal,
            Change::SubmitProposal { .. } => ChangeKind::SubmitProposal,
            Change::CheckFile { .. } => ChangeKind::CheckFile,
            Change::ReviewProposal { .. } => ChangeKind::ReviewProposal,
            Change::DecideProposal { .. } => ChangeKind::DecideProposal,
            Change::IssueSk { .. } => ChangeKind::IssueSk,
            Change::Inaugurate { .. } => ChangeKind::Inaugurate,
        }
    }

    /// A short name for the audit trail and a proposal's history ([`ChangeKind::as_str`]).
    pub fn action(&self) -> &'static str {
        self.kind().as_str()
    }
}

/// The kind of a [`Change`], without its content: the `type` tag on the wire, the `action` of
/// an audit entry and of a [`super::proposal::ProposalEvent`]. Match on this rather than on
/// the names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// `set_preferences`.
    SetPreferences,
    /// `propose_move`.
    ProposeMove,
    /// `revise_proposal`.
    ReviseProposal,
    /// `submit_proposal`.
    SubmitProposal,
    /// `check_file`.
    CheckFile,
    /// `review_proposal`.
    ReviewProposal,
    /// `decide_proposal`.
    DecideProposal,
    /// `issue_sk`.
    IssueSk,
    /// `inaugurate`.
    Inaugurate,
}

impl ChangeKind {
    /// Every kind, preferences first, then the workflow in order.
    pub const ALL: [ChangeKind; 9] = [
        ChangeKind::SetPreferences,
        ChangeKind::ProposeMove,
        ChangeKind::ReviseProposal,
        ChangeKind::SubmitProposal,
        ChangeKind::CheckFile,
        ChangeKind::ReviewProposal,
        ChangeKind::DecideProposal,
        ChangeKind::IssueSk,
        ChangeKind::Inaugurate,
    ];

    /// The stable name on the wire and in the audit trail.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::SetPreferences => "set_preferences",
            ChangeKind::ProposeMove => "propose_move",
            ChangeKind::ReviseProposal => "revise_proposal",
            ChangeKind::SubmitProposal => "submit_proposal",
            ChangeKind::CheckFile => "check_file",
            ChangeKind::ReviewProposal => "review_proposal",
            ChangeKind::DecideProposal => "decide_proposal",
            ChangeKind::IssueSk => "issue_sk",
            ChangeKind::Inaugurate => "inaugurate",
        }
    }

    /// Parses [`ChangeKind::as_str`] (None: a name this version does not know).
    pub fn parse(s: &str) -> Option<ChangeKind> {
        ChangeKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
