//! Wire types: the contract between the browser app and the server.
//!
//! **Version 1.** Every type here crosses the network as JSON. Changing a field is a protocol
//! change: bump [`WIRE_VERSION`] and keep the server able to answer the previous version.
//!
//! - [`Health`]: `GET /api/health`.
//! - [`auth`]: accounts, roles and sessions (`/api/auth/login`, `/api/auth/logout`).
//! - [`sync`]: the pull/push sync protocol (`/api/sync/pull`, `/api/sync/push`), with the
//!   changes ([`change`]), the proposal record ([`proposal`]) and the audit trail ([`audit`],
//!   `/api/audit`, `/api/audit.csv`) it carries.
//! - [`error`]: the body of every error response and its stable codes.
//! - [`accounts`]: managing accounts (`/api/admin/accounts`, admins) and activating one with
//!   a one-time code (`/api/auth/activate`).
//! - [`load`]: loading a workbook of the organisation (`/api/admin/load`, admins).
//!
//! Additions since the first release of version 1 are backward compatible: new proposal fields
//! have defaults, the old status `proposed` reads as `submitted`, an op's `expects` may be
//! absent (it is then compared by version alone), and an error code a client does not know
//! reads as `unknown`.
//!
//! With the cargo feature `openapi` every type derives `utoipa::ToSchema`, so the server's
//! OpenAPI document is made from these very types.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod change;
pub mod error;
pub mod load;
pub mod proposal;
pub mod snapshot;
pub mod sync;

use serde::{Deserialize, Serialize};

/// The version of the wire protocol described by this module.
pub const WIRE_VERSION: u32 = 1;

/// `GET /api/health`: the server's status, version and database backend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// `ok` when the database answers, `degraded` otherwise.
    pub status: String,
    /// The server's version (semver).
    pub version: String,
    /// The database backend, e.g. `sqlite`, or `sqlite (unavailable)`.
    pub database: String,
}

impl Health {
    /// True when the server and its database both answered.
    pub fn is_ok(&self) -> bool {
        self.status == "ok"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_round_trips_as_json() {
        let json = r#"{"status":"ok","version":"0.1.0","database":"sqlite"}"#;
        let health: Health = serde_json::from_str(json).unwrap();
        assert!(health.is_ok());
        assert_eq!(serde_json::to_string(&health).unwrap(), json);
        let degraded = Health {
            status: "degraded".into(),
            ..health
        };
        assert!(!degraded.is_ok());
    }
}
