//! Accounts and sessions (session expiry by the database's clock).

use super::*;
use crate::db::{PendingCode, UserRow};
use mutasi_core::model::Nip;

fn user_from_row(row: &AnyRow) -> Result<User, StoreError> {
    let role: String = row.try_get("role")?;
    let nip: Option<String> = row.try_get("nip")?;
    let scope: Option<String> = row.try_get("scope")?;
    Ok(User {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        password_hash: row.try_get("password_hash")?,
        role: Role::parse(&role).ok_or_else(|| StoreError::Corrupt(format!("role {role}")))?,
        nip: nip
            .map(|n| n.parse())
            .transpose()
            .map_err(|e| StoreError::Corrupt(format!("{e}")))?,
        scope: scope
            .map(|s| serde_json::from_str::<Scope>(&s))
            .transpose()
            .map_err(|e| StoreError::Corrupt(format!("scope: {e}")))?,
        disabled: row.try_get::<i64, _>("disabled")? != 0,
    })
}

pub(super) async fn create_user(store: &Store, user: &User) -> Result<(), StoreError> {
    let scope = scope_text(user.scope.as_ref());
    let result = sqlx::query(&format!(
        "INSERT INTO users (id, username, password_hash, role, nip, scope, disabled, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, {})",
        store.clock.rfc3339
    ))
    .bind(&user.id)
    .bind(&user.username)
    .bind(&user.password_hash)
    .bind(user.role.as_str())
    .bind(user.nip.as_ref().map(|n| n.to_string()))
    .bind(scope)
    .bind(i64::from(user.disabled))
    .execute(&store.pool)
    .await;
    match result {
        Ok(_) => Ok(()),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            Err(StoreError::AlreadyExists(user.username.clone()))
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn user_by_name(store: &Store, username: &str) -> Result<User, StoreError> {
    let row = sqlx::query("SELECT * FROM users WHERE username = $1")
        .bind(username)
        .fetch_optional(&store.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("user {username}")))?;
    user_from_row(&row)
}

pub(super) async fn count_admins(store: &Store) -> Result<u64, StoreError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = $1 AND disabled = $2")
        .bind(Role::Admin.as_str())
        .bind(0i64)
        .fetch_one(&store.pool)
        .await?;
    Ok(n.max(0) as u64)
}

/// Ends every session of an account, inside the transaction that changed what the account may
/// do (its devices log in again and learn it).
async fn end_sessions(tx: &mut AnyConnection, user_id: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(tx)
        .await?;
    Ok(())
}

/// Runs `update` (an UPDATE of the account, whose id it is given) and, with `end`, ends the
/// account's sessions, in one transaction.
async fn change_account<'q>(
    store: &Store,
    username: &str,
    end: bool,
    update: impl FnOnce(String) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
) -> Result<(), StoreError> {
    let user = store.user_by_name(username).await?;
    let mut tx = store.pool.begin().await?;
    update(user.id.clone()).execute(&mut *tx).await?;
    if end {
        end_sessions(&mut tx, &user.id).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub(super) async fn set_password(
    store: &Store,
    username: &str,
    password_hash: &str,
) -> Result<(), StoreError> {
    change_account(store, username, true, |id| {
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(id)
    })
    .await
}

/// A planner's new scope; ends the account's sessions, so its devices log in again and learn it
/// (a narrower scope empties their copy: `src/store/owner.rs`).
pub(super) async fn set_scope(
    store: &Store,
    username: &str,
    scope: &Scope,
) -> Result<(), StoreError> {
    change_account(store, username, true, |id| {
        sqlx::query("UPDATE users SET scope = $1 WHERE id = $2")
            .bind(scope_text(Some(scope)))
            .bind(id)
    })
    .await
}

pub(super) async fn set_disabled(
    store: &Store,
    username: &str,
    disabled: bool,
) -> Result<(), StoreError> {
    change_account(store, username, disabled, |id| {
        sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
            .bind(i64::from(disabled))
            .bind(id)
    })
    .await
}

pub(super) async fn create_session(
    store: &Store,
    token_hash: &str,
    user_id: &str,
    expires_at: i64,
) -> Result<(), StoreError> {
    // Expired sessions of this account are of no use any more.
    sqlx::query(&format!(
        "DELETE FROM sessions WHERE user_id = $1 AND expires_at <= {}",
        store.clock.epoch
    ))
    .bind(user_id)
    .execute(&store.pool)
    .await?;
    sqlx::query(&format!(
        "INSERT INTO sessions (token_hash, user_id, expires_at, created_at) \
         VALUES ($1, $2, $3, {})",
        store.clock.epoch
    ))
    .bind(token_hash)
    .bind(user_id)
    .bind(expires_at)
    .execute(&store.pool)
    .await?;
    sqlx::query(&format!(
        "UPDATE users SET last_login = {} WHERE id = $1",
        store.clock.epoch
    ))
    .bind(user_id)
    .execute(&store.pool)
    .await?;
    Ok(())
}

pub(super) async fn session_user(store: &Store, token_hash: &str) -> Result<User, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > {} AND u.disabled = 0",
        store.clock.epoch
    ))
    .bind(token_hash)
    .fetch_optional(&store.pool)
    .await?
    .ok_or_else(|| StoreError::NotFound("session".into()))?;
    user_from_row(&row)
}

