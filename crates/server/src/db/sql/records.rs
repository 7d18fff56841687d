//! Imports (all or nothing, seeding only an empty store) and reads of whole kinds of records
//! (the dataset the checks run on).

use super::audit::insert_audit;
use super::push::{lock_counter, next_seq};
use super::*;

pub(super) async fn import_from(
    store: &Store,
    records: &mut (dyn Iterator<Item = NewRecord> + Send),
    actor: &Actor,
    opts: &ImportOptions,
) -> Result<u64, StoreError> {
    let _turn = store.write_turn().await;
    let mut tx = store.pool.begin().await?;
    lock_counter(&mut tx).await?;
    // Under the writers' lock: two processes seeding an empty database seed it once.
    let empty: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM records")
        .fetch_one(&mut *tx)
        .await?;
    if empty > 0 && opts.only_if_empty {
        tx.rollback().await?;
        return Ok(0);
    }
    if let Some(expected) = opts.generation {
        let now: i64 = sqlx::query_scalar("SELECT generation FROM sync_state WHERE id = 1")
            .fetch_one(&mut *tx)
            .await?;
        if now != expected {
            tx.rollback().await?;
            return Err(StoreError::Stale(now));
        }
    }
    let mut changed = 0u64;
    let mut seen = 0u64;
    if empty == 0 {
        // First import: multi-row inserts, numbered in one go, a chunk of records at a
        // time (the records are made as they are written, never all held at once).
        let start: i64 = sqlx::query_scalar("SELECT seq FROM sync_state WHERE id = 1")
            .fetch_one(&mut *tx)
            .await?;
        const ROWS: usize = 500;
        loop {
            let chunk: Vec<NewRecord> = (&mut *records).take(ROWS).collect();
            if chunk.is_empty() {
                break;
            }
            let mut sql = String::from(
                "INSERT INTO records (kind, id, version, seq, opd, nip, data, reference) VALUES ",
            );
            for i in 0..chunk.len() {
                let p = i * 7;
                if i > 0 {
                    sql.push(',');
                }
                sql.push_str(&format!(
                    "(${}, ${}, 1, ${}, ${}, ${}, ${}, ${})",
                    p + 1,
                    p + 2,
                    p + 3,
                    p + 4,
                    p + 5,
                    p + 6,
                    p + 7
                ));
            }
            let mut q = sqlx::query(&sql);
            for r in &chunk {
                seen += 1;
                q = q
                    .bind(r.kind.as_str())
                    .bind(&r.id)
                    .bind(start + to_i64(seen))
                    .bind(&r.write.opd)
                    .bind(&r.write.nip)
                    .bind(r.write.data.to_string())
                    .bind(is_reference(r.kind));
            }
            q.execute(&mut *tx).await?;
        }
        changed = seen;
        sqlx::query("UPDATE sync_state SET seq = seq + $1 WHERE id = 1")
            .bind(to_i64(changed))
            .execute(&mut *tx)
            .await?;
    } else {
        for r in records {
            seen += 1;
            let current = fetch_stored(&mut tx, r.kind, &r.id).await?;
            let version = match &current {
                Some(c)
                    if c.record.data == r.write.data
                        && c.opd == r.write.opd
                        && c.nip == r.write.nip =>
                {
                    continue
                }
                Some(c) => c.record.version + 1,
                None => 1,
            };
            let seq = next_seq(&mut tx).await?;
            upsert(&mut tx, r.kind, &r.id, version, seq, &r.write).await?;
            changed += 1;
        }
    }
    if changed > 0 {
        sqlx::query("UPDATE sync_state SET generation = generation + 1 WHERE id = 1")
            .execute(&mut *tx)
            .await?;
        let last: i64 = sqlx::query_scalar("SELECT seq FROM sync_state WHERE id = 1")
            .fetch_one(&mut *tx)
            .await?;
        let (action, mut change) = opts
            .audit
            .clone()
            .unwrap_or_else(|| ("import".into(), serde_json::json!({})));
        if let Some(c) = change.as_object_mut() {
            c.insert("records".into(), seen.into());
            c.insert("changed".into(), changed.into());
        }
        let entry = NewAudit {
            actor: actor.clone(),
            action,
            target: "dataset".into(),
            reason: None,
            change,
            nip: None,
            opd: Vec::new(),
        };
        insert_audit(&mut tx, store.clock, &entry, last, "").await?;
    }
    tx.commit().await?;
    Ok(changed)
}

pub(super) async fn generation(store: &Store) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT generation FROM sync_state WHERE id = 1")
            .fetch_one(&store.pool)
            .await?,
    )
}

pub(super) async fn sync_state(store: &Store) -> Result<SyncState, StoreError> {
    let row = sqlx::query("SELECT seq, generation FROM sync_state WHERE id = 1")
        .fetch_one(&store.pool)
        .await?;
    Ok(SyncState {
        seq: to_u64(row.try_get("seq")?),
        generation: row.try_get("generation")?,
    })
}

pub(super) async fn raw_records(
    store: &Store,
    kinds: &[RecordKind],
    after: u64,
    upto: u64,
    limit: u32,
) -> Result<Vec<RawRecord>, StoreError> {
    let marks: Vec<String> = (0..kinds.len()).map(|i| format!("${}", i + 4)).collect();
    let sql = format!(
        "SELECT kind, id, seq, data FROM records WHERE seq > $1 AND seq <= $2 \
         AND kind IN ({}) ORDER BY seq LIMIT $3",
        marks.join(", ")
    );
    let mut q = sqlx::query(&sql)
        .bind(to_i64(after))
        .bind(to_i64(upto))
        .bind(i64::from(limit));
    for k in kinds {
        q = q.bind(k.as_str());
    }
    q.fetch_all(&store.pool)
        .await?
        .iter()
        .map(|row| {
            let kind: String = row.try_get("kind")?;
            Ok(RawRecord {
                kind: RecordKind::parse(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("record kind {kind}")))?,
                id: row.try_get("id")?,
                seq: to_u64(row.try_get("seq")?),
                data: row.try_get("data")?,
            })
        })
        .collect()
}

pub(super) async fn records_of(
    store: &Store,
    kinds: &[RecordKind],
) -> Result<Vec<Record>, StoreError> {
    let mut out = Vec::new();
    for kind in kinds {
        let rows = sqlx::query(&format!(
            "SELECT {RECORD_COLUMNS} FROM records WHERE kind = $1 ORDER BY seq"
        ))
        .bind(kind.as_str())
        .fetch_all(&store.pool)
        .await?;
        for row in &rows {
            out.push(record_from_row(row)?);
        }
    }
    Ok(out)
}

pub(super) async fn record(
    store: &Store,
    kind: RecordKind,
    id: &str,
) -> Result<StoredRecord, StoreError> {
    let mut conn = store.pool.acquire().await?;
    fetch_stored(&mut conn, kind, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("{}/{id}", kind.as_str())))
}

pub(super) async fn count_records(store: &Store) -> Result<u64, StoreError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM records")
        .fetch_one(&store.pool)
        .await?;
    Ok(to_u64(n))
}

pub(super) async fn last_seq(store: &Store) -> Result<u64, StoreError> {
    let n: i64 = sqlx::query_scalar("SELECT seq FROM sync_state WHERE id = 1")
        .fetch_one(&store.pool)
        .await?;
    Ok(to_u64(n))
}
