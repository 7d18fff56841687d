//! Typed HTTP client for the server's JSON API (gloo-net; `reqwasm` is only an old re-export of
//! it). Transport failures (no network, server down) are kept apart from errors the server
//! reported, so the UI can tell "offline" from "the server said no".

use gloo_net::http::{Request, RequestBuilder, Response};
use mutasi_core::text::Text;
use mutasi_core::wire::accounts::{
    AccessRequest, AccountEntry, AccountList, ActivateRequest, ActiveRequest, IssuedCodes,
    RosterScope,
};
use mutasi_core::wire::auth::{LoginRequest, LoginResponse};
use mutasi_core::wire::error::{ErrorBody, ErrorCode};
use mutasi_core::wire::sync::{
    AuditFilter, AuditPage, Conflict, Op, PullResponse, PushRequest, PushResponse, Refusal,
};
use mutasi_core::wire::Health;
use serde::de::DeserializeOwned;

/// Why a request did not produce the expected answer.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The request never got an HTTP answer (offline, server down, connection reset).
    Transport(String),
    /// The session is missing, expired or revoked: log in again.
    Unauthorized(String),
    /// The server answered with another error: its body (`mutasi_core::wire::error`), whose
    /// `error` code is what the app decides on (made up from the status when the answer had no
    /// such body, e.g. from a proxy).
    Server(ErrorBody),
    /// The server answered 2xx with a body we could not read.
    Decode(String),
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(crate::lang::current()))
    }
}

impl ApiError {
    /// What went wrong, for the user, in `locale`.
    pub fn describe(&self, locale: crate::i18n::Locale) -> String {
        use crate::i18n::*;
        match self {
            ApiError::Transport(e) => {
                td_string!(locale, common.errors.unreachable, err = e).to_string()
            }
            ApiError::Unauthorized(_) => td_string!(locale, common.errors.session).to_string(),
            ApiError::Server(body) => match body.error {
                ErrorCode::LoginFailed => {
                    td_string!(locale, common.errors.login_failed).to_string()
                }
                ErrorCode::TooManyRequests => {
                    let secs = body.retry_after().unwrap_or(0);
                    td_string!(locale, common.errors.too_many, secs).to_string()
                }
                // Other refusals carry the server's own message, in the chosen language.
                _ => self.server_message(locale).unwrap_or_default(),
            },
            ApiError::Decode(e) => {
                td_string!(locale, common.errors.unreadable, err = e).to_string()
            }
        }
    }

    /// The server's own message in `locale`, or None when the error did not come from the
    /// server.
    pub fn server_message(&self, locale: crate::i18n::Locale) -> Option<String> {
        let ApiError::Server(body) = self else {
            return None;
        };
        Some(crate::lang::text_in(&body.text, locale).to_string())
    }
}

fn with_token(builder: RequestBuilder, token: &str) -> RequestBuilder {
    builder.header("Authorization", &format!("Bearer {token}"))
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        return response
            .json::<T>()
            .await
            .map_err(|e| ApiError::Decode(e.to_string()));
    }
    Err(failure(response).await)
}

/// The error a response that is not OK reports.
async fn failure(response: Response) -> ApiError {
    let (status, status_text) = (response.status(), response.status_text());
    let body = response
        .json::<ErrorBody>()
        .await
        .unwrap_or_else(|_| ErrorBody::from_status(status, &status_text));
    if body.error == ErrorCode::Unauthorized {
        return ApiError::Unauthorized(body.message);
    }
    ApiError::Server(body)
}

fn transport(e: gloo_net::Error) -> ApiError {
    ApiError::Transport(e.to_string())
}

/// Sends `body` as JSON and reads the answer.
async fn send_json<B: serde::Serialize, T: DeserializeOwned>(
    builder: RequestBuilder,
    body: &B,
) -> Result<T, ApiError> {
    let request = builder
        .json(body)
        .map_err(|e| ApiError::Decode(e.to_string()))?;
    read(request.send().await.map_err(transport)?).await
}

/// `GET /api/health`.
pub async fn health() -> Result<Health, ApiError> {
    let response = Request::get("/api/health")
        .send()
        .await
        .map_err(transport)?;
    read(response).await
}

