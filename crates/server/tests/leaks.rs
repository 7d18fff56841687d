//! Adversarial tests, part 1: no personnel record leaks through a refusal or a pull (issue 15).
//!
//! The generic matrix sends every op type, as every account, at a target inside and outside
//! the DISDIK planner's scope, with the right and a wrong base version, and checks that the
//! answer holds nothing the same account's own pull would not return: no string of a record
//! the account may not see (unless the account itself sent it), and a 409's record only when
//! it is exactly the record the account pulls.
//!
//! Longer than 500 lines on purpose: the matrix's op builders for every op type and the oracle
//! (the account's own pull) belong together, so a new op type is added in one place.

mod common;

use std::collections::{BTreeMap, HashSet};

use axum::http::StatusCode;
use common::*;
use mutasi_core::fixture::nips;
use mutasi_core::model::{Nip, SlotId};
use mutasi_core::wire::auth::Role;
use mutasi_core::wire::sync::{
    Proposal, ProposalEvent, ProposalSource, ProposalStatus, Record, RecordKind, SkRef,
};
use mutasi_server::db::{NewRecord, Storage, Write};
use mutasi_server::sync::visibility;
use serde_json::{json, Value};

/// Every account of the matrix, the PPK's included.
const ACCOUNTS: [&str; 7] = [
    EMPLOYEE,
    OTHER_EMPLOYEE,
    PLANNER,
    CITY_PLANNER,
    APPROVER,
    PPK,
    ADMIN,
];

/// The op types of the wire protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OpType {
    Preferences,
    Propose,
    Revise,
    Submit,
    CheckFile,
    Review,
    Decide,
    IssueSk,
    Inaugurate,
}

const OP_TYPES: [OpType; 9] = [
    OpType::Preferences,
    OpType::Propose,
    OpType::Revise,
    OpType::Submit,
    OpType::CheckFile,
    OpType::Review,
    OpType::Decide,
    OpType::IssueSk,
    OpType::Inaugurate,
];

impl OpType {
    /// The status a proposal must be in for this step.
    fn status(self) -> Option<ProposalStatus> {
        use ProposalStatus::*;
        match self {
            OpType::Preferences | OpType::Propose => None,
            OpType::Revise | OpType::Submit => Some(Draft),
            OpType::CheckFile => Some(Submitted),
            OpType::Review => Some(Verified),
            OpType::Decide => Some(Recommended),
            OpType::IssueSk => Some(Approved),
            OpType::Inaugurate => Some(SkIssued),
        }
    }
}

/// A target of the matrix: inside DISDIK (the scoped planner's OPD) or in SETDA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Disdik,
    Setda,
}

/// (employee, slot) of a move at each place: the fixture's legal move inside DISDIK, and a move
/// of a SETDA official inside SETDA.
fn mover(app: &TestApp, place: Place) -> (String, String) {
    match place {
        Place::Disdik => legal_move(&app.ds),
        Place::Setda => (nips::PEJABAT.to_string(), "SETDA/ADM-1".to_string()),
    }
}

fn event(action: &str, to: ProposalStatus, by: &str, role: Role) -> ProposalEvent {
    ProposalEvent {
        action: action.into(),
        from: None,
        to,
        by: by.into(),
        role,
        at: "2027-04-02T01:00:00Z".into(),
        reason: Some(format!("catatan rahasia {by} {action}")),
    }
}

/// Stores a proposal at `status` about the mover of `place`, with a history that reaches it
/// (the review by the Baperjakat account, so the PPK account may decide).
async fn seed_proposal(app: &TestApp, place: Place, status: ProposalStatus) -> String {
    let (nip, slot) = mover(app, place);
    let id = uuid::Uuid::now_v7().to_string();
    let mut history = vec![event(
        "propose_move",
        ProposalStatus::Draft,
        "disdik",
        Role::Planner,
    )];
    use ProposalStatus::*;
    if matches!(status, Recommended | Approved | SkIssued) {
        history.push(event(
            "review_proposal",
            Recommended,
            APPROVER,
            Role::Approver,
        ));
    }
    let p = Proposal {
        id: id.clone(),
        nip: Nip::parse(&nip).unwrap(),
        slot: SlotId::new(slot).unwrap(),
        tmt: chrono::NaiveDate::from_ymd_opt(2027, 4, 1).unwrap(),
        reason: format!("Alasan rahasia usulan {id}"),
        overrides: Vec::new(),
        status,
        source: ProposalSource::Planner,
        proposed_by: "disdik".into(),
        decided_by: matches!(status, Approved | SkIssued).then(|| PPK.to_string()),
        sk: matches!(status, SkIssued).then(|| SkRef {
            number: format!("821.2/{}/BKPSDM-III/2027", &id[..8]),
            date: chrono::NaiveDate::from_ymd_opt(2027, 4, 20).unwrap(),
        }),
        inaugurated_on: None,
        history,
    };
    let opd = match place {
        Place::Disdik => "DISDIK",
        Place::Setda => "SETDA",
    };
    app.store
        .import(
            vec![NewRecord {
                kind: RecordKind::Proposal,
                id: id.clone(),
                write: Write {
                    data: serde_json::to_value(&p).unwrap(),
                    opd: Some(opd.into()),
                    nip: Some(nip),
                },
            }],
            &actor("test"),
        )
        .await
        .unwrap();
    id
}

