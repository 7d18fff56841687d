//! `GET /api/audit` and `GET /api/audit.csv`: the append-only audit trail, for admins and
//! approvers, filtered by person (NIP), unit (OPD), account and period.

use axum::body::Body;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::StreamExt;
use mutasi_core::io::formula::CsvOut;
use mutasi_core::text::Text;
use mutasi_core::wire::auth::Role;
use mutasi_core::wire::sync::{AuditEntry, AuditFilter, AuditPage};
use serde::Deserialize;

use crate::auth::Caller;
use crate::error::{ApiQuery, AppError};
use crate::AppState;

/// `?since=&limit=&nip=&unit=&actor=&from=&to=`.
#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    /// Entries with a larger id (0: from the start).
    #[serde(default)]
    pub since: u64,
    /// Page size, 1–1000 (default 200).
    #[serde(default)]
    pub limit: Option<u32>,
    /// Only changes concerning this NIP.
    #[serde(default)]
    pub nip: Option<String>,
    /// Only changes touching this OPD.
    #[serde(default)]
    pub unit: Option<String>,
    /// Only changes by this account.
    #[serde(default)]
    pub actor: Option<String>,
    /// From this day (inclusive).
    #[serde(default)]
    pub from: Option<chrono::NaiveDate>,
    /// Up to this day (inclusive).
    #[serde(default)]
    pub to: Option<chrono::NaiveDate>,
}

impl AuditQuery {
    /// The filters of the query (serde's `flatten` would break the numbers of a query string).
    pub fn filter(&self) -> AuditFilter {
        AuditFilter {
            nip: self.nip.clone(),
            unit: self.unit.clone(),
            actor: self.actor.clone(),
            from: self.from,
            to: self.to,
        }
    }
}

fn allowed(caller: &Caller) -> Result<(), AppError> {
    if matches!(caller.user.role, Role::Admin | Role::Approver) {
        Ok(())
    } else {
        Err(AppError::Forbidden(Text::new(
            "jejak audit hanya untuk admin dan approver",
            "the audit trail is for admins and approvers",
        )))
    }
}

fn check_filter(f: &AuditFilter) -> Result<(), AppError> {
    let long = [&f.nip, &f.unit, &f.actor]
        .into_iter()
        .flatten()
        .any(|s| s.len() > 64);
    if long {
        return Err(AppError::BadRequest(Text::new(
            "filter terlalu panjang (maksimal 64)",
            "filter too long (at most 64)",
        )));
    }
    if let (Some(a), Some(b)) = (f.from, f.to) {
        if a > b {
            return Err(AppError::BadRequest(Text::new(
                "periode: from setelah to",
                "period: from after to",
            )));
        }
    }
    Ok(())
}

/// Entries after `since` that pass the filters, oldest first.
#[utoipa::path(get, path = "/api/audit", tag = "audit", security(("bearer" = [])),
    params(("since" = Option<u64>, Query, description = "Last entry id seen (0: from the start)"),
           ("limit" = Option<u32>, Query, description = "Page size, 1–1000 (default 200)"),
           ("nip" = Option<String>, Query, description = "Only changes concerning this NIP"),
           ("unit" = Option<String>, Query, description = "Only changes touching this OPD (unit id)"),
           ("actor" = Option<String>, Query, description = "Only changes by this account"),
           ("from" = Option<String>, Query, description = "From this day, YYYY-MM-DD (UTC, inclusive)"),
           ("to" = Option<String>, Query, description = "Up to this day, YYYY-MM-DD (UTC, inclusive)")),
    responses((status = 200, description = "One page of the trail", body = mutasi_core::wire::sync::AuditPage),
              (status = 400, description = "Bad filter", body = crate::error::ErrorBody),
              (status = 401, description = "No valid session", body = crate::error::ErrorBody),
              (status = 403, description = "Not an admin or approver", body = crate::error::ErrorBody)))]
pub async fn audit(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> Result<Json<AuditPage>, AppError> {
    allowed(&caller)?;
    let filter = query.filter();
    check_filter(&filter)?;
    let limit = query.limit.unwrap_or(200).clamp(1, 1000);
    Ok(Json(state.store.audit(&filter, query.since, limit).await?))
}

/// Every entry that passes the filters, oldest first, as CSV streamed page by page (no cap):
/// `id,at,actor,role,action,target,nip,opd,reason,seq,op,change`. Cells a spreadsheet would run
/// as a formula are neutralised ([`mutasi_core::io::formula`]). A database failure mid-way
/// aborts the response, so a download is never silently short.
#[utoipa::path(get, path = "/api/audit.csv", tag = "audit", security(("bearer" = [])),
    params(("nip" = Option<String>, Query, description = "Only changes concerning this NIP"),
           ("unit" = Option<String>, Query, description = "Only changes touching this OPD (unit id)"),
           ("actor" = Option<String>, Query, description = "Only changes by this account"),
           ("from" = Option<String>, Query, description = "From this day, YYYY-MM-DD (UTC, inclusive)"),
           ("to" = Option<String>, Query, description = "Up to this day, YYYY-MM-DD (UTC, inclusive)")),
    responses((status = 200, description = "The trail as CSV", content_type = "text/csv", body = String),
              (status = 400, description = "Bad filter", body = crate::error::ErrorBody),
              (status = 401, description = "No valid session", body = crate::error::ErrorBody),
              (status = 403, description = "Not an admin or approver", body = crate::error::ErrorBody)))]
pub async fn audit_csv(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(filter): ApiQuery<AuditFilter>,
) -> Result<Response, AppError> {
    allowed(&caller)?;
    check_filter(&filter)?;
    // The first page is read before answering, so a failing database is a proper 500.
    let first = state.store.audit(&filter, 0, CSV_PAGE).await?;
    let mut header = CsvOut::default();
    header.row(CSV_COLUMNS);
    let head = header.take();
    let store = state.store.clone();
    let pages = futures_util::stream::unfold(Some(first), move |page| {
        let store = store.clone();
        let filter = filter.clone();
        async move {
            let page = page?;
            let next = if page.more {
                match store.audit(&filter, page.cursor, CSV_PAGE).await {
                    Ok(p) => Some(p),
                    Err(e) => {
                        tracing::error!(error = %e, "audit export failed mid-way");
                        return Some((Err(std::io::Error::other("audit export failed")), None));
                    }
                }
            } else {
                None
            };
            Some((Ok(csv_rows(&page.entries)), next))
        }
    });
    // Fused: the HTTP layer may ask again after the end.
    let body = futures_util::stream::once(async move { Ok(head) })
        .chain(pages)
        .fuse();
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"audit.csv\"",
            ),
        ],
        Body::from_stream(body),
    )
        .into_response())
}

/// Rows per page of the CSV export.
pub const CSV_PAGE: u32 = 1000;

/// The columns of the CSV export.
pub const CSV_COLUMNS: [&str; 12] = [
    "id", "at", "actor", "role", "action", "target", "nip", "opd", "reason", "seq", "op", "change",
];

/// The entries as CSV rows (no header), every cell neutralised.
pub fn csv_rows(entries: &[AuditEntry]) -> Vec<u8> {
    let mut w = CsvOut::default();
    for e in entries {
        w.row([
            e.id.to_string(),
            e.at.clone(),
            e.actor.clone(),
            e.role.to_string(),
            e.action.clone(),
            e.target.clone(),
            e.nip.clone().unwrap_or_default(),
            e.opd.join(" "),
            e.reason.clone().unwrap_or_default(),
            e.seq.to_string(),
            e.op.clone(),
            e.change.to_string(),
        ]);
    }
    w.take()
}
