//! `mutasi serve`: the HTTP server for the browser app and the API.
//!
//! ```text
//! mutasi serve                                  # 127.0.0.1:8080, data/mutasi.db, ./dist
//! mutasi serve --demo                           # + the demo city and one account per role
//! mutasi serve --demo --demo-scale 5            # + an instansi of ≈ 97,000 ASN (5 regions)
//! mutasi serve --addr 127.0.0.1:0 --database /tmp/x.db --dist dist
//! mutasi serve --database postgres://user:password@127.0.0.1/mutasi
//! ```
//!
//! Without `--demo` no account exists: create them with `mutasi user add`.
//!
//! Limits for a public-facing server (timeouts, the connection cap, password checks at once,
//! login throttling, trusted proxies) are flags with environment variables; their defaults and
//! reasons are in docs/SECURITY.md.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;

use crate::auth::client::TrustedProxies;
use crate::auth::password::{HashLimits, Verifier};
use crate::auth::throttle::Throttle;
use crate::db::{Database, DbOptions, Storage, Store};
use crate::listen::{self, Limits};
use crate::{app_with, demo_seed, AppState, HttpConfig, StaticConfig};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080", env = "MUTASI_ADDR")]
    pub addr: SocketAddr,
    /// SQLite database file (created with its schema on first start) or a PostgreSQL URL
    /// (`postgres://user:password@host/db`). A URL with a password belongs in the environment
    /// or in `--database-file`, not on the command line, where `ps` shows it.
    #[arg(
        long,
        default_value = "data/mutasi.db",
        env = "MUTASI_DATABASE",
        hide_env_values = true
    )]
    pub database: String,
    /// A file whose first line is the database location (e.g. a systemd credential); replaces
    /// `--database`.
    #[arg(long, env = "MUTASI_DATABASE_FILE")]
    pub database_file: Option<PathBuf>,
    /// Database connections per process (PostgreSQL: processes × this must stay under the
    /// server's `max_connections`, 100 by default).
    #[arg(long, default_value_t = 8, env = "MUTASI_DB_POOL")]
    pub db_pool: u32,
    /// PostgreSQL: seconds a write waits for the writers' lock before answering 503.
    #[arg(long, default_value_t = 5, env = "MUTASI_DB_LOCK_TIMEOUT")]
    pub db_lock_timeout: u64,
    /// PostgreSQL: seconds a statement may run.
    #[arg(long, default_value_t = 30, env = "MUTASI_DB_STATEMENT_TIMEOUT")]
    pub db_statement_timeout: u64,
    /// PostgreSQL: seconds a transaction may sit idle (a frozen process's locks are released
    /// after it).
    #[arg(
        long,
        default_value_t = 5,
        env = "MUTASI_DB_IDLE_IN_TRANSACTION_TIMEOUT"
    )]
    pub db_idle_in_transaction_timeout: u64,
    /// Folder of the built browser app (Trunk's output).
    #[arg(long, default_value = "dist", env = "MUTASI_DIST")]
    pub dist: PathBuf,
    /// Seed the demo city (when the database is empty) and one demo account per role with a
    /// fresh random password, printed at start.
    #[arg(long)]
    pub demo: bool,
    /// With `--demo`: give the existing (enabled) demo accounts new passwords and print them
    /// (the local demo of scripts/run.sh). Without it, existing accounts are left alone.
    #[arg(long, requires = "demo")]
    pub demo_reset_passwords: bool,
    /// With `--demo`: seed an instansi of N regions of the demo city instead of the city
    /// (`mutasi demo --scale`; 5 is about 100,000 ASN, for benchmarks). Only an empty database
    /// is seeded, so start on a fresh one.
    #[arg(
        long,
        default_value_t = 1,
        env = "MUTASI_DEMO_SCALE",
        value_parser = clap::value_parser!(u32).range(1..=mutasi_core::demo::MAX_SCALE as i64)
    )]
    pub demo_scale: u32,
    /// Don't prepare the city-wide first-sync snapshot at start (it is then prepared on the
    /// first city-wide sync instead; preparing costs a few seconds of one core).
    #[arg(long, env = "MUTASI_NO_SNAPSHOT_WARMUP")]
    pub no_snapshot_warmup: bool,
    /// Seconds allowed for a request's headers (also how long a kept-alive connection may wait
    /// for its next request).
    #[arg(long, default_value_t = 10, env = "MUTASI_HEADER_TIMEOUT")]
    pub header_timeout: u64,
    /// Seconds allowed for a request's body (408 after it).
    #[arg(long, default_value_t = 30, env = "MUTASI_BODY_TIMEOUT")]
    pub body_timeout: u64,
    /// Seconds without a byte in or out after which a connection is closed.
    #[arg(long, default_value_t = 60, env = "MUTASI_IDLE_TIMEOUT")]
    pub idle_timeout: u64,
    /// Connections open at once (at the cap the longest idle one is closed for a new one).
    #[arg(long, default_value_t = 4096, env = "MUTASI_MAX_CONNECTIONS")]
    pub max_connections: usize,
    /// Password checks running at once (each holds about 19 MiB while it runs; default: the
    /// number of cores but one, at least 1 and at most 4, so a flood of logins leaves a core to
    /// the other requests).
    #[arg(long, env = "MUTASI_HASH_CONCURRENCY")]
    pub hash_concurrency: Option<usize>,
    /// Password checks waiting for a turn; further logins get 503 with Retry-After.
    #[arg(long, default_value_t = 32, env = "MUTASI_HASH_QUEUE")]
    pub hash_queue: usize,
    /// Reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For names
    /// the client; from anyone else the header is ignored.
    #[arg(long, default_value = "", env = "MUTASI_TRUSTED_PROXIES")]
    pub trusted_proxy: String,
    /// Failed logins in a row per account before each attempt is delayed (1 s, doubling).
    #[arg(long, default_value_t = 5, env = "MUTASI_LOGIN_ACCOUNT_FREE")]
    pub login_account_free: i64,
    /// The longest delay per account, seconds.
    #[arg(long, default_value_t = 60, env = "MUTASI_LOGIN_ACCOUNT_MAX_DELAY")]
    pub login_account_max_delay: i64,
    /// Failed logins in a row per client address (IPv6: per /64) before attempts are delayed.
    #[arg(long, default_value_t = 30, env = "MUTASI_LOGIN_ADDRESS_FREE")]
    pub login_address_free: i64,
    /// The longest delay per client address, seconds.
    #[arg(long, default_value_t = 900, env = "MUTASI_LOGIN_ADDRESS_MAX_DELAY")]
    pub login_address_max_delay: i64,
    /// Days an activation code (an account made from the roster, or reset) stays valid.
    #[arg(long, default_value_t = 14, env = "MUTASI_ACTIVATION_DAYS")]
    pub activation_days: i64,
}

