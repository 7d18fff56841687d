//! Property: the server and the app decide every workflow step alike, because both run
//! `mutasi_core::workflow`.
//!
//! One device per test account takes steps with random notes on one proposal (a planner's draft
//! or an employee's own request): a random step, or the step its copy's status calls for, so
//! that proposals travel the whole workflow, inauguration included. A device builds each step with
//! `workflow::record` on its own copy (the app's optimistic path, run natively here) and either
//! pushes it at once or queues it behind its earlier steps, as a tablet offline does. Then:
//!
//! - an accepted push leaves on the server exactly the record the device computed (the same
//!   proposal, history included, and the same version);
//! - a step the core refuses on a device that holds the server's state is refused by the server
//!   too, with the answer of the core's class and the core's reason;
//! - a push made on a copy the server no longer has (the other device moved the proposal
//!   meanwhile) is a 409 conflict, never a step landing on a state the device did not show:
//!   queued steps carry the status and fingerprint they were built on.
//!
//! The devices hold the server's data (an account sees less, which may change a refusal's
//! reason, never whether a step lands).

mod common;

use common::*;
use mutasi_core::fixture::nips;
use mutasi_core::model::{Nip, SlotId};
use mutasi_core::wire::sync::{
    Change, Expect, FileCheck, Op, Proposal, ProposalSource, ProposalStatus, Record, RecordKind,
};
use mutasi_core::workflow::{self, Actor, Refusal};
use mutasi_server::db::{Storage, StoreError, User};
use mutasi_server::sync::{DatasetCache, OpRefusal};
use proptest::prelude::*;

/// Every account of the tests.
const ACCOUNTS: [&str; 7] = EVERY_ACCOUNT;

/// The devices events pick, the workflow's cast more often than the others (indices into
/// [`ACCOUNTS`]).
const PICKS: [usize; 14] = [0, 0, 2, 2, 2, 3, 3, 3, 4, 4, 6, 6, 1, 5];

/// Notes a step may carry: none, too short for a step that must state why, enough.
const NOTES: [Option<&str>; 5] = [
    None,
    Some("ok"),
    Some("Sesuai hasil penilaian berkas"),
    Some("Dipertimbangkan sesuai kebutuhan organisasi"),
    Some("  Layak dipindahkan, kompetensi sesuai  "),
];

/// One event: which device, which step (or the one its copy calls for), which notes, and
/// whether the device is online (it pulls first when nothing is queued, and pushes the step
/// at once) or offline (the step is queued on its own copy).
#[derive(Debug, Clone, Copy)]
struct Event {
    device: usize,
    /// Rather the device whose account sits at the desk the server's status calls for.
    to_desk: bool,
    step: usize,
    forward: bool,
    notes: usize,
    push: bool,
}

/// A device whose account sits at the desk that takes the next step from `status` (`pick`
/// chooses among several; indices into [`ACCOUNTS`]).
fn desk(status: ProposalStatus, pick: usize) -> usize {
    use ProposalStatus::*;
    let options: &[usize] = match status {
        Draft | Revise => &[0, 2, 3],
        Verified | Recommended => &[4, 6],
        _ => &[3],
    };
    options[pick % options.len()]
}

/// A step [`change`] knows that leads on from `status` (`pick` chooses among several).
fn forward(status: ProposalStatus, pick: usize) -> usize {
    use ProposalStatus::*;
    let options: &[usize] = match status {
        Draft | Revise => &[2, 2, 2, 0, 12],
        Submitted => &[3, 3, 3, 3, 4, 5],
        Verified => &[6, 6, 6, 7],
        Recommended => &[8, 8, 8, 9],
        Approved => &[10],
        SkIssued => &[11],
        _ => &[2],
    };
    options[pick % options.len()]
}

/// A device: its account, its copy of the proposal, the ops it queued, and the copy the first
/// of them was made on.
struct Device {
    user: User,
    copy: Option<Record>,
    outbox: Vec<Op>,
    base: Option<Record>,
}

