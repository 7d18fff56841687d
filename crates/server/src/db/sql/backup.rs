//! Backup and restore of an SQLite database, online: [`Store::backup_into`] writes a
//! consistent copy with `VACUUM INTO` while the server keeps serving; [`restore_sqlite`]
//! checks a copy (integrity, a Mutasi schema no newer than this build) before it replaces the
//! target through a temporary file and a rename, so a failed restore leaves the target as it
//! was. PostgreSQL is backed up with `pg_dump` (docs/DEPLOY.md).

use std::path::{Path, PathBuf};
use std::str::FromStr;

use sqlx::any::AnyConnectOptions;
use sqlx::{AnyConnection, ConnectOptions, Connection, Row};

use super::Store;
use crate::db::{Database, StoreError};

/// What a restore brought back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Records in the restored database.
    pub records: u64,
    /// Its last sequence number.
    pub last_seq: u64,
    /// Its audit entries.
    pub audit: u64,
}

impl Store {
    /// Writes a consistent copy of this SQLite database to `out` (which must not exist) while
    /// readers and writers go on.
    pub async fn backup_into(&self, out: &Path) -> Result<(), StoreError> {
        if !matches!(self.database, Database::Sqlite(_)) {
            return Err(StoreError::Unsupported(format!(
                "cadangan hanya untuk berkas SQLite; untuk PostgreSQL pakai pg_dump / backups are \
                 for SQLite files only; use pg_dump for PostgreSQL ({})",
                self.database
            )));
        }
        if out.exists() {
            return Err(StoreError::AlreadyExists(out.display().to_string()));
        }
        sqlx::query("VACUUM INTO ?")
            .bind(out.to_string_lossy().into_owned())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

/// Opens the SQLite file `path` read-only.
async fn read_only(path: &Path) -> Result<AnyConnection, StoreError> {
    sqlx::any::install_default_drivers();
    if !path.is_file() {
        return Err(StoreError::NotFound(path.display().to_string()));
    }
    let url = format!("sqlite://{}?mode=ro", path.display());
    Ok(AnyConnectOptions::from_str(&url)?.connect().await?)
}

/// Checks that `path` is a whole Mutasi database this build can open, and counts it.
async fn inspect(path: &Path) -> Result<Restored, StoreError> {
    let not_ours = |why: String| {
        StoreError::Corrupt(format!(
            "{} bukan cadangan Mutasi yang utuh / is not a whole Mutasi backup: {why}",
            path.display()
        ))
    };
    let mut conn = read_only(path).await?;
    let check: String = sqlx::query("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| not_ours(e.to_string()))?
        .try_get(0)?;
    if check != "ok" {
        return Err(not_ours(check));
    }
    let newest: i64 = sqlx::query("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| not_ours(e.to_string()))?
        .try_get(0)?;
    let known = sqlx::migrate!("./migrations/sqlite")
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0);
    if newest > known {
        return Err(not_ours(format!(
            "skema versi {newest} lebih baru dari program ini ({known}) / schema version \
             {newest} is newer than this program's ({known})"
        )));
    }
    let mut counts = [0i64; 3];
    for (n, sql) in counts.iter_mut().zip([
        "SELECT COUNT(*) FROM records",
        "SELECT seq FROM sync_state WHERE id = 1",
        "SELECT COUNT(*) FROM audit",
    ]) {
        *n = sqlx::query(sql)
            .fetch_one(&mut conn)
            .await
            .and_then(|r| r.try_get::<i64, _>(0))
            .map_err(|_| not_ours("tabel inti tidak ada / core tables missing".into()))?;
    }
    let [records, last_seq, audit] = counts;
    conn.close().await?;
    Ok(Restored {
        records: records as u64,
        last_seq: last_seq as u64,
        audit: audit as u64,
    })
}

/// Replaces the SQLite database `to` with the backup `from`, after checking the backup. A
/// target that holds records is replaced only with `replace`. The server must be stopped.
pub async fn restore_sqlite(from: &Path, to: &Path, replace: bool) -> Result<Restored, StoreError> {
    let restored = inspect(from).await?;
    if to.exists() {
        let held = inspect(to).await.map(|r| r.records).unwrap_or(1);
        if held > 0 && !replace {
            return Err(StoreError::AlreadyExists(format!(
                "{} berisi {held} rekaman; tambahkan --replace untuk menimpanya / holds {held} \
                 records; add --replace to overwrite it",
                to.display()
            )));
        }
    }
    let side = |ext: &str| PathBuf::from(format!("{}{ext}", to.display()));
    let tmp = side(".restoring");
    let _ = std::fs::remove_file(&tmp);
    let mut conn = read_only(from).await?;
    sqlx::query("VACUUM INTO ?")
        .bind(tmp.to_string_lossy().into_owned())
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    // The target's write-ahead log belongs to the database being replaced.
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(side(ext));
    }
    std::fs::rename(&tmp, to).map_err(|e| {
        StoreError::Database(sqlx::Error::Configuration(
            format!("cannot move {} to {}: {e}", tmp.display(), to.display()).into(),
        ))
    })?;
    // Brings an older backup's schema up to this build's.
    Store::open_sqlite(to).await?;
    Ok(restored)
}
