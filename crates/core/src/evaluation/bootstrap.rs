//! The cluster (unit-level) multiplier bootstrap (Callaway and Sant'Anna 2021, §4.1): every
//! estimate here is a sum of per-unit influences, so one draw multiplies each unit's influence
//! by a random sign (Rademacher weight, shared by all the unit's periods: serial correlation
//! within a unit is kept) and sums. No re-estimation is needed; the draws are seeded
//! ([`crate::demo::Rng`], SplitMix64) so the same data give the same interval everywhere.
//!
//! **Small samples.** The multiplier bootstrap behaves like the normal distribution, which is
//! too narrow when a cohort has a handful of units (its variance is itself estimated from those
//! few). Each parameter gets Welch–Satterthwaite degrees of freedom from its treated and
//! comparison units' influences ([`welch_df`]); intervals are widened by the ratio of the
//! Student t quantile to the normal one, and the pre-trend test compares each pre-period's
//! t statistic through its t distribution before taking the maximum ([`sup_t`]).

use super::aggregate::Param;
use super::dist::{normal_quantile, student_t_cdf, student_t_quantile};
use crate::demo::Rng;

/// For each parameter, `draws` bootstrap deviations (estimate* − estimate). `ids` are the
/// panel's unit ids, by unit index: each draw gives the units their signs in the order of their
/// ids, so the same data give the same interval whatever order the units came in (the app
/// reads the employees from IndexedDB in another order than the server's dataset holds them).
pub(crate) fn multiplier(params: &[&Param], ids: &[&str], draws: u32, seed: u64) -> Vec<Vec<f64>> {
    let mut rng = Rng::new(seed);
    let mut out = vec![Vec::with_capacity(draws as usize); params.len()];
    let mut by_id: Vec<usize> = (0..ids.len()).collect();
    by_id.sort_by_key(|&i| ids[i]);
    let mut signs = vec![0.0; ids.len()];
    for _ in 0..draws {
        for &i in &by_id {
            signs[i] = if rng.next_u64() & 1 == 1 { 1.0 } else { -1.0 };
        }
        for (p, d) in params.iter().zip(out.iter_mut()) {
            d.push(p.influence.iter().map(|&(i, f)| signs[i] * f).sum());
        }
    }
    out
}

/// The `level` quantile of `xs` (the smallest value with at least that share at or below it).
pub(crate) fn quantile(mut xs: Vec<f64>, level: f64) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    xs.sort_by(f64::total_cmp);
    let k = ((level * xs.len() as f64).ceil() as usize).clamp(1, xs.len());
    xs[k - 1]
}

/// The symmetric interval's half-width: the `level` quantile of |deviation|, widened from the
/// normal to Student's t with `df` degrees of freedom.
pub(crate) fn half_width(deviations: &[f64], level: f64, df: f64) -> f64 {
    let q = 0.5 + level / 2.0;
    quantile(deviations.iter().map(|d| d.abs()).collect(), level) * student_t_quantile(q, df)
        / normal_quantile(q)
}

/// Welch–Satterthwaite degrees of freedom of a parameter from its influences, split into
/// treated units (`treated[i]`) and the others: (V_T + V_C)² / (V_T²/(n_T−1) + V_C²/(n_C−1)),
/// V the sum of squared influences of a side and n its units; at least 1.
pub(crate) fn welch_df(p: &Param, treated: &[bool]) -> f64 {
    let (mut v, mut n) = ([0.0f64; 2], [0usize; 2]);
    for &(i, f) in p.influence.iter().filter(|x| x.1 != 0.0) {
        let side = usize::from(treated[i]);
        v[side] += f * f;
        n[side] += 1;
    }
    let den: f64 = (0..2)
        .filter(|k| n[*k] > 1)
        .map(|k| v[k] * v[k] / (n[k] - 1) as f64)
        .sum();
    if den <= 0.0 {
        return 1.0;
    }
    ((v[0] + v[1]).powi(2) / den).max(1.0)
}

/// The joint (sup-t) test that every parameter is 0: the statistic max_k z_k, z_k the normal
/// score of |θ_k| / se_k under Student's t with `df[k]` degrees of freedom, and its bootstrap
/// p-value, the share of draws whose max |δ*_k| / se_k reaches it (with the observed
/// statistic counted as one draw). `None` when there is nothing to test.
pub(crate) fn sup_t(
    values: &[f64],
    se: &[f64],
    df: &[f64],
    deviations: &[&Vec<f64>],
) -> Option<(f64, f64)> {
    let keep: Vec<usize> = (0..values.len()).filter(|k| se[*k] > 0.0).collect();
    if keep.is_empty() {
        return None;
    }
    let stat = keep
        .iter()
        .map(|k| normal_quantile(student_t_cdf(values[*k].abs() / se[*k], df[*k])))
        .fold(0.0, f64::max);
    let draws = deviations[keep[0]].len();
    let reached = (0..draws)
        .filter(|b| {
            keep.iter()
                .map(|k| deviations[*k][*b].abs() / se[*k])
                .fold(0.0, f64::max)
                >= stat
        })
        .count();
    Some((stat, (reached + 1) as f64 / (draws + 1) as f64))
}
