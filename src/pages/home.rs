//! Beranda (`/`): the city at a glance — shortage and excess, rotations due, retirements within
//! 12 months, acting (Plt) posts — with small bar charts.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_router::components::A;
use mutasi_core::query::{plt_posts, retirements_within, rotations_due, workforce_need};
use mutasi_core::text::add_months;
use mutasi_core::Dataset;

use super::formasi::opd_need;
use super::home_employee::EmployeeHome;
use crate::components::bar_chart::{Bar, BarChart};
use crate::components::format::{date_id, month_name, num, signed};
use crate::components::links::{link, pegawai_href, slot_href};
use crate::components::no_data::NoData;
use crate::state::data::CityData;

/// The figures on the home page.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Σ of the shortages of every jabatan in every unit (people, positive).
    pub shortage: f64,
    /// Σ of the excesses.
    pub excess: f64,
    pub rotations_due: usize,
    pub retirements_12m: usize,
    pub plt_posts: usize,
    /// Retirements per month, this month and the next 12 (zeros included): (first day, count).
    pub retirements_by_month: Vec<(NaiveDate, usize)>,
    /// (OPD short name, gap) of the OPD with the biggest shortages.
    pub worst_opd: Vec<(String, f64)>,
    /// The longest-acting Plt posts (links to their candidates).
    pub plt_top: Vec<Item>,
    /// The nearest retirements (links to the profiles).
    pub retire_top: Vec<Item>,
    /// The longest overdue rotations (links to the profiles).
    pub rotation_top: Vec<Item>,
}

/// One line of a short list: a link and what it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub href: String,
    pub title: String,
    pub detail: String,
}

/// Lines listed under each heading.
const TOP: usize = 8;

/// Computes the [`Summary`] of `ds` on `today`.
pub fn summary(ds: &Dataset, today: NaiveDate) -> Summary {
    let rules = ds.rules();
    let need = workforce_need(ds, rules);
    let retire = retirements_within(ds, today, 12, rules);
    let rotations = rotations_due(ds, today, rules);
    let plt = plt_posts(ds, today);
    let name = |e: u32| ds.employees()[e as usize].name.clone();
    let nip = |e: u32| ds.employees()[e as usize].nip.to_string();
    let post = |s: u32| format!("{} — {}", ds.slot_position(s).name, ds.slot_unit(s).name);
    let first = today.with_day(1).unwrap_or(today);
    let months: Vec<NaiveDate> = (0..13).map(|i| add_months(first, i)).collect();
    let retirements_by_month = months
        .iter()
        .map(|&m| {
            let next = add_months(m, 1);
            (
                m,
                retire
                    .iter()
                    .filter(|r| r.date >= m && r.date < next)
                    .count(),
            )
        })
        .collect();
    Summary {
        shortage: -need.iter().map(|r| r.gap.min(0.0)).sum::<f64>(),
        excess: need.iter().map(|r| r.gap.max(0.0)).sum(),
        rotations_due: rotations.len(),
        retirements_12m: retire.len(),
        plt_posts: plt.len(),
        plt_top: plt
            .iter()
            .take(TOP)
            .map(|p| Item {
                href: slot_href(ds.slots()[p.slot as usize].id.as_str()),
                title: post(p.slot),
                detail: format!(
                    "Plt {} sejak {} ({})",
                    name(p.holder),
                    date_id(p.since),
                    p.duration.id()
                ),
            })
            .collect(),
        retire_top: retire
            .iter()
            .take(TOP)
            .map(|r| Item {
                href: pegawai_href(&nip(r.employee)),
                title: name(r.employee),
                detail: format!(
                    "pensiun {}{}",
                    date_id(r.date),
                    r.slot
                        .map(|s| format!(" — {}", post(s)))
                        .unwrap_or_default()
                ),
            })
            .collect(),
        rotation_top: rotations
            .iter()
            .take(TOP)
            .map(|r| Item {
                href: pegawai_href(&nip(r.employee)),
                title: name(r.employee),
                detail: format!("{} di {}", r.tenure.id(), post(r.slot)),
            })
            .collect(),
        retirements_by_month,
        worst_opd: opd_need(ds)
            .into_iter()
            .filter(|r| r.gap < 0.0)
            .take(8)
            .map(|r| (ds.units()[r.opd as usize].short.clone(), r.gap))
            .collect(),
    }
}

