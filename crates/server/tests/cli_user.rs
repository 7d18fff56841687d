//! `mutasi user add|passwd|disable` against a store, then logging in through the router.

mod common;

use axum::http::StatusCode;
use clap::Parser;
use common::*;
use mutasi_server::cli::{user, Cli, Command};
use mutasi_server::db::Storage;
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
    app.login_status(username, password).await
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

/// `mutasi user activate`: the letters go to a new file readable by its owner only, never over
/// an existing one (and then no account is made); a code from the file activates the account.
#[tokio::test]
async fn activate_writes_codes_to_a_new_private_file() {
    use std::os::unix::fs::PermissionsExt;
    let app = TestApp::new(Backend::Sqlite).await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kode.csv");
    let path = out.to_str().unwrap();
    assert!(
        run(&app, &["activate", "--opd", "TIDAKADA", "--out", path], "")
            .await
            .is_err()
    );
    assert!(!out.exists(), "an unknown OPD writes nothing");
    let users = app.store.list_users().await.unwrap().len();
    run(
        &app,
        &[
            "activate",
            "--opd",
            "DISDIK",
            "--out",
            path,
            "--login-url",
            "https://mutasi.example",
        ],
        "",
    )
    .await
    .unwrap();
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let text = std::fs::read_to_string(&out).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        rows.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "nip",
            "nama",
            "unit",
            "kode_aktivasi",
            "berlaku_sampai",
            "alamat_masuk"
        ]
    );
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let created = app.store.list_users().await.unwrap().len() - users;
    assert!(created > 0);
    assert_eq!(rows.len(), created);
    assert!(rows.iter().all(|r| &r[5] == "https://mutasi.example"));

    // Never over an existing file: refused, the file unchanged, no account made.
    std::fs::write(dir.path().join("ada.csv"), "milik orang lain").unwrap();
    let other = dir.path().join("ada.csv");
    assert!(run(
        &app,
        &["activate", "--all", "--out", other.to_str().unwrap()],
        ""
    )
    .await
    .is_err());
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "milik orang lain");
    assert!(run(&app, &["activate", "--all", "--out", path], "")
        .await
        .is_err());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), text);
    assert_eq!(app.store.list_users().await.unwrap().len(), users + created);
    // Neither --opd nor --all: a usage error.
    assert!(Cli::try_parse_from(["mutasi", "user", "activate"]).is_err());

    // A code from the file activates its account.
    let (nip, code) = (&rows[0][0], &rows[0][3]);
    let r = app
        .post(
            "/api/auth/activate",
            None,
            &json!({"nip": nip, "code": code, "new_password": "sandi-dari-surat-1"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(login(&app, nip, "sandi-dari-surat-1").await, StatusCode::OK);

    // `user reset` gives it a new code; the password stops working.
    run(&app, &["reset", nip], "").await.unwrap();
    assert_eq!(
        login(&app, nip, "sandi-dari-surat-1").await,
        StatusCode::UNAUTHORIZED
    );
}
