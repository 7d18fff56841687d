//! `POST /api/auth/login`, `POST /api/auth/activate`, `POST /api/auth/logout`,
//! `GET /api/auth/me`.

use mutasi_core::text::Text;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::{Extension, Json};
use mutasi_core::wire::accounts::{ActivateRequest, ActivationCode};
use mutasi_core::wire::auth::{Account, LoginRequest, LoginResponse};

use crate::accounts::{dummy_code_hash, rfc3339};

use crate::auth::client::{address_group, client_addr};
use crate::auth::password::Busy;
use crate::auth::throttle::{account_key, address_key, Step};
use crate::auth::{
    check_password_strength, dummy_hash, hash_password, new_token, token_hash, Caller,
    SESSION_HOURS,
};
use crate::db::{Actor, NewAudit, StoreError, User};
use crate::error::{ApiJson, AppError};
use crate::AppState;

/// The wire view of an account.
pub fn account(user: &User) -> Account {
    Account {
        username: user.username.clone(),
        role: user.role,
        nip: user.nip.clone(),
        scope: user.scope.clone(),
    }
}

/// Checks the password and opens a session. The attempt is counted by the throttle first (per
/// account and per client address, in the database), then the password is verified by the
/// bounded verifier (a dummy hash when the account does not exist, so both take as long).
#[utoipa::path(post, path = "/api/auth/login", tag = "auth",
    request_body = mutasi_core::wire::auth::LoginRequest,
    responses((status = 200, description = "Logged in", body = mutasi_core::wire::auth::LoginResponse),
              (status = 400, description = "Malformed request", body = crate::error::ErrorBody),
              (status = 401, description = "Wrong username or password", body = crate::error::ErrorBody),
              (status = 429, description = "Too many attempts for this account or address (Retry-After)", body = crate::error::ErrorBody),
              (status = 503, description = "Too many logins being checked at once (Retry-After)", body = crate::error::ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, AppError> {
    if req.username.is_empty() || req.username.len() > 64 || req.password.len() > 1024 {
        return Err(AppError::BadRequest(Text::new(
            "nama pengguna atau kata sandi tidak wajar",
            "implausible username or password",
        )));
    }
    let keys = Keys::new(&state, &req.username, peer, &headers);
    keys.attempt(&state).await?;
    let user = match state.store.user_by_name(&req.username).await {
        Ok(u) => Some(u),
        Err(StoreError::NotFound(_)) => None,
        Err(e) => return Err(e.into()),
    };
    // An account waiting for its activation has no password: checked against the dummy too.
    let phc = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| dummy_hash().to_string());
    let ok = match state.verifier.verify(req.password.clone(), phc).await {
        Ok(ok) => ok,
        Err(Busy(secs)) => {
            // Not this client's failure: take the attempt back.
            keys.take_back(&state, false).await?;
            return Err(AppError::Busy(secs));
        }
    };
    let user = match user {
        Some(u) if ok && !u.disabled => u,
        // The attempt stays counted.
        _ => return Err(AppError::LoginFailed),
    };
    keys.take_back(&state, true).await?;
    open_session(&state, &user).await
}

/// A new session of `user`.
async fn open_session(state: &AppState, user: &User) -> Result<Json<LoginResponse>, AppError> {
    let token = new_token();
    let expires = state.store.now().await? / 1000 + SESSION_HOURS * 3600;
    state
        .store
        .create_session(&token_hash(&token), &user.id, expires)
        .await?;
    Ok(Json(LoginResponse {
        token,
        expires_at: rfc3339(expires),
        account: account(user),
    }))
}

/// The first login of an account made from the roster (or reset): checks the one-time code,
/// sets the password, burns the code, and logs in. Throttled like a login (the same counters);
/// the code is verified by the bounded verifier against the pending code's hash, or a dummy of
/// the same cost when there is none, and every refusal (unknown NIP, wrong, expired or used
/// code, disabled account) is the same 401.
#[utoipa::path(post, path = "/api/auth/activate", tag = "auth",
    request_body = mutasi_core::wire::accounts::ActivateRequest,
    responses((status = 200, description = "Activated and logged in", body = mutasi_core::wire::auth::LoginResponse),
              (status = 400, description = "Malformed request or a password too weak", body = crate::error::ErrorBody),
              (status = 401, description = "Wrong NIP or code, or the code expired or was used", body = crate::error::ErrorBody),
              (status = 429, description = "Too many attempts for this account or address (Retry-After)", body = crate::error::ErrorBody),
              (status = 503, description = "Too many checks at once (Retry-After)", body = crate::error::ErrorBody)))]
