//! An op says what it was made on: a step queued offline behind one the server refuses as a
//! conflict is a conflict too, though its version number matches the server's, and an op of
//! an older app (without `expects`) is still compared by version alone.

mod common;

use common::*;
use mutasi_core::model::{Nip, SlotId};
use mutasi_core::wire::sync::{Change, FileCheck, ProposalSource, Record, RecordKind};
use mutasi_core::workflow::{self, Actor};
use mutasi_server::db::{Storage, StoreError};
use mutasi_server::sync::{DatasetCache, OpRefusal};

/// The hazard of two tablets: a step queued behind one the server then refuses as a conflict
/// is not taken on the server's state of the same version number.
#[test]
fn a_step_queued_behind_a_conflict_does_not_land_on_another_state() {
    block_on(async {
        let store = seeded_store(Backend::Sqlite).await;
        let cache = DatasetCache::default();
        let ds = cache.get(&store).await.unwrap().ds;
        let planner = store.user_by_name(PLANNER).await.unwrap();
        let kota = store.user_by_name(CITY_PLANNER).await.unwrap();
        let (planner_account, kota_account) = (account_of(&planner), account_of(&kota));
        let (by_planner, by_kota) = (Actor::of(&planner_account), Actor::of(&kota_account));
        let (nip, slot) = legal_move(&ds);
        let id = uuid::Uuid::now_v7().to_string();
        let take = |by: &Actor, on: Option<&Record>, change: Change, notes: Option<&str>| {
            workflow::record(by, &ds, on, op_id(), change, notes, test_now()).unwrap()
        };
        let draft = take(
            &by_planner,
            None,
            Change::ProposeMove {
                proposal: id.clone(),
                nip: Nip::parse(&nip).unwrap(),
                slot: SlotId::new(&slot).unwrap(),
                tmt: date(2027, 10, 1),
                overrides: Vec::new(),
                source: ProposalSource::Planner,
            },
            Some("Pemenuhan kebutuhan guru kelas sesuai ABK"),
        );
        push_as(&store, &cache, &planner, &[draft.op])
            .await
            .unwrap();
        let v1 = pull_proposal(&store, &kota, &id).await.unwrap();

        // BKPSDM's tablet, offline: submits (its v2) and checks the file on its own v2.
        let submit = take(
            &by_kota,
            Some(&v1),
            Change::SubmitProposal {
                proposal: id.clone(),
            },
            None,
        );
        let check = take(
            &by_kota,
            Some(&submit.local),
            Change::CheckFile {
                proposal: id.clone(),
                result: FileCheck::Revise,
            },
            Some("Lampiran SKP belum ada"),
        );
        // Meanwhile, online, the OPD revises the draft: the server's v2 is another state.
        let revised = take(
            &by_planner,
            Some(&v1),
            Change::ReviseProposal {
                proposal: id.clone(),
                slot: SlotId::new(&slot).unwrap(),
                tmt: date(2027, 10, 1),
                overrides: Vec::new(),
            },
            Some("TMT dan alasan diperbarui oleh OPD"),
        );
        push_as(&store, &cache, &planner, &[revised.op])
            .await
            .unwrap();

        // Back online: the submit conflicts (v1 ≠ v2) and is parked; the check queued behind
        // it has the server's version number but was made on a state the server never had.
        let both = [submit.op.clone(), check.op.clone()];
        assert!(matches!(
            push_as(&store, &cache, &kota, &both).await,
            Err(StoreError::Conflict(c)) if c.index == 0
        ));
        assert_eq!(check.op.base_version, 2);
        match push_as(&store, &cache, &kota, std::slice::from_ref(&check.op)).await {
            Err(StoreError::Conflict(c)) => {
                let current = c.current.unwrap();
                assert_eq!(current.version, 2);
                assert_eq!(current.data["status"], "draft");
            }
            other => panic!("expected a conflict, got {other:?}"),
        }
        // An op from an app of before `expects` is compared by its version alone, as it was:
        // it passes that check and only the status stops it here.
        let mut old = check.op.clone();
        old.id = op_id();
        old.expects = None;
        let got = push_as(&store, &cache, &kota, &[old]).await;
        assert!(
            matches!(&got, Err(StoreError::Refused(OpRefusal::Invalid { .. }))),
            "{got:?}"
        );
        let stored = store
            .record(RecordKind::Proposal, &id)
            .await
            .unwrap()
            .record;
        assert_eq!(
            (stored.version, stored.data["status"].as_str()),
            (2, Some("draft"))
        );
    });
}