/// The route `/`.
#[component]
pub fn Home() -> impl IntoView {
    // Without the data context (a shell mounted on its own) the page shows its intro only.
    let data = use_context::<CityData>();
    let body = data.map(|data| {
        // An employee's Beranda is about them; the city summary is only computed for others.
        let session = use_context::<crate::state::session::Session>();
        let own = move || {
            session
                .and_then(|s| s.account())
                .filter(|a| a.role == mutasi_core::wire::auth::Role::Employee)
                .and_then(|a| a.nip)
        };
        let sum = Memo::new(move |_| {
            if own().is_some() {
                return None;
            }
            let ds = data.dataset.get()?;
            Some(Arc::new(summary(&ds, data.today.get())))
        });
        move || match (own(), data.dataset.get(), sum.get()) {
            (Some(nip), Some(ds), _) => {
                let today = data.today.get();
                view! { <EmployeeHome ds nip today /> }.into_any()
            }
            (None, _, Some(s)) => view! { <Glance s=s /> }.into_any(),
            _ => view! { <NoData /> }.into_any(),
        }
    });
    view! {
        <section class="page">
            <h2>"Beranda"</h2>
            <p>
                "Perencanaan mutasi dan rotasi ASN berdasarkan kebutuhan organisasi, potensi, dan keahlian pegawai."
            </p>
            <p class="en" lang="en">
                "Planning ASN transfers and rotations from organisational need, potential and expertise."
            </p>
            {body}
        </section>
    }
}

#[component]
fn Stat(
    id: &'static str,
    label: &'static str,
    label_en: &'static str,
    value: String,
    href: &'static str,
) -> impl IntoView {
    view! {
        <li class="stat" id=id>
            <A href=href>
                <span class="stat-value">{value}</span>
                <span class="stat-label">{label}</span>
                <span class="stat-label en" lang="en">{label_en}</span>
            </A>
        </li>
    }
}

#[component]
fn Glance(s: Arc<Summary>) -> impl IntoView {
    let opd_bars: Vec<Bar> = s
        .worst_opd
        .iter()
        .map(|(name, gap)| Bar {
            label: name.clone(),
            value: *gap,
            shown: signed(*gap),
        })
        .collect();
    let retire_bars: Vec<Bar> = s
        .retirements_by_month
        .iter()
        .map(|(m, n)| Bar {
            label: format!("{} {}", month_name(m.month()), m.year()),
            value: *n as f64,
            shown: num(*n as f64, 0),
        })
        .collect();
    view! {
        <ul class="stats">
            <Stat
                id="stat-shortage"
                label="Kekurangan pegawai"
                label_en="Shortage (people)"
                value=num(s.shortage, 0)
                href="/formasi"
            />
            <Stat
                id="stat-excess"
                label="Kelebihan pegawai"
                label_en="Excess (people)"
                value=num(s.excess, 0)
                href="/formasi"
            />
            <Stat
                id="stat-rotations"
                label="Jatuh tempo rotasi"
                label_en="Rotations due"
                value=num(s.rotations_due as f64, 0)
                href="/pegawai"
            />
            <Stat
                id="stat-retirements"
                label="Pensiun dalam 12 bulan"
                label_en="Retiring within 12 months"
                value=num(s.retirements_12m as f64, 0)
                href="/pegawai"
            />
            <Stat
                id="stat-plt"
                label="Jabatan diisi Plt"
                label_en="Posts held by an acting official"
                value=num(s.plt_posts as f64, 0)
                href="/formasi"
            />
        </ul>
        <div class="charts">
            <figure class="chart">
                <BarChart
                    label="OPD dengan kekurangan terbesar / OPD with the biggest shortage".to_string()
                    bars=opd_bars
                />
                <figcaption>
                    "OPD dengan kekurangan terbesar (selisih bezetting − kebutuhan). "
                    <span class="en" lang="en">"OPD with the biggest shortage."</span>
                </figcaption>
            </figure>
            <figure class="chart">
                <BarChart
                    label="Pensiun per bulan, 12 bulan ke depan / Retirements per month, next 12 months"
                        .to_string()
                    bars=retire_bars
                />
                <figcaption>
                    "Pensiun per bulan, 12 bulan ke depan. "
                    <span class="en" lang="en">"Retirements per month, next 12 months."</span>
                </figcaption>
            </figure>
        </div>
        <div class="lists">
            <ShortList
                id="plt-list"
                title="Jabatan Plt terlama / Longest-acting Plt posts"
                items=s.plt_top.clone()
            />
            <ShortList
                id="retire-list"
                title="Pensiun terdekat / Nearest retirements"
                items=s.retire_top.clone()
            />
            <ShortList
                id="rotation-list"
                title="Rotasi paling lama tertunda / Longest overdue rotations"
                items=s.rotation_top.clone()
            />
        </div>
    }
}

#[component]
fn ShortList(id: &'static str, title: &'static str, items: Vec<Item>) -> impl IntoView {
    view! {
        <section class="short-list" id=id>
            <h3>{title}</h3>
            {if items.is_empty() {
                view! { <p>"Tidak ada / None"</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {items
                            .into_iter()
                            .map(|i| {
                                view! {
                                    <li>
                                        {link(i.href, i.title)}
                                        <br />
                                        <small>{i.detail}</small>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}
