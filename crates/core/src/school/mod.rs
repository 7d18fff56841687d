//! The education service as the regulation sees it (DOMAIN.md §3a; `docs/SCHOOLS.md`).
//!
//! A principal is a teacher with an additional assignment (Permendikdasmen 7/2025): periods of
//! four years from the TMT of each assignment, at most two in a row and two at one school, two
//! years at a school before moving to another, and the candidate requirements of Pasal 7.
//! Teachers are moved by qualification and by the school's need, not by tenure.
//!
//! - [`service`]: time served as principal ([`service::PrincipalService`]), at one school, in
//!   managerial tasks, and back in the JF Guru after another jabatan.
//! - [`assignment`]: what an assignment allows: starting one (periods), leaving a school for
//!   another (two years there), ending one (a lawful ground).
//! - [`candidate`]: the requirements of a principal candidate, one [`candidate::Check`] each,
//!   shared by the eligibility rules and the career view.
//! - [`need`]: a school's teacher need from its rombel, subject hours and pupils, and the
//!   weekly hours a teacher gets there.
//! - [`tpg`]: the professional allowance in a post (certificate, NRG, 24 JP).
//! - [`gate`]: the same rules precomputed per employee and position, for the plan and the
//!   city index (they agree with [`crate::eligibility::eligibility`] pair by pair).
//! - [`acting`]: acting principals (Plt) past their limit.

pub mod acting;
pub mod assignment;
pub mod candidate;
pub mod gate;
pub mod need;
pub mod service;
pub mod tpg;

/// The candidate requirements.
pub const PASAL_7: &str = "Permendikdasmen 7/2025 Pasal 7 ayat (1)";
/// Periods, time at one school, return after another jabatan (Bab IV, masa penugasan).
pub const PASAL_PERIODS: &str = "Permendikdasmen 7/2025 Pasal 23–24";
/// One period without the principal-training certificate (transitional provision).
pub const PASAL_TRAINING: &str = "Permendikdasmen 7/2025 Pasal 32 ayat (3)";
/// Grounds for ending an assignment.
pub const PASAL_END: &str = "Permendikdasmen 7/2025 Pasal 28";
/// The professional allowance and the teaching load.
pub const TPG: &str = "PP 74/2008 jo. PP 19/2017 Pasal 15 dan Pasal 52";
/// Teachers teach what their qualification and certificate are for.
pub const QUALIFICATION: &str = "UU 14/2005; PP 74/2008 jo. PP 19/2017 (kualifikasi akademik guru)";
/// A PPPK's work agreement.
pub const PPPK_CONTRACT: &str = "PP 49/2018 Pasal 37 (masa perjanjian kerja PPPK)";
