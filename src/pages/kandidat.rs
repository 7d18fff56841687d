//! Kandidat (`/formasi/slot/:id`): the ranked candidates for an open slot with the reasons
//! (fit breakdown, soft-rule concerns), and two or three of them side by side.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mutasi_core::fit::Component;
use mutasi_core::model::{HoldKind, SlotId};
use mutasi_core::query::{candidates_for_slot, SlotCandidate};
use mutasi_core::text::{Span, Text};
use mutasi_core::Dataset;

use crate::components::format::score;
use crate::components::links::{decode, link, opd_href, person_link};
use crate::components::no_data::NoData;
use crate::components::verdict::VerdictSummary;
use crate::i18n::*;
use crate::lang::{pick, tr, tr_attr, use_i18n};
use crate::state::data::use_city_data;

/// Candidates listed for a slot.
pub const CANDIDATE_LIMIT: usize = 10;
/// At most this many are compared side by side.
pub const COMPARE_MAX: usize = 3;

/// Name of a fit component in `locale`.
pub fn component_name(c: Component, locale: Locale) -> &'static str {
    match c {
        Component::Jpm => td_string!(locale, kandidat.component.jpm),
        Component::Major => td_string!(locale, kandidat.component.major),
        Component::Experience => td_string!(locale, kandidat.component.experience),
        Component::Skp => td_string!(locale, kandidat.component.skp),
        Component::Shortage => td_string!(locale, kandidat.component.shortage),
        Component::Preference => td_string!(locale, kandidat.component.preference),
        Component::Distance => td_string!(locale, kandidat.component.distance),
    }
}

/// Toggles `e` in the comparison, keeping at most [`COMPARE_MAX`] (the oldest choice drops).
pub fn toggle_compare(chosen: &mut Vec<u32>, e: u32) {
    if let Some(i) = chosen.iter().position(|&x| x == e) {
        chosen.remove(i);
    } else {
        chosen.push(e);
        if chosen.len() > COMPARE_MAX {
            chosen.remove(0);
        }
    }
}

/// The route `/formasi/slot/:id`.
#[component]
pub fn KandidatPage() -> impl IntoView {
    let params = use_params_map();
    let id = Signal::derive(move || decode(&params.read().get("id").unwrap_or_default()));
    view! { <Kandidat slot_id=id /> }
}

