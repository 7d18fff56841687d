//! Accounts and sessions: argon2id password hashes ([`password`]), opaque session tokens stored
//! as SHA-256 hashes, login throttling ([`throttle`], counted in the database before any hash,
//! per account and per client address from [`client`]) and the [`Caller`] extractor.
//!
//! A token is 32 random bytes (base64url); only its SHA-256 is stored, so a copy of the
//! database does not let anyone log in. Sessions last [`SESSION_HOURS`] hours.

pub mod client;
pub mod password;
pub mod throttle;

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
/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

pub use password::{dummy_hash, hash_password, verify_password};

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
        match state.store.session_user(&hash).await {
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
    fn tokens_are_random_and_stored_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
    }
}
