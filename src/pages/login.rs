//! Masuk: log in with a username and password; the first sync starts right after.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::i18n::*;
use crate::lang::{tr, use_i18n};
use crate::state::session::use_session;
use crate::state::sync::use_sync;

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
            match result {
                Ok(login) => match session.save(login).await {
                    Ok(()) => {
                        password.set(String::new());
                        sync.request();
                        navigate("/", Default::default());
                    }
                    Err(e) => error.set(Some(e.to_string())),
                },
                Err(e) => error.set(Some(e.to_string())),
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
