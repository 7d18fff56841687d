//! `mutasi user add|passwd|disable` against a store, then logging in through the router.

mod common;

use axum::http::StatusCode;
use clap::Parser;
use common::*;
use mutasi_server::cli::{user, Cli, Command};
use serde_json::json;

fn parse(args: &[&str]) -> user::UserCommand {
    let mut argv = vec!["mutasi", "user"];
    argv.extend_from_slice(args);
    match Cli::try_parse_from(argv).unwrap().command {
        Command::User(a) => a.command,
        other => panic!("{other:?}"),
    }
}

async fn run(app: &TestApp, args: &[&str], stdin: &str) -> anyhow::Result<()> {
    user::execute(&app.store, parse(args), &mut stdin.as_bytes(), false).await
}

async fn login(app: &TestApp, username: &str, password: &str) -> StatusCode {
    app.post(
        "/api/auth/login",
        None,
        &json!({"username": username, "password": password}),
    )
    .await
    .status
}

#[tokio::test]
async fn add_passwd_disable() {
    let app = TestApp::new(Backend::Sqlite).await;
    run(
        &app,
        &[
            "add",
            "rina",
            "--role",
            "planner",
            "--opd",
            "DINKES",
            "--password-stdin",
        ],
        "kata-sandi-rina-1\n",
    )
    .await
    .unwrap();
    assert_eq!(
        login(&app, "rina", "kata-sandi-rina-1").await,
        StatusCode::OK
    );
    let token = app.login(ADMIN).await;
    let audit = app.get("/api/audit?limit=1000", Some(&token)).await.json;
    assert!(audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "user_add" && e["target"] == "user/rina"));
    assert!(
        !audit.to_string().contains("kata-sandi-rina-1"),
        "no password in the audit"
    );

    run(
        &app,
        &["passwd", "rina", "--password-stdin"],
        "kata-sandi-baru-2\n",
    )
    .await
    .unwrap();
    assert_eq!(
        login(&app, "rina", "kata-sandi-rina-1").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login(&app, "rina", "kata-sandi-baru-2").await,
        StatusCode::OK
    );

    run(&app, &["disable", "rina"], "").await.unwrap();
    assert_eq!(
        login(&app, "rina", "kata-sandi-baru-2").await,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn refuses_bad_accounts_and_passwords() {
    let app = TestApp::new(Backend::Sqlite).await;
    let pw = "cukup-panjang-123\n";
    let cases: [(&[&str], &str); 8] = [
        (&["add", "a", "--role", "planner"], pw),  // no scope
        (&["add", "a", "--role", "employee"], pw), // no NIP
        (&["add", "a", "--role", "admin", "--opd", "DISDIK"], pw), // scope on an admin
        (&["add", "a", "--role", "planner", "--opd", "NOPE"], pw), // unknown OPD
        (&["add", "a b", "--role", "admin"], pw),  // bad name
        (&["add", "a", "--role", "admin"], "pendek\n"), // short password
        (&["add", "a", "--role", "admin"], ""),    // no password at all
        (&["add", EMPLOYEE, "--role", "admin"], pw), // taken
    ];
    for (args, stdin) in cases {
        assert!(run(&app, args, stdin).await.is_err(), "{args:?}");
    }
    assert!(Cli::try_parse_from(["mutasi", "user", "add", "a", "--role", "boss"]).is_err());
    assert!(Cli::try_parse_from([
        "mutasi",
        "user",
        "add",
        "a",
        "--role",
        "employee",
        "--nip",
        "198502292010011003"
    ])
    .is_err());
    assert_eq!(
        login(&app, "a", "cukup-panjang-123").await,
        StatusCode::UNAUTHORIZED
    );
}

/// `mutasi user scope`: the planner's sessions end, and what a new session pulls is the new
/// scope's; only planners have one, and an unknown OPD changes nothing.
#[tokio::test]
async fn a_planners_scope_changes_and_its_sessions_end() {
    let app = TestApp::new(Backend::Sqlite).await;
    let token = app.login(PLANNER).await;
    let (before, _) = pull_all(&app, &token, 0, 1000).await;
    assert!(run(&app, &["scope", PLANNER, "--opd", "NOPE"], "")
        .await
        .is_err());
    assert!(run(&app, &["scope", ADMIN, "--city"], "").await.is_err());
    assert_eq!(
        app.get("/api/auth/me", Some(&token)).await.status,
        StatusCode::OK,
        "refusals change nothing"
    );
    run(&app, &["scope", PLANNER, "--opd", "DINKES"], "")
        .await
        .unwrap();
    assert_eq!(
        app.get("/api/auth/me", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED,
        "the old session ended"
    );
    let token = app.login(PLANNER).await;
    let me = app.get("/api/auth/me", Some(&token)).await.json;
    assert_eq!(
        me["scope"],
        json!({"kind": "opd", "opd": ["DINKES"]}),
        "{me}"
    );
    let (after, _) = pull_all(&app, &token, 0, 1000).await;
    let ids = |rs: &[mutasi_core::wire::sync::Record]| {
        rs.iter()
            .map(|r| (r.kind, r.id.clone()))
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert!(!after.is_empty());
    assert_ne!(ids(&after), ids(&before), "DINKES's records, not DISDIK's");
    let admin = app.login(ADMIN).await;
    let audit = app.get("/api/audit?limit=1000", Some(&admin)).await.json;
    assert!(audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "user_scope" && e["target"] == format!("user/{PLANNER}")));
}
