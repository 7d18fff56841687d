//! Accounts made from the roster, with one-time activation codes: shared by the admin
//! endpoints (`routes::accounts`), the activation at first login (`routes::auth::activate`) and
//! `mutasi user activate|reset`.
//!
//! - [`roster`]: which employees an admin's request covers (every employee of the current data,
//!   so never one a load removed, whose post lies in the chosen OPD), by OPD then name.
//! - [`issue_roster`]: one account per such employee without an account (username = NIP, role
//!   employee, no password) and its code, in one transaction, audited once.
//! - [`reset`]: a new code for one account (its password stops working, its sessions end).
//! - [`new_code`], [`hash_code`]: a code from the operating system's CSPRNG
//!   ([`mutasi_core::wire::accounts::ActivationCode`]), stored only as an argon2id hash.
//!
//! A code's hash uses lighter argon2id parameters than a password's ([`CODE_PARAMS`]): the code
//! is random (50 bits), expires ([`Config::code_days`]), and a city's roster means tens of
//! thousands of hashes at once. Verification still goes through the bounded verifier, against a
//! dummy hash of the same parameters when there is no pending code, so every refusal takes as
//! long.
//!
//! **Invariant:** a code is usable once: activation sets the password and clears the code in
//! one compare-and-swap statement ([`crate::db::Storage::activate`]).

use std::collections::HashSet;
use std::sync::OnceLock;

use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use mutasi_core::model::{Nip, UnitId};
use mutasi_core::wire::accounts::{
    AccountEntry, ActivationCode, IssuedCode, RosterScope, CODE_LEN,
};
use mutasi_core::wire::auth::Role;
use mutasi_core::Dataset;
use rand_core::{OsRng, RngCore};

use crate::db::{Actor, NewAudit, Storage, StoreError, User, UserRow};

/// Account settings (`mutasi serve --activation-days`, `mutasi user activate --days`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Days an activation code stays valid.
    pub code_days: i64,
}

impl Default for Config {
    fn default() -> Self {
        Self { code_days: 14 }
    }
}

/// argon2id parameters of activation codes: 2 MiB, one pass, one lane.
pub const CODE_PARAMS: (u32, u32, u32) = (2048, 1, 1);

/// A fresh code from the operating system's CSPRNG.
pub fn new_code() -> ActivationCode {
    let mut bytes = [0u8; CODE_LEN];
    OsRng.fill_bytes(&mut bytes);
    ActivationCode::from_random(bytes)
}

/// The stored form of a code: a PHC string of argon2id with [`CODE_PARAMS`].
pub fn hash_code(code: &str) -> anyhow::Result<String> {
    let (m, t, p) = CODE_PARAMS;
    let params = Params::new(m, t, p, None).map_err(|e| anyhow::anyhow!("argon2: {e}"))?;
    let salt = SaltString::generate(&mut OsRng);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password(code.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))
}

/// A code hash to verify against when there is no pending code, so that takes as long.
pub fn dummy_code_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_code("TIDAKADAKODE").unwrap_or_default())
}

/// An employee of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    /// NIP (the username of the account).
    pub nip: Nip,
    /// Name.
    pub name: String,
    /// The unit of the post held (definitively, else as Plt).
    pub unit: Option<String>,
    /// The OPD of that post.
    pub opd: Option<UnitId>,
}

/// Where an employee works: the unit's name and the OPD, from the post held definitively, else
/// the first held as Plt.
fn post_of(ds: &Dataset, nip: &Nip) -> (Option<String>, Option<UnitId>) {
    let Some(e) = ds.employee_idx(nip) else {
        return (None, None);
    };
    let slot = ds
        .employee_slot(e)
        .or_else(|| ds.employee_plt(e).first().copied());
    match slot {
        Some(s) => (
            Some(ds.slot_unit(s).name.clone()),
            Some(ds.slot_opd(s).id.clone()),
        ),
        None => (None, None),
    }
}

