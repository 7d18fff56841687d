//! Every endpoint × every role: exactly what each may read and write.

mod common;

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use common::*;
use mutasi_core::fixture::nips;
use mutasi_core::wire::sync::RecordKind;
use serde_json::Value;

/// Reference data every role sees: units, positions, rules.
fn reference() -> Vec<(&'static str, &'static str)> {
    let mut v = vec![("rules", "default")];
    for u in [
        "SETDA",
        "DISDIK",
        "DINKES",
        "BKPSDM",
        "DISDIK-SD",
        "SDN-001",
        "SDN-002",
        "PKM-SAKO",
    ] {
        v.push(("unit", u));
    }
    for p in [
        "KADIS",
        "KABID",
        "KEPSEK-SD",
        "GURU-SD",
        "ANALIS-SDM",
        "PENGADMIN",
    ] {
        v.push(("position", p));
    }
    v
}

fn disdik() -> Vec<(&'static str, &'static str)> {
    let mut v = reference();
    for s in [
        "DISDIK/KADIS",
        "DISDIK-SD/KABID",
        "SDN-001/KEPSEK",
        "SDN-002/KEPSEK",
        "SDN-001/GURU-1",
        "SDN-001/GURU-2",
        "SDN-002/GURU-1",
        "SDN-002/GURU-2",
    ] {
        v.push(("slot", s));
    }
    for e in [
        nips::KADIS,
        nips::GURU_PLT,
        nips::KEPSEK,
        nips::PPPK,
        nips::CPNS,
    ] {
        v.push(("employee", e));
    }
    v.push(("need", "SDN-001|GURU-SD"));
    v
}

fn city() -> Vec<(&'static str, &'static str)> {
    let mut v = disdik();
    for s in [
        "BKPSDM/ANALIS-1",
        "BKPSDM/ADM-1",
        "SETDA/ADM-1",
        "SETDA/ADM-2",
    ] {
        v.push(("slot", s));
    }
    for e in [nips::PELAKSANA_BARU, nips::DISANKSI, nips::PEJABAT] {
        v.push(("employee", e));
    }
    v
}

/// What an employee sees: the reference data, every post (slot) of the city — the inputs of
/// their rotation options — and their own record only.
fn own(nip: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut v = reference();
    v.push(("employee", nip));
    v.extend(city().into_iter().filter(|(k, _)| *k == "slot"));
    v
}

fn set(v: Vec<(&str, &str)>) -> BTreeSet<(String, String)> {
    v.into_iter()
        .map(|(k, i)| (k.to_string(), i.to_string()))
        .collect()
}

