//! `mutasi serve --demo`: the demo city of `mutasi_core::demo` and one account per role (two
//! approvers, so that the Baperjakat review and the PPK decision come from different accounts),
//! each created with a random password (printed once, never stored in clear). A later start
//! leaves existing accounts alone ([`ExistingAccounts`]): it never re-enables a disabled one,
//! and it changes passwords only when asked to.
//!
//! The demo city accepts proposals all year ([`demo_rules`]), so the whole workflow can be tried
//! on any day; a real deployment keeps the April/October windows of the rule set.

use mutasi_core::model::{Employee, EmployeeStatus, UnitKind};
use mutasi_core::wire::auth::{Role, Scope};
use mutasi_core::Dataset;

use crate::auth::{hash_password, random_secret};
use crate::db::{Actor, ImportOptions, NewAudit, Storage, StoreError, User};
use crate::sync::{dataset_record_iter, employee_opd, outcome_records};

/// The seed of the demo city (the same as `mutasi demo`'s default).
pub const DEMO_SEED: u64 = 1;

/// The demo dataset `serve --demo` seeds: the city (`scale` 1) or an instansi of `scale`
/// regions of it (`--demo-scale`, `mutasi_core::demo::generate_scaled`), with [`demo_rules`].
pub fn demo_dataset(scale: u32) -> Dataset {
    let mut ds = mutasi_core::demo::generate_scaled(DEMO_SEED, scale);
    demo_rules(&mut ds);
    ds
}

/// A demo account and, when this start set it, its password.
#[derive(Clone)]
pub struct DemoAccount {
    /// Login name.
    pub username: String,
    /// Role.
    pub role: Role,
    /// The password set by this start (None: the account existed and kept its password).
    pub password: Option<String>,
    /// The account is disabled (an administrator's decision that seeding never undoes).
    pub disabled: bool,
    /// What it sees, for the start-up banner.
    pub note: String,
}

/// What seeding does to demo accounts that already exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExistingAccounts {
    /// Leave them as they are (several processes may start with `--demo` on one database).
    #[default]
    Keep,
    /// Give the enabled ones a fresh password (`serve --demo --demo-reset-passwords`, the local
    /// demo of `scripts/run.sh`); disabled ones stay disabled, with their password.
    ResetPasswords,
}

impl std::fmt::Debug for DemoAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoAccount")
            .field("username", &self.username)
            .field("role", &self.role)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// The actor recorded in the audit trail for seeding.
pub fn system_actor(name: &str) -> Actor {
    Actor {
        user_id: String::new(),
        username: name.to_string(),
        role: Role::Admin,
    }
}

/// The demo's rules: the defaults, with the submission months open all year.
pub fn demo_rules(ds: &mut Dataset) {
    let mut rules = ds.rules().clone();
    rules.submission_months = Vec::new();
    // Only the months change, which stay valid.
    let _ = ds.set_rules(rules);
}

/// Imports `ds` with its outcome histories (`mutasi_core::demo::outcomes`, with their planted
/// effect, for the Dampak screen) when the store holds no records yet; returns how many records
/// were written.
pub async fn seed_dataset(store: &dyn Storage, ds: &Dataset) -> Result<u64, StoreError> {
    if store.count_records().await? > 0 {
        return Ok(0);
    }
    let outcomes = mutasi_core::demo::outcomes(ds);
    let outcomes: Vec<_> = outcome_records(ds, &outcomes).collect();
    // Decided again under the writers' lock: another process may be seeding right now.
    store
        .import_from(
            &mut dataset_record_iter(ds).chain(outcomes),
            &system_actor("demo"),
            &ImportOptions {
                only_if_empty: true,
                ..ImportOptions::default()
            },
        )
        .await
}

