//! Pure sync decisions. Nothing here touches IndexedDB, the network or the clock.

use std::time::Duration;

use mutasi_core::wire::sync::{Op, PUSH_MAX_OPS};

use mutasi_core::text::Text;

use crate::api::PushOutcome;
use crate::i18n::*;
use crate::lang::{both, text_in};
use crate::store::outbox::{ConflictEntry, OutboxEntry};

/// One batch to push: outbox keys and their ops, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub keys: Vec<u32>,
    pub ops: Vec<Op>,
}

/// Splits the pending outbox (oldest first) into batches of at most `max_ops`, keeping order.
pub fn batches(pending: &[(u32, OutboxEntry)], max_ops: usize) -> Vec<Batch> {
    let max_ops = max_ops.clamp(1, PUSH_MAX_OPS);
    pending
        .chunks(max_ops)
        .map(|chunk| Batch {
            keys: chunk.iter().map(|(k, _)| *k).collect(),
            ops: chunk.iter().map(|(_, e)| e.op.clone()).collect(),
        })
        .collect()
}

/// What to do with the outbox after a push.
#[derive(Debug, Clone, PartialEq)]
pub enum AfterPush {
    /// The whole batch is on the server: remove these outbox keys.
    Remove(Vec<u32>),
    /// Nothing was applied; this entry cannot go through as it is: move it (key) to the
    /// conflicts for the user to resolve, keep the rest, and push again.
    Park(u32, ConflictEntry),
    /// Nothing was applied and the server could not say which op it could not take (the batch
    /// too large, or unreadable to it): push again in batches of at most this many ops, down to
    /// one op, which is then parked.
    Narrow(usize),
}

/// Decides what a push outcome means for the batch that was sent.
pub fn after_push(batch: &Batch, outcome: &PushOutcome) -> AfterPush {
    let park = |index: usize, current, why: Text| {
        let index = index.min(batch.ops.len().saturating_sub(1));
        let op = batch.ops[index].clone();
        AfterPush::Park(
            batch.keys[index],
            ConflictEntry {
                op_id: op.id.clone(),
                op,
                current,
                reason: None,
                why: Some(why),
            },
        )
    };
    // The op at `index` refused as it is, with the server's reason.
    let rejected = |index: usize, why: &Text| {
        let reason =
            |l: Locale| td_string!(l, common.conflicts.rejected, why = text_in(why, l)).to_string();
        park(index, None, both(reason))
    };
    match outcome {
        PushOutcome::Accepted(_) => AfterPush::Remove(batch.keys.clone()),
        PushOutcome::Conflict(c) => park(
            c.index,
            c.current.clone(),
            both(|l| td_string!(l, common.conflicts.changed).to_string()),
        ),
        PushOutcome::Refused(r) => {
            let reasons = |l: Locale| {
                let list: Vec<&str> = r.verdicts.iter().map(|v| text_in(&v.reason, l)).collect();
                td_string!(l, common.conflicts.refused, reasons = list.join("; ")).to_string()
            };
            park(r.index, None, both(reasons))
        }
        PushOutcome::Rejected { index, why } => rejected(*index, why),
        PushOutcome::Unreadable { .. } if batch.ops.len() > 1 => {
            AfterPush::Narrow(batch.ops.len() / 2)
        }
        // Narrowed down to the one op the server cannot take.
        PushOutcome::Unreadable { why } => rejected(0, why),
    }
}

