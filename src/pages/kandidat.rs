//! Kandidat (`/formasi/slot/:id`): the ranked candidates for an open slot with the reasons
//! (fit breakdown, soft-rule concerns), and two or three of them side by side.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mutasi_core::fit::Component;
use mutasi_core::model::{HoldKind, SlotId};
use mutasi_core::query::{candidates_for_slot, SlotCandidate};
use mutasi_core::text::Span;
use mutasi_core::Dataset;

use crate::components::format::score;
use crate::components::links::{decode, link, opd_href, person_link};
use crate::components::no_data::NoData;
use crate::state::data::use_city_data;

/// Candidates listed for a slot.
pub const CANDIDATE_LIMIT: usize = 10;
/// At most this many are compared side by side.
pub const COMPARE_MAX: usize = 3;

/// Name of a fit component in both languages.
pub fn component_name(c: Component) -> (&'static str, &'static str) {
    match c {
        Component::Jpm => ("Kecocokan kompetensi (JPM)", "Job person match"),
        Component::Major => ("Relevansi jurusan", "Education major"),
        Component::Experience => ("Pengalaman", "Experience"),
        Component::Skp => ("SKP", "Performance"),
        Component::Shortage => ("Kebutuhan unit", "Unit need"),
        Component::Preference => ("Preferensi pegawai", "Employee's preferences"),
        Component::Distance => ("Jarak dari rumah", "Distance from home"),
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
                <A href="/formasi">"← Formasi"</A>
            </p>
            {move || match (data.dataset.get(), slot.get()) {
                (None, _) => view! { <h2>"Kandidat"</h2> <NoData /> }.into_any(),
                (Some(_), None) => {
                    view! {
                        <h2>"Slot tidak ditemukan"</h2>
                        <p class="en" lang="en">"Slot not found: " {slot_id.get()}</p>
                    }
                        .into_any()
                }
                (Some(ds), Some(s)) => {
                    let pos = ds.slot_position(s);
                    let unit = ds.slot_unit(s);
                    let opd = ds.slot_opd(s);
                    let state = match ds.slots()[s as usize].holder.as_ref().map(|h| h.kind) {
                        None => "Kosong / Vacant",
                        Some(HoldKind::Plt) => "Diisi Plt / Held by an acting official",
                        Some(HoldKind::Definitive) => "Terisi definitif / Held definitively",
                    };
                    view! {
                        <h2>"Kandidat: " {pos.name.clone()}</h2>
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
    if cands.is_empty() {
        return view! {
            <p>"Tidak ada pegawai yang memenuhi syarat / No eligible employee"</p>
        }
        .into_any();
    }
    let chosen = RwSignal::new(Vec::<u32>::new());
    let rows = cands
        .iter()
        .enumerate()
        .map(|(rank, c)| {
            let e = c.employee;
            let emp = &ds.employees()[e as usize];
            let top: Vec<String> = {
                let mut comps = c.fit.components.clone();
                comps.sort_by(|a, b| (b.value * b.weight).total_cmp(&(a.value * a.weight)));
                comps.iter().take(2).map(|x| x.explanation.id.clone()).collect()
            };
            let concerns = c
                .concerns
                .iter()
                .map(|v| view! { <li>{v.reason.id.clone()} " " <span class="en" lang="en">"(" {v.reason.en.clone()} ")"</span></li> })
                .collect_view();
            let label = format!("Bandingkan {} / Compare", emp.name);
            view! {
                <tr data-nip=emp.nip.to_string()>
                    <td class="num">{rank + 1}</td>
                    <td>
                        <input
                            type="checkbox"
                            class="compare-box"
                            aria-label=label
                            prop:checked=move || chosen.with(|v| v.contains(&e))
                            on:change=move |_| chosen.update(|v| toggle_compare(v, e))
                        />
                    </td>
                    <th scope="row">{person_link(emp)} <br /> <small>{emp.nip.to_string()}</small></th>
                    <td>{emp.pangkat.golongan.to_string()}</td>
                    <td class="num">{score(c.fit.score)}</td>
                    <td>
                        <ul class="reasons">
                            {top.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                        </ul>
                    </td>
                    <td>
                        <ul class="concerns">{concerns}</ul>
                    </td>

                </tr>
            }
        })
        .collect_view();
    let ds_cmp = ds.clone();
    let cands_cmp = cands.clone();
    view! {
        <div class="table-wrap">
            <table id="candidates">
                <caption>"Kandidat terurut menurut kecocokan / Candidates ranked by fit"</caption>
                <thead>
                    <tr>
                        <th scope="col">"#"</th>
                        <th scope="col">"Bandingkan / Compare"</th>
                        <th scope="col">"Nama / Name"</th>
                        <th scope="col">"Gol."</th>
                        <th scope="col" class="num">"Kecocokan / Fit"</th>
                        <th scope="col">"Alasan utama / Main reasons"</th>
                        <th scope="col">"Catatan / Concerns"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="note">
            "Pilih 2–3 kandidat untuk dibandingkan. "
            <span class="en" lang="en">"Choose 2–3 candidates to compare."</span>
        </p>
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
    let today = data.today.get_untracked();
    let emps: Vec<_> = picked
        .iter()
        .map(|c| &ds.employees()[c.employee as usize])
        .collect();
    let head = emps
        .iter()
        .map(|e| view! { <th scope="col">{e.name.clone()}</th> })
        .collect_view();
    let row = |label: &'static str, cells: Vec<String>| {
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
        .map(|(i, comp)| {
            let (id, en) = component_name(*comp);
            let cells = picked
                .iter()
                .map(|c| {
                    let x = &c.fit.components[i];
                    view! {
                        <td>
                            <strong>{score(x.value)}</strong>
                            " — "
                            {x.explanation.id.clone()}
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{id} <br /> <small class="en" lang="en">{en}</small></th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table id="compare">
                <caption>"Perbandingan kandidat / Candidates side by side"</caption>
                <thead>
                    <tr>
                        <td></td>
                        {head}
                    </tr>
                </thead>
                <tbody>
                    {row(
                        "Kecocokan total / Fit",
                        picked.iter().map(|c| score(c.fit.score)).collect(),
                    )}
                    {row(
                        "Golongan",
                        emps.iter().map(|e| e.pangkat.golongan.to_string()).collect(),
                    )}
                    {row(
                        "Pendidikan / Education",
                        emps
                            .iter()
                            .map(|e| {
                                e.highest_education()
                                    .map(|x| format!("{} {}", x.level, x.major))
                                    .unwrap_or_default()
                            })
                            .collect(),
                    )}
                    {row(
                        "Masa jabatan / Time in post",
                        emps
                            .iter()
                            .map(|e| {
                                e.current
                                    .as_ref()
                                    .map(|c| Span::between(c.since, today).id())
                                    .unwrap_or_else(|| "—".into())
                            })
                            .collect(),
                    )}
                    {row(
                        "SKP terakhir / Latest SKP",
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
                        "Catatan / Concerns",
                        picked.iter().map(|c| c.concerns.len().to_string()).collect(),
                    )}
                </tbody>
            </table>
        </div>
    }
}
