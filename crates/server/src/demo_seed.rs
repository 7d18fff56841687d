//! `mutasi serve --demo`: the demo city of `mutasi_core::demo` and one account per role, each
//! with a fresh random password on every start (printed once, never stored in clear).

use mutasi_core::model::EmployeeStatus;
use mutasi_core::wire::auth::{Role, Scope};
use mutasi_core::Dataset;

use crate::auth::{hash_password, random_secret};
use crate::db::{Actor, NewAudit, Storage, StoreError, User};
use crate::sync::{dataset_records, employee_opd};

/// The seed of the demo city (the same as `mutasi demo`'s default).
pub const DEMO_SEED: u64 = 1;

/// A demo account and its password for this run.
#[derive(Clone)]
pub struct DemoAccount {
    /// Login name.
    pub username: String,
    /// Role.
    pub role: Role,
    /// Password (random, this run only).
    pub password: String,
    /// What it sees, for the start-up banner.
    pub note: String,
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

/// Imports `ds` when the store holds no records yet; returns how many records were written.
pub async fn seed_dataset(store: &dyn Storage, ds: &Dataset) -> Result<u64, StoreError> {
    if store.count_records().await? > 0 {
        return Ok(0);
    }
    store
        .import(dataset_records(ds), &system_actor("demo"))
        .await
}

/// Creates (or resets) the demo accounts: `admin`, `approver`, `perencana` (the OPD of the demo
/// employee), `perencana-kota` (whole city) and `pegawai` (a PNS of that OPD).
pub async fn seed_accounts(
    store: &dyn Storage,
    ds: &Dataset,
) -> Result<Vec<DemoAccount>, StoreError> {
    let employee = ds
        .employees()
        .iter()
        .find(|e| e.status == EmployeeStatus::Pns && employee_opd(ds, &e.nip).is_some())
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
            "seluruh kota, memutuskan usulan / whole city, decides proposals".to_string(),
        ),
        (
            "perencana-kota",
            Role::Planner,
            None,
            Some(Scope::City),
            "perencana seluruh kota / city-wide planner".to_string(),
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
        let password = random_secret(12);
        let hash = tokio::task::spawn_blocking({
            let p = password.clone();
            move || hash_password(&p)
        })
        .await
        .map_err(|e| StoreError::Corrupt(e.to_string()))?
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let user = User {
            id: uuid::Uuid::now_v7().to_string(),
            username: username.to_string(),
            password_hash: hash.clone(),
            role,
            nip,
            scope,
            disabled: false,
        };
        match store.create_user(&user).await {
            Ok(()) => {}
            Err(StoreError::AlreadyExists(_)) => {
                store.set_password(username, &hash).await?;
                store.set_disabled(username, false).await?;
            }
            Err(e) => return Err(e),
        }
        store
            .append_audit(&NewAudit {
                actor: system_actor("demo"),
                action: "demo_account".into(),
                target: format!("user/{username}"),
                reason: Some("mutasi serve --demo".into()),
                change: serde_json::json!({ "role": role }),
            })
            .await?;
        out.push(DemoAccount {
            username: username.to_string(),
            role,
            password,
            note,
        });
    }
    Ok(out)
}