/// Delay before retry number `attempt` (0-based) after a failure: exponential from 1 s, capped
/// at 60 s, scaled by `jitter` in [0, 1) to between 50% and 100% so tabs and tablets do not
/// retry in lockstep.
pub fn backoff(attempt: u32, jitter: f64) -> Duration {
    let base = 1000u64.saturating_mul(1u64 << attempt.min(6)).min(60_000);
    let factor = 0.5 + jitter.clamp(0.0, 1.0) / 2.0;
    Duration::from_millis((base as f64 * factor) as u64)
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
    use mutasi_core::wire::sync::{
        Change, Conflict, OpResult, OpStatus, ProposalStatus, PushResponse, RecordKind,
    };

    fn entry(id: &str) -> OutboxEntry {
        OutboxEntry {
            op_id: id.into(),
            op: Op {
                id: id.into(),
                base_version: 1,
                expects: None,
                reason: None,
                change: Change::DecideProposal {
                    proposal: "p".into(),
                    status: ProposalStatus::Approved,
                },
            },
            queued_at: String::new(),
        }
    }

    fn pending(n: u32) -> Vec<(u32, OutboxEntry)> {
        (1..=n).map(|k| (k, entry(&format!("op-{k}")))).collect()
    }

    #[test]
    fn batches_keep_order_and_size() {
        let table = [
            (0, 3, vec![]),
            (5, 3, vec![3, 2]),
            (6, 3, vec![3, 3]),
            (2, 500, vec![2]),
        ];
        for (n, max, sizes) in table {
            let b = batches(&pending(n), max);
            assert_eq!(
                b.iter().map(|b| b.ops.len()).collect::<Vec<_>>(),
                sizes,
                "n={n}"
            );
            let keys: Vec<u32> = b.iter().flat_map(|b| b.keys.clone()).collect();
            assert_eq!(keys, (1..=n).collect::<Vec<_>>());
            for batch in &b {
                for (k, op) in batch.keys.iter().zip(&batch.ops) {
                    assert_eq!(op.id, format!("op-{k}"));
                }
            }
        }
    }

    #[test]
    fn outcomes_map_to_outbox_changes() {
        let batch = &batches(&pending(3), 10)[0];
        let accepted = PushOutcome::Accepted(PushResponse {
            results: vec![OpResult {
                op: "op-1".into(),
                status: OpStatus::Applied,
                seq: 9,
                kind: RecordKind::Proposal,
                id: "p".into(),
                version: 2,
            }],
        });
        assert_eq!(
            after_push(batch, &accepted),
            AfterPush::Remove(vec![1, 2, 3])
        );
        let conflict = PushOutcome::Conflict(Conflict {
            op: "op-2".into(),
            index: 1,
            base_version: 1,
            current: None,
        });
        match after_push(batch, &conflict) {
            AfterPush::Park(key, entry) => {
                assert_eq!(key, 2);
                assert_eq!(entry.op_id, "op-2");
                let why = entry.why.unwrap();
                assert_eq!(why.id, "Data ini sudah diubah di server");
                assert_eq!(why.en, "This record changed on the server");
            }
            other => panic!("expected a parked op, got {other:?}"),
        }
    }

    #[test]
    fn an_op_the_server_will_not_take_is_set_aside_with_its_reason() {
        // E.g. the planner's scope shrank while the tablet was offline: the third op is refused
        // (403) and parked with the server's message; the first two go in the next push.
        let batch = &batches(&pending(3), 10)[0];
        let rejected = PushOutcome::Rejected {
            index: 2,
            why: Text::new(
                "Tidak diizinkan: di luar lingkup",
                "Forbidden: outside the scope",
            ),
        };
        match after_push(batch, &rejected) {
            AfterPush::Park(key, entry) => {
                assert_eq!(key, 3);
                assert_eq!(entry.op_id, "op-3");
                assert_eq!(entry.current, None);
                let why = entry.why.unwrap();
                assert_eq!(why.id, "Ditolak server: Tidak diizinkan: di luar lingkup");
                assert_eq!(
                    why.en,
                    "Refused by the server: Forbidden: outside the scope"
                );
            }
            other => panic!("expected a parked op, got {other:?}"),
        }
        // An index past the batch (a confused server) parks the last op rather than panicking.
        let past = PushOutcome::Rejected {
            index: 7,
            why: Text::new("x", "x"),
        };
        assert!(matches!(after_push(batch, &past), AfterPush::Park(3, _)));
    }

    #[test]
    fn a_batch_the_server_cannot_read_is_halved_down_to_the_one_op_it_cannot_take() {
        // E.g. one op too large for the server's body limit, or written by another app version.
        let too_large = PushOutcome::Unreadable {
            why: Text::new("Isi permintaan terlalu besar", "Request body too large"),
        };
        let mut sizes = Vec::new();
        let mut size = 500;
        for n in [500usize, 250, 125, 62, 31, 15, 7, 3] {
            let batch = &batches(&pending(n as u32), size)[0];
            assert_eq!(batch.ops.len(), n);
            match after_push(batch, &too_large) {
                AfterPush::Narrow(next) => size = next,
                other => panic!("expected a narrower batch, got {other:?}"),
            }
            sizes.push(size);
        }
        assert_eq!(sizes, [250, 125, 62, 31, 15, 7, 3, 1]);
        // Alone, the op is parked with the server's reason.
        let one = &batches(&pending(4), 1)[0];
        match after_push(one, &too_large) {
            AfterPush::Park(key, entry) => {
                assert_eq!(key, 1);
                assert_eq!(entry.current, None);
                let why = entry.why.unwrap();
                assert_eq!(why.id, "Ditolak server: Isi permintaan terlalu besar");
                assert_eq!(why.en, "Refused by the server: Request body too large");
            }
            other => panic!("expected a parked op, got {other:?}"),
        }
    }

    #[test]
    fn backoff_grows_caps_and_jitters() {
        assert_eq!(backoff(0, 1.0), Duration::from_millis(1000));
        assert_eq!(backoff(0, 0.0), Duration::from_millis(500));
        assert_eq!(backoff(3, 1.0), Duration::from_millis(8000));
        assert_eq!(backoff(20, 1.0), Duration::from_millis(60_000));
        assert!(backoff(4, 0.3) < backoff(4, 0.9));
    }
}
