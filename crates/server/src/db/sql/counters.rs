//! The database's clock and the login throttle's counters, updated by compare-and-set so that
//! every server process shares them (the policy is `crate::auth::throttle`).

use super::*;

/// The database's clock in Unix milliseconds.
pub(super) async fn db_now(conn: &mut AnyConnection, clock: DbClock) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(&format!("SELECT {}", clock.epoch_ms))
        .fetch_one(&mut *conn)
        .await?)
}

async fn read_counter(
    conn: &mut AnyConnection,
    key: &str,
) -> Result<Option<throttle::Counter>, StoreError> {
    let row =
        sqlx::query("SELECT failures, last_at, blocked_until FROM login_throttle WHERE key = $1")
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(|r| {
        Ok(throttle::Counter {
            failures: r.try_get("failures")?,
            last_at: r.try_get("last_at")?,
            blocked_until: r.try_get("blocked_until")?,
        })
    })
    .transpose()
}

/// Replaces counter `key` from `old` (as read) to `new` (None: removed); false when someone
/// changed it in between.
async fn swap_counter(
    conn: &mut AnyConnection,
    key: &str,
    old: Option<throttle::Counter>,
    new: Option<throttle::Counter>,
) -> Result<bool, StoreError> {
    let done = match (old, new) {
        (None, None) => return Ok(true),
        (None, Some(n)) => {
            sqlx::query(
                "INSERT INTO login_throttle (key, failures, last_at, blocked_until) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING",
            )
            .bind(key)
            .bind(n.failures)
            .bind(n.last_at)
            .bind(n.blocked_until)
            .execute(&mut *conn)
            .await?
        }
        (Some(o), Some(n)) => {
            sqlx::query(
                "UPDATE login_throttle SET failures = $2, last_at = $3, blocked_until = $4 \
             WHERE key = $1 AND failures = $5 AND last_at = $6 AND blocked_until = $7",
            )
            .bind(key)
            .bind(n.failures)
            .bind(n.last_at)
            .bind(n.blocked_until)
            .bind(o.failures)
            .bind(o.last_at)
            .bind(o.blocked_until)
            .execute(&mut *conn)
            .await?
        }
        (Some(o), None) => {
            sqlx::query(
                "DELETE FROM login_throttle \
             WHERE key = $1 AND failures = $2 AND last_at = $3 AND blocked_until = $4",
            )
            .bind(key)
            .bind(o.failures)
            .bind(o.last_at)
            .bind(o.blocked_until)
            .execute(&mut *conn)
            .await?
        }
    };
    Ok(done.rows_affected() == 1)
}

pub(super) async fn now(store: &Store) -> Result<i64, StoreError> {
    let mut conn = store.pool.acquire().await?;
    db_now(&mut conn, store.clock).await
}

pub(super) async fn throttle_attempt(
    store: &Store,
    key: &str,
    policy: &throttle::Policy,
) -> Result<throttle::Step, StoreError> {
    let mut conn = store.pool.acquire().await?;
    // Compare-and-set: read, decide, write only if nobody wrote in between, else again.
    for _ in 0..32 {
        let now = db_now(&mut conn, store.clock).await?;
        let stored = read_counter(&mut conn, key).await?;
        match policy.attempt(stored, now) {
            blocked @ throttle::Step::Blocked(_) => return Ok(blocked),
            step @ throttle::Step::Write(next) => {
                if swap_counter(&mut conn, key, stored, Some(next)).await? {
                    return Ok(step);
                }
            }
        }
    }
    // Contended that hard: treat it as a burst and let the caller retry shortly.
    Ok(throttle::Step::Blocked(1000))
}

pub(super) async fn throttle_success(
    store: &Store,
    key: &str,
    policy: &throttle::Policy,
    clear: bool,
) -> Result<(), StoreError> {
    let mut conn = store.pool.acquire().await?;
    for _ in 0..32 {
        let stored = read_counter(&mut conn, key).await?;
        if stored.is_none() {
            return Ok(());
        }
        let next = policy.success(stored, clear);
        if swap_counter(&mut conn, key, stored, next).await? {
            return Ok(());
        }
    }
    Ok(())
}

pub(super) async fn throttle_prune(store: &Store, age: i64) -> Result<u64, StoreError> {
    let mut conn = store.pool.acquire().await?;
    let now = db_now(&mut conn, store.clock).await?;
    let done = sqlx::query("DELETE FROM login_throttle WHERE last_at < $1 AND blocked_until < $2")
        .bind(now - age * 1000)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}