pub(super) async fn delete_session(store: &Store, token_hash: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&store.pool)
        .await?;
    Ok(())
}

fn scope_text(scope: Option<&Scope>) -> Option<String> {
    scope.map(|s| serde_json::to_string(s).unwrap_or_default())
}

pub(super) async fn list_users(store: &Store) -> Result<Vec<UserRow>, StoreError> {
    let rows = sqlx::query("SELECT * FROM users ORDER BY username")
        .fetch_all(&store.pool)
        .await?;
    rows.iter()
        .map(|row| {
            Ok(UserRow {
                user: user_from_row(row)?,
                activation_expires: row.try_get("activation_expires")?,
                last_login: row.try_get("last_login")?,
            })
        })
        .collect()
}

/// Accounts waiting for their activation, in one transaction; an account whose name is taken,
/// or whose NIP already has an account, is left out.
pub(super) async fn create_pending_users(
    store: &Store,
    users: &[(User, String)],
    expires_at: i64,
) -> Result<Vec<String>, StoreError> {
    let mut tx = store.pool.begin().await?;
    let mut created = Vec::new();
    for (user, code_hash) in users {
        let nip = user.nip.as_ref().map(|n| n.to_string());
        let done = sqlx::query(&format!(
            "INSERT INTO users (id, username, password_hash, role, nip, scope, disabled, \
             created_at, activation_hash, activation_expires) \
             SELECT $1, $2, '', $3, $4, $5, $6, {}, $7, $8 \
             WHERE NOT EXISTS (SELECT 1 FROM users WHERE username = $2 OR nip = $4) \
             ON CONFLICT DO NOTHING",
            store.clock.rfc3339
        ))
        .bind(&user.id)
        .bind(&user.username)
        .bind(user.role.as_str())
        .bind(nip)
        .bind(scope_text(user.scope.as_ref()))
        .bind(i64::from(user.disabled))
        .bind(code_hash)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 1 {
            created.push(user.username.clone());
        }
    }
    tx.commit().await?;
    Ok(created)
}

/// A new activation code: the password stops working and the sessions end.
pub(super) async fn set_activation(
    store: &Store,
    username: &str,
    code_hash: &str,
    expires_at: i64,
) -> Result<(), StoreError> {
    change_account(store, username, true, |id| {
        sqlx::query(
            "UPDATE users SET password_hash = '', activation_hash = $1, activation_expires = $2 \
             WHERE id = $3",
        )
        .bind(code_hash)
        .bind(expires_at)
        .bind(id)
    })
    .await
}

pub(super) async fn pending_activation(
    store: &Store,
    username: &str,
) -> Result<Option<PendingCode>, StoreError> {
    let row =
        sqlx::query("SELECT activation_hash, activation_expires FROM users WHERE username = $1")
            .bind(username)
            .fetch_optional(&store.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("user {username}")))?;
    let hash: Option<String> = row.try_get("activation_hash")?;
    let expires: Option<i64> = row.try_get("activation_expires")?;
    Ok(hash
        .zip(expires)
        .map(|(hash, expires_at)| PendingCode { hash, expires_at }))
}

/// Burns the code whose hash is `code_hash` and sets the password, if that code is still the
/// account's and unexpired by the database's clock (compare and swap: of two activations with
/// one code, one wins).
pub(super) async fn activate(
    store: &Store,
    username: &str,
    code_hash: &str,
    password_hash: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(&format!(
        "UPDATE users SET password_hash = $1, activation_hash = NULL, activation_expires = NULL \
         WHERE username = $2 AND activation_hash = $3 AND activation_expires > {} \
         AND disabled = 0",
        store.clock.epoch
    ))
    .bind(password_hash)
    .bind(username)
    .bind(code_hash)
    .execute(&store.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A new role, NIP and scope; ends the account's sessions (like [`set_scope`]).
pub(super) async fn set_access(
    store: &Store,
    username: &str,
    role: Role,
    nip: Option<&Nip>,
    scope: Option<&Scope>,
) -> Result<(), StoreError> {
    change_account(store, username, true, |id| {
        sqlx::query("UPDATE users SET role = $1, nip = $2, scope = $3 WHERE id = $4")
            .bind(role.as_str())
            .bind(nip.map(|n| n.to_string()))
            .bind(scope_text(scope))
            .bind(id)
    })
    .await
}
