//! Router tests without a socket (`tower::ServiceExt::oneshot`): every endpoint, headers, the
//! OpenAPI document, and bad input (each a 4xx JSON error that leaves the database unchanged).
//!
//! Longer than 500 lines on purpose: one case per endpoint and per kind of bad input, each a
//! few requests on the shared `TestApp`; the file is the router's checklist.

mod common;

use axum::http::{Method, StatusCode};
use common::*;
use mutasi_core::fixture::nips;
use mutasi_core::wire::sync::RecordKind;
use mutasi_server::db::{Storage, Store};
use mutasi_server::{app, AppState, StaticConfig};
use serde_json::json;

async fn bare_app(dist: Option<std::path::PathBuf>) -> axum::Router {
    let store = Store::open_memory().await.expect("in-memory database");
    app(AppState::new(store), &StaticConfig { dist })
}

#[tokio::test]
async fn health_reports_status_version_and_database() {
    let app = TestApp::new(Backend::Sqlite).await;
    let r = app.get("/api/health", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["status"], "ok");
    assert_eq!(r.json["version"], mutasi_core::version::VERSION);
    assert_eq!(r.json["database"], "sqlite");
    assert_eq!(r.headers["cache-control"], "no-store");
}

#[tokio::test]
async fn unknown_api_path_is_a_json_404() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<html>app</html>").unwrap();
    let app = TestApp::with_dist(Backend::Sqlite, Some(dir.path().into())).await;
    let r = app.get("/api/nope", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json["error"], "not_found");
}

#[tokio::test]
async fn client_routes_fall_back_to_index_html() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<html>app shell</html>").unwrap();
    std::fs::write(dir.path().join("app.js"), "console.log(1)").unwrap();
    let app = TestApp::with_dist(Backend::Sqlite, Some(dir.path().into())).await;
    let r = app.get("/pegawai/123", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text.contains("app shell"));
    let r = app.get("/app.js", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text, "console.log(1)");
}

#[tokio::test]
async fn precompressed_files_go_to_clients_that_accept_them() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    write("index.html", b"<html>app shell</html>");
    write("index.html.br", b"BR(index)");
    write("app.wasm", b"plain wasm");
    write("app.wasm.br", b"BR(wasm)");
    write("app.wasm.gz", b"GZ(wasm)");
    write("other.js", b"plain js");
    let app = TestApp::with_dist(Backend::Sqlite, Some(dir.path().into())).await;
    let fetch = |uri: &'static str, accept: &'static str| {
        let app = &app;
        async move {
            let (status, encoding, bytes) = app.get_encoded(uri, None, accept).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            (encoding, bytes)
        }
    };
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        fetch("/app.wasm", "gzip, deflate, br").await,
        (some("br"), b"BR(wasm)".to_vec())
    );
    assert_eq!(
        fetch("/app.wasm", "gzip").await,
        (some("gzip"), b"GZ(wasm)".to_vec())
    );
    assert_eq!(
        fetch("/app.wasm", "identity").await,
        (None, b"plain wasm".to_vec())
    );
    // A client route falls back to index.html, precompressed too.
    assert_eq!(
        fetch("/pegawai/123", "br").await,
        (some("br"), b"BR(index)".to_vec())
    );
    // No precompressed copy: the file itself (too small to compress on the fly), never another
    // file's copy.
    assert_eq!(fetch("/other.js", "br").await, (None, b"plain js".to_vec()));
}

#[tokio::test]
async fn database_file_is_created_on_first_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/mutasi.db");
    let store = Store::open_sqlite(&path).await.unwrap();
    assert!(path.is_file());
    assert!(store.ping().await.unwrap() >= 2);
}

