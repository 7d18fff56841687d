//! Formasi: ABK need (kebutuhan) vs headcount (bezetting) per OPD, sortable by gap, with a bar
//! chart of the gaps; each OPD opens its jabatan and slots ([`super::formasi_opd`]).

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::query::{need_by, total_need, AbkClass, NeedTotals};
use mutasi_core::Dataset;

use crate::components::bar_chart::{Bar, BarChart};
use crate::components::format::num;
use crate::components::links::{link, opd_href};
use crate::components::no_data::NoData;
use crate::components::table::{cols, TableHead};
use crate::i18n::*;
use crate::lang::{tr, tr_attr, use_i18n};
use crate::state::data::use_city_data;

/// Need and headcount of one OPD (the root unit and everything below it).
#[derive(Debug, Clone, PartialEq)]
pub struct OpdNeed {
    /// Unit index of the OPD.
    pub opd: u32,
    pub kebutuhan: f64,
    pub bezetting: u32,
    /// Σ shortage per unit × jabatan ([`NeedTotals::shortage`]).
    pub shortage: f64,
    /// Σ excess per unit × jabatan.
    pub excess: f64,
    pub class: AbkClass,
}

/// Need summed per OPD, biggest shortage first.
pub fn opd_need(ds: &Dataset) -> Vec<OpdNeed> {
    let rules = ds.rules();
    let mut rows: Vec<OpdNeed> = need_by(ds, rules, ds.units().len(), |r| {
        Some(ds.opd_of_unit(r.unit))
    })
    .into_iter()
    .map(|(opd, t)| OpdNeed {
        opd,
        kebutuhan: t.kebutuhan,
        bezetting: t.bezetting,
        shortage: t.shortage,
        excess: t.excess,
        class: t.class(rules),
    })
    .collect();
    rows.sort_by(|a, b| b.shortage.total_cmp(&a.shortage).then(a.opd.cmp(&b.opd)));
    rows
}

/// What the shortage and excess figures mean, one tap away wherever they are shown, with how
/// many needs are only the seat count.
#[component]
pub fn NeedDefinition(totals: NeedTotals) -> impl IntoView {
    let i18n = use_i18n();
    let (seats, total) = (totals.from_seats, totals.formations);
    view! {
        <details class="definition">
            <summary>{tr(|l| td_string!(l, formasi.definition.summary))}</summary>
            <p>
                {move || {
                    td_string!(
                        i18n.get_locale(), formasi.definition.body,
                        seats = num(seats as f64, 0), total = num(total as f64, 0)
                    )
                    .to_string()
                }}
            </p>
            {(seats > 0).then(|| view! { <p>{tr(|l| td_string!(l, formasi.definition.seats_hint))}</p> })}
        </details>
    }
}

/// A table cell with a number of people short or over (blank when zero); `label` names its
/// column on a phone's card (see [`tr_attr`]).
#[component]
pub fn PeopleCell(
    value: f64,
    class: &'static str,
    #[prop(optional)] label: Option<fn(Locale) -> &'static str>,
) -> impl IntoView {
    let shown = if value > 0.0 {
        num(value, 1)
    } else {
        String::new()
    };
    let label = label.map(tr_attr);
    view! { <td class=format!("num {class}") data-label=label>{shown}</td> }
}

/// How the table is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    /// Biggest shortage first.
    Shortage,
    /// Biggest excess first.
    Excess,
    /// By name.
    Name,
}

/// Short label of an ABK class with its meaning.
pub fn class_text(c: AbkClass) -> &'static str {
    match c {
        AbkClass::A => "A (> 1,00)",
        AbkClass::B => "B (0,90–1,00)",
        AbkClass::C => "C (0,70–0,89)",
        AbkClass::D => "D (0,50–0,69)",
        AbkClass::E => "E (< 0,50)",
    }
}

