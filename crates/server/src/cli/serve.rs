//! `mutasi serve`: the HTTP server for the browser app and the API.
//!
//! ```text
//! mutasi serve                                  # 127.0.0.1:8080, data/mutasi.db, ./dist
//! mutasi serve --addr 127.0.0.1:0 --database /tmp/x.db --dist dist
//! ```

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;

use crate::{app, db::Store, AppState, StaticConfig};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080", env = "MUTASI_ADDR")]
    pub addr: SocketAddr,
    /// SQLite database file (created with its schema on first start).
    #[arg(long, default_value = "data/mutasi.db", env = "MUTASI_DATABASE")]
    pub database: PathBuf,
    /// Folder of the built browser app (Trunk's output).
    #[arg(long, default_value = "dist", env = "MUTASI_DIST")]
    pub dist: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(serve(args))
}

async fn serve(args: Args) -> anyhow::Result<()> {
    let store = Store::open_sqlite(&args.database).await?;
    let dist = if args.dist.join("index.html").is_file() {
        Some(args.dist.clone())
    } else {
        tracing::warn!(dist = %args.dist.display(), "no built app found; serving the API only");
        None
    };
    let router = app(AppState { store }, &StaticConfig { dist });
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    let local = listener.local_addr()?;
    // The e2e tests read this line to find the port; keep its shape.
    println!("Mutasi ASN berjalan di / is running at http://{local}");
    println!("Database: {} (sqlite)", args.database.display());
    axum::serve(listener, router)
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
