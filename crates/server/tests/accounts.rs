//! Accounts from the roster and their one-time activation codes (`/api/admin/accounts`,
//! `/api/auth/activate`), on SQLite and PostgreSQL: who may manage accounts (a refusal carries
//! nothing), the roster (no duplicates, only employees of the current data), activation and
//! every refusal of it (one body for all), reset, disable and enable, role and scope.

mod common;

use axum::http::StatusCode;
use common::*;
use mutasi_core::fixture::nips;
use mutasi_core::wire::sync::RecordKind;
use mutasi_server::db::{NewRecord, Storage, Write};
use serde_json::{json, Value};

const NEW_PASSWORD: &str = "sandi-baru-pegawai-1";

async fn roster(app: &TestApp, token: &str, body: Value) -> Vec<Value> {
    let r = app
        .post("/api/admin/accounts/roster", Some(token), &body)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json["codes"].as_array().unwrap().clone()
}

async fn activate(app: &TestApp, nip: &str, code: &str, password: &str) -> (StatusCode, Value) {
    let r = app
        .post(
            "/api/auth/activate",
            None,
            &json!({"nip": nip, "code": code, "new_password": password}),
        )
        .await;
    (r.status, r.json)
}

async fn login_with(app: &TestApp, username: &str, password: &str) -> StatusCode {
    app.login_status(username, password).await
}

async fn accounts(app: &TestApp, token: &str) -> Vec<Value> {
    let r = app.get("/api/admin/accounts", Some(token)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json["accounts"].as_array().unwrap().clone()
}

fn account<'a>(list: &'a [Value], username: &str) -> &'a Value {
    list.iter()
        .find(|a| a["username"] == username)
        .unwrap_or_else(|| panic!("{username} in {list:?}"))
}

