//! Dampak mutasi (`/dampak`): first the evidence ([`evidence`]): did moving school principals
//! help, against a comparison group, with an interval and a pre-trend check; then what the moves
//! made (inaugurated proposals) did, round by round (per SK, or per month of inauguration):
//! each person's SKP before and after the move, and each unit's ABK indicators before and after
//! (bezetting, shortage filled, effectiveness and class), labelled as a simple comparison
//! without a comparison group.
//!
//! The device holds only the city as it is now, so the city before each round is rebuilt by
//! undoing the inaugurations ([`mutasi_core::workflow::impact::impact_by_round`]); the figures
//! are [`mutasi_core::workflow::impact::impact`]'s.

use std::sync::Arc;

use chrono::Datelike;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::query::AbkClass;
use mutasi_core::text::Text;
use mutasi_core::wire::sync::{Proposal, ProposalStatus, RecordKind};
use mutasi_core::workflow::impact::{
    impact_by_round, ImpactReport, NotUndone, RoundImpact, SkpTrend, UnitIndicators,
};
use mutasi_core::Dataset;

use crate::components::bar_chart::{Bar, BarChart};
use crate::components::format::{date_in, month_in, num, signed};
use crate::components::no_data::NoData;
use crate::components::table::{cols, TableHead};
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};
use crate::pages::formasi::class_text;
use crate::pages::sk::local::{use_proposals, Stored};
use crate::state::data::use_city_data;
use crate::store;

mod answer;
pub mod evidence;
pub mod people;
pub mod services;
mod staff;

use evidence::Evidence;
use mutasi_core::model::OutcomeRecord;

/// The route `/dampak`.
#[component]
pub fn Dampak() -> impl IntoView {
    view! { <DampakPage db=store::DB_NAME /> }
}

/// How moves are grouped into rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundBy {
    /// One round per SK number.
    Sk,
    /// One round per month of inauguration.
    Month,
}

/// The round of a proposal: its SK number (empty: none recorded), or `YYYY-MM` of the
/// inauguration.
pub fn round_key(p: &Proposal, by: RoundBy) -> String {
    match by {
        RoundBy::Sk => p.sk.as_ref().map(|s| s.number.clone()).unwrap_or_default(),
        RoundBy::Month => {
            let on = p.inaugurated_on.unwrap_or(p.tmt);
            format!("{:04}-{:02}", on.year(), on.month())
        }
    }
}

/// The heading of a round in `locale`.
pub fn round_label(key: &str, by: RoundBy, locale: Locale) -> String {
    match by {
        RoundBy::Sk if key.is_empty() => td_string!(locale, dampak.round.no_sk).to_string(),
        RoundBy::Sk => format!("SK {key}"),
        RoundBy::Month => {
            let (y, m) = key.split_once('-').unwrap_or((key, "1"));
            let month = month_in(m.parse().unwrap_or(1), locale);
            td_string!(locale, dampak.round.month, month, year = y).to_string()
        }
    }
}

/// A trend in `locale`.
pub fn trend_label(t: SkpTrend, locale: Locale) -> &'static str {
    match t {
        SkpTrend::Better => td_string!(locale, dampak.trend.better),
        SkpTrend::Same => td_string!(locale, dampak.trend.same),
        SkpTrend::Worse => td_string!(locale, dampak.trend.worse),
        SkpTrend::NotYetKnown => td_string!(locale, dampak.trend.not_yet_known),
    }
}

/// The label of a figure of the summary (`data-figure`) in `locale`.
fn stat_label(key: &str, locale: Locale) -> &'static str {
    match key {
        "moves" => td_string!(locale, dampak.summary.moves),
        "skp_better" => td_string!(locale, dampak.summary.skp_better),
        "skp_same" => td_string!(locale, dampak.summary.skp_same),
        "skp_worse" => td_string!(locale, dampak.summary.skp_worse),
        "skp_not_yet_known" => td_string!(locale, dampak.summary.skp_not_yet_known),
        "shortage_filled" => td_string!(locale, dampak.summary.shortage_filled),
        _ => td_string!(locale, dampak.summary.shortage_created),
    }
}

/// "1 → 0".
pub fn before_after(b: String, a: String) -> String {
    format!("{b} → {a}")
}

