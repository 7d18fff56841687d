//! `push`: the writers' path, with group commit.
//!
//! Sequence numbers follow commit order because every writing transaction takes the counter
//! row's lock first and holds it until it commits; so on PostgreSQL one push costs, under that
//! lock, a dozen round trips and one WAL flush, and the flush sets the ceiling (about 700
//! pushes/s on this kind of machine, where a flush takes 1–2 ms). A process therefore applies the
//! pushes that are waiting together: [`Writer`] takes every push queued while the previous group
//! was committing, applies each in a savepoint of one transaction under one lock (a push that is
//! refused is rolled back to its savepoint, and the others go on), and commits once. A push
//! answers only after the commit. Alone, a push is a group of one, as before.
//!
//! **Invariant:** each push is still all or nothing and is checked on the generation committed
//! before it in the same transaction: a push after an inauguration of its own group is stale and
//! is checked again on the new data.

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

use super::audit::insert_audit;
use super::*;

/// Most pushes applied in one transaction.
const MAX_GROUP: usize = 64;
/// Most ops applied in one transaction (a group stops growing beyond it).
const MAX_GROUP_OPS: usize = 2_000;

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

/// A push waiting for the writer.
struct Job {
    actor: Actor,
    ops: Vec<Op>,
    check: Arc<dyn OpCheck>,
    reply: oneshot::Sender<Result<Vec<OpResult>, StoreError>>,
}

/// The writer of one store: a task that applies the waiting pushes in groups.
#[derive(Debug, Clone)]
pub(super) struct Writer {
    queue: mpsc::UnboundedSender<Job>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job").field("ops", &self.ops.len()).finish()
    }
}

impl Writer {
    /// Starts the writer of `store` (a clone without a writer of its own).
    pub(super) fn start(store: Store) -> Self {
        let (queue, rx) = mpsc::unbounded_channel();
        tokio::spawn(run(store, rx));
        Self { queue }
    }
}

pub(super) async fn push(
    store: &Store,
    actor: &Actor,
    ops: &[Op],
    check: Arc<dyn OpCheck>,
) -> Result<Vec<OpResult>, StoreError> {
    let writer = store
        .writer
        .as_ref()
        .ok_or_else(|| StoreError::Corrupt("store without a writer".into()))?;
    let (reply, answer) = oneshot::channel();
    writer
        .queue
        .send(Job {
            actor: actor.clone(),
            ops: ops.to_vec(),
            check,
            reply,
        })
        .map_err(|_| StoreError::Busy)?;
    answer.await.map_err(|_| StoreError::Busy)?
}

/// The writer's loop: a group of the pushes waiting, one transaction, answers after the commit.
async fn run(store: Store, mut rx: mpsc::UnboundedReceiver<Job>) {
    while let Some(first) = rx.recv().await {
        let mut ops = first.ops.len();
        let mut jobs = vec![first];
        while jobs.len() < MAX_GROUP && ops < MAX_GROUP_OPS {
            match rx.try_recv() {
                Ok(job) => {
                    ops += job.ops.len();
                    jobs.push(job);
                }
                Err(_) => break,
            }
        }
        match apply_group(&store, &jobs).await {
            Ok(answers) => {
                for (job, answer) in jobs.into_iter().zip(answers) {
                    let _ = job.reply.send(answer);
                }
            }
            Err(e) => {
                let busy = matches!(e, StoreError::Busy);
                if !busy {
                    tracing::error!(error = %e, pushes = jobs.len(), "a group of pushes failed");
                }
                let text = e.to_string();
                for job in jobs {
                    let _ = job.reply.send(Err(if busy {
                        StoreError::Busy
                    } else {
                        StoreError::Database(sqlx::Error::Protocol(text.clone()))
                    }));
                }
            }
        }
    }
}

