//! `mutasi user add|passwd|disable|enable|scope|activate|reset`: manage accounts. The password
//! is read from standard input (one line), never from an argument, and there is no default; on a
//! terminal it is typed twice without echo. `activate` makes accounts from the roster with
//! one-time activation codes ([`crate::accounts`]) and writes the activation letters as CSV to a
//! new file readable by its owner only (never over an existing file); `reset` gives one account
//! a new code.
//!
//! ```text
//! mutasi user activate --opd DISDIK --out kode-disdik.csv --login-url https://mutasi.example
//! mutasi user activate --all --out kode-semua.csv
//! mutasi user reset 198503122010011003
//! printf '%s\n' "$PASSWORD" | mutasi user add budi --role employee --nip 198503122010011003 --password-stdin
//! mutasi user add rina --role planner --opd DISDIK --opd DINKES      # prompts on a terminal
//! mutasi user add kota --role planner --city
//! mutasi user passwd budi --password-stdin < secret.txt
//! mutasi user disable budi
//! ```

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{bail, Context};
use mutasi_core::model::{Nip, UnitId};
use mutasi_core::wire::auth::{Role, Scope};
use mutasi_core::wire::sync::RecordKind;

use mutasi_core::wire::accounts::{IssuedCodes, RosterScope};

use crate::accounts::{self, issue_roster, reset, unknown_opd};
use crate::auth::{check_password_strength, hash_password};
use crate::db::{Actor, Database, NewAudit, Storage, Store, StoreError, User};
use crate::sync::load_dataset;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: UserCommand,
    /// SQLite database file or PostgreSQL URL.
    #[arg(
        long,
        global = true,
        default_value = "data/mutasi.db",
        env = "MUTASI_DATABASE",
        hide_env_values = true
    )]
    pub database: String,
}

#[derive(Debug, clap::Subcommand)]
pub enum UserCommand {
    /// Create an account.
    Add {
        /// Login name (letters, digits, `.`, `_`, `-`; at most 64).
        username: String,
        /// employee, planner, approver or admin.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// The employee's NIP (role employee).
        #[arg(long)]
        nip: Option<Nip>,
        /// An OPD the planner works on (repeatable; role planner).
        #[arg(long = "opd")]
        opd: Vec<UnitId>,
        /// The planner works on the whole city.
        #[arg(long, conflicts_with = "opd")]
        city: bool,
        /// Read the password from standard input without a prompt.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set a new password (ends the account's sessions).
    Passwd {
        username: String,
        /// Read the password from standard input without a prompt.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Disable an account (ends its sessions; it can no longer log in).
    Disable { username: String },
    /// Enable a disabled account again.
    Enable { username: String },
    /// Create employee accounts from the roster (username = NIP, no password) with one-time
    /// activation codes, written as CSV to a new file (mode 0600) or standard output.
    Activate {
        /// Employees of this OPD (repeatable).
        #[arg(long = "opd", required_unless_present = "all")]
        opd: Vec<UnitId>,
        /// Every active employee without an account.
        #[arg(long, conflicts_with = "opd")]
        all: bool,
        /// The CSV of activation letters (must not exist yet); standard output without it.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
        /// Days the codes stay valid.
        #[arg(long, default_value_t = 14)]
        days: i64,
        /// Where the employees log in (printed in the letters).
        #[arg(long, default_value = "")]
        login_url: String,
    },
    /// A new activation code for one account (its password stops working, its sessions end),
    /// printed once.
    Reset {
        username: String,
        /// Days the code stays valid.
        #[arg(long, default_value_t = 14)]
        days: i64,
    },
    /// Change a planner's scope (ends its sessions; on their next login, devices drop what the
    /// account may no longer see).
    Scope {
        username: String,
        /// An OPD the planner works on (repeatable).
        #[arg(long = "opd")]
        opd: Vec<UnitId>,
        /// The planner works on the whole city.
        #[arg(long, conflicts_with = "opd")]
        city: bool,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| "employee | planner | approver | admin".to_string())
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let database = Database::parse(&args.database);
        let store = Store::open(database.clone())
            .await
            .with_context(|| format!("cannot open the database {database}"))?;
        let stdin = std::io::stdin();
        let prompt = stdin.is_terminal();
        let result = execute(&store, args.command, &mut stdin.lock(), prompt).await;
        store.close().await;
        result
    })
}

/// The new password: typed at the terminal without echo, twice (`prompt`), or one line of
/// `input` (a pipe, `--password-stdin`).
fn read_password(input: &mut dyn BufRead, prompt: bool) -> anyhow::Result<String> {
    let password = if prompt {
        let first = rpassword::prompt_password("Kata sandi / Password: ")?;
        check_password_strength(&first).map_err(anyhow::Error::msg)?;
        let again = rpassword::prompt_password("Ulangi / Repeat: ")?;
        if again != first {
            anyhow::bail!("kata sandi tidak sama / the passwords differ");
        }
        first
    } else {
        let mut line = String::new();
        input.read_line(&mut line)?;
        line.trim_end_matches(['\n', '\r']).to_string()
    };
    check_password_strength(&password).map_err(anyhow::Error::msg)?;
    Ok(password)
}

