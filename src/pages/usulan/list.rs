//! The list of proposals: counts per status (each a filter), a status filter and a search by
//! name, NIP or unit, one row per proposal linking to its detail. Proposals with a change still
//! waiting to be sent say so; for an employee, proposals that changed since they last looked are
//! marked "Baru" ("New").

use leptos::prelude::*;
use mutasi_core::wire::auth::Role;
use mutasi_core::wire::sync::ProposalStatus;

use super::model::{counts, person_name, status_name, target_text, Filter};
use super::usulan_href;
use crate::components::conflicts::ConflictsPanel;
use crate::components::format::date_shown;
use crate::components::table::{cols, TableHead};
use crate::i18n::*;
use crate::lang::{tr, use_i18n};
use crate::state::data::CityData;
use crate::state::proposals::{is_unseen, use_proposals, Proposals};
use crate::state::session::Session;

fn is_employee() -> bool {
    use_context::<Session>()
        .and_then(|s| s.account())
        .is_some_and(|a| a.role == Role::Employee)
}

/// The list with its filters and the conflicts panel.
#[component]
pub fn ProposalList() -> impl IntoView {
    let proposals = use_proposals().unwrap_or_default();
    let data = use_context::<CityData>();
    let filter = RwSignal::new(Filter::default());
    let employee = is_employee;
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    view! {
        <h2>
            {move || {
                if employee() {
                    td_string!(i18n.get_locale(), usulan.list.title_mine)
                } else {
                    td_string!(i18n.get_locale(), usulan.list.title)
                }
            }}
        </h2>
        <p>{tr(|l| td_string!(l, usulan.list.intro))}</p>
        <ConflictsPanel />
        <Counts proposals filter />
        <div class="filters usulan-filters">
            <label>
                {tr(|l| td_string!(l, usulan.list.status))} " "
                <select
                    id="usulan-status-filter"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let status = ProposalStatus::ALL.into_iter().find(|s| s.as_str() == v);
                        filter.update(|f| f.status = status);
                    }
                    prop:value=move || filter.with(|f| f.status.map_or("", |s| s.as_str()).to_string())
                >
                    <option value="">{tr(|l| td_string!(l, usulan.list.all))}</option>
                    {ProposalStatus::ALL
                        .into_iter()
                        .map(|s| view! { <option value=s.as_str()>{move || status_name(s, locale())}</option> })
                        .collect_view()}
                </select>
            </label>
            <label>
                {tr(|l| td_string!(l, usulan.list.search))} " "
                <input
                    id="usulan-search"
                    type="search"
                    prop:value=move || filter.with(|f| f.query.clone())
                    on:input=move |ev| {
                        let q = event_target_value(&ev);
                        filter.update(|f| f.query = q);
                    }
                />
            </label>
        </div>
        {move || {
            let ds = data.and_then(|d| d.dataset.get());
            let f = filter.get();
            let seen = proposals.seen.get();
            let pending = proposals.pending.get();
            let mark_new = employee();
            let mut rows: Vec<_> = proposals
                .items
                .get()
                .into_iter()
                .filter(|i| f.matches(ds.as_deref(), i))
                .collect();
            // Newest first (ids are UUID v7, ordered by creation time).
            rows.reverse();
            if rows.is_empty() {
                return view! {
                    <p id="usulan-empty" class="empty">
                        {if proposals.loaded.get() {
                            td_string!(i18n.get_locale(), usulan.list.empty)
                        } else {
                            td_string!(i18n.get_locale(), usulan.list.loading)
                        }}
                    </p>
                }
                    .into_any();
            }
            view! {
                <div class="table-wrap">
                    <table id="usulan-table">
                        <TableHead cols=cols![[usulan.col] employee, to, tmt, status] />
                        <tbody>
                            {rows
                                .into_iter()
                                .map(|i| {
                                    let unseen = mark_new && is_unseen(&seen, &i);
                                    let waiting = pending.contains(&i.record.id);
                                    let name = person_name(ds.as_deref(), &i)
                                        .unwrap_or_else(|| i.proposal.nip.to_string());
                                    let status = i.proposal.status;
                                    view! {
                                        <tr
                                            data-id=i.record.id.clone()
                                            data-status=i.proposal.status.as_str()
                                            class:unseen=unseen
                                            class:waiting=waiting
                                        >
                                            <th scope="row">
                                                <a href=usulan_href(&i.record.id)>{name}</a>
                                                <br />
                                                <small>"NIP " {i.proposal.nip.to_string()}</small>
                                                {unseen.then(|| view! { <span class="tag tag-new">{tr(|l| td_string!(l, usulan.list.badge_new))}</span> })}
                                            </th>
                                            <td>{target_text(ds.as_deref(), &i)}</td>
                                            <td>{let d = i.proposal.tmt; move || date_shown(d)}</td>
                                            <td>
                                                <span class=format!("status-chip status-{}", i.proposal.status.as_str())>
                                                    {move || status_name(status, locale())}
                                                </span>
                                                {waiting.then(|| view! {
                                                    <span class="tag tag-waiting">{tr(|l| td_string!(l, usulan.waiting))}</span>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            }
                .into_any()
        }}
    }
}

/// Counts per status; a status with proposals filters the list when clicked.
#[component]
fn Counts(proposals: Proposals, filter: RwSignal<Filter>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul id="usulan-counts" class="status-counts">
            {move || {
                let all = proposals.items.with(Vec::len);
                let items = proposals.items.get();
                let current = filter.with(|f| f.status);
                let total = view! {
                    <li>
                        <button type="button" data-status="" aria-pressed=move || current.is_none().to_string()
                            on:click=move |_| filter.update(|f| f.status = None)>
                            {tr(|l| td_string!(l, usulan.list.all))} " " <b>{all}</b>
                        </button>
                    </li>
                };
                let per = counts(&items)
                    .into_iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(s, n)| {
                        view! {
                            <li>
                                <button type="button" data-status=s.as_str() data-count=n
                                    aria-pressed=(current == Some(s)).to_string()
                                    on:click=move |_| filter.update(|f| f.status = Some(s))>
                                    {move || status_name(s, i18n.get_locale())} " " <b>{n}</b>
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! { {total} {per} }
            }}
        </ul>
    }
}