async fn pull_matrix(backend: Backend) {
    let app = TestApp::new(backend).await;
    let expected = [
        (EMPLOYEE, own(nips::GURU_PLT)),
        (OTHER_EMPLOYEE, own(nips::DISANKSI)),
        (PLANNER, disdik()),
        (CITY_PLANNER, city()),
        (APPROVER, city()),
        (ADMIN, city()),
    ];
    for (user, want) in expected {
        let token = app.login(user).await;
        let (records, _) = pull_all(&app, &token, 0, 7).await;
        let got: BTreeSet<(String, String)> = records
            .iter()
            .map(|r| (r.kind.as_str().to_string(), r.id.clone()))
            .collect();
        assert_eq!(got.len(), records.len(), "{user}: no record twice");
        assert_eq!(got, set(want), "{user}");
    }
    // Nobody without a session.
    assert_eq!(
        app.get("/api/sync/pull", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn proposals_are_seen_by_their_subject_and_scope_only() {
    let app = TestApp::new(Backend::Sqlite).await;
    let kota = app.login(CITY_PLANNER).await;
    let (nip, slot) = legal_move(&app.ds);
    let (proposal, op) = propose(&nip, &slot, 0);
    let r = app.post("/api/sync/push", Some(&kota), &batch(&[op])).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let subject_user = if nip == nips::GURU_PLT {
        Some(EMPLOYEE)
    } else {
        None
    };
    for user in ALL_USERS {
        let token = app.login(user).await;
        let (records, _) = pull_all(&app, &token, 0, 1000).await;
        let sees = records
            .iter()
            .any(|r| r.kind == RecordKind::Proposal && r.id == proposal);
        let should = match user {
            EMPLOYEE => subject_user == Some(EMPLOYEE),
            OTHER_EMPLOYEE => false,
            _ => true, // DISDIK planner: the subject is in DISDIK; the others see the city
        };
        assert_eq!(sees, should, "{user}");
    }
}

#[tokio::test]
async fn audit_is_readable_by_admin_and_approver_only() {
    let app = TestApp::new(Backend::Sqlite).await;
    for user in ALL_USERS {
        let token = app.login(user).await;
        let r = app.get("/api/audit", Some(&token)).await;
        let want = if user == ADMIN || user == APPROVER {
            StatusCode::OK
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(r.status, want, "{user}: {}", r.text);
        if want == StatusCode::OK {
            assert!(!r.json["entries"].as_array().unwrap().is_empty());
        } else {
            assert_eq!(r.json["error"], "forbidden");
        }
    }
    assert_eq!(
        app.get("/api/audit", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn me_health_openapi_logout_for_every_role() {
    let app = TestApp::new(Backend::Sqlite).await;
    for user in ALL_USERS {
        let token = app.login(user).await;
        let me = app.get("/api/auth/me", Some(&token)).await;
        assert_eq!(me.status, StatusCode::OK);
        assert_eq!(me.json["username"], user);
        assert_eq!(
            app.get("/api/health", Some(&token)).await.status,
            StatusCode::OK
        );
        assert_eq!(
            app.get("/api/openapi.json", Some(&token)).await.status,
            StatusCode::OK
        );
        let out = app
            .raw(Method::POST, "/api/auth/logout", Some(&token), None)
            .await;
        assert_eq!(out.status, StatusCode::NO_CONTENT);
        assert_eq!(
            app.get("/api/auth/me", Some(&token)).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        app.raw(Method::POST, "/api/auth/logout", None, None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

/// The writes of the matrix.
#[derive(Debug, Clone, Copy)]
enum Write {
    /// Siti's own preferences.
    SitiPreferences,
    /// A legal move inside DISDIK.
    LegalMoveInDisdik,
    /// Moving a Setda official (outside DISDIK; breaks the rank range too).
    MoveOutsideDisdik,
    /// Approving a recommended proposal (reviewed by the `ppk` account, so that the four-eyes
    /// rule does not hide the role check for the `baperjakat` approver).
    Decide,
}

async fn attempt(user: &str, write: Write) -> (StatusCode, Value) {
    let app = TestApp::new(Backend::Sqlite).await;
    let op = match write {
        Write::SitiPreferences => {
            let v = app.version(RecordKind::Employee, nips::GURU_PLT).await;
            set_preferences(nips::GURU_PLT, v, &["SDN-002"])
        }
        Write::LegalMoveInDisdik => {
            let (nip, slot) = legal_move(&app.ds);
            propose(&nip, &slot, 0).1
        }
        Write::MoveOutsideDisdik => propose(nips::PEJABAT, "BKPSDM/ANALIS-1", 0).1,
        Write::Decide => {
            let (proposal, version) = proposal_at(&app, "verified").await;
            let ppk = app.login(PPK).await;
            let review = step(
                &proposal,
                version,
                serde_json::json!({"type": "review_proposal", "recommend": true}),
                Some("layak dipindahkan"),
            );
            let r = app
                .post("/api/sync/push", Some(&ppk), &batch(&[review]))
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.text);
            decide(&proposal, version + 1, "approved")
        }
    };
    let token = app.login(user).await;
    let before = app.fingerprint().await;
    let r = app
        .post("/api/sync/push", Some(&token), &batch(&[op]))
        .await;
    let after = app.fingerprint().await;
    if r.status == StatusCode::OK {
        assert_eq!(after.last_seq, before.last_seq + 1, "{user} {write:?}");
        assert_eq!(after.audit, before.audit + 1, "{user} {write:?}");
    } else {
        assert_eq!(after, before, "{user} {write:?}: refused, unchanged");
    }
    (r.status, r.json)
}

#[tokio::test]
async fn push_allows_exactly_what_each_role_may_write() {
    const OK: StatusCode = StatusCode::OK;
    const NO: StatusCode = StatusCode::FORBIDDEN;
    const RULE: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;
    let ds = mutasi_core::fixture::small();
    let (legal_nip, _) = legal_move(&ds);
    // Siti may propose her own move; Bambang may not propose anyone else's.
    let siti_moves = if legal_nip == nips::GURU_PLT { OK } else { NO };
    // Columns: siti, bambang, disdik planner, city planner, approver, admin.
    let table = [
        (Write::SitiPreferences, [OK, NO, NO, NO, NO, NO]),
        (Write::LegalMoveInDisdik, [siti_moves, NO, OK, OK, NO, NO]),
        (Write::MoveOutsideDisdik, [NO, NO, NO, RULE, NO, NO]),
        (Write::Decide, [NO, NO, NO, NO, OK, NO]),
    ];
    for (write, row) in table {
        for (user, want) in ALL_USERS.into_iter().zip(row) {
            let (status, json) = attempt(user, write).await;
            assert_eq!(status, want, "{user} {write:?}: {json}");
            if status == NO {
                assert_eq!(json["error"], "forbidden");
            }
            if status == RULE {
                assert_eq!(json["error"], "rule_violation");
                assert!(
                    json["details"]["verdicts"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|v| v["rule"] == "RankRange"),
                    "{json}"
                );
            }
        }
    }
}

on_every_backend! {
    #[tokio::test]
    pull_returns_exactly_what_each_role_may_see => pull_matrix;
}
