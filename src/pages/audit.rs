//! Jejak audit (`/audit`): the server's append-only audit trail for approvers and admins,
//! filtered by NIP, OPD, account and period, a page at a time (the API's cursor), and
//! downloadable as CSV with the same filters. Unlike the other screens this one reads the
//! server, not the device: the trail is not synced, so it needs a connection.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::wire::auth::Role;
use mutasi_core::wire::sync::{AuditEntry, AuditFilter, AuditPage};

use crate::api::{self, ApiError};
use crate::components::format::date_id;
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

/// "3 Oktober 2026 08.15 UTC" from an RFC 3339 time (the text itself if it is not one).
pub fn time_text(at: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(at) {
        Ok(t) => {
            let t = t.naive_utc();
            format!("{} {}", date_id(t.date()), t.format("%H.%M UTC"))
        }
        Err(_) => at.to_string(),
    }
}

/// The action's name in both languages (the code itself for unknown ones).
pub fn action_text(action: &str) -> String {
    let (id, en) = match action {
        "propose_move" => ("Usulan dibuat", "Proposal drafted"),
        "revise_proposal" => ("Usulan direvisi", "Proposal revised"),
        "submit_proposal" => ("Usulan diajukan", "Proposal submitted"),
        "check_file" => ("Berkas diperiksa", "File checked"),
        "review_proposal" => ("Pertimbangan Baperjakat", "Baperjakat review"),
        "decide_proposal" => ("Keputusan PPK", "PPK decision"),
        "issue_sk" => ("SK terbit", "SK issued"),
        "inaugurate" => ("Pelantikan", "Inauguration"),
        "set_preferences" => ("Minat diubah", "Preferences set"),
        other => return other.to_string(),
    };
    format!("{id} / {en}")
}

