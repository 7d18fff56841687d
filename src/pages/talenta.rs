//! Talenta (`/talenta`): the 9-box grid (kinerja × potensi, box numbers per DOMAIN.md §5) with
//! the people in each box, the talent pool, and succession candidates for key positions.

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::model::SlotIdx;
use mutasi_core::query::{box_action, nine_box, succession, talent_pool, Placement, Successor};
use mutasi_core::Dataset;

use crate::components::format::{date_id, num, score};
use crate::components::links::person_link;
use crate::components::no_data::NoData;
use crate::state::data::use_city_data;

/// Box numbers by row (kinerja top → bottom) and column (potensi low → high).
pub const GRID: [[u8; 3]; 3] = [[4, 7, 9], [2, 5, 8], [1, 3, 6]];
const ROWS: [(&str, &str); 3] = [
    (
        "Kinerja di atas ekspektasi",
        "Performance above expectation",
    ),
    ("Kinerja sesuai ekspektasi", "Performance as expected"),
    (
        "Kinerja di bawah ekspektasi",
        "Performance below expectation",
    ),
];
const COLS: [(&str, &str); 3] = [
    ("Potensi rendah", "Low potential"),
    ("Potensi menengah", "Medium potential"),
    ("Potensi tinggi", "High potential"),
];
/// At most this many people are listed for a box.
const LIST_LIMIT: usize = 200;

/// Number of people in each box (index = box number; 0 unused).
pub fn box_counts(placements: &[Placement]) -> [usize; 10] {
    let mut c = [0; 10];
    for p in placements {
        c[p.box_no as usize] += 1;
    }
    c
}

/// The people in box `b`, best (kinerja + potensi) first.
pub fn in_box(placements: &[Placement], b: u8) -> Vec<Placement> {
    let mut v: Vec<Placement> = placements
        .iter()
        .filter(|p| p.box_no == b)
        .cloned()
        .collect();
    v.sort_by(|x, y| {
        (y.kinerja + y.potensi)
            .total_cmp(&(x.kinerja + x.potensi))
            .then(x.employee.cmp(&y.employee))
    });
    v
}

