//! The mutation workflow on the server: every step × every account, the submission window, the
//! rule re-check at every step, offline conflicts, the inauguration that moves the employee,
//! the employee following their proposal, and the audit filters and CSV export.
//!
//! Longer than 500 lines on purpose: the matrix of steps × accounts and the journeys share the
//! token cache and the row helpers; the property that the server and the app agree is in
//! `one_rule_book.rs`.

mod common;

use std::collections::HashMap;

use axum::http::StatusCode;
use common::*;
use mutasi_core::fixture::{self, nips};
use mutasi_core::model::{Nip, Period, Sanction, SanctionLevel};
use mutasi_core::text::fmt_count;
use mutasi_core::wire::sync::RecordKind;
use mutasi_server::db::Storage;
use mutasi_server::sync::dataset_records;
use mutasi_server::{app, Clock, StaticConfig};
use serde_json::{json, Value};

/// Every account, the PPK's last: the columns of the matrix.
const USERS: [&str; 7] = EVERY_ACCOUNT;

/// Tokens, one login per account.
struct Tokens<'a> {
    app: &'a TestApp,
    tokens: HashMap<&'static str, String>,
}

impl<'a> Tokens<'a> {
    fn new(app: &'a TestApp) -> Self {
        Self {
            app,
            tokens: HashMap::new(),
        }
    }
    async fn get(&mut self, user: &'static str) -> String {
        if !self.tokens.contains_key(user) {
            let t = self.app.login(user).await;
            self.tokens.insert(user, t);
        }
        self.tokens[user].clone()
    }
    async fn push(&mut self, user: &'static str, ops: &[Value]) -> Reply {
        let token = self.get(user).await;
        self.app
            .post("/api/sync/push", Some(&token), &batch(ops))
            .await
    }
}

/// A step of the matrix: the status the proposal must be in, and the op.
#[derive(Debug, Clone, Copy)]
enum Row {
    Propose,
    Revise,
    Submit,
    CheckFile,
    Review,
    Decide,
    IssueSk,
    Inaugurate,
}

fn row_op(row: Row, proposal: &str, version: u64, nip: &str, slot: &str) -> Value {
    match row {
        Row::Propose => propose(nip, slot, 0).1,
        Row::Revise => step(
            proposal,
            version,
            json!({"type": "revise_proposal", "slot": slot, "tmt": "2027-10-01"}),
            Some("TMT digeser ke bulan Oktober"),
        ),
        Row::Submit => step(proposal, version, json!({"type": "submit_proposal"}), None),
        Row::CheckFile => step(
            proposal,
            version,
            json!({"type": "check_file", "result": "complete"}),
            Some("lengkap"),
        ),
        Row::Review => step(
            proposal,
            version,
            json!({"type": "review_proposal", "recommend": true}),
            Some("layak dipindahkan"),
        ),
        Row::Decide => decide(proposal, version, "approved"),
        Row::IssueSk => step(
            proposal,
            version,
            json!({"type": "issue_sk", "number": "821.2/001/BKPSDM-III/2027", "date": "2027-04-20"}),
            None,
        ),
        Row::Inaugurate => step(
            proposal,
            version,
            json!({"type": "inaugurate", "on": "2027-05-02"}),
            None,
        ),
    }
}

/// Where the proposal must be before the row's step.
fn before(row: Row) -> &'static str {
    match row {
        Row::Propose | Row::Submit => "draft",
        Row::Revise => "revise",
        Row::CheckFile => "submitted",
        Row::Review => "verified",
        Row::Decide => "recommended",
        Row::IssueSk => "approved",
        Row::Inaugurate => "sk_issued",
    }
}

/// A proposal in `status` (the `revise` status: submitted, then returned by BKPSDM).
async fn prepared(app: &TestApp, status: &str) -> (String, u64) {
    if status != "revise" {
        return proposal_at(app, status).await;
    }
    let (p, v) = proposal_at(app, "submitted").await;
    let kota = app.login(CITY_PLANNER).await;
    return_file(app, &kota, &p, v, "SKP terakhir belum dilampirkan").await;
    (p, v + 1)
}

