//! Running a city's server through the binary (issue 19): `mutasi backup` and `mutasi restore`
//! (a backup taken while the database is open restores to the same data: records, sequence,
//! audit, accounts; a target with records is replaced only when asked; a file that is not a
//! whole Mutasi backup, or a backup onto an existing file, is refused with a clear message and
//! changes nothing), and the first start on an empty database, which says what to do first.

mod common;

use std::path::Path;
use std::time::Duration;

use common::*;
use mutasi_core::fixture;
use mutasi_server::db::{Storage, Store};
use mutasi_server::sync::dataset_records;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

async fn snapshot(path: &Path) -> (Fingerprint, String) {
    let store = Store::open_sqlite(path).await.unwrap();
    let hash = store.user_by_name(PLANNER).await.unwrap().password_hash;
    (fingerprint(&store).await, hash)
}

#[tokio::test]
async fn a_backup_taken_online_restores_to_the_same_data_and_bad_input_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (live, copy, target) = (
        dir.path().join("live.db"),
        dir.path().join("copy.db"),
        dir.path().join("restored.db"),
    );
    let store = Store::open_sqlite(&live).await.unwrap();
    store
        .import(dataset_records(&fixture::small()), &actor("test"))
        .await
        .unwrap();
    for u in test_accounts() {
        store.create_user(&u).await.unwrap();
    }
    let before = fingerprint(&store).await;
    assert!(before.last_seq > 0 && before.audit > 0, "{before:?}");

    // Online: the live store stays open while the binary copies it.
    let (ok, out) = mutasi(&["backup", s(&copy), "--database", s(&live)]);
    assert!(ok, "{out}");
    assert!(out.contains("backup written"), "{out}");
    let (ok, out) = mutasi(&["backup", s(&copy), "--database", s(&live)]);
    assert!(!ok && out.contains("already exists"), "{out}");

    let (ok, out) = mutasi(&["restore", s(&copy), "--database", s(&target)]);
    assert!(ok, "{out}");
    assert!(
        out.contains(&format!("seq {}", before.last_seq)),
        "the summary names the sequence: {out}"
    );
    let restored = snapshot(&target).await;
    let live_hash = store.user_by_name(PLANNER).await.unwrap().password_hash;
    assert_eq!(restored.0, before);
    assert_eq!(restored.1, live_hash);

    // A database with records is not overwritten unless asked.
    let (ok, out) = mutasi(&["restore", s(&copy), "--database", s(&target)]);
    assert!(!ok && out.contains("--replace"), "{out}");
    // A file that is not a Mutasi database: refused, the target as it was.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "NIP;NAMA\n1;Budi\n").unwrap();
    let (ok, out) = mutasi(&["restore", s(&junk), "--database", s(&target), "--replace"]);
    assert!(!ok && out.contains("not a whole Mutasi backup"), "{out}");
    let missing = dir.path().join("missing.db");
    let (ok, out) = mutasi(&["restore", s(&missing), "--database", s(&target)]);
    assert!(!ok && out.contains("not found"), "{out}");
    let unchanged = snapshot(&target).await;
    assert_eq!(unchanged.0, before);
    assert_eq!(unchanged.1, live_hash);

    // After more work on the live database, a newer backup replaces the target when asked.
    let mut newer = test_accounts()[0].clone();
    newer.id = "00000000-0000-7000-8000-00000000beef".into();
    newer.username = "baru".into();
    store.create_user(&newer).await.unwrap();
    let copy2 = dir.path().join("copy2.db");
    let (ok, out) = mutasi(&["backup", s(&copy2), "--database", s(&live)]);
    assert!(ok, "{out}");
    let (ok, out) = mutasi(&["restore", s(&copy2), "--database", s(&target), "--replace"]);
    assert!(ok, "{out}");
    let replaced = Store::open_sqlite(&target).await.unwrap();
    assert_eq!(replaced.user_by_name("baru").await.unwrap(), newer);
    assert_eq!(fingerprint(&replaced).await, fingerprint(&store).await);
    assert!(!dir.path().join("restored.db.restoring").exists());
}

#[test]
fn postgres_is_backed_up_with_pg_dump() {
    let (ok, out) = mutasi(&[
        "restore",
        "x.db",
        "--database",
        "postgres://mutasi@127.0.0.1:1/none",
    ]);
    assert!(!ok && out.contains("pg_restore"), "{out}");
}

