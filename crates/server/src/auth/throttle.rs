//! Login throttling, counted **before** the password is hashed and kept in the database, so
//! every server process on one database shares it and a burst cannot outrun it.
//!
//! Two counters per attempt, each a row of `login_throttle` updated atomically
//! ([`crate::db::Storage::throttle`]):
//! - **per account** (`user:<name>`, whatever the address): after [`Policy::free`] failures in
//!   a row the next attempt waits 1 s, then 2, 4, … up to [`Policy::max_delay`]. A growing delay,
//!   not a lock: an attacker who guesses at a victim's account slows it down but cannot lock the
//!   victim out for longer than the delay.
//! - **per address** (`addr:<ip>`, IPv6 grouped by /64, see [`super::client`]): the same with a
//!   larger allowance, so one machine (or one NAT) cannot spray guesses over many accounts.
//!
//! An attempt is counted as a failure when it starts; a successful login takes its own count
//! back (the account's counter is cleared, the address's lowered by one). Counters of accounts
//! and addresses not seen for [`Policy::window`] start again from zero.

use serde::{Deserialize, Serialize};

/// One counter as stored (times in Unix milliseconds of the database's clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counter {
    /// Failures in a row (attempts not yet taken back by a success).
    pub failures: i64,
    /// When the last attempt was made.
    pub last_at: i64,
    /// No attempt is taken before this.
    pub blocked_until: i64,
}

/// What to do with a counter: write it (the attempt goes ahead), or refuse until a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Store this counter; the attempt goes ahead.
    Write(Counter),
    /// Refuse; the next attempt is taken in this many milliseconds.
    Blocked(i64),
}

/// The allowance of one kind of counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Failures in a row before attempts are delayed.
    pub free: i64,
    /// The first delay, seconds (it doubles with each further failure).
    pub first_delay: i64,
    /// The longest delay, seconds.
    pub max_delay: i64,
    /// Seconds without an attempt after which the counter starts again.
    pub window: i64,
}

/// The two policies (`mutasi serve` flags; defaults documented in docs/SECURITY.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    /// Per account.
    pub account: Policy,
    /// Per client address.
    pub address: Policy,
}

impl Default for Throttle {
    fn default() -> Self {
        Self {
            account: Policy {
                free: 5,
                first_delay: 1,
                max_delay: 60,
                window: 15 * 60,
            },
            address: Policy {
                free: 30,
                first_delay: 1,
                max_delay: 15 * 60,
                window: 15 * 60,
            },
        }
    }
}

impl Policy {
    /// The delay in seconds after `failures` failures in a row: none up to
    /// [`Policy::free`] − 1, then [`Policy::first_delay`], doubling, up to [`Policy::max_delay`].
    pub fn delay(&self, failures: i64) -> i64 {
        if failures < self.free {
            return 0;
        }
        let doublings = u32::try_from(failures - self.free)
            .unwrap_or(u32::MAX)
            .min(30);
        self.first_delay
            .saturating_mul(1i64 << doublings)
            .min(self.max_delay)
    }

    /// An attempt starting at `now` (Unix milliseconds) on counter `c` (None: never seen).
    pub fn attempt(&self, c: Option<Counter>, now: i64) -> Step {
        let c = c
            .filter(|c| now - c.last_at < self.window * 1000)
            .unwrap_or_default();
        if c.blocked_until > now {
            return Step::Blocked(c.blocked_until - now);
        }
        let failures = c.failures + 1;
        Step::Write(Counter {
            failures,
            last_at: now,
            blocked_until: now + self.delay(failures) * 1000,
        })
    }

    /// A successful login takes back its attempt: `clear` empties the counter (the account),
    /// otherwise one failure is taken back (the address; its delay stays).
    pub fn success(&self, c: Option<Counter>, clear: bool) -> Option<Counter> {
        let c = c?;
        if clear {
            return None;
        }
        Some(Counter {
            failures: (c.failures - 1).max(0),
            ..c
        })
    }
}

/// The counter key of an account.
pub fn account_key(username: &str) -> String {
    format!("user:{}", username.to_lowercase())
}

/// The counter key of a client address group ([`super::client::address_group`]).
pub fn address_key(group: &str) -> String {
    format!("addr:{group}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: Policy = Policy {
        free: 3,
        first_delay: 1,
        max_delay: 8,
        window: 100,
    };

    /// Runs attempts at the given seconds; returns what each one got (times in seconds).
    fn run(times: &[i64]) -> Vec<Step> {
        let mut c = None;
        times
            .iter()
            .map(|&t| {
                let s = match P.attempt(c, t * 1000) {
                    Step::Write(n) => Step::Write(Counter {
                        failures: n.failures,
                        last_at: n.last_at / 1000,
                        blocked_until: n.blocked_until / 1000,
                    }),
                    Step::Blocked(t) => Step::Blocked(t / 1000),
                };
                if let Step::Write(n) = P.attempt(c, t * 1000) {
                    c = Some(n);
                }
                s
            })
            .collect()
    }

    #[test]
    fn delays_grow_after_the_free_attempts_and_are_capped() {
        let delays: Vec<i64> = (0..9).map(|n| P.delay(n)).collect();
        assert_eq!(delays, [0, 0, 0, 1, 2, 4, 8, 8, 8]);
    }

    #[test]
    fn a_burst_is_counted_before_any_password_is_checked() {
        // Ten attempts in the same second: the first three go ahead, the rest wait.
        let steps = run(&[10; 10]);
        let through = steps.iter().filter(|s| matches!(s, Step::Write(_))).count();
        assert_eq!(through, 3);
        assert_eq!(steps[3], Step::Blocked(1));
    }

    #[test]
    fn waiting_out_the_delay_lets_one_more_attempt_through() {
        let steps = run(&[0, 0, 0, 1, 1, 3, 7]);
        assert!(matches!(steps[3], Step::Write(c) if c.blocked_until == 3));
        assert_eq!(steps[4], Step::Blocked(2));
        assert!(matches!(steps[5], Step::Write(c) if c.blocked_until == 7));
        assert!(matches!(steps[6], Step::Write(c) if c.failures == 6 && c.blocked_until == 15));
    }

    #[test]
    fn the_window_forgets_and_a_success_takes_back_its_attempt() {
        let c = Counter {
            failures: 7,
            last_at: 0,
            blocked_until: 8_000,
        };
        assert!(matches!(P.attempt(Some(c), 100_000), Step::Write(n) if n.failures == 1));
        assert!(matches!(P.attempt(Some(c), 7_000), Step::Blocked(1_000)));
        assert_eq!(P.success(Some(c), true), None);
        assert_eq!(
            P.success(Some(c), false),
            Some(Counter { failures: 6, ..c })
        );
    }
}
