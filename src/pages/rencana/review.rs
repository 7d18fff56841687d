//! The plan under review: figures before and after, then the moves group by group (swaps,
//! rings, vacancy chains), each with its reasons, warnings and the planner's actions.

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::plan::{GroupKind, Move, MoveGroup, Plan};
use mutasi_core::Dataset;

use crate::components::format::{num, score, signed};
use crate::components::links::{link, pegawai_href};
use crate::planner::constraints::Decision;
use crate::planner::scenarios::FIGURE_ROWS;
use crate::planner::state::use_planner;

/// Groups shown per page of the review.
pub const GROUPS_PER_PAGE: usize = 25;

/// Name of a group kind.
pub fn group_label(k: GroupKind) -> (&'static str, &'static str) {
    match k {
        GroupKind::Swap => ("Tukar posisi", "Swap"),
        GroupKind::Cycle => ("Rotasi melingkar", "Ring rotation"),
        GroupKind::Chain => ("Rantai kekosongan", "Vacancy chain"),
    }
}

/// Whether group `g` matches the filter text (name, NIP, unit or position, any case).
pub fn group_matches(plan: &Plan, g: &MoveGroup, filter: &str) -> bool {
    let f = filter.trim().to_lowercase();
    f.is_empty()
        || g.moves.iter().any(|&i| {
            let m = &plan.moves[i];
            [
                m.name.as_str(),
                m.nip.as_str(),
                &m.from.unit_name,
                &m.to.unit_name,
                &m.from.position_name,
                &m.to.position_name,
            ]
            .iter()
            .any(|s| s.to_lowercase().contains(&f))
        })
}

#[component]
pub fn Review(ds: Arc<Dataset>, plan: Arc<Plan>, elapsed_ms: f64) -> impl IntoView {
    let _ = ds;
    let filter = RwSignal::new(String::new());
    let page = RwSignal::new(0usize);
    let p = plan.clone();
    let shown = Memo::new(move |_| {
        let f = filter.get();
        p.groups
            .iter()
            .enumerate()
            .filter(|(_, g)| group_matches(&p, g, &f))
            .map(|(i, _)| i)
            .collect::<Vec<usize>>()
    });
    let p = plan.clone();
    let solver = &plan.solver;
    let certified = if solver.certified {
        "terbukti optimal / proven optimal"
    } else {
        "belum terbukti optimal / not proven optimal"
    };
    view! {
        <section id="plan-result" aria-labelledby="plan-result-h" data-moves=plan.moves.len()>
            <h3 id="plan-result-h">"Hasil " <span class="en" lang="en">"/ Result"</span></h3>
            <p id="plan-summary">
                {format!(
                    "{} mutasi dalam {} kelompok; kekurangan berkurang {}, rotasi jatuh tempo terselesaikan {}. Dihitung dalam {} detik ({}, {} penyelesaian).",
                    plan.moves.len(),
                    plan.groups.len(),
                    num(plan.shortage_closed(), 1),
                    plan.rotations_resolved(),
                    num(elapsed_ms / 1000.0, 1),
                    certified,
                    solver.solves,
                )}
                <span class="en" lang="en">
                    {format!(
                        " / {} moves in {} groups; shortage down by {}, {} rotations due resolved.",
                        plan.moves.len(),
                        plan.groups.len(),
                        num(plan.shortage_closed(), 1),
                        plan.rotations_resolved(),
                    )}
                </span>
            </p>
            <FiguresTable plan=plan.clone() />
            <div class="filter">
                <label>
                    "Cari nama, NIP, unit " <span class="en" lang="en">"/ Search"</span>
                    <input
                        id="plan-filter"
                        type="search"
                        prop:value=move || filter.get()
                        on:input=move |ev| {
                            filter.set(event_target_value(&ev));
                            page.set(0);
                        }
                    />
                </label>
                <span>{move || format!("{} kelompok / groups", shown.get().len())}</span>
            </div>
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
            <nav class="pager" aria-label="Halaman kelompok / Group pages">
                <button
                    type="button"
                    id="plan-prev"
                    disabled=move || page.get() == 0
                    on:click=move |_| page.update(|p| *p = p.saturating_sub(1))
                >
                    "← Sebelumnya / Previous"
                </button>
                <span>
                    {move || {
                        let pages = shown.get().len().div_ceil(GROUPS_PER_PAGE).max(1);
                        format!("Halaman {} dari {pages} / Page {} of {pages}", page.get() + 1, page.get() + 1)
                    }}
                </span>
                <button
                    type="button"
                    id="plan-next"
                    disabled=move || (page.get() + 1) * GROUPS_PER_PAGE >= shown.get().len()
                    on:click=move |_| page.update(|p| *p += 1)
                >
                    "Berikutnya / Next →"
                </button>
            </nav>
        </section>
    }
}