/// The step number `i` on `proposal`, with the slots a revision may pick.
fn change(i: usize, proposal: &str, slots: &[SlotId]) -> Change {
    let proposal = proposal.to_string();
    match i {
        0 | 1 | 12 => Change::ReviseProposal {
            proposal,
            slot: slots[i.min(2) % slots.len()].clone(),
            tmt: date(2027, 10, 1),
            overrides: Vec::new(),
        },
        2 => Change::SubmitProposal { proposal },
        3 => Change::CheckFile {
            proposal,
            result: FileCheck::Complete,
        },
        4 => Change::CheckFile {
            proposal,
            result: FileCheck::Revise,
        },
        5 => Change::CheckFile {
            proposal,
            result: FileCheck::Incomplete,
        },
        6 => Change::ReviewProposal {
            proposal,
            recommend: true,
        },
        7 => Change::ReviewProposal {
            proposal,
            recommend: false,
        },
        8 => Change::DecideProposal {
            proposal,
            status: ProposalStatus::Approved,
        },
        9 => Change::DecideProposal {
            proposal,
            status: ProposalStatus::Rejected,
        },
        10 => Change::IssueSk {
            proposal,
            number: "821.2/012/BKPSDM-III/2027".into(),
            date: date(2027, 4, 20),
        },
        _ => Change::Inaugurate {
            proposal,
            on: date(2027, 5, 2),
        },
    }
}

/// How many steps [`change`] knows.
const STEPS: usize = 13;

/// The class of a server refusal.
fn class(e: &StoreError) -> Option<(Refusal, mutasi_core::text::Text)> {
    let StoreError::Refused(r) = e else {
        return None;
    };
    Some(match r {
        OpRefusal::Forbidden { why, .. } => (Refusal::Forbidden, why.clone()),
        OpRefusal::Unknown { what, .. } => (Refusal::Unknown, what.clone()),
        OpRefusal::Invalid { why, .. } => (Refusal::Invalid, why.clone()),
        OpRefusal::Rules(r) => (
            Refusal::Rules,
            workflow::StepError::Rules(r.verdicts.clone()).text(),
        ),
    })
}