pub async fn activate(
    State(state): State<AppState>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<ActivateRequest>,
) -> Result<Json<LoginResponse>, AppError> {
    if req.nip.is_empty() || req.nip.len() > 64 || req.code.len() > 64 {
        return Err(AppError::BadRequest(Text::new(
            "NIP atau kode tidak wajar",
            "implausible NIP or code",
        )));
    }
    if req.new_password.len() > 1024 {
        return Err(AppError::BadRequest(Text::new(
            "kata sandi tidak wajar",
            "implausible password",
        )));
    }
    check_password_strength(&req.new_password).map_err(|e| {
        let (id, en) = e.split_once(" / ").unwrap_or((&e, &e));
        AppError::BadRequest(Text::new(id, en))
    })?;
    let keys = Keys::new(&state, &req.nip, peer, &headers);
    keys.attempt(&state).await?;
    let pending = match state.store.pending_activation(&req.nip).await {
        Ok(p) => p,
        Err(StoreError::NotFound(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let code = ActivationCode::parse(&req.code);
    let phc = pending
        .as_ref()
        .map_or_else(|| dummy_code_hash().to_string(), |p| p.hash.clone());
    let typed = code.as_ref().map_or("", |c| c.as_str()).to_string();
    let ok = match state.verifier.verify(typed, phc).await {
        Ok(ok) => ok,
        Err(Busy(secs)) => {
            keys.take_back(&state, false).await?;
            return Err(AppError::Busy(secs));
        }
    };
    let now = state.store.now().await? / 1000;
    let pending = match pending {
        Some(p) if ok && code.is_some() && p.expires_at > now => p,
        _ => return Err(AppError::ActivationFailed),
    };
    let password = req.new_password.clone();
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| anyhow::anyhow!("hashing: {e}"))??;
    // Compare and swap: the code is burnt once, and only while still unexpired and enabled.
    if !state.store.activate(&req.nip, &pending.hash, &hash).await? {
        return Err(AppError::ActivationFailed);
    }
    keys.take_back(&state, true).await?;
    let user = state.store.user_by_name(&req.nip).await?;
    state
        .store
        .append_audit(&NewAudit {
            actor: Actor::of(&user),
            action: "user_activate".into(),
            target: format!("user/{}", user.username),
            reason: None,
            change: serde_json::json!({}),
            nip: user.nip.as_ref().map(|n| n.to_string()),
            opd: Vec::new(),
        })
        .await?;
    open_session(&state, &user).await
}

/// 429 for `ms` milliseconds, in whole seconds rounded up.
fn wait(ms: i64) -> AppError {
    AppError::TooManyRequests(((ms + 999) / 1000).max(1).unsigned_abs())
}

/// The throttle counters of one login attempt.
struct Keys {
    account: String,
    address: Option<String>,
}

impl Keys {
    /// The counters of an attempt on `username` from the request's client.
    fn new(
        state: &AppState,
        username: &str,
        peer: Option<Extension<ConnectInfo<SocketAddr>>>,
        headers: &HeaderMap,
    ) -> Self {
        let peer = peer.map(|Extension(ConnectInfo(addr))| addr.ip());
        let client = client_addr(peer, headers, &state.proxies);
        Keys {
            account: account_key(username),
            address: client.map(|ip| address_key(&address_group(ip))),
        }
    }

    /// Counts the attempt on the address, then on the account; 429 when either is delayed.
    async fn attempt(&self, state: &AppState) -> Result<(), AppError> {
        if let Some(address) = &self.address {
            if let Step::Blocked(wait_ms) = state
                .store
                .throttle_attempt(address, &state.throttle.address)
                .await?
            {
                return Err(wait(wait_ms));
            }
        }
        if let Step::Blocked(wait_ms) = state
            .store
            .throttle_attempt(&self.account, &state.throttle.account)
            .await?
        {
            // The address's count stays: guessing at a delayed account is still guessing.
            return Err(wait(wait_ms));
        }
        Ok(())
    }

    /// Takes the attempt back: after a success (`success`: the account's counter is cleared)
    /// or when the login could not be checked at all.
    async fn take_back(&self, state: &AppState, success: bool) -> Result<(), AppError> {
        state
            .store
            .throttle_success(&self.account, &state.throttle.account, success)
            .await?;
        if let Some(address) = &self.address {
            state
                .store
                .throttle_success(address, &state.throttle.address, false)
                .await?;
        }
        Ok(())
    }
}

/// Ends the caller's session.
#[utoipa::path(post, path = "/api/auth/logout", tag = "auth", security(("bearer" = [])),
    responses((status = 204, description = "Logged out"),
              (status = 401, description = "No valid session", body = crate::error::ErrorBody)))]
pub async fn logout(State(state): State<AppState>, caller: Caller) -> Result<StatusCode, AppError> {
    state.store.delete_session(&caller.token_hash).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Who the session belongs to.
#[utoipa::path(get, path = "/api/auth/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, description = "The account", body = mutasi_core::wire::auth::Account),
              (status = 401, description = "No valid session", body = crate::error::ErrorBody)))]
pub async fn me(caller: Caller) -> Json<Account> {
    Json(account(&caller.user))
}