impl Args {
    /// Where the data lives: `--database-file`'s first line, else `--database`.
    pub fn database(&self) -> anyhow::Result<Database> {
        match &self.database_file {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                let first = text.lines().next().map(str::trim).unwrap_or_default();
                anyhow::ensure!(!first.is_empty(), "{} is empty", path.display());
                Ok(Database::parse(first))
            }
            None => Ok(Database::parse(&self.database)),
        }
    }

    /// The store's options of these arguments.
    pub fn db_options(&self) -> DbOptions {
        DbOptions {
            pool: self.db_pool.max(1),
            lock_timeout: Duration::from_secs(self.db_lock_timeout.max(1)),
            statement_timeout: Duration::from_secs(self.db_statement_timeout.max(1)),
            idle_in_transaction_timeout: Duration::from_secs(
                self.db_idle_in_transaction_timeout.max(1),
            ),
            ..DbOptions::default()
        }
    }

    /// The connection limits of these arguments.
    pub fn limits(&self) -> Limits {
        Limits {
            header: Duration::from_secs(self.header_timeout.max(1)),
            body: Duration::from_secs(self.body_timeout.max(1)),
            idle: Duration::from_secs(self.idle_timeout.max(1)),
            max_connections: self.max_connections.max(1),
        }
    }

    /// The login throttle of these arguments.
    pub fn throttle(&self) -> Throttle {
        let mut t = Throttle::default();
        t.account.free = self.login_account_free.max(1);
        t.account.max_delay = self.login_account_max_delay.max(1);
        t.address.free = self.login_address_free.max(1);
        t.address.max_delay = self.login_address_max_delay.max(1);
        t
    }
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(serve(args))
}

