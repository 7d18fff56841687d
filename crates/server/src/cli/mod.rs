//! Subcommands of the `mutasi` binary. Each lives in its own module with its `Args` and `run`.

pub mod serve;

use clap::{Parser, Subcommand};

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
}

impl Cli {
    /// Runs the chosen subcommand.
    pub fn run(self) -> anyhow::Result<()> {
        match self.command {
            Command::Serve(args) => serve::run(args),
        }
    }
}
