//! The numeric cost types the solvers accept: `i64` (exact) and `f64` (with a tolerance).

use std::cmp::Ordering;
use std::fmt::{Debug, Display};
use std::ops::{Add, Neg, Sub};

pub(crate) mod sealed {
    pub trait Sealed {}
    impl Sealed for i64 {}
    impl Sealed for f64 {}

    /// Why a single cost was refused before solving.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum CostDefect {
        NotANumber,
        Infinite,
        TooLarge,
    }
}
use sealed::CostDefect;

/// A cost type the assignment solvers can work with: implemented for `i64` and `f64` only.
///
/// The solvers do all their arithmetic in `Self`. Costs are checked once, before solving, against
/// [`Cost::safe_limit`]: in shortest-augmenting-path methods the potentials and path lengths stay
/// within a small multiple of `(rows + cols) × max |cost|`, and the limit leaves a factor
/// `16 × (rows + cols + 2)` of headroom below the type's range, so no intermediate value
/// overflows (`i64`) or becomes infinite (`f64`). That bound is argued, not machine-proven; two
/// safety nets back it: debug builds (the test suite) panic on any `i64` overflow, and the
/// optimality checker works in a wider type ([`Cost::Wide`]: `i128` for `i64`), so a wrapped
/// result can never pass [`verify`](super::verify).
pub trait Cost:
    Copy
    + PartialOrd
    + Debug
    + Display
    + Default
    + Add<Output = Self>
    + Sub<Output = Self>
    + Neg<Output = Self>
    + Send
    + Sync
    + 'static
    + sealed::Sealed
{
    /// Additive identity.
    const ZERO: Self;
    /// A sentinel above every path length the solvers form ("unreached").
    const UNREACHED: Self;
    /// The type the checker computes reduced costs and sums in.
    type Wide: Copy
        + PartialOrd
        + Debug
        + Display
        + Add<Output = Self::Wide>
        + Sub<Output = Self::Wide>;

    /// Widen for exact (or tolerant) checking.
    fn widen(self) -> Self::Wide;
    /// Zero of the wide type.
    fn wide_zero() -> Self::Wide;
    /// Absolute value as `f64`, for messages and tolerances.
    fn magnitude(self) -> f64;
    /// The largest accepted `|cost|` for a problem with `dim = rows + cols`.
    fn safe_limit(dim: usize) -> f64;
    /// The slack the checker allows: zero for integers; for floats a relative tolerance scaled by
    /// the largest cost magnitude and the problem size.
    fn tolerance(max_magnitude: f64, dim: usize) -> Self::Wide;
    /// A total order (floats are finite here, so this is the ordinary order).
    fn total_order(&self, other: &Self) -> Ordering;
    /// Lossy conversion used only by summary figures and messages.
    fn to_f64(self) -> f64;

    /// Classify one cost before solving.
    #[doc(hidden)]
    fn defect(self, limit: f64) -> Option<CostDefect>;

    /// The largest magnitude in `costs` when every cost is accepted under `limit` (no
    /// [`defect`](Cost::defect)), `None` otherwise. One branch-free pass over the slice that the
    /// compiler vectorises; the caller names the first defect with `defect` only when this fails.
    #[doc(hidden)]
    fn screen(costs: &[Self], limit: f64) -> Option<f64>;
}

/// `16 × (dim + 2)`: the factor between the largest accepted cost and the type's range (see
/// [`Cost`]).
fn headroom(dim: usize) -> f64 {
    16.0 * (dim as f64 + 2.0)
}

impl Cost for i64 {
    const ZERO: Self = 0;
    const UNREACHED: Self = i64::MAX;
    type Wide = i128;

    #[inline]
    fn widen(self) -> i128 {
        self as i128
    }
    fn wide_zero() -> i128 {
        0
    }
    fn magnitude(self) -> f64 {
        self.unsigned_abs() as f64
    }
    fn safe_limit(dim: usize) -> f64 {
        // Exact integer division so the documented limit is an integer.
        (i64::MAX as u128 / headroom(dim) as u128) as f64
    }
    fn tolerance(_max_magnitude: f64, _dim: usize) -> i128 {
        0
    }
    #[inline]
    fn total_order(&self, other: &Self) -> Ordering {
        self.cmp(other)
    }
    fn to_f64(self) -> f64 {
        self as f64
    }
    fn defect(self, limit: f64) -> Option<CostDefect> {
        let limit = limit as u128;
        (self.unsigned_abs() as u128 > limit).then_some(CostDefect::TooLarge)
    }
    fn screen(costs: &[i64], limit: f64) -> Option<f64> {
        let max = costs.iter().fold(0u64, |max, c| max.max(c.unsigned_abs()));
        (max as u128 <= limit as u128).then_some(max as f64)
    }
}

impl Cost for f64 {
    const ZERO: Self = 0.0;
    const UNREACHED: Self = f64::INFINITY;
    type Wide = f64;

    #[inline]
    fn widen(self) -> f64 {
        self
    }
    fn wide_zero() -> f64 {
        0.0
    }
    fn magnitude(self) -> f64 {
        self.abs()
    }
    fn safe_limit(dim: usize) -> f64 {
        f64::MAX / headroom(dim)
    }
    fn tolerance(max_magnitude: f64, dim: usize) -> f64 {
        // Each potential is a sum of at most `dim` path-length increments, each rounded once.
        1e-12 * max_magnitude.max(1.0) * (dim as f64 + 1.0) * 8.0
    }
    #[inline]
    fn total_order(&self, other: &Self) -> Ordering {
        self.total_cmp(other)
    }
    fn to_f64(self) -> f64 {
        self
    }
    fn defect(self, limit: f64) -> Option<CostDefect> {
        if self.is_nan() {
            Some(CostDefect::NotANumber)
        } else if self.is_infinite() {
            Some(CostDefect::Infinite)
        } else if self.abs() > limit {
            Some(CostDefect::TooLarge)
        } else {
            None
        }
    }
    fn screen(costs: &[f64], limit: f64) -> Option<f64> {
        // |c| as bits: ordered like the magnitudes for finite costs, and above the bits of every
        // finite number for ±∞ and NaN, so one integer maximum catches all three defects.
        const MAGNITUDE: u64 = !(1 << 63);
        let max = costs
            .iter()
            .fold(0u64, |max, c| max.max(c.to_bits() & MAGNITUDE));
        (max <= limit.to_bits()).then(|| f64::from_bits(max))
    }
}
