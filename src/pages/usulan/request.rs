//! An employee's own request to move into a post (permohonan sendiri), opened from a rotation
//! option on "Karier Saya". It drafts a proposal (`propose_move`, source `own_request`) on this
//! device with the same rule checks as the planner's drafts; the employee then submits it from
//! the proposal's action panel.

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use mutasi_core::eligibility::{eligibility, Standing};
use mutasi_core::model::SlotId;
use mutasi_core::text::Text;
use mutasi_core::wire::auth::Account;
use mutasi_core::wire::sync::{Op, ProposalSource, Record};
use mutasi_core::workflow::StepError;
use mutasi_core::Dataset;

use super::usulan_href;
use crate::components::form::{InputField, NotesField};
use crate::components::verdict::VerdictSummary;
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};
use crate::planner::proposals::{drafts, Draft};
use crate::state::data::CityData;
use crate::state::proposals::{use_proposals, Proposals};
use crate::state::session::Session;
use crate::state::sync::SyncState;

/// The op and local copy of the employee `by`'s own request to move into `slot` on `tmt` at
/// `at` (checked by [`drafts`] exactly as a planner's draft: the reason, the hard rules, and a
/// written override (`reason`, with `override_soft`) for failing soft rules), or the problems
/// in both languages.
pub fn own_request(
    ds: &Dataset,
    by: &Account,
    slot: &SlotId,
    tmt: NaiveDate,
    reason: &str,
    override_soft: bool,
    at: DateTime<Utc>,
) -> Result<(Op, Record), Vec<Text>> {
    let Some(nip) = by.nip.clone() else {
        return Err(vec![StepError::OwnMoveOnly.text()]);
    };
    let moves = [(nip, slot.clone())];
    let mut list = drafts(
        ds,
        &moves,
        tmt,
        reason,
        override_soft,
        by,
        ProposalSource::OwnRequest,
        at,
    )
    .map_err(|p| p.iter().map(|p| p.text()).collect::<Vec<_>>())?;
    let Some(Draft { op, local }) = list.pop() else {
        return Err(vec![both!(usulan.request.no_proposal)]);
    };
    Ok((op, local))
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
    let Some(by) = account else {
        return ().into_any();
    };
    let today = data.map(|d| d.today.get_untracked()).unwrap_or_default();
    let (Some(e), Some(s)) = (ds.employee_idx(&nip), ds.slot_idx(&slot)) else {
        return view! {
            <p id="request-unavailable" class="note">{tr(|l| td_string!(l, usulan.request.no_post))}</p>
        }
        .into_any();
    };
    let tmt = RwSignal::new(crate::planner::state::next_round(today, Some(&ds)).to_string());
    let reason = RwSignal::new(String::new());
    let min_reason = ds.rules().reason_min_chars;
    let override_soft = RwSignal::new(false);
    let problems = RwSignal::new(Vec::<Text>::new());
    let busy = RwSignal::new(false);
    let target = format!("{} — {}", ds.slot_position(s).name, ds.slot_unit(s).name);
    // The one verdict on the TMT asked for (the same Karier Saya shows for the next round).
    let ds_v = ds.clone();
    let summary = Memo::new(move |_| {
        let date = NaiveDate::parse_from_str(&tmt.get(), "%Y-%m-%d")
            .unwrap_or_else(|_| crate::planner::state::next_round(today, Some(&ds_v)));
        eligibility(&ds_v, e, s, date, ds_v.rules()).summary()
    });
    let has_soft = move || summary.with(|v| v.standing == Standing::NeedsReason);
    let navigate = use_navigate();
    let create = move |_| {
        let Ok(date) = NaiveDate::parse_from_str(&tmt.get_untracked(), "%Y-%m-%d") else {
            problems.set(vec![both!(usulan.request.tmt_required)]);
            return;
        };
        let built = own_request(
            &ds,
            &by,
            &slot,
            date,
            &reason.get_untracked(),
            override_soft.get_untracked(),
            crate::clock::now(),
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
            let id = local.id.clone();
            let result = Proposals::record_mine(proposals, sync, op, local).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    navigate(&usulan_href(&id), Default::default());
                }
                // The local store's own message, in no particular language.
                Err(e) => problems.set(vec![Text::same(e)]),
            }
        });
    };
    view! {
        <section id="request" class="request-move" aria-labelledby="request-h">
            <h2 id="request-h">{tr(|l| td_string!(l, usulan.request.heading))}</h2>
            <p id="request-target">{tr(|l| td_string!(l, usulan.request.target))} " " <b>{target}</b></p>
            <div id="request-verdict">{move || view! { <VerdictSummary summary=summary.get() /> }}</div>
            <form id="request-form" on:submit=|ev| ev.prevent_default()>
                <InputField id="request-tmt" value=tmt kind="date">
                    {tr(|l| td_string!(l, usulan.request.tmt))}
                </InputField>
                <NotesField id="request-reason" value=reason>
                    {move || td_string!(i18n.get_locale(), usulan.request.reason, n = min_reason).to_string()}
                </NotesField>
                {move || has_soft().then(|| view! {
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
