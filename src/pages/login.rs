//! Masuk: log in with a username and password; the first sync starts right after.
//!
//! Another account's login on this device first removes the previous account's local copy
//! ([`crate::store::owner`]) and restarts the app, so nothing of it stays on screen or in
//! memory; it is refused while that account still has unsent changes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::i18n::*;
use crate::lang::{tr, use_i18n};
use crate::state::session::use_session;
use crate::state::sync::use_sync;
use crate::store::owner::{self, Handover};
use crate::store::{self, StoreError};

/// Makes the local copy `account`'s (see [`crate::store::owner`]).
async fn hand_over(account: &mutasi_core::wire::auth::Account) -> Result<Handover, StoreError> {
    let db = store::open(store::DB_NAME).await?;
    let outcome = owner::hand_over(&db, account).await;
    db.close();
    outcome
}

#[component]
pub fn Login() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let sync = use_sync();
    let navigate = use_navigate();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result =
                crate::api::login(&username.get_untracked(), &password.get_untracked()).await;
            let handover = match &result {
                Ok(login) => hand_over(&login.account).await.map(Some),
                Err(_) => Ok(None),
            };
            match (result, handover) {
                (Ok(login), Ok(Some(Handover::Refused { owner, waiting }))) => {
                    // This login is not used: end it on the server too.
                    let _ = crate::api::logout(&login.token).await;
                    let l = i18n.get_locale_untracked();
                    error.set(Some(
                        td_string!(l, common.login.handover_refused, n = waiting, owner)
                            .to_string(),
                    ));
                }
                (Ok(login), Ok(handover)) => match session.save(login).await {
                    Ok(()) => {
                        password.set(String::new());
                        if let Some(Handover::Cleared { .. } | Handover::Rescoped) = handover {
                            // A fresh start: the previous account's data (or what this one may
                            // no longer see) may still be held in memory by the pages' state.
                            if let Some(w) = web_sys::window() {
                                let _ = w.location().set_href("/");
                            }
                            return;
                        }
                        sync.request();
                        navigate("/", Default::default());
                    }
                    Err(e) => error.set(Some(e.to_string())),
                },
                (Ok(_), Err(e)) => error.set(Some(e.to_string())),
                (Err(e), _) => error.set(Some(e.to_string())),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="page login">
            <h2>{tr(|l| td_string!(l, common.login.title))}</h2>
            <form on:submit=submit>
                <label>
                    {tr(|l| td_string!(l, common.login.username))}
                    <input
                        id="username"
                        name="username"
                        autocomplete="username"
                        required
                        bind:value=username
                    />
                </label>
                <label>
                    {tr(|l| td_string!(l, common.login.password))}
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        bind:value=password
                    />
                </label>
                <button type="submit" disabled=move || busy.get()>
                    {move || if busy.get() {
                        td_string!(i18n.get_locale(), common.login.working)
                    } else {
                        td_string!(i18n.get_locale(), common.login.submit)
                    }}
                </button>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </section>
    }
}
