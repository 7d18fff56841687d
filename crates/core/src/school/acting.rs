//! Acting principals (Plt kepala sekolah): which principal posts are held by a Plt for longer
//! than the configured limit ([`plt_over_limit`]). The limit is configuration
//! ([`crate::rules::SchoolRules::plt_limit_months`]) and unverified: Permendikdasmen 7/2025 sets
//! none that could be confirmed (see `docs/SCHOOLS.md`).

use crate::query::{plt_posts, PltPost};
use crate::rules::RuleSet;
use crate::Dataset;
use chrono::NaiveDate;

/// Principal posts held by a Plt for at least the limit on `date`, longest first.
pub fn plt_over_limit(ds: &Dataset, date: NaiveDate, rules: &RuleSet) -> Vec<PltPost> {
    let limit = rules.schools.plt_limit_months as i32;
    plt_posts(ds, date)
        .into_iter()
        .filter(|p| ds.slot_position(p.slot).is_principal() && p.duration.months >= limit)
        .collect()
}
