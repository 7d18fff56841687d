//! Property: any interleaving of duplicated and out-of-order pushes, followed by the client's
//! retries, converges to the state of applying every op once, in order; sequence numbers never
//! go backwards.

mod common;

use common::*;
use mutasi_core::fixture::nips;
use mutasi_core::wire::sync::{Op, OpStatus, RecordKind};
use mutasi_server::db::{Actor, Storage, Store, StoreError};
use mutasi_server::sync::Checker;
use proptest::prelude::*;

const UNITS: [&str; 4] = ["DISDIK", "SDN-001", "SDN-002", "DINKES"];

/// One client: an employee editing their own preferences `n` times, each op based on the
/// version the previous one produced, cut into batches.
struct ClientPlan {
    user: &'static str,
    nip: &'static str,
    batches: Vec<Vec<Op>>,
}

fn plan(user: &'static str, nip: &'static str, choices: &[usize], cuts: &[bool]) -> ClientPlan {
    let mut batches = vec![Vec::new()];
    for (i, &c) in choices.iter().enumerate() {
        let op: Op =
            serde_json::from_value(set_preferences(nip, 1 + i as u64, &[UNITS[c]])).unwrap();
        batches.last_mut().unwrap().push(op);
        if cuts.get(i).copied().unwrap_or(false) && i + 1 < choices.len() {
            batches.push(Vec::new());
        }
    }
    ClientPlan { user, nip, batches }
}

async fn deliver(
    store: &Store,
    client: &ClientPlan,
    batch: usize,
    ds: &mutasi_core::Dataset,
) -> Result<Vec<u64>, StoreError> {
    let user = store.user_by_name(client.user).await.unwrap();
    let actor = Actor {
        user_id: user.id.clone(),
        username: user.username.clone(),
        role: user.role,
    };
    let generation = store.generation().await.unwrap();
    let check = std::sync::Arc::new(Checker::new(
        user.clone(),
        std::sync::Arc::new(ds.clone()),
        generation,
        test_now(),
    ));
    let results = store.push(&actor, &client.batches[batch], check).await?;
    Ok(results
        .iter()
        .map(|r| {
            assert!(matches!(r.status, OpStatus::Applied | OpStatus::Duplicate));
            r.seq
        })
        .collect())
}

fn run(a: (Vec<usize>, Vec<bool>), b: (Vec<usize>, Vec<bool>), deliveries: Vec<(bool, usize)>) {
    block_on(async move {
        let store = seeded_store(Backend::Sqlite).await;
        let ds = mutasi_core::fixture::small();
        let clients = [
            plan(EMPLOYEE, nips::GURU_PLT, &a.0, &a.1),
            plan(OTHER_EMPLOYEE, nips::DISANKSI, &b.0, &b.1),
        ];
        let start = store.last_seq().await.unwrap();
        let mut last_seq = start;
        // seq given to each op id, the first time it was applied
        let mut seen: std::collections::HashMap<String, u64> = Default::default();
        let mut record = |client: &ClientPlan, batch: usize, seqs: Vec<u64>| {
            for (op, seq) in client.batches[batch].iter().zip(seqs) {
                let first = *seen.entry(op.id.clone()).or_insert(seq);
                assert_eq!(first, seq, "a repeated op keeps its sequence number");
            }
        };
        // The network: arbitrary order, duplicates, losses.
        for (second, pick) in deliveries {
            let client = &clients[usize::from(second)];
            let batch = pick % client.batches.len();
            match deliver(&store, client, batch, &ds).await {
                Ok(seqs) => record(client, batch, seqs),
                Err(StoreError::Conflict(_)) => {}
                Err(e) => panic!("unexpected {e:?}"),
            }
            let now = store.last_seq().await.unwrap();
            assert!(now >= last_seq, "sequence numbers never go backwards");
            last_seq = now;
        }
        // The client's retries: each batch in order until acknowledged.
        for client in &clients {
            for batch in 0..client.batches.len() {
                let seqs = deliver(&store, client, batch, &ds)
                    .await
                    .expect("retry in order succeeds");
                record(client, batch, seqs);
            }
        }
        // Converged: every op applied once, in order.
        let total: usize = clients
            .iter()
            .map(|c| c.batches.iter().map(Vec::len).sum::<usize>())
            .sum();
        assert_eq!(store.last_seq().await.unwrap(), start + total as u64);
        for client in &clients {
            let ops: Vec<&Op> = client.batches.iter().flatten().collect();
            let rec = store
                .record(RecordKind::Employee, client.nip)
                .await
                .unwrap();
            assert_eq!(rec.record.version, 1 + ops.len() as u64);
            let last = ops.last().unwrap();
            let mutasi_core::wire::sync::Change::SetPreferences { preferences, .. } = &last.change
            else {
                unreachable!()
            };
            assert_eq!(
                rec.record.data["preferences"],
                serde_json::to_value(preferences).unwrap()
            );
            assert_eq!(rec.record.seq, seen[&last.id]);
            let seqs: Vec<u64> = ops.iter().map(|o| seen[&o.id]).collect();
            assert!(seqs.windows(2).all(|w| w[0] < w[1]), "in order: {seqs:?}");
        }
        let audit = store
            .audit(&Default::default(), 0, 10_000)
            .await
            .unwrap()
            .entries;
        let changes = audit
            .iter()
            .filter(|e| e.action == "set_preferences")
            .count();
        assert_eq!(changes, total, "each op audited once");
    });
}

fn client_strategy() -> impl Strategy<Value = (Vec<usize>, Vec<bool>)> {
    (1usize..7).prop_flat_map(|n| {
        (
            proptest::collection::vec(0..UNITS.len(), n),
            proptest::collection::vec(any::<bool>(), n),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn duplicated_and_reordered_pushes_converge(
        a in client_strategy(),
        b in client_strategy(),
        deliveries in proptest::collection::vec((any::<bool>(), 0usize..8), 0..24),
    ) {
        run(a, b, deliveries);
    }
}
