//! Password hashing (argon2id) and the bounded verifier that logins go through.
//!
//! Each verification holds the hash's memory (about 19 MiB with the default parameters) for
//! tens of milliseconds of CPU. [`Verifier`] runs at most [`HashLimits::concurrent`] of them at
//! once, on the blocking threads (never on the async runtime), each in a memory buffer kept for
//! reuse, so the server's memory stays flat under a burst of logins; at most
//! [`HashLimits::queue`] more wait their turn, and beyond that a login is refused at once with
//! 503 and `Retry-After` ([`Busy`]) instead of piling up.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand_core::OsRng;
use tokio::sync::Semaphore;

/// Hashes a password with argon2id (default parameters, random salt), as a PHC string.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))
}

/// Checks a password against a PHC string (allocating its own memory; for the command line
/// and tests — logins go through [`Verifier`]).
pub fn verify_password(password: &str, phc: &str) -> bool {
    verify_in(password.as_bytes(), phc, &mut Vec::new())
}

/// A hash to verify against when the user does not exist, so both cases take as long.
pub fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_password("tidak-ada-pengguna-ini").unwrap_or_default())
}

/// Verifies `password` against the PHC string `phc` with `memory` as argon2's working memory
/// (grown to the hash's parameters, kept for the next call). Any malformed hash is a mismatch.
fn verify_in(password: &[u8], phc: &str, memory: &mut Vec<Block>) -> bool {
    let Ok(hash) = PasswordHash::new(phc) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) =
        (Algorithm::try_from(hash.algorithm), Params::try_from(&hash))
    else {
        return false;
    };
    let version = match hash.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(v)) => v,
        Some(Err(_)) => return false,
    };
    let (Some(expected), Some(salt)) = (hash.hash, hash.salt) else {
        return false;
    };
    let mut salt_buf = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_buf) else {
        return false;
    };
    let blocks = params.block_count();
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    let mut out = vec![0u8; expected.len()];
    let argon = Argon2::new(algorithm, version, params);
    if argon
        .hash_password_into_with_memory(password, salt, &mut out, &mut memory[..blocks])
        .is_err()
    {
        return false;
    }
    // `Output`'s equality is constant-time.
    argon2::password_hash::Output::new(&out).is_ok_and(|o| o == expected)
}

/// How many verifications run and wait at once (`mutasi serve --hash-concurrency`,
/// `--hash-queue`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashLimits {
    /// Verifications running at once (each holds its memory buffer).
    pub concurrent: usize,
    /// Verifications waiting for a turn; more are refused with 503.
    pub queue: usize,
}

impl Default for HashLimits {
    /// One check per core but one, at most 4: a flood of logins then leaves a core to
    /// everything else. With every core hashing, a 2-core server answered `/api/health` after
    /// 1.03–1.06 s during the flood of `tests/abuse.rs` (1 run in 3–5); with one, 24–87 ms.
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self {
            concurrent: cores.saturating_sub(1).clamp(1, 4),
            queue: 32,
        }
    }
}

/// Too many logins are being verified; retry after this many seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy(pub u64);

/// The bounded password verifier of the login endpoint.
#[derive(Debug)]
pub struct Verifier {
    limits: HashLimits,
    turns: Semaphore,
    /// Verifications running or waiting.
    inside: AtomicUsize,
    /// Working memory, one buffer per running verification, reused.
    memory: Mutex<Vec<Vec<Block>>>,
}

impl Default for Verifier {
    fn default() -> Self {
        Self::new(HashLimits::default())
    }
}

impl Verifier {
    /// A verifier with these limits.
    pub fn new(limits: HashLimits) -> Self {
        let limits = HashLimits {
            concurrent: limits.concurrent.max(1),
            queue: limits.queue,
        };
        Self {
            limits,
            turns: Semaphore::new(limits.concurrent),
            inside: AtomicUsize::new(0),
            memory: Mutex::new(Vec::new()),
        }
    }

    /// Verifies `password` against `phc` when there is room, else [`Busy`].
    pub async fn verify(&self, password: String, phc: String) -> Result<bool, Busy> {
        let room = self.limits.concurrent + self.limits.queue;
        if self.inside.fetch_add(1, Ordering::AcqRel) >= room {
            self.inside.fetch_sub(1, Ordering::AcqRel);
            return Err(Busy(1));
        }
        let result = self.verify_in_turn(password, phc).await;
        self.inside.fetch_sub(1, Ordering::AcqRel);
        result
    }

    async fn verify_in_turn(&self, password: String, phc: String) -> Result<bool, Busy> {
        let _turn = self.turns.acquire().await.map_err(|_| Busy(1))?;
        let mut memory = self
            .memory
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .pop()
            .unwrap_or_default();
        let (ok, memory) = tokio::task::spawn_blocking(move || {
            let ok = verify_in(password.as_bytes(), &phc, &mut memory);
            (ok, memory)
        })
        .await
        .map_err(|_| Busy(1))?;
        self.memory
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(memory);
        Ok(ok)
    }

    /// Verifications running or waiting now.
    pub fn in_progress(&self) -> usize {
        self.inside.load(Ordering::Acquire)
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
        assert!(!verify_password("", &h));
    }

    #[tokio::test]
    async fn the_verifier_reuses_its_memory_and_refuses_beyond_its_queue() {
        let h = hash_password("rahasia-sekali").unwrap();
        let v = std::sync::Arc::new(Verifier::new(HashLimits {
            concurrent: 1,
            queue: 1,
        }));
        assert_eq!(v.verify("rahasia-sekali".into(), h.clone()).await, Ok(true));
        assert_eq!(v.verify("salah".into(), h.clone()).await, Ok(false));
        // Three at once: one runs, one waits, the third is refused at once.
        let calls: Vec<_> = (0..3)
            .map(|_| {
                let (v, h) = (v.clone(), h.clone());
                tokio::spawn(async move { v.verify("salah".into(), h).await })
            })
            .collect();
        let mut busy = 0;
        for c in calls {
            if c.await.unwrap() == Err(Busy(1)) {
                busy += 1;
            }
        }
        assert!(busy >= 1, "beyond concurrent + queue is refused");
        // One buffer was ever needed.
        assert_eq!(v.memory.lock().unwrap().len(), 1);
        assert_eq!(v.in_progress(), 0);
    }
}
