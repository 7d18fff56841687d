//! Typed HTTP client for the server's JSON API (gloo-net; `reqwasm` is only an old re-export of
//! it). Transport failures (no network, server down) are kept apart from errors the server
//! reported, so the UI can tell "offline" from "the server said no".

use gloo_net::http::{Request, RequestBuilder, Response};
use mutasi_core::text::Text;
use mutasi_core::wire::auth::{LoginRequest, LoginResponse};
use mutasi_core::wire::sync::{
    AuditFilter, AuditPage, Conflict, Op, PullResponse, PushRequest, PushResponse, Refusal,
};
use mutasi_core::wire::Health;
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// Why a request did not produce the expected answer.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The request never got an HTTP answer (offline, server down, connection reset).
    Transport(String),
    /// The session is missing, expired or revoked: log in again.
    Unauthorized(String),
    /// The server answered with another error status; `error` is its stable code, `text` its
    /// message in each language (None from a server that sent only the one-line `message`).
    Server {
        status: u16,
        error: String,
        message: String,
        text: Option<Text>,
        details: serde_json::Value,
    },
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
            ApiError::Server { error, .. } if error == "login_failed" => {
                td_string!(locale, common.errors.login_failed).to_string()
            }
            ApiError::Server { error, details, .. } if error == "too_many_requests" => {
                let secs = details["retry_after"].as_u64().unwrap_or(0);
                td_string!(locale, common.errors.too_many, secs).to_string()
            }
            // Other refusals carry the server's own message, in the chosen language.
            ApiError::Server { .. } => self.server_message(locale).unwrap_or_default(),
            ApiError::Decode(e) => {
                td_string!(locale, common.errors.unreadable, err = e).to_string()
            }
        }
    }

    /// The server's own message in `locale` (its one-line message from an older server), or
    /// None when the error did not come from the server.
    pub fn server_message(&self, locale: crate::i18n::Locale) -> Option<String> {
        let ApiError::Server { message, text, .. } = self else {
            return None;
        };
        Some(match text {
            Some(t) => crate::lang::text_in(t, locale).to_string(),
            None => message.clone(),
        })
    }
}

/// The JSON body of every error the server returns.
#[derive(Debug, Deserialize)]
struct ErrorBody {
    error: String,
    message: String,
    #[serde(default)]
    text: Option<Text>,
    #[serde(default)]
    details: serde_json::Value,
}

fn with_token(builder: RequestBuilder, token: &str) -> RequestBuilder {
    builder.header("Authorization", &format!("Bearer {token}"))
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    if response.ok() {
        return response
            .json::<T>()
            .await
            .map_err(|e| ApiError::Decode(e.to_string()));
    }
    let body = response.json::<ErrorBody>().await.ok();
    let (error, message, text, details) = match body {
        Some(b) => (b.error, b.message, b.text, b.details),
        None => (
            "unknown".into(),
            response.status_text(),
            None,
            serde_json::Value::Null,
        ),
    };
    if status == 401 {
        return Err(ApiError::Unauthorized(message));
    }
    Err(ApiError::Server {
        status,
        error,
        message,
        text,
        details,
    })
}

