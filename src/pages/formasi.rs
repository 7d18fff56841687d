//! Formasi: ABK need (kebutuhan) vs headcount (bezetting) per OPD, sortable by gap, with a bar
//! chart of the gaps; each OPD opens its jabatan and slots ([`super::formasi_opd`]).

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::query::{need_by, AbkClass};
use mutasi_core::Dataset;

use crate::components::bar_chart::{Bar, BarChart};
use crate::components::format::{gap_label, num, signed};
use crate::components::links::{link, opd_href};
use crate::components::no_data::NoData;
use crate::components::table::{cols, TableHead};
use crate::i18n::*;
use crate::lang::{tr, use_i18n};
use crate::state::data::use_city_data;

/// Need and headcount of one OPD (the root unit and everything below it).
#[derive(Debug, Clone, PartialEq)]
pub struct OpdNeed {
    /// Unit index of the OPD.
    pub opd: u32,
    pub kebutuhan: f64,
    pub bezetting: u32,
    /// bezetting − kebutuhan: negative is a shortage.
    pub gap: f64,
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
        gap: t.gap(),
        class: t.class(rules),
    })
    .collect();
    rows.sort_by(|a, b| a.gap.total_cmp(&b.gap).then(a.opd.cmp(&b.opd)));
    rows
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

/// A table cell showing a gap by sign and words.
#[component]
pub fn GapCell(gap: f64) -> impl IntoView {
    let i18n = use_i18n();
    let (id, _) = gap_label(gap);
    let class = match id {
        "Kekurangan" => "gap gap-short",
        "Kelebihan" => "gap gap-excess",
        _ => "gap",
    };
    let word = move || match class {
        "gap gap-short" => td_string!(i18n.get_locale(), formasi.gap.short),
        "gap gap-excess" => td_string!(i18n.get_locale(), formasi.gap.excess),
        _ => td_string!(i18n.get_locale(), formasi.gap.balanced),
    };
    view! {
        <td class=class>
            <span class="gap-num">{signed(gap)}</span>
            " "
            <span class="gap-word">{word}</span>
        </td>
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
    let short: f64 = rows.iter().map(|r| r.gap.min(0.0)).sum();
    let excess: f64 = rows.iter().map(|r| r.gap.max(0.0)).sum();
    let mut chart_rows: Vec<&OpdNeed> = rows.iter().collect();
    chart_rows.sort_by(|a, b| b.gap.abs().total_cmp(&a.gap.abs()));
    let bars: Vec<Bar> = chart_rows
        .iter()
        .take(12)
        .map(|r| Bar {
            label: ds.units()[r.opd as usize].short.clone(),
            value: r.gap,
            shown: signed(r.gap),
        })
        .collect();
    let ds2 = ds.clone();
    let sorted = move || {
        let mut v: Vec<OpdNeed> = rows.as_ref().clone();
        match sort.get() {
            SortBy::Shortage => {}
            SortBy::Excess => v.sort_by(|a, b| b.gap.total_cmp(&a.gap).then(a.opd.cmp(&b.opd))),
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
                {move || td_string!(i18n.get_locale(), formasi.totals.short, n = num(-short, 1)).to_string()}
            </strong>
            " · "
            <strong>
                {move || td_string!(i18n.get_locale(), formasi.totals.excess, n = num(excess, 1)).to_string()}
            </strong>
        </p>
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
            <table id="formasi-opd">
                <caption>{tr(|l| td_string!(l, formasi.table.caption))}</caption>
                <TableHead cols=cols![[formasi.table] opd, need = num, headcount = num, gap, class] />
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
                                        <td class="num">{num(r.kebutuhan, 1)}</td>
                                        <td class="num">{num(r.bezetting as f64, 0)}</td>
                                        <GapCell gap=r.gap />
                                        <td>{class_text(r.class)}</td>
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