/// Creates the demo accounts that do not exist yet (and, with
/// [`ExistingAccounts::ResetPasswords`], gives the enabled ones a new password): `admin`,
/// `approver` (Baperjakat), `ppk` (the PPK's approver account), `perencana` (the OPD of the demo
/// employee), `perencana-kota` (whole city: BKPSDM's desk) and `pegawai` (a PNS of that OPD: the clerk of a state primary school
/// longest in post, i.e. someone due for rotation; teachers are not rotated by tenure but by
/// their school's need, see docs/SCHOOLS.md).
pub async fn seed_accounts(
    store: &dyn Storage,
    ds: &Dataset,
    existing: ExistingAccounts,
) -> Result<Vec<DemoAccount>, StoreError> {
    let pns_with_opd =
        |e: &&Employee| e.status == EmployeeStatus::Pns && employee_opd(ds, &e.nip).is_some();
    let in_school = |e: &&Employee| {
        ds.employee_idx(&e.nip)
            .and_then(|i| ds.employee_slot(i))
            .is_some_and(|s| {
                ds.slot_unit(s).kind == UnitKind::SdNegeri && !ds.slot_position(s).is_guru()
            })
    };
    let employee = ds
        .employees()
        .iter()
        .filter(pns_with_opd)
        .filter(in_school)
        .min_by_key(|e| (e.current.as_ref().map(|c| c.since), e.nip.clone()))
        .or_else(|| ds.employees().iter().find(pns_with_opd))
        .or_else(|| ds.employees().first());
    let opd = employee.and_then(|e| employee_opd(ds, &e.nip));
    let mut plan = vec![
        (
            "admin",
            Role::Admin,
            None,
            None,
            "seluruh kota + audit / whole city + audit".to_string(),
        ),
        (
            "approver",
            Role::Approver,
            None,
            None,
            "Baperjakat: pertimbangan usulan / reviews proposals".to_string(),
        ),
        (
            "ppk",
            Role::Approver,
            None,
            None,
            "PPK (Wali Kota): keputusan usulan / decides proposals".to_string(),
        ),
        (
            "perencana-kota",
            Role::Planner,
            None,
            Some(Scope::City),
            "BKPSDM, perencana seluruh kota: cek berkas, SK, pelantikan / \
             city-wide planner: file check, SK, inauguration"
                .to_string(),
        ),
    ];
    if let Some(opd) = &opd {
        let unit = mutasi_core::model::UnitId::new(opd.clone()).ok();
        plan.push((
            "perencana",
            Role::Planner,
            None,
            Some(Scope::Opd(unit.into_iter().collect())),
            format!("perencana OPD {opd} / planner of {opd}"),
        ));
    }
    if let Some(e) = employee {
        plan.push((
            "pegawai",
            Role::Employee,
            Some(e.nip.clone()),
            None,
            format!("{} (NIP {})", e.name, e.nip),
        ));
    }
    let mut out = Vec::new();
    for (username, role, nip, scope, note) in plan {
        let (password, disabled) = match store.user_by_name(username).await {
            Ok(user) if user.disabled || existing == ExistingAccounts::Keep => {
                (None, user.disabled)
            }
            Ok(_) => {
                let password = random_secret(12);
                store
                    .set_password(username, &hash(&password).await?)
                    .await?;
                audit_account(store, username, role, "demo_password_reset").await?;
                (Some(password), false)
            }
            Err(StoreError::NotFound(_)) => {
                let password = random_secret(12);
                let user = User {
                    id: uuid::Uuid::now_v7().to_string(),
                    username: username.to_string(),
                    password_hash: hash(&password).await?,
                    role,
                    nip,
                    scope,
                    disabled: false,
                };
                match store.create_user(&user).await {
                    Ok(()) => {
                        audit_account(store, username, role, "demo_account").await?;
                        (Some(password), false)
                    }
                    // Another process seeded it a moment ago: its password stands.
                    Err(StoreError::AlreadyExists(_)) => (None, false),
                    Err(e) => return Err(e),
                }
            }
            Err(e) => return Err(e),
        };
        out.push(DemoAccount {
            username: username.to_string(),
            role,
            password,
            disabled,
            note,
        });
    }
    Ok(out)
}

/// An argon2id hash of `password`, computed off the async threads.
async fn hash(password: &str) -> Result<String, StoreError> {
    let p = password.to_string();
    tokio::task::spawn_blocking(move || hash_password(&p))
        .await
        .map_err(|e| StoreError::Corrupt(e.to_string()))?
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

async fn audit_account(
    store: &dyn Storage,
    username: &str,
    role: Role,
    action: &str,
) -> Result<(), StoreError> {
    store
        .append_audit(&NewAudit {
            actor: system_actor("demo"),
            action: action.into(),
            target: format!("user/{username}"),
            reason: Some("mutasi serve --demo".into()),
            change: serde_json::json!({ "role": role }),
            nip: None,
            opd: Vec::new(),
        })
        .await
}