fn run(own_request: bool, events: Vec<Event>) {
    block_on(async move {
        let store = seeded_store(Backend::Sqlite).await;
        let cache = DatasetCache::default();
        let ds = cache.get(&store).await.unwrap().ds;

        // The proposal: a planner's draft inside DISDIK, or the teacher's own request.
        let (author, nip, slot, source) = if own_request {
            (
                EMPLOYEE,
                Nip::parse(nips::GURU_PLT).unwrap(),
                SlotId::new("SDN-001/GURU-2").unwrap(),
                ProposalSource::OwnRequest,
            )
        } else {
            let (nip, slot) = legal_move(&ds);
            (
                PLANNER,
                Nip::parse(&nip).unwrap(),
                SlotId::new(&slot).unwrap(),
                ProposalSource::Planner,
            )
        };
        // Revisions: the same post, another school, a post the rules refuse the teacher.
        let slots = [
            slot.clone(),
            SlotId::new("SDN-002/GURU-1").unwrap(),
            SlotId::new("DISDIK-SD/KABID").unwrap(),
        ];
        let id = uuid::Uuid::now_v7().to_string();
        let author = store.user_by_name(author).await.unwrap();
        let draft = workflow::record(
            &Actor::of(&account_of(&author)),
            &ds,
            None,
            op_id(),
            Change::ProposeMove {
                proposal: id.clone(),
                nip,
                slot,
                tmt: date(2027, 10, 1),
                overrides: Vec::new(),
                source,
            },
            Some("Pemenuhan kebutuhan guru kelas sesuai ABK"),
            test_now(),
        )
        .expect("the draft is allowed");
        push_as(&store, &cache, &author, std::slice::from_ref(&draft.op))
            .await
            .expect("the server takes the draft");

        let mut devices = Vec::new();
        for name in ACCOUNTS {
            let user = store.user_by_name(name).await.unwrap();
            let copy = pull_proposal(&store, &user, &id).await;
            devices.push(Device {
                user,
                copy,
                outbox: Vec::new(),
                base: None,
            });
        }

        for e in events {
            let ds = cache.get(&store).await.unwrap().ds;
            let now = store
                .record(RecordKind::Proposal, &id)
                .await
                .unwrap()
                .record;
            let now: Proposal = serde_json::from_value(now.data).unwrap();
            let device = if e.to_desk {
                desk(now.status, e.step)
            } else {
                e.device
            };
            let d = &mut devices[device];
            let server = pull_proposal(&store, &d.user, &id).await;
            if e.push && d.outbox.is_empty() {
                // Online with nothing queued: the device has pulled the server's copy.
                d.copy = server.clone();
            }
            let account = account_of(&d.user);
            let status = d
                .copy
                .as_ref()
                .and_then(|c| serde_json::from_value::<Proposal>(c.data.clone()).ok())
                .map(|p| p.status);
            let step = match (e.forward, status) {
                (true, Some(status)) => forward(status, e.step),
                _ => e.step,
            };
            let change = change(step, &id, &slots);
            let notes = NOTES[e.notes];
            let recorded = workflow::record(
                &Actor::of(&account),
                &ds,
                d.copy.as_ref(),
                op_id(),
                change.clone(),
                notes,
                test_now(),
            );
            let in_sync = d.outbox.is_empty() && d.copy == server;
            match recorded {
                Ok(r) => {
                    if d.outbox.is_empty() {
                        d.base = d.copy.clone();
                    }
                    d.outbox.push(r.op);
                    d.copy = Some(r.local);
                }
                Err(why) if in_sync => {
                    // The same op, pushed anyway: the server refuses it alike.
                    let copy = d.copy.as_ref();
                    let expects = copy
                        .and_then(|c| serde_json::from_value::<Proposal>(c.data.clone()).ok())
                        .map(|p| Expect::of(&p));
                    let op = Op {
                        id: op_id(),
                        base_version: copy.map_or(0, |c| c.version),
                        expects,
                        reason: notes.map(str::to_string),
                        change,
                    };
                    let before = store.record(RecordKind::Proposal, &id).await.unwrap();
                    let got = push_as(&store, &cache, &d.user, &[op]).await;
                    let refused = got.as_ref().err().and_then(class);
                    assert_eq!(
                        refused,
                        Some((why.refusal(), why.text())),
                        "{} {e:?}: the core says {why}, the server {got:?}",
                        d.user.username,
                    );
                    let after = store.record(RecordKind::Proposal, &id).await.unwrap();
                    assert_eq!(after, before, "a refusal changes nothing");
                    continue;
                }
                // Refused on a copy that is not the server's: nothing is queued.
                Err(_) => continue,
            }
            if !e.push {
                continue;
            }
            let batch = std::mem::take(&mut d.outbox);
            let base = d.base.take();
            match push_as(&store, &cache, &d.user, &batch).await {
                Ok(()) => {
                    let stored = store
                        .record(RecordKind::Proposal, &id)
                        .await
                        .unwrap()
                        .record;
                    let mine = d.copy.clone().unwrap();
                    assert_eq!(stored.version, mine.version, "{}", d.user.username);
                    let (a, b): (Proposal, Proposal) = (
                        serde_json::from_value(stored.data).unwrap(),
                        serde_json::from_value(mine.data).unwrap(),
                    );
                    assert_eq!(a, b, "the server wrote the device's optimistic copy");
                }
                Err(StoreError::Conflict(_) | StoreError::Refused(_)) => {
                    // Only a queue made on a copy the server no longer has is turned down.
                    assert_ne!(
                        base, server,
                        "{}: turned down on its own state",
                        d.user.username
                    );
                    // Keep the server's version: drop the queue, pull again.
                    d.copy = pull_proposal(&store, &d.user, &id).await;
                }
                Err(other) => panic!("{other:?}"),
            }
        }
    });
}

fn event() -> impl Strategy<Value = Event> {
    (
        proptest::sample::select(PICKS.to_vec()),
        proptest::bool::weighted(0.5),
        0..STEPS,
        proptest::bool::weighted(0.7),
        0..NOTES.len(),
        proptest::bool::weighted(0.7),
    )
        .prop_map(|(device, to_desk, step, forward, notes, push)| Event {
            device,
            to_desk,
            step,
            forward,
            notes,
            push,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_server_and_the_app_take_every_step_alike(
        own_request in any::<bool>(),
        events in proptest::collection::vec(event(), 1..32),
    ) {
        run(own_request, events);
    }
}
