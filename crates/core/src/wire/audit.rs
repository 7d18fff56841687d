//! The audit trail on the wire (protocol version [`super::WIRE_VERSION`]): `GET /api/audit` and
//! `GET /api/audit.csv`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::auth::Role;

/// One entry of the append-only audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    /// Entries after `since`, oldest first.
    pub entries: Vec<AuditEntry>,
    /// Where the next page starts.
    pub cursor: u64,
    /// More entries wait.
    pub more: bool,
}
