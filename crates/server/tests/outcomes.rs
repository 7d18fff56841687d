//! Outcomes as synced records (issue 22): the `capaian` sheet's values are stored by the same
//! load as the rest of the organisation's workbook and pulled like any record. Who receives
//! them: an approver, an admin and a city-wide planner every one, an OPD's planner those of
//! its OPD's units, an employee none, and no pull's count tells anyone about the others. A
//! `capaian` sheet with a bad row reports it with its sheet, row and column and changes
//! nothing; a good one lands as records, and the outcomes it leaves out are removed only when
//! approved.

mod common;

use std::collections::BTreeSet;

use axum::http::StatusCode;
use common::*;
use mutasi_core::io::workbook::write_outcomes;
use mutasi_core::model::{Indicator, OutcomeRecord, UnitId};
use mutasi_core::wire::auth::{Role, Scope};
use mutasi_core::wire::sync::{PullResponse, RecordKind};
use mutasi_core::{demo, Dataset};
use mutasi_server::db::Storage;
use mutasi_server::load::{apply, prepare, Decision, LoadError};
use mutasi_server::sync::outcome_records;
use serde_json::json;

/// The fixture city's outcomes: its schools' and puskesmas' histories (two OPDs, DISDIK and
/// DINKES), and the satisfaction index of every OPD's own office.
fn fixture_outcomes(ds: &Dataset) -> Vec<OutcomeRecord> {
    let mut v = demo::outcomes(ds);
    for u in ds.units().iter().filter(|u| u.parent.is_none()) {
        v.push(OutcomeRecord {
            unit: u.id.clone(),
            year: 2025,
            indicator: Indicator::Ikm,
            value: 81.25,
        });
    }
    v
}

fn opd_of(ds: &Dataset, unit: &UnitId) -> String {
    let u = ds.unit_idx(unit).expect("a unit of the city");
    ds.units()[ds.opd_of_unit(u) as usize].id.to_string()
}

async fn app_with_outcomes(backend: Backend) -> (TestApp, Vec<OutcomeRecord>) {
    let app = TestApp::new(backend).await;
    let outcomes = fixture_outcomes(&app.ds);
    app.store
        .import(
            outcome_records(&app.ds, &outcomes).collect(),
            &actor("test"),
        )
        .await
        .unwrap();
    (app, outcomes)
}

async fn who_receives_outcomes(backend: Backend) {
    let (app, outcomes) = app_with_outcomes(backend).await;
    let opds: BTreeSet<String> = outcomes.iter().map(|o| opd_of(&app.ds, &o.unit)).collect();
    assert!(opds.len() >= 3, "outcomes in several OPDs: {opds:?}");
    for user in test_accounts() {
        let token = app.login(&user.username).await;
        let (records, _) = pull_all(&app, &token, 0, 7).await;
        let got: BTreeSet<String> = records
            .iter()
            .filter(|r| r.kind == RecordKind::Outcome)
            .map(|r| r.id.clone())
            .collect();
        let may = |o: &&OutcomeRecord| match (user.role, &user.scope) {
            (Role::Employee, _) => false,
            (Role::Planner, Some(Scope::Opd(list))) => {
                list.iter().any(|u| u.as_str() == opd_of(&app.ds, &o.unit))
            }
            (Role::Planner, None) => false,
            _ => true,
        };
        let want: BTreeSet<String> = outcomes.iter().filter(may).map(|o| o.record_id()).collect();
        assert_eq!(got, want, "{}", user.username);
        match user.role {
            Role::Employee => assert!(got.is_empty()),
            Role::Planner if user.scope != Some(Scope::City) => {
                assert!(!got.is_empty() && got.len() < outcomes.len(), "{got:?}")
            }
            _ => assert_eq!(got.len(), outcomes.len()),
        }
        // What is pulled is the sheet's value.
        for r in records.iter().filter(|r| r.kind == RecordKind::Outcome) {
            let o: OutcomeRecord = serde_json::from_value(r.data.clone()).unwrap();
            assert_eq!(o.record_id(), r.id);
            assert!(outcomes.contains(&o));
        }
        // A partial answer (the first page with its count) counts only what this account
        // pulls: it tells nobody how many outcomes there are beyond its own.
        let first = app
            .get("/api/sync/pull?since=0&limit=1&count=true", Some(&token))
            .await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.text);
        let page: PullResponse = serde_json::from_value(first.json).unwrap();
        assert_eq!(
            page.total(0),
            Some(records.len() as u64),
            "{}",
            user.username
        );
        // A refused load (not an admin) carries no outcome.
        if user.role != Role::Admin {
            let body = json!({
                "files": [{"name": "capaian.csv", "text": write_outcomes(&outcomes[..1])}],
                "dry_run": true,
            });
            let r = app.post("/api/admin/load", Some(&token), &body).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
            for o in &outcomes[1..] {
                assert!(!r.text.contains(&o.record_id()), "{}", r.text);
            }
        }
    }
}