/// Before and after, with the change.
#[component]
pub fn FiguresTable(plan: Arc<Plan>) -> impl IntoView {
    view! {
        <table id="plan-figures" class="figures">
            <caption>"Sebelum dan sesudah / Before and after"</caption>
            <thead>
                <tr>
                    <th scope="col">"Angka / Figure"</th>
                    <th scope="col">"Sebelum / Before"</th>
                    <th scope="col">"Sesudah / After"</th>
                    <th scope="col">"Perubahan / Change"</th>
                </tr>
            </thead>
            <tbody>
                {FIGURE_ROWS
                    .iter()
                    .map(|r| {
                        let (b, a) = ((r.value)(&plan.before), (r.value)(&plan.after));
                        let d = a - b;
                        let verdict = match r.higher_is_better {
                            Some(up) if d != 0.0 && (d > 0.0) == up => "better",
                            Some(_) if d != 0.0 => "worse",
                            _ => "same",
                        };
                        view! {
                            <tr data-figure=r.label.1>
                                <th scope="row">
                                    {r.label.0}
                                    <span class="en" lang="en">{format!(" / {}", r.label.1)}</span>
                                </th>
                                <td>{num(b, r.decimals)}</td>
                                <td>{num(a, r.decimals)}</td>
                                <td class=format!("delta {verdict}")>
                                    {signed(d)}
                                    {match verdict {
                                        "better" => " ▲ lebih baik / better",
                                        "worse" => " ▼ lebih buruk / worse",
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
    let g = &plan.groups[gi];
    let (id, en) = group_label(g.kind);
    let moves: Vec<Move> = g.moves.iter().map(|&i| plan.moves[i].clone()).collect();
    view! {
        <li class="group" data-kind=en>
            <h4>
                {format!("{id} · {} orang", moves.len())}
                <span class="en" lang="en">{format!(" / {en} · {} people", moves.len())}</span>
            </h4>
            <ul class="moves">
                {moves.into_iter().map(|m| view! { <MoveView m /> }).collect_view()}
            </ul>
        </li>
    }
}

#[component]
fn MoveView(m: Move) -> impl IntoView {
    let planner = use_planner();
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
                {m.forced.then(|| view! { <span class="badge">"dipaksa / forced"</span> })}
            </div>
            <div class="from-to">
                <span class="from">{format!("{} — {}", m.from.position_name, m.from.unit_name)}</span>
                " → "
                <span class="to">{format!("{} — {}", m.to.position_name, m.to.unit_name)}</span>
            </div>
            <div class="scores">
                {format!(
                    "Kecocokan {} → {} · manfaat {}",
                    score(m.fit_before),
                    score(m.fit_after),
                    signed(m.gain)
                )}
                <span class="en" lang="en">" / fit · gain"</span>
            </div>
            <ul class="reasons">
                {m
                    .reasons
                    .iter()
                    .map(|t| {
                        view! {
                            <li>
                                {t.id.clone()}
                                <span class="en" lang="en">{format!(" / {}", t.en)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
                {m
                    .warnings
                    .iter()
                    .map(|t| {
                        view! {
                            <li class="warning">
                                "⚠ "
                                {t.id.clone()}
                                <span class="en" lang="en">{format!(" / {}", t.en)}</span>
                            </li>
                        }
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
                    {move || if locked.get() { "🔒 Terkunci / Locked" } else { "Kunci / Lock" }}
                </button>
                <button
                    type="button"
                    class="reject"
                    on:click=move |_| c.update(|c| c.decide(reject.clone()))
                >
                    "Tolak / Reject"
                </button>
                <button
                    type="button"
                    class="keep"
                    on:click=move |_| c.update(|c| c.decide(keep.clone()))
                >
                    "Tetap di tempat / Keep in place"
                </button>
            </div>
        </li>
    }
}
