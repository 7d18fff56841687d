//! Beranda (`/`): the city at a glance — shortage and excess, rotations due, retirements within
//! 12 months, acting (Plt) posts — with small bar charts.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_router::components::A;
use mutasi_core::query::{plt_posts, retirements_within, rotations_due, total_need, NeedTotals};
use mutasi_core::text::{add_months, Span, Text};
use mutasi_core::Dataset;

use super::formasi::{opd_need, NeedDefinition};
use super::home_employee::EmployeeHome;
use crate::components::bar_chart::{Bar, BarChart};
use crate::components::format::{date_in, month_in, num};
use crate::components::links::{link, pegawai_href, slot_href};
use crate::components::no_data::NoData;
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};
use crate::state::data::CityData;

/// The figures on the home page.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Shortage and excess of every unit × jabatan ([`total_need`], as on Formasi).
    pub need: NeedTotals,
    pub rotations_due: usize,
    pub retirements_12m: usize,
    pub plt_posts: usize,
    /// Retirements per month, this month and the next 12 (zeros included): (first day, count).
    pub retirements_by_month: Vec<(NaiveDate, usize)>,
    /// (OPD short name, shortage) of the OPD with the biggest shortages.
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
    pub detail: Detail,
}

/// What a short-list line is about; worded in the chosen language when shown.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    /// An acting holder since a date, for a span.
    Plt {
        holder: String,
        since: NaiveDate,
        span: Span,
    },
    /// A retirement on a date, from a post ("post — unit") if the person holds one.
    Retire {
        date: NaiveDate,
        post: Option<String>,
    },
    /// Time held in a post ("post — unit").
    Rotation { tenure: Span, post: String },
}

impl Detail {
    /// The line in the chosen language (tracked).
    fn render(&self, i18n: crate::lang::Lang) -> String {
        let span = |s: &Span| pick(&Text::new(s.id(), s.en()));
        match self {
            Detail::Plt {
                holder,
                since,
                span: s,
            } => td_string!(
                i18n.get_locale(),
                beranda.list.plt_detail,
                name = holder,
                date = date_in(*since, i18n.get_locale()),
                span = span(s)
            )
            .to_string(),
            Detail::Retire { date, post } => {
                let when = td_string!(
                    i18n.get_locale(),
                    beranda.list.retire_detail,
                    date = date_in(*date, i18n.get_locale())
                );
                match post {
                    Some(p) => format!("{when} — {p}"),
                    None => when.to_string(),
                }
            }
            Detail::Rotation { tenure, post } => td_string!(
                i18n.get_locale(),
                beranda.list.rotation_detail,
                span = span(tenure),
                post
            )
            .to_string(),
        }
    }
}

/// Lines listed under each heading.
const TOP: usize = 8;

/// Computes the [`Summary`] of `ds` on `today`, one query per task: on the whole city each query
/// takes 5–40 ms on a 4× slower tablet, together more than the 50 ms of a long task, so the
/// browser handles input and paints between them ([`crate::timing::yield_to_browser`]).
pub async fn summary(ds: &Dataset, today: NaiveDate) -> Summary {
    use crate::timing::yield_to_browser;
    let rules = ds.rules();
    let need = total_need(ds, rules);
    yield_to_browser().await;
    let worst_opd = opd_need(ds)
        .into_iter()
        .filter(|r| r.shortage > 0.0)
        .take(8)
        .map(|r| (ds.units()[r.opd as usize].short.clone(), r.shortage))
        .collect();
    yield_to_browser().await;
    let retire = retirements_within(ds, today, 12, rules);
    yield_to_browser().await;
    let rotations = rotations_due(ds, today, rules);
    yield_to_browser().await;
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
        need,
        rotations_due: rotations.len(),
        retirements_12m: retire.len(),
        plt_posts: plt.len(),
        plt_top: plt
            .iter()
            .take(TOP)
            .map(|p| Item {
                href: slot_href(ds.slots()[p.slot as usize].id.as_str()),
                title: post(p.slot),
                detail: Detail::Plt {
                    holder: name(p.holder),
                    since: p.since,
                    span: p.duration,
                },
            })
            .collect(),
        retire_top: retire
            .iter()
            .take(TOP)
            .map(|r| Item {
                href: pegawai_href(&nip(r.employee)),
                title: name(r.employee),
                detail: Detail::Retire {
                    date: r.date,
                    post: r.slot.map(post),
                },
            })
            .collect(),
        rotation_top: rotations
            .iter()
            .take(TOP)
            .map(|r| Item {
                href: pegawai_href(&nip(r.employee)),
                title: name(r.employee),
                detail: Detail::Rotation {
                    tenure: r.tenure,
                    post: post(r.slot),
                },
            })
            .collect(),
        retirements_by_month,
        worst_opd,
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
        // The summary of the dataset on screen, computed in steps after it arrives; `None` while
        // it is being computed. A newer dataset or date makes an older computation's result moot.
        let sum = RwSignal::new(None::<Arc<Summary>>);
        let latest = StoredValue::new(0u64);
        Effect::new(move |_| {
            let ds = if own().is_none() {
                data.dataset.get()
            } else {
                None
            };
            let today = data.today.get();
            let run = latest.get_value() + 1;
            latest.set_value(run);
            sum.set(None);
            if let Some(ds) = ds {
                leptos::task::spawn_local(async move {
                    let s = summary(&ds, today).await;
                    if latest.try_get_value() == Some(run) {
                        sum.set(Some(Arc::new(s)));
                    }
                });
            }
        });
        move || match (own(), data.dataset.get(), sum.get()) {
            (Some(nip), Some(ds), _) => {
                let today = data.today.get();
                view! { <EmployeeHome ds nip today /> }.into_any()
            }
            (None, _, Some(s)) => view! { <Glance s=s /> }.into_any(),
            (None, Some(_), None) => view! {
                <p class="computing" aria-busy="true">
                    {tr(|l| td_string!(l, beranda.computing))}
                </p>
            }
            .into_any(),
            _ => view! { <NoData /> }.into_any(),
        }
    });
    view! {
        <section class="page">
            <h2>{tr(|l| td_string!(l, beranda.title))}</h2>
            <p>{tr(|l| td_string!(l, beranda.intro))}</p>
            {body}
        </section>
    }
}