/// BKPSDM (`kota`'s token) returns the file of proposal `p` at version `v`, with `why`.
async fn return_file(app: &TestApp, kota: &str, p: &str, v: u64, why: &str) {
    let op = step(
        p,
        v,
        json!({"type": "check_file", "result": "revise"}),
        Some(why),
    );
    let r = app.post("/api/sync/push", Some(kota), &batch(&[op])).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

#[tokio::test]
async fn each_step_is_taken_by_its_desk_only() {
    const OK: StatusCode = StatusCode::OK;
    const NO: StatusCode = StatusCode::FORBIDDEN;
    // A proposal the account may not see is, to it, not there (and nothing of it is told).
    const HIDDEN: StatusCode = StatusCode::NOT_FOUND;
    let ds = fixture::small();
    let (legal_nip, legal_slot) = legal_move(&ds);
    let siti = if legal_nip == nips::GURU_PLT { OK } else { NO };
    // Siti sees the planner's proposal only when it is about her (and then it is not hers to
    // revise: it is not her own request).
    let siti_sees = if legal_nip == nips::GURU_PLT {
        NO
    } else {
        HIDDEN
    };
    // Columns: siti, bambang, disdik planner, city planner (BKPSDM), baperjakat, admin, ppk.
    // The Baperjakat review is recorded by `baperjakat`, so it may not decide (four eyes).
    let table = [
        (Row::Propose, [siti, NO, OK, OK, NO, NO, NO]),
        (Row::Revise, [siti_sees, HIDDEN, OK, OK, NO, NO, NO]),
        (Row::Submit, [siti_sees, HIDDEN, OK, OK, NO, NO, NO]),
        (Row::CheckFile, [NO, NO, NO, OK, NO, NO, NO]),
        (Row::Review, [NO, NO, NO, NO, OK, NO, OK]),
        (Row::Decide, [NO, NO, NO, NO, NO, NO, OK]),
        (Row::IssueSk, [NO, NO, NO, OK, NO, NO, NO]),
        (Row::Inaugurate, [NO, NO, NO, OK, NO, NO, NO]),
    ];
    for (row, want) in table {
        let app = TestApp::new(Backend::Sqlite).await;
        let mut tokens = Tokens::new(&app);
        // Refusals first (they change nothing), then each allowed account on a fresh proposal.
        let mut order: Vec<usize> = (0..USERS.len()).collect();
        order.sort_by_key(|&i| want[i] == OK);
        let (mut proposal, mut version) = prepared(&app, before(row)).await;
        for i in order {
            let user = USERS[i];
            if want[i] == OK && !matches!(row, Row::Propose) {
                (proposal, version) = prepared(&app, before(row)).await;
            }
            let op = row_op(row, &proposal, version, &legal_nip, &legal_slot);
            let before_fp = app.fingerprint().await;
            let r = tokens.push(user, &[op]).await;
            assert_eq!(r.status, want[i], "{row:?} by {user}: {}", r.text);
            if r.status != OK {
                let code = if r.status == NO {
                    "forbidden"
                } else {
                    "not_found"
                };
                assert_eq!(r.json["error"], code, "{row:?} {user}");
                assert!(r.json["details"].get("current").is_none(), "{row:?} {user}");
                assert_eq!(
                    app.fingerprint().await,
                    before_fp,
                    "{row:?} {user}: unchanged"
                );
            }
        }
    }
}

#[tokio::test]
async fn steps_out_of_order_are_refused() {
    let app = TestApp::new(Backend::Sqlite).await;
    let mut tokens = Tokens::new(&app);
    let (p, v) = proposal_at(&app, "draft").await;
    let (nip, slot) = legal_move(&app.ds);
    for (row, user) in [
        (Row::CheckFile, CITY_PLANNER),
        (Row::Review, APPROVER),
        (Row::Decide, PPK),
        (Row::IssueSk, CITY_PLANNER),
        (Row::Inaugurate, CITY_PLANNER),
    ] {
        let r = tokens.push(user, &[row_op(row, &p, v, &nip, &slot)]).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{row:?}: {}",
            r.text
        );
        let message = r.json["message"].as_str().unwrap();
        assert!(
            message.contains("berstatus \"Konsep\"") && message.contains("that is \"Draft\""),
            "{}",
            r.text
        );
    }
    // A decision other than approved/rejected, and a negative step without a reason.
    let (p, v) = proposal_at(&app, "recommended").await;
    let r = tokens.push(PPK, &[decide(&p, v, "draft")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let mut no_reason = decide(&p, v, "rejected");
    no_reason["reason"] = Value::Null;
    let r = tokens.push(PPK, &[no_reason]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    // Final statuses stay final.
    let r = tokens.push(PPK, &[decide(&p, v, "rejected")]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = tokens.push(PPK, &[decide(&p, v + 1, "approved")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
}

#[tokio::test]
async fn notes_longer_than_a_paragraph_are_refused_with_both_lengths() {
    let app = TestApp::new(Backend::Sqlite).await;
    let mut tokens = Tokens::new(&app);
    let (nip, slot) = legal_move(&app.ds);
    let long = "Pindah karena kebutuhan sekolah. ".repeat(70);
    assert!(long.chars().count() > 2000);
    // A new proposal, and a step on one, each with a reason past 2.000 characters.
    let (_, mut draft) = propose(&nip, &slot, 0);
    draft["reason"] = Value::from(long.as_str());
    let (p, v) = proposal_at(&app, "recommended").await;
    let mut reject = decide(&p, v, "rejected");
    reject["reason"] = Value::from(long.as_str());
    for (user, op) in [(PLANNER, draft), (PPK, reject)] {
        let r = tokens.push(user, &[op]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert_eq!(r.json["error"], "invalid_op", "{}", r.text);
        assert_eq!(r.json["details"]["index"], 0, "{}", r.text);
        let id = r.json["text"]["id"].as_str().unwrap();
        assert!(
            id.ends_with(&format!(
                "terlalu panjang: {} karakter, maksimal 2.000 karakter",
                fmt_count(long.trim().chars().count())
            )),
            "{id}"
        );
    }
    // Nothing changed: the proposal still waits for the PPK, and the same step with a
    // paragraph of notes goes through.
    let r = tokens.push(PPK, &[decide(&p, v, "rejected")]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

/// A test app whose clock reads `now` and whose rules accept proposals in `months`.
async fn app_at(now: &str, months: Option<Vec<u8>>) -> TestApp {
    let base = TestApp::new(Backend::Sqlite).await;
    let mut ds = fixture::small();
    if let Some(m) = months {
        let mut rules = ds.rules().clone();
        rules.submission_months = m;
        ds.set_rules(rules).unwrap();
        base.store
            .import(dataset_records(&ds), &actor("test"))
            .await
            .unwrap();
    }
    let now = chrono::DateTime::parse_from_rfc3339(now)
        .unwrap()
        .with_timezone(&chrono::Utc);
    let state = mutasi_server::AppState::new(base.store.clone()).with_clock(Clock::Fixed(now));
    TestApp {
        snapshots: state.snapshots.clone(),
        router: app(state, &StaticConfig::default()),
        store: base.store.clone(),
        ds,
    }
}

#[tokio::test]
async fn submission_follows_the_configured_windows() {
    // Default April and October: a draft in November cannot be submitted, and says when.
    let nov = app_at("2026-11-29T08:00:00Z", None).await;
    let (p, v) = proposal_at(&nov, "draft").await;
    let planner = nov.login(PLANNER).await;
    let submit = step(&p, v, json!({"type": "submit_proposal"}), None);
    let r = nov
        .post("/api/sync/push", Some(&planner), &batch(&[submit]))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let msg = r.json["message"].as_str().unwrap();
    assert!(
        msg.contains("bulan 4, 10") && msg.contains("2027-04-01"),
        "{msg}"
    );
    // Drafting is not limited to the windows.
    assert_eq!(nov.version(RecordKind::Proposal, &p).await, 1);

    // Configured to April (the TMT's month, a soft rule of its own) and November: accepted.
    let open = app_at("2026-11-29T08:00:00Z", Some(vec![4, 11])).await;
    let (p, v) = proposal_at(&open, "draft").await;
    let planner = open.login(PLANNER).await;
    let submit = step(&p, v, json!({"type": "submit_proposal"}), None);
    let r = open
        .post("/api/sync/push", Some(&planner), &batch(&[submit]))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    // Configured to March and April: October is outside, the next window opens in March.
    let march = app_at("2027-10-05T08:00:00Z", Some(vec![3, 4])).await;
    let (p, v) = proposal_at(&march, "draft").await;
    let planner = march.login(PLANNER).await;
    let submit = step(&p, v, json!({"type": "submit_proposal"}), None);
    let r = march
        .post("/api/sync/push", Some(&planner), &batch(&[submit]))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert!(
        r.json["message"].as_str().unwrap().contains("2028-03-01"),
        "{}",
        r.text
    );
}

/// Imports the fixture with a sanction on `nip` over the TMT.
async fn sanction(app: &TestApp, nip: &str) {
    let mut parts = app.ds.parts().clone();
    let n = Nip::parse(nip).unwrap();
    let e = parts.employees.iter_mut().find(|e| e.nip == n).unwrap();
    e.sanctions.push(Sanction {
        level: SanctionLevel::Sedang,
        description: "Pemotongan tunjangan kinerja 25% selama 9 bulan".into(),
        period: Period::new(
            chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2027, 11, 30).unwrap(),
        )
        .unwrap(),
    });
    let ds = mutasi_core::Dataset::new(parts).unwrap();
    app.store
        .import(dataset_records(&ds), &actor("import"))
        .await
        .unwrap();
}

async fn sanction_blocks_approval(backend: Backend) {
    let app = TestApp::new(backend).await;
    let (p, v) = proposal_at(&app, "recommended").await;
    let (nip, _) = legal_move(&app.ds);
    sanction(&app, &nip).await;
    let ppk = app.login(PPK).await;
    let r = app
        .post(
            "/api/sync/push",
            Some(&ppk),
            &batch(&[decide(&p, v, "approved")]),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.json["error"], "rule_violation");
    let verdict = r.json["details"]["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["rule"] == "ActiveSanction")
        .unwrap_or_else(|| panic!("{}", r.text))
        .clone();
    assert!(
        verdict["reason"]["id"]
            .as_str()
            .unwrap()
            .contains("30-11-2027"),
        "{verdict}"
    );
    assert!(verdict["reason"]["en"]
        .as_str()
        .unwrap()
        .contains("2027-11-30"));
    assert_eq!(app.version(RecordKind::Proposal, &p).await, v, "unchanged");
    // Rejecting is never blocked by the rules.
    let r = app
        .post(
            "/api/sync/push",
            Some(&ppk),
            &batch(&[decide(&p, v, "rejected")]),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

#[tokio::test]
async fn a_step_on_a_proposal_that_moved_on_is_a_conflict() {
    let app = TestApp::new(Backend::Sqlite).await;
    let (p, v) = proposal_at(&app, "submitted").await;
    let kota = app.login(CITY_PLANNER).await;
    let planner = app.login(PLANNER).await;
    // BKPSDM returns the file; the planner's device, offline, had submitted-era edits.
    return_file(&app, &kota, &p, v, "lampiran SK terakhir kurang").await;
    // A second BKPSDM device checked the same file offline at the old version: 409 with the
    // server's record, nothing overwritten.
    let stale = step(
        &p,
        v,
        json!({"type": "check_file", "result": "complete"}),
        Some("lengkap"),
    );
    let before = app.fingerprint().await;
    let r = app
        .post("/api/sync/push", Some(&kota), &batch(&[stale]))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(r.json["details"]["base_version"], v);
    assert_eq!(r.json["details"]["current"]["version"], v + 1);
    assert_eq!(r.json["details"]["current"]["data"]["status"], "revise");
    assert_eq!(app.fingerprint().await, before);
    // The planner revises at the current version and resubmits.
    let (nip, slot) = legal_move(&app.ds);
    let revise = row_op(Row::Revise, &p, v + 1, &nip, &slot);
    let submit = step(&p, v + 2, json!({"type": "submit_proposal"}), None);
    let r = app
        .post("/api/sync/push", Some(&planner), &batch(&[revise, submit]))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let rec = app
        .store
        .record(RecordKind::Proposal, &p)
        .await
        .unwrap()
        .record;
    assert_eq!(rec.data["status"], "submitted");
    assert_eq!(rec.data["tmt"], "2027-10-01");
}

async fn journey_moves_the_employee(backend: Backend) {
    let app = TestApp::new(backend).await;
    let (nip, slot) = legal_move(&app.ds);
    let old_slot = app
        .ds
        .employee(&Nip::parse(&nip).unwrap())
        .and_then(|e| e.current.as_ref())
        .map(|c| c.slot.to_string())
        .unwrap();
    let kota = app.login(CITY_PLANNER).await;
    let (_, start) = pull_all(&app, &kota, 0, 5000).await;
    let ev = app.version(RecordKind::Employee, &nip).await;
    let (sv_old, sv_new) = (
        app.version(RecordKind::Slot, &old_slot).await,
        app.version(RecordKind::Slot, &slot).await,
    );
    let (p, v) = proposal_at(&app, "inaugurated").await;
    assert_eq!(v, 7, "draft + 6 steps");

    // The employee and both slots have a new version, and BKPSDM pulls them with the proposal.
    assert_eq!(app.version(RecordKind::Employee, &nip).await, ev + 1);
    assert_eq!(app.version(RecordKind::Slot, &old_slot).await, sv_old + 1);
    assert_eq!(app.version(RecordKind::Slot, &slot).await, sv_new + 1);
    let (records, _) = pull_all(&app, &kota, start, 5000).await;
    let got = |kind, id: &str| {
        records
            .iter()
            .find(|r| r.kind == kind && r.id == id)
            .unwrap_or_else(|| panic!("{kind:?} {id} pulled"))
            .clone()
    };
    let emp = got(RecordKind::Employee, &nip);
    assert_eq!(emp.data["current"]["slot"], slot.as_str());
    assert_eq!(emp.data["current"]["since"], "2027-05-02");
    assert_eq!(
        emp.data["history"].as_array().unwrap().last().unwrap()["period"]["end"],
        "2027-05-01"
    );
    assert_eq!(got(RecordKind::Slot, &old_slot).data["holder"], Value::Null);
    assert_eq!(
        got(RecordKind::Slot, &slot).data["holder"]["nip"],
        nip.as_str()
    );
    let prop = got(RecordKind::Proposal, &p);
    assert_eq!(prop.data["status"], "inaugurated");
    assert_eq!(prop.data["sk"]["number"], "821.2/012/BKPSDM-III/2027");
    let actions: Vec<&str> = prop.data["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "propose_move",
            "submit_proposal",
            "check_file",
            "review_proposal",
            "decide_proposal",
            "issue_sk",
            "inaugurate"
        ]
    );

    // The dataset the checks use changed too: moving back now breaks the 2-year tenure rule.
    let planner = app.login(PLANNER).await;
    let (_, back) = propose(&nip, &old_slot, 0);
    let r = app
        .post("/api/sync/push", Some(&planner), &batch(&[back]))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert!(
        r.text.contains("MinTenure") || r.text.contains("minimal 2 tahun"),
        "{}",
        r.text
    );

    // A second inauguration of the same proposal is refused (final status).
    let again = step(
        &p,
        v,
        json!({"type": "inaugurate", "on": "2027-06-01"}),
        None,
    );
    let r = app
        .post("/api/sync/push", Some(&kota), &batch(&[again]))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
}

#[tokio::test]
async fn an_employee_drafts_their_own_request_and_follows_it() {
    let app = TestApp::new(Backend::Sqlite).await;
    let siti = app.login(EMPLOYEE).await;
    let bambang = app.login(OTHER_EMPLOYEE).await;
    // Siti asks to move to the vacant guru slot of her school.
    let (p, op) = propose(nips::GURU_PLT, "SDN-001/GURU-2", 0);
    let r = app.post("/api/sync/push", Some(&siti), &batch(&[op])).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let rec = app
        .store
        .record(RecordKind::Proposal, &p)
        .await
        .unwrap()
        .record;
    assert_eq!(rec.data["source"], "own_request", "forced for employees");
    // Bambang may not submit it (to him it does not exist); Siti may.
    let submit = step(&p, 1, json!({"type": "submit_proposal"}), None);
    let r = app
        .post(
            "/api/sync/push",
            Some(&bambang),
            &batch(std::slice::from_ref(&submit)),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text);
    let r = app
        .post("/api/sync/push", Some(&siti), &batch(&[submit]))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // BKPSDM returns it; Siti's pull shows the new status and who returned it, and why.
    let (_, cursor) = pull_all(&app, &siti, 0, 5000).await;
    let kota = app.login(CITY_PLANNER).await;
    return_file(&app, &kota, &p, 2, "surat permohonan belum ditandatangani").await;
    let (records, _) = pull_all(&app, &siti, cursor, 5000).await;
    let mine = records
        .iter()
        .find(|r| r.kind == RecordKind::Proposal && r.id == p)
        .expect("the employee pulls the change of her proposal");
    assert_eq!(mine.data["status"], "revise");
    let last = mine.data["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["by"], CITY_PLANNER);
    assert_eq!(last["role"], "planner");
    assert_eq!(last["from"], "submitted");
    assert_eq!(last["to"], "revise");
    assert_eq!(last["reason"], "surat permohonan belum ditandatangani");
    assert_eq!(last["at"], "2027-04-10T03:00:00Z");
    // Bambang sees nothing of it.
    let (records, _) = pull_all(&app, &bambang, 0, 5000).await;
    assert!(!records.iter().any(|r| r.kind == RecordKind::Proposal));
}

async fn audit_filters_and_csv(backend: Backend) {
    let app = TestApp::new(backend).await;
    let (p, _) = proposal_at(&app, "approved").await;
    let (nip, _) = legal_move(&app.ds);
    // Another change by another person, outside DISDIK.
    let bambang = app.login(OTHER_EMPLOYEE).await;
    let v = app.version(RecordKind::Employee, nips::DISANKSI).await;
    let r = app
        .post(
            "/api/sync/push",
            Some(&bambang),
            &batch(&[set_preferences(nips::DISANKSI, v, &["DINKES"])]),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    let admin = app.login(ADMIN).await;
    let get = |q: String| {
        let (app, admin) = (&app, admin.clone());
        async move {
            let r = app
                .get(&format!("/api/audit?limit=1000{q}"), Some(&admin))
                .await;
            assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.text);
            r.json["entries"].as_array().unwrap().clone()
        }
    };
    let by_nip = get(format!("&nip={nip}")).await;
    let actions: Vec<&str> = by_nip
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "propose_move",
            "submit_proposal",
            "check_file",
            "review_proposal",
            "decide_proposal"
        ]
    );
    assert!(by_nip
        .iter()
        .all(|e| e["target"] == format!("proposal/{p}")));
    assert!(by_nip
        .iter()
        .all(|e| e["opd"].as_array().unwrap().contains(&json!("DISDIK"))));
    let setda = get("&unit=SETDA".into()).await;
    assert_eq!(setda.len(), 1, "{setda:?}");
    assert_eq!(setda[0]["action"], "set_preferences");
    assert_eq!(get("&unit=DISDIK".into()).await.len(), 5);
    assert_eq!(
        get("&unit=DISDIK%25".into()).await.len(),
        0,
        "wildcards are literal"
    );
    let by_kota = get(format!("&actor={CITY_PLANNER}")).await;
    assert_eq!(by_kota.len(), 1);
    assert_eq!(by_kota[0]["action"], "check_file");
    let today = chrono::Utc::now().date_naive();
    let yesterday = today.pred_opt().unwrap();
    assert_eq!(
        get(format!("&nip={nip}&from={today}&to={today}"))
            .await
            .len(),
        5
    );
    assert_eq!(get(format!("&nip={nip}&to={yesterday}")).await.len(), 0);
    let both = get(format!("&nip={nip}&actor={PPK}")).await;
    assert_eq!(both.len(), 1);
    assert_eq!(both[0]["action"], "decide_proposal");
    let bad = app
        .get(
            &format!("/api/audit?from={today}&to={yesterday}"),
            Some(&admin),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    // CSV: the same filter, a header and one line per entry.
    let r = app
        .get(&format!("/api/audit.csv?nip={nip}"), Some(&admin))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let mut reader = csv::Reader::from_reader(r.text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "id", "at", "actor", "role", "action", "target", "nip", "opd", "reason", "seq", "op",
            "change"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(&rows[4][2], PPK);
    assert_eq!(&rows[4][4], "decide_proposal");
    assert_eq!(&rows[4][6], nip.as_str());
    assert_eq!(&rows[4][8], "disetujui PPK");

    // Approvers may read it; planners and employees may not, in either form.
    let approver = app.login(APPROVER).await;
    assert_eq!(
        app.get("/api/audit.csv", Some(&approver)).await.status,
        StatusCode::OK
    );
    for user in [EMPLOYEE, OTHER_EMPLOYEE, PLANNER, CITY_PLANNER] {
        let t = app.login(user).await;
        for path in ["/api/audit?nip=x", "/api/audit.csv"] {
            let r = app.get(path, Some(&t)).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{user} {path}");
        }
    }
    assert_eq!(
        app.get("/api/audit.csv", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

on_every_backend! {
    #[tokio::test]
    a_sanction_imposed_after_submission_blocks_approval => sanction_blocks_approval;
    #[tokio::test]
    inauguration_moves_the_employee => journey_moves_the_employee;
    #[tokio::test]
    audit_filters_and_csv_export => audit_filters_and_csv;
}