/// Everyone but an admin is refused every account endpoint with a 403 that holds only the
/// refusal, and nothing changes.
async fn only_admins_manage_accounts(backend: Backend) {
    let app = TestApp::new(backend).await;
    let before = app.fingerprint().await;
    let users_before = app.store.list_users().await.unwrap().len();
    for who in [EMPLOYEE, PLANNER, CITY_PLANNER, APPROVER] {
        let token = app.login(who).await;
        let mut calls = vec![app.get("/api/admin/accounts", Some(&token)).await];
        for (path, body) in [
            ("roster", json!({"kind": "all"})),
            (&format!("{OTHER_EMPLOYEE}/reset"), json!({})),
            (
                &format!("{OTHER_EMPLOYEE}/access"),
                json!({"role": "admin"}),
            ),
            (
                &format!("{OTHER_EMPLOYEE}/active"),
                json!({"active": false}),
            ),
        ] {
            let uri = format!("/api/admin/accounts/{path}");
            calls.push(app.post(&uri, Some(&token), &body).await);
        }
        for r in calls {
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}: {}", r.text);
            assert_eq!(r.json["error"], "forbidden");
            assert_eq!(r.json["details"], Value::Null, "{who}: {}", r.text);
            let keys: Vec<&String> = r.json.as_object().unwrap().keys().collect();
            assert_eq!(keys.len(), 4, "{keys:?}");
            for secret in [OTHER_EMPLOYEE, nips::DISANKSI, nips::KADIS, APPROVER] {
                assert!(!r.text.contains(secret), "{who}: {}", r.text);
            }
        }
        // Without a session: 401.
        let r = app.get("/api/admin/accounts", None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(app.fingerprint().await, before);
    assert_eq!(app.store.list_users().await.unwrap().len(), users_before);
    assert_eq!(
        login_with(&app, OTHER_EMPLOYEE, password()).await,
        StatusCode::OK
    );
}

/// The roster of an OPD: one account per employee without one, username = NIP, no password;
/// a second request creates none; an employee a load removed gets none.
async fn roster_creates_each_account_once(backend: Backend) {
    let app = TestApp::new(backend).await;
    let admin = app.login(ADMIN).await;
    let disdik: Vec<String> = app
        .ds
        .employees()
        .iter()
        .filter(|e| {
            let idx = app.ds.employee_idx(&e.nip).unwrap();
            app.ds
                .employee_slot(idx)
                .or_else(|| app.ds.employee_plt(idx).first().copied())
                .is_some_and(|s| app.ds.slot_opd(s).id.as_str() == "DISDIK")
        })
        .map(|e| e.nip.to_string())
        .collect();
    assert!(disdik.contains(&nips::GURU_PLT.to_string()), "{disdik:?}");
    let codes = roster(&app, &admin, json!({"kind": "opd", "opd": ["DISDIK"]})).await;
    let mut got: Vec<String> = codes
        .iter()
        .map(|c| c["nip"].as_str().unwrap().to_string())
        .collect();
    got.sort();
    let mut want: Vec<String> = disdik
        .iter()
        .filter(|n| n.as_str() != nips::GURU_PLT) // siti has an account already
        .cloned()
        .collect();
    want.sort();
    assert_eq!(got, want);
    for c in &codes {
        assert_eq!(c["username"], c["nip"]);
        assert!(c["name"].as_str().is_some_and(|n| !n.is_empty()), "{c}");
        assert!(c["unit"].as_str().is_some(), "{c}");
        let code = c["code"].as_str().unwrap();
        assert_eq!(code.len(), 11, "{code}");
        assert!(c["expires_at"].as_str().unwrap().ends_with('Z'));
    }
    let list = accounts(&app, &admin).await;
    for nip in &want {
        let a = account(&list, nip);
        assert_eq!(a["role"], "employee");
        assert_eq!(a["nip"], nip.as_str());
        assert_eq!(a["activated"], false);
        assert_eq!(a["active"], true);
        assert_eq!(a["opd"], "DISDIK");
        assert!(a["code_expires_at"].is_string());
        assert_eq!(a["last_login"], Value::Null);
    }
    assert_eq!(account(&list, EMPLOYEE)["activated"], true);
    // The codes are stored hashed only, and the audit names the accounts, never a code.
    let audit = app.get("/api/audit?limit=1000", Some(&admin)).await;
    assert!(audit.text.contains("user_roster"));
    for c in &codes {
        assert!(!audit.text.contains(c["code"].as_str().unwrap()));
    }
    // Again: nobody twice.
    assert!(
        roster(&app, &admin, json!({"kind": "opd", "opd": ["DISDIK"]}))
            .await
            .is_empty()
    );
    // An unknown OPD is refused.
    let r = app
        .post(
            "/api/admin/accounts/roster",
            Some(&admin),
            &json!({"kind": "opd", "opd": ["TIDAKADA"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);

    // An employee removed by a load (a tombstone, the post left empty) gets no account.
    let gone = nips::PELAKSANA_BARU;
    assert!(!want.iter().any(|n| n == gone), "not in DISDIK");
    let nip: mutasi_core::model::Nip = gone.parse().unwrap();
    assert!(
        app.ds.employee(&nip).is_some(),
        "an employee without an account"
    );
    remove_employee(&app, gone).await;
    let now = mutasi_server::sync::load_dataset(&app.store).await.unwrap();
    assert!(now.employee(&nip).is_none(), "removed from the data");
    let all = roster(&app, &admin, json!({"kind": "all"})).await;
    assert!(!all.is_empty());
    assert!(all.iter().all(|c| c["nip"] != gone), "{all:?}");
    let everyone = app.store.list_users().await.unwrap();
    assert!(everyone
        .iter()
        .all(|r| r.user.nip.as_ref().is_none_or(|n| n.as_str() != gone)));
    // No NIP has two accounts.
    let mut nips_seen: Vec<String> = everyone
        .iter()
        .filter_map(|r| r.user.nip.as_ref().map(|n| n.to_string()))
        .collect();
    let n = nips_seen.len();
    nips_seen.sort();
    nips_seen.dedup();
    assert_eq!(nips_seen.len(), n);
}

/// Removes an employee as a load does: a tombstone, and the post they held left empty.
async fn remove_employee(app: &TestApp, nip: &str) {
    let mut records = Vec::new();
    for slot in app.store.records_of(&[RecordKind::Slot]).await.unwrap() {
        if slot.data["holder"]["nip"] == nip {
            let stored = app.store.record(RecordKind::Slot, &slot.id).await.unwrap();
            let mut data = slot.data.clone();
            data["holder"] = Value::Null;
            records.push(NewRecord {
                kind: RecordKind::Slot,
                id: slot.id.clone(),
                write: Write {
                    data,
                    opd: stored.opd,
                    nip: None,
                },
            });
        }
    }
    let stored = app.store.record(RecordKind::Employee, nip).await.unwrap();
    records.push(NewRecord {
        kind: RecordKind::Employee,
        id: nip.into(),
        write: Write {
            data: Value::Null,
            opd: stored.opd,
            nip: stored.nip,
        },
    });
    app.store.import(records, &actor("test")).await.unwrap();
}

/// Activation: every refusal is the same 401 and changes nothing; the right code sets the
/// password, logs in, and is used up.
async fn activation_and_its_refusals(backend: Backend) {
    let app = TestApp::new(backend).await;
    let admin = app.login(ADMIN).await;
    let codes = roster(&app, &admin, json!({"kind": "opd", "opd": ["DISDIK"]})).await;
    assert!(codes.len() >= 2, "{codes:?}");
    let nip = codes[0]["nip"].as_str().unwrap().to_string();
    let code = codes[0]["code"].as_str().unwrap().to_string();
    let other_nip = codes[1]["nip"].as_str().unwrap().to_string();
    let other_code = codes[1]["code"].as_str().unwrap().to_string();

    // A weak password is refused before anything is checked.
    let (status, _) = activate(&app, &nip, &code, "pendek").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // The second account's code expires (as if 14 days had passed).
    let expired = "ABCDE-FGHJK";
    let hash = mutasi_server::accounts::hash_code("ABCDEFGHJK").unwrap();
    let now = app.store.now().await.unwrap() / 1000;
    app.store
        .set_activation(&other_nip, &hash, now - 1)
        .await
        .unwrap();

    let before = app.fingerprint().await;
    let refusals = [
        ("wrong code", nip.as_str(), other_code.as_str()),
        ("malformed code", nip.as_str(), "xyz"),
        ("unknown NIP", "199912312020121009", code.as_str()),
        ("an account with a password", EMPLOYEE, code.as_str()),
        ("expired", other_nip.as_str(), expired),
    ];
    let mut bodies = Vec::new();
    for (why, who, typed) in refusals {
        let (status, body) = activate(&app, who, typed, NEW_PASSWORD).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{why}: {body}");
        assert!(!body.to_string().contains(who), "{why}: {body}");
        bodies.push(body);
    }
    assert!(
        bodies.windows(2).all(|w| w[0] == w[1]),
        "one body for every refusal: {bodies:?}"
    );
    assert_eq!(bodies[0]["details"], Value::Null);
    assert_eq!(app.fingerprint().await, before, "a refusal changes nothing");
    assert_eq!(
        login_with(&app, &nip, "").await,
        StatusCode::UNAUTHORIZED,
        "no password logs into an account waiting for its activation"
    );

    // The right code, typed in lower case without the dash.
    let typed = code.replace('-', "").to_lowercase();
    let (status, body) = activate(&app, &nip, &typed, NEW_PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["account"]["username"], nip.as_str());
    assert_eq!(body["account"]["role"], "employee");
    assert_eq!(body["account"]["nip"], nip.as_str());
    let token = body["token"].as_str().unwrap();
    let me = app.get("/api/auth/me", Some(token)).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(login_with(&app, &nip, NEW_PASSWORD).await, StatusCode::OK);

    // Used up: the same code again is the same refusal.
    let (status, again) = activate(&app, &nip, &code, "sandi-lain-pegawai-2").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(again, bodies[0]);
    assert_eq!(login_with(&app, &nip, NEW_PASSWORD).await, StatusCode::OK);

    let list = accounts(&app, &admin).await;
    let a = account(&list, &nip);
    assert_eq!(a["activated"], true);
    assert_eq!(a["code_expires_at"], Value::Null);
    assert!(a["last_login"].is_string(), "{a}");
    let audit = app.get("/api/audit?limit=1000", Some(&admin)).await;
    assert!(audit.text.contains("user_activate"));
    assert!(!audit.text.contains(NEW_PASSWORD));
}

/// A reset: the old password and sessions stop working, the new code activates; disabling
/// ends the sessions and refuses logins and activations; enabling lets the account in again.
async fn reset_disable_enable(backend: Backend) {
    let app = TestApp::new(backend).await;
    let admin = app.login(ADMIN).await;
    let codes = roster(&app, &admin, json!({"kind": "opd", "opd": ["DISDIK"]})).await;
    let nip = codes[0]["nip"].as_str().unwrap().to_string();
    let (status, body) =
        activate(&app, &nip, codes[0]["code"].as_str().unwrap(), NEW_PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    let old_token = body["token"].as_str().unwrap().to_string();

    let r = app
        .post(
            &format!("/api/admin/accounts/{nip}/reset"),
            Some(&admin),
            &json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let new_code = r.json["codes"][0]["code"].as_str().unwrap().to_string();
    assert_eq!(r.json["codes"][0]["nip"], nip.as_str());
    assert_eq!(
        app.get("/api/auth/me", Some(&old_token)).await.status,
        StatusCode::UNAUTHORIZED,
        "the sessions ended"
    );
    assert_eq!(
        login_with(&app, &nip, NEW_PASSWORD).await,
        StatusCode::UNAUTHORIZED,
        "the old password stopped working"
    );
    let (status, body) = activate(&app, &nip, &new_code, "sandi-kedua-pegawai-3").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let token = body["token"].as_str().unwrap().to_string();

    // Disable: sessions end, no login, no activation after a reset either.
    let r = app
        .post(
            &format!("/api/admin/accounts/{nip}/active"),
            Some(&admin),
            &json!({"active": false}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["active"], false);
    assert_eq!(
        app.get("/api/auth/me", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login_with(&app, &nip, "sandi-kedua-pegawai-3").await,
        StatusCode::UNAUTHORIZED
    );
    let r = app
        .post(
            &format!("/api/admin/accounts/{nip}/reset"),
            Some(&admin),
            &json!({}),
        )
        .await;
    let code3 = r.json["codes"][0]["code"].as_str().unwrap().to_string();
    let (status, _) = activate(&app, &nip, &code3, "sandi-ketiga-pegawai-4").await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "a disabled account is not activated"
    );
    // Enable: the pending code works now.
    let r = app
        .post(
            &format!("/api/admin/accounts/{nip}/active"),
            Some(&admin),
            &json!({"active": true}),
        )
        .await;
    assert_eq!(r.json["active"], true, "{}", r.text);
    let (status, _) = activate(&app, &nip, &code3, "sandi-ketiga-pegawai-4").await;
    assert_eq!(status, StatusCode::OK);

    // The last enabled admin stays.
    for (path, body) in [
        ("active", json!({"active": false})),
        ("access", json!({"role": "approver"})),
        ("reset", json!({})),
    ] {
        let r = app
            .post(
                &format!("/api/admin/accounts/{ADMIN}/{path}"),
                Some(&admin),
                &body,
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{path}: {}", r.text);
    }
    assert_eq!(login_with(&app, ADMIN, password()).await, StatusCode::OK);
    let r = app
        .post("/api/admin/accounts/nobody/reset", Some(&admin), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let audit = app.get("/api/audit?limit=1000", Some(&admin)).await;
    for action in ["user_reset", "user_disable", "user_enable"] {
        assert!(audit.text.contains(action), "{action}");
    }
}

/// A new role and scope: validated, the sessions end, audited.
async fn role_and_scope(backend: Backend) {
    let app = TestApp::new(backend).await;
    let admin = app.login(ADMIN).await;
    let token = app.login(EMPLOYEE).await;
    let url = format!("/api/admin/accounts/{EMPLOYEE}/access");
    for bad in [
        json!({"role": "planner"}),
        json!({"role": "planner", "scope": {"kind": "opd", "opd": []}}),
        json!({"role": "planner", "scope": {"kind": "opd", "opd": ["TIDAKADA"]}}),
        json!({"role": "approver", "scope": {"kind": "city"}}),
        json!({"role": "employee", "scope": {"kind": "city"}}),
    ] {
        let r = app.post(&url, Some(&admin), &bad).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.text);
    }
    assert_eq!(
        app.get("/api/auth/me", Some(&token)).await.status,
        StatusCode::OK,
        "refusals change nothing"
    );
    let r = app
        .post(
            &url,
            Some(&admin),
            &json!({"role": "planner", "scope": {"kind": "opd", "opd": ["DINKES"]}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["role"], "planner");
    assert_eq!(r.json["scope"], json!({"kind": "opd", "opd": ["DINKES"]}));
    assert_eq!(r.json["nip"], Value::Null);
    assert_eq!(
        app.get("/api/auth/me", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED,
        "the sessions ended"
    );
    let token = app.login(EMPLOYEE).await;
    let me = app.get("/api/auth/me", Some(&token)).await.json;
    assert_eq!(me["role"], "planner");
    // And back to an employee with the NIP.
    let r = app
        .post(
            &url,
            Some(&admin),
            &json!({"role": "employee", "nip": nips::GURU_PLT}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["nip"], nips::GURU_PLT);
    let audit = app.get("/api/audit?limit=1000", Some(&admin)).await;
    assert!(audit.text.contains("user_access"));
}

on_every_backend! {
    #[tokio::test]
    only_admins => only_admins_manage_accounts;
    #[tokio::test]
    roster_once => roster_creates_each_account_once;
    #[tokio::test]
    activation => activation_and_its_refusals;
    #[tokio::test]
    reset_and_disable => reset_disable_enable;
    #[tokio::test]
    access => role_and_scope;
}
