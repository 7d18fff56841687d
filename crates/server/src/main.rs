//! The `mutasi` binary: `mutasi serve` runs the server; other subcommands work on data files.
//! Run `mutasi --help` for the list.

use clap::Parser;

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    mutasi_server::cli::Cli::parse().run()
}