/// Effectiveness with its class: "1 (B (0,90–1,00))", or "–" with nobody in post.
pub fn effectiveness_text(i: &UnitIndicators) -> String {
    let class = |c: AbkClass| class_text(c);
    match i.effectiveness {
        Some(e) => format!("{} ({})", num(e, 2), class(i.class)),
        None => format!("– ({})", class(i.class)),
    }
}

/// Everything the page shows, computed from the city now and the proposals on the device.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    /// All rounds together, against the city before the first.
    pub all: Option<RoundImpact<()>>,
    /// Round by round, oldest first.
    pub rounds: Vec<RoundImpact<String>>,
    /// Inaugurated proposals on the device.
    pub inaugurated: usize,
}

/// [`Computed`] for `ds` and the proposals `list`, grouped `by`.
pub fn compute(ds: &Dataset, list: &[Stored], by: RoundBy) -> Result<Computed, Text> {
    let proposals: Vec<Proposal> = list.iter().map(|s| s.proposal.clone()).collect();
    let rules = ds.rules();
    let all = impact_by_round(ds, &proposals, rules, |_| ())
        .map_err(|e| e.text())?
        .into_iter()
        .next();
    let rounds =
        impact_by_round(ds, &proposals, rules, |p| round_key(p, by)).map_err(|e| e.text())?;
    let inaugurated = proposals
        .iter()
        .filter(|p| p.status == ProposalStatus::Inaugurated)
        .count();
    Ok(Computed {
        all,
        rounds,
        inaugurated,
    })
}

/// The impact screen reading the proposals and the outcomes (kind `outcome`, synced from the
/// server) of the IndexedDB database `db`; `outcomes` are outcomes read from a file beforehand,
/// shown instead of the stored ones as a preview (otherwise such a file may be chosen on the
/// page).
#[component]
pub fn DampakPage(
    #[prop(into)] db: String,
    #[prop(optional)] outcomes: Option<Arc<Vec<OutcomeRecord>>>,
) -> impl IntoView {
    let data = use_city_data();
    let chosen = RwSignal::new(outcomes);
    let stored = use_outcomes(db.clone());
    let evidence = move || {
        data.dataset.get().map(|ds| {
            view! {
                <Evidence ds=ds.clone() stored=stored chosen=chosen />
                <people::PeopleEvidenceSection ds=ds />
            }
        })
    };
    let reload = RwSignal::new(0u32);
    let loaded = use_proposals(db, reload);
    let by = RwSignal::new(RoundBy::Sk);
    let computed = Memo::new(move |_| {
        let ds = data.dataset.get()?;
        let list = loaded.get()?;
        Some(
            list.map_err(Text::same)
                .and_then(|l| compute(&ds, &l, by.get()))
                .map(Arc::new),
        )
    });
    let i18n = use_i18n();
    let by_button = move |value: RoundBy, id: &'static str| {
        view! {
            <button
                type="button"
                class="sort"
                id=id
                aria-pressed=move || (by.get() == value).to_string()
                on:click=move |_| by.set(value)
            >
                {move || match value {
                    RoundBy::Sk => td_string!(i18n.get_locale(), dampak.group.sk),
                    RoundBy::Month => td_string!(i18n.get_locale(), dampak.group.month),
                }}
            </button>
        }
    };
    view! {
        <section class="page dampak">
            <h2>{tr(|l| td_string!(l, dampak.title))}</h2>
            {evidence}
            <h3>{tr(|l| td_string!(l, dampak.rounds_title))}</h3>
            <p>{tr(|l| td_string!(l, dampak.intro))}</p>
            <p class="note">{tr(|l| td_string!(l, dampak.skp_note))}</p>
            <div class="toolbar" role="group" aria-label=move || td_string!(i18n.get_locale(), dampak.group.label)>
                {tr(|l| td_string!(l, dampak.group.prompt))}
                {by_button(RoundBy::Sk, "dampak-by-sk")}
                {by_button(RoundBy::Month, "dampak-by-month")}
            </div>
            {move || match computed.get() {
                None if data.dataset.with(Option::is_none) => view! { <NoData /> }.into_any(),
                None => {
                    view! { <p role="status">{tr(|l| td_string!(l, dampak.loading))}</p> }.into_any()
                }
                Some(Err(err)) => {
                    view! {
                        <p id="dampak-error" class="error" role="alert">
                            {move || td_string!(i18n.get_locale(), dampak.error, error = pick(&err)).to_string()}
                        </p>
                    }
                        .into_any()
                }
                Some(Ok(c)) if c.inaugurated == 0 => {
                    view! {
                        <p id="dampak-none" class="note">{tr(|l| td_string!(l, dampak.none))}</p>
                    }
                        .into_any()
                }
                Some(Ok(c)) => {
                    match data.dataset.get_untracked() {
                        Some(ds) => view! { <Report c=c by=by.get_untracked() ds=ds /> }.into_any(),
                        None => view! { <NoData /> }.into_any(),
                    }
                }
            }}
        </section>
    }
}