/// Applies `jobs` in one transaction: each push in its own savepoint. The answers are in the
/// jobs' order; an `Err` of the whole means nothing was applied.
async fn apply_group(
    store: &Store,
    jobs: &[Job],
) -> Result<Vec<Result<Vec<OpResult>, StoreError>>, StoreError> {
    let _turn = store.write_turn().await;
    let mut tx = store.pool.begin().await?;
    // The writers' lock and the generation committed, in one statement.
    let mut generation: i64 =
        sqlx::query_scalar("UPDATE sync_state SET seq = seq WHERE id = 1 RETURNING generation")
            .fetch_one(&mut *tx)
            .await?;
    let postgres = matches!(store.database, Database::Postgres(_));
    // A group of one needs no savepoint: its failure rolls back the transaction.
    let savepoints = jobs.len() > 1;
    let mut answers = Vec::with_capacity(jobs.len());
    for job in jobs {
        // The checks ran on the data as committed at `generation`, or they start again.
        if job.check.generation() != generation {
            answers.push(Err(StoreError::Stale(generation)));
            continue;
        }
        if savepoints {
            sqlx::query("SAVEPOINT push").execute(&mut *tx).await?;
        }
        let check = job.check.as_ref();
        let applied = apply_push(&mut tx, store.clock, postgres, &job.actor, &job.ops, check).await;
        match applied {
            Ok((results, moved)) => {
                if savepoints {
                    sqlx::query("RELEASE SAVEPOINT push")
                        .execute(&mut *tx)
                        .await?;
                }
                if moved {
                    generation += 1;
                }
                answers.push(Ok(results));
            }
            Err(failure) if savepoints => {
                sqlx::query("ROLLBACK TO SAVEPOINT push")
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("RELEASE SAVEPOINT push")
                    .execute(&mut *tx)
                    .await?;
                answers.push(Err(match failure {
                    Failure::Store(e) => e,
                    Failure::Version(v) => conflict(&mut tx, job, v).await?,
                }));
            }
            Err(failure) => {
                tx.rollback().await?;
                let answer = match failure {
                    Failure::Store(e) => e,
                    Failure::Version(v) => {
                        let mut conn = store.pool.acquire().await?;
                        conflict(&mut conn, job, v).await?
                    }
                };
                return Ok(vec![Err(answer)]);
            }
        }
    }
    tx.commit().await?;
    Ok(answers)
}

/// Why a push was not applied.
enum Failure {
    /// Refused, or the database failed.
    Store(StoreError),
    /// An op's base version is not the target's.
    Version(VersionMismatch),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

impl From<sqlx::Error> for Failure {
    fn from(e: sqlx::Error) -> Self {
        Failure::Store(e.into())
    }
}

struct VersionMismatch {
    index: usize,
    kind: RecordKind,
    id: String,
}

/// The 409 of a version mismatch, with the target as it stands without this push (what other
/// pushes of the group and earlier transactions wrote), only if the caller may see it.
async fn conflict(
    tx: &mut AnyConnection,
    job: &Job,
    v: VersionMismatch,
) -> Result<StoreError, StoreError> {
    let op = &job.ops[v.index];
    let current = fetch_stored(tx, v.kind, &v.id).await?;
    if current.as_ref().is_some_and(|c| !job.check.may_see(c)) {
        return Ok(StoreError::Refused(OpRefusal::Unknown {
            op: op.id.clone(),
            index: v.index,
            what: mutasi_core::text::Text::same(format!("{}/{}", v.kind.as_str(), v.id)),
        }));
    }
    Ok(StoreError::Conflict(Box::new(Conflict {
        op: op.id.clone(),
        index: v.index,
        base_version: op.base_version,
        current: current.map(|c| c.record),
    })))
}

/// Applies one push's ops in order; returns their results and whether the push moved the
/// generation (an inauguration).
async fn apply_push(
    tx: &mut AnyConnection,
    clock: DbClock,
    postgres: bool,
    actor: &Actor,
    ops: &[Op],
    check: &dyn OpCheck,
) -> Result<(Vec<OpResult>, bool), Failure> {
    let mut results = Vec::with_capacity(ops.len());
    let mut moved = false;
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
                return Err(StoreError::OpIdReused(op.id.clone()).into());
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
        let current = fetch_stored(tx, kind, &id).await?;
        // Who may act comes first: a refused caller learns nothing about the target.
        check
            .admit(index, op, current.as_ref())
            .map_err(StoreError::Refused)?;
        let current_version = current.as_ref().map_or(0, |c| c.record.version);
        // The version, and the status and fingerprint the op expects (when it says).
        if !op.builds_on(current.as_ref().map(|c| &c.record)) {
            return Err(Failure::Version(VersionMismatch { index, kind, id }));
        }
        let mut reads = Vec::new();
        for (k, rid) in check.reads(op, current.as_ref()) {
            reads.push(fetch_stored(tx, k, &rid).await?);
        }
        let checked = check
            .check(index, op, current.as_ref(), &reads)
            .map_err(StoreError::Refused)?;
        let version = current_version + 1;
        let entry = NewAudit {
            actor: actor.clone(),
            action: op.change.action().into(),
            target: format!("{}/{id}", kind.as_str()),
            reason: op.reason.clone(),
            change: serde_json::to_value(&op.change).unwrap_or_default(),
            nip: checked.nip.clone(),
            opd: checked.opd.clone(),
        };
        let applied = Applied {
            op_id: &op.id,
            hash: &hash,
            kind,
            id: &id,
            version,
            write: &checked.write,
            entry: &entry,
        };
        let seq = if postgres {
            applied.write_in_one(tx, clock).await?
        } else {
            applied.write(tx, clock).await?
        };
        // Records the op changes besides its target, each at its version + 1.
        for r in &checked.also {
            let v = fetch_stored(tx, r.kind, &r.id)
                .await?
                .map_or(0, |c| c.record.version);
            let s = next_seq(tx).await?;
            upsert(tx, r.kind, &r.id, v + 1, s, &r.write).await?;
        }
        if !checked.also.is_empty() {
            sqlx::query("UPDATE sync_state SET generation = generation + 1 WHERE id = 1")
                .execute(&mut *tx)
                .await?;
            moved = true;
        }
        results.push(OpResult {
            op: op.id.clone(),
            status: OpStatus::Applied,
            seq: to_u64(seq),
            kind,
            id,
            version,
        });
    }
    Ok((results, moved))
}

