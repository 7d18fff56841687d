//! `push`: the writers' path. One SQL transaction per push, under the counter row's lock, so
//! sequence numbers follow commit order; the checks run on the committed generation.

use super::audit::insert_audit;
use super::*;

fn op_hash(op: &Op) -> String {
    let json = serde_json::to_vec(op).unwrap_or_default();
    hex(&Sha256::digest(&json))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Takes the writers' lock (the counter row) as the first statement of a transaction.
pub(super) async fn lock_counter(conn: &mut AnyConnection) -> Result<(), StoreError> {
    sqlx::query("UPDATE sync_state SET seq = seq WHERE id = 1")
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(super) async fn next_seq(conn: &mut AnyConnection) -> Result<i64, StoreError> {
    let seq: i64 =
        sqlx::query_scalar("UPDATE sync_state SET seq = seq + 1 WHERE id = 1 RETURNING seq")
            .fetch_one(&mut *conn)
            .await?;
    Ok(seq)
}

pub(super) async fn push(
    store: &Store,
    actor: &Actor,
    ops: &[Op],
    check: &dyn OpCheck,
) -> Result<Vec<OpResult>, StoreError> {
    let _turn = store.write_turn().await;
    let mut tx = store.pool.begin().await?;
    lock_counter(&mut tx).await?;
    // The checks run on the data as committed: under the writers' lock nothing can change
    // the generation any more, so if the checker's data is of another one, start again.
    let generation: i64 = sqlx::query_scalar("SELECT generation FROM sync_state WHERE id = 1")
        .fetch_one(&mut *tx)
        .await?;
    if generation != check.generation() {
        tx.rollback().await?;
        return Err(StoreError::Stale(generation));
    }
    let mut results = Vec::with_capacity(ops.len());
    for (index, op) in ops.iter().enumerate() {
        let hash = op_hash(op);
        let done = sqlx::query(
            "SELECT user_id, op_hash, seq, kind, record_id, version FROM applied_ops WHERE op_id = $1",
        )
        .bind(&op.id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = done {
            let user_id: String = row.try_get("user_id")?;
            let stored_hash: String = row.try_get("op_hash")?;
            if user_id != actor.user_id || stored_hash != hash {
                return Err(StoreError::OpIdReused(op.id.clone()));
            }
            let kind: String = row.try_get("kind")?;
            results.push(OpResult {
                op: op.id.clone(),
                status: OpStatus::Duplicate,
                seq: to_u64(row.try_get("seq")?),
                kind: RecordKind::parse(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("kind {kind}")))?,
                id: row.try_get("record_id")?,
                version: to_u64(row.try_get("version")?),
            });
            continue;
        }
        let (kind, id) = op.change.target();
        let current = fetch_stored(&mut tx, kind, &id).await?;
        // Who may act comes first: a refused caller learns nothing about the target.
        check
            .admit(index, op, current.as_ref())
            .map_err(StoreError::Refused)?;
        let current_version = current.as_ref().map_or(0, |c| c.record.version);
        if current_version != op.base_version {
            // Report the committed record, not this batch's uncommitted view of it, and
            // only one the caller may see (admission implies it; this makes sure).
            tx.rollback().await?;
            let mut conn = store.pool.acquire().await?;
            let committed = fetch_stored(&mut conn, kind, &id).await?;
            if committed.as_ref().is_some_and(|c| !check.may_see(c)) {
                return Err(StoreError::Refused(OpRefusal::Unknown {
                    op: op.id.clone(),
                    index,
                    what: mutasi_core::text::Text::same(format!("{}/{id}", kind.as_str())),
                }));
            }
            return Err(StoreError::Conflict(Box::new(Conflict {
                op: op.id.clone(),
                index,
                base_version: op.base_version,
                current: committed.map(|c| c.record),
            })));
        }
        let mut reads = Vec::new();
        for (k, rid) in check.reads(op, current.as_ref()) {
            reads.push(fetch_stored(&mut tx, k, &rid).await?);
        }
        let checked = check
            .check(index, op, current.as_ref(), &reads)
            .map_err(StoreError::Refused)?;
        let version = current_version + 1;
        let seq = next_seq(&mut tx).await?;
        upsert(&mut tx, kind, &id, version, seq, &checked.write).await?;
        // Records the op changes besides its target, each at its version + 1.
        for r in &checked.also {
            let v = fetch_stored(&mut tx, r.kind, &r.id)
                .await?
                .map_or(0, |c| c.record.version);
            let s = next_seq(&mut tx).await?;
            upsert(&mut tx, r.kind, &r.id, v + 1, s, &r.write).await?;
        }
        if !checked.also.is_empty() {
            sqlx::query("UPDATE sync_state SET generation = generation + 1 WHERE id = 1")
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(
            "INSERT INTO applied_ops (op_id, user_id, op_hash, seq, kind, record_id, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&op.id)
        .bind(&actor.user_id)
        .bind(&hash)
        .bind(seq)
        .bind(kind.as_str())
        .bind(&id)
        .bind(to_i64(version))
        .execute(&mut *tx)
        .await?;
        let entry = NewAudit {
            actor: actor.clone(),
            action: op.change.action().into(),
            target: format!("{}/{id}", kind.as_str()),
            reason: op.reason.clone(),
            change: serde_json::to_value(&op.change).unwrap_or_default(),
            nip: checked.nip.clone(),
            opd: checked.opd.clone(),
        };
        insert_audit(&mut tx, store.clock, &entry, seq, &op.id).await?;
        results.push(OpResult {
            op: op.id.clone(),
            status: OpStatus::Applied,
            seq: to_u64(seq),
            kind,
            id,
            version,
        });
    }
    tx.commit().await?;
    Ok(results)
}