/// A figure with its label (the children).
#[component]
fn Stat(id: &'static str, value: String, href: &'static str, children: Children) -> impl IntoView {
    view! {
        <li class="stat" id=id>
            <A href=href>
                <span class="stat-value">{value}</span>
                <span class="stat-label">{children()}</span>
            </A>
        </li>
    }
}

#[component]
fn Glance(s: Arc<Summary>) -> impl IntoView {
    let i18n = use_i18n();
    let opd_bars: Vec<Bar> = s
        .worst_opd
        .iter()
        .map(|(name, shortage)| Bar {
            label: name.clone(),
            value: *shortage,
            shown: num(*shortage, 0),
        })
        .collect();
    // Month names follow the language: the bars are made inside the chart's closure.
    let summary = Arc::clone(&s);
    let retire_bars = move |locale| -> Vec<Bar> {
        summary
            .retirements_by_month
            .iter()
            .map(|(m, n)| Bar {
                label: format!("{} {}", month_in(m.month(), locale), m.year()),
                value: *n as f64,
                shown: num(*n as f64, 0),
            })
            .collect()
    };
    view! {
        <ul class="stats">
            <Stat id="stat-shortage" value=num(s.need.shortage, 1) href="/formasi">
                {tr(|l| td_string!(l, beranda.stat.shortage))}
            </Stat>
            <Stat id="stat-excess" value=num(s.need.excess, 1) href="/formasi">
                {tr(|l| td_string!(l, beranda.stat.excess))}
            </Stat>
            <Stat id="stat-rotations" value=num(s.rotations_due as f64, 0) href="/pegawai">
                {tr(|l| td_string!(l, beranda.stat.rotations))}
            </Stat>
            <Stat id="stat-retirements" value=num(s.retirements_12m as f64, 0) href="/pegawai">
                {tr(|l| td_string!(l, beranda.stat.retirements))}
            </Stat>
            <Stat id="stat-plt" value=num(s.plt_posts as f64, 0) href="/formasi">
                {tr(|l| td_string!(l, beranda.stat.plt))}
            </Stat>
        </ul>
        <NeedDefinition totals=s.need />
        <div class="charts">
            // The charts' accessible names (and the month labels) are plain strings: the charts
            // are redrawn when the language changes.
            <figure class="chart">
                {move || {
                    let label = td_string!(i18n.get_locale(), beranda.chart.opd_label).to_string();
                    view! { <BarChart label bars=opd_bars.clone() /> }
                }}
                <figcaption>{tr(|l| td_string!(l, beranda.chart.opd_caption))}</figcaption>
            </figure>
            <figure class="chart">
                {move || {
                    let locale = i18n.get_locale();
                    let label = td_string!(locale, beranda.chart.retire_label).to_string();
                    view! { <BarChart label bars=retire_bars(locale) /> }
                }}
                <figcaption>{tr(|l| td_string!(l, beranda.chart.retire_caption))}</figcaption>
            </figure>
        </div>
        <div class="lists">
            <ShortList id="plt-list" items=s.plt_top.clone()>
                {tr(|l| td_string!(l, beranda.list.plt))}
            </ShortList>
            <ShortList id="retire-list" items=s.retire_top.clone()>
                {tr(|l| td_string!(l, beranda.list.retire))}
            </ShortList>
            <ShortList id="rotation-list" items=s.rotation_top.clone()>
                {tr(|l| td_string!(l, beranda.list.rotation))}
            </ShortList>
        </div>
    }
}

/// A short list under its heading (the children).
#[component]
fn ShortList(id: &'static str, items: Vec<Item>, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="short-list" id=id>
            <h3>{children()}</h3>
            {if items.is_empty() {
                view! { <p>{tr(|l| td_string!(l, beranda.list.none))}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {items
                            .into_iter()
                            .map(|i| {
                                let detail = i.detail;
                                view! {
                                    <li>
                                        {link(i.href, i.title)}
                                        <br />
                                        <small>{move || detail.render(i18n)}</small>
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
