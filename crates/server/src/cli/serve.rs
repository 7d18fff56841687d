//! `mutasi serve`: the HTTP server for the browser app and the API.
//!
//! ```text
//! mutasi serve                                  # 127.0.0.1:8080, data/mutasi.db, ./dist
//! mutasi serve --demo                           # + the demo city and one account per role
//! mutasi serve --addr 127.0.0.1:0 --database /tmp/x.db --dist dist
//! mutasi serve --database postgres://user:password@127.0.0.1/mutasi
//! ```
//!
//! Without `--demo` no account exists: create them with `mutasi user add`.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;

use crate::db::{Database, Store};
use crate::{app, demo_seed, AppState, StaticConfig};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080", env = "MUTASI_ADDR")]
    pub addr: SocketAddr,
    /// SQLite database file (created with its schema on first start) or a PostgreSQL URL
    /// (`postgres://user:password@host/db`).
    #[arg(
        long,
        default_value = "data/mutasi.db",
        env = "MUTASI_DATABASE",
        hide_env_values = true
    )]
    pub database: String,
    /// Folder of the built browser app (Trunk's output).
    #[arg(long, default_value = "dist", env = "MUTASI_DIST")]
    pub dist: PathBuf,
    /// Seed the demo city (when the database is empty) and one demo account per role with a
    /// fresh random password, printed at start.
    #[arg(long)]
    pub demo: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(serve(args))
}

async fn serve(args: Args) -> anyhow::Result<()> {
    let database = Database::parse(&args.database);
    let store = Store::open(database.clone())
        .await
        .with_context(|| format!("cannot open the database {database}"))?;
    let accounts = if args.demo {
        let ds = tokio::task::spawn_blocking(|| {
            let mut ds = mutasi_core::demo::generate(demo_seed::DEMO_SEED);
            demo_seed::demo_rules(&mut ds);
            ds
        })
        .await?;
        let written = demo_seed::seed_dataset(&store, &ds).await?;
        if written > 0 {
            tracing::info!(records = written, "demo city seeded");
        }
        demo_seed::seed_accounts(&store, &ds).await?
    } else {
        Vec::new()
    };
    let dist = if args.dist.join("index.html").is_file() {
        Some(args.dist.clone())
    } else {
        tracing::warn!(dist = %args.dist.display(), "no built app found; serving the API only");
        None
    };
    let state = AppState::new(store);
    // Load the dataset the checks run on now rather than on the first push.
    tokio::spawn({
        let state = state.clone();
        async move {
            if let Err(e) = state.dataset.get(state.store.as_ref()).await {
                tracing::warn!(error = %e, "cannot load the dataset for the checks");
            }
        }
    });
    let router = app(state, &StaticConfig { dist });
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    let local = listener.local_addr()?;
    // The e2e tests read this line to find the port; keep its shape.
    println!("Mutasi ASN berjalan di / is running at http://{local}");
    println!("Database: {database}");
    if !accounts.is_empty() {
        println!(
            "Akun demo (kata sandi baru setiap start) / demo accounts (new passwords each start):"
        );
        for a in &accounts {
            println!(
                "  {:<15} {:<9} {:<18} {}",
                a.username,
                a.role.as_str(),
                a.password,
                a.note
            );
        }
    }
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut sig) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            sig.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
