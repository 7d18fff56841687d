//! The first sync's total (issue 20, item 6): every pull page says how many records remain for
//! the caller, so the app shows "N of M". The total a page implies is exactly what the caller
//! ends up receiving, counted with the caller's own visibility: an employee's total is the
//! employee's records, not the city's.

mod common;

use axum::http::StatusCode;
use common::*;
use mutasi_core::wire::sync::PullResponse;

/// Pulls everything `username` may see in pages of `limit`; returns the total each page
/// implied (received before it + its records + `remaining`) and the records received.
async fn totals(app: &TestApp, username: &str, limit: u32) -> (Vec<u64>, u64) {
    let token = app.login(username).await;
    let (mut cursor, mut received, mut implied) = (0u64, 0u64, Vec::new());
    loop {
        let r = app
            .get(
                &format!("/api/sync/pull?since={cursor}&limit={limit}"),
                Some(&token),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let page: PullResponse = serde_json::from_value(r.json.clone()).unwrap();
        assert!(
            page.remaining.is_some(),
            "every page says what remains: {}",
            r.text
        );
        if !page.more {
            assert_eq!(
                page.remaining,
                Some(0),
                "nothing remains after the last page"
            );
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
