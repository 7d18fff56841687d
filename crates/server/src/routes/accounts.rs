//! `/api/admin/accounts` (admins only): the account list, accounts from the roster with their
//! one-time codes ([`crate::accounts`]), a reset (a new code), a new role or scope, disabling
//! and enabling. Every change is audited; a change of what an account may do ends its sessions.
//! Anyone else is refused with a 403 that carries nothing but the refusal.
//!
//! **Invariant:** the last enabled admin account is never disabled, demoted or reset here (the
//! city would have no one left to manage accounts but the command line).

use axum::extract::{Path, State};
use axum::Json;
use mutasi_core::text::Text;
use mutasi_core::wire::accounts::{
    AccessRequest, AccountEntry, AccountList, ActiveRequest, IssuedCodes, RosterScope,
};
use mutasi_core::wire::auth::{Role, Scope};
use mutasi_core::wire::error::ErrorCode;

use crate::accounts::{entry, issue_roster, reset, unknown_opd};
use crate::auth::Caller;
use crate::db::{Actor, NewAudit, User};
use crate::error::{ApiJson, AppError};
use crate::AppState;

/// 403 unless the caller is an admin.
fn admin_only(caller: &Caller) -> Result<Actor, AppError> {
    if caller.user.role == Role::Admin {
        Ok(Actor::of(&caller.user))
    } else {
        Err(AppError::Forbidden(Text::new(
            "mengelola akun hanya untuk admin",
            "managing accounts is for admins",
        )))
    }
}

/// 409 when `user` is the last enabled admin.
async fn not_the_last_admin(state: &AppState, user: &User) -> Result<(), AppError> {
    if user.role == Role::Admin && !user.disabled && state.store.count_admins().await? <= 1 {
        return Err(AppError::Status(
            ErrorCode::Conflict,
            Text::new(
                "ini akun admin aktif terakhir",
                "this is the last enabled admin account",
            ),
            serde_json::Value::Null,
        ));
    }
    Ok(())
}

/// The account `username` as the list shows it now.
async fn current_entry(state: &AppState, username: &str) -> Result<AccountEntry, AppError> {
    let ds = state.dataset.get(state.store.as_ref()).await?.ds;
    let row = state
        .store
        .list_users()
        .await?
        .into_iter()
        .find(|r| r.user.username == username)
        .ok_or_else(|| AppError::NotFound(format!("user {username}")))?;
    Ok(entry(&row, &ds))
}

/// Every account, with the employee's name and post from the data.
#[utoipa::path(get, path = "/api/admin/accounts", tag = "admin", security(("bearer" = [])),
    responses((status = 200, description = "Every account", body = AccountList),
              (status = 401, description = "No valid session", body = crate::error::ErrorBody),
              (status = 403, description = "Not an admin", body = crate::error::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<AccountList>, AppError> {
    admin_only(&caller)?;
    let ds = state.dataset.get(state.store.as_ref()).await?.ds;
    let accounts = state
        .store
        .list_users()
        .await?
        .iter()
        .map(|r| entry(r, &ds))
        .collect();
    Ok(Json(AccountList { accounts }))
}

/// Accounts for the employees of the roster (all, or those of some OPD) without one: username =
/// NIP, role employee, and a one-time activation code, returned this once.
#[utoipa::path(post, path = "/api/admin/accounts/roster", tag = "admin", security(("bearer" = [])),
    request_body = RosterScope,
    responses((status = 200, description = "The accounts created, with their codes (shown once)", body = IssuedCodes),
              (status = 400, description = "An OPD the data does not have", body = crate::error::ErrorBody),
              (status = 401, description = "No valid session", body = crate::error::ErrorBody),
              (status = 403, description = "Not an admin", body = crate::error::ErrorBody)))]
pub async fn roster(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(scope): ApiJson<RosterScope>,
) -> Result<Json<IssuedCodes>, AppError> {
    let actor = admin_only(&caller)?;
    let ds = state.dataset.get(state.store.as_ref()).await?.ds;
    if let Some(opd) = unknown_opd(&ds, &scope) {
        return Err(AppError::BadRequest(Text::new(
            format!("OPD tidak dikenal: {opd}"),
            format!("unknown OPD: {opd}"),
        )));
    }
    let codes = issue_roster(state.store.as_ref(), &ds, &scope, &actor, state.accounts).await?;
    Ok(Json(IssuedCodes { codes }))
}

/// A new activation code for one account: its password stops working and its sessions end.
#[utoipa::path(post, path = "/api/admin/accounts/{username}/reset", tag = "admin", security(("bearer" = [])),
    params(("username" = String, Path, description = "The account")),
    responses((status = 200, description = "The new code (shown once)", body = IssuedCodes),
              (status = 401, description = "No valid session", body = crate::error::ErrorBody),
              (status = 403, description = "Not an admin", body = crate::error::ErrorBody),
              (status = 404, description = "No such account", body = crate::error::ErrorBody),
              (status = 409, description = "The last enabled admin", body = crate::error::ErrorBody)))]
