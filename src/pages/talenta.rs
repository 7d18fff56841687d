//! Talenta (`/talenta`): the 9-box grid (kinerja × potensi, box numbers per DOMAIN.md §5) with
//! the people in each box, the talent pool, and succession candidates for key positions.

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::model::SlotIdx;
use mutasi_core::query::{box_action, nine_box, succession, talent_pool, Placement, Successor};
use mutasi_core::Dataset;

use crate::components::format::{date_shown, num, score};
use crate::components::links::person_link;
use crate::components::no_data::NoData;
use crate::components::table::{cols, OnDemand, TableHead};
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};
use crate::state::data::use_city_data;

/// Box numbers by row (kinerja top → bottom) and column (potensi low → high).
pub const GRID: [[u8; 3]; 3] = [[4, 7, 9], [2, 5, 8], [1, 3, 6]];

/// Label of grid row `row` (kinerja, top → bottom) in `locale`.
fn row_label(row: usize, locale: Locale) -> &'static str {
    match row {
        0 => td_string!(locale, talenta.grid.above),
        1 => td_string!(locale, talenta.grid.expected),
        _ => td_string!(locale, talenta.grid.below),
    }
}

/// Label of grid column `col` (potensi, low → high) in `locale`.
fn col_label(col: usize, locale: Locale) -> &'static str {
    match col {
        0 => td_string!(locale, talenta.grid.low),
        1 => td_string!(locale, talenta.grid.medium),
        _ => td_string!(locale, talenta.grid.high),
    }
}

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
            <h2>{tr(|l| td_string!(l, talenta.title))}</h2>
            {move || match (data.dataset.get(), placements.get()) {
                (Some(ds), Some(p)) => view! { <TalentBody ds=ds placements=p /> }.into_any(),
                _ => view! { <NoData /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn TalentBody(ds: Arc<Dataset>, placements: Arc<Vec<Placement>>) -> impl IntoView {
    let i18n = use_i18n();
    let counts = box_counts(&placements);
    let selected = RwSignal::new(None::<u8>);
    let grid = GRID
        .iter()
        .enumerate()
        .map(|(r, row)| {
            view! {
                <tr>
                    <th scope="row">{move || row_label(r, i18n.get_locale())}</th>
                    {row
                        .iter()
                        .map(|&b| {
                            let n = num(counts[b as usize] as f64, 0);
                            view! {
                                <td class=format!("box box-{b}")>
                                    <button
                                        type="button"
                                        class="box-button"
                                        data-box=b
                                        aria-pressed=move || (selected.get() == Some(b)).to_string()
                                        on:click=move |_| selected.set(Some(b))
                                    >
                                        <span class="box-no">
                                            {move || td_string!(i18n.get_locale(), talenta.grid.box_no, b).to_string()}
                                        </span>
                                        <span class="box-count">
                                            {move || td_string!(i18n.get_locale(), talenta.people, n = &n).to_string()}
                                        </span>
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
            <h3 id="box-list-title">{move || td_string!(i18n.get_locale(), talenta.box_title, b).to_string()}</h3>
            <p>
                {move || td_string!(i18n.get_locale(), talenta.action, action = pick(&action)).to_string()}
            </p>
            <PlacementTable ds=ds_list.clone() rows=people id="box-list" />
        })
    };
    view! {
        <div class="table-wrap">
            <table class="nine-box" id="nine-box">
                <caption>{tr(|l| td_string!(l, talenta.grid.caption))}</caption>
                <thead>
                    <tr>
                        <td></td>
                        {(0..3)
                            .map(|c| {
                                view! { <th scope="col">{move || col_label(c, i18n.get_locale())}</th> }
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{grid}</tbody>
            </table>
        </div>
        <p class="note">{tr(|l| td_string!(l, talenta.grid.promotion))}</p>
        {list}
        <TalentPool ds=ds.clone() />
        <Succession ds=ds />
    }
}

#[component]
fn PlacementTable(ds: Arc<Dataset>, rows: Vec<Placement>, id: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let total = rows.len();
    let (shown, all) = (num(LIST_LIMIT as f64, 0), num(total as f64, 0));
    view! {
        <p class="note">
            {move || {
                if total > LIST_LIMIT {
                    td_string!(i18n.get_locale(), talenta.showing, shown = &shown, total = &all).to_string()
                } else {
                    td_string!(i18n.get_locale(), talenta.people, n = &all).to_string()
                }
            }}
        </p>
        <div class="table-wrap">
            <table id=id>
                <TableHead cols=cols![[talenta.table] name, nip, golongan, post, kinerja = num, potensi = num, box_col = num] />
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
        <h3>{tr(|l| td_string!(l, talenta.pool.title))}</h3>
        <p>{tr(|l| td_string!(l, talenta.pool.note))}</p>
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
        <h3>{tr(|l| td_string!(l, talenta.succession.title))}</h3>
        <OnDemand id="show-succession" label=|l| td_string!(l, talenta.succession.compute) shown=show>
            {
                let ds = ds.clone();
                move || rows.get().map(|r| view! { <SuccessionTable ds=ds.clone() rows=r /> })
            }
        </OnDemand>
    }
}

#[component]
fn SuccessionTable(ds: Arc<Dataset>, rows: Arc<Vec<(SlotIdx, Vec<Successor>)>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap">
            <table id="succession">
                <TableHead cols=cols![[talenta.succession] key_post, candidates] />
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
                                            view! { <span>{tr(|l| td_string!(l, talenta.succession.none))}</span> }.into_any()
                                        } else {
                                            view! {
                                                <ol class="successors">
                                                    {cands
                                                        .iter()
                                                        .map(|c| {
                                                            let e = &ds.employees()[c.employee as usize];
                                                            let (ready, ready_on, fit) = (c.ready, c.ready_on, score(c.fit));
                                                            let line = move || {
                                                                let state = match (ready, ready_on) {
                                                                    (true, _) => td_string!(i18n.get_locale(), talenta.succession.ready).to_string(),
                                                                    (false, Some(d)) => td_string!(i18n.get_locale(), talenta.succession.ready_from, date = date_shown(d)).to_string(),
                                                                    (false, None) => td_string!(i18n.get_locale(), talenta.succession.not_ready).to_string(),
                                                                };
                                                                td_string!(i18n.get_locale(), talenta.succession.line, fit = &fit, state).to_string()
                                                            };
                                                            view! {
                                                                <li>
                                                                    {person_link(e)}
                                                                    " — "
                                                                    {line}
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
