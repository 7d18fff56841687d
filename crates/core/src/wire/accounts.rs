//! Managing accounts (`/api/admin/accounts`, admins) and activating one
//! (`POST /api/auth/activate`), protocol version [`super::WIRE_VERSION`].
//!
//! Employees get their accounts from the roster: an admin creates one per active employee (all
//! of them, or those of chosen OPD) with the NIP as username, no password, and a one-time
//! **activation code** ([`ActivationCode`]) handed to the employee on paper. At the first login
//! the employee sends NIP, code and a new password ([`ActivateRequest`]); the code is then used
//! up. An admin's reset gives an account a new code (the old password stops working).

use serde::{Deserialize, Serialize};

use super::auth::{Role, Scope};
use crate::model::{Nip, UnitId};

/// The characters of an activation code: capitals and digits without those read alike
/// (`0`/`O`, `1`/`I`), 32 of them, so each character carries 5 bits.
pub const CODE_ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// Characters in an activation code (10 × 5 = 50 bits).
pub const CODE_LEN: usize = 10;

/// An activation code as typed: the printed form groups it (`ABCDE-FGHJK`); spaces and dashes
/// are ignored and lower case is read as upper case.
#[derive(Clone, PartialEq, Eq)]
pub struct ActivationCode(String);

impl ActivationCode {
    /// The code in `typed`, or `None` when it cannot be one (wrong length or a character
    /// outside [`CODE_ALPHABET`]).
    pub fn parse(typed: &str) -> Option<ActivationCode> {
        let code: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let valid = code.len() == CODE_LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b));
        valid.then_some(ActivationCode(code))
    }

    /// The code from `CODE_LEN` random bytes (the server draws them from the operating
    /// system's CSPRNG; the core takes them as an argument). Each byte's low 5 bits pick a
    /// character, so every character is equally likely.
    pub fn from_random(bytes: [u8; CODE_LEN]) -> ActivationCode {
        ActivationCode(
            bytes
                .iter()
                .map(|b| char::from(CODE_ALPHABET[usize::from(b & 31)]))
                .collect(),
        )
    }

    /// The bare code (what is hashed and compared).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The printed form, in two groups of five (`ABCDE-FGHJK`).
    pub fn printed(&self) -> String {
        let (a, b) = self.0.split_at(CODE_LEN / 2);
        format!("{a}-{b}")
    }
}

/// Never shows the code.
impl std::fmt::Debug for ActivationCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ActivationCode(<redacted>)")
    }
}

/// `POST /api/auth/activate` request: the first login of an account made from the roster (or
/// after a reset).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivateRequest {
    /// The employee's NIP (the account's username).
    pub nip: String,
    /// The activation code as printed (spaces, dashes and case do not matter).
    pub code: String,
    /// The password chosen (at least 10 characters).
    pub new_password: String,
}

impl std::fmt::Debug for ActivateRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ActivateRequest")
            .field("nip", &self.nip)
            .field("code", &"<redacted>")
            .field("new_password", &"<redacted>")
            .finish()
    }
}

/// One account as an admin sees it (`GET /api/admin/accounts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountEntry {
    /// Login name (the NIP for accounts made from the roster).
    pub username: String,
    /// Role.
    pub role: Role,
    /// The planner's scope.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub scope: Option<Scope>,
    /// The employee's NIP.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub nip: Option<Nip>,
    /// The employee's name, from the data (employees only).
    pub name: Option<String>,
    /// The unit of the employee's post, from the data.
    pub unit: Option<String>,
    /// The OPD of the employee's post (its id), from the data.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub opd: Option<UnitId>,
    /// Whether it can log in (not disabled).
    pub active: bool,
    /// Whether a password is set; `false` while an activation code is pending.
    pub activated: bool,
    /// When the pending activation code expires (RFC 3339, UTC).
    pub code_expires_at: Option<String>,
    /// The last successful login (RFC 3339, UTC), if any since logins are recorded.
    pub last_login: Option<String>,
}

