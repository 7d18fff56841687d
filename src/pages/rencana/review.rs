//! The plan under review: figures before and after, then the moves group by group (swaps,
//! rings, vacancy chains), each with its reasons, warnings and the planner's actions.

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::plan::{GroupKind, Move, Plan};
use mutasi_core::Dataset;

use crate::components::format::{num, score, signed};
use crate::components::links::{link, pegawai_href};
use crate::components::table::{cols, TableHead};
use crate::components::verdict::StandingWord;
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};
use crate::planner::constraints::Decision;
use crate::planner::scenarios::FIGURE_ROWS;
use crate::planner::state::use_planner;

use super::bulk::{BulkBar, GroupAccept};
use super::filter::{FilterFields, GroupFilter};

/// Groups shown per page of the review.
pub const GROUPS_PER_PAGE: usize = 25;

/// The `data-kind` of a group (the same in every language).
pub fn group_data(k: GroupKind) -> &'static str {
    match k {
        GroupKind::Swap => "Swap",
        GroupKind::Cycle => "Ring rotation",
        GroupKind::Chain => "Vacancy chain",
    }
}

/// Name of a group kind in `locale`.
pub fn group_label(k: GroupKind, locale: Locale) -> &'static str {
    match k {
        GroupKind::Swap => td_string!(locale, rencana.group.swap),
        GroupKind::Cycle => td_string!(locale, rencana.group.cycle),
        GroupKind::Chain => td_string!(locale, rencana.group.chain),
    }
}

#[component]
pub fn Review(ds: Arc<Dataset>, plan: Arc<Plan>, elapsed_ms: f64) -> impl IntoView {
    let i18n = use_i18n();
    // The whole city: today's shortage, the figure of Beranda and Formasi, beside the plan's
    // "before" (the state on the TMT, with the retirements by then).
    let today = matches!(plan.scope, mutasi_core::plan::Scope::City)
        .then(|| mutasi_core::query::total_need(&ds, ds.rules()).shortage);
    let (tmt, retiring) = (plan.date, plan.retiring.len());
    let filter = RwSignal::new(GroupFilter::default());
    let page = RwSignal::new(0usize);
    let (p, ds2) = (plan.clone(), ds.clone());
    let shown = Memo::new(move |_| {
        filter.with(|f| {
            p.groups
                .iter()
                .enumerate()
                .filter(|(_, g)| f.matches(&ds2, &p, g))
                .map(|(i, _)| i)
                .collect::<Vec<usize>>()
        })
    });
    let p = plan.clone();
    let p2 = plan.clone();
    let summary = move || {
        let solver = &p2.solver;
        let certified = if solver.certified {
            td_string!(i18n.get_locale(), rencana.result.proven)
        } else {
            td_string!(i18n.get_locale(), rencana.result.not_proven)
        };
        td_string!(
            i18n.get_locale(),
            rencana.result.summary,
            moves = num(p2.moves.len() as f64, 0),
            groups = num(p2.groups.len() as f64, 0),
            shortage = num(p2.shortage_closed(), 1),
            rotations = num(p2.rotations_resolved() as f64, 0),
            secs = num(elapsed_ms / 1000.0, 1),
            certified,
            solves = num(solver.solves as f64, 0),
        )
        .to_string()
    };
    view! {
        <section id="plan-result" aria-labelledby="plan-result-h" data-moves=plan.moves.len()>
            <h3 id="plan-result-h">{tr(|l| td_string!(l, rencana.result.heading))}</h3>
            <p id="plan-summary">{summary}</p>
            {today.map(|t| view! {
                <p id="plan-today">
                    {move || td_string!(i18n.get_locale(), rencana.figures.today,
                        today = num(t, 1),
                        date = crate::components::format::date_shown(tmt),
                        n = num(retiring as f64, 0)).to_string()}
                </p>
            })}
            <FiguresTable plan=plan.clone() />
            <div class="filter">
                <FilterFields filter page />
                <span id="plan-shown">{move || td_string!(i18n.get_locale(), rencana.result.groups, n = num(shown.get().len() as f64, 0)).to_string()}</span>
            </div>
            <BulkBar plan=plan.clone() shown page per_page=GROUPS_PER_PAGE />
            <ol id="plan-groups" class="groups">
                {move || {
                    let list = shown.get();
                    let start = page.get() * GROUPS_PER_PAGE;
                    list.into_iter()
                        .skip(start)
                        .take(GROUPS_PER_PAGE)
                        .map(|gi| view! { <GroupView plan=p.clone() gi /> })
                        .collect_view()
                }}
            </ol>
            <nav class="pager" aria-label=move || td_string!(i18n.get_locale(), rencana.result.pages_label)>
                <button
                    type="button"
                    id="plan-prev"
                    disabled=move || page.get() == 0
                    on:click=move |_| page.update(|p| *p = p.saturating_sub(1))
                >
                    {tr(|l| td_string!(l, rencana.result.prev))}
                </button>
                <span>
                    {move || {
                        let pages = shown.get().len().div_ceil(GROUPS_PER_PAGE).max(1);
                        td_string!(i18n.get_locale(), rencana.result.page, page = page.get() + 1, pages).to_string()
                    }}
                </span>
                <button
                    type="button"
                    id="plan-next"
                    disabled={move || (page.get() + 1) * GROUPS_PER_PAGE >= shown.get().len()}
                    on:click=move |_| page.update(|p| *p += 1)
                >
                    {tr(|l| td_string!(l, rencana.result.next))}
                </button>
            </nav>
        </section>
    }
}