async fn serve(args: Args) -> anyhow::Result<()> {
    let database = args.database()?;
    let store = Store::open_with(database.clone(), &args.db_options())
        .await
        .with_context(|| format!("cannot open the database {database}"))?;
    let accounts = if args.demo {
        let scale = args.demo_scale;
        let ds = tokio::task::spawn_blocking(move || demo_seed::demo_dataset(scale)).await?;
        let written = demo_seed::seed_dataset(&store, &ds).await?;
        if written > 0 {
            tracing::info!(records = written, "demo city seeded");
        }
        let existing = if args.demo_reset_passwords {
            demo_seed::ExistingAccounts::ResetPasswords
        } else {
            demo_seed::ExistingAccounts::Keep
        };
        demo_seed::seed_accounts(&store, &ds, existing).await?
    } else {
        Vec::new()
    };
    let dist = if args.dist.join("index.html").is_file() {
        Some(args.dist.clone())
    } else {
        tracing::warn!(dist = %args.dist.display(), "no built app found; serving the API only");
        None
    };
    let mut state = AppState::new(store);
    state.throttle = args.throttle();
    state.accounts = crate::accounts::Config {
        code_days: args.activation_days.max(1),
    };
    state.proxies = TrustedProxies::parse(&args.trusted_proxy).map_err(anyhow::Error::msg)?;
    let mut hashing = HashLimits::default();
    if let Some(n) = args.hash_concurrency {
        hashing.concurrent = n.max(1);
    }
    hashing.queue = args.hash_queue;
    state.verifier = Arc::new(Verifier::new(hashing));
    // Forget stale login counters now and then.
    tokio::spawn({
        let store = state.store.clone();
        let age = state
            .throttle
            .account
            .window
            .max(state.throttle.address.window);
        async move {
            loop {
                if let Err(e) = store.throttle_prune(age).await {
                    tracing::warn!(error = %e, "cannot prune login counters");
                }
                tokio::time::sleep(Duration::from_secs(600)).await;
            }
        }
    });
    // Load the dataset the checks run on now rather than on the first push.
    tokio::spawn({
        let state = state.clone();
        async move {
            if let Err(e) = state.dataset.get(state.store.as_ref()).await {
                tracing::warn!(error = %e, "cannot load the dataset for the checks");
            }
        }
    });
    // Prepare the city-wide first-sync snapshot (`sync::snapshot`) now rather than on the
    // first city-wide device's sync.
    if !args.no_snapshot_warmup {
        Arc::clone(&state.snapshots).refresh_in_background(Arc::clone(&state.store), None);
    }
    let mut limits = args.limits();
    let fits = listen::raise_file_limit(limits.max_connections);
    if fits < limits.max_connections {
        tracing::warn!(
            wanted = limits.max_connections,
            fits,
            "the open-file limit caps the connections"
        );
        limits.max_connections = fits;
    }
    let http = HttpConfig {
        body_timeout: limits.body,
    };
    let state_store = state.store.clone();
    let router = app_with(state, &StaticConfig { dist }, &http);
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    let local = listener.local_addr()?;
    // The e2e tests read this line to find the port; keep its shape.
    println!("Mutasi ASN berjalan di / is running at http://{local}");
    println!("Database: {database}");
    print_accounts(&accounts);
    print_first_steps(state_store.as_ref(), &database).await;
    listen::serve(listener, router, limits, shutdown_signal()).await?;
    Ok(())
}

/// On a database without an administrator or without data, what to do first (the server runs
/// anyway: the app's shell and health answer).
async fn print_first_steps(store: &dyn Storage, database: &Database) {
    let admins = store.count_admins().await.unwrap_or(1);
    let records = store.count_records().await.unwrap_or(1);
    if admins > 0 && records > 0 {
        return;
    }
    println!("Langkah pertama / first steps:");
    if admins == 0 {
        println!(
            "  - Belum ada admin. Buat akun admin pertama / no administrator yet; create the first:\n\
             \x20     mutasi user add admin --role admin --database '{}'",
            database.location()
        );
    }
    if records == 0 {
        println!(
            "  - Belum ada data organisasi / no organisation data yet. Muat buku kerja / load the \
             organisation's workbook (docs/WORKBOOK.md):\n\
             \x20     mutasi export templat --template        # the empty template and its guide\n\
             \x20     mutasi load FOLDER --database '{}'\n\
             \x20   or the admin's Data page in the app; to try Mutasi, start with --demo instead.",
            database.location()
        );
    }
}

/// The demo accounts: the passwords this start set, then the accounts left as they were.
fn print_accounts(accounts: &[demo_seed::DemoAccount]) {
    let fresh: Vec<_> = accounts.iter().filter(|a| a.password.is_some()).collect();
    if !fresh.is_empty() {
        println!("Akun demo dan kata sandinya / demo accounts and their passwords:");
        for a in fresh {
            println!(
                "  {:<15} {:<9} {:<18} {}",
                a.username,
                a.role.as_str(),
                a.password.as_deref().unwrap_or_default(),
                a.note
            );
        }
    }
    for a in accounts.iter().filter(|a| a.password.is_none()) {
        let state = if a.disabled {
            "dinonaktifkan, tetap nonaktif / disabled, stays disabled"
        } else {
            "sudah ada, kata sandi tidak diubah (mutasi user passwd) / exists, password unchanged"
        };
        println!("  {}: {state}", a.username);
    }
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