/// What an error means here: a transport failure says a connection is needed.
pub fn error_text(e: &ApiError) -> String {
    match e {
        ApiError::Transport(_) => format!(
            "Jejak audit memerlukan koneksi ke server / The audit trail needs a connection to the server. ({e})"
        ),
        other => other.to_string(),
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
    /// The filter, or why the form is not valid.
    fn filter(&self) -> Result<AuditFilter, String> {
        let text = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_string()).filter(|s| !s.is_empty())
        };
        let date = |s: RwSignal<String>, what: &str| -> Result<Option<NaiveDate>, String> {
            match text(s) {
                None => Ok(None),
                Some(v) => v
                    .parse()
                    .map(Some)
                    .map_err(|_| format!("{what}: tanggal tidak valid / not a valid date ({v})")),
            }
        };
        let filter = AuditFilter {
            nip: text(self.nip),
            unit: text(self.unit),
            actor: text(self.actor),
            from: date(self.from, "Dari / From")?,
            to: date(self.to, "Sampai / To")?,
        };
        if let (Some(a), Some(b)) = (filter.from, filter.to) {
            if a > b {
                return Err("Periode: tanggal awal setelah tanggal akhir / Period: the start is after the end".into());
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
            <h2>"Jejak audit " <span class="en" lang="en">"/ Audit trail"</span></h2>
            <p>
                "Setiap perubahan yang diterima server tercatat: siapa, kapan, apa dan mengapa. Halaman ini membaca server secara langsung."
            </p>
            <p class="en" lang="en">
                "Every change the server accepted is recorded: who, when, what and why. This page reads the server directly."
            </p>
            {move || match session.and_then(|s| s.account()) {
                None if session.is_some_and(|s| !s.restored.get()) => {
                    view! {
                        <p role="status">"Memuat sesi… " <span class="en" lang="en">"/ Loading the session…"</span></p>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <p id="audit-login" class="error" role="alert">
                            "Silakan masuk sebagai approver atau admin untuk melihat jejak audit. "
                            <span class="en" lang="en">"Log in as an approver or admin to see the audit trail."</span>
                            " " <a href="/masuk">"Masuk / Log in"</a>
                        </p>
                    }
                        .into_any()
                }
                Some(a) if !may_read(a.role) => {
                    view! {
                        <p id="audit-denied" class="error" role="alert">
                            "Tidak diizinkan: jejak audit hanya untuk approver dan admin. "
                            <span class="en" lang="en">"Not allowed: the audit trail is for approvers and admins only."</span>
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
    let data = use_city_data();
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
            error.set(Some("Silakan masuk lagi / Please log in again".into()));
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
                    let _ = error.try_set(Some(error_text(&e)));
                }
            }
            let _ = busy.try_set(false);
        });
    };
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match fields.filter() {
            Ok(f) => fetch(f, 0, vec![0]),
            Err(e) => error.set(Some(e)),
        }
    };
    let next = move |_| {
        if let Some(p) = page.get_untracked() {
            let mut stack = pages.get_untracked();
            stack.push(p.cursor);
            fetch(applied.get_untracked(), p.cursor, stack);
        }
    };
    let prev = move |_| {
        let mut stack = pages.get_untracked();
        if stack.len() > 1 {
            stack.pop();
            let since = stack.last().copied().unwrap_or(0);
            fetch(applied.get_untracked(), since, stack);
        }
    };
    let download = move |_| {
        let filter = match fields.filter() {
            Ok(f) => f,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        let Some(token) = session.and_then(|s| s.token()) else {
            error.set(Some("Silakan masuk lagi / Please log in again".into()));
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
                            let _ = csv_note.try_set(Some(format!(
                                "CSV berisi {rows} baris / The CSV holds {rows} rows"
                            )));
                        }
                        Err(e) => {
                            let _ = error
                                .try_set(Some(format!("Unduhan gagal / Download failed: {e}")));
                        }
                    }
                }
                Err(e) => {
                    let _ = error.try_set(Some(error_text(&e)));
                }
            }
            let _ = busy.try_set(false);
        });
    };
    let input = |id: &'static str,
                 label: &'static str,
                 en: &'static str,
                 kind: &'static str,
                 value: RwSignal<String>| {
        view! {
            <label>
                {label} <span class="en" lang="en">" / " {en}</span>
                <input
                    id=id
                    type=kind
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </label>
        }
    };
    // OPD to filter by: the roots of the unit tree on this device.
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
        {move || {
            (!online())
                .then(|| {
                    view! {
                        <p id="audit-offline" class="warn" role="status">
                            "Perangkat sedang luring: jejak audit memerlukan koneksi ke server. "
                            <span class="en" lang="en">"This device is offline: the audit trail needs a connection to the server."</span>
                        </p>
                    }
                })
        }}
        <form id="audit-filter" class="filters" on:submit=search>
            {input("audit-nip", "NIP", "NIP", "text", fields.nip)}
            <label>
                "Unit/OPD " <span class="en" lang="en">"/ Unit"</span>
                {move || match opds() {
                    Some(list) => {
                        view! {
                            <select
                                id="audit-unit"
                                prop:value=move || fields.unit.get()
                                on:change=move |ev| fields.unit.set(event_target_value(&ev))
                            >
                                <option value="">"Semua OPD / All OPD"</option>
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
                                prop:value=move || fields.unit.get()
                                on:input=move |ev| fields.unit.set(event_target_value(&ev))
                            />
                        }
                            .into_any()
                    }
                }}
            </label>
            {input("audit-actor", "Pengguna", "User", "text", fields.actor)}
            {input("audit-from", "Dari tanggal", "From", "date", fields.from)}
            {input("audit-to", "Sampai tanggal", "To", "date", fields.to)}
            <button id="audit-search" type="submit" disabled=move || busy.get() || !online()>
                "Cari " <span class="en" lang="en">"/ Search"</span>
            </button>
            <button id="audit-csv" type="button" class="sort" disabled=move || busy.get() || !online() on:click=download>
                "Unduh CSV " <span class="en" lang="en">"/ Download CSV"</span>
            </button>
        </form>
        <DownloadLink last=csv_last id="audit-csv-link" />
        <p id="audit-csv-note" class="note" role="status">{move || csv_note.get()}</p>
        <div id="audit-error" role="alert">
            {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
        </div>
        {move || {
            page.get()
                .map(|p| {
                    let n = pages.with(Vec::len);
                    let empty = p.entries.is_empty();
                    view! {
                        <p class="note" id="audit-page" data-page=n>
                            {format!("Halaman {n}, {} entri / Page {n}, {} entries", p.entries.len(), p.entries.len())}
                        </p>
                        {if empty {
                            view! {
                                <p id="audit-empty" class="note">
                                    "Tidak ada entri yang cocok. " <span class="en" lang="en">"No matching entries."</span>
                                </p>
                            }
                                .into_any()
                        } else {
                            view! { <Entries entries=p.entries.clone() /> }.into_any()
                        }}
                        <div class="pager">
                            <button id="audit-prev" type="button" class="sort" disabled=move || busy.get() || n <= 1 on:click=prev>
                                "Sebelumnya " <span class="en" lang="en">"/ Previous"</span>
                            </button>
                            <button id="audit-next" type="button" class="sort" disabled=move || busy.get() || !p.more on:click=next>
                                "Berikutnya " <span class="en" lang="en">"/ Next"</span>
                            </button>
                        </div>
                    }
                })
        }}
    }
}

#[component]
fn Entries(entries: Vec<AuditEntry>) -> impl IntoView {
    let rows = entries
        .into_iter()
        .map(|e| {
            let record = match &e.nip {
                Some(n) => format!("{} (NIP {n})", e.target),
                None => e.target.clone(),
            };
            view! {
                <tr data-id=e.id data-nip=e.nip.clone().unwrap_or_default()>
                    <td>{time_text(&e.at)}</td>
                    <td class="actor">{e.actor.clone()}</td>
                    <td>{e.role.to_string()}</td>
                    <td class="action" data-action=e.action.clone()>{action_text(&e.action)}</td>
                    <td class="target">{record}</td>
                    <td>{e.reason.clone().unwrap_or_else(|| "-".into())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table id="audit-results">
                <thead>
                    <tr>
                        <th scope="col">"Waktu " <span class="en">"/ Time"</span></th>
                        <th scope="col">"Pengguna " <span class="en">"/ User"</span></th>
                        <th scope="col">"Peran " <span class="en">"/ Role"</span></th>
                        <th scope="col">"Tindakan " <span class="en">"/ Action"</span></th>
                        <th scope="col">"Data " <span class="en">"/ Record"</span></th>
                        <th scope="col">"Alasan " <span class="en">"/ Reason"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
