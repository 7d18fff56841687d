//! Masuk: log in with a username and password, or activate an account made from the roster
//! (NIP, the one-time code of the activation letter, a new password), which logs in too; the
//! first sync starts right after.
//!
//! Another account's login on this device first removes the previous account's local copy
//! ([`crate::store::owner`]) and restarts the app, so nothing of it stays on screen or in
//! memory; it is refused while that account still has unsent changes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::i18n::*;
use crate::lang::{tr, use_i18n};
use leptos_router::NavigateOptions;
use mutasi_core::wire::auth::LoginResponse;

use crate::api::ApiError;
use crate::state::session::{use_session, Session};
use crate::state::sync::{use_sync, SyncState};
use crate::store::owner::{self, Handover};
use crate::store::{self, StoreError};

/// Makes the local copy `account`'s (see [`crate::store::owner`]).
async fn hand_over(account: &mutasi_core::wire::auth::Account) -> Result<Handover, StoreError> {
    let db = store::open(store::DB_NAME).await?;
    let outcome = owner::hand_over(&db, account).await;
    db.close();
    outcome
}

/// What a login (or an activation, which logs in) does next: hand the local copy over, keep
/// the session, go to the home page. `failed` words a refusal; the error is the message to show.
async fn finish(
    result: Result<LoginResponse, ApiError>,
    session: Session,
    sync: SyncState,
    navigate: impl Fn(&str, NavigateOptions),
    failed: impl Fn(&ApiError) -> String,
) -> Result<(), String> {
    let login = result.map_err(|e| failed(&e))?;
    let handover = hand_over(&login.account).await.map_err(|e| e.to_string())?;
    if let Handover::Refused { owner, waiting } = handover {
        // This login is not used: end it on the server too.
        let _ = crate::api::logout(&login.token).await;
        let l = crate::lang::current();
        return Err(td_string!(l, common.login.handover_refused, n = waiting, owner).to_string());
    }
    session.save(login).await.map_err(|e| e.to_string())?;
    if let Handover::Cleared { .. } | Handover::Rescoped = handover {
        // A fresh start: the previous account's data (or what this one may no longer see) may
        // still be held in memory by the pages' state.
        if let Some(w) = web_sys::window() {
            crate::components::focus::after_reload();
            let _ = w.location().set_href("/");
        }
        return Ok(());
    }
    // The header's new state, Beranda's first drawing and the first sync's start are a task
    // each: together they were one long task (55–64 ms) right after the login answered.
    crate::timing::yield_to_browser().await;
    navigate("/", Default::default());
    crate::timing::yield_to_browser().await;
    sync.request();
    Ok(())
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
    let activating = RwSignal::new(false);
    // What the login leads to downloads while the person types.
    crate::lazy_routes::prefetch_after_login();
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
            match finish(result, session, sync, navigate, |e| e.to_string()).await {
                Ok(()) => password.set(String::new()),
                Err(message) => error.set(Some(message)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="page login">
            <Show when=move || !activating.get() fallback=move || view! { <Activate /> }>
                <h2>{tr(|l| td_string!(l, common.login.title))}</h2>
                <form on:submit=submit.clone()>
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
                <p>
                    <button type="button" id="show-activate" class="link"
                        on:click=move |_| activating.set(true)>
                        {tr(|l| td_string!(l, common.activate.link))}
                    </button>
                </p>
            </Show>
        </section>
    }
}

/// Aktivasi akun: the first login of an account made from the roster, with the NIP, the
/// one-time code from the activation letter and a new password typed twice.
#[component]
fn Activate() -> impl IntoView {
    let session = use_session();
    let sync = use_sync();
    let navigate = use_navigate();
    let nip = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let l = crate::lang::current();
        if password.get_untracked() != again.get_untracked() {
            error.set(Some(td_string!(l, common.activate.differ).to_string()));
            return;
        }
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = crate::api::activate(
                nip.get_untracked().trim(),
                &code.get_untracked(),
                &password.get_untracked(),
            )
            .await;
            // A refusal of the code is worded by the server (not "wrong password").
            let failed = |e: &ApiError| {
                e.server_message(crate::lang::current())
                    .unwrap_or_else(|| e.to_string())
            };
            match finish(result, session, sync, navigate, failed).await {
                Ok(()) => {
                    password.set(String::new());
                    again.set(String::new());
                }
                Err(message) => error.set(Some(message)),
            }
            busy.set(false);
        });
    };
    view! {
        <h2>{tr(|l| td_string!(l, common.activate.title))}</h2>
        <p>{tr(|l| td_string!(l, common.activate.intro))}</p>
        <form id="activate-form" on:submit=submit>
            <label>
                "NIP"
                <input id="activate-nip" name="nip" inputmode="numeric" autocomplete="username"
                    required bind:value=nip />
            </label>
            <label>
                {tr(|l| td_string!(l, common.activate.code))}
                <input id="activate-code" name="code" autocomplete="one-time-code" required
                    bind:value=code />
            </label>
            <label>
                {tr(|l| td_string!(l, common.activate.password))}
                <input id="activate-password" type="password" autocomplete="new-password" required
                    bind:value=password />
            </label>
            <label>
                {tr(|l| td_string!(l, common.activate.again))}
                <input id="activate-again" type="password" autocomplete="new-password" required
                    bind:value=again />
            </label>
            <button type="submit" disabled=move || busy.get()>
                {tr(|l| td_string!(l, common.activate.submit))}
            </button>
        </form>
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
    }
}
