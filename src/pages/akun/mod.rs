//! Akun (`/akun`, admins): every account with search and filters by role and OPD, accounts
//! for the roster ("Buat akun dari daftar pegawai", all employees or chosen OPD) whose one-time
//! codes are shown once ([`codes`]: printable activation letters and a CSV), and per account a
//! new role or scope, a reset (a new code, after a second question) and disabling or enabling.
//! The server decides everything again (`/api/admin/accounts`); this page only asks.

mod codes;
mod row;

use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::model::UnitId;
use mutasi_core::wire::accounts::{AccountEntry, IssuedCodes, RosterScope};
use mutasi_core::wire::auth::Role;

use crate::i18n::*;
use crate::lang::tr;
use crate::state::data::use_city_data;
use crate::state::session::Session;

/// What the page shares with its parts: the list, the codes just issued, the last error.
#[derive(Clone, Copy)]
pub struct Accounts {
    pub list: RwSignal<Vec<AccountEntry>>,
    pub issued: RwSignal<Option<IssuedCodes>>,
    pub error: RwSignal<Option<String>>,
    pub session: Option<Session>,
}

impl Accounts {
    /// The session's token, or an error shown.
    pub fn token(&self) -> Option<String> {
        let token = self.session.and_then(|s| s.token());
        if token.is_none() {
            self.error.set(Some(
                td_string!(crate::lang::current(), akun.login_needed).to_string(),
            ));
        }
        token
    }

    /// Reads the list again from the server.
    pub fn reload(self) {
        let Some(token) = self.token() else { return };
        spawn_local(async move {
            match crate::api::admin_accounts(&token).await {
                Ok(list) => self.list.set(list.accounts),
                Err(e) => self.error.set(Some(e.to_string())),
            }
        });
    }

    /// Puts one account's new state into the list.
    pub fn replace(&self, entry: AccountEntry) {
        self.list.update(|list| {
            if let Some(a) = list.iter_mut().find(|a| a.username == entry.username) {
                *a = entry;
            }
        });
    }
}

