//! Jejak audit (`/audit`): the server's append-only audit trail for approvers and admins,
//! filtered by NIP, OPD, account and period, a page at a time (the API's cursor), and
//! downloadable as CSV with the same filters. Unlike the other screens this one reads the
//! server, not the device: the trail is not synced, so it needs a connection.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::wire::auth::Role;
use mutasi_core::wire::sync::{AuditEntry, AuditFilter, AuditPage, ChangeKind};

use crate::api::{self, ApiError};
use crate::components::form::InputField;
use crate::components::table::{cols, TableHead};
use crate::i18n::*;
use crate::lang::{tr, use_i18n};
use crate::pages::sk::download::{offer, Download, DownloadLink};
use crate::state::connectivity::Connectivity;
use crate::state::data::use_city_data;
use crate::state::session::Session;

/// Entries per page.
pub const PAGE_SIZE: u32 = 50;

/// Whether `role` may read the audit trail (the server checks it again).
pub fn may_read(role: Role) -> bool {
    matches!(role, Role::Approver | Role::Admin)
}

/// "3 Oktober 2026 15.15 WIB" from an RFC 3339 time, on the device's clock (the text itself if
/// it is not one), in `locale`.
pub fn time_text(at: &str, locale: Locale) -> String {
    crate::components::format::moment_in(at, locale)
}

/// The action's name in `locale` (the code itself for one that is not a change of sync, e.g.
/// `user_add`).
pub fn action_text(action: &str, locale: Locale) -> String {
    let Some(kind) = ChangeKind::parse(action) else {
        return action.to_string();
    };
    let name = match kind {
        ChangeKind::ProposeMove => td_string!(locale, audit.action.propose_move),
        ChangeKind::ReviseProposal => td_string!(locale, audit.action.revise_proposal),
        ChangeKind::SubmitProposal => td_string!(locale, audit.action.submit_proposal),
        ChangeKind::CheckFile => td_string!(locale, audit.action.check_file),
        ChangeKind::ReviewProposal => td_string!(locale, audit.action.review_proposal),
        ChangeKind::DecideProposal => td_string!(locale, audit.action.decide_proposal),
        ChangeKind::IssueSk => td_string!(locale, audit.action.issue_sk),
        ChangeKind::Inaugurate => td_string!(locale, audit.action.inaugurate),
        ChangeKind::SetPreferences => td_string!(locale, audit.action.set_preferences),
    };
    name.to_string()
}

/// What an error means here, in `locale`: a transport failure says a connection is needed.
pub fn error_text(e: &ApiError, locale: Locale) -> String {
    match e {
        ApiError::Transport(detail) => {
            td_string!(locale, audit.error.transport, detail).to_string()
        }
        ApiError::Unauthorized(detail) => {
            td_string!(locale, audit.error.unauthorized, detail).to_string()
        }
        // The server's own message.
        ApiError::Server { .. } => e.server_message(locale).unwrap_or_default(),
        ApiError::Decode(detail) => td_string!(locale, audit.error.decode, detail).to_string(),
    }
}

/// The filter form's values.
#[derive(Clone, Copy)]
struct Fields {
    nip: RwSignal<String>,
    unit: RwSignal<String>,
    actor: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
}

impl Fields {
    /// The filter, or why the form is not valid (in `locale`).
    fn filter(&self, locale: Locale) -> Result<AuditFilter, String> {
        let text = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_string()).filter(|s| !s.is_empty())
        };
        let date = |s: RwSignal<String>, what: &str| -> Result<Option<NaiveDate>, String> {
            match text(s) {
                None => Ok(None),
                Some(v) => v.parse().map(Some).map_err(|_| {
                    td_string!(locale, audit.error.bad_date, what, value = v).to_string()
                }),
            }
        };
        let filter = AuditFilter {
            nip: text(self.nip),
            unit: text(self.unit),
            actor: text(self.actor),
            from: date(self.from, td_string!(locale, audit.error.date_from))?,
            to: date(self.to, td_string!(locale, audit.error.date_to))?,
        };
        if let (Some(a), Some(b)) = (filter.from, filter.to) {
            if a > b {
                return Err(td_string!(locale, audit.error.period).into());
            }
        }
        Ok(filter)
    }
}