/// Candidates for the slot with id `slot_id`.
#[component]
pub fn Kandidat(#[prop(into)] slot_id: Signal<String>) -> impl IntoView {
    let data = use_city_data();
    let i18n = use_i18n();
    let slot = Memo::new(move |_| {
        let ds = data.dataset.get()?;
        ds.slot_idx(&SlotId::new(slot_id.get()).ok()?)
    });
    let cands = Memo::new(move |_| {
        let ds = data.dataset.get()?;
        let s = slot.get()?;
        Some(Arc::new(candidates_for_slot(
            &ds,
            s,
            data.today.get(),
            ds.rules(),
            CANDIDATE_LIMIT,
        )))
    });
    view! {
        <section class="page">
            <p>
                <A href="/formasi">{tr(|l| td_string!(l, kandidat.back))}</A>
            </p>
            {move || match (data.dataset.get(), slot.get()) {
                (None, _) => view! { <h2>{tr(|l| td_string!(l, kandidat.title))}</h2> <NoData /> }.into_any(),
                (Some(_), None) => {
                    view! {
                        <h2>{tr(|l| td_string!(l, kandidat.not_found))}</h2>
                        <p>
                            {move || {
                                td_string!(i18n.get_locale(), kandidat.not_found_id, id = slot_id.get()).to_string()
                            }}
                        </p>
                    }
                        .into_any()
                }
                (Some(ds), Some(s)) => {
                    let pos = ds.slot_position(s);
                    let unit = ds.slot_unit(s);
                    let opd = ds.slot_opd(s);
                    let hold = ds.slots()[s as usize].holder.as_ref().map(|h| h.kind);
                    let state = move || match hold {
                        None => td_string!(i18n.get_locale(), kandidat.slot.vacant),
                        Some(HoldKind::Plt) => td_string!(i18n.get_locale(), kandidat.slot.plt),
                        Some(HoldKind::Definitive) => td_string!(i18n.get_locale(), kandidat.slot.definitive),
                    };
                    let post = pos.name.clone();
                    view! {
                        <h2>{move || td_string!(i18n.get_locale(), kandidat.title_post, post = &post).to_string()}</h2>
                        <p>
                            {unit.name.clone()} " — "
                            {link(opd_href(opd.id.as_str()), opd.name.clone())} " · " {state}
                        </p>
                        {cands.get().map(|c| view! { <CandidateList ds=ds.clone() cands=c /> })}
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn CandidateList(ds: Arc<Dataset>, cands: Arc<Vec<SlotCandidate>>) -> impl IntoView {
    let i18n = use_i18n();
    if cands.is_empty() {
        return view! { <p>{tr(|l| td_string!(l, kandidat.none))}</p> }.into_any();
    }
    let chosen = RwSignal::new(Vec::<u32>::new());
    let rows = cands
        .iter()
        .enumerate()
        .map(|(rank, c)| {
            let e = c.employee;
            let emp = &ds.employees()[e as usize];
            let top: Vec<Text> = {
                let mut comps = c.fit.components.clone();
                comps.sort_by(|a, b| (b.value * b.weight).total_cmp(&(a.value * a.weight)));
                comps.iter().take(2).map(|x| x.explanation.clone()).collect()
            };
            let summary = c.summary.clone();
            let name = emp.name.clone();
            let label = move || td_string!(i18n.get_locale(), kandidat.compare_name, name = &name).to_string();
            view! {
                <tr data-nip=emp.nip.to_string()>
                    <td class="num">{rank + 1}</td>
                    <td data-label=tr_attr(|l| td_string!(l, kandidat.table.compare))>
                        <input
                            type="checkbox"
                            class="compare-box"
                            aria-label=label
                            prop:checked=move || chosen.with(|v| v.contains(&e))
                            on:change=move |_| chosen.update(|v| toggle_compare(v, e))
                        />
                    </td>
                    <th scope="row">{person_link(emp)} <br /> <small>{emp.nip.to_string()}</small></th>
                    <td data-label=tr_attr(|l| td_string!(l, kandidat.table.golongan))>{emp.pangkat.golongan.to_string()}</td>
                    <td class="num" data-label=tr_attr(|l| td_string!(l, kandidat.table.fit))>{score(c.fit.score)}</td>
                    <td data-label=tr_attr(|l| td_string!(l, kandidat.table.reasons))>
                        <ul class="reasons">
                            {top.into_iter().map(|t| view! { <li>{move || pick(&t)}</li> }).collect_view()}
                        </ul>
                    </td>
                    <td class="concerns" data-label=tr_attr(|l| td_string!(l, kandidat.table.concerns))>
                        <VerdictSummary summary />
                    </td>

                </tr>
            }
        })
        .collect_view();
    let ds_cmp = ds.clone();
    let cands_cmp = cands.clone();
    view! {
        <div class="table-wrap">
            <table id="candidates" class="cards">
                <caption>{tr(|l| td_string!(l, kandidat.table.caption))}</caption>
                <thead>
                    <tr>
                        <th scope="col">"#"</th>
                        <th scope="col">{tr(|l| td_string!(l, kandidat.table.compare))}</th>
                        <th scope="col">{tr(|l| td_string!(l, kandidat.table.name))}</th>
                        <th scope="col">{tr(|l| td_string!(l, kandidat.table.golongan))}</th>
                        <th scope="col" class="num">{tr(|l| td_string!(l, kandidat.table.fit))}</th>
                        <th scope="col">{tr(|l| td_string!(l, kandidat.table.reasons))}</th>
                        <th scope="col">{tr(|l| td_string!(l, kandidat.table.concerns))}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="note">{tr(|l| td_string!(l, kandidat.choose))}</p>
        {move || {
            let picked: Vec<SlotCandidate> = chosen
                .get()
                .iter()
                .filter_map(|e| cands_cmp.iter().find(|c| c.employee == *e).cloned())
                .collect();
            (picked.len() >= 2).then(|| view! { <Compare ds=ds_cmp.clone() picked=picked /> })
        }}
    }
    .into_any()
}

#[component]
fn Compare(ds: Arc<Dataset>, picked: Vec<SlotCandidate>) -> impl IntoView {
    let data = use_city_data();
    let i18n = use_i18n();
    let today = data.today.get_untracked();
    let emps: Vec<_> = picked
        .iter()
        .map(|c| &ds.employees()[c.employee as usize])
        .collect();
    let head = emps
        .iter()
        .map(|e| view! { <th scope="col">{e.name.clone()}</th> })
        .collect_view();
    let row = |label: AnyView, cells: Vec<String>| {
        view! {
            <tr>
                <th scope="row">{label}</th>
                {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
            </tr>
        }
    };
    let comps = Component::ALL
        .iter()
        .enumerate()
        .map(|(i, &comp)| {
            let cells = picked
                .iter()
                .map(|c| {
                    let x = &c.fit.components[i];
                    let explanation = x.explanation.clone();
                    view! {
                        <td>
                            <strong>{score(x.value)}</strong>
                            " — "
                            {move || pick(&explanation)}
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{move || component_name(comp, i18n.get_locale())}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let tenures: Vec<Option<Text>> = emps
        .iter()
        .map(|e| {
            let span = Span::between(e.current.as_ref()?.since, today);
            Some(Text::new(span.id(), span.en()))
        })
        .collect();
    view! {
        <div class="table-wrap">
            <table id="compare">
                <caption>{tr(|l| td_string!(l, kandidat.compare.caption))}</caption>
                <thead>
                    <tr>
                        <td></td>
                        {head}
                    </tr>
                </thead>
                <tbody>
                    {row(
                        tr(|l| td_string!(l, kandidat.compare.fit)).into_any(),
                        picked.iter().map(|c| score(c.fit.score)).collect(),
                    )}
                    {row(
                        tr(|l| td_string!(l, kandidat.compare.golongan)).into_any(),
                        emps.iter().map(|e| e.pangkat.golongan.to_string()).collect(),
                    )}
                    {row(
                        tr(|l| td_string!(l, kandidat.compare.education)).into_any(),
                        emps
                            .iter()
                            .map(|e| {
                                e.highest_education()
                                    .map(|x| format!("{} {}", x.level, x.major))
                                    .unwrap_or_default()
                            })
                            .collect(),
                    )}
                    // Durations are worded per language ("3 tahun 4 bulan", "3y 4m").
                    {move || row(
                        tr(|l| td_string!(l, kandidat.compare.tenure)).into_any(),
                        tenures.iter().map(|t| t.as_ref().map_or_else(|| "—".into(), pick)).collect(),
                    )}
                    {row(
                        tr(|l| td_string!(l, kandidat.compare.skp)).into_any(),
                        emps
                            .iter()
                            .map(|e| {
                                e.recent_skp(1)
                                    .first()
                                    .map(|r| format!("{} ({})", r.predikat, r.year))
                                    .unwrap_or_else(|| "—".into())
                            })
                            .collect(),
                    )}
                    {comps}
                    {row(
                        tr(|l| td_string!(l, kandidat.compare.concerns)).into_any(),
                        picked.iter().map(|c| c.summary.concerns().len().to_string()).collect(),
                    )}
                </tbody>
            </table>
        </div>
    }
}
