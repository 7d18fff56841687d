//! One module per route.
//!
//! - [`home`]: Beranda, the city at a glance.
//! - [`formasi`], [`formasi_opd`]: ABK need vs headcount per OPD, per jabatan, and slots.
//! - [`kandidat`]: ranked candidates for a slot, compared side by side.
//! - [`pegawai`], [`profil`]: the employee list (virtualised) and one employee's profile.
//! - [`rencana`]: the transfer plan: run the optimiser, review, decide, propose.
//! - [`usulan`]: proposals and their workflow steps; [`sk`]: the decree draft; [`audit`]: the
//!   audit trail; [`dampak`]: the impact of a round of moves.
//! - [`data`]: loading the organisation's real data (admins): template, export, load.
//! - [`akun`]: accounts (admins): from the roster with one-time codes, role and scope, reset,
//!   disable; the activation itself is on the login page ([`login`]).
//! - [`talenta`]: the 9-box, the talent pool and succession.

pub mod akun;
pub mod audit;
pub mod dampak;
pub mod data;
pub mod formasi;
pub mod formasi_opd;
pub mod home;
pub mod home_employee;
pub mod kandidat;
pub mod login;
pub mod minat;
pub mod not_found;
pub mod pegawai;
pub mod profil;
pub mod rencana;
pub mod sk;
pub mod talenta;
pub mod usulan;