/// What an applied op writes: its target's new version, the op id (applied once), the audit.
struct Applied<'a> {
    op_id: &'a str,
    hash: &'a str,
    kind: RecordKind,
    id: &'a str,
    version: u64,
    write: &'a crate::db::Write,
    entry: &'a NewAudit,
}

impl Applied<'_> {
    /// Writes it statement by statement (SQLite: no round trips to save); returns its seq.
    async fn write(&self, tx: &mut AnyConnection, clock: DbClock) -> Result<i64, StoreError> {
        let seq = next_seq(tx).await?;
        upsert(tx, self.kind, self.id, self.version, seq, self.write).await?;
        sqlx::query(
            "INSERT INTO applied_ops (op_id, user_id, op_hash, seq, kind, record_id, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(self.op_id)
        .bind(&self.entry.actor.user_id)
        .bind(self.hash)
        .bind(seq)
        .bind(self.kind.as_str())
        .bind(self.id)
        .bind(to_i64(self.version))
        .execute(&mut *tx)
        .await?;
        insert_audit(tx, clock, self.entry, seq, self.op_id).await?;
        Ok(seq)
    }

    /// The same in one statement (PostgreSQL: one round trip under the writers' lock instead
    /// of four).
    async fn write_in_one(
        &self,
        tx: &mut AnyConnection,
        clock: DbClock,
    ) -> Result<i64, StoreError> {
        let sql = format!(
            "WITH s AS (UPDATE sync_state SET seq = seq + 1 WHERE id = 1 RETURNING seq), \
             r AS (INSERT INTO records (kind, id, version, seq, opd, nip, data, reference) \
                   SELECT $1, $2, $3, s.seq, $4, $5, $6, $7 FROM s \
                   ON CONFLICT (kind, id) DO UPDATE SET version = EXCLUDED.version, \
                   seq = EXCLUDED.seq, opd = EXCLUDED.opd, nip = EXCLUDED.nip, \
                   data = EXCLUDED.data), \
             o AS (INSERT INTO applied_ops (op_id, user_id, op_hash, seq, kind, record_id, \
                   version) SELECT $8, $9, $10, s.seq, $1, $2, $3 FROM s), \
             a AS (INSERT INTO audit (at, actor, role, action, target, seq, op_id, reason, \
                   change, nip, opd) \
                   SELECT {}, $11, $12, $13, $14, s.seq, $8, $15, $16, $17, $18 FROM s) \
             SELECT seq FROM s",
            clock.rfc3339
        );
        let e = self.entry;
        let seq: i64 = sqlx::query_scalar(&sql)
            .bind(self.kind.as_str())
            .bind(self.id)
            .bind(to_i64(self.version))
            .bind(&self.write.opd)
            .bind(&self.write.nip)
            .bind(self.write.data.to_string())
            .bind(is_reference(self.kind))
            .bind(self.op_id)
            .bind(&e.actor.user_id)
            .bind(self.hash)
            .bind(&e.actor.username)
            .bind(e.actor.role.as_str())
            .bind(&e.action)
            .bind(&e.target)
            .bind(e.reason.as_deref())
            .bind(e.change.to_string())
            .bind(e.nip.as_deref())
            .bind(super::audit::opd_column(&e.opd))
            .fetch_one(&mut *tx)
            .await?;
        Ok(seq)
    }
}
