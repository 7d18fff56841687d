//! An employee's own request to move into a post (permohonan sendiri), opened from a rotation
//! option on "Karier Saya". It drafts a proposal (`propose_move`, source `own_request`) on this
//! device with the same rule checks as the planner's drafts; the employee then submits it from
//! the proposal's action panel.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use mutasi_core::eligibility::eligibility;
use mutasi_core::model::{Nip, SlotId};
use mutasi_core::text::Text;
use mutasi_core::wire::sync::{Op, ProposalSource, Record};
use mutasi_core::Dataset;

use super::usulan_href;
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};
use crate::planner::proposals::{drafts, Draft};
use crate::state::data::CityData;
use crate::state::proposals::use_proposals;
use crate::state::session::Session;
use crate::state::sync::SyncState;

/// The shortest reason of a request (as for a planner's drafts).
const MIN_REQUEST_REASON_CHARS: usize = 10;

/// The op and local copy of an employee's own request to move `nip` into `slot` on `tmt`
/// (the rules checked as for a planner's draft; `override_soft` uses `reason` as the written
/// override of failing soft rules), or the problems.
pub fn own_request(
    ds: &Dataset,
    nip: &Nip,
    slot: &SlotId,
    tmt: NaiveDate,
    reason: &str,
    override_soft: bool,
    by: &str,
) -> Result<(Op, Record), Vec<Text>> {
    let problems = request_problems(ds, nip, slot, tmt, reason, override_soft);
    if !problems.is_empty() {
        return Err(problems);
    }
    let moves = [(nip.clone(), slot.clone())];
    let mut list = drafts(
        ds,
        &moves,
        tmt,
        reason,
        override_soft,
        by,
        ProposalSource::OwnRequest,
    )
    // Checked above already; anything else `drafts` finds is shown as it says.
    .map_err(|p| p.iter().map(|p| p.text()).collect::<Vec<_>>())?;
    let Some(Draft { op, local }) = list.pop() else {
        return Err(vec![both!(usulan.request.no_proposal)]);
    };
    Ok((op, local))
}

/// What stops the request, in both languages: the checks of [`drafts`] that a request can
/// fail (a short reason, a hard rule, a soft rule without the written override).
fn request_problems(
    ds: &Dataset,
    nip: &Nip,
    slot: &SlotId,
    tmt: NaiveDate,
    reason: &str,
    override_soft: bool,
) -> Vec<Text> {
    if reason.trim().chars().count() < MIN_REQUEST_REASON_CHARS {
        return vec![both!(
            usulan.request.reason_short,
            n = MIN_REQUEST_REASON_CHARS
        )];
    }
    let (Some(e), Some(s)) = (ds.employee_idx(nip), ds.slot_idx(slot)) else {
        return Vec::new();
    };
    let verdicts = eligibility(ds, e, s, tmt, ds.rules());
    let hard: Vec<Text> = verdicts.hard_failures().map(|v| v.reason.clone()).collect();
    if !hard.is_empty() {
        return hard;
    }
    let soft: Vec<&Text> = verdicts.soft_failures().map(|v| &v.reason).collect();
    if soft.is_empty() || override_soft {
        return Vec::new();
    }
    let ids: Vec<&str> = soft.iter().map(|t| t.id.as_str()).collect();
    let ens: Vec<&str> = soft.iter().map(|t| t.en.as_str()).collect();
    vec![Text::new(
        td_string!(
            Locale::id,
            usulan.request.needs_override,
            rules = ids.join("; ")
        )
        .to_string(),
        td_string!(
            Locale::en,
            usulan.request.needs_override,
            rules = ens.join("; ")
        )
        .to_string(),
    )]
}

