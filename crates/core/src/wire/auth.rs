//! Accounts, roles and sessions on the wire (protocol version [`super::WIRE_VERSION`]).

use serde::{Deserialize, Serialize};

use crate::model::{Nip, UnitId};

/// What an account may do. Every request is checked against the caller's role and scope.
///
/// The mutation workflow (DOMAIN.md §7, [`crate::workflow`]) maps its desks onto these roles:
/// the proposer is a planner in scope (or the employee, for their own request); BKPSDM (file
/// check, SK, inauguration) is a planner with city scope; Baperjakat and the PPK are approvers,
/// and the PPK's decision must come from another approver account than the Baperjakat review
/// (four eyes). Admins take no workflow step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// An ASN, linked to one NIP: sees their own record, the inputs of their options and the
    /// proposals about them (with their history); may edit their own preferences and draft and
    /// submit their own request to move.
    Employee,
    /// A planner (BKPSDM or an OPD), scoped to a set of OPD or the whole city: sees the scope,
    /// drafts, revises and submits proposals inside it. With city scope the planner is BKPSDM:
    /// checks files, records SKs and inaugurations.
    Planner,
    /// Baperjakat / PPK: sees the whole city, reviews and decides proposals, reads the audit
    /// trail.
    Approver,
    /// Administrator: sees the whole city and reads the audit trail; manages accounts on the CLI.
    Admin,
}

impl Role {
    /// Every role, in the order listed above.
    pub const ALL: [Role; 4] = [Role::Employee, Role::Planner, Role::Approver, Role::Admin];

    /// The stable name used on the wire and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Employee => "employee",
            Role::Planner => "planner",
            Role::Approver => "approver",
            Role::Admin => "admin",
        }
    }

    /// Parses [`Role::as_str`].
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The OPD a planner works on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "opd", rename_all = "snake_case")]
pub enum Scope {
    /// The whole city.
    City,
    /// Only these OPD (root units) and everything below them.
    Opd(Vec<UnitId>),
}

impl Scope {
    /// Whether an OPD lies in the scope.
    pub fn contains(&self, opd: &UnitId) -> bool {
        match self {
            Scope::City => true,
            Scope::Opd(list) => list.contains(opd),
        }
    }
}

/// `POST /api/auth/login` request.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    /// Account name.
    pub username: String,
    /// Password (never logged).
    pub password: String,
}

impl std::fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginRequest")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// Who is logged in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    /// Account name.
    pub username: String,
    /// Role.
    pub role: Role,
    /// The employee's NIP (employees only).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub nip: Option<Nip>,
    /// The planner's scope (planners only; other roles see the whole city or only themselves).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub scope: Option<Scope>,
}

/// `POST /api/auth/login` response: an opaque bearer token and who it belongs to.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    /// When the session ends (RFC 3339, UTC).
    pub expires_at: String,
    /// The account.
    pub account: Account,
}

impl std::fmt::Debug for LoginResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginResponse")
            .field("token", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .field("account", &self.account)
            .finish()
    }
}
