//! `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/auth/me`.

use mutasi_core::text::Text;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use mutasi_core::wire::auth::{Account, LoginRequest, LoginResponse};

use crate::auth::{dummy_hash, new_token, token_hash, verify_password, Caller, SESSION_HOURS};
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

/// Checks the password (argon2id, off the async threads) and opens a session.
#[utoipa::path(post, path = "/api/auth/login", tag = "auth",
    request_body = super::openapi::LoginRequestDoc,
    responses((status = 200, description = "Logged in", body = super::openapi::LoginResponseDoc),
              (status = 400, description = "Malformed request", body = crate::error::ErrorBody),
              (status = 401, description = "Wrong username or password", body = crate::error::ErrorBody),
              (status = 429, description = "Too many failed attempts", body = crate::error::ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, AppError> {
    let ip = peer.map(|Extension(ConnectInfo(addr))| addr.ip());
    if req.username.is_empty() || req.username.len() > 64 || req.password.len() > 1024 {
        return Err(AppError::BadRequest(Text::new(
            "nama pengguna atau kata sandi tidak wajar",
            "implausible username or password",
        )));
    }
    if let Some(secs) = state.limiter.blocked(&req.username, ip) {
        return Err(AppError::TooManyRequests(secs));
    }
    let user = match state.store.user_by_name(&req.username).await {
        Ok(u) => Some(u),
        Err(StoreError::NotFound(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let phc = user
        .as_ref()
        .map_or_else(|| dummy_hash().to_string(), |u| u.password_hash.clone());
    let password = req.password.clone();
    let ok = tokio::task::spawn_blocking(move || verify_password(&password, &phc))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let user = match user {
        Some(u) if ok && !u.disabled => u,
        _ => {
            state.limiter.failed(&req.username, ip);
            return Err(AppError::LoginFailed);
        }
    };
    state.limiter.succeeded(&req.username, ip);
    let token = new_token();
    let expires = chrono::Utc::now() + chrono::Duration::hours(SESSION_HOURS);
    state
        .store
        .create_session(&token_hash(&token), &user.id, expires.timestamp())
        .await?;
    Ok(Json(LoginResponse {
        token,
        expires_at: expires.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        account: account(&user),
    }))
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
    responses((status = 200, description = "The account", body = super::openapi::AccountDoc),
              (status = 401, description = "No valid session", body = crate::error::ErrorBody)))]
pub async fn me(caller: Caller) -> Json<Account> {
    Json(account(&caller.user))
}
