//! The ops the tests push, as JSON (what a client sends): drafts, preferences, workflow steps,
//! the journey of a proposal to a status, batches, and a pull of everything; and a device's
//! view at the store level: its account, the proposal it may pull, a push through the server's
//! own checks.

use axum::http::StatusCode;
use chrono::NaiveDate;
use mutasi_core::wire::auth::Account;
use mutasi_core::wire::sync::{Op, Record, RecordKind};
use mutasi_core::Dataset;
use mutasi_server::db::{Actor as AuditActor, Storage, Store, StoreError, User};
use mutasi_server::sync::{visibility, Checker, DatasetCache};
use serde_json::Value;

use super::{test_now, TestApp, APPROVER, CITY_PLANNER, PLANNER, PPK};

/// A new UUID v7 op id.
pub fn op_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The effective date used for proposed moves.
pub fn tmt() -> &'static str {
    "2027-04-01"
}

/// A move the rules allow without overrides, inside DISDIK: (nip, slot).
pub fn legal_move(ds: &Dataset) -> (String, String) {
    (0..ds.employees().len() as u32)
        .find_map(|e| {
            let to = legal_posts(ds, e).into_iter().next()?;
            Some((ds.employees()[e as usize].nip.to_string(), to))
        })
        .expect("the fixture has a legal move inside DISDIK")
}

/// The DISDIK posts employee `e` of DISDIK may move to on the fixture's TMT without overrides
/// (none when `e` works elsewhere).
pub fn legal_posts(ds: &Dataset, e: u32) -> Vec<String> {
    let date = chrono::NaiveDate::from_ymd_opt(2027, 4, 1).unwrap();
    let in_disdik = ds
        .employee_slot(e)
        .is_some_and(|x| ds.slot_opd(x).id.as_str() == "DISDIK");
    if !in_disdik {
        return Vec::new();
    }
    (0..ds.slots().len() as u32)
        .filter(|&s| {
            if ds.slot_opd(s).id.as_str() != "DISDIK" {
                return false;
            }
            let v = mutasi_core::eligibility::eligibility(ds, e, s, date, ds.rules());
            !v.stay && v.decide(&[]).allowed
        })
        .map(|s| ds.slots()[s as usize].id.to_string())
        .collect()
}

/// A propose_move op.
pub fn propose(nip: &str, slot: &str, base_version: u64) -> (String, Value) {
    let proposal = op_id();
    let op = serde_json::json!({
        "id": op_id(),
        "base_version": base_version,
        "reason": "Pemenuhan kebutuhan guru kelas sesuai ABK",
        "change": { "type": "propose_move", "proposal": proposal, "nip": nip, "slot": slot, "tmt": tmt() }
    });
    (proposal, op)
}

/// A set_preferences op.
pub fn set_preferences(nip: &str, base_version: u64, units: &[&str]) -> Value {
    serde_json::json!({
        "id": op_id(),
        "base_version": base_version,
        "change": { "type": "set_preferences", "nip": nip, "preferences": { "units": units } }
    })
}

/// A decide_proposal op.
pub fn decide(proposal: &str, base_version: u64, status: &str) -> Value {
    serde_json::json!({
        "id": op_id(),
        "base_version": base_version,
        "reason": "Sesuai pertimbangan Baperjakat",
        "change": { "type": "decide_proposal", "proposal": proposal, "status": status }
    })
}

/// A workflow step on a proposal: `change` is the change without its `proposal` field.
pub fn step(proposal: &str, base_version: u64, mut change: Value, reason: Option<&str>) -> Value {
    change["proposal"] = Value::from(proposal);
    serde_json::json!({
        "id": op_id(),
        "base_version": base_version,
        "reason": reason,
        "change": change,
    })
}

