//! Router tests without a socket (`tower::ServiceExt::oneshot`).

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use mutasi_server::{app, db::Store, AppState, StaticConfig};
use tower::ServiceExt;

async fn get(router: axum::Router, uri: &str) -> (StatusCode, String) {
    let response = router
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

async fn test_app(dist: Option<std::path::PathBuf>) -> axum::Router {
    let store = Store::open_memory().await.expect("in-memory database");
    app(AppState { store }, &StaticConfig { dist })
}

#[tokio::test]
async fn health_reports_status_version_and_database() {
    let (status, body) = get(test_app(None).await, "/api/health").await;
    assert_eq!(status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["status"], "ok");
    assert_eq!(json["version"], mutasi_core::version::VERSION);
    assert_eq!(json["database"], "sqlite");
}

#[tokio::test]
async fn unknown_api_path_is_a_json_404() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<html>app</html>").unwrap();
    let (status, body) = get(test_app(Some(dir.path().into())).await, "/api/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["error"], "not_found");
}

#[tokio::test]
async fn client_routes_fall_back_to_index_html() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<html>app shell</html>").unwrap();
    std::fs::write(dir.path().join("app.js"), "console.log(1)").unwrap();
    let router = test_app(Some(dir.path().into())).await;
    let (status, body) = get(router.clone(), "/pegawai/123").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("app shell"));
    let (status, body) = get(router, "/app.js").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "console.log(1)");
}

#[tokio::test]
async fn database_file_is_created_on_first_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/mutasi.db");
    let store = Store::open_sqlite(&path).await.unwrap();
    assert!(path.is_file());
    assert!(store.ping().await.unwrap() >= 1);
}
