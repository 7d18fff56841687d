//! The server side of sync: who may see what ([`visibility`]), who may take an op at all
//! ([`admit`]), the re-check of every pushed change with `mutasi-core` ([`check`]), and the
//! bridge between a [`mutasi_core::Dataset`] and the stored records ([`records`], [`cache`]).
//!
//! **Invariant:** a push answers in this order for each op: who may act on the target (role,
//! scope, desk, four eyes: [`admit::admit_op`]), then whether the op was made on the record as
//! it is (its version, and the status and fingerprint it expects:
//! `mutasi_core::wire::sync::Op::builds_on`; 409 with the server's record, which the caller may
//! therefore see), then the proposal's state and the rules ([`check::check_op`]). So a refusal
//! never tells a caller more than their own pull would: a record they may not see is a 403/404
//! without content, never a 409 carrying it, and its status is not revealed by a 422. An op
//! without `expects` (queued by an app from before it existed) is compared by version alone.
//!
//! **Invariant:** no workflow rule is decided here. Admission and the step itself are
//! `mutasi_core::workflow::{admit, apply}`, the very functions the app runs for its optimistic
//! copy; this module only says what the caller may see ([`visibility`]), reads and writes the
//! records, and turns a `StepError` into an HTTP answer by its class ([`OpRefusal::step`]).
//! The checks are pure functions of the caller, the clock reading taken once per push, the op,
//! the records it targets and reads, and the dataset; the store runs them inside the push's
//! transaction. Who sits at which desk, the submission window, the notes and the rule re-check
//! are documented in `mutasi_core::workflow`.

pub mod admit;
pub mod cache;
pub mod check;
pub mod records;
pub mod snapshot;
pub mod visibility;

use mutasi_core::text::Text;
use mutasi_core::wire::sync::{Op, Refusal};
use mutasi_core::workflow::{self, StepError};

pub use admit::admit_op;
pub use cache::DatasetCache;
pub use check::{check_op, Checker};
pub use records::{
    dataset_record_iter, dataset_records, load_dataset, load_dataset_at, outcome_records,
    refresh_dataset, stored_outcomes,
};
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

impl OpRefusal {
    /// The refusal of the op at `index` for the workflow's reason `e`, answered by its class.
    pub fn step(op: &Op, index: usize, e: StepError) -> Self {
        let op = op.id.clone();
        match e.refusal() {
            workflow::Refusal::Forbidden => OpRefusal::Forbidden {
                op,
                index,
                why: e.text(),
            },
            workflow::Refusal::Unknown => OpRefusal::Unknown {
                op,
                index,
                what: e.text(),
            },
            workflow::Refusal::Invalid => OpRefusal::Invalid {
                op,
                index,
                why: e.text(),
            },
            workflow::Refusal::Rules => OpRefusal::Rules(Refusal {
                op,
                index,
                verdicts: match e {
                    StepError::Rules(v) => v,
                    _ => Vec::new(),
                },
            }),
        }
    }
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
