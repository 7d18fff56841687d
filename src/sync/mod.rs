//! The browser side of sync, in two layers (plan, then execute):
//!
//! - [`plan`]: pure decisions — which batches to push, what a push outcome means for the outbox,
//!   how long to back off after a failure. Table-tested without a browser.
//! - [`execute`]: the thin async layer that carries a plan out against IndexedDB and the server:
//!   push the outbox in order, then pull pages since the cursor, each page written together with
//!   its new cursor in one transaction; a device with nothing stored starts with the compact
//!   snapshot ([`snapshot`]), read and written block by block as it arrives.

pub mod execute;
pub mod plan;
pub mod snapshot;
