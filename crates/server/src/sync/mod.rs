//! The server side of sync: who may see what ([`visibility`]), who may take an op at all
//! ([`admit`]), the re-check of every pushed change with `mutasi-core` ([`check`]), and the
//! bridge between a [`mutasi_core::Dataset`] and the stored records ([`records`], [`cache`]).
//!
//! **Invariant:** a push answers in this order for each op: who may act on the target (role,
//! scope, desk, four eyes: [`admit::admit_op`]), then the version (409 with the server's record,
//! which the caller may therefore see), then the proposal's state and the rules
//! ([`check::check_op`]). So a refusal never tells a caller more than their own pull would: a
//! record they may not see is a 403/404 without content, never a 409 carrying it, and its status
//! is not revealed by a 422.
//!
//! **Invariant:** the checks are pure functions of the caller, the clock reading taken once per
//! push, the op, the records it targets and reads, and the dataset; the store runs them inside
//! the push's transaction.
//!
//! The mutation workflow (`mutasi_core::workflow`): every step is one op on the proposal record
//! (so a step taken offline on a proposal that moved on meanwhile is a 409 conflict). Desks map
//! onto roles as follows, checked on every op:
//!
//! | desk | who |
//! |---|---|
//! | proposer (draft, revise, submit) | a planner whose scope holds the employee's OPD and the target's; the employee, for their own request (and only the employee files an own request) |
//! | BKPSDM (file check, SK, inauguration) | a planner with city scope |
//! | Baperjakat (review) | an approver |
//! | PPK (decision) | an approver other than the one who recorded the review |
//!
//! Submitting needs a submission month (`RuleSet::submission_months`, on the server's date);
//! forward steps re-check the rules on the planned TMT; each step appends a
//! `ProposalEvent` (who, role, when, why) to the record's history, which the employee it is
//! about pulls. An inauguration writes the employee and both slots too, in the same transaction.

pub mod admit;
pub mod cache;
pub mod check;
pub mod records;
pub mod visibility;

use mutasi_core::text::Text;
use mutasi_core::wire::sync::Refusal;

pub use admit::admit_op;
pub use cache::DatasetCache;
pub use check::{check_op, Checker};
pub use records::{dataset_record_iter, dataset_records, load_dataset, refresh_dataset};
pub use visibility::{employee_opd, visibility};

/// Why a pushed op was refused (nothing of its batch is applied).
#[derive(Debug, Clone, PartialEq)]
pub enum OpRefusal {
    /// The caller's role or scope does not allow it (HTTP 403).
    Forbidden {
        /// The op's id.
        op: String,
        /// Its position in the batch.
        index: usize,
        /// Why, in each language.
        why: Text,
    },
    /// The op names something that does not exist, or that the caller may not see (HTTP 404).
    Unknown {
        /// The op's id.
        op: String,
        /// Its position in the batch.
        index: usize,
        /// What is missing, in each language.
        what: Text,
    },
    /// The op is malformed, or not possible in the proposal's status or today (HTTP 422).
    Invalid {
        /// The op's id.
        op: String,
        /// Its position in the batch.
        index: usize,
        /// Why, in each language.
        why: Text,
    },
    /// The move breaks a hard rule, or a soft rule without an override (HTTP 422).
    Rules(Refusal),
}

/// "pegawai 1985…" / "employee 1985…".
pub(crate) fn employee_text(nip: impl std::fmt::Display) -> Text {
    Text::new(format!("pegawai {nip}"), format!("employee {nip}"))
}

/// "usulan …" / "proposal …".
pub(crate) fn proposal_text(id: &str) -> Text {
    Text::new(format!("usulan {id}"), format!("proposal {id}"))
}

/// "slot …" in both languages.
pub(crate) fn slot_text(id: impl std::fmt::Display) -> Text {
    Text::same(format!("slot {id}"))
}

/// A stored record that no longer reads as its kind.
pub(crate) fn unreadable(e: &serde_json::Error) -> Text {
    Text::new(
        format!("data tersimpan tidak terbaca: {e}"),
        format!("stored data cannot be read: {e}"),
    )
}

/// Serialises a value for a record's `data`.
pub(crate) fn json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}