/// The route `/akun`.
#[component]
pub fn Akun() -> impl IntoView {
    let session = use_context::<Session>();
    view! {
        <section class="page akun">
            <h2>{tr(|l| td_string!(l, akun.title))}</h2>
            <p class="no-print">{tr(|l| td_string!(l, akun.intro))}</p>
            {move || match session.and_then(|s| s.account()) {
                None if session.is_some_and(|s| !s.restored.get()) => {
                    view! { <p role="status">{tr(|l| td_string!(l, akun.loading_session))}</p> }
                        .into_any()
                }
                None => {
                    view! {
                        <p id="akun-login" class="error" role="alert">
                            {tr(|l| td_string!(l, akun.login_needed))}
                        </p>
                    }
                        .into_any()
                }
                Some(a) if a.role != Role::Admin => {
                    view! {
                        <p id="akun-denied" class="error" role="alert">
                            {tr(|l| td_string!(l, akun.denied))}
                        </p>
                    }
                        .into_any()
                }
                Some(_) => view! { <Manage session=session /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Manage(session: Option<Session>) -> impl IntoView {
    let accounts = Accounts {
        list: RwSignal::new(Vec::new()),
        issued: RwSignal::new(None),
        error: RwSignal::new(None),
        session,
    };
    accounts.reload();
    view! {
        <Roster accounts=accounts />
        {move || accounts.issued.get().map(|issued| view! { <codes::Codes issued=issued /> })}
        {move || accounts.error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        <Table accounts=accounts />
    }
}

/// "Buat akun dari daftar pegawai": every employee without an account, or those of the OPD
/// ticked (from the data on this device).
#[component]
fn Roster(accounts: Accounts) -> impl IntoView {
    let data = use_city_data();
    let all = RwSignal::new(false);
    let chosen = RwSignal::new(Vec::<String>::new());
    let busy = RwSignal::new(false);
    let opds = move || {
        data.dataset
            .get()
            .map(|ds| {
                ds.units()
                    .iter()
                    .filter(|u| u.parent.is_none())
                    .map(|u| (u.id.to_string(), u.name.clone()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let create = move |_| {
        let scope = if all.get_untracked() {
            RosterScope::All
        } else {
            let list: Vec<UnitId> = chosen
                .get_untracked()
                .iter()
                .filter_map(|o| UnitId::new(o.as_str()).ok())
                .collect();
            if list.is_empty() {
                accounts.error.set(Some(
                    td_string!(crate::lang::current(), akun.roster.choose).to_string(),
                ));
                return;
            }
            RosterScope::Opd(list)
        };
        let Some(token) = accounts.token() else {
            return;
        };
        busy.set(true);
        accounts.error.set(None);
        spawn_local(async move {
            match crate::api::admin_roster(&token, &scope).await {
                Ok(issued) => {
                    accounts.issued.set(Some(issued));
                    accounts.reload();
                }
                Err(e) => accounts.error.set(Some(e.to_string())),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="akun-roster no-print" aria-labelledby="akun-roster-title">
            <h3 id="akun-roster-title">{tr(|l| td_string!(l, akun.roster.title))}</h3>
            <p>{tr(|l| td_string!(l, akun.roster.hint))}</p>
            <label>
                <input type="checkbox" id="akun-roster-all" bind:checked=all />
                {tr(|l| td_string!(l, akun.roster.all))}
            </label>
            <fieldset id="akun-roster-opd" disabled=move || all.get()>
                <legend>{tr(|l| td_string!(l, akun.roster.opd))}</legend>
                {move || {
                    opds()
                        .into_iter()
                        .map(|(id, name)| {
                            let value = id.clone();
                            let toggle = move |ev: leptos::ev::Event| {
                                let on = event_target_checked(&ev);
                                let id = value.clone();
                                chosen.update(|c| {
                                    c.retain(|x| *x != id);
                                    if on {
                                        c.push(id);
                                    }
                                });
                            };
                            view! {
                                <label class="opd-choice">
                                    <input type="checkbox" name="opd" value=id.clone() on:change=toggle />
                                    {format!("{name} ({id})")}
                                </label>
                            }
                        })
                        .collect_view()
                }}
            </fieldset>
            <button type="button" id="akun-roster-create" disabled=move || busy.get() on:click=create>
                {tr(|l| td_string!(l, akun.roster.create))}
            </button>
        </section>
    }
}

/// The accounts, searched and filtered.
#[component]
fn Table(accounts: Accounts) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let opd = RwSignal::new(String::new());
    let shown = move || {
        let q = query.get().trim().to_lowercase();
        let (role, opd) = (role.get(), opd.get());
        accounts
            .list
            .get()
            .into_iter()
            .filter(|a| role.is_empty() || a.role.as_str() == role)
            .filter(|a| opd.is_empty() || a.opd.as_ref().is_some_and(|o| o.as_str() == opd))
            .filter(|a| {
                q.is_empty()
                    || a.username.to_lowercase().contains(&q)
                    || a.name
                        .as_ref()
                        .is_some_and(|n| n.to_lowercase().contains(&q))
            })
            .collect::<Vec<_>>()
    };
    let opds = move || {
        let mut list: Vec<String> = accounts
            .list
            .get()
            .iter()
            .filter_map(|a| a.opd.as_ref().map(|o| o.to_string()))
            .collect();
        list.sort();
        list.dedup();
        list
    };
    view! {
        <section class="akun-list no-print" aria-labelledby="akun-list-title">
            <h3 id="akun-list-title">{tr(|l| td_string!(l, akun.list.title))}</h3>
            <p class="filters">
                <label>
                    {tr(|l| td_string!(l, akun.list.search))}
                    <input id="akun-search" type="search" bind:value=query />
                </label>
                <label>
                    {tr(|l| td_string!(l, akun.list.role))}
                    <select id="akun-role" bind:value=role>
                        <option value="">{tr(|l| td_string!(l, akun.list.any))}</option>
                        {Role::ALL
                            .into_iter()
                            .map(|r| view! { <option value=r.as_str()>{move || row::role_label(r)}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    "OPD"
                    <select id="akun-opd" bind:value=opd>
                        <option value="">{tr(|l| td_string!(l, akun.list.any))}</option>
                        {move || opds().into_iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
                    </select>
                </label>
            </p>
            <table id="akun-table">
                <thead>
                    <tr>
                        <th>{tr(|l| td_string!(l, akun.list.username))}</th>
                        <th>{tr(|l| td_string!(l, akun.list.name))}</th>
                        <th>{tr(|l| td_string!(l, akun.list.role))}</th>
                        <th>{tr(|l| td_string!(l, akun.list.unit))}</th>
                        <th>{tr(|l| td_string!(l, akun.list.state))}</th>
                        <th>{tr(|l| td_string!(l, akun.list.last_login))}</th>
                        <th>{tr(|l| td_string!(l, akun.list.actions))}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=shown key=|a| format!("{a:?}") let:entry>
                        <row::Row entry=entry accounts=accounts />
                    </For>
                </tbody>
            </table>
        </section>
    }
}
