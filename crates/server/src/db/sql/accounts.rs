//! Accounts and sessions (session expiry by the database's clock).

use super::*;

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
    let scope = user
        .scope
        .as_ref()
        .map(|s| serde_json::to_string(s).unwrap_or_default());
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

pub(super) async fn set_password(
    store: &Store,
    username: &str,
    password_hash: &str,
) -> Result<(), StoreError> {
    let user = store.user_by_name(username).await?;
    let mut tx = store.pool.begin().await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(&user.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(&user.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A planner's new scope; ends the account's sessions, so its devices log in again and learn it
/// (a narrower scope empties their copy: `src/store/owner.rs`).
pub(super) async fn set_scope(
    store: &Store,
    username: &str,
    scope: &Scope,
) -> Result<(), StoreError> {
    let user = store.user_by_name(username).await?;
    let mut tx = store.pool.begin().await?;
    sqlx::query("UPDATE users SET scope = $1 WHERE id = $2")
        .bind(serde_json::to_string(scope).unwrap_or_default())
        .bind(&user.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(&user.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub(super) async fn set_disabled(
    store: &Store,
    username: &str,
    disabled: bool,
) -> Result<(), StoreError> {
    let user = store.user_by_name(username).await?;
    let mut tx = store.pool.begin().await?;
    sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
        .bind(i64::from(disabled))
        .bind(&user.id)
        .execute(&mut *tx)
        .await?;
    if disabled {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(&user.id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
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
