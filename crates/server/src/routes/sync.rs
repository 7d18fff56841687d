//! `GET /api/sync/pull`, `GET /api/sync/snapshot` and `POST /api/sync/push` (protocol:
//! [`mutasi_core::wire::sync`], [`mutasi_core::wire::snapshot`]).

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use mutasi_core::text::Text;
use mutasi_core::wire::sync::{
    PullQuery, PullResponse, PushRequest, PushResponse, PULL_LIMIT_DEFAULT, PULL_LIMIT_MAX,
    PUSH_MAX_OPS,
};

use crate::auth::Caller;
use crate::db::{Actor, StoreError, Visibility};
use crate::error::{ApiJson, ApiQuery, AppError};
use crate::sync::snapshot as snap;
use crate::sync::{visibility, Checker, OpRefusal};
use crate::AppState;

/// The records the caller may see that changed after `since`, one page.
#[utoipa::path(get, path = "/api/sync/pull", tag = "sync", security(("bearer" = [])),
    params(("since" = Option<u64>, Query, description = "Cursor of the previous pull (0: everything)"),
           ("limit" = Option<u32>, Query, description = "Page size, 1–5000 (default 1000)"),
           ("count" = Option<bool>, Query, description = "Also count the records remaining after the page (`remaining`)")),
    responses((status = 200, description = "One page of changes", body = mutasi_core::wire::sync::PullResponse),
              (status = 400, description = "Bad query", body = crate::error::ErrorBody),
              (status = 401, description = "No valid session", body = crate::error::ErrorBody)))]
pub async fn pull(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<PullQuery>,
) -> Result<Json<PullResponse>, AppError> {
    let limit = query
        .limit
        .unwrap_or(PULL_LIMIT_DEFAULT)
        .clamp(1, PULL_LIMIT_MAX);
    let page = state
        .store
        .pull(&visibility(&caller.user), query.since, limit, query.count)
        .await?;
    Ok(Json(page))
}

/// Every record the caller may see, as of one sequence number, in the compact form of a first
/// sync ([`mutasi_core::wire::snapshot`]): newline-delimited JSON, a head, blocks, a tail.
///
/// Built from the pull's own query from 0 (same visibility filter and redaction), so it holds
/// exactly what pulling every page would, and nothing else.
#[utoipa::path(get, path = "/api/sync/snapshot", tag = "sync", security(("bearer" = [])),
    responses((status = 200, description = "Newline-delimited JSON: a `SnapshotHead`, `Block`s, a `SnapshotTail`", content_type = "application/x-ndjson", body = String),
              (status = 401, description = "No valid session", body = crate::error::ErrorBody)))]
pub async fn snapshot(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let visibility = visibility(&caller.user);
    let brotli = snap::accepts_brotli(&headers);
    let everything = visibility == Visibility::All;
    if everything && brotli {
        if let Some(kept) = state.snapshots.current() {
            // Possibly older than the data: the app pulls what came after its cursor, and this
            // caller may pull every record in it (`sync::snapshot`'s invariant). A newer one is
            // built for the next device if the data changed.
            Arc::clone(&state.snapshots).refresh_in_background(Arc::clone(&state.store), None);
            return Ok(snap::brotli_response(kept.br.clone()));
        }
    }
    let (body, cursor) = snap::build(state.store.as_ref(), &visibility).await?;
    let body: Arc<str> = Arc::from(body);
    if everything {
        Arc::clone(&state.snapshots)
            .refresh_in_background(Arc::clone(&state.store), Some((Arc::clone(&body), cursor)));
    }
    // Sent whole, not page by page as read: streamed, the first byte left after 0.05 s instead
    // of 1.5–3 s, but the compressed body grew from 1.00 to 1.28 MB for the city, more than the
    // head start gains on a slow link (docs/BENCHMARKS.md).
    if brotli {
        let br = snap::compress_blocking(body, snap::QUALITY_FRESH).await;
        return Ok(snap::brotli_response(br));
    }
    Ok(([(header::CONTENT_TYPE, snap::MEDIA_TYPE)], body.to_string()).into_response())
}

/// Applies a batch of ops in order, all or none, each re-checked for the caller.
#[utoipa::path(post, path = "/api/sync/push", tag = "sync", security(("bearer" = [])),
    request_body = mutasi_core::wire::sync::PushRequest,
    responses((status = 200, description = "Every op applied or acknowledged", body = mutasi_core::wire::sync::PushResponse),
              (status = 400, description = "Malformed JSON", body = crate::error::ErrorBody),
              (status = 401, description = "No valid session", body = crate::error::ErrorBody),
              (status = 403, description = "An op is outside the caller's role or scope", body = crate::error::ErrorBody),
              (status = 404, description = "An op names an unknown employee, slot or proposal", body = crate::error::ErrorBody),
              (status = 409, description = "Stale base version (details: the server's record) or reused op id", body = crate::error::ErrorBody),
              (status = 413, description = "Body too large", body = crate::error::ErrorBody),
              (status = 422, description = "Wrong types, invalid op, a workflow step not possible in the proposal's status or outside the submission months, or a move that breaks a rule (details: the verdicts)", body = crate::error::ErrorBody)))]
pub async fn push(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<PushRequest>,
) -> Result<Json<PushResponse>, AppError> {
    if req.ops.is_empty() || req.ops.len() > PUSH_MAX_OPS {
        return Err(AppError::BadRequest(Text::new(
            format!("satu push berisi 1–{PUSH_MAX_OPS} operasi"),
            format!("a push holds 1–{PUSH_MAX_OPS} ops"),
        )));
    }
    for (index, op) in req.ops.iter().enumerate() {
        let v7 = uuid::Uuid::parse_str(&op.id).is_ok_and(|u| u.get_version_num() == 7);
        if !v7 {
            return Err(OpRefusal::Invalid {
                op: op.id.chars().take(64).collect(),
                index,
                why: Text::new("id operasi harus UUID v7", "op id must be a UUID v7"),
            }
            .into());
        }
    }
    let user = caller.user;
    let actor = Actor::of(&user);
    let now = state.clock.now(state.store.as_ref()).await?;
    // Checked on the data as committed: when an inauguration or an import commits between
    // reading the dataset and taking the writers' lock, the store says so and the push is
    // checked again on the new data.
    for _ in 0..STALE_RETRIES {
        let current = state.dataset.get(state.store.as_ref()).await?;
        let check = Arc::new(Checker::new(
            user.clone(),
            current.ds,
            current.generation,
            now,
        ));
        match state.store.push(&actor, &req.ops, check).await {
            Err(StoreError::Stale(_)) => continue,
            Ok(results) => return Ok(Json(PushResponse { results })),
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::Busy(1))
}

/// How many times a push is checked again on newer data before the client is asked to retry.
const STALE_RETRIES: usize = 5;