on_every_backend! {
    #[tokio::test]
    receivers => who_receives_outcomes;
}

fn file(name: &str, text: String) -> Vec<(String, Vec<u8>)> {
    vec![(name.into(), text.into_bytes())]
}

async fn a_capaian_sheet_loads_and_a_bad_one_changes_nothing(backend: Backend) {
    let (app, outcomes) = app_with_outcomes(backend).await;
    let today = fixture_today();
    let before = app.fingerprint().await;
    // Bad rows: an unknown unit, an unknown indicator, a literacy score above 100.
    let mut text = write_outcomes(&outcomes);
    text.push_str("TIDAK-ADA,2025,IKM,80\n");
    text.push_str(&format!("{},2025,KEBAHAGIAAN,80\n", outcomes[0].unit));
    text.push_str(&format!("{},2025,LITERASI,120\n", outcomes[0].unit));
    let rows = outcomes.len() + 1;
    let Err(LoadError::Invalid(errs)) =
        prepare(&app.store, &file("capaian.csv", text), today).await
    else {
        panic!("a bad capaian sheet is refused");
    };
    let places: Vec<(String, usize, String)> = errs
        .iter()
        .map(|e| (e.sheet.clone(), e.at.row, e.at.column.clone()))
        .collect();
    assert_eq!(
        places,
        [
            ("capaian".into(), rows + 1, "UNIT".into()),
            ("capaian".into(), rows + 2, "INDIKATOR".into()),
            ("capaian".into(), rows + 3, "NILAI".into()),
        ]
    );
    assert_eq!(
        app.fingerprint().await,
        before,
        "a bad sheet changes nothing"
    );

    // The same sheet again: nothing changes.
    let same = prepare(
        &app.store,
        &file("capaian.csv", write_outcomes(&outcomes)),
        today,
    )
    .await
    .unwrap();
    assert!(same.diff.is_empty(), "{:?}", same.diff);

    // One value changed, one left out: the removal waits for approval.
    let mut next = outcomes[1..].to_vec();
    next[0].value += 1.5;
    let prepared = prepare(
        &app.store,
        &file("capaian.csv", write_outcomes(&next)),
        today,
    )
    .await
    .unwrap();
    let sheet = prepared.diff.sheet("capaian").unwrap();
    assert_eq!(sheet.changed.len(), 1);
    assert_eq!(sheet.missing, [outcomes[0].record_id()]);
    let refused = apply(&app.store, &prepared, Decision::default(), &actor("t")).await;
    assert!(
        matches!(refused, Err(LoadError::NeedsDecision(_))),
        "{refused:?}"
    );
    assert_eq!(app.fingerprint().await, before);
    let decision = Decision {
        remove_org: true,
        ..Decision::default()
    };
    assert_eq!(
        apply(&app.store, &prepared, decision, &actor("t"))
            .await
            .unwrap(),
        2
    );
    let removed = app
        .store
        .record(RecordKind::Outcome, &outcomes[0].record_id())
        .await
        .unwrap();
    assert!(removed.record.data.is_null(), "a tombstone devices pull");
    assert_eq!(
        removed.opd.as_deref(),
        Some(opd_of(&app.ds, &outcomes[0].unit).as_str()),
        "the tombstone keeps its visibility"
    );
    let changed = app
        .store
        .record(RecordKind::Outcome, &next[0].record_id())
        .await
        .unwrap();
    assert_eq!(changed.record.version, 2);
    assert_eq!(
        serde_json::from_value::<OutcomeRecord>(changed.record.data).unwrap(),
        next[0]
    );

    // A workbook without the sheet keeps the stored outcomes.
    let units = mutasi_core::io::workbook::export(&app.ds)
        .into_iter()
        .find(|(n, _)| n == "unit.csv")
        .unwrap();
    let kept = prepare(&app.store, &file(&units.0, units.1), today)
        .await
        .unwrap();
    assert!(kept.diff.sheet("capaian").is_none(), "{:?}", kept.diff);
    assert_eq!(kept.outcomes.len(), next.len());
}

on_every_backend! {
    #[tokio::test]
    capaian_load => a_capaian_sheet_loads_and_a_bad_one_changes_nothing;
}

fn fixture_today() -> chrono::NaiveDate {
    mutasi_core::fixture::today()
}
