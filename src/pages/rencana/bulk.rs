//! Bulk decisions on the plan under review: accept every move of a group (a whole vacancy chain
//! or swap), of the page, or of everything the filter shows, in one action; undo the last bulk
//! action as one; jump to "Jadikan usulan". Accepting is locking: the next run keeps the moves
//! and they can become proposals together, so a chain is never half accepted.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::model::{Nip, SlotId};
use mutasi_core::plan::Plan;
use wasm_bindgen::JsCast;

use crate::components::format::num;
use crate::i18n::*;
use crate::lang::use_i18n;
use crate::planner::constraints::{Batch, Decision};
use crate::planner::state::use_planner;

/// The lock decisions of every move of the groups `groups` of `plan`.
pub fn locks_of(plan: &Plan, groups: &[usize]) -> Vec<Decision> {
    groups
        .iter()
        .flat_map(|&gi| plan.groups[gi].moves.iter())
        .map(|&i| Decision::Lock {
            nip: plan.moves[i].nip.clone(),
            slot: plan.moves[i].to.slot.clone(),
        })
        .collect()
}

/// The accepted (locked or forced) moves, as a set.
fn accepted_set() -> Memo<HashSet<(Nip, SlotId)>> {
    let c = use_planner().constraints;
    Memo::new(move |_| c.with(|c| c.accepted().map(|(n, s)| (n.clone(), s.clone())).collect()))
}

/// How many moves of `groups` are not accepted yet.
fn pending(plan: &Plan, groups: &[usize], accepted: &HashSet<(Nip, SlotId)>) -> usize {
    groups
        .iter()
        .flat_map(|&gi| plan.groups[gi].moves.iter())
        .filter(|&&i| {
            let m = &plan.moves[i];
            !accepted.contains(&(m.nip.clone(), m.to.slot.clone()))
        })
        .count()
}

/// What the last bulk action did, for the status line and its undo.
#[derive(Clone)]
enum Last {
    Accepted(Batch),
    Undone(usize),
}

/// The bar above the groups: accept the page, accept everything shown, undo, go to proposals.
#[component]
pub fn BulkBar(
    plan: Arc<Plan>,
    shown: Memo<Vec<usize>>,
    page: RwSignal<usize>,
    per_page: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let c = use_planner().constraints;
    let accepted = accepted_set();
    let last = RwSignal::new(None::<Last>);
    let on_page = move || {
        let start = page.get() * per_page;
        shown.with(|s| {
            s.iter()
                .skip(start)
                .take(per_page)
                .copied()
                .collect::<Vec<_>>()
        })
    };
    let (p1, p2, p3, p4) = (plan.clone(), plan.clone(), plan.clone(), plan.clone());
    let page_pending = Memo::new(move |_| accepted.with(|a| pending(&p1, &on_page(), a)));
    let shown_pending = Memo::new(move |_| accepted.with(|a| shown.with(|s| pending(&p2, s, a))));
    let in_plan = Memo::new(move |_| {
        accepted.with(|a| {
            p3.moves
                .iter()
                .filter(|m| a.contains(&(m.nip.clone(), m.to.slot.clone())))
                .count()
        })
    });
    let accept = move |groups: Vec<usize>| {
        let locks = locks_of(&p4, &groups);
        let mut batch = Batch::default();
        c.update(|c| batch = c.decide_all(locks));
        last.set((!batch.is_empty()).then_some(Last::Accepted(batch)));
    };
    let accept2 = accept.clone();
    let undo = move |_| {
        if let Some(Last::Accepted(b)) = last.get_untracked() {
            c.update(|c| c.revert(&b));
            last.set(Some(Last::Undone(b.added.len())));
        }
    };
    let to_propose = move |_| {
        let doc = web_sys::window().and_then(|w| w.document());
        if let Some(h) = doc.and_then(|d| d.get_element_by_id("propose-h")) {
            h.scroll_into_view();
            if let Ok(h) = h.dyn_into::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        }
    };
    view! {
        <div id="bulk" class="bulk" role="group" aria-label=move || td_string!(i18n.get_locale(), rencana.bulk.label)>
            <button
                type="button"
                id="accept-page"
                disabled=move || page_pending.get() == 0
                on:click=move |_| accept(on_page())
            >
                {move || td_string!(i18n.get_locale(), rencana.bulk.page, n = num(page_pending.get() as f64, 0)).to_string()}
            </button>
            <button
                type="button"
                id="accept-shown"
                disabled=move || shown_pending.get() == 0
                on:click=move |_| accept2(shown.get_untracked())
            >
                {move || td_string!(i18n.get_locale(), rencana.bulk.shown, n = num(shown_pending.get() as f64, 0)).to_string()}
            </button>
            <button type="button" id="to-propose" on:click=to_propose>
                {move || td_string!(i18n.get_locale(), rencana.bulk.to_propose, n = num(in_plan.get() as f64, 0)).to_string()}
            </button>
            <p id="bulk-status" role="status">
                {move || match last.get() {
                    Some(Last::Accepted(b)) => {
                        let n = num(b.added.len() as f64, 0);
                        Some(view! {
                            <span>{move || td_string!(i18n.get_locale(), rencana.bulk.accepted, n = n.clone()).to_string()}</span>
                            " "
                            <button type="button" id="bulk-undo" on:click=undo>
                                {move || td_string!(i18n.get_locale(), rencana.bulk.undo)}
                            </button>
                        }.into_any())
                    }
                    Some(Last::Undone(n)) => {
                        let n = num(n as f64, 0);
                        Some(view! {
                            <span>{move || td_string!(i18n.get_locale(), rencana.bulk.undone, n = n.clone()).to_string()}</span>
                        }.into_any())
                    }
                    None => None,
                }}
            </p>
        </div>
    }
}

/// The accept button of one group: every move of it at once, or, when all are accepted, undo
/// them together.
#[component]
pub fn GroupAccept(plan: Arc<Plan>, gi: usize) -> impl IntoView {
    let i18n = use_i18n();
    let c = use_planner().constraints;
    let locks = locks_of(&plan, &[gi]);
    let n = locks.len();
    let l2 = locks.clone();
    let all = Memo::new(move |_| {
        c.with(|c| {
            l2.iter().all(|d| match d {
                Decision::Lock { nip, slot } => c.is_locked(nip, slot),
                _ => false,
            })
        })
    });
    view! {
        <button
            type="button"
            class="accept-group"
            aria-pressed=move || all.get().to_string()
            on:click=move |_| {
                if all.get_untracked() {
                    c.update(|c| {
                        c.undo_all(&locks);
                    });
                } else {
                    let l = locks.clone();
                    c.update(|c| {
                        c.decide_all(l);
                    });
                }
            }
        >
            {move || {
                if all.get() {
                    td_string!(i18n.get_locale(), rencana.bulk.group_done, n).to_string()
                } else {
                    td_string!(i18n.get_locale(), rencana.bulk.group, n).to_string()
                }
            }}
        </button>
    }
}
