//! The proposal records on this device, read straight from IndexedDB (kind `proposal`), and the
//! pure helpers of the SK screen: the next decree serial, and the ops (with their optimistic
//! local copies) that record an SK or an inauguration. Used by [`super::SkPage`] and by
//! [`crate::pages::dampak`].

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::text::Text;
use mutasi_core::wire::auth::{Account, Scope};
use mutasi_core::wire::sync::{Change, Op, Proposal, Record, RecordKind};
use mutasi_core::workflow::{self, Actor, Desk};
use mutasi_core::Dataset;

use crate::state::data::use_city_data;
use crate::store::{self, records};

/// A proposal record as stored on the device, with its proposal decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    /// The record (its `version` is the base of the next op).
    pub record: Record,
    /// The proposal in it.
    pub proposal: Proposal,
}

/// The loaded proposals: `None` while reading, an error message if the store or a record
/// could not be read.
pub type Loaded = Option<Result<Arc<Vec<Stored>>, String>>;

/// Every proposal record in the database `db`, in id order.
pub async fn load_proposals(db: &str) -> Result<Vec<Stored>, String> {
    let handle = store::open(db).await.map_err(|e| e.to_string())?;
    let list = records::all_of_kind(&handle, RecordKind::Proposal).await;
    handle.close();
    list.map_err(|e| e.to_string())?
        .into_iter()
        .map(|record| {
            let proposal = serde_json::from_value(record.data.clone())
                .map_err(|e| format!("proposal/{}: {e}", record.id))?;
            Ok(Stored { record, proposal })
        })
        .collect()
}

/// The proposals of `db`, read again whenever `reload` changes or the city data is reloaded
/// (a sync pulled new records).
pub fn use_proposals(db: String, reload: RwSignal<u32>) -> RwSignal<Loaded> {
    let data = use_city_data();
    let loaded = RwSignal::new(None);
    Effect::new(move |_| {
        reload.track();
        data.dataset.track();
        let db = db.clone();
        spawn_local(async move {
            let result = load_proposals(&db).await.map(Arc::new);
            // The page may be gone by now.
            let _ = loaded.try_set(Some(result));
        });
    });
    loaded
}

/// Whether `account` sits at the BKPSDM desk (a planner with city scope), which records SKs and
/// inaugurations.
pub fn is_bkpsdm(account: Option<&Account>) -> bool {
    account.is_some_and(|a| Desk::Bkpsdm.admits(a.role, a.scope == Some(Scope::City)))
}

/// The serial in `number` if it was written by `pattern` in `year` (the inverse of
/// [`mutasi_core::workflow::sk::sk_number`]: the text around the first run of three or more `N` must match).
pub fn serial_of(pattern: &str, year: i32, number: &str) -> Option<u32> {
    let with_year: Vec<char> = pattern
        .replace("YYYY", &format!("{year:04}"))
        .chars()
        .collect();
    let mut i = 0;
    while i < with_year.len() {
        let run = with_year[i..].iter().take_while(|c| **c == 'N').count();
        if run >= 3 {
            let head: String = with_year[..i].iter().collect();
            let tail: String = with_year[i + run..].iter().collect();
            let digits = number.strip_prefix(&head)?.strip_suffix(&tail)?;
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            return digits.parse().ok();
        }
        i += run.max(1);
    }
    None
}

/// The next serial in `year`: one more than the highest serial of the SKs numbered by
/// `pattern` in that year among `numbers` (1 when there is none).
pub fn next_serial<'a>(pattern: &str, year: i32, numbers: impl Iterator<Item = &'a str>) -> u32 {
    numbers
        .filter_map(|n| serial_of(pattern, year, n))
        .max()
        .map_or(1, |m| m.saturating_add(1))
}

/// The SK numbers the proposals on the device were issued in.
pub fn issued_numbers(list: &[Stored]) -> impl Iterator<Item = &str> {
    list.iter()
        .filter_map(|s| s.proposal.sk.as_ref().map(|r| r.number.as_str()))
}

/// `change` (with `reason`) taken by `by` on a stored proposal at `at`: the op and the local copy
/// written with it, by the core's [`workflow::record`] on the device's data `ds` (the same
/// decision the server makes); or why not.
fn step(
    s: &Stored,
    by: &Account,
    ds: &Dataset,
    change: Change,
    reason: Option<&str>,
    at: DateTime<Utc>,
) -> Result<(Op, Record), Text> {
    workflow::record(
        &Actor::of(by),
        ds,
        Some(&s.record),
        crate::ids::uuid_v7(),
        change,
        reason,
        at,
    )
    .map(|r| (r.op, r.local))
    .map_err(|e| e.text())
}

/// `issue_sk` for an approved proposal: the op and the local copy (status `sk_issued`, the SK
/// reference set).
pub fn issue_sk(
    s: &Stored,
    by: &Account,
    ds: &Dataset,
    number: &str,
    date: NaiveDate,
    at: DateTime<Utc>,
) -> Result<(Op, Record), Text> {
    let change = Change::IssueSk {
        proposal: s.proposal.id.clone(),
        number: number.to_string(),
        date,
    };
    step(s, by, ds, change, Some(&format!("SK {number}")), at)
}

/// `inaugurate` for a proposal whose SK is issued: the op and the local copy (status
/// `inaugurated`, the date set). The employee and slot records change when the server's answer
/// is pulled.
pub fn inaugurate(
    s: &Stored,
    by: &Account,
    ds: &Dataset,
    on: NaiveDate,
    at: DateTime<Utc>,
) -> Result<(Op, Record), Text> {
    let change = Change::Inaugurate {
        proposal: s.proposal.id.clone(),
        on,
    };
    step(s, by, ds, change, None, at)
}
