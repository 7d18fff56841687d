//! The append-only audit trail: entries and the filtered query.

use super::*;

/// The audit `opd` column: `|A|B|` (empty when none), so a filter matches one OPD with `LIKE`.
pub(super) fn opd_column(opd: &[String]) -> Option<String> {
    if opd.is_empty() {
        None
    } else {
        Some(format!("|{}|", opd.join("|")))
    }
}

pub(super) async fn insert_audit(
    conn: &mut AnyConnection,
    clock: DbClock,
    entry: &NewAudit,
    seq: i64,
    op_id: &str,
) -> Result<(), StoreError> {
    sqlx::query(&format!(
        "INSERT INTO audit (at, actor, role, action, target, seq, op_id, reason, change, nip, opd) \
         VALUES ({}, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        clock.rfc3339
    ))
    .bind(&entry.actor.username)
    .bind(entry.actor.role.as_str())
    .bind(&entry.action)
    .bind(&entry.target)
    .bind(seq)
    .bind(op_id)
    .bind(entry.reason.as_deref())
    .bind(entry.change.to_string())
    .bind(entry.nip.as_deref())
    .bind(opd_column(&entry.opd))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Escapes `LIKE` wildcards in a filter value (with `ESCAPE '\\'`).
fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub(super) async fn append_audit(store: &Store, entry: &NewAudit) -> Result<(), StoreError> {
    let mut conn = store.pool.acquire().await?;
    insert_audit(&mut conn, store.clock, entry, 0, "").await
}

pub(super) async fn audit(
    store: &Store,
    filter: &AuditFilter,
    since: u64,
    limit: u32,
) -> Result<AuditPage, StoreError> {
    // Each filter is a bound parameter; an absent one is NULL and lets every row through.
    let day = |d: Option<chrono::NaiveDate>, end: bool| {
        d.map(|d| {
            if end {
                format!("{d}T23:59:59.999Z")
            } else {
                format!("{d}T00:00:00.000Z")
            }
        })
    };
    let rows = sqlx::query(
        "SELECT id, at, actor, role, action, target, seq, op_id, reason, change, nip, opd \
         FROM audit WHERE id > $1 \
         AND ($3 IS NULL OR nip = $3) \
         AND ($4 IS NULL OR opd LIKE $4 ESCAPE '\\') \
         AND ($5 IS NULL OR actor = $5) \
         AND ($6 IS NULL OR at >= $6) \
         AND ($7 IS NULL OR at <= $7) \
         ORDER BY id LIMIT $2",
    )
    .bind(to_i64(since))
    .bind(i64::from(limit))
    .bind(filter.nip.as_deref())
    .bind(
        filter
            .unit
            .as_ref()
            .map(|u| format!("%|{}|%", like_escape(u))),
    )
    .bind(filter.actor.as_deref())
    .bind(day(filter.from, false))
    .bind(day(filter.to, true))
    .fetch_all(&store.pool)
    .await?;
    let mut entries = Vec::with_capacity(rows.len());
    for row in &rows {
        let role: String = row.try_get("role")?;
        let change: String = row.try_get("change")?;
        let opd: Option<String> = row.try_get("opd")?;
        entries.push(AuditEntry {
            id: to_u64(row.try_get("id")?),
            at: row.try_get("at")?,
            actor: row.try_get("actor")?,
            role: Role::parse(&role).ok_or_else(|| StoreError::Corrupt(format!("role {role}")))?,
            action: row.try_get("action")?,
            target: row.try_get("target")?,
            seq: to_u64(row.try_get("seq")?),
            op: row.try_get("op_id")?,
            reason: row.try_get("reason")?,
            change: serde_json::from_str(&change)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            nip: row.try_get("nip")?,
            opd: opd
                .unwrap_or_default()
                .split('|')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        });
    }
    let more = entries.len() as u64 >= u64::from(limit) && limit > 0;
    let cursor = entries.last().map_or(since, |e| e.id);
    Ok(AuditPage {
        entries,
        cursor,
        more,
    })
}