/// The employees `scope` covers, by OPD then name. Every employee of the data is active: one
/// who left is removed by a load and no dataset holds them.
pub fn roster(ds: &Dataset, scope: &RosterScope) -> Vec<RosterEntry> {
    let mut list: Vec<RosterEntry> = ds
        .employees()
        .iter()
        .map(|e| {
            let (unit, opd) = post_of(ds, &e.nip);
            RosterEntry {
                nip: e.nip.clone(),
                name: e.name.clone(),
                unit,
                opd,
            }
        })
        .filter(|r| match scope {
            RosterScope::All => true,
            RosterScope::Opd(list) => r.opd.as_ref().is_some_and(|o| list.contains(o)),
        })
        .collect();
    list.sort_by(|a, b| (&a.opd, &a.name, &a.nip).cmp(&(&b.opd, &b.name, &b.nip)));
    list
}

/// An OPD of `scope` that the data does not have as an OPD, if any.
pub fn unknown_opd<'a>(ds: &Dataset, scope: &'a RosterScope) -> Option<&'a UnitId> {
    match scope {
        RosterScope::All => None,
        RosterScope::Opd(list) => list
            .iter()
            .find(|o| ds.unit(o).is_none_or(|u| u.parent.is_some())),
    }
}

/// Unix seconds as RFC 3339 (UTC).
pub fn rfc3339(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// When a code made now expires (Unix seconds of the database's clock).
async fn expiry(store: &dyn Storage, config: Config) -> Result<i64, StoreError> {
    Ok(store.now().await? / 1000 + config.code_days.max(1) * 86_400)
}

/// Hashes codes off the async runtime, on every core (a city's roster is tens of thousands).
async fn hash_codes(codes: Vec<String>) -> anyhow::Result<Vec<String>> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = codes.len().div_ceil(cores).max(1);
    let tasks: Vec<_> = codes
        .chunks(chunk)
        .map(|part| {
            let part = part.to_vec();
            tokio::task::spawn_blocking(move || {
                part.iter()
                    .map(|c| hash_code(c))
                    .collect::<anyhow::Result<Vec<_>>>()
            })
        })
        .collect();
    let mut hashes = Vec::with_capacity(codes.len());
    for task in tasks {
        let part = task
            .await
            .map_err(|e| anyhow::anyhow!("hashing codes: {e}"))??;
        hashes.extend(part);
    }
    Ok(hashes)
}

/// Creates an account and a code for every employee of `scope` without an account (none is
/// created twice, by username or by NIP), in one transaction with one audit entry; returns the
/// codes, shown this once.
pub async fn issue_roster(
    store: &dyn Storage,
    ds: &Dataset,
    scope: &RosterScope,
    actor: &Actor,
    config: Config,
) -> anyhow::Result<Vec<IssuedCode>> {
    let taken: HashSet<String> = store
        .list_users()
        .await?
        .into_iter()
        .flat_map(|r| {
            let nip = r.user.nip.map(|n| n.to_string());
            [Some(r.user.username), nip]
        })
        .flatten()
        .collect();
    let entries: Vec<RosterEntry> = roster(ds, scope)
        .into_iter()
        .filter(|e| !taken.contains(e.nip.as_str()))
        .collect();
    let codes: Vec<ActivationCode> = entries.iter().map(|_| new_code()).collect();
    let hashes = hash_codes(codes.iter().map(|c| c.as_str().to_string()).collect()).await?;
    let users: Vec<(User, String)> = entries
        .iter()
        .zip(hashes)
        .map(|(e, hash)| {
            let user = User {
                id: uuid::Uuid::now_v7().to_string(),
                username: e.nip.to_string(),
                password_hash: String::new(),
                role: Role::Employee,
                nip: Some(e.nip.clone()),
                scope: None,
                disabled: false,
            };
            (user, hash)
        })
        .collect();
    let expires_at = expiry(store, config).await?;
    let created: HashSet<String> = store
        .create_pending_users(&users, expires_at)
        .await?
        .into_iter()
        .collect();
    let issued: Vec<IssuedCode> = entries
        .iter()
        .zip(&codes)
        .filter(|(e, _)| created.contains(e.nip.as_str()))
        .map(|(e, code)| IssuedCode {
            username: e.nip.to_string(),
            nip: Some(e.nip.clone()),
            name: Some(e.name.clone()),
            unit: e.unit.clone(),
            code: code.printed(),
            expires_at: rfc3339(expires_at),
        })
        .collect();
    let opd: Vec<String> = match scope {
        RosterScope::All => Vec::new(),
        RosterScope::Opd(list) => list.iter().map(|o| o.to_string()).collect(),
    };
    store
        .append_audit(&NewAudit {
            actor: actor.clone(),
            action: "user_roster".into(),
            target: "users".into(),
            reason: None,
            change: serde_json::json!({
                "scope": scope,
                "created": issued.iter().map(|c| &c.username).collect::<Vec<_>>(),
                "code_days": config.code_days,
            }),
            nip: None,
            opd,
        })
        .await?;
    Ok(issued)
}