/// The op of `ty` on the target at `place` (a proposal seeded for it, or the mover's own
/// employee record for preferences), with `base` as its base version.
async fn make_op(app: &TestApp, ty: OpType, place: Place, wrong_version: bool) -> Value {
    let (nip, slot) = mover(app, place);
    let v = |right: u64| if wrong_version { right + 7 } else { right };
    match ty {
        OpType::Preferences => {
            let current = app.version(RecordKind::Employee, &nip).await;
            set_preferences(&nip, v(current), &["SDN-002"])
        }
        OpType::Propose => propose(&nip, &slot, v(0)).1,
        _ => {
            let p = seed_proposal(app, place, ty.status().unwrap()).await;
            let (change, reason) = match ty {
                OpType::Revise => (
                    json!({"type": "revise_proposal", "slot": slot, "tmt": tmt()}),
                    Some("Revisi alasan mutasi pegawai"),
                ),
                OpType::Submit => (json!({"type": "submit_proposal"}), None),
                OpType::CheckFile => (
                    json!({"type": "check_file", "result": "complete"}),
                    Some("berkas lengkap"),
                ),
                OpType::Review => (
                    json!({"type": "review_proposal", "recommend": true}),
                    Some("layak"),
                ),
                OpType::Decide => (
                    json!({"type": "decide_proposal", "status": "approved"}),
                    Some("disetujui"),
                ),
                OpType::IssueSk => (
                    json!({"type": "issue_sk", "number": "821.2/099/BKPSDM-III/2027", "date": "2027-04-20"}),
                    None,
                ),
                OpType::Inaugurate => (json!({"type": "inaugurate", "on": "2027-05-02"}), None),
                OpType::Preferences | OpType::Propose => unreachable!(),
            };
            step(&p, v(1), change, reason)
        }
    }
}

