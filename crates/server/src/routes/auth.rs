//! `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/auth/me`.

use mutasi_core::text::Text;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::{Extension, Json};
use mutasi_core::wire::auth::{Account, LoginRequest, LoginResponse};

use crate::auth::client::{address_group, client_addr};
use crate::auth::password::Busy;
use crate::auth::throttle::{account_key, address_key, Step};
use crate::auth::{dummy_hash, new_token, token_hash, Caller, SESSION_HOURS};
use crate::db::{StoreError, User};
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
    let peer = peer.map(|Extension(ConnectInfo(addr))| addr.ip());
    let client = client_addr(peer, &headers, &state.proxies);
    let keys = Keys {
        account: account_key(&req.username),
        address: client.map(|ip| address_key(&address_group(ip))),
    };
    keys.attempt(&state).await?;
    let user = match state.store.user_by_name(&req.username).await {
        Ok(u) => Some(u),
        Err(StoreError::NotFound(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let phc = user
        .as_ref()
        .map_or_else(|| dummy_hash().to_string(), |u| u.password_hash.clone());
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
    let token = new_token();
    let expires = state.store.now().await? / 1000 + SESSION_HOURS * 3600;
    state
        .store
        .create_session(&token_hash(&token), &user.id, expires)
        .await?;
    let expires_at = chrono::DateTime::from_timestamp(expires, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    Ok(Json(LoginResponse {
        token,
        expires_at,
        account: account(&user),
    }))
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
