//! The browser's local copy of the data, in IndexedDB (indexed_db_futures 0.6).
//!
//! - [`schema`]: the object stores and indexes, and the upgrade step of every schema version so
//!   an older database migrates in place without losing data.
//! - [`meta`]: bookkeeping values (sync cursor, last sync time).
//! - [`records`]: the synced records ([`Record`](mutasi_core::wire::sync::Record)), kept in
//!   pages of a few hundred per IndexedDB value with an id → page map and a per-kind count;
//!   get by key, all of a kind, count of a kind, and writes inside the caller's transaction.
//! - [`outbox`]: local changes waiting to be pushed; a change and its outbox entry are written in
//!   the same transaction.
//! - [`owner`]: whose data the copy holds; another account's login first removes it (a shared
//!   tablet), unless that account still has changes waiting.
//!
//! Remember: an indexed_db_futures transaction rolls back unless `commit()` is awaited.

pub mod meta;
pub mod outbox;
pub mod owner;
pub mod records;
pub mod schema;

pub use meta::{get_meta, put_meta, LAST_SYNCED, SYNC_CURSOR};
pub use schema::{open, open_at_version, DB_NAME, SCHEMA_VERSION};

/// A failure of the local store, with the browser's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::i18n::*;
        let locale = crate::lang::current();
        f.write_str(&td_string!(locale, common.errors.storage, err = &self.0).to_string())
    }
}

impl From<indexed_db_futures::error::Error> for StoreError {
    fn from(err: indexed_db_futures::error::Error) -> Self {
        StoreError(err.to_string())
    }
}