/// The steps from a fresh draft to `status`, each with the account that takes it:
/// (account, op maker taking the base version).
pub fn journey(proposal: &str, until: &str) -> Vec<(&'static str, Value)> {
    let all: Vec<(&str, &str, Value, Option<&str>)> = vec![
        (
            "submitted",
            PLANNER,
            serde_json::json!({"type": "submit_proposal"}),
            None,
        ),
        (
            "verified",
            CITY_PLANNER,
            serde_json::json!({"type": "check_file", "result": "complete"}),
            Some("berkas lengkap"),
        ),
        (
            "recommended",
            APPROVER,
            serde_json::json!({"type": "review_proposal", "recommend": true}),
            Some("layak dipindahkan"),
        ),
        (
            "approved",
            PPK,
            serde_json::json!({"type": "decide_proposal", "status": "approved"}),
            Some("disetujui PPK"),
        ),
        (
            "sk_issued",
            CITY_PLANNER,
            serde_json::json!({"type": "issue_sk", "number": "821.2/012/BKPSDM-III/2027", "date": "2027-04-20"}),
            None,
        ),
        (
            "inaugurated",
            CITY_PLANNER,
            serde_json::json!({"type": "inaugurate", "on": "2027-05-02"}),
            None,
        ),
    ];
    let mut out = Vec::new();
    for (i, (status, user, change, reason)) in all.into_iter().enumerate() {
        if until == "draft" {
            break;
        }
        // Base version: 1 for the draft, +1 per step.
        out.push((user, step(proposal, 1 + i as u64, change, reason)));
        if status == until {
            return out;
        }
    }
    assert_eq!(until, "draft", "unknown status {until}");
    out
}

/// Drafts a legal move inside DISDIK (by the DISDIK planner) and walks it to `until`; returns
/// the proposal id and its version.
pub async fn proposal_at(app: &TestApp, until: &str) -> (String, u64) {
    let (nip, slot) = legal_move(&app.ds);
    proposal_of(app, &nip, &slot, until).await
}

/// Drafts the move of `nip` to `slot` (by the DISDIK planner) and walks it to `until`; returns
/// the proposal id and its version.
pub async fn proposal_of(app: &TestApp, nip: &str, slot: &str, until: &str) -> (String, u64) {
    let (proposal, op) = propose(nip, slot, 0);
    let planner = app.login(PLANNER).await;
    let r = app
        .post("/api/sync/push", Some(&planner), &batch(&[op]))
        .await;
    assert_eq!(r.status, StatusCode::OK, "draft: {}", r.text);
    let mut version = 1;
    for (user, op) in journey(&proposal, until) {
        let token = app.login(user).await;
        let r = app
            .post("/api/sync/push", Some(&token), &batch(&[op]))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{user}: {}", r.text);
        version += 1;
    }
    (proposal, version)
}

pub fn batch(ops: &[Value]) -> Value {
    serde_json::json!({ "ops": ops })
}

/// Pulls everything the token may see, page by page; returns the records and the last cursor.
pub async fn pull_all(app: &TestApp, token: &str, since: u64, limit: u32) -> (Vec<Record>, u64) {
    let mut cursor = since;
    let mut out = Vec::new();
    loop {
        let r = app
            .get(
                &format!("/api/sync/pull?since={cursor}&limit={limit}"),
                Some(token),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let page: mutasi_core::wire::sync::PullResponse = serde_json::from_value(r.json).unwrap();
        assert!(page.cursor >= cursor, "cursors never go back");
        cursor = page.cursor;
        out.extend(page.records);
        if !page.more {
            return (out, cursor);
        }
    }
}

/// The account a device is signed in with.
pub fn account_of(user: &User) -> Account {
    Account {
        username: user.username.clone(),
        role: user.role,
        nip: user.nip.clone(),
        scope: user.scope.clone(),
    }
}

/// A date.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The server's record as `user` may pull it.
pub async fn pull_proposal(store: &Store, user: &User, id: &str) -> Option<Record> {
    let stored = store.record(RecordKind::Proposal, id).await.ok()?;
    visibility(user).admits(&stored).then_some(stored.record)
}

/// Pushes `ops` for `user` through the server's own checks, on the dataset of the store now.
pub async fn push_as(
    store: &Store,
    cache: &DatasetCache,
    user: &User,
    ops: &[Op],
) -> Result<(), StoreError> {
    let actor = AuditActor {
        user_id: user.id.clone(),
        username: user.username.clone(),
        role: user.role,
    };
    let current = cache.get(store).await.unwrap();
    let check = std::sync::Arc::new(Checker::new(
        user.clone(),
        current.ds,
        current.generation,
        test_now(),
    ));
    store.push(&actor, ops, check).await.map(|_| ())
}