/// Every string leaf of a JSON value.
fn strings(v: &Value, out: &mut HashSet<String>) {
    match v {
        Value::String(s) => {
            out.insert(s.clone());
        }
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

fn record_strings(r: &Record, out: &mut HashSet<String>) {
    out.insert(r.id.clone());
    strings(&r.data, out);
}

/// The words of the API's own vocabulary (roles and record kinds), which any message may use.
fn vocabulary() -> HashSet<String> {
    let mut v: HashSet<String> = RecordKind::ALL
        .iter()
        .map(|k| k.as_str().to_string())
        .collect();
    for r in [
        "employee",
        "planner",
        "approver",
        "admin",
        "definitive",
        "plt",
    ] {
        v.insert(r.to_string());
    }
    v
}

/// What `token`'s account may know: its pull, by (kind, id).
async fn pulled(app: &TestApp, token: &str) -> BTreeMap<(RecordKind, String), Record> {
    let (records, _) = pull_all(app, token, 0, 5000).await;
    records
        .into_iter()
        .map(|r| ((r.kind, r.id.clone()), r))
        .collect()
}

/// The strings of the store that `pull` does not hold and `request` did not send.
async fn secrets(
    app: &TestApp,
    pull: &BTreeMap<(RecordKind, String), Record>,
    request: &Value,
) -> HashSet<String> {
    let mut all = HashSet::new();
    for r in app.store.records_of(&RecordKind::ALL).await.unwrap() {
        record_strings(&r, &mut all);
    }
    let mut known = HashSet::new();
    for r in pull.values() {
        record_strings(r, &mut known);
    }
    strings(request, &mut known);
    let vocabulary = vocabulary();
    all.into_iter()
        .filter(|s| s.chars().count() >= 5 && !known.contains(s) && !vocabulary.contains(s))
        .collect()
}

/// The answer holds nothing the account could not pull.
async fn assert_no_leak(app: &TestApp, token: &str, request: &Value, reply: &Reply, case: &str) {
    assert_ne!(
        reply.status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{case}: {}",
        reply.text
    );
    let pull = pulled(app, token).await;
    let secrets = secrets(app, &pull, request).await;
    let leaked: Vec<&String> = secrets
        .iter()
        .filter(|s| reply.text.contains(s.as_str()))
        .collect();
    assert!(
        leaked.is_empty(),
        "{case}: leaks {leaked:?} in {}",
        reply.text
    );
    if let Some(current) = reply.json["details"]
        .get("current")
        .filter(|c| !c.is_null())
    {
        let r: Record = serde_json::from_value(current.clone()).unwrap();
        let mine = pull.get(&(r.kind, r.id.clone()));
        assert_eq!(
            mine.map(|m| (&m.data, m.version)),
            Some((&r.data, r.version)),
            "{case}: a 409 carries only the record the account pulls: {}",
            reply.text
        );
    }
}

#[tokio::test]
async fn no_refusal_carries_more_than_the_callers_pull() {
    let mut app = TestApp::new(Backend::Sqlite).await;
    let mut refusals = BTreeMap::<u16, usize>::new();
    let mut conflicts_with_record = 0;
    for ty in OP_TYPES {
        for place in [Place::Disdik, Place::Setda] {
            for wrong_version in [false, true] {
                for account in ACCOUNTS {
                    let case =
                        format!("{ty:?} at {place:?} by {account}, wrong version {wrong_version}");
                    let op = make_op(&app, ty, place, wrong_version).await;
                    let token = app.login(account).await;
                    let body = batch(std::slice::from_ref(&op));
                    let before = app.fingerprint().await;
                    let reply = app.post("/api/sync/push", Some(&token), &body).await;
                    assert_no_leak(&app, &token, &body, &reply, &case).await;
                    if reply.status == StatusCode::OK {
                        // A fresh city for the next case, so every case starts the same.
                        app = TestApp::new(Backend::Sqlite).await;
                        continue;
                    }
                    assert_eq!(
                        app.fingerprint().await,
                        before,
                        "{case}: refused, unchanged"
                    );
                    *refusals.entry(reply.status.as_u16()).or_default() += 1;
                    if reply.json["details"]
                        .get("current")
                        .is_some_and(|c| !c.is_null())
                    {
                        conflicts_with_record += 1;
                    }
                }
            }
        }
    }
    // The matrix reaches every kind of refusal, 409s with a record included (so the checks
    // above were exercised, not skipped).
    for status in [403, 404, 409, 422] {
        assert!(
            refusals.get(&status).copied().unwrap_or(0) > 0,
            "{refusals:?}"
        );
    }
    assert!(conflicts_with_record > 0, "{refusals:?}");
}

#[tokio::test]
async fn another_persons_preferences_with_a_stale_version_are_refused_without_their_record() {
    // The finding: an employee pushing set_preferences for another NIP with a wrong version
    // got that person's whole record back in the 409.
    let app = TestApp::new(Backend::Sqlite).await;
    let siti = app.login(EMPLOYEE).await;
    let v = app.version(RecordKind::Employee, nips::DISANKSI).await;
    let op = set_preferences(nips::DISANKSI, v + 3, &["SDN-002"]);
    let r = app.post("/api/sync/push", Some(&siti), &batch(&[op])).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    assert!(r.json["details"].get("current").is_none(), "{}", r.text);
    let name = app
        .ds
        .employee(&Nip::parse(nips::DISANKSI).unwrap())
        .unwrap()
        .name
        .clone();
    assert!(!r.text.contains(&name), "{}", r.text);
}

#[tokio::test]
async fn a_refused_caller_learns_no_proposal_status() {
    // The finding: a 422 "… status draft" told an outsider where a proposal stood.
    let app = TestApp::new(Backend::Sqlite).await;
    let p = seed_proposal(&app, Place::Setda, ProposalStatus::Draft).await;
    let review = step(
        &p,
        1,
        json!({"type": "review_proposal", "recommend": true}),
        Some("x"),
    );
    for account in [EMPLOYEE, OTHER_EMPLOYEE, PLANNER, ADMIN] {
        let token = app.login(account).await;
        let r = app
            .post(
                "/api/sync/push",
                Some(&token),
                &batch(std::slice::from_ref(&review)),
            )
            .await;
        assert!(
            matches!(r.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
            "{account}: {}",
            r.text
        );
        // Neither the wire word nor the words people read.
        for word in ["draft", "Draft", "Konsep"] {
            assert!(!r.text.contains(word), "{account}: {}", r.text);
        }
    }
    // The approver, whose desk it is, is told why not.
    let approver = app.login(APPROVER).await;
    let r = app
        .post("/api/sync/push", Some(&approver), &batch(&[review]))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert!(r.text.contains("berstatus \\\"Konsep\\\""), "{}", r.text);
}

#[tokio::test]
async fn a_planner_cannot_file_an_own_request_in_an_employees_name() {
    let app = TestApp::new(Backend::Sqlite).await;
    let (nip, slot) = legal_move(&app.ds);
    let (_, mut op) = propose(&nip, &slot, 0);
    op["change"]["source"] = json!("own_request");
    for account in [PLANNER, CITY_PLANNER] {
        let token = app.login(account).await;
        let r = app
            .post(
                "/api/sync/push",
                Some(&token),
                &batch(std::slice::from_ref(&op)),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{account}: {}", r.text);
    }
    // The same draft as the planner's own goes through.
    op["change"]["source"] = json!("planner");
    let token = app.login(PLANNER).await;
    let r = app
        .post("/api/sync/push", Some(&token), &batch(&[op]))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

/// Every 18-digit run in a text.
fn nip_like(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            if run.len() == 18 {
                out.insert(std::mem::take(&mut run));
            }
            run.clear();
        }
    }
    out
}

#[tokio::test]
async fn an_employees_pull_holds_no_other_nip_but_every_post_still_shows_held() {
    let app = TestApp::new(Backend::Sqlite).await;
    let token = app.login(OTHER_EMPLOYEE).await;
    let (records, _) = pull_all(&app, &token, 0, 5000).await;
    let text = serde_json::to_string(&records).unwrap();
    assert_eq!(
        nip_like(&text),
        HashSet::from([nips::DISANKSI.to_string()]),
        "only the employee's own NIP"
    );
    // The posts are all there, held or open exactly as in the city.
    let slots: BTreeMap<String, Value> = records
        .iter()
        .filter(|r| r.kind == RecordKind::Slot)
        .map(|r| (r.id.clone(), r.data.clone()))
        .collect();
    assert_eq!(slots.len(), app.ds.slots().len());
    for s in app.ds.slots() {
        let pulled = &slots[s.id.as_str()];
        assert_eq!(
            pulled["holder"]["kind"],
            s.holder.as_ref().map_or(Value::Null, |h| json!(h.kind)),
            "{}",
            s.id
        );
    }
    // The app builds its partial dataset from it.
    let mut parts = mutasi_core::DatasetParts::default();
    for r in records {
        match r.kind {
            RecordKind::Slot => parts.slots.push(serde_json::from_value(r.data).unwrap()),
            RecordKind::Unit => parts.units.push(serde_json::from_value(r.data).unwrap()),
            RecordKind::Position => parts
                .positions
                .push(serde_json::from_value(r.data).unwrap()),
            RecordKind::Employee => parts
                .employees
                .push(serde_json::from_value(r.data).unwrap()),
            _ => {}
        }
    }
    mutasi_core::Dataset::new_partial(parts).expect("an employee's copy is a partial dataset");
}

#[tokio::test]
async fn a_scoped_planner_sees_holder_nips_of_its_own_staff_only() {
    let app = TestApp::new(Backend::Sqlite).await;
    let token = app.login(PLANNER).await;
    let pull = pulled(&app, &token).await;
    let visible_staff: HashSet<String> = pull
        .keys()
        .filter(|(k, _)| *k == RecordKind::Employee)
        .map(|(_, id)| id.clone())
        .collect();
    let text = serde_json::to_string(&pull.values().collect::<Vec<_>>()).unwrap();
    assert!(!visible_staff.is_empty());
    assert!(
        nip_like(&text).is_subset(&visible_staff),
        "{:?}",
        nip_like(&text)
    );
}

async fn pull_agrees_with_visibility(backend: Backend) {
    let app = TestApp::new(backend).await;
    // Proposals in both places, so every kind of record is there.
    seed_proposal(&app, Place::Disdik, ProposalStatus::Draft).await;
    seed_proposal(&app, Place::Setda, ProposalStatus::Submitted).await;
    let users = test_accounts();
    for account in ACCOUNTS {
        let token = app.login(account).await;
        let got: HashSet<(RecordKind, String)> = pulled(&app, &token).await.into_keys().collect();
        let user = users.iter().find(|u| u.username == account).unwrap();
        let rule = visibility(user);
        let mut want = HashSet::new();
        for r in app.store.records_of(&RecordKind::ALL).await.unwrap() {
            let stored = app.store.record(r.kind, &r.id).await.unwrap();
            if rule.admits(&stored) {
                want.insert((r.kind, r.id));
            }
        }
        assert_eq!(
            got, want,
            "{account} ({backend:?}): the SQL filter and admits() agree"
        );
    }
}

#[tokio::test]
async fn the_pull_filter_and_the_visibility_rule_agree_on_sqlite() {
    pull_agrees_with_visibility(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_pull_filter_and_the_visibility_rule_agree_on_postgres() {
    pull_agrees_with_visibility(Backend::Postgres).await;
}