#[tokio::test]
async fn app_gets_security_headers_and_cache_rules() {
    let dir = tempfile::tempdir().unwrap();
    let inline = "\nimport init from '/mutasi-web-0123456789abcdef.js';\nawait init();\n";
    std::fs::write(
        dir.path().join("index.html"),
        format!("<html><head><script type=\"module\">{inline}</script></head></html>"),
    )
    .unwrap();
    std::fs::write(dir.path().join("mutasi-web-0123456789abcdef.js"), "x").unwrap();
    std::fs::write(dir.path().join("robots.txt"), "x").unwrap();
    let router = bare_app(Some(dir.path().into())).await;
    let app = TestApp {
        router,
        store: Store::open_memory().await.unwrap(),
        ds: mutasi_core::fixture::small(),
        snapshots: Default::default(),
    };

    let r = app.get("/", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let csp = r.headers["content-security-policy"].to_str().unwrap();
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(inline));
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("script-src 'self' 'unsafe-inline'"), "{csp}");
    assert_eq!(r.headers["x-content-type-options"], "nosniff");
    assert_eq!(r.headers["x-frame-options"], "DENY");
    assert_eq!(r.headers["cache-control"], "no-cache");

    let r = app.get("/mutasi-web-0123456789abcdef.js", None).await;
    assert_eq!(
        r.headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let r = app.get("/robots.txt", None).await;
    assert_eq!(r.headers["cache-control"], "no-cache");
    let r = app.get("/usulan/42", None).await;
    assert_eq!(r.headers["cache-control"], "no-cache");
    assert_eq!(r.headers["x-frame-options"], "DENY");
}

#[tokio::test]
async fn login_me_logout() {
    let app = TestApp::new(Backend::Sqlite).await;
    let token = app.login(PLANNER).await;
    let r = app.get("/api/auth/me", Some(&token)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["username"], PLANNER);
    assert_eq!(r.json["role"], "planner");
    assert_eq!(r.json["scope"], json!({"kind": "opd", "opd": ["DISDIK"]}));

    let r = app
        .raw(Method::POST, "/api/auth/logout", Some(&token), None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = app.get("/api/auth/me", Some(&token)).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.json["error"], "unauthorized");
}

#[tokio::test]
async fn wrong_password_is_401_and_rate_limited() {
    let app = TestApp::new(Backend::Sqlite).await;
    let bad = json!({"username": EMPLOYEE, "password": "salah-sekali-123"});
    for _ in 0..mutasi_server::auth::throttle::Throttle::default()
        .account
        .free
    {
        let r = app.post("/api/auth/login", None, &bad).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(r.json["error"], "login_failed");
    }
    let r = app.post("/api/auth/login", None, &bad).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.json["error"], "too_many_requests");
    assert!(r.headers.contains_key("retry-after"));
    // Even the right password waits until the delay is over.
    let good = json!({"username": EMPLOYEE, "password": password()});
    assert_eq!(
        app.post("/api/auth/login", None, &good).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another account is not affected.
    app.login(PLANNER).await;
}