/// The outcomes stored on the device (`None` while reading; an empty list when there are none),
/// read again whenever the city data is reloaded (a sync pulled new records).
fn use_outcomes(db: String) -> RwSignal<Option<Result<Arc<Vec<OutcomeRecord>>, String>>> {
    let data = use_city_data();
    let loaded = RwSignal::new(None);
    Effect::new(move |_| {
        data.dataset.track();
        let db = db.clone();
        spawn_local(async move {
            let result = async {
                let handle = store::open(&db).await.map_err(|e| e.to_string())?;
                let list =
                    store::records::all_data_of_kind::<OutcomeRecord>(&handle, RecordKind::Outcome)
                        .await;
                handle.close();
                list.map(Arc::new).map_err(|e| e.to_string())
            }
            .await;
            // The page may be gone by now.
            let _ = loaded.try_set(Some(result));
        });
    });
    loaded
}

#[component]
fn Report(c: Arc<Computed>, by: RoundBy, ds: Arc<Dataset>) -> impl IntoView {
    let i18n = use_i18n();
    let all = c.all.as_ref().map(|a| {
        let s = a.report.summary;
        let stat = |key: &'static str, value: String| {
            view! {
                <li class="stat" data-figure=key>
                    <span class="stat-value">{value}</span>
                    <span class="stat-label">{move || stat_label(key, i18n.get_locale())}</span>
                </li>
            }
        };
        let mut units = a.report.units.clone();
        units.sort_by(|x, y| y.shortage_filled.abs().total_cmp(&x.shortage_filled.abs()));
        let bars: Vec<Bar> = units
            .iter()
            .filter(|u| u.shortage_filled != 0.0)
            .take(12)
            .map(|u| Bar {
                label: u.name.clone(),
                value: u.shortage_filled,
                shown: signed(u.shortage_filled),
            })
            .collect();
        let chart = (!bars.is_empty()).then(|| {
            view! {
                <figure class="chart">
                    {move || {
                        view! {
                            <BarChart
                                label=td_string!(i18n.get_locale(), dampak.chart.label).to_string()
                                bars=bars.clone()
                            />
                        }
                    }}
                    <figcaption>{tr(|l| td_string!(l, dampak.chart.caption))}</figcaption>
                </figure>
            }
        });
        view! {
            <h3>{tr(|l| td_string!(l, dampak.summary.title))}</h3>
            <ul id="dampak-summary" class="stats">
                {stat("moves", num(f64::from(s.moves), 0))}
                {stat("skp_better", num(f64::from(s.skp_better), 0))}
                {stat("skp_same", num(f64::from(s.skp_same), 0))}
                {stat("skp_worse", num(f64::from(s.skp_worse), 0))}
                {stat("skp_not_yet_known", num(f64::from(s.skp_not_yet_known), 0))}
                {stat("shortage_filled", num(s.shortage_filled, 2))}
                {stat("shortage_created", num(s.shortage_created, 2))}
            </ul>
            {chart}
        }
    });
    let not_undone: Vec<NotUndone> = c
        .all
        .as_ref()
        .map(|a| a.not_undone.clone())
        .unwrap_or_default();
    let not_undone = (!not_undone.is_empty()).then(|| {
        view! {
            <div class="warn" role="status">
                <p>{tr(|l| td_string!(l, dampak.not_undone))}</p>
                <ul id="dampak-not-undone">
                    {not_undone
                        .into_iter()
                        .map(|n| {
                            let reason = n.why.text();
                            view! { <li data-proposal=n.proposal>{move || pick(&reason)}</li> }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    });
    let rounds = c
        .rounds
        .iter()
        .rev()
        .map(|r| view! { <Round r=r.clone() by=by ds=ds.clone() /> })
        .collect_view();
    view! {
        {all}
        {not_undone}
        <div id="dampak-rounds">{rounds}</div>
    }
}

#[component]
fn Round(r: RoundImpact<String>, by: RoundBy, ds: Arc<Dataset>) -> impl IntoView {
    let i18n = use_i18n();
    let key = r.key.clone();
    let title = move || round_label(&key, by, i18n.get_locale());
    let (first, last) = (r.first, r.last);
    let s = r.report.summary;
    let summary = move || {
        let locale = i18n.get_locale();
        let when = if first == last {
            date_in(first, locale)
        } else {
            format!("{} – {}", date_in(first, locale), date_in(last, locale))
        };
        td_string!(
            locale,
            dampak.round.summary,
            when,
            moves = s.moves,
            better = s.skp_better,
            same = s.skp_same,
            worse = s.skp_worse,
            unknown = s.skp_not_yet_known,
            filled = num(s.shortage_filled, 2),
            created = num(s.shortage_created, 2)
        )
        .to_string()
    };
    view! {
        <section class="round" data-round=r.key.clone() data-moves=s.moves>
            <h3>{title}</h3>
            <p class="note">{summary}</p>
            <People report=r.report.clone() ds=ds />
            <Units report=r.report />
        </section>
    }
}

#[component]
fn People(report: ImpactReport, ds: Arc<Dataset>) -> impl IntoView {
    let i18n = use_i18n();
    let unit_name = |u: &Option<mutasi_core::model::UnitId>| {
        u.as_ref().map_or_else(
            || "-".to_string(),
            |u| ds.unit(u).map_or_else(|| u.to_string(), |x| x.name.clone()),
        )
    };
    let rows = report
        .people
        .into_iter()
        .map(|p| {
            let trend = p.trend;
            let skp = |r: Option<mutasi_core::model::SkpRecord>| {
                r.map(|r| format!("{} {}", r.year, r.predikat))
            };
            let before = skp(p.skp_before).unwrap_or_else(|| "–".into());
            let after = skp(p.skp_after);
            let after = move || {
                after
                    .clone()
                    .unwrap_or_else(|| td_string!(i18n.get_locale(), dampak.trend.skp_unknown).to_string())
            };
            let note = p.note;
            let trend_class = match p.trend {
                SkpTrend::Better => "trend better",
                SkpTrend::Worse => "trend worse",
                _ => "trend",
            };
            view! {
                <tr data-nip=p.nip.to_string()>
                    <th scope="row">{p.name} <br /> <span class="note">"NIP " {p.nip.to_string()}</span></th>
                    <td>{before_after(unit_name(&p.from_unit), unit_name(&p.to_unit))}</td>
                    <td>{move || date_in(p.on, i18n.get_locale())}</td>
                    <td class="skp-before">{before}</td>
                    <td class="skp-after">{after}</td>
                    <td class=trend_class data-trend=format!("{:?}", p.trend)>
                        {move || trend_label(trend, i18n.get_locale())}
                    </td>
                    <td class="note">{move || pick(&note)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="people">
                <caption>{tr(|l| td_string!(l, dampak.people.caption))}</caption>
                <TableHead cols=cols![[dampak.people] name, units, inaugurated, skp_before, skp_after, trend, details] />
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn Units(report: ImpactReport) -> impl IntoView {
    let rows = report
        .units
        .into_iter()
        .map(|u| {
            let (b, a) = (u.before, u.after);
            view! {
                <tr data-unit=u.unit.to_string()>
                    <th scope="row">{u.name.clone()}</th>
                    <td class="num moved">{format!("+{} / −{}", u.joined, u.left)}</td>
                    <td class="num kebutuhan">{before_after(num(b.kebutuhan, 2), num(a.kebutuhan, 2))}</td>
                    <td class="num bezetting">
                        {before_after(num(f64::from(b.bezetting), 0), num(f64::from(a.bezetting), 0))}
                    </td>
                    <td class="num shortage">{before_after(num(b.shortage, 2), num(a.shortage, 2))}</td>
                    <td class="num filled">{signed(u.shortage_filled)}</td>
                    <td class="eff">{before_after(effectiveness_text(&b), effectiveness_text(&a))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="units">
                <caption>{tr(|l| td_string!(l, dampak.units.caption))}</caption>
                <TableHead cols=cols![[dampak.units] unit, moved = num, need = num, headcount = num, shortage = num, filled = num, effectiveness] />
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