pub async fn reset_code(
    State(state): State<AppState>,
    caller: Caller,
    Path(username): Path<String>,
) -> Result<Json<IssuedCodes>, AppError> {
    let actor = admin_only(&caller)?;
    let user = state.store.user_by_name(&username).await?;
    not_the_last_admin(&state, &user).await?;
    let ds = state.dataset.get(state.store.as_ref()).await?.ds;
    let code = reset(state.store.as_ref(), &ds, &username, &actor, state.accounts).await?;
    Ok(Json(IssuedCodes { codes: vec![code] }))
}

/// A new role and scope (and NIP, for an employee). The account's sessions end, so its devices
/// log in again and empty a copy made for the old role or scope.
#[utoipa::path(post, path = "/api/admin/accounts/{username}/access", tag = "admin", security(("bearer" = [])),
    params(("username" = String, Path, description = "The account")),
    request_body = AccessRequest,
    responses((status = 200, description = "The account as it is now", body = AccountEntry),
              (status = 400, description = "A role without what it needs (a planner's scope, an employee's NIP)", body = crate::error::ErrorBody),
              (status = 401, description = "No valid session", body = crate::error::ErrorBody),
              (status = 403, description = "Not an admin", body = crate::error::ErrorBody),
              (status = 404, description = "No such account", body = crate::error::ErrorBody),
              (status = 409, description = "The last enabled admin", body = crate::error::ErrorBody)))]
pub async fn access(
    State(state): State<AppState>,
    caller: Caller,
    Path(username): Path<String>,
    ApiJson(req): ApiJson<AccessRequest>,
) -> Result<Json<AccountEntry>, AppError> {
    let actor = admin_only(&caller)?;
    let user = state.store.user_by_name(&username).await?;
    if req.role != Role::Admin {
        not_the_last_admin(&state, &user).await?;
    }
    let bad = |id: &str, en: &str| Err(AppError::BadRequest(Text::new(id, en)));
    let (nip, scope) = match req.role {
        Role::Employee => match req.nip.clone().or_else(|| user.nip.clone()) {
            Some(nip) if req.scope.is_none() => (Some(nip), None),
            Some(_) => return bad("cakupan hanya untuk perencana", "a scope is for planners"),
            None => return bad("pegawai perlu NIP", "an employee needs a NIP"),
        },
        Role::Planner => match &req.scope {
            Some(Scope::Opd(list)) if list.is_empty() => {
                return bad("cakupan OPD kosong", "an empty OPD scope")
            }
            Some(scope) if req.nip.is_none() => (None, Some(scope.clone())),
            Some(_) => return bad("NIP hanya untuk pegawai", "a NIP is for employees"),
            None => return bad("perencana perlu cakupan", "a planner needs a scope"),
        },
        Role::Approver | Role::Admin if req.scope.is_some() || req.nip.is_some() => {
            return bad(
                "cakupan dan NIP hanya untuk perencana dan pegawai",
                "a scope or NIP is for planners and employees",
            )
        }
        Role::Approver | Role::Admin => (None, None),
    };
    if let Some(Scope::Opd(list)) = &scope {
        let ds = state.dataset.get(state.store.as_ref()).await?.ds;
        if let Some(opd) = unknown_opd(&ds, &RosterScope::Opd(list.clone())) {
            return bad(
                &format!("OPD tidak dikenal: {opd}"),
                &format!("unknown OPD: {opd}"),
            );
        }
    }
    state
        .store
        .set_access(&username, req.role, nip.as_ref(), scope.as_ref())
        .await?;
    state
        .store
        .append_audit(&NewAudit {
            actor,
            action: "user_access".into(),
            target: format!("user/{username}"),
            reason: None,
            change: serde_json::json!({
                "from": { "role": user.role, "scope": user.scope, "nip": user.nip },
                "to": { "role": req.role, "scope": scope, "nip": nip },
            }),
            nip: nip.or(user.nip).map(|n| n.to_string()),
            opd: Vec::new(),
        })
        .await?;
    Ok(Json(current_entry(&state, &username).await?))
}

/// Disables an account (its sessions end) or enables it again.
#[utoipa::path(post, path = "/api/admin/accounts/{username}/active", tag = "admin", security(("bearer" = [])),
    params(("username" = String, Path, description = "The account")),
    request_body = ActiveRequest,
    responses((status = 200, description = "The account as it is now", body = AccountEntry),
              (status = 401, description = "No valid session", body = crate::error::ErrorBody),
              (status = 403, description = "Not an admin", body = crate::error::ErrorBody),
              (status = 404, description = "No such account", body = crate::error::ErrorBody),
              (status = 409, description = "The last enabled admin", body = crate::error::ErrorBody)))]
pub async fn active(
    State(state): State<AppState>,
    caller: Caller,
    Path(username): Path<String>,
    ApiJson(req): ApiJson<ActiveRequest>,
) -> Result<Json<AccountEntry>, AppError> {
    let actor = admin_only(&caller)?;
    let user = state.store.user_by_name(&username).await?;
    if !req.active {
        not_the_last_admin(&state, &user).await?;
    }
    state.store.set_disabled(&username, !req.active).await?;
    state
        .store
        .append_audit(&NewAudit {
            actor,
            action: if req.active {
                "user_enable"
            } else {
                "user_disable"
            }
            .into(),
            target: format!("user/{username}"),
            reason: None,
            change: serde_json::json!({}),
            nip: user.nip.map(|n| n.to_string()),
            opd: Vec::new(),
        })
        .await?;
    Ok(Json(current_entry(&state, &username).await?))
}
