//! # mutasi-core
//!
//! The domain core of Mutasi, the planning tool for transfers and rotations (mutasi) of civil
//! servants (ASN) in Pemerintah Kota Palembang. Everything here is pure Rust: no I/O, no clock
//! (today's date is always an argument), no unseeded randomness. The same code runs natively in
//! the server and CLI and as wasm in the browser.
//!
//! Modules:
//! - [`version`]: the crate's version, shown by the app and the server.
//! - [`wire`]: the versioned types that cross the network between browser and server.

pub mod version;
pub mod wire;
