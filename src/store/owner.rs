//! Whose data the local copy holds.
//!
//! A tablet can change hands. The server sends each account only what it may see, so before
//! another account's login is kept, the local copy of the previous account (records, sync
//! cursor, conflicts, saved scenarios, bookkeeping) is removed and the new account syncs from
//! the start. If the previous account still has changes waiting to be pushed (its session ended
//! before they went out), they cannot go out under someone else's name: the handover is refused
//! and nothing is removed, so that account can log in again and send them.
//!
//! The same account logging in again keeps its copy (no new download), unless what it may see
//! changed (an admin changed its role or narrowed its scope: `mutasi user scope` ends its
//! sessions, so this is checked at the next login): the copy is then emptied and pulled again, so
//! the device drops the records the account may no longer see ([`Handover::Rescoped`]; while
//! changes still wait to be pushed the copy is kept until they are out). A copy from before this
//! bookkeeping existed has no owner; the first login claims it.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;

use mutasi_core::wire::auth::Account;

use super::records::LAYOUT_STORES;
use super::schema::{CONFLICTS, META, OUTBOX};
use super::StoreError;

/// Meta key: the username whose data the local copy holds.
pub const OWNER: &str = "owner";
/// Meta key: what the owner may see ([`sees`]) when the copy was made.
pub const SEES: &str = "owner.sees";

/// What an account may see, as one comparable text: its role, NIP and scope.
pub fn sees(account: &Account) -> String {
    serde_json::json!([account.role, account.nip, account.scope]).to_string()
}

/// What [`hand_over`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handover {
    /// The copy already belonged to this account; nothing changed.
    Same,
    /// The copy had no owner yet (empty, or from an older version); now it is this account's.
    Claimed,
    /// Another account's copy was removed; the copy is now this account's, empty.
    Cleared { previous: String },
    /// The same account may now see something else (role or scope changed): its copy was
    /// removed and is pulled again.
    Rescoped,
    /// Another account's changes still wait to be pushed (`waiting`: outbox plus conflicts);
    /// nothing changed.
    Refused { owner: String, waiting: u32 },
}

/// Makes the local copy `account`'s, in one transaction: all or nothing.
pub async fn hand_over(db: &Database, account: &Account) -> Result<Handover, StoreError> {
    let username = account.username.as_str();
    let now_sees = sees(account);
    let [chunks, ids, kinds] = LAYOUT_STORES;
    let tx = db
        .transaction([META, OUTBOX, CONFLICTS, chunks, ids, kinds])
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let meta = tx.object_store(META)?;
    let owner: Option<String> = meta.get(OWNER.to_string()).primitive()?.await?;
    let seen: Option<String> = meta.get(SEES.to_string()).primitive()?.await?;
    let outbox: u32 = tx.object_store(OUTBOX)?.count().primitive()?.await?;
    let conflicts: u32 = tx.object_store(CONFLICTS)?.count().primitive()?.await?;
    let waiting = outbox + conflicts;
    let outcome = match owner {
        Some(owner) if owner == username => match seen {
            Some(seen) if seen != now_sees => {
                if waiting > 0 {
                    // Its changes go out first; the next login empties the copy.
                    return Ok(Handover::Same);
                }
                for store in [META, OUTBOX, CONFLICTS, chunks, ids, kinds] {
                    tx.object_store(store)?.clear()?.await?;
                }
                Handover::Rescoped
            }
            Some(_) => return Ok(Handover::Same),
            // A copy from before what it may see was recorded: now it is.
            None => Handover::Same,
        },
        None => Handover::Claimed,
        Some(owner) => {
            if waiting > 0 {
                return Ok(Handover::Refused { owner, waiting });
            }
            for store in [META, OUTBOX, CONFLICTS, chunks, ids, kinds] {
                tx.object_store(store)?.clear()?.await?;
            }
            Handover::Cleared { previous: owner }
        }
    };
    meta.put(username.to_string())
        .with_key(OWNER.to_string())
        .primitive()?
        .await?;
    meta.put(now_sees)
        .with_key(SEES.to_string())
        .primitive()?
        .await?;
    tx.commit().await?;
    Ok(outcome)
}

/// The account whose data the local copy holds, if known.
pub async fn owner(db: &Database) -> Result<Option<String>, StoreError> {
    super::meta::get_meta(db, OWNER).await
}
