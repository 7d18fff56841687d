//! One account of the list: its state, and its actions — a new role or scope, a reset (after a
//! second question: the password stops working) and disabling or enabling.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::model::UnitId;
use mutasi_core::wire::accounts::{AccessRequest, AccountEntry};
use mutasi_core::wire::auth::{Role, Scope};

use super::Accounts;
use crate::i18n::*;
use crate::lang::tr;

/// A role's name in the chosen language (the one function every screen uses).
pub fn role_label(role: Role) -> &'static str {
    crate::pages::usulan::model::role_label(role, crate::lang::current())
}

/// A scope as typed: `kota` for the whole city, else OPD ids separated by commas.
fn parse_scope(text: &str) -> Option<Scope> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("kota") {
        return Some(Scope::City);
    }
    let list: Vec<UnitId> = text
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .filter_map(|s| UnitId::new(s).ok())
        .collect();
    (!list.is_empty()).then_some(Scope::Opd(list))
}

fn scope_text(scope: &Option<Scope>) -> String {
    match scope {
        Some(Scope::City) => "kota".into(),
        Some(Scope::Opd(list)) => list
            .iter()
            .map(|o| o.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        None => String::new(),
    }
}

#[component]
pub fn Row(entry: AccountEntry, accounts: Accounts) -> impl IntoView {
    let username = entry.username.clone();
    let confirming = RwSignal::new(false);
    let editing = RwSignal::new(false);
    let role = RwSignal::new(entry.role.as_str().to_string());
    let scope = RwSignal::new(scope_text(&entry.scope));
    let state = {
        let l = crate::lang::current();
        match (entry.active, entry.activated) {
            (false, _) => td_string!(l, akun.state.disabled).to_string(),
            (true, false) => td_string!(l, akun.state.pending).to_string(),
            (true, true) => td_string!(l, akun.state.active).to_string(),
        }
    };
    let reset = {
        let username = username.clone();
        move |_| {
            confirming.set(false);
            let Some(token) = accounts.token() else {
                return;
            };
            let username = username.clone();
            spawn_local(async move {
                match crate::api::admin_reset(&token, &username).await {
                    Ok(issued) => {
                        accounts.issued.set(Some(issued));
                        accounts.reload();
                    }
                    Err(e) => accounts.error.set(Some(e.to_string())),
                }
            });
        }
    };
    let toggle = {
        let username = username.clone();
        let active = entry.active;
        move |_| {
            let Some(token) = accounts.token() else {
                return;
            };
            let username = username.clone();
            spawn_local(async move {
                match crate::api::admin_active(&token, &username, !active).await {
                    Ok(entry) => accounts.replace(entry),
                    Err(e) => accounts.error.set(Some(e.to_string())),
                }
            });
        }
    };
    let save = {
        let username = username.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(role) = Role::parse(&role.get_untracked()) else {
                return;
            };
            let req = AccessRequest {
                role,
                scope: (role == Role::Planner)
                    .then(|| parse_scope(&scope.get_untracked()))
                    .flatten(),
                nip: None,
            };
            let Some(token) = accounts.token() else {
                return;
            };
            let username = username.clone();
            spawn_local(async move {
                match crate::api::admin_access(&token, &username, &req).await {
                    Ok(entry) => {
                        editing.set(false);
                        accounts.error.set(None);
                        accounts.replace(entry);
                    }
                    Err(e) => accounts.error.set(Some(e.to_string())),
                }
            });
        }
    };
    let role_shown = match (&entry.role, &entry.scope) {
        (Role::Planner, Some(s)) => format!(
            "{} ({})",
            role_label(entry.role),
            scope_text(&Some(s.clone()))
        ),
        _ => role_label(entry.role).to_string(),
    };
    view! {
        <tr data-username=username.clone()>
            <td>{username.clone()}</td>
            <td>{entry.name.clone().unwrap_or_default()}</td>
            <td>{role_shown}</td>
            <td>{entry.unit.clone().unwrap_or_default()}</td>
            <td class="state">{state}</td>
            <td>{entry.last_login.clone().unwrap_or_default()}</td>
            <td class="actions">
                <button type="button" class="akun-edit" on:click=move |_| editing.update(|e| *e = !*e)>
                    {tr(|l| td_string!(l, akun.actions.edit))}
                </button>
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button type="button" class="akun-reset" on:click=move |_| confirming.set(true)>
                            {tr(|l| td_string!(l, akun.actions.reset))}
                        </button>
                    }
                >
                    <span class="confirm" role="group">
                        {tr(|l| td_string!(l, akun.actions.reset_question))}
                        " "
                        <button type="button" class="akun-reset-yes" on:click=reset.clone()>
                            {tr(|l| td_string!(l, akun.actions.reset_yes))}
                        </button>
                        <button type="button" class="akun-reset-no" on:click=move |_| confirming.set(false)>
                            {tr(|l| td_string!(l, akun.actions.cancel))}
                        </button>
                    </span>
                </Show>
                <button type="button" class="akun-toggle" on:click=toggle>
                    {if entry.active {
                        td_string!(crate::lang::current(), akun.actions.disable)
                    } else {
                        td_string!(crate::lang::current(), akun.actions.enable)
                    }}
                </button>
                <Show when=move || editing.get()>
                    <form class="akun-access" on:submit=save.clone()>
                        <select bind:value=role>
                            {Role::ALL
                                .into_iter()
                                .map(|r| view! { <option value=r.as_str()>{role_label(r)}</option> })
                                .collect_view()}
                        </select>
                        <label>
                            {tr(|l| td_string!(l, akun.actions.scope))}
                            <input bind:value=scope placeholder="DISDIK, DINKES / kota" />
                        </label>
                        <button type="submit">{tr(|l| td_string!(l, akun.actions.save))}</button>
                    </form>
                </Show>
            </td>
        </tr>
    }
}
