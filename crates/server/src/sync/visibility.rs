//! Who may see what: an account's [`Visibility`] (the pull's filter, see its invariant) and
//! the OPD an employee belongs to.

use mutasi_core::model::Nip;
use mutasi_core::wire::auth::{Role, Scope};
use mutasi_core::Dataset;

use crate::db::{User, Visibility};

/// What a user may pull.
pub fn visibility(user: &User) -> Visibility {
    match (user.role, &user.scope) {
        (Role::Employee, _) => {
            Visibility::Employee(user.nip.as_ref().map(|n| n.to_string()).unwrap_or_default())
        }
        (Role::Planner, Some(Scope::Opd(list))) => {
            Visibility::Opd(list.iter().map(|u| u.to_string()).collect())
        }
        (Role::Planner, None) => Visibility::Opd(Vec::new()),
        _ => Visibility::All,
    }
}

/// The OPD id of an employee's definitive post, if any.
pub fn employee_opd(ds: &Dataset, nip: &Nip) -> Option<String> {
    let e = ds.employee_idx(nip)?;
    ds.employee_slot(e).map(|s| ds.slot_opd(s).id.to_string())
}
