//! `mutasi_core::workflow`'s one function for an op: admission before anything else, the notes
//! as configured, the op that says what it was made on, and the device's optimistic copy.

use chrono::{DateTime, NaiveDate, Utc};
use mutasi_core::fixture::{nips, small};
use mutasi_core::model::{Nip, SlotId, UnitId};
use mutasi_core::wire::auth::{Account, Role, Scope};
use mutasi_core::wire::sync::{
    Change, Expect, FileCheck, Op, Proposal, ProposalSource, ProposalStatus, Record, RecordKind,
};
use mutasi_core::workflow::{self, Actor, Applied, Reads, Refusal, StepError, Target};
use mutasi_core::Dataset;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn now() -> DateTime<Utc> {
    at("2027-04-10T03:00:00Z")
}

fn account(name: &str, role: Role, nip: Option<&str>, scope: Option<Scope>) -> Account {
    Account {
        username: name.into(),
        role,
        nip: nip.map(|n| Nip::parse(n).unwrap()),
        scope,
    }
}

fn planner() -> Account {
    account(
        "disdik",
        Role::Planner,
        None,
        Some(Scope::Opd(vec![UnitId::new("DISDIK").unwrap()])),
    )
}

fn kota() -> Account {
    account("kota", Role::Planner, None, Some(Scope::City))
}

fn approver(name: &str) -> Account {
    account(name, Role::Approver, None, None)
}

/// A draft of the teacher's move to a post every rule allows, as the device records it.
fn draft(ds: &Dataset) -> Record {
    workflow::record(
        &Actor::of(&planner()),
        ds,
        None,
        "op-0".into(),
        Change::ProposeMove {
            proposal: "0193a1b2-0000-7000-8000-000000000001".into(),
            nip: Nip::parse(nips::GURU_PLT).unwrap(),
            slot: SlotId::new("SDN-001/GURU-2").unwrap(),
            tmt: NaiveDate::from_ymd_opt(2027, 10, 1).unwrap(),
            overrides: Vec::new(),
            source: ProposalSource::Planner,
        },
        Some("  Pemenuhan kebutuhan guru kelas sesuai ABK "),
        now(),
    )
    .unwrap()
    .local
}

/// `record` of `change` by `by` on `on`.
fn step(
    ds: &Dataset,
    by: &Account,
    on: &Record,
    change: Change,
    notes: Option<&str>,
) -> Result<workflow::Recorded, StepError> {
    workflow::record(
        &Actor::of(by),
        ds,
        Some(on),
        format!("op-{}", on.version),
        change,
        notes,
        now(),
    )
}

fn proposal(r: &Record) -> Proposal {
    serde_json::from_value(r.data.clone()).unwrap()
}

/// The draft walked to `status` by the accounts whose desk it is.
fn walked(ds: &Dataset, to: ProposalStatus) -> Record {
    let id = proposal(&draft(ds)).id;
    let steps: [(Account, Change, Option<&str>, ProposalStatus); 3] = [
        (
            planner(),
            Change::SubmitProposal {
                proposal: id.clone(),
            },
            None,
            ProposalStatus::Submitted,
        ),
        (
            kota(),
            Change::CheckFile {
                proposal: id.clone(),
                result: FileCheck::Complete,
            },
            None,
            ProposalStatus::Verified,
        ),
        (
            approver("baperjakat"),
            Change::ReviewProposal {
                proposal: id.clone(),
                recommend: true,
            },
            Some("Kompetensi sesuai kebutuhan"),
            ProposalStatus::Recommended,
        ),
    ];
    let mut r = draft(ds);
    for (by, change, notes, status) in steps {
        if proposal(&r).status == to {
            break;
        }
        r = step(ds, &by, &r, change, notes).unwrap().local;
        assert_eq!(proposal(&r).status, status);
    }
    r
}

#[test]
fn a_draft_is_recorded_as_the_server_writes_it() {
    let ds = small();
    let r = draft(&ds);
    assert_eq!((r.kind, r.version), (RecordKind::Proposal, 1));
    let p = proposal(&r);
    assert_eq!(p.reason, "Pemenuhan kebutuhan guru kelas sesuai ABK");
    assert_eq!(
        (p.status, p.proposed_by.as_str()),
        (ProposalStatus::Draft, "disdik")
    );
    let h = &p.history[0];
    assert_eq!(
        (h.action.as_str(), h.from, h.by.as_str(), h.at.as_str()),
        ("propose_move", None, "disdik", "2027-04-10T03:00:00Z")
    );
}

