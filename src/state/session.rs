//! Who is logged in on this device. The session (token and account) is kept in IndexedDB's
//! `meta` store so a tablet that reloads offline still knows its user.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::wire::auth::{Account, LoginResponse};

use crate::store;

/// `meta` key of the stored session (JSON of [`LoginResponse`]).
pub const SESSION_KEY: &str = "session";

/// The session signals, provided in context by [`provide`].
#[derive(Debug, Clone, Copy)]
pub struct Session {
    /// The current login, if any.
    pub login: RwSignal<Option<LoginResponse>>,
    /// False until the stored session has been read at start-up.
    pub restored: RwSignal<bool>,
}

impl Session {
    pub fn account(&self) -> Option<Account> {
        self.login.with(|l| l.as_ref().map(|l| l.account.clone()))
    }

    pub fn token(&self) -> Option<String> {
        self.login
            .with_untracked(|l| l.as_ref().map(|l| l.token.clone()))
    }

    /// Stores a fresh login on this device.
    pub async fn save(&self, login: LoginResponse) -> Result<(), store::StoreError> {
        let db = store::open(store::DB_NAME).await?;
        let json = serde_json::to_string(&login).map_err(|e| store::StoreError(e.to_string()))?;
        store::put_meta(&db, SESSION_KEY, &json).await?;
        db.close();
        self.login.set(Some(login));
        Ok(())
    }

    /// Forgets the login on this device.
    pub async fn clear(&self) -> Result<(), store::StoreError> {
        let db = store::open(store::DB_NAME).await?;
        store::meta::delete_meta(&db, SESSION_KEY).await?;
        db.close();
        self.login.set(None);
        Ok(())
    }
}

/// Restores the stored session (if any) and provides it in context.
pub fn provide() -> Session {
    let session = Session {
        login: RwSignal::new(None),
        restored: RwSignal::new(false),
    };
    provide_context(session);
    let start = crate::timing::now();
    spawn_local(async move {
        // A device that never stored anything has nobody signed in: no need to wait for the
        // database to be created to say so.
        let never_used = store::schema::existed_at_start(store::DB_NAME).await == Some(false);
        let db = if never_used {
            None
        } else {
            store::open(store::DB_NAME).await.ok()
        };
        if let Some(db) = db {
            if let Ok(Some(json)) = store::get_meta(&db, SESSION_KEY).await {
                let login: Option<LoginResponse> = serde_json::from_str(&json).ok();
                // A copy from before owners were recorded belongs to the session it has.
                if let (Some(l), Ok(None)) = (&login, store::owner::owner(&db).await) {
                    let _ = store::owner::hand_over(&db, &l.account).await;
                }
                session.login.set(login);
            }
            db.close();
        }
        crate::timing::measure("mutasi:read-session", start);
        session.restored.set(true);
    });
    session
}

/// The session from context.
pub fn use_session() -> Session {
    expect_context::<Session>()
}