fn transport(e: gloo_net::Error) -> ApiError {
    ApiError::Transport(e.to_string())
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
    let request = Request::post("/api/auth/login")
        .json(&body)
        .map_err(|e| ApiError::Decode(e.to_string()))?;
    read(request.send().await.map_err(transport)?).await
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
pub async fn pull(token: &str, since: u64, limit: u32) -> Result<PullResponse, ApiError> {
    let url = format!("/api/sync/pull?since={since}&limit={limit}");
    let response = with_token(Request::get(&url), token)
        .send()
        .await
        .map_err(transport)?;
    read(response).await
}

/// What became of a pushed batch.
#[derive(Debug, Clone, PartialEq)]
pub enum PushOutcome {
    /// Every op was applied (or acknowledged as already applied).
    Accepted(PushResponse),
    /// Nothing was applied: one op was made on a stale version.
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

/// The op a refusal (403, 404 or 422 `invalid_op`) names, with the server's message: such an op
/// will never go through as it is, so it must be set aside rather than retried.
fn rejected_op(error: &ApiError) -> Option<PushOutcome> {
    let ApiError::Server {
        status: 403 | 404 | 422,
        message,
        text,
        details,
        ..
    } = error
    else {
        return None;
    };
    let index = usize::try_from(details.get("index")?.as_u64()?).ok()?;
    let why = refusal_text(text, message);
    Some(PushOutcome::Rejected { index, why })
}

/// A refusal of the push body as a whole (413 `payload_too_large`, 422 `invalid_body`, 400
/// `bad_request`): retrying the same batch would only be refused again.
fn unreadable(error: &ApiError) -> Option<PushOutcome> {
    let ApiError::Server {
        status,
        error,
        message,
        text,
        ..
    } = error
    else {
        return None;
    };
    let whole_body = matches!(
        (*status, error.as_str()),
        (413, _) | (422, "invalid_body") | (400, "bad_request")
    );
    whole_body.then(|| PushOutcome::Unreadable {
        why: refusal_text(text, message),
    })
}

/// The server's reason in both languages, or its one-line message when it sent no `text`.
fn refusal_text(text: &Option<Text>, message: &str) -> Text {
    text.clone().unwrap_or_else(|| Text::same(message))
}

/// `POST /api/sync/push`.
pub async fn push(token: &str, ops: &[Op]) -> Result<PushOutcome, ApiError> {
    let body = PushRequest { ops: ops.to_vec() };
    let request = with_token(Request::post("/api/sync/push"), token)
        .json(&body)
        .map_err(|e| ApiError::Decode(e.to_string()))?;
    match read::<PushResponse>(request.send().await.map_err(transport)?).await {
        Ok(accepted) => Ok(PushOutcome::Accepted(accepted)),
        Err(ApiError::Server {
            status: 409,
            details,
            ..
        }) if serde_json::from_value::<Conflict>(details.clone()).is_ok() => Ok(
            PushOutcome::Conflict(serde_json::from_value(details).expect("checked above")),
        ),
        Err(ApiError::Server {
            status: 422,
            details,
            ..
        }) if serde_json::from_value::<Refusal>(details.clone()).is_ok() => Ok(
            PushOutcome::Refused(serde_json::from_value(details).expect("checked above")),
        ),
        Err(other) => rejected_op(&other)
            .or_else(|| unreadable(&other))
            .ok_or(other),
    }
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

    fn server(status: u16, error: &str, details: serde_json::Value) -> ApiError {
        ApiError::Server {
            status,
            error: error.into(),
            message: "Tidak diizinkan: x / Forbidden: x".into(),
            text: Some(Text::new("Tidak diizinkan: x", "Forbidden: x")),
            details,
        }
    }

    #[test]
    fn only_a_refusal_naming_one_op_sets_that_op_aside() {
        let one = serde_json::json!({"op": "o", "index": 1});
        for (status, code) in [(403, "forbidden"), (404, "not_found"), (422, "invalid_op")] {
            assert_eq!(
                rejected_op(&server(status, code, one.clone())),
                Some(PushOutcome::Rejected {
                    index: 1,
                    why: Text::new("Tidak diizinkan: x", "Forbidden: x"),
                }),
                "{code}"
            );
        }
        // Errors that are not about one op keep the whole outbox waiting (and retried).
        let none = [
            server(403, "forbidden", serde_json::Value::Null),
            server(409, "op_id_reused", serde_json::json!({"op": "o"})),
            server(500, "internal", one.clone()),
            server(413, "payload_too_large", one),
            ApiError::Transport("offline".into()),
        ];
        for e in none {
            assert_eq!(rejected_op(&e), None, "{e:?}");
        }
    }

    #[test]
    fn a_refusal_of_the_whole_body_asks_for_smaller_batches() {
        let why = Text::new("Tidak diizinkan: x", "Forbidden: x");
        for (status, code) in [
            (413, "payload_too_large"),
            (422, "invalid_body"),
            (400, "bad_request"),
        ] {
            assert_eq!(
                unreadable(&server(status, code, serde_json::Value::Null)),
                Some(PushOutcome::Unreadable { why: why.clone() }),
                "{code}"
            );
        }
        // Anything else is not about the body: retried (or handled as one op's refusal).
        let others = [
            server(
                422,
                "invalid_op",
                serde_json::json!({"op": "o", "index": 0}),
            ),
            server(403, "forbidden", serde_json::Value::Null),
            server(500, "internal", serde_json::Value::Null),
            server(401, "unauthorized", serde_json::Value::Null),
            ApiError::Transport("offline".into()),
        ];
        for e in others {
            assert_eq!(unreadable(&e), None, "{e:?}");
        }
    }

    #[test]
    fn the_servers_message_follows_the_chosen_language() {
        let e = server(403, "forbidden", serde_json::Value::Null);
        assert_eq!(
            e.server_message(crate::i18n::Locale::id).as_deref(),
            Some("Tidak diizinkan: x")
        );
        assert_eq!(
            e.server_message(crate::i18n::Locale::en).as_deref(),
            Some("Forbidden: x")
        );
        // An older server sent only the one line.
        let old = ApiError::Server {
            status: 403,
            error: "forbidden".into(),
            message: "a / b".into(),
            text: None,
            details: serde_json::Value::Null,
        };
        assert_eq!(
            old.server_message(crate::i18n::Locale::en).as_deref(),
            Some("a / b")
        );
        assert_eq!(
            ApiError::Transport("x".into()).server_message(crate::i18n::Locale::id),
            None
        );
    }
}