/// The route `/talenta`.
#[component]
pub fn Talenta() -> impl IntoView {
    let data = use_city_data();
    let placements = Memo::new(move |_| {
        let ds = data.dataset.get()?;
        Some(Arc::new(nine_box(&ds, data.today.get(), ds.rules())))
    });
    view! {
        <section class="page">
            <h2>"Talenta " <span class="en" lang="en">"/ Talent"</span></h2>
            {move || match (data.dataset.get(), placements.get()) {
                (Some(ds), Some(p)) => view! { <TalentBody ds=ds placements=p /> }.into_any(),
                _ => view! { <NoData /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn TalentBody(ds: Arc<Dataset>, placements: Arc<Vec<Placement>>) -> impl IntoView {
    let counts = box_counts(&placements);
    let selected = RwSignal::new(None::<u8>);
    let grid = GRID
        .iter()
        .zip(ROWS)
        .map(|(row, (rid, ren))| {
            view! {
                <tr>
                    <th scope="row">{rid} <br /> <small class="en" lang="en">{ren}</small></th>
                    {row
                        .iter()
                        .map(|&b| {
                            let n = counts[b as usize];
                            view! {
                                <td class=format!("box box-{b}")>
                                    <button
                                        type="button"
                                        class="box-button"
                                        data-box=b
                                        aria-pressed=move || (selected.get() == Some(b)).to_string()
                                        on:click=move |_| selected.set(Some(b))
                                    >
                                        <span class="box-no">"Kotak " {b}</span>
                                        <span class="box-count">{num(n as f64, 0)} " pegawai"</span>
                                    </button>
                                </td>
                            }
                        })
                        .collect_view()}
                </tr>
            }
        })
        .collect_view();
    let ds_list = ds.clone();
    let list = move || {
        let b = selected.get()?;
        let people = in_box(&placements, b);
        let action = box_action(b);
        Some(view! {
            <h3 id="box-list-title">
                "Pegawai di kotak " {b} " " <span class="en" lang="en">"/ People in box " {b}</span>
            </h3>
            <p>
                "Tindakan / Action: " {action.id} " " <span class="en" lang="en">"(" {action.en} ")"</span>
            </p>
            <PlacementTable ds=ds_list.clone() rows=people id="box-list" />
        })
    };
    view! {
        <div class="table-wrap">
            <table class="nine-box" id="nine-box">
                <caption>
                    "9-box: kinerja × potensi — pilih kotak untuk melihat pegawainya / choose a box to list its people"
                </caption>
                <thead>
                    <tr>
                        <td></td>
                        {COLS
                            .iter()
                            .map(|(id, en)| {
                                view! {
                                    <th scope="col">
                                        {*id} <br /> <small class="en" lang="en">{*en}</small>
                                    </th>
                                }
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{grid}</tbody>
            </table>
        </div>
        <p class="note">
            "Kotak 7–9 adalah calon promosi. "
            <span class="en" lang="en">"Boxes 7–9 are promotion candidates."</span>
        </p>
        {list}
        <TalentPool ds=ds.clone() />
        <Succession ds=ds />
    }
}

#[component]
fn PlacementTable(ds: Arc<Dataset>, rows: Vec<Placement>, id: &'static str) -> impl IntoView {
    let total = rows.len();
    view! {
        <p class="note">
            {if total > LIST_LIMIT {
                format!("Menampilkan {LIST_LIMIT} dari {} / showing {LIST_LIMIT} of {total}", num(total as f64, 0))
            } else {
                format!("{} pegawai / people", num(total as f64, 0))
            }}
        </p>
        <div class="table-wrap">
            <table id=id>
                <thead>
                    <tr>
                        <th scope="col">"Nama / Name"</th>
                        <th scope="col">"NIP"</th>
                        <th scope="col">"Gol."</th>
                        <th scope="col">"Jabatan / Post"</th>
                        <th scope="col" class="num">"Kinerja"</th>
                        <th scope="col" class="num">"Potensi"</th>
                        <th scope="col" class="num">"Kotak / Box"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .iter()
                        .take(LIST_LIMIT)
                        .map(|p| {
                            let e = &ds.employees()[p.employee as usize];
                            let post = ds
                                .employee_slot(p.employee)
                                .map(|s| ds.slot_position(s).name.clone())
                                .unwrap_or_else(|| "—".into());
                            view! {
                                <tr data-nip=e.nip.to_string()>
                                    <th scope="row">
                                        {person_link(e)}
                                    </th>
                                    <td>{e.nip.to_string()}</td>
                                    <td>{e.pangkat.golongan.to_string()}</td>
                                    <td>{post}</td>
                                    <td class="num">{score(p.kinerja)}</td>
                                    <td class="num">{score(p.potensi)}</td>
                                    <td class="num">{p.box_no}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn TalentPool(ds: Arc<Dataset>) -> impl IntoView {
    let data = use_city_data();
    let pool = Memo::new(move |_| {
        let ds = data.dataset.get()?;
        Some(Arc::new(talent_pool(&ds, data.today.get(), ds.rules())))
    });
    view! {
        <h3>"Kelompok talenta " <span class="en" lang="en">"/ Talent pool"</span></h3>
        <p>
            "Kotak 7–9 tanpa hukuman disiplin sedang/berat dalam 2 tahun terakhir. "
            <span class="en" lang="en">
                "Boxes 7–9 without a medium or heavy sanction in the last 2 years."
            </span>
        </p>
        {move || {
            pool.get()
                .map(|p| view! { <PlacementTable ds=ds.clone() rows=p.as_ref().clone() id="talent-pool" /> })
        }}
    }
}

#[component]
fn Succession(ds: Arc<Dataset>) -> impl IntoView {
    let data = use_city_data();
    let show = RwSignal::new(false);
    let rows = Memo::new(move |_| {
        if !show.get() {
            return None;
        }
        let ds = data.dataset.get()?;
        Some(Arc::new(succession(&ds, data.today.get(), ds.rules(), 3)))
    });
    view! {
        <h3>"Suksesi jabatan kunci " <span class="en" lang="en">"/ Succession for key posts"</span></h3>
        <Show
            when=move || show.get()
            fallback=move || {
                view! {
                    <button type="button" id="show-succession" on:click=move |_| show.set(true)>
                        "Hitung kandidat suksesi / Compute successors"
                    </button>
                }
            }
        >
            {
                let ds = ds.clone();
                move || rows.get().map(|r| view! { <SuccessionTable ds=ds.clone() rows=r /> })
            }
        </Show>
    }
}

#[component]
fn SuccessionTable(ds: Arc<Dataset>, rows: Arc<Vec<(SlotIdx, Vec<Successor>)>>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table id="succession">
                <thead>
                    <tr>
                        <th scope="col">"Jabatan kunci / Key post"</th>
                        <th scope="col">"Kandidat / Candidates"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .iter()
                        .map(|(s, cands)| {
                            let s = *s;
                            view! {
                                <tr>
                                    <th scope="row">
                                        {ds.slot_position(s).name.clone()} <br />
                                        <small>{ds.slot_unit(s).name.clone()}</small>
                                    </th>
                                    <td>
                                        {if cands.is_empty() {
                                            view! { <span>"Belum ada kandidat / No candidate yet"</span> }.into_any()
                                        } else {
                                            view! {
                                                <ol class="successors">
                                                    {cands
                                                        .iter()
                                                        .map(|c| {
                                                            let e = &ds.employees()[c.employee as usize];
                                                            let state = if c.ready {
                                                                "siap / ready".to_string()
                                                            } else {
                                                                match c.ready_on {
                                                                    Some(d) => format!("siap mulai {} / ready from {d}", date_id(d)),
                                                                    None => "belum siap / not ready".to_string(),
                                                                }
                                                            };
                                                            view! {
                                                                <li>
                                                                    {person_link(e)}
                                                                    {format!(" — kecocokan / fit {} — {state}", score(c.fit))}
                                                                </li>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </ol>
                                            }
                                                .into_any()
                                        }}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