#[test]
fn the_notes_of_a_review_decision_or_return_follow_the_configured_minimum() {
    let mut ds = small();
    let verified = walked(&ds, ProposalStatus::Verified);
    let id = proposal(&verified).id;
    let review = Change::ReviewProposal {
        proposal: id,
        recommend: true,
    };
    // The app and the server used to disagree here: now both ask for the rule's length.
    let short = step(
        &ds,
        &approver("baperjakat"),
        &verified,
        review.clone(),
        Some("layak"),
    );
    assert_eq!(short.unwrap_err(), StepError::NotesTooShort { min: 10 });
    let none = step(
        &ds,
        &approver("baperjakat"),
        &verified,
        review.clone(),
        None,
    );
    assert_eq!(none.unwrap_err(), StepError::NotesTooShort { min: 10 });
    let e = StepError::NotesTooShort { min: 10 };
    assert_eq!(e.refusal(), Refusal::Invalid);
    assert!(e.text().en.contains("at least 10"), "{e}");
    // A step that needs no notes takes any.
    let submitted = walked(&ds, ProposalStatus::Submitted);
    let check = Change::CheckFile {
        proposal: proposal(&submitted).id,
        result: FileCheck::Complete,
    };
    assert!(step(&ds, &kota(), &submitted, check, Some("ok")).is_ok());
    // Configuration, not a constant.
    let mut rules = ds.rules().clone();
    rules.reason_min_chars = 5;
    ds.set_rules(rules).unwrap();
    assert!(step(
        &ds,
        &approver("baperjakat"),
        &verified,
        review,
        Some("layak")
    )
    .is_ok());
    let submitted = walked(&ds, ProposalStatus::Submitted);
    let back = Change::CheckFile {
        proposal: proposal(&submitted).id,
        result: FileCheck::Revise,
    };
    assert_eq!(
        step(&ds, &kota(), &submitted, back, Some("SKP")).unwrap_err(),
        StepError::NotesTooShort { min: 5 }
    );
}

#[test]
fn who_may_act_is_decided_before_the_status() {
    let ds = small();
    let draft = draft(&ds);
    let p = proposal(&draft);
    let decide = Change::DecideProposal {
        proposal: p.id.clone(),
        status: ProposalStatus::Approved,
    };
    // Not the planner's desk, whatever the status.
    let e = step(
        &ds,
        &planner(),
        &draft,
        decide.clone(),
        Some("x".repeat(12).as_str()),
    );
    assert!(matches!(e, Err(StepError::DeskOnly(_))), "{e:?}");
    // The right desk learns the status is wrong.
    let e = step(
        &ds,
        &approver("ppk"),
        &draft,
        decide,
        Some("x".repeat(12).as_str()),
    );
    assert!(matches!(e, Err(StepError::WrongStatus { .. })), "{e:?}");
    // Admission alone, as the server runs it before comparing versions: an account that may
    // not see the proposal hears it does not exist.
    let op = Op {
        id: "o".into(),
        base_version: 1,
        expects: None,
        reason: None,
        change: Change::SubmitProposal { proposal: p.id },
    };
    let e = workflow::admit(&Actor::of(&planner()), &ds, &op, Target::Hidden).unwrap_err();
    assert_eq!(e.refusal(), Refusal::Unknown);
    // Four eyes: the reviewer may not decide.
    let recommended = walked(&ds, ProposalStatus::Recommended);
    let decide = Change::DecideProposal {
        proposal: proposal(&recommended).id,
        status: ProposalStatus::Approved,
    };
    let notes = Some("Disetujui sesuai pertimbangan");
    assert_eq!(
        step(
            &ds,
            &approver("baperjakat"),
            &recommended,
            decide.clone(),
            notes
        )
        .unwrap_err(),
        StepError::FourEyes
    );
    let approved = step(&ds, &approver("ppk"), &recommended, decide, notes).unwrap();
    assert_eq!(proposal(&approved.local).decided_by.as_deref(), Some("ppk"));
}