/// "better", "worse" or "same" for a change `d` shown with `decimals` decimals: a change that
/// rounds to 0 on screen is "same" (never "0 ▼ lebih buruk").
pub fn verdict(d: f64, decimals: usize, higher_is_better: Option<bool>) -> &'static str {
    let scale = 10f64.powi(decimals as i32);
    let shown = (d * scale).round() / scale;
    match higher_is_better {
        Some(up) if shown != 0.0 && (shown > 0.0) == up => "better",
        Some(_) if shown != 0.0 => "worse",
        _ => "same",
    }
}

/// Before and after, with the change.
#[component]
pub fn FiguresTable(plan: Arc<Plan>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table id="plan-figures" class="figures">
            <caption>{tr(|l| td_string!(l, rencana.figures.caption))}</caption>
            <TableHead cols=cols![[rencana.figures] figure, before, after, change] />
            <tbody>
                {FIGURE_ROWS
                    .iter()
                    .map(|r| {
                        let (b, a) = ((r.value)(&plan.before), (r.value)(&plan.after));
                        let d = a - b;
                        let verdict = verdict(d, r.decimals, r.higher_is_better);
                        let label = r.label;
                        view! {
                            <tr data-figure=r.name>
                                <th scope="row">{move || label(i18n.get_locale())}</th>
                                <td>{num(b, r.decimals)}</td>
                                <td>{num(a, r.decimals)}</td>
                                <td class=format!("delta {verdict}")>
                                    {signed(d)}
                                    {move || match verdict {
                                        "better" => td_string!(i18n.get_locale(), rencana.figures.better),
                                        "worse" => td_string!(i18n.get_locale(), rencana.figures.worse),
                                        _ => "",
                                    }}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn GroupView(plan: Arc<Plan>, gi: usize) -> impl IntoView {
    let i18n = use_i18n();
    let g = &plan.groups[gi];
    let kind = g.kind;
    let moves: Vec<Move> = g.moves.iter().map(|&i| plan.moves[i].clone()).collect();
    let n = moves.len();
    view! {
        <li class="group" data-kind=group_data(kind)>
            <h4>
                {move || {
                    let kind = group_label(kind, i18n.get_locale());
                    td_string!(i18n.get_locale(), rencana.group.people, kind, n).to_string()
                }}
            </h4>
            <GroupAccept plan=plan.clone() gi />
            <ul class="moves">
                {moves.into_iter().map(|m| view! { <MoveView m /> }).collect_view()}
            </ul>
        </li>
    }
}

#[component]
fn MoveView(m: Move) -> impl IntoView {
    let planner = use_planner();
    let i18n = use_i18n();
    let c = planner.constraints;
    let (nip, slot) = (m.nip.clone(), m.to.slot.clone());
    let (n2, s2) = (nip.clone(), slot.clone());
    let locked = Memo::new(move |_| c.with(|c| c.is_locked(&n2, &s2)));
    let lock = Decision::Lock {
        nip: nip.clone(),
        slot: slot.clone(),
    };
    let reject = Decision::Reject {
        nip: nip.clone(),
        slot: slot.clone(),
    };
    let keep = Decision::Keep { nip: nip.clone() };
    let l2 = lock.clone();
    let (before, after, gain) = (score(m.fit_before), score(m.fit_after), signed(m.gain));
    view! {
        <li
            class="move"
            class:locked=locked
            data-nip=nip.to_string()
            data-slot=slot.to_string()
        >
            <div class="who">
                {link(pegawai_href(m.nip.as_str()), m.name.clone())}
                <span class="nip">{m.nip.to_string()}</span>
                {m.forced.then(|| view! { <span class="badge">{tr(|l| td_string!(l, rencana.moves.forced))}</span> })}
                " "
                <StandingWord standing=m.standing />
            </div>
            <div class="from-to">
                <span class="from">{format!("{} — {}", m.from.position_name, m.from.unit_name)}</span>
                " → "
                <span class="to">{format!("{} — {}", m.to.position_name, m.to.unit_name)}</span>
            </div>
            <div class="scores">
                {move || {
                    td_string!(i18n.get_locale(), rencana.moves.scores, before = &before, after = &after, gain = &gain).to_string()
                }}
            </div>
            <ul class="reasons">
                {m
                    .reasons
                    .iter()
                    .map(|t| {
                        let t = t.clone();
                        view! { <li>{move || pick(&t)}</li> }
                    })
                    .collect_view()}
                {m
                    .warnings
                    .iter()
                    .map(|t| {
                        let t = t.clone();
                        view! { <li class="warning">"⚠ " {move || pick(&t)}</li> }
                    })
                    .collect_view()}
            </ul>
            <div class="actions">
                <button
                    type="button"
                    class="lock"
                    aria-pressed=move || locked.get().to_string()
                    on:click=move |_| {
                        if c.with_untracked(|c| c.decisions.contains(&l2)) {
                            c.update(|c| c.undo(&l2));
                        } else {
                            c.update(|c| c.decide(l2.clone()));
                        }
                    }
                >
                    {move || {
                        if locked.get() {
                            td_string!(i18n.get_locale(), rencana.moves.locked)
                        } else {
                            td_string!(i18n.get_locale(), rencana.moves.lock)
                        }
                    }}
                </button>
                <button
                    type="button"
                    class="reject"
                    on:click=move |_| c.update(|c| c.decide(reject.clone()))
                >
                    {tr(|l| td_string!(l, rencana.moves.reject))}
                </button>
                <button
                    type="button"
                    class="keep"
                    on:click=move |_| c.update(|c| c.decide(keep.clone()))
                >
                    {tr(|l| td_string!(l, rencana.moves.keep))}
                </button>
            </div>
        </li>
    }
}