/// Reads the server's standard output until `until` appears (or `wait` passes), then stops it.
async fn serve_output(database: &Path, until: &str, wait: std::time::Duration) -> String {
    use tokio::io::AsyncReadExt;
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_mutasi"))
        .args(["serve", "--addr", "127.0.0.1:0", "--dist", "/nonexistent"])
        .arg("--database")
        .arg(database)
        .env_remove("MUTASI_DATABASE")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut text = String::new();
    let _ = tokio::time::timeout(wait, async {
        let mut buf = [0u8; 4096];
        while !text.contains(until) {
            let n = out.read(&mut buf).await.unwrap_or(0);
            if n == 0 {
                break;
            }
            text.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    })
    .await;
    child.kill().await.unwrap();
    text
}

#[tokio::test]
async fn the_first_start_on_an_empty_database_says_what_to_do_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kota.db");
    let text = serve_output(&db, "instead.", Duration::from_secs(30)).await;
    assert!(text.contains("is running at http://127.0.0.1:"), "{text}");
    assert!(
        text.contains(&format!(
            "mutasi user add admin --role admin --database '{}'",
            db.display()
        )),
        "{text}"
    );
    assert!(text.contains("--demo"), "{text}");
    assert!(
        text.contains(&format!("mutasi load FOLDER --database '{}'", db.display())),
        "{text}"
    );

    // With an administrator and data, nothing is said.
    let store = Store::open_sqlite(&db).await.unwrap();
    store
        .import(dataset_records(&fixture::small()), &actor("test"))
        .await
        .unwrap();
    for u in test_accounts() {
        store.create_user(&u).await.unwrap();
    }
    drop(store);
    // (It prints everything within a moment of its address; wait 3 s for more.)
    let text = serve_output(&db, "never printed", Duration::from_secs(3)).await;
    assert!(text.contains("is running at"), "{text}");
    assert!(!text.contains("first steps"), "{text}");
}

#[test]
fn mutasi_import_reads_what_excel_saves_in_the_indonesian_locale() {
    let dir = tempfile::tempdir().unwrap();
    let emps = fixture::small().employees().to_vec();
    let text = mutasi_core::io::csv::write_employees(&emps);
    // `;` between cells, Windows-1252 bytes, one name with an é (0xE9).
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut wr = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    for (i, rec) in rd.records().enumerate() {
        let mut cells: Vec<String> = rec.unwrap().iter().map(str::to_string).collect();
        if i == 1 {
            cells[1].push('é');
        }
        wr.write_record(&cells).unwrap();
    }
    let latin: Vec<u8> = String::from_utf8(wr.into_inner().unwrap())
        .unwrap()
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    let file = dir.path().join("pegawai.csv");
    std::fs::write(&file, &latin).unwrap();
    let out = dir.path().join("pegawai.json");
    let (ok, said) = mutasi(&["import", s(&file), "--out", s(&out)]);
    assert!(ok, "{said}");
    assert!(
        said.contains("read as Windows-1252, separator ';'"),
        "{said}"
    );
    let back: Vec<mutasi_core::model::Employee> =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(back.len(), emps.len());
    assert_eq!(back[0].name, format!("{}é", emps[0].name));
    assert_eq!(back[1..], emps[1..]);

    // A rank dated in the future: named with its row and column, nothing written.
    let mut future = emps.clone();
    future[2].pangkat.tmt = chrono::NaiveDate::from_ymd_opt(2099, 1, 1).unwrap();
    let odd = dir.path().join("masa-depan.csv");
    std::fs::write(&odd, mutasi_core::io::csv::write_employees(&future)).unwrap();
    let never = dir.path().join("never.json");
    let (ok, said) = mutasi(&["import", s(&odd), "--out", s(&never)]);
    assert!(!ok, "{said}");
    assert!(
        said.contains("baris/row 4, kolom/column TMT_GOLONGAN")
            && said.contains("TMT golongan 01-01-2099 di masa depan"),
        "{said}"
    );
    assert!(!never.exists());

    // A file without the NIP column: every problem named, nothing written.
    let bad = dir.path().join("rusak.csv");
    std::fs::write(&bad, "NAMA;STATUS\nSiti;PNS\n").unwrap();
    let none = dir.path().join("none.json");
    let (ok, said) = mutasi(&["import", s(&bad), "--out", s(&none)]);
    assert!(!ok, "{said}");
    assert!(
        said.contains("kolom/column NIP") && said.contains("nothing imported"),
        "{said}"
    );
    assert!(!none.exists());

    // A six-row file over a whole dataset would drop everyone else: refused, nothing written;
    // with --replace-all it is what was asked for.
    let base = dir.path().join("base.json");
    std::fs::write(&base, serde_json::to_string(&fixture::small()).unwrap()).unwrap();
    let six = dir.path().join("enam.csv");
    std::fs::write(&six, mutasi_core::io::csv::write_employees(&emps[..6])).unwrap();
    let merged = dir.path().join("merged.json");
    let (ok, said) = mutasi(&["import", s(&six), "--base", s(&base), "--out", s(&merged)]);
    assert!(!ok, "{said}");
    let gone = emps.len() - 6;
    assert!(
        said.contains(&format!(
            "{gone} employees of the base are not in this file"
        )) && said.contains("mutasi load")
            && said.contains(emps[6].nip.as_str()),
        "{said}"
    );
    assert!(!merged.exists());
    let (ok, said) = mutasi(&[
        "import",
        s(&six),
        "--base",
        s(&base),
        "--replace-all",
        "--out",
        s(&merged),
    ]);
    assert!(ok, "{said}");
    let ds: mutasi_core::Dataset =
        serde_json::from_str(&std::fs::read_to_string(&merged).unwrap()).unwrap();
    assert_eq!(ds.employees().len(), 6);
    // The whole roster again (updated) is the normal case: accepted without the flag.
    let all = dir.path().join("semua.csv");
    std::fs::write(&all, mutasi_core::io::csv::write_employees(&emps)).unwrap();
    let (ok, said) = mutasi(&["import", s(&all), "--base", s(&base), "--out", s(&merged)]);
    assert!(ok, "{said}");
}