#[test]
fn an_op_says_what_it_was_made_on() {
    let ds = small();
    let v1 = draft(&ds);
    let submit = step(
        &ds,
        &planner(),
        &v1,
        Change::SubmitProposal {
            proposal: proposal(&v1).id,
        },
        None,
    )
    .unwrap();
    assert_eq!(submit.op.base_version, 1);
    assert_eq!(submit.op.expects, Some(Expect::of(&proposal(&v1))));
    assert!(submit.op.builds_on(Some(&v1)));
    // The server's copy of the same state, written at another instant, is the same state.
    let mut server = v1.clone();
    server.data["history"][0]["at"] = "2027-04-10T03:00:07Z".into();
    assert!(submit.op.builds_on(Some(&server)));
    // Another state at the same version is not.
    let mut other = v1.clone();
    other.data["reason"] = "Alasan lain yang sama panjang".into();
    assert!(!submit.op.builds_on(Some(&other)));
    // Another version is not; nor is a record that is gone.
    let mut later = v1.clone();
    later.version = 2;
    assert!(!submit.op.builds_on(Some(&later)) && !submit.op.builds_on(None));
    // An op of an older app (no `expects`) is compared by its version alone.
    let old = Op {
        expects: None,
        ..submit.op.clone()
    };
    assert!(old.builds_on(Some(&other)));
    // The fingerprint follows every step.
    assert_ne!(
        proposal(&v1).fingerprint(),
        proposal(&submit.local).fingerprint()
    );
}

#[test]
fn the_devices_copy_is_the_servers_result() {
    let ds = small();
    let verified = walked(&ds, ProposalStatus::Verified);
    let by = approver("baperjakat");
    let change = Change::ReviewProposal {
        proposal: proposal(&verified).id,
        recommend: false,
    };
    let notes = " Belum memenuhi kebutuhan sekolah tujuan ";
    let recorded = step(&ds, &by, &verified, change, Some(notes)).unwrap();
    assert_eq!(recorded.op.reason.as_deref(), Some(notes.trim()));
    assert_eq!(recorded.local.version, verified.version + 1);
    // The server's path: admission on its record, then the step, at its own instant.
    let p = proposal(&verified);
    let server = workflow::take(
        &Actor::of(&by),
        &ds,
        &recorded.op,
        Target::Proposal(&p),
        now(),
        &Reads::default(),
    )
    .unwrap();
    let Applied::Step(taken) = server else {
        panic!("a step")
    };
    assert_eq!(taken.proposal, proposal(&recorded.local));
    assert_eq!(taken.proposal.status, ProposalStatus::NotRecommended);
}

#[test]
fn preferences_are_the_employees_own_and_written_into_the_record() {
    let ds = small();
    let nip = Nip::parse(nips::GURU_PLT).unwrap();
    let e = ds.employee(&nip).unwrap();
    let record = Record {
        kind: RecordKind::Employee,
        id: nip.to_string(),
        version: 3,
        seq: 9,
        data: serde_json::to_value(e).unwrap(),
    };
    let mut preferences = e.preferences.clone();
    preferences.units = vec![UnitId::new("SDN-002").unwrap()];
    let change = Change::SetPreferences {
        nip: nip.clone(),
        preferences: preferences.clone(),
    };
    let siti = account("siti", Role::Employee, Some(nips::GURU_PLT), None);
    let r = workflow::record(
        &Actor::of(&siti),
        &ds,
        Some(&record),
        "p".into(),
        change.clone(),
        None,
        now(),
    )
    .unwrap();
    assert_eq!((r.op.base_version, r.op.expects.clone()), (3, None));
    assert_eq!(
        r.local.data["preferences"],
        serde_json::to_value(&preferences).unwrap()
    );
    assert_eq!(
        r.local.data["name"], record.data["name"],
        "the rest as stored"
    );
    let other = account("bambang", Role::Employee, Some(nips::DISANKSI), None);
    let e = workflow::record(
        &Actor::of(&other),
        &ds,
        Some(&record),
        "p".into(),
        change,
        None,
        now(),
    );
    assert_eq!(e.unwrap_err(), StepError::NotOwnPreferences);
    let unknown = Change::SetPreferences {
        nip,
        preferences: mutasi_core::model::Preferences {
            units: vec![UnitId::new("NOWHERE").unwrap()],
            ..preferences
        },
    };
    let e = workflow::record(
        &Actor::of(&siti),
        &ds,
        Some(&record),
        "p".into(),
        unknown,
        None,
        now(),
    );
    assert_eq!(e.unwrap_err().refusal(), Refusal::Unknown);
}
