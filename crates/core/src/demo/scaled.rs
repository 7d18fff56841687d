//! An instansi larger than the city, for benchmarks ([`generate_scaled`]): a province or a large
//! regency has 3–5× Palembang's staff.
//!
//! Scale `n` draws `n` regions from one seed: the first is the city exactly as [`generate`]
//! draws it, each further region a copy of its structure (41 OPD with their bidang and seksi,
//! 18 kecamatan and 107 kelurahan, 249 SD and 61 SMP Negeri with their principals and Plt,
//! 41 puskesmas, two RSUD) drawn with the draws that follow, so its people, sizes, needs and
//! vacancies differ while the proportions stay the city's. Region `k > 1` prefixes its units' ids
//! with `W{k}-` and names them "… Wilayah k" / "… Wk"; positions (jabatan) are shared; NIPs are
//! unique across regions. Scale 5 is an instansi of about 97,000 ASN.
//!
//! [`generate`]: super::generate

use chrono::NaiveDate;

use super::org::region_short;
use crate::rules::RuleSet;
use crate::Dataset;

/// The largest scale drawn (about 390,000 ASN); larger ones are drawn at this scale.
pub const MAX_SCALE: u32 = 20;

/// The instansi of `scale` regions for `seed` (1: the city of [`generate`](super::generate),
/// the very same dataset), described on [`reference_date`](super::reference_date). `scale` is
/// taken within `1..=MAX_SCALE`.
pub fn generate_scaled(seed: u64, scale: u32) -> Dataset {
    generate_scaled_at(seed, scale, super::reference_date())
}

/// [`generate_scaled`] described on `date`.
pub fn generate_scaled_at(seed: u64, scale: u32, date: NaiveDate) -> Dataset {
    super::build(seed, scale.clamp(1, MAX_SCALE), date)
}

/// The demo's rules for `regions` regions: every region's copy of a selective OPD is selective
/// too.
pub(super) fn rules(regions: u32) -> RuleSet {
    let mut rules = super::rules();
    let city = rules.selective_opd.clone();
    for k in 2..=regions {
        rules
            .selective_opd
            .extend(city.iter().map(|short| region_short(k, short)));
    }
    rules
}