/// `POST /api/auth/login`.
pub async fn login(username: &str, password: &str) -> Result<LoginResponse, ApiError> {
    let body = LoginRequest {
        username: username.into(),
        password: password.into(),
    };
    send_json(Request::post("/api/auth/login"), &body).await
}

/// `POST /api/auth/logout`: ends the session on the server.
pub async fn logout(token: &str) -> Result<(), ApiError> {
    let response = with_token(Request::post("/api/auth/logout"), token)
        .send()
        .await
        .map_err(transport)?;
    if response.ok() {
        Ok(())
    } else {
        read::<serde_json::Value>(response).await.map(|_| ())
    }
}

/// `GET /api/sync/pull?since=&limit=`.
/// One page of the pull from `since`; with `count`, the server says how many records remain.
pub async fn pull(token: &str, since: u64, limit: u32, count: bool) -> Result<Pulled, ApiError> {
    let url = format!("/api/sync/pull?since={since}&limit={limit}&count={count}");
    let response = with_token(Request::get(&url), token)
        .send()
        .await
        .map_err(transport)?;
    if !response.ok() {
        return Err(failure(response).await);
    }
    let text = response.text().await.map_err(transport)?;
    let page = serde_json::from_str(&text).map_err(|e| ApiError::Decode(e.to_string()))?;
    Ok(Pulled {
        page,
        bytes: text.len() as u64,
    })
}

/// Asks for the caller's snapshot (`GET /api/sync/snapshot`, the first sync's compact form):
/// the response, whose body the caller reads as it arrives. `Ok(None)`: the server has no
/// snapshot (an older server), pull page by page instead.
pub async fn snapshot(token: &str) -> Result<Option<Response>, ApiError> {
    let response = with_token(Request::get("/api/sync/snapshot"), token)
        .send()
        .await
        .map_err(transport)?;
    if response.status() == 404 {
        return Ok(None);
    }
    if !response.ok() {
        return Err(failure(response).await);
    }
    let ndjson = response
        .headers()
        .get("content-type")
        .is_some_and(|t| t.starts_with("application/x-ndjson"));
    Ok(ndjson.then_some(response))
}

/// A pulled page and the size of its JSON body, for the first sync's progress.
#[derive(Debug, Clone, PartialEq)]
pub struct Pulled {
    pub page: PullResponse,
    pub bytes: u64,
}

/// What became of a pushed batch.
#[derive(Debug, Clone, PartialEq)]
pub enum PushOutcome {
    /// Every op was applied (or acknowledged as already applied).
    Accepted(PushResponse),
    /// Nothing was applied: one op was made on a version or state the server no longer has.
    Conflict(Conflict),
    /// Nothing was applied: one op breaks a rule.
    Refused(Refusal),
    /// Nothing was applied: the server will not take the op at `index` as it is (outside the
    /// caller's role or scope, naming something unknown, or not possible in its state or
    /// today); `why` is the server's message.
    Rejected { index: usize, why: Text },
    /// Nothing was applied: the server could not read the batch (too large for its body limit,
    /// or not in the shape it expects, e.g. an op queued by another version of the app) and
    /// cannot say which op is at fault.
    Unreadable { why: Text },
}

/// What a refused push means for the outbox, by the error's code: a conflict or a rule
/// refusal with their details, one op the server will never take as it is (set it aside), or
/// a body it cannot read (send smaller batches). None: keep the outbox and retry later.
pub fn push_refusal(error: &ApiError) -> Option<PushOutcome> {
    let ApiError::Server(body) = error else {
        return None;
    };
    if let Some(c) = body.conflict() {
        return Some(PushOutcome::Conflict(c));
    }
    if let Some(r) = body.refusal() {
        return Some(PushOutcome::Refused(r));
    }
    if let Some(one) = body.op() {
        return Some(PushOutcome::Rejected {
            index: one.index,
            why: body.text.clone(),
        });
    }
    body.error
        .refuses_the_body()
        .then(|| PushOutcome::Unreadable {
            why: body.text.clone(),
        })
}