fn valid_username(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

fn cli_actor() -> Actor {
    Actor {
        user_id: String::new(),
        username: "cli".into(),
        role: Role::Admin,
    }
}

/// Runs one user command against a store, reading a password from `input` (one line); `prompt`
/// asks for it on standard error first (when standard input is a terminal).
pub async fn execute(
    store: &dyn Storage,
    command: UserCommand,
    input: &mut dyn BufRead,
    prompt: bool,
) -> anyhow::Result<()> {
    match command {
        UserCommand::Add {
            username,
            role,
            nip,
            opd,
            city,
            password_stdin,
        } => {
            if !valid_username(&username) {
                bail!("nama pengguna tidak valid / invalid username: {username:?}");
            }
            let scope = match role {
                Role::Planner if city => Some(Scope::City),
                Role::Planner if !opd.is_empty() => Some(Scope::Opd(opd.clone())),
                Role::Planner => {
                    bail!("perencana perlu --opd atau --city / a planner needs --opd or --city")
                }
                _ if city || !opd.is_empty() => {
                    bail!("--opd/--city hanya untuk perencana / only for planners")
                }
                _ => None,
            };
            match (role, &nip) {
                (Role::Employee, None) => bail!("pegawai perlu --nip / an employee needs --nip"),
                (Role::Employee, Some(_)) => {}
                (_, Some(_)) => bail!("--nip hanya untuk pegawai / only for employees"),
                _ => {}
            }
            known_opds(store, &opd).await?;
            let password = read_password(input, prompt && !password_stdin)?;
            let hash = hash_password(&password)?;
            store
                .create_user(&User {
                    id: uuid::Uuid::now_v7().to_string(),
                    username: username.clone(),
                    password_hash: hash,
                    role,
                    nip: nip.clone(),
                    scope: scope.clone(),
                    disabled: false,
                })
                .await?;
            audit(
                store,
                "user_add",
                &username,
                serde_json::json!({ "role": role, "nip": nip, "scope": scope }),
            )
            .await?;
            println!("Akun dibuat / account created: {username} ({role})");
        }
        UserCommand::Passwd {
            username,
            password_stdin,
        } => {
            store.user_by_name(&username).await?;
            let password = read_password(input, prompt && !password_stdin)?;
            store
                .set_password(&username, &hash_password(&password)?)
                .await?;
            audit(store, "user_passwd", &username, serde_json::json!({})).await?;
            println!("Kata sandi diganti / password changed: {username}");
        }
        UserCommand::Scope {
            username,
            opd,
            city,
        } => {
            let user = store.user_by_name(&username).await?;
            if user.role != Role::Planner {
                bail!("cakupan hanya untuk perencana / a scope is for planners only");
            }
            let scope = match (city, opd.is_empty()) {
                (true, _) => Scope::City,
                (false, false) => Scope::Opd(opd.clone()),
                (false, true) => bail!("--opd atau --city / --opd or --city"),
            };
            known_opds(store, &opd).await?;
            store.set_scope(&username, &scope).await?;
            audit(
                store,
                "user_scope",
                &username,
                serde_json::json!({ "from": user.scope, "to": scope }),
            )
            .await?;
            println!("Cakupan diganti / scope changed: {username}; sesinya diakhiri / its sessions ended");
        }
        UserCommand::Disable { username } => {
            store.set_disabled(&username, true).await?;
            audit(store, "user_disable", &username, serde_json::json!({})).await?;
            println!("Akun dinonaktifkan / account disabled: {username}");
        }
        UserCommand::Enable { username } => {
            store.set_disabled(&username, false).await?;
            audit(store, "user_enable", &username, serde_json::json!({})).await?;
            println!("Akun diaktifkan / account enabled: {username}");
        }
        UserCommand::Activate {
            opd,
            all,
            out,
            days,
            login_url,
        } => {
            let scope = if all {
                RosterScope::All
            } else {
                RosterScope::Opd(opd)
            };
            let ds = load_dataset(store).await?;
            if let Some(unit) = unknown_opd(&ds, &scope) {
                bail!("OPD tidak dikenal / unknown OPD: {unit}");
            }
            // The file is made first: a refusal to write it leaves no account without its code.
            let file = out.as_deref().map(new_private_file).transpose()?;
            let config = accounts::Config {
                code_days: days.max(1),
            };
            let codes = IssuedCodes {
                codes: issue_roster(store, &ds, &scope, &cli_actor(), config).await?,
            };
            let csv = codes.letters_csv(&login_url);
            match (file, &out) {
                (Some(mut file), Some(path)) => {
                    file.write_all(csv.as_bytes())?;
                    file.sync_all()?;
                    println!(
                        "{} akun dibuat / accounts created; kode di / codes in {}",
                        codes.codes.len(),
                        path.display()
                    );
                }
                _ => print!("{csv}"),
            }
        }
        UserCommand::Reset { username, days } => {
            let ds = load_dataset(store).await?;
            let config = accounts::Config {
                code_days: days.max(1),
            };
            let code = reset(store, &ds, &username, &cli_actor(), config).await?;
            println!(
                "Kode aktivasi baru / new activation code for {username}: {} (berlaku sampai / valid until {})",
                code.code, code.expires_at
            );
        }
    }
    Ok(())
}

/// Fails on an OPD the data does not have.
async fn known_opds(store: &dyn Storage, opds: &[UnitId]) -> anyhow::Result<()> {
    for unit in opds {
        match store.record(RecordKind::Unit, unit.as_str()).await {
            Ok(_) => {}
            Err(StoreError::NotFound(_)) => bail!("OPD tidak dikenal / unknown OPD: {unit}"),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

async fn audit(
    store: &dyn Storage,
    action: &str,
    username: &str,
    change: serde_json::Value,
) -> anyhow::Result<()> {
    store
        .append_audit(&NewAudit {
            actor: cli_actor(),
            action: action.into(),
            target: format!("user/{username}"),
            reason: None,
            change,
            nip: None,
            opd: Vec::new(),
        })
        .await?;
    Ok(())
}

/// A new file readable and writable by its owner only; fails when `path` exists.
fn new_private_file(path: &std::path::Path) -> anyhow::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).with_context(|| {
        format!(
            "tidak dapat membuat berkas baru / cannot create a new file {} (it must not exist)",
            path.display()
        )
    })
}