/// The request form for the post (slot id) `post`.
#[component]
pub fn RequestMove(post: String) -> impl IntoView {
    let account = use_context::<Session>().and_then(|s| s.account());
    let data = use_context::<CityData>();
    let i18n = use_i18n();
    let (Some(nip), Some(ds), Ok(slot)) = (
        account.as_ref().and_then(|a| a.nip.clone()),
        data.and_then(|d| d.dataset.get_untracked()),
        SlotId::new(post),
    ) else {
        return view! {
            <p id="request-unavailable" class="note">{tr(|l| td_string!(l, usulan.request.no_employee))}</p>
        }
        .into_any();
    };
    let by = account.map(|a| a.username).unwrap_or_default();
    let today = data.map(|d| d.today.get_untracked()).unwrap_or_default();
    let (Some(e), Some(s)) = (ds.employee_idx(&nip), ds.slot_idx(&slot)) else {
        return view! {
            <p id="request-unavailable" class="note">{tr(|l| td_string!(l, usulan.request.no_post))}</p>
        }
        .into_any();
    };
    let tmt = RwSignal::new(crate::planner::state::next_round(today).to_string());
    let reason = RwSignal::new(String::new());
    let override_soft = RwSignal::new(false);
    let problems = RwSignal::new(Vec::<Text>::new());
    let busy = RwSignal::new(false);
    let target = format!("{} — {}", ds.slot_position(s).name, ds.slot_unit(s).name);
    let verdicts = eligibility(&ds, e, s, today, ds.rules());
    let soft: Vec<Text> = verdicts.soft_failures().map(|v| v.reason.clone()).collect();
    let has_soft = !soft.is_empty();
    let navigate = use_navigate();
    let create = move |_| {
        let Ok(date) = NaiveDate::parse_from_str(&tmt.get_untracked(), "%Y-%m-%d") else {
            problems.set(vec![both!(usulan.request.tmt_required)]);
            return;
        };
        let built = own_request(
            &ds,
            &nip,
            &slot,
            date,
            &reason.get_untracked(),
            override_soft.get_untracked(),
            &by,
        );
        let (op, local) = match built {
            Ok(x) => x,
            Err(list) => {
                problems.set(list);
                return;
            }
        };
        let Some(sync) = use_context::<SyncState>() else {
            problems.set(vec![both!(usulan.no_sync)]);
            return;
        };
        let proposals = use_proposals();
        problems.set(Vec::new());
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let (id, version) = (local.id.clone(), local.version);
            let result = sync.record_change(op, Some(local)).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    if let Some(p) = proposals {
                        p.mark_seen(&id, version);
                        p.reload();
                    }
                    navigate(&usulan_href(&id), Default::default());
                }
                // The local store's own message, in no particular language.
                Err(e) => problems.set(vec![Text::new(e.clone(), e)]),
            }
        });
    };
    view! {
        <section id="request" class="request-move" aria-labelledby="request-h">
            <h2 id="request-h">{tr(|l| td_string!(l, usulan.request.heading))}</h2>
            <p id="request-target">{tr(|l| td_string!(l, usulan.request.target))} " " <b>{target}</b></p>
            {has_soft.then(|| view! {
                <div class="note">
                    <p>{tr(|l| td_string!(l, usulan.request.soft))}</p>
                    <ul id="request-soft">
                        {soft.into_iter().map(|t| view! { <li>{move || pick(&t)}</li> }).collect_view()}
                    </ul>
                </div>
            })}
            <form id="request-form" on:submit=|ev| ev.prevent_default()>
                <label>
                    {tr(|l| td_string!(l, usulan.request.tmt))} " "
                    <input id="request-tmt" type="date" prop:value=move || tmt.get()
                        on:input=move |ev| tmt.set(event_target_value(&ev)) />
                </label>
                <label>
                    {move || t_string!(i18n, usulan.request.reason, n = MIN_REQUEST_REASON_CHARS).to_string()} " "
                    <textarea id="request-reason" rows="3" prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                </label>
                {has_soft.then(|| view! {
                    <label class="check">
                        <input id="request-override" type="checkbox" prop:checked=move || override_soft.get()
                            on:change=move |ev| override_soft.set(event_target_checked(&ev)) />
                        {tr(|l| td_string!(l, usulan.request.override_note))}
                    </label>
                })}
                <button id="request-create" type="button" class="primary" disabled=move || busy.get() on:click=create>
                    {tr(|l| td_string!(l, usulan.request.save))}
                </button>
            </form>
            <ul id="request-problems" class="error">
                {move || problems.get().iter().map(|p| view! { <li role="alert">{pick(p)}</li> }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// Whether the signed-in account is the employee `e` (who may request their own move).
pub fn is_own(ds: &Dataset, e: mutasi_core::model::EmployeeIdx) -> bool {
    use_context::<Session>()
        .and_then(|s| s.account())
        .and_then(|a| a.nip)
        .is_some_and(|n| n == ds.employees()[e as usize].nip)
}
