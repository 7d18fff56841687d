//! The proposal (usulan) record on the wire (protocol version [`super::WIRE_VERSION`]): where it
//! stands ([`ProposalStatus`]), where it comes from, BKPSDM's file check, the SK it was issued
//! in, and its history. The steps that change it are [`super::change::Change`]s; who may take
//! them and what they do is [`crate::workflow`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::auth::Role;
use crate::eligibility::Override;
use crate::model::{Nip, SlotId};

/// Where a proposal (usulan) stands in the workflow (DOMAIN.md §7; see [`crate::workflow`] for
/// the transitions and which desk takes each step).
///
/// `draft → submitted → verified → recommended → approved → sk_issued → inaugurated`, with the
/// side exits `revise` (file returned to the proposer, who revises and resubmits), `incomplete`,
/// `not_recommended` and `rejected` (final).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

    /// The status as people say it, in both languages (the app's `usulan.status.*` words).
    pub fn label(self) -> crate::text::Text {
        let (id, en) = match self {
            ProposalStatus::Draft => ("Konsep", "Draft"),
            ProposalStatus::Submitted => ("Diajukan", "Submitted"),
            ProposalStatus::Revise => ("Perlu perbaikan", "To revise"),
            ProposalStatus::Incomplete => ("Berkas tidak lengkap", "Incomplete"),
            ProposalStatus::Verified => ("Berkas lengkap", "Verified"),
            ProposalStatus::Recommended => ("Direkomendasikan", "Recommended"),
            ProposalStatus::NotRecommended => ("Tidak direkomendasikan", "Not recommended"),
            ProposalStatus::Approved => ("Disetujui PPK", "Approved"),
            ProposalStatus::Rejected => ("Ditolak PPK", "Rejected"),
            ProposalStatus::SkIssued => ("SK terbit", "SK issued"),
            ProposalStatus::Inaugurated => ("Dilantik", "Inaugurated"),
        };
        crate::text::Text::new(id, en)
    }

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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FileCheck {
    /// Complete: goes on to Baperjakat.
    Complete,
    /// To revise: back to the proposer.
    Revise,
    /// Incomplete: closed.
    Incomplete,
}

/// A proposal record (`data` of a [`RecordKind::Proposal`](super::sync::RecordKind::Proposal) record). Pulled by planners of its
/// OPD, city-wide accounts, and the employee it is about, who follows its `history`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Proposal {
    /// Id (UUID).
    pub id: String,
    /// Who moves.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub nip: Nip,
    /// Where to.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub slot: SlotId,
    /// Planned effective date (TMT).
    pub tmt: NaiveDate,
    /// Why.
    pub reason: String,
    /// Overrides of soft rules.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
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

impl Proposal {
    /// A short digest of everything a step can change or read: the content, the status and the
    /// history (who, which step, from and to, with which notes), but not the instants of the
    /// history, which the device writes from its own clock in its optimistic copy and the server
    /// from its own when it takes the step. The same steps by the same accounts on the same
    /// proposal give the same fingerprint on both sides ([`super::sync::Op::builds_on`]).
    pub fn fingerprint(&self) -> String {
        let mut canonical = self.clone();
        for h in &mut canonical.history {
            h.at.clear();
        }
        let json = serde_json::to_string(&canonical).unwrap_or_default();
        format!("{:016x}", fnv1a64(json.as_bytes()))
    }
}

/// FNV-1a, 64 bits: small, stable on every platform, and plenty to tell two states of one
/// proposal apart (it guards against a mix-up, not an adversary: the server still checks
/// everything the op asks for).
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The SK (decree) a proposal was issued in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkRef {
    /// Number, e.g. `821.2/012/BKPSDM-III/2027`.
    pub number: String,
    /// Date.
    pub date: NaiveDate,
}

/// One step of a proposal's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalEvent {
    /// The step, as [`Change::action`](super::change::Change::action) (`propose_move`, `submit_proposal`, …).
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
