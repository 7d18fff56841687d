//! One proposal: who moves, from which post to which, the TMT, the reason and overrides, where
//! it stands (SK, inauguration), every step taken (who, role, when, what, notes), the decision
//! pack ([`super::pack`]) and the action panel. Opening it marks the proposal as seen.

use leptos::prelude::*;
use mutasi_core::wire::sync::ProposalEvent;

use super::model::{
    action_name, current_text, person_name, role_label, source_label, status_name, target_text,
};
use super::pack::{pack, DecisionPack};
use super::panel::{ActionPanel, Outcome, PanelInputs};
use crate::components::format::date_shown;
use crate::components::links::pegawai_href;
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};
use crate::state::data::CityData;
use crate::state::proposals::{use_proposals, Item};

/// The proposal `id` as held on this device.
#[component]
pub fn ProposalView(id: String) -> impl IntoView {
    let proposals = use_proposals().unwrap_or_default();
    let data = use_context::<CityData>();
    let lookup = id.clone();
    let item = Memo::new(move |_| {
        proposals
            .items
            .with(|items| items.iter().find(|i| i.record.id == lookup).cloned())
    });
    let inputs = PanelInputs::new();
    let i18n = use_i18n();
    // Seen once shown, at the version shown.
    Effect::new(move |_| {
        if let Some(i) = item.get() {
            proposals.mark_seen(&i.record.id, i.record.version);
        }
    });
    view! {
        <p class="back"><a href="/usulan">{tr(|l| td_string!(l, usulan.detail.back))}</a></p>
        {move || match item.get() {
            None => view! {
                <h2>{tr(|l| td_string!(l, usulan.detail.title))}</h2>
                <p id="usulan-missing" role="status">
                    {if proposals.loaded.get() {
                        td_string!(i18n.get_locale(), usulan.detail.missing, id = &id).to_string()
                    } else {
                        td_string!(i18n.get_locale(), usulan.detail.loading).to_string()
                    }}
                </p>
            }
                .into_any(),
            Some(i) => {
                let ds = data.and_then(|d| d.dataset.get());
                let waiting = proposals.pending.with(|p| p.contains(&i.record.id));
                let pk = ds.as_deref().and_then(|ds| {
                    proposals.items.with(|all| pack(ds, &i.proposal, all))
                });
                view! {
                    <Summary item=i.clone() ds=ds waiting />
                    {pk.map(|pack| view! { <DecisionPack pack /> })}
                    <ActionPanel item=i inputs=inputs />
                }
                .into_any()
            }
        }}
        <Outcome saved=inputs.saved error=inputs.error status=inputs.status />
    }
}

#[component]
fn Summary(
    item: Item,
    ds: Option<std::sync::Arc<mutasi_core::Dataset>>,
    waiting: bool,
) -> impl IntoView {
    let ds = ds.as_deref();
    let p = &item.proposal;
    let i18n = use_i18n();
    let name = person_name(ds, &item).unwrap_or_else(|| p.nip.to_string());
    let (status, source) = (p.status, p.source);
    let from = current_text(ds, &item).unwrap_or_else(|| "—".into());
    let overrides = p
        .overrides
        .iter()
        .map(|o| {
            let title = o.rule().title();
            view! { <li>{move || pick(&title)} ": " {o.reason().to_string()}</li> }
        })
        .collect_view();
    let history = p.history.iter().rev().map(event_view).collect_view();
    view! {
        <h2>
            {
                let name = name.clone();
                move || td_string!(i18n.get_locale(), usulan.detail.heading, name = &name).to_string()
            }
        </h2>
        <p>
            <span id="usulan-status" class=format!("status-chip status-{}", p.status.as_str()) data-status=p.status.as_str()>
                {move || status_name(status, i18n.get_locale())}
            </span>
            {waiting.then(|| view! {
                <span id="usulan-pending" class="tag tag-waiting">
                    {tr(|l| td_string!(l, usulan.waiting))}
                </span>
            })}
            <small class="version">" v" {item.record.version}</small>
        </p>
        <dl class="usulan-facts">
            <dt>{tr(|l| td_string!(l, usulan.col.employee))}</dt>
            <dd><a href=pegawai_href(p.nip.as_str())>{name}</a> " — NIP " {p.nip.to_string()}</dd>
            <dt>{tr(|l| td_string!(l, usulan.col.from))}</dt>
            <dd id="usulan-from">{from}</dd>
            <dt>{tr(|l| td_string!(l, usulan.col.to))}</dt>
            <dd id="usulan-to">{target_text(ds, &item)}</dd>
            <dt>{tr(|l| td_string!(l, usulan.col.tmt))}</dt>
            <dd id="usulan-tmt">{let d = p.tmt; move || date_shown(d)}</dd>
            <dt>{tr(|l| td_string!(l, usulan.col.reason))}</dt>
            <dd id="usulan-reason">{p.reason.clone()}</dd>
            <dt>{tr(|l| td_string!(l, usulan.col.source))}</dt>
            <dd>{move || source_label(source, i18n.get_locale())} " — " {p.proposed_by.clone()}</dd>
            {(!p.overrides.is_empty()).then(|| view! {
                <dt>{tr(|l| td_string!(l, usulan.col.overrides))}</dt>
                <dd><ul id="usulan-overrides">{overrides}</ul></dd>
            })}
            {p.sk.clone().map(|sk| view! {
                <dt>{tr(|l| td_string!(l, usulan.col.sk))}</dt>
                <dd id="usulan-sk">{sk.number} " — " {let d = sk.date; move || date_shown(d)}</dd>
            })}
            {p.inaugurated_on.map(|d| view! {
                <dt>{tr(|l| td_string!(l, usulan.col.inaugurated))}</dt>
                <dd id="usulan-inaugurated">{move || date_shown(d)}</dd>
            })}
        </dl>
        <h3>{tr(|l| td_string!(l, usulan.detail.history))}</h3>
        <ol id="usulan-history" class="timeline" reversed>
            {history}
        </ol>
    }
}

fn event_view(e: &ProposalEvent) -> impl IntoView {
    let i18n = use_i18n();
    let (action, to, role) = (e.action.clone(), e.to, e.role);
    let at = e.at.clone();
    let when = move || crate::components::format::moment_in(&at, i18n.get_locale());
    view! {
        <li class="event" data-action=e.action.clone() data-to=e.to.as_str()>
            <p>
                <b>{move || action_name(&action, i18n.get_locale())}</b>
                " → " {move || status_name(to, i18n.get_locale())}
            </p>
            <p class="event-who">
                {e.by.clone()} " (" {move || role_label(role, i18n.get_locale())} ") · "
                <time datetime=e.at.clone()>{when}</time>
            </p>
            {e.reason.clone().map(|r| view! {
                <p class="event-notes">{tr(|l| td_string!(l, usulan.detail.notes))} " " {r}</p>
            })}
        </li>
    }
}
