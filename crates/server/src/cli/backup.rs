//! `mutasi backup` and `mutasi restore`: a consistent copy of the SQLite database while the
//! server runs, and the way back (the server stopped). PostgreSQL: `pg_dump` / `pg_restore`
//! (docs/DEPLOY.md).
//!
//! ```text
//! mutasi backup /var/backups/mutasi/2027-04-01.db            # --database data/mutasi.db
//! mutasi restore /var/backups/mutasi/2027-04-01.db --replace  # server stopped first
//! ```

use std::path::PathBuf;

use anyhow::Context;

use super::runtime;
use crate::db::{restore_sqlite, Database, Store};

#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// The file to write (must not exist).
    pub out: PathBuf,
    /// The SQLite database to copy.
    #[arg(
        long,
        default_value = "data/mutasi.db",
        env = "MUTASI_DATABASE",
        hide_env_values = true
    )]
    pub database: String,
}

#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The backup to restore.
    pub from: PathBuf,
    /// The SQLite database to replace.
    #[arg(
        long,
        default_value = "data/mutasi.db",
        env = "MUTASI_DATABASE",
        hide_env_values = true
    )]
    pub database: String,
    /// Overwrite a database that holds records.
    #[arg(long)]
    pub replace: bool,
}

pub fn backup(args: BackupArgs) -> anyhow::Result<()> {
    runtime()?.block_on(async move {
        let database = Database::parse(&args.database);
        if let Database::Sqlite(path) = &database {
            anyhow::ensure!(path.is_file(), "no database at {}", path.display());
        }
        let store = Store::open(database.clone())
            .await
            .with_context(|| format!("opening {database}"))?;
        store
            .backup_into(&args.out)
            .await
            .with_context(|| format!("backing up {database} to {}", args.out.display()))?;
        println!(
            "Cadangan ditulis / backup written: {} ({} bytes)",
            args.out.display(),
            std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0)
        );
        Ok(())
    })
}

pub fn restore(args: RestoreArgs) -> anyhow::Result<()> {
    let Database::Sqlite(to) = Database::parse(&args.database) else {
        anyhow::bail!(
            "restore replaces an SQLite file; for PostgreSQL use pg_restore (docs/DEPLOY.md)"
        );
    };
    runtime()?.block_on(async move {
        let r = restore_sqlite(&args.from, &to, args.replace)
            .await
            .with_context(|| format!("restoring {} into {}", args.from.display(), to.display()))?;
        println!(
            "Dipulihkan / restored: {} records, seq {}, {} audit entries into {}",
            r.records,
            r.last_seq,
            r.audit,
            to.display()
        );
        Ok(())
    })
}