/// A new code for one account: its password stops working and its sessions end; audited.
pub async fn reset(
    store: &dyn Storage,
    ds: &Dataset,
    username: &str,
    actor: &Actor,
    config: Config,
) -> anyhow::Result<IssuedCode> {
    let user = store.user_by_name(username).await?;
    let code = new_code();
    let hash = hash_codes(vec![code.as_str().to_string()])
        .await?
        .pop()
        .unwrap_or_default();
    let expires_at = expiry(store, config).await?;
    store.set_activation(username, &hash, expires_at).await?;
    let (unit, opd) = user.nip.as_ref().map_or((None, None), |n| post_of(ds, n));
    store
        .append_audit(&NewAudit {
            actor: actor.clone(),
            action: "user_reset".into(),
            target: format!("user/{username}"),
            reason: None,
            change: serde_json::json!({ "code_days": config.code_days }),
            nip: user.nip.as_ref().map(|n| n.to_string()),
            opd: opd.iter().map(|o| o.to_string()).collect(),
        })
        .await?;
    Ok(IssuedCode {
        username: user.username.clone(),
        name: user
            .nip
            .as_ref()
            .and_then(|n| ds.employee(n))
            .map(|e| e.name.clone()),
        nip: user.nip,
        unit,
        code: code.printed(),
        expires_at: rfc3339(expires_at),
    })
}

/// An account as the admins' list shows it, with the employee's name and post from the data.
pub fn entry(row: &UserRow, ds: &Dataset) -> AccountEntry {
    let user = &row.user;
    let (unit, opd) = user.nip.as_ref().map_or((None, None), |n| post_of(ds, n));
    AccountEntry {
        username: user.username.clone(),
        role: user.role,
        scope: user.scope.clone(),
        nip: user.nip.clone(),
        name: user
            .nip
            .as_ref()
            .and_then(|n| ds.employee(n))
            .map(|e| e.name.clone()),
        unit,
        opd,
        active: !user.disabled,
        activated: !user.password_hash.is_empty(),
        code_expires_at: row.activation_expires.map(rfc3339),
        last_login: row.last_login.map(rfc3339),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::verify_password;

    #[test]
    fn codes_are_random_and_hashed_with_the_code_parameters() {
        let (a, b) = (new_code(), new_code());
        assert_ne!(a, b);
        let h = hash_code(a.as_str()).unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=2048,t=1,p=1$"), "{h}");
        assert!(verify_password(a.as_str(), &h));
        assert!(!verify_password(b.as_str(), &h));
        assert!(dummy_code_hash().starts_with("$argon2id$v=19$m=2048,t=1,p=1$"));
    }

    #[test]
    fn the_roster_of_an_opd_holds_only_its_employees() {
        let ds = mutasi_core::fixture::small();
        let all = roster(&ds, &RosterScope::All);
        assert_eq!(all.len(), ds.employees().len());
        let disdik = UnitId::new("DISDIK").unwrap();
        let some = roster(&ds, &RosterScope::Opd(vec![disdik.clone()]));
        assert!(!some.is_empty() && some.len() < all.len());
        assert!(some.iter().all(|r| r.opd.as_ref() == Some(&disdik)));
        assert_eq!(unknown_opd(&ds, &RosterScope::Opd(vec![disdik])), None);
        let nowhere = UnitId::new("TIDAKADA").unwrap();
        assert!(unknown_opd(&ds, &RosterScope::Opd(vec![nowhere])).is_some());
    }
}
