//! Accounts and sessions: argon2id password hashes, opaque session tokens stored as SHA-256
//! hashes, the login rate limiter and the [`Caller`] extractor.
//!
//! A token is 32 random bytes (base64url); only its SHA-256 is stored, so a copy of the
//! database does not let anyone log in. Sessions last [`SESSION_HOURS`] hours.
//!
//! The rate limiter lives in memory, per process: at most [`MAX_FAILURES`] failed logins per
//! username and client IP in [`WINDOW`]; further attempts get HTTP 429 until the window ends.
//! Behind a load balancer each process counts on its own (an attacker gets at most
//! `processes × MAX_FAILURES` tries per window).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use base64::Engine;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

use crate::db::{StoreError, User};
use crate::error::AppError;
use crate::AppState;

/// How long a session lasts.
pub const SESSION_HOURS: i64 = 12;
/// Failed logins allowed per username and IP in [`WINDOW`].
pub const MAX_FAILURES: u32 = 5;
/// The rate limiter's window.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Hashes a password with argon2id (default parameters, random salt), as a PHC string.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))
}

/// Checks a password against a PHC string.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to verify against when the user does not exist, so both cases take as long.
pub fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("tidak-ada-pengguna-ini").unwrap_or_default())
}

/// Rejects passwords that are too short.
pub fn check_password_strength(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        Err(format!(
            "kata sandi minimal {MIN_PASSWORD_CHARS} karakter / password needs at least {MIN_PASSWORD_CHARS} characters"
        ))
    } else {
        Ok(())
    }
}

/// A random secret, base64url without padding (`bytes` random bytes).
pub fn random_secret(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

/// A new session token.
pub fn new_token() -> String {
    random_secret(32)
}

/// The stored form of a token: hex SHA-256.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// (lower-cased username, client IP) → (failures, start of the window).
type Failures = HashMap<(String, Option<IpAddr>), (u32, Instant)>;

/// Counts failed logins per (username, IP) in memory.
#[derive(Debug, Default)]
pub struct LoginLimiter {
    failures: Mutex<Failures>,
}

impl LoginLimiter {
    /// Seconds to wait when the key is blocked now.
    pub fn blocked(&self, username: &str, ip: Option<IpAddr>) -> Option<u64> {
        let map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let (count, start) = map.get(&(username.to_lowercase(), ip))?;
        let elapsed = start.elapsed();
        (*count >= MAX_FAILURES && elapsed < WINDOW).then(|| (WINDOW - elapsed).as_secs().max(1))
    }

    /// Records a failed login.
    pub fn failed(&self, username: &str, ip: Option<IpAddr>) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            map.retain(|_, (_, start)| start.elapsed() < WINDOW);
        }
        let entry = map
            .entry((username.to_lowercase(), ip))
            .or_insert((0, Instant::now()));
        if entry.1.elapsed() >= WINDOW {
            *entry = (0, Instant::now());
        }
        entry.0 += 1;
    }

    /// Forgets the failures after a successful login.
    pub fn succeeded(&self, username: &str, ip: Option<IpAddr>) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&(username.to_lowercase(), ip));
    }
}

/// The authenticated caller of a request (`Authorization: Bearer <token>`).
#[derive(Debug, Clone)]
pub struct Caller {
    /// The account.
    pub user: User,
    /// The stored hash of the token used.
    pub token_hash: String,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or(AppError::Unauthorized)?;
        let token = header
            .strip_prefix("Bearer ")
            .map(str::trim)
            .filter(|t| !t.is_empty() && t.len() <= 128)
            .ok_or(AppError::Unauthorized)?;
        let hash = token_hash(token);
        match state
            .store
            .session_user(&hash, chrono::Utc::now().timestamp())
            .await
        {
            Ok(user) => Ok(Caller {
                user,
                token_hash: hash,
            }),
            Err(StoreError::NotFound(_)) => Err(AppError::Unauthorized),
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let h = hash_password("rahasia-sekali").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("rahasia-sekali", &h));
        assert!(!verify_password("rahasia-sekalI", &h));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
    }

    #[test]
    fn limiter_blocks_after_max_failures_per_user_and_ip() {
        let l = LoginLimiter::default();
        let ip = Some("10.0.0.1".parse().unwrap());
        for _ in 0..MAX_FAILURES {
            assert_eq!(l.blocked("Budi", ip), None);
            l.failed("Budi", ip);
        }
        assert!(l.blocked("budi", ip).is_some());
        assert_eq!(l.blocked("budi", Some("10.0.0.2".parse().unwrap())), None);
        assert_eq!(l.blocked("ani", ip), None);
        l.succeeded("budi", ip);
        assert_eq!(l.blocked("budi", ip), None);
    }
}