#[tokio::test]
async fn unknown_user_and_disabled_account_cannot_log_in() {
    let app = TestApp::new(Backend::Sqlite).await;
    let r = app
        .post(
            "/api/auth/login",
            None,
            &json!({"username": "tidak-ada", "password": password()}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let token = app.login(EMPLOYEE).await;
    app.store.set_disabled(EMPLOYEE, true).await.unwrap();
    assert_eq!(
        app.get("/api/auth/me", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let r = app
        .post(
            "/api/auth/login",
            None,
            &json!({"username": EMPLOYEE, "password": password()}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn expired_and_forged_tokens_are_401_and_change_nothing() {
    let app = TestApp::new(Backend::Sqlite).await;
    let user = app.store.user_by_name(EMPLOYEE).await.unwrap();
    let expired = mutasi_server::auth::new_token();
    app.store
        .create_session(
            &mutasi_server::auth::token_hash(&expired),
            &user.id,
            app.store.now().await.unwrap() / 1000 - 1,
        )
        .await
        .unwrap();
    let before = app.fingerprint().await;
    let op = set_preferences(nips::GURU_PLT, 1, &["DISDIK"]);
    for token in [Some(expired.as_str()), Some("forged-token"), Some(""), None] {
        let r = app.get("/api/sync/pull", token).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{token:?}");
        assert_eq!(r.json["error"], "unauthorized");
        let r = app
            .post("/api/sync/push", token, &batch(std::slice::from_ref(&op)))
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{token:?}");
        assert_eq!(r.headers["www-authenticate"], "Bearer");
    }
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn bad_input_is_a_4xx_json_error_and_changes_nothing() {
    let app = TestApp::new(Backend::Sqlite).await;
    let token = app.login(EMPLOYEE).await;
    let planner = app.login(PLANNER).await;
    let before = app.fingerprint().await;
    let v = app.version(RecordKind::Employee, nips::GURU_PLT).await;
    let good = set_preferences(nips::GURU_PLT, v, &["DISDIK"]);
    let mut bad_nip = good.clone();
    bad_nip["change"]["nip"] = json!("198502292010011003"); // 29 Feb 1985 does not exist
    let mut short_nip = good.clone();
    short_nip["change"]["nip"] = json!("12345");
    let mut wrong_type = good.clone();
    wrong_type["base_version"] = json!("satu");
    let mut not_v7 = good.clone();
    not_v7["id"] = json!("5f0c6f5e-3a8b-4c0e-9d8e-2b1f3c4d5e6f"); // v4
    let mut unknown_unit = good.clone();
    unknown_unit["id"] = json!(op_id());
    unknown_unit["base_version"] = json!(v + 1); // after the first op of its batch
    unknown_unit["change"]["preferences"]["units"] = json!(["TIDAK-ADA"]);
    let (_, mut unknown_slot) = propose(nips::GURU_PLT, "DISDIK/TIDAK-ADA", 0);
    unknown_slot["change"]["slot"] = json!("DISDIK/TIDAK-ADA");
    let (_, unknown_nip) = propose("199901012020011001", "SDN-001/GURU-2", 0);
    let huge = format!(
        "{{\"ops\":[{{\"id\":\"{}\",\"base_version\":0,\"reason\":\"{}\",\"change\":{{}}}}]}}",
        op_id(),
        "x".repeat(mutasi_server::BODY_LIMIT)
    );
    let too_many: Vec<_> = (0..mutasi_core::wire::sync::PUSH_MAX_OPS + 1)
        .map(|_| good.clone())
        .collect();

    let cases: Vec<(&str, &str, String, StatusCode, &str)> = vec![
        (
            "malformed",
            &token,
            "{\"ops\": [".into(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            "not json",
            &token,
            "ops=1".into(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            "wrong type",
            &token,
            batch(&[wrong_type]).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        ),
        (
            "missing field",
            &token,
            json!({"opz": []}).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        ),
        (
            "invalid NIP",
            &token,
            batch(&[bad_nip]).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        ),
        (
            "short NIP",
            &token,
            batch(&[short_nip]).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        ),
        (
            "op id not v7",
            &token,
            batch(&[not_v7]).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_op",
        ),
        (
            "empty batch",
            &token,
            batch(&[]).to_string(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            "too many ops",
            &token,
            batch(&too_many).to_string(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            "oversized body",
            &token,
            huge,
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
        (
            "unknown unit",
            &token,
            batch(&[good.clone(), unknown_unit]).to_string(),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            "unknown slot",
            &planner,
            batch(&[unknown_slot]).to_string(),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            "unknown employee",
            &planner,
            batch(&[unknown_nip]).to_string(),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
    ];
    for (name, token, body, status, code) in cases {
        let r = app
            .raw(Method::POST, "/api/sync/push", Some(token), Some(&body))
            .await;
        assert_eq!(r.status, status, "{name}: {}", r.text);
        assert_eq!(r.json["error"], code, "{name}: {}", r.text);
        // One line with both languages, and each language on its own for a client that
        // shows one at a time.
        let (id, en) = (
            r.json["text"]["id"].as_str().unwrap_or_default(),
            r.json["text"]["en"].as_str().unwrap_or_default(),
        );
        assert!(!id.is_empty() && !en.is_empty(), "{name}: text: {}", r.text);
        // (A body that does not parse quotes the parser's own message, which a core type may
        // have written in both languages.)
        if code != "invalid_body" {
            assert!(
                !id.contains(" / ") && !en.contains(" / "),
                "{name}: one language each: {}",
                r.text
            );
        }
        assert_ne!(id, en, "{name}: two languages");
        assert_eq!(r.json["message"], format!("{id} / {en}"), "{name}: message");
        // A refusal of one op says which, so the client can set it aside and push the rest.
        if matches!(code, "invalid_op" | "not_found" | "forbidden") {
            let expected = if name == "unknown unit" { 1 } else { 0 };
            assert_eq!(r.json["details"]["index"], expected, "{name}: {}", r.text);
        }
        assert_eq!(
            app.fingerprint().await,
            before,
            "{name}: database unchanged"
        );
    }

    // Wrong content type and bad queries too.
    let r = app.raw(Method::POST, "/api/auth/login", None, None).await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(r.json["error"], "unsupported_media_type");
    let r = app.get("/api/sync/pull?since=-1", Some(&token)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json["error"], "bad_request");
    let r = app
        .post(
            "/api/auth/login",
            None,
            &json!({"username": "", "password": "x"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn a_batch_is_all_or_nothing() {
    let app = TestApp::new(Backend::Sqlite).await;
    let token = app.login(EMPLOYEE).await;
    let before = app.fingerprint().await;
    let v = app.version(RecordKind::Employee, nips::GURU_PLT).await;
    // The first op is fine, the second is based on a stale version: nothing is applied.
    let ops = [
        set_preferences(nips::GURU_PLT, v, &["DISDIK"]),
        set_preferences(nips::GURU_PLT, v, &["SDN-001"]),
    ];
    let r = app.post("/api/sync/push", Some(&token), &batch(&ops)).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(r.json["details"]["index"], 1);
    assert_eq!(r.json["details"]["current"]["version"], v);
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn a_move_breaking_a_hard_rule_is_refused_with_its_reason() {
    let app = TestApp::new(Backend::Sqlite).await;
    let token = app.login(PLANNER).await;
    let before = app.fingerprint().await;
    let (_, op) = propose(nips::CPNS, "SDN-001/GURU-2", 0);
    let r = app
        .post("/api/sync/push", Some(&token), &batch(&[op]))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.json["error"], "rule_violation");
    let verdicts = r.json["details"]["verdicts"].as_array().unwrap();
    assert!(
        verdicts.iter().any(|v| v["rule"] == "CpnsProbation"),
        "{}",
        r.text
    );
    assert!(
        r.json["message"].as_str().unwrap().contains("CPNS"),
        "{}",
        r.text
    );
    // A move needs a written reason.
    let (nip, slot) = legal_move(&app.ds);
    let (_, mut op) = propose(&nip, &slot, 0);
    op["reason"] = json!("");
    let r = app
        .post("/api/sync/push", Some(&token), &batch(&[op]))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.json["error"], "invalid_op");
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn repeated_op_is_acknowledged_once_and_reused_id_is_refused() {
    let app = TestApp::new(Backend::Sqlite).await;
    let token = app.login(EMPLOYEE).await;
    let v = app.version(RecordKind::Employee, nips::GURU_PLT).await;
    let op = set_preferences(nips::GURU_PLT, v, &["DISDIK"]);
    let first = app
        .post(
            "/api/sync/push",
            Some(&token),
            &batch(std::slice::from_ref(&op)),
        )
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    assert_eq!(first.json["results"][0]["status"], "applied");
    let after = app.fingerprint().await;
    let again = app
        .post(
            "/api/sync/push",
            Some(&token),
            &batch(std::slice::from_ref(&op)),
        )
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json["results"][0]["status"], "duplicate");
    assert_eq!(
        again.json["results"][0]["seq"],
        first.json["results"][0]["seq"]
    );
    assert_eq!(app.fingerprint().await, after);
    // The same id with other content is refused.
    let mut other = op.clone();
    other["change"]["preferences"]["units"] = json!(["SDN-002"]);
    let r = app
        .post("/api/sync/push", Some(&token), &batch(&[other]))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json["error"], "op_id_reused");
    assert_eq!(app.fingerprint().await, after);
}

#[tokio::test]
async fn audit_records_who_when_what_why() {
    let app = TestApp::new(Backend::Sqlite).await;
    let planner = app.login(PLANNER).await;
    let (nip, slot) = legal_move(&app.ds);
    let (proposal, op) = propose(&nip, &slot, 0);
    let r = app
        .post(
            "/api/sync/push",
            Some(&planner),
            &batch(std::slice::from_ref(&op)),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let admin = app.login(ADMIN).await;
    let r = app.get("/api/audit?limit=1000", Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK);
    let last = r.json["entries"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["actor"], PLANNER);
    assert_eq!(last["role"], "planner");
    assert_eq!(last["action"], "propose_move");
    assert_eq!(last["target"], format!("proposal/{proposal}"));
    assert_eq!(last["op"], op["id"]);
    assert_eq!(last["reason"], op["reason"]);
    assert_eq!(last["change"]["slot"], slot.as_str());
    assert!(last["at"].as_str().unwrap().starts_with("20"));
}

#[tokio::test]
async fn openapi_document_lists_every_route_and_matches_the_wire_types() {
    let app = TestApp::new(Backend::Sqlite).await;
    let r = app.get("/api/openapi.json", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.json;
    let paths: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for (path, method) in [
        ("/api/health", "get"),
        ("/api/auth/login", "post"),
        ("/api/auth/activate", "post"),
        ("/api/auth/logout", "post"),
        ("/api/auth/me", "get"),
        ("/api/sync/pull", "get"),
        ("/api/sync/push", "post"),
        ("/api/sync/snapshot", "get"),
        ("/api/audit", "get"),
        ("/api/audit.csv", "get"),
        ("/api/openapi.json", "get"),
        ("/api/admin/load", "post"),
        ("/api/admin/accounts", "get"),
        ("/api/admin/accounts/roster", "post"),
        ("/api/admin/accounts/{username}/reset", "post"),
        ("/api/admin/accounts/{username}/access", "post"),
        ("/api/admin/accounts/{username}/active", "post"),
    ] {
        assert!(
            doc["paths"][path][method].is_object(),
            "{path} {method} in {paths:?}"
        );
        // And the route exists: anything but the JSON 404 of unknown paths.
        let uri = path.replace("{username}", "someone");
        let r = app
            .raw(method.to_uppercase().parse().unwrap(), &uri, None, None)
            .await;
        assert_ne!(r.json["error"], "not_found", "{path}");
    }
    assert_eq!(paths.len(), 17, "{paths:?}");

    // Every documented schema has exactly the fields of the real wire value.
    let token = app.login(APPROVER).await;
    let pull = app
        .get("/api/sync/pull?limit=1&count=true", Some(&token))
        .await
        .json;
    let audit = app.get("/api/audit", Some(&token)).await.json;
    let me = app.get("/api/auth/me", Some(&token)).await.json;
    let health = app.get("/api/health", None).await.json;
    let login = app
        .post(
            "/api/auth/login",
            None,
            &json!({"username": ADMIN, "password": password()}),
        )
        .await
        .json;
    let emp = app.login(EMPLOYEE).await;
    let v = app.version(RecordKind::Employee, nips::GURU_PLT).await;
    let op = set_preferences(nips::GURU_PLT, v, &[]);
    let push = app
        .post(
            "/api/sync/push",
            Some(&emp),
            &batch(std::slice::from_ref(&op)),
        )
        .await
        .json;
    // The optional fields an op may leave out.
    let mut op_full = op.clone();
    op_full["reason"] = json!(null);
    op_full["expects"] = json!({"status": "draft", "fingerprint": "0"});
    let audit_entry = app.get("/api/audit", Some(&token)).await.json["entries"][0].clone();
    let samples = [
        ("Health", health),
        ("PullResponse", pull.clone()),
        ("Record", pull["records"][0].clone()),
        ("AuditPage", audit),
        ("AuditEntry", audit_entry),
        ("Account", me),
        ("LoginResponse", login),
        ("PushResponse", push.clone()),
        ("OpResult", push["results"][0].clone()),
        ("PushRequest", batch(&[op])),
        ("Op", op_full.clone()),
        ("LoginRequest", json!({"username": "a", "password": "b"})),
        ("ErrorBody", app.get("/api/nope", None).await.json),
        ("Expect", op_full["expects"].clone()),
    ];
    for (name, value) in samples {
        let schema = &doc["components"]["schemas"][name];
        let mut documented: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("schema {name}"))
            .keys()
            .map(String::as_str)
            .collect();
        let mut actual: Vec<&str> = value
            .as_object()
            .unwrap_or_else(|| panic!("sample {name}: {value}"))
            .keys()
            .map(String::as_str)
            .collect();
        documented.sort();
        actual.sort();
        assert_eq!(documented, actual, "schema {name}");
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
}

#[tokio::test]
async fn audit_table_refuses_updates_and_deletes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let store = Store::open_sqlite(&path).await.unwrap();
    store
        .append_audit(&mutasi_server::db::NewAudit {
            actor: actor("test"),
            action: "x".into(),
            target: "y".into(),
            reason: None,
            change: json!({}),
            nip: None,
            opd: Vec::new(),
        })
        .await
        .unwrap();
    store.close().await;
    use sqlx::Connection;
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    assert!(sqlx::query("UPDATE audit SET actor = 'z'")
        .execute(&mut conn)
        .await
        .is_err());
    assert!(sqlx::query("DELETE FROM audit")
        .execute(&mut conn)
        .await
        .is_err());
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(n, 1);
}