/// `GET /api/admin/accounts` response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountList {
    /// Every account, by username.
    pub accounts: Vec<AccountEntry>,
}

/// `POST /api/admin/accounts/roster` request: which employees get an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "opd", rename_all = "snake_case")]
pub enum RosterScope {
    /// Every active employee without an account.
    All,
    /// The active employees without an account whose post lies in these OPD.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    Opd(Vec<UnitId>),
}

/// An activation code handed out once, with what an activation letter prints.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedCode {
    /// The account (the NIP for employees).
    pub username: String,
    /// The employee's NIP.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub nip: Option<Nip>,
    /// The employee's name.
    pub name: Option<String>,
    /// The unit of the employee's post.
    pub unit: Option<String>,
    /// The code, printed form (`ABCDE-FGHJK`). Shown this once; only its hash is stored.
    pub code: String,
    /// When it expires (RFC 3339, UTC).
    pub expires_at: String,
}

impl std::fmt::Debug for IssuedCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuedCode")
            .field("username", &self.username)
            .field("code", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// `POST /api/admin/accounts/roster` and `…/{username}/reset` response: the codes, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedCodes {
    /// One per account created (or reset), by OPD then name.
    pub codes: Vec<IssuedCode>,
}

impl IssuedCodes {
    /// The activation letters as CSV (one writer for the command line and the app's download,
    /// no formula cells): NIP, name, unit, code, expiry, and where to log in (`login_url`).
    pub fn letters_csv(&self, login_url: &str) -> String {
        let mut out = crate::io::formula::CsvOut::default();
        out.row([
            "nip",
            "nama",
            "unit",
            "kode_aktivasi",
            "berlaku_sampai",
            "alamat_masuk",
        ]);
        for c in &self.codes {
            let nip = c.nip.as_ref().map_or(c.username.clone(), |n| n.to_string());
            out.row([
                nip.as_str(),
                c.name.as_deref().unwrap_or(""),
                c.unit.as_deref().unwrap_or(""),
                c.code.as_str(),
                c.expires_at.as_str(),
                login_url,
            ]);
        }
        out.finish()
    }
}

/// `POST /api/admin/accounts/{username}/access` request: a new role and scope (the account's
/// sessions end; its devices empty their copy at the next login).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessRequest {
    /// The new role.
    pub role: Role,
    /// The planner's scope (planners only).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub scope: Option<Scope>,
    /// The employee's NIP (employees only; the account's own when absent).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub nip: Option<Nip>,
}

/// `POST /api/admin/accounts/{username}/active` request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActiveRequest {
    /// `false` disables the account (its sessions end), `true` enables it again.
    pub active: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_as_printed_and_typed() {
        let code = ActivationCode::from_random([0, 1, 2, 3, 4, 5, 6, 7, 8, 31]);
        assert_eq!(code.as_str(), "ABCDEFGHJ9");
        assert_eq!(code.printed(), "ABCDE-FGHJ9");
        let typed = ActivationCode::parse(" abcde-fghj9 ").unwrap();
        assert_eq!(typed, code);
        assert_eq!(ActivationCode::parse("ABCDE-FGHJ"), None, "too short");
        assert_eq!(
            ActivationCode::parse("ABCDE-FGHI9"),
            None,
            "I is not in the alphabet"
        );
        assert_eq!(
            ActivationCode::parse("ABCDE-FGH09"),
            None,
            "0 is not in the alphabet"
        );
        assert!(!format!("{code:?}").contains("ABC"));
    }

    #[test]
    fn every_character_is_equally_likely() {
        let mut seen = [0u32; 32];
        for b in 0..=255u8 {
            let c = ActivationCode::from_random([b; CODE_LEN]);
            let i = CODE_ALPHABET
                .iter()
                .position(|&a| a == c.as_str().as_bytes()[0])
                .unwrap();
            seen[i] += 1;
        }
        assert!(seen.iter().all(|&n| n == 8), "{seen:?}");
    }
}
