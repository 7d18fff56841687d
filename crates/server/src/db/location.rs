//! Where the data lives: [`Database`], parsed once from `--database` (or `MUTASI_DATABASE`),
//! which picks the backend and never shows a password.

use std::fmt;
use std::path::PathBuf;

/// Where the data lives, parsed once from `--database`.
#[derive(Clone, PartialEq, Eq)]
pub enum Database {
    /// An SQLite file, created with its schema on first start.
    Sqlite(PathBuf),
    /// A private in-memory SQLite database (tests).
    Memory,
    /// A PostgreSQL URL (`postgres://user:password@host:port/db`).
    Postgres(String),
}

impl Database {
    /// Parses a path, `sqlite://path`, `sqlite::memory:`, `postgres://…` or `postgresql://…`.
    pub fn parse(s: &str) -> Database {
        if s == "sqlite::memory:" || s == ":memory:" {
            Database::Memory
        } else if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            Database::Postgres(s.to_string())
        } else if let Some(path) = s.strip_prefix("sqlite://") {
            Database::Sqlite(PathBuf::from(path))
        } else {
            Database::Sqlite(PathBuf::from(s.strip_prefix("sqlite:").unwrap_or(s)))
        }
    }

    /// The location as given to `--database`, with any password replaced by `***`.
    pub fn location(&self) -> String {
        match self {
            Database::Sqlite(path) => path.display().to_string(),
            Database::Memory => "sqlite::memory:".into(),
            Database::Postgres(url) => redact_url(url),
        }
    }

    /// The backend's name, as reported by `/api/health`.
    pub fn kind(&self) -> &'static str {
        match self {
            Database::Sqlite(_) | Database::Memory => "sqlite",
            Database::Postgres(_) => "postgres",
        }
    }
}

/// Shows the location with any password replaced by `***`.
impl fmt::Debug for Database {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }
}

impl fmt::Display for Database {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Database::Sqlite(path) => write!(f, "{} (sqlite)", path.display()),
            Database::Memory => f.write_str(":memory: (sqlite)"),
            Database::Postgres(url) => write!(f, "{} (postgres)", redact_url(url)),
        }
    }
}

/// `scheme://user:secret@host/db` → `scheme://user:***@host/db`.
fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return "***".into();
    };
    match rest.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or("");
            if userinfo.contains(':') {
                format!("{scheme}://{user}:***@{host}")
            } else {
                format!("{scheme}://{user}@{host}")
            }
        }
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_is_parsed_once_and_redacted() {
        assert_eq!(
            Database::parse("data/x.db"),
            Database::Sqlite("data/x.db".into())
        );
        assert_eq!(
            Database::parse("sqlite:///tmp/x.db"),
            Database::Sqlite("/tmp/x.db".into())
        );
        assert_eq!(Database::parse("sqlite::memory:"), Database::Memory);
        let pg = Database::parse("postgres://mutasi:s3cret@127.0.0.1:5432/mutasi");
        assert_eq!(pg.kind(), "postgres");
        let shown = format!("{pg:?} {pg}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(
            shown.contains("mutasi:***@127.0.0.1:5432/mutasi"),
            "{shown}"
        );
    }
}
