//! The first sync's total (issue 20, item 6): a pull page asked to count (`count=true`, the
//! first page of a sync) says how many records remain for the caller, so the app shows "N of M". The total a page implies is exactly what the caller
//! ends up receiving, counted with the caller's own visibility: an employee's total is the
//! employee's records, not the city's.

mod common;

use axum::http::StatusCode;
use common::*;
use mutasi_core::wire::sync::PullResponse;

/// Pulls everything `username` may see in pages of `limit`, asking every page to count; returns
/// the total each page implied (received before it + its records + `remaining`) and the records
/// received. A page not asked says nothing.
async fn totals(app: &TestApp, username: &str, limit: u32) -> (Vec<u64>, u64) {
    let token = app.login(username).await;
    let (mut cursor, mut received, mut implied) = (0u64, 0u64, Vec::new());
    loop {
        let page = |count: bool| {
            let uri = format!("/api/sync/pull?since={cursor}&limit={limit}&count={count}");
            let token = token.clone();
            async move {
                let r = app.get(&uri, Some(&token)).await;
                assert_eq!(r.status, StatusCode::OK, "{}", r.text);
                serde_json::from_value::<PullResponse>(r.json).unwrap()
            }
        };
        let silent = page(false).await;
        assert_eq!(silent.remaining, None, "{username}: not asked, not counted");
        let page = page(true).await;
        assert_eq!(page.records, silent.records);
        let left = page.remaining.expect("asked, counted");
        if !page.more {
            assert_eq!(left, 0, "nothing remains after the last page");
        }
        implied.push(page.total(received).expect("a total"));
        received += page.records.len() as u64;
        cursor = page.cursor;
        if !page.more {
            return (implied, received);
        }
    }
}

async fn the_total_is_what_the_caller_receives(backend: Backend) {
    let app = TestApp::new(backend).await;
    let mut seen = Vec::new();
    for username in [EMPLOYEE, PLANNER, CITY_PLANNER] {
        let (implied, received) = totals(&app, username, 7).await;
        assert!(implied.len() > 2, "{username}: several pages ({implied:?})");
        assert!(
            implied.iter().all(|t| *t == received),
            "{username}: every page's total is the {received} records received: {implied:?}"
        );
        // One page for everything: the same total, with nothing remaining.
        let (one, all) = totals(&app, username, 5000).await;
        assert_eq!((one, all), (vec![received], received), "{username}");
        seen.push(received);
    }
    let [employee, opd_planner, city_planner] = seen[..] else {
        unreachable!()
    };
    assert!(
        employee < city_planner && opd_planner < city_planner,
        "each total is the caller's own: employee {employee}, OPD {opd_planner}, city {city_planner}"
    );
}

on_every_backend! {
    #[tokio::test]
    the_total => the_total_is_what_the_caller_receives;
}

/// A pull page goes out in brotli to a client that takes it (smaller than gzip), in gzip to one
/// that takes only gzip, and uncompressed otherwise.
#[tokio::test]
async fn pull_pages_are_compressed_with_brotli_when_the_client_takes_it() {
    let app = TestApp::new(Backend::Sqlite).await;
    let token = app.login(CITY_PLANNER).await;
    let uri = "/api/sync/pull?since=0&limit=5000";
    let fetch = |accept: &'static str| {
        let token = token.clone();
        let app = &app;
        async move {
            let (status, encoding, bytes) = app.get_encoded(uri, Some(&token), accept).await;
            assert_eq!(status, StatusCode::OK);
            (encoding, bytes.len())
        }
    };
    let (plain_enc, plain) = fetch("identity").await;
    let (gzip_enc, gzip) = fetch("gzip").await;
    let (br_enc, br) = fetch("gzip, deflate, br").await;
    assert_eq!(plain_enc, None);
    assert_eq!(gzip_enc.as_deref(), Some("gzip"));
    assert_eq!(br_enc.as_deref(), Some("br"));
    assert!(
        br < gzip && gzip < plain,
        "brotli {br} B < gzip {gzip} B < plain {plain} B"
    );
}
