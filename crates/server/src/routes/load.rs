//! `POST /api/admin/load`: an admin loads a workbook (`mutasi_core::io::workbook`) into the
//! server: checked again here whatever the app found, compared with the stored data, then (not
//! a dry run) applied through [`crate::load`] as one audited transaction that lands only on the
//! difference the admin approved (`expect`). A workbook with problems answers 422 with every
//! problem's sheet, row, column, value and reason (the first [`PROBLEMS_LISTED`], and the
//! total).

use axum::extract::State;
use axum::Json;
use mutasi_core::text::Text;
use mutasi_core::wire::auth::Role;
use mutasi_core::wire::error::ErrorCode;
use mutasi_core::wire::load::{capped, counts, LoadRequest, LoadResponse};

use crate::auth::Caller;
use crate::db::Actor;
use crate::error::{ApiJson, AppError};
use crate::load::{apply, prepare, Decision, LoadError};
use crate::AppState;

/// Largest workbook accepted (bytes of the JSON body): a city of ~20k employees is ~7 MB.
pub const LOAD_BODY_LIMIT: usize = 64 * 1024 * 1024;

/// Most problems listed in a 422 (the app has them all from its own check).
pub const PROBLEMS_LISTED: usize = 1000;

/// Checks, compares and (unless `dry_run`) applies a workbook.
#[utoipa::path(post, path = "/api/admin/load", tag = "admin", security(("bearer" = [])),
    request_body = LoadRequest,
    responses((status = 200, description = "Read, compared and (unless a dry run) applied", body = LoadResponse),
              (status = 401, description = "No valid session", body = crate::error::ErrorBody),
              (status = 403, description = "Not an admin", body = crate::error::ErrorBody),
              (status = 409, description = "The data changed since the difference was approved", body = crate::error::ErrorBody),
              (status = 422, description = "Problems in the workbook, or a decision missing", body = crate::error::ErrorBody)))]
pub async fn load(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<LoadRequest>,
) -> Result<Json<LoadResponse>, AppError> {
    if caller.user.role != Role::Admin {
        return Err(AppError::Forbidden(Text::new(
            "memuat data hanya untuk admin",
            "loading data is for admins",
        )));
    }
    let files: Vec<(String, Vec<u8>)> = req
        .files
        .into_iter()
        .map(|f| (f.name, f.text.into_bytes()))
        .collect();
    let today = state.clock.now(state.store.as_ref()).await?.date_naive();
    let prepared = prepare(state.store.as_ref(), &files, today)
        .await
        .map_err(load_error)?;
    let mut response = LoadResponse {
        read: prepared.loaded.read.clone(),
        kept: prepared.loaded.kept.iter().map(|s| s.to_string()).collect(),
        counts: counts(&prepared.diff),
        diff: capped(&prepared.diff),
        flags: prepared.flags.clone(),
        applied: None,
    };
    if req.dry_run || prepared.diff.is_empty() {
        return Ok(Json(response));
    }
    if req.expect.as_ref().is_some_and(|e| *e != response.counts) {
        return Err(AppError::Status(
            ErrorCode::Conflict,
            Text::new(
                "data berubah sejak perbandingan yang Anda setujui; periksa perbedaan yang baru",
                "the data changed since the difference you approved; review the new one",
            ),
            serde_json::to_value(&response).unwrap_or_default(),
        ));
    }
    let decision = Decision {
        departed: req.departed,
        remove_org: req.remove_missing,
    };
    let actor = Actor::of(&caller.user);
    let written = apply(state.store.as_ref(), &prepared, decision, &actor)
        .await
        .map_err(load_error)?;
    response.applied = Some(written);
    Ok(Json(response))
}

fn load_error(e: LoadError) -> AppError {
    match e {
        LoadError::Invalid(problems) => {
            let total = problems.len();
            AppError::Status(
                ErrorCode::InvalidBody,
                Text::new(
                    format!("{total} masalah di berkas; tidak ada yang dimuat"),
                    format!("{total} problems in the workbook; nothing loaded"),
                ),
                serde_json::json!({
                    "problems": &problems[..total.min(PROBLEMS_LISTED)],
                    "total": total,
                }),
            )
        }
        LoadError::NeedsDecision(text) => {
            AppError::Status(ErrorCode::InvalidBody, text, serde_json::Value::Null)
        }
        LoadError::Changed => AppError::Status(
            ErrorCode::Conflict,
            Text::new(
                "data berubah saat dimuat; bandingkan ulang",
                "the data changed during the load; compare again",
            ),
            serde_json::Value::Null,
        ),
        LoadError::Store(e) => e.into(),
    }
}
