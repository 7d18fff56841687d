//! Accepted (locked or forced) moves of the shown plan → proposals, recorded on this device and
//! sent by the sync engine.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::plan::Plan;
use mutasi_core::text::Text;
use mutasi_core::Dataset;

use crate::components::form::NotesField;
use crate::components::format::date_shown;
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};
use crate::planner::both;
use crate::planner::proposals::drafts;
use crate::planner::state::use_planner;
use crate::state::session::Session;
use crate::state::sync::SyncState;
use mutasi_core::wire::sync::ProposalSource;

#[component]
pub fn Propose(ds: Arc<Dataset>, plan: Arc<Plan>) -> impl IntoView {
    let planner = use_planner();
    let c = planner.constraints;
    let proposed = planner.proposed;
    let i18n = use_i18n();
    // The reason is data sent with every proposal, written as the city writes it.
    let reason = RwSignal::new(format!(
        "Rencana mutasi TMT {}: pemenuhan kebutuhan organisasi dan rotasi berkala",
        date_shown(plan.date)
    ));
    let override_soft = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let created = RwSignal::new(0usize);
    let problems = RwSignal::new(Vec::<Text>::new());
    let p2 = plan.clone();
    // Accepted moves that the shown plan makes (a lock made after the run waits for a re-run).
    let accepted = Memo::new(move |_| {
        let done = proposed.get();
        c.with(|c| {
            c.accepted()
                .filter(|(n, s)| p2.moves.iter().any(|m| &m.nip == *n && &m.to.slot == *s))
                .filter(|(n, s)| !done.iter().any(|(dn, ds)| dn == *n && ds == *s))
                .map(|(n, s)| (n.clone(), s.clone()))
                .collect::<Vec<_>>()
        })
    });
    let tmt = plan.date;
    let create = move |_| {
        let moves = accepted.get_untracked();
        let Some(by) = use_context::<Session>().and_then(|s| s.account()) else {
            problems.set(vec![both(|l| {
                td_string!(l, common.errors.log_in_first).to_string()
            })]);
            return;
        };
        let Some(sync) = use_context::<SyncState>() else {
            problems.set(vec![both(|l| {
                td_string!(l, rencana.propose.no_sync).to_string()
            })]);
            return;
        };
        match drafts(
            &ds,
            &moves,
            tmt,
            &reason.get_untracked(),
            override_soft.get_untracked(),
            &by,
            ProposalSource::Plan,
            crate::clock::now(),
        ) {
            Err(list) => problems.set(
                list.into_iter()
                    .map(|p| {
                        let t = p.text();
                        match p.nip {
                            Some(n) => {
                                Text::new(format!("{n}: {}", t.id), format!("{n}: {}", t.en))
                            }
                            None => t,
                        }
                    })
                    .collect(),
            ),
            Ok(list) => {
                problems.set(Vec::new());
                busy.set(true);
                spawn_local(async move {
                    let mut errors = Vec::new();
                    for (d, mv) in list.into_iter().zip(moves) {
                        let nip = mv.0.to_string();
                        match sync.record_change(d.op, Some(d.local)).await {
                            Ok(()) => {
                                created.update(|n| *n += 1);
                                proposed.update(|p| p.push(mv));
                            }
                            Err(e) => {
                                let detail = format!("{nip}: {e}");
                                errors.push(Text::same(detail));
                            }
                        }
                    }
                    problems.set(errors);
                    busy.set(false);
                });
            }
        }
    };
    view! {
        <section id="propose" aria-labelledby="propose-h">
            <h3 id="propose-h" tabindex="-1">{tr(|l| td_string!(l, rencana.propose.heading))}</h3>
            <p>
                {move || {
                    td_string!(i18n.get_locale(), rencana.propose.locked, n = accepted.with(Vec::len)).to_string()
                }}
                " "
                {tr(|l| td_string!(l, rencana.propose.hint))}
            </p>
            <NotesField id="proposal-reason" value=reason rows=2>
                {tr(|l| td_string!(l, rencana.propose.reason))}
            </NotesField>
            <label class="check">
                <input
                    id="proposal-override"
                    type="checkbox"
                    prop:checked=move || override_soft.get()
                    on:change=move |ev| override_soft.set(event_target_checked(&ev))
                />
                {tr(|l| td_string!(l, rencana.propose.override_soft))}
            </label>
            <button
                id="proposal-create"
                type="button"
                class="primary"
                disabled=move || busy.get() || accepted.with(Vec::is_empty)
                on:click=create
            >
                {move || {
                    td_string!(i18n.get_locale(), rencana.propose.create, n = accepted.with(Vec::len)).to_string()
                }}
            </button>
            <p id="proposal-result" role="status" data-created=move || created.get()>
                {move || {
                    (created.get() > 0)
                        .then(|| {
                            td_string!(i18n.get_locale(), rencana.propose.created, n = created.get()).to_string()
                        })
                }}
            </p>
            <ul id="proposal-problems" class="error">
                {move || {
                    problems
                        .get()
                        .into_iter()
                        .map(|p| view! { <li role="alert">{move || pick(&p)}</li> })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