/// `POST /api/sync/push`.
pub async fn push(token: &str, ops: &[Op]) -> Result<PushOutcome, ApiError> {
    let body = PushRequest { ops: ops.to_vec() };
    let request = with_token(Request::post("/api/sync/push"), token)
        .json(&body)
        .map_err(|e| ApiError::Decode(e.to_string()))?;
    match read::<PushResponse>(request.send().await.map_err(transport)?).await {
        Ok(accepted) => Ok(PushOutcome::Accepted(accepted)),
        Err(e) => push_refusal(&e).ok_or(e),
    }
}

/// `POST /api/admin/load` (admins): check, compare and (unless a dry run) apply a workbook.
pub async fn admin_load(
    token: &str,
    req: &mutasi_core::wire::load::LoadRequest,
) -> Result<mutasi_core::wire::load::LoadResponse, ApiError> {
    send_json(with_token(Request::post("/api/admin/load"), token), req).await
}

/// The query pairs of an audit filter (only the filters that are set).
pub fn audit_query(filter: &AuditFilter) -> Vec<(&'static str, String)> {
    let mut q = Vec::new();
    let text = |v: &Option<String>| {
        v.as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    if let Some(v) = text(&filter.nip) {
        q.push(("nip", v));
    }
    if let Some(v) = text(&filter.unit) {
        q.push(("unit", v));
    }
    if let Some(v) = text(&filter.actor) {
        q.push(("actor", v));
    }
    if let Some(v) = filter.from {
        q.push(("from", v.to_string()));
    }
    if let Some(v) = filter.to {
        q.push(("to", v.to_string()));
    }
    q
}

/// `GET /api/audit?since=&limit=&nip=&unit=&actor=&from=&to=` (admins and approvers).
pub async fn audit(
    token: &str,
    filter: &AuditFilter,
    since: u64,
    limit: u32,
) -> Result<AuditPage, ApiError> {
    let mut query = audit_query(filter);
    query.push(("since", since.to_string()));
    query.push(("limit", limit.to_string()));
    let request = with_token(Request::get("/api/audit"), token).query(query);
    read(request.send().await.map_err(transport)?).await
}

/// `GET /api/audit.csv` with the same filters: every matching entry as CSV text.
pub async fn audit_csv(token: &str, filter: &AuditFilter) -> Result<String, ApiError> {
    let request = with_token(Request::get("/api/audit.csv"), token).query(audit_query(filter));
    let response = request.send().await.map_err(transport)?;
    if response.ok() {
        return response
            .text()
            .await
            .map_err(|e| ApiError::Decode(e.to_string()));
    }
    // Not 2xx: `read` turns the error body into the error.
    match read::<serde_json::Value>(response).await {
        Err(e) => Err(e),
        Ok(_) => Err(ApiError::Decode("unexpected answer".into())),
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    fn server(code: ErrorCode, details: serde_json::Value) -> ApiError {
        ApiError::Server(ErrorBody::new(
            code,
            Text::new("Tidak diizinkan: x", "Forbidden: x"),
            details,
        ))
    }

    #[test]
    fn only_a_refusal_naming_one_op_sets_that_op_aside() {
        let one = serde_json::json!({"op": "o", "index": 1});
        for code in [
            ErrorCode::Forbidden,
            ErrorCode::NotFound,
            ErrorCode::InvalidOp,
        ] {
            assert_eq!(
                push_refusal(&server(code, one.clone())),
                Some(PushOutcome::Rejected {
                    index: 1,
                    why: Text::new("Tidak diizinkan: x", "Forbidden: x"),
                }),
                "{code}"
            );
        }
        // Errors that are not about one op keep the whole outbox waiting (and retried).
        let none = [
            server(ErrorCode::Forbidden, serde_json::Value::Null),
            server(ErrorCode::OpIdReused, serde_json::json!({"op": "o"})),
            server(ErrorCode::Internal, one.clone()),
            ApiError::Server(ErrorBody::from_status(500, "Internal Server Error")),
            ApiError::Transport("offline".into()),
        ];
        for e in none {
            assert_eq!(push_refusal(&e), None, "{e:?}");
        }
    }

    #[test]
    fn a_refusal_of_the_whole_body_asks_for_smaller_batches() {
        let why = Text::new("Tidak diizinkan: x", "Forbidden: x");
        for code in [
            ErrorCode::PayloadTooLarge,
            ErrorCode::InvalidBody,
            ErrorCode::BadRequest,
        ] {
            assert_eq!(
                push_refusal(&server(code, serde_json::Value::Null)),
                Some(PushOutcome::Unreadable { why: why.clone() }),
                "{code}"
            );
        }
        // A 413 from a layer in front of the server, without the JSON body, reads the same.
        assert!(matches!(
            push_refusal(&ApiError::Server(ErrorBody::from_status(
                413,
                "Payload Too Large"
            ))),
            Some(PushOutcome::Unreadable { .. })
        ));
        // Anything else is not about the body: retried (or handled as one op's refusal).
        let others = [
            server(ErrorCode::Forbidden, serde_json::Value::Null),
            server(ErrorCode::Internal, serde_json::Value::Null),
            ApiError::Unauthorized("x".into()),
            ApiError::Transport("offline".into()),
        ];
        for e in others {
            assert!(
                !matches!(push_refusal(&e), Some(PushOutcome::Unreadable { .. })),
                "{e:?}"
            );
        }
    }

    #[test]
    fn the_servers_message_follows_the_chosen_language() {
        let e = server(ErrorCode::Forbidden, serde_json::Value::Null);
        assert_eq!(
            e.server_message(crate::i18n::Locale::id).as_deref(),
            Some("Tidak diizinkan: x")
        );
        assert_eq!(
            e.server_message(crate::i18n::Locale::en).as_deref(),
            Some("Forbidden: x")
        );
        assert_eq!(
            ApiError::Transport("x".into()).server_message(crate::i18n::Locale::id),
            None
        );
        // A wrong password is told as such, not as an expired session.
        let wrong = server(ErrorCode::LoginFailed, serde_json::Value::Null);
        assert_eq!(
            wrong.describe(crate::i18n::Locale::en),
            "Wrong username or password"
        );
    }
}

/// `POST /api/auth/activate`: the first login of an account made from the roster (NIP, the
/// one-time code, the new password); answers like a login.
pub async fn activate(
    nip: &str,
    code: &str,
    new_password: &str,
) -> Result<LoginResponse, ApiError> {
    let body = ActivateRequest {
        nip: nip.into(),
        code: code.into(),
        new_password: new_password.into(),
    };
    send_json(Request::post("/api/auth/activate"), &body).await
}

/// `GET /api/admin/accounts` (admins): every account.
pub async fn admin_accounts(token: &str) -> Result<AccountList, ApiError> {
    let request = with_token(Request::get("/api/admin/accounts"), token);
    read(request.send().await.map_err(transport)?).await
}

/// `POST /api/admin/accounts/<path>` (admins) with a JSON body.
async fn admin_account_post<B: serde::Serialize, T: DeserializeOwned>(
    token: &str,
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    let url = format!("/api/admin/accounts/{path}");
    send_json(with_token(Request::post(&url), token), body).await
}

/// `POST /api/admin/accounts/roster`: accounts for the roster, with their codes (shown once).
pub async fn admin_roster(token: &str, scope: &RosterScope) -> Result<IssuedCodes, ApiError> {
    admin_account_post(token, "roster", scope).await
}

/// `POST /api/admin/accounts/{username}/reset`: a new code for one account.
pub async fn admin_reset(token: &str, username: &str) -> Result<IssuedCodes, ApiError> {
    let path = format!("{}/reset", urlencoding(username));
    admin_account_post(token, &path, &serde_json::json!({})).await
}

/// `POST /api/admin/accounts/{username}/access`: a new role and scope.
pub async fn admin_access(
    token: &str,
    username: &str,
    req: &AccessRequest,
) -> Result<AccountEntry, ApiError> {
    let path = format!("{}/access", urlencoding(username));
    admin_account_post(token, &path, req).await
}

/// `POST /api/admin/accounts/{username}/active`: disable or enable.
pub async fn admin_active(
    token: &str,
    username: &str,
    active: bool,
) -> Result<AccountEntry, ApiError> {
    let path = format!("{}/active", urlencoding(username));
    admin_account_post(token, &path, &ActiveRequest { active }).await
}

/// A username as a path segment (usernames are letters, digits, `.`, `_`, `-`; anything else
/// is percent-encoded).
fn urlencoding(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'_' | b'-' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