/// The route `/formasi`.
#[component]
pub fn Formasi() -> impl IntoView {
    let data = use_city_data();
    let rows = Memo::new(move |_| data.dataset.get().map(|ds| Arc::new(opd_need(&ds))));
    let sort = RwSignal::new(SortBy::Shortage);
    view! {
        <section class="page">
            <h2>{tr(|l| td_string!(l, formasi.title))}</h2>
            <p>{tr(|l| td_string!(l, formasi.intro))}</p>
            {move || match (data.dataset.get(), rows.get()) {
                (Some(ds), Some(rows)) => {
                    view! { <FormasiBody ds=ds rows=rows sort=sort /> }.into_any()
                }
                _ => view! { <NoData /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn FormasiBody(ds: Arc<Dataset>, rows: Arc<Vec<OpdNeed>>, sort: RwSignal<SortBy>) -> impl IntoView {
    let totals = total_need(&ds, ds.rules());
    let bars: Vec<Bar> = rows
        .iter()
        .filter(|r| r.shortage > 0.0)
        .take(12)
        .map(|r| Bar {
            label: ds.units()[r.opd as usize].short.clone(),
            value: r.shortage,
            shown: num(r.shortage, 1),
        })
        .collect();
    let ds2 = ds.clone();
    let sorted = move || {
        let mut v: Vec<OpdNeed> = rows.as_ref().clone();
        match sort.get() {
            SortBy::Shortage => {}
            SortBy::Excess => {
                v.sort_by(|a, b| b.excess.total_cmp(&a.excess).then(a.opd.cmp(&b.opd)))
            }
            SortBy::Name => v.sort_by(|a, b| {
                ds2.units()[a.opd as usize]
                    .name
                    .cmp(&ds2.units()[b.opd as usize].name)
            }),
        }
        v
    };
    let i18n = use_i18n();
    let sort_label = move |by: SortBy| match by {
        SortBy::Shortage => td_string!(i18n.get_locale(), formasi.sort.shortage),
        SortBy::Excess => td_string!(i18n.get_locale(), formasi.sort.excess),
        SortBy::Name => td_string!(i18n.get_locale(), formasi.sort.name),
    };
    let sort_button = move |by: SortBy| {
        view! {
            <button
                type="button"
                class="sort"
                aria-pressed=move || (sort.get() == by).to_string()
                on:click=move |_| sort.set(by)
            >
                {move || sort_label(by)}
            </button>
        }
    };
    view! {
        <p class="totals">
            <strong>
                {move || td_string!(i18n.get_locale(), formasi.totals.short, n = num(totals.shortage, 1)).to_string()}
            </strong>
            " · "
            <strong>
                {move || td_string!(i18n.get_locale(), formasi.totals.excess, n = num(totals.excess, 1)).to_string()}
            </strong>
        </p>
        <NeedDefinition totals=totals />
        <figure class="chart">
            {move || {
                view! {
                    <BarChart
                        label=td_string!(i18n.get_locale(), formasi.chart.label).to_string()
                        bars=bars.clone()
                    />
                }
            }}
            <figcaption>{tr(|l| td_string!(l, formasi.chart.caption))}</figcaption>
        </figure>
        <div class="toolbar" role="group" aria-label=move || td_string!(i18n.get_locale(), formasi.sort.label)>
            {tr(|l| td_string!(l, formasi.sort.prompt))}
            {sort_button(SortBy::Shortage)}
            {sort_button(SortBy::Excess)}
            {sort_button(SortBy::Name)}
        </div>
        <div class="table-wrap">
            <table id="formasi-opd" class="cards">
                <caption>{tr(|l| td_string!(l, formasi.table.caption))}</caption>
                <TableHead cols=cols![[formasi.table] opd, need = num, headcount = num, short = num, excess = num, class] />
                <tbody>
                    {move || {
                        sorted()
                            .into_iter()
                            .map(|r| {
                                let unit = &ds.units()[r.opd as usize];
                                let href = opd_href(unit.id.as_str());
                                view! {
                                    <tr data-unit=unit.id.to_string()>
                                        <th scope="row">
                                            {link(href, unit.name.clone())}
                                        </th>
                                        <td class="num" data-label=tr_attr(|l| td_string!(l, formasi.table.need))>
                                            {num(r.kebutuhan, 1)}
                                        </td>
                                        <td class="num" data-label=tr_attr(|l| td_string!(l, formasi.table.headcount))>
                                            {num(r.bezetting as f64, 0)}
                                        </td>
                                        <PeopleCell value=r.shortage class="gap-short" label=|l| td_string!(l, formasi.table.short) />
                                        <PeopleCell value=r.excess class="gap-excess" label=|l| td_string!(l, formasi.table.excess) />
                                        <td data-label=tr_attr(|l| td_string!(l, formasi.table.class))>{class_text(r.class)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}