/// The route `/audit`.
#[component]
pub fn Audit() -> impl IntoView {
    let session = use_context::<Session>();
    view! {
        <section class="page audit">
            <h2>{tr(|l| td_string!(l, audit.title))}</h2>
            <p>{tr(|l| td_string!(l, audit.intro))}</p>
            {move || match session.and_then(|s| s.account()) {
                None if session.is_some_and(|s| !s.restored.get()) => {
                    view! { <p role="status">{tr(|l| td_string!(l, audit.loading_session))}</p> }.into_any()
                }
                None => {
                    view! {
                        <p id="audit-login" class="error" role="alert">
                            {tr(|l| td_string!(l, audit.login_needed))}
                            " "
                            <a href="/masuk">{tr(|l| td_string!(l, audit.login_link))}</a>
                        </p>
                    }
                        .into_any()
                }
                Some(a) if !may_read(a.role) => {
                    view! {
                        <p id="audit-denied" class="error" role="alert">
                            {tr(|l| td_string!(l, audit.denied))}
                        </p>
                    }
                        .into_any()
                }
                Some(_) => view! { <AuditBody /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn AuditBody() -> impl IntoView {
    let session = use_context::<Session>();
    let conn = use_context::<Connectivity>();
    let i18n = use_i18n();
    let locale = move || i18n.get_locale_untracked();
    let fields = Fields {
        nip: RwSignal::new(String::new()),
        unit: RwSignal::new(String::new()),
        actor: RwSignal::new(String::new()),
        from: RwSignal::new(String::new()),
        to: RwSignal::new(String::new()),
    };
    let online = move || conn.is_none_or(|c| c.browser_online.get());
    // The filter of the shown results and the `since` of each page shown so far.
    let applied = RwSignal::new(AuditFilter::default());
    let pages = RwSignal::new(Vec::<u64>::new());
    let page = RwSignal::new(None::<AuditPage>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let csv_last = RwSignal::new(None::<Download>);
    let csv_note = RwSignal::new(None::<String>);
    let fetch = move |filter: AuditFilter, since: u64, stack: Vec<u64>| {
        let Some(token) = session.and_then(|s| s.token()) else {
            error.set(Some(td_string!(locale(), audit.error.log_in_again).into()));
            return;
        };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match api::audit(&token, &filter, since, PAGE_SIZE).await {
                Ok(p) => {
                    let _ = page.try_set(Some(p));
                    let _ = pages.try_set(stack);
                    let _ = applied.try_set(filter);
                }
                Err(e) => {
                    let _ = error.try_set(Some(error_text(&e, locale())));
                }
            }
            let _ = busy.try_set(false);
        });
    };
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match fields.filter(locale()) {
            Ok(f) => fetch(f, 0, vec![0]),
            Err(e) => error.set(Some(e)),
        }
    };
    let next = move |()| {
        if let Some(p) = page.get_untracked() {
            let mut stack = pages.get_untracked();
            stack.push(p.cursor);
            fetch(applied.get_untracked(), p.cursor, stack);
        }
    };
    let prev = move |()| {
        let mut stack = pages.get_untracked();
        if stack.len() > 1 {
            stack.pop();
            let since = stack.last().copied().unwrap_or(0);
            fetch(applied.get_untracked(), since, stack);
        }
    };
    let download = move |_| {
        let filter = match fields.filter(locale()) {
            Ok(f) => f,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        let Some(token) = session.and_then(|s| s.token()) else {
            error.set(Some(td_string!(locale(), audit.error.log_in_again).into()));
            return;
        };
        busy.set(true);
        csv_note.set(None);
        spawn_local(async move {
            match api::audit_csv(&token, &filter).await {
                Ok(text) => {
                    let rows = text.lines().count().saturating_sub(1);
                    match offer(csv_last, &text, "jejak-audit.csv", "text/csv;charset=utf-8") {
                        Ok(()) => {
                            let note = td_string!(locale(), audit.csv_rows, rows);
                            let _ = csv_note.try_set(Some(note.to_string()));
                        }
                        Err(detail) => {
                            let msg = td_string!(locale(), audit.error.download, detail);
                            let _ = error.try_set(Some(msg.to_string()));
                        }
                    }
                }
                Err(e) => {
                    let _ = error.try_set(Some(error_text(&e, locale())));
                }
            }
            let _ = busy.try_set(false);
        });
    };
    view! {
        {move || {
            (!online())
                .then(|| {
                    view! {
                        <p id="audit-offline" class="warn" role="status">
                            {tr(|l| td_string!(l, audit.offline))}
                        </p>
                    }
                })
        }}
        <form id="audit-filter" class="filters" on:submit=search>
            <InputField id="audit-nip" value=fields.nip>
                {tr(|l| td_string!(l, audit.field.nip))}
            </InputField>
            <OpdField unit=fields.unit />
            <InputField id="audit-actor" value=fields.actor>
                {tr(|l| td_string!(l, audit.field.actor))}
            </InputField>
            <InputField id="audit-from" kind="date" value=fields.from>
                {tr(|l| td_string!(l, audit.field.date_from))}
            </InputField>
            <InputField id="audit-to" kind="date" value=fields.to>
                {tr(|l| td_string!(l, audit.field.date_to))}
            </InputField>
            <button id="audit-search" type="submit" disabled=move || busy.get() || !online()>
                {tr(|l| td_string!(l, audit.search))}
            </button>
            <button id="audit-csv" type="button" class="sort" disabled=move || busy.get() || !online() on:click=download>
                {tr(|l| td_string!(l, audit.csv))}
            </button>
        </form>
        <DownloadLink last=csv_last id="audit-csv-link" />
        <p id="audit-csv-note" class="note" role="status">{move || csv_note.get()}</p>
        <div id="audit-error" role="alert">
            {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
        </div>
        {move || {
            let pager = Pager { busy, prev: Callback::new(prev), next: Callback::new(next) };
            page.get().map(|p| view! { <ResultPage page=p n=pages.with(Vec::len) pager /> })
        }}
    }
}

/// The OPD to filter by: the roots of the unit tree on this device (a text field while the
/// device holds no data).
#[component]
fn OpdField(unit: RwSignal<String>) -> impl IntoView {
    let data = use_city_data();
    let opds = move || {
        data.dataset.get().map(|ds| {
            let mut list: Vec<(String, String)> = ds
                .units()
                .iter()
                .filter(|u| u.parent.is_none())
                .map(|u| (u.id.to_string(), u.name.clone()))
                .collect();
            list.sort_by(|a, b| a.1.cmp(&b.1));
            list
        })
    };
    view! {
        <label>
            {tr(|l| td_string!(l, audit.field.unit))}
            {move || match opds() {
                Some(list) => {
                    view! {
                        <select
                            id="audit-unit"
                            prop:value=move || unit.get()
                            on:change=move |ev| unit.set(event_target_value(&ev))
                        >
                            <option value="">{tr(|l| td_string!(l, audit.field.all_opd))}</option>
                            {list
                                .into_iter()
                                .map(|(id, name)| view! { <option value=id>{name}</option> })
                                .collect_view()}
                        </select>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <input
                            id="audit-unit"
                            type="text"
                            prop:value=move || unit.get()
                            on:input=move |ev| unit.set(event_target_value(&ev))
                        />
                    }
                        .into_any()
                }
            }}
        </label>
    }
}

/// Moving between the pages of results.
#[derive(Clone, Copy)]
struct Pager {
    busy: RwSignal<bool>,
    prev: Callback<()>,
    next: Callback<()>,
}

/// One page of results (the `n`-th), with the pager.
#[component]
fn ResultPage(page: AuditPage, n: usize, pager: Pager) -> impl IntoView {
    let i18n = use_i18n();
    let count = page.entries.len();
    let more = page.more;
    let Pager { busy, prev, next } = pager;
    view! {
        <p class="note" id="audit-page" data-page=n>
            {move || td_string!(i18n.get_locale(), audit.page_info, n, count).to_string()}
        </p>
        {if page.entries.is_empty() {
            view! { <p id="audit-empty" class="note">{tr(|l| td_string!(l, audit.empty))}</p> }
                .into_any()
        } else {
            view! { <Entries entries=page.entries /> }.into_any()
        }}
        <div class="pager">
            <button id="audit-prev" type="button" class="sort" disabled=move || busy.get() || n <= 1 on:click=move |_| prev.run(())>
                {tr(|l| td_string!(l, audit.prev_page))}
            </button>
            <button id="audit-next" type="button" class="sort" disabled=move || busy.get() || !more on:click=move |_| next.run(())>
                {tr(|l| td_string!(l, audit.next_page))}
            </button>
        </div>
    }
}

#[component]
fn Entries(entries: Vec<AuditEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = entries
        .into_iter()
        .map(|e| {
            let record = match &e.nip {
                Some(n) => format!("{} (NIP {n})", e.target),
                None => e.target.clone(),
            };
            let (at, action) = (e.at.clone(), e.action.clone());
            view! {
                <tr data-id=e.id data-nip=e.nip.clone().unwrap_or_default()>
                    <td>{move || time_text(&at, i18n.get_locale())}</td>
                    <td class="actor">{e.actor.clone()}</td>
                    <td>{e.role.to_string()}</td>
                    <td class="action" data-action=e.action.clone()>
                        {move || action_text(&action, i18n.get_locale())}
                    </td>
                    <td class="target">{record}</td>
                    <td>{e.reason.clone().unwrap_or_else(|| "-".into())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table id="audit-results">
                <TableHead cols=cols![[audit.column] time, actor, role, action, record, reason] />
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
