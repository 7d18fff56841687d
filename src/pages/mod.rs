//! One module per route.
//!
//! - [`home`]: Beranda, the city at a glance.
//! - [`formasi`], [`formasi_opd`]: ABK need vs headcount per OPD, per jabatan, and slots.
//! - [`kandidat`]: ranked candidates for a slot, compared side by side.
//! - [`pegawai`], [`profil`]: the employee list (virtualised) and one employee's profile.
//! - [`talenta`]: the 9-box, the talent pool and succession.

pub mod formasi;
pub mod formasi_opd;
pub mod home;
pub mod kandidat;
pub mod login;
pub mod minat;
pub mod not_found;
pub mod pegawai;
pub mod placeholder;
pub mod profil;
pub mod talenta;
