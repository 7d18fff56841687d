//! Talenta (`/talenta`): the 9-box grid (kinerja × potensi, box numbers per DOMAIN.md §5) with
//! the count and share of each box and row ([`distribution`], so a miscalibration shows at a
//! glance), the people without SKP apart, the people in each box with their talent score, the
//! talent pool, and succession candidates for key posts with their readiness. Every figure comes
//! from `mutasi_core::query` (docs/TALENT.md); the page only shows it.

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::model::SlotIdx;
use mutasi_core::query::{
    box_action, distribution, in_box, nine_box, no_skp_action, succession, talent_pool,
    Distribution, Placement, Successor, GRID,
};
use mutasi_core::rules::{NineBoxRules, PredikatScores};
use mutasi_core::Dataset;

use crate::components::format::{num, score};
use crate::components::links::person_link;
use crate::components::no_data::NoData;
use crate::components::table::{cols, OnDemand, TableHead};
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};
use crate::state::data::use_city_data;

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

/// A count with its share of the people placed: "1.234 pegawai (6,5%)".
fn count_share(d: &Distribution, n: usize, locale: Locale) -> String {
    let (n_shown, pct) = (num(n as f64, 0), num(d.share(n), 1));
    td_string!(locale, talenta.grid.count_share, n = &n_shown, pct = &pct).to_string()
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
    let dist = distribution(&placements);
    // The box listed: Some(Some(b)) box b, Some(None) the people without SKP.
    let selected = RwSignal::new(None::<Option<u8>>);
    let grid = GRID
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let row_total = dist.row_count(r);
            view! {
                <tr>
                    <th scope="row">{move || row_label(r, i18n.get_locale())}</th>
                    {row
                        .iter()
                        .map(|&b| {
                            view! {
                                <td class=format!("box box-{b}")>
                                    <button
                                        type="button"
                                        class="box-button"
                                        data-box=b
                                        aria-pressed=move || (selected.get() == Some(Some(b))).to_string()
                                        on:click=move |_| selected.set(Some(Some(b)))
                                    >
                                        <span class="box-no">
                                            {move || td_string!(i18n.get_locale(), talenta.grid.box_no, b).to_string()}
                                        </span>
                                        <span class="box-count">
                                            {move || count_share(&dist, dist.count(b), i18n.get_locale())}
                                        </span>
                                    </button>
                                </td>
                            }
                        })
                        .collect_view()}
                    <td class="num row-total" data-row=r>
                        {move || count_share(&dist, row_total, i18n.get_locale())}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let ds_list = ds.clone();
    let list = move || {
        let b = selected.get()?;
        let people = in_box(&placements, b);
        let action = b.map_or_else(no_skp_action, box_action);
        let title = move || match b {
            Some(b) => td_string!(i18n.get_locale(), talenta.box_title, b).to_string(),
            None => td_string!(i18n.get_locale(), talenta.no_skp_title).to_string(),
        };
        Some(view! {
            <h3 id="box-list-title">{title}</h3>
            <p>
                {move || td_string!(i18n.get_locale(), talenta.action, action = pick(&action)).to_string()}
            </p>
            <PlacementTable ds=ds_list.clone() rows=people id="box-list" />
        })
    };
    let no_skp = num(dist.no_skp as f64, 0);
    view! {
        <Method nine_box=ds.rules().nine_box predikat=ds.rules().predikat_score />
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
                        <th scope="col" class="num">{tr(|l| td_string!(l, talenta.grid.row_total))}</th>
                    </tr>
                </thead>
                <tbody>{grid}</tbody>
            </table>
        </div>
        <p class="note">
            <button
                type="button"
                id="no-skp"
                data-count=dist.no_skp
                aria-pressed=move || (selected.get() == Some(None)).to_string()
                on:click=move |_| selected.set(Some(None))
            >
                {move || td_string!(i18n.get_locale(), talenta.grid.no_skp, n = &no_skp).to_string()}
            </button>
        </p>
        <p class="note">{tr(|l| td_string!(l, talenta.grid.promotion))}</p>
        {list}
        <TalentPool ds=ds.clone() />
        <Succession ds=ds />
    }
}

/// How kinerja, the cut-offs and the talent score are made, with the rule set's numbers.
#[component]
fn Method(nine_box: NineBoxRules, predikat: PredikatScores) -> impl IntoView {
    let i18n = use_i18n();
    let (n, p) = (nine_box, predikat);
    let w = n.final_kinerja + n.final_potensi;
    let [years, sb, b, bp, k, sk, am, low, high, wk, wp] = [
        f64::from(n.skp_years),
        p.sangat_baik,
        p.baik,
        p.butuh_perbaikan,
        p.kurang,
        p.sangat_kurang,
        n.award_max,
        n.kinerja_cuts[0],
        n.kinerja_cuts[1],
        n.final_kinerja / w * 100.0,
        n.final_potensi / w * 100.0,
    ]
    .map(|v| num(v, 1));
    view! {
        <p class="note" id="talent-method">
            {move || {
                td_string!(
                    i18n.get_locale(), talenta.method, years = &years, sb = &sb, b = &b,
                    bp = &bp, k = &k, sk = &sk, am = &am, low = &low, high = &high, wk = &wk, wp = &wp
                )
                    .to_string()
            }}
        </p>
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
                <TableHead cols=cols![[talenta.table] name, nip, golongan, post, kinerja = num, potensi = num, talent = num, box_col = num] />
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
                            let kinerja = p.kinerja_score().map(score);
                            let talent = p.talent_score.map(score).unwrap_or_else(|| "—".into());
                            view! {
                                <tr data-nip=e.nip.to_string()>
                                    <th scope="row">
                                        {person_link(e)}
                                    </th>
                                    <td>{e.nip.to_string()}</td>
                                    <td>{e.pangkat.golongan.to_string()}</td>
                                    <td>{post}</td>
                                    <td class="num">
                                        {move || {
                                            kinerja
                                                .clone()
                                                .unwrap_or_else(|| {
                                                    td_string!(i18n.get_locale(), talenta.table.no_skp).to_string()
                                                })
                                        }}
                                    </td>
                                    <td class="num">{score(p.potensi)}</td>
                                    <td class="num">{talent}</td>
                                    <td class="num">{p.box_no.map(|b| b.to_string()).unwrap_or_else(|| "—".into())}</td>
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
        <p class="note">{tr(|l| td_string!(l, talenta.succession.note))}</p>
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
                                                    {cands.iter().map(|c| view! { <SuccessorLine ds=ds.clone() c=c.clone() /> }).collect_view()}
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

/// One successor: name, box, fit, readiness (and what is still missing, on hover).
#[component]
fn SuccessorLine(ds: Arc<Dataset>, c: Successor) -> impl IntoView {
    let i18n = use_i18n();
    let e = &ds.employees()[c.employee as usize];
    let (b, fit) = (c.box_no, score(c.fit));
    let state = c.readiness.label(ds.rules());
    let needs = c.needs.clone();
    let line = move || {
        td_string!(
            i18n.get_locale(),
            talenta.succession.line,
            b,
            fit = &fit,
            state = pick(&state)
        )
        .to_string()
    };
    let title = move || needs.iter().map(pick).collect::<Vec<_>>().join("; ");
    view! {
        <li data-nip=e.nip.to_string() data-readiness=c.readiness.token() title=title>
            {person_link(e)}
            " — "
            {line}
        </li>
    }
}
