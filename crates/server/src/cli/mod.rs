//! Subcommands of the `mutasi` binary. Each lives in its own module with its `Args` and `run`.

pub mod backup;
pub mod demo;
pub mod explain;
pub mod import;
pub mod load;
pub mod plan;
pub mod serve;
pub mod user;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

/// A runtime for the subcommands that talk to the database once and exit.
pub(crate) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}

/// The `--database` of the subcommands that read or write the data.
#[derive(Debug, clap::Args)]
pub struct DatabaseArg {
    /// The database (SQLite file or `postgres://` URL; or the environment's
    /// `MUTASI_DATABASE`, which keeps a URL's password out of `ps`).
    #[arg(
        long,
        default_value = "data/mutasi.db",
        env = "MUTASI_DATABASE",
        hide_env_values = true
    )]
    pub database: String,
}

/// Today in UTC, from the machine's clock: the default date of the subcommands that take one.
pub(crate) fn today_utc() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Mutasi ASN — planning transfers and rotations of civil servants, Pemerintah Kota Palembang.
#[derive(Debug, Parser)]
#[command(name = "mutasi", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the browser app and the API (SQLite by default).
    Serve(serve::Args),
    /// Manage accounts: add, passwd, disable, enable, scope (password read from standard input);
    /// activate (accounts from the roster with one-time codes), reset (a new code).
    User(user::Args),
    /// Write the deterministic demo city of Kota Palembang as a dataset JSON.
    Demo(demo::Args),
    /// Import employees from a CSV with SIASN-like columns (docs/CSV.md).
    Import(import::Args),
    /// Load a workbook (one CSV per sheet, docs/WORKBOOK.md) into the database: check, show
    /// the difference, apply.
    Load(load::LoadArgs),
    /// Write the stored data (or the empty template) as a workbook.
    Export(load::ExportArgs),
    /// Explain every rule's verdict and the fit of moving an employee into a slot.
    Explain(explain::Args),
    /// Plan the best legal set of moves for a scope (exact assignment with chains and swaps).
    Plan(plan::Args),
    /// Write a consistent copy of the SQLite database while the server runs.
    Backup(backup::BackupArgs),
    /// Replace the SQLite database with a backup (stop the server first).
    Restore(backup::RestoreArgs),
}

impl Cli {
    /// Runs the chosen subcommand.
    pub fn run(self) -> anyhow::Result<()> {
        match self.command {
            Command::Serve(args) => serve::run(args),
            Command::User(args) => user::run(args),
            Command::Demo(args) => demo::run(args),
            Command::Import(args) => import::run(args),
            Command::Load(args) => load::load(args),
            Command::Export(args) => load::export(args),
            Command::Explain(args) => explain::run(args),
            Command::Plan(args) => plan::run(args),
            Command::Backup(args) => backup::backup(args),
            Command::Restore(args) => backup::restore(args),
        }
    }
}
