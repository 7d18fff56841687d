//! Who is logged in, with the log-out button; or the link to log in.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use mutasi_core::wire::auth::{Account, Role, Scope};

use crate::i18n::*;
use crate::lang::{tr, use_i18n};
use crate::pages::usulan::model::role_label;
use crate::state::session::use_session;
use crate::state::sync::use_sync;

/// The role of `account` as people say it: a planner of the whole city is BKPSDM's, any other
/// planner an OPD's.
pub fn account_role(account: &Account, locale: Locale) -> &'static str {
    match (account.role, &account.scope) {
        (Role::Planner, Some(Scope::City)) => td_string!(locale, common.account.planner_city),
        (Role::Planner, _) => td_string!(locale, common.account.planner_opd),
        (role, _) => role_label(role, locale),
    }
}

#[component]
pub fn AccountMenu() -> impl IntoView {
    let session = use_session();
    let sync = use_sync();
    let i18n = use_i18n();
    let message = RwSignal::new(None::<String>);
    let logout = move |_| {
        if sync.pending.get_untracked() > 0 {
            message.set(Some(
                td_string!(i18n.get_locale(), common.account.pending_logout).to_string(),
            ));
            return;
        }
        spawn_local(async move {
            if let Some(token) = session.token() {
                // Offline logout still forgets the session here; the server's expires on its own.
                let _ = crate::api::logout(&token).await;
            }
            let _ = session.clear().await;
        });
    };
    view! {
        <div class="account">
            {move || match session.account() {
                Some(account) => {
                    view! {
                        <span id="account-name">
                            {format!(
                                "{} · {}",
                                account.username,
                                account_role(&account, i18n.get_locale()),
                            )}
                        </span>
                        <button type="button" id="logout" on:click=logout>
                            {tr(|l| td_string!(l, common.account.logout))}
                        </button>
                    }
                        .into_any()
                }
                None => view! { <A href="/masuk" attr:id="login-link">{tr(|l| td_string!(l, common.account.login))}</A> }.into_any(),
            }}
            {move || message.get().map(|m| view! { <p class="warn" role="alert">{m}</p> })}
        </div>
    }
}
