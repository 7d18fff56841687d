//! Dampak mutasi (`/dampak`): what the moves made (inaugurated proposals) did, round by round
//! (per SK, or per month of inauguration): each person's SKP before and after the move, and each
//! unit's ABK indicators before and after (bezetting, shortage filled, effectiveness and class).
//!
//! The device holds only the city as it is now, so the city before each round is rebuilt by
//! undoing the inaugurations ([`mutasi_core::workflow::impact::impact_by_round`]); the figures
//! are [`mutasi_core::workflow::impact::impact`]'s.

use std::sync::Arc;

use chrono::Datelike;
use leptos::prelude::*;
use mutasi_core::query::AbkClass;
use mutasi_core::text::Text;
use mutasi_core::wire::sync::{Proposal, ProposalStatus};
use mutasi_core::workflow::impact::{
    impact_by_round, ImpactReport, NotUndone, RoundImpact, SkpTrend, UnitIndicators,
};
use mutasi_core::Dataset;

use crate::components::bar_chart::{Bar, BarChart};
use crate::components::format::{date_id, month_name, num, signed};
use crate::components::no_data::NoData;
use crate::pages::formasi::class_text;
use crate::pages::sk::local::{use_proposals, Stored};
use crate::state::data::use_city_data;
use crate::store;

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

/// The heading of a round.
pub fn round_label(key: &str, by: RoundBy) -> String {
    match by {
        RoundBy::Sk if key.is_empty() => "Tanpa nomor SK / No SK number".into(),
        RoundBy::Sk => format!("SK {key}"),
        RoundBy::Month => {
            let (y, m) = key.split_once('-').unwrap_or((key, "1"));
            format!(
                "Pelantikan / Inaugurations {} {y}",
                month_name(m.parse().unwrap_or(1))
            )
        }
    }
}

/// A trend in both languages.
pub fn trend_label(t: SkpTrend) -> (&'static str, &'static str) {
    match t {
        SkpTrend::Better => ("Membaik", "Better"),
        SkpTrend::Same => ("Sama", "Same"),
        SkpTrend::Worse => ("Menurun", "Worse"),
        SkpTrend::NotYetKnown => ("Belum diketahui", "Not yet known"),
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
    let all = impact_by_round(ds, &proposals, rules, |_| ())?
        .into_iter()
        .next();
    let rounds = impact_by_round(ds, &proposals, rules, |p| round_key(p, by))?;
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

/// The impact screen reading the proposals of the IndexedDB database `db`.
#[component]
pub fn DampakPage(#[prop(into)] db: String) -> impl IntoView {
    let data = use_city_data();
    let reload = RwSignal::new(0u32);
    let loaded = use_proposals(db, reload);
    let by = RwSignal::new(RoundBy::Sk);
    let computed = Memo::new(move |_| {
        let ds = data.dataset.get()?;
        let list = loaded.get()?;
        Some(
            list.map(|l| compute(&ds, &l, by.get()).map_err(|e| e.to_string()))
                .and_then(|r| r)
                .map(Arc::new),
        )
    });
    let by_button =
        move |value: RoundBy, id: &'static str, label: &'static str, en: &'static str| {
            view! {
                <button
                    type="button"
                    class="sort"
                    id=id
                    aria-pressed=move || (by.get() == value).to_string()
                    on:click=move |_| by.set(value)
                >
                    {label}
                    <span class="en" lang="en">" / " {en}</span>
                </button>
            }
        };
    view! {
        <section class="page dampak">
            <h2>"Dampak mutasi " <span class="en" lang="en">"/ Impact of moves"</span></h2>
            <p>
                "Dampak mutasi yang sudah dilantik: SKP tiap pegawai sebelum dan sesudah pindah, serta indikator ABK tiap unit yang ditinggalkan atau dituju. Data sebelum mutasi disusun ulang dari data sekarang dengan membatalkan pelantikan di perangkat ini."
            </p>
            <p class="en" lang="en">
                "The impact of inaugurated moves: each person's SKP before and after the move, and the ABK indicators of each unit left or joined. The data before the moves is rebuilt from the current data by undoing the inaugurations on this device."
            </p>
            <p class="note">
                "SKP sebelum = predikat terakhir dari tahun sebelum pindah; sesudah = predikat pertama dari tahun setelah pindah. "
                <span class="en" lang="en">
                    "SKP before = the latest predikat of a year before the move; after = the first predikat of a year after it."
                </span>
            </p>
            <div class="toolbar" role="group" aria-label="Kelompokkan / Group">
                "Kelompokkan per / Group by: "
                {by_button(RoundBy::Sk, "dampak-by-sk", "SK", "decree")}
                {by_button(RoundBy::Month, "dampak-by-month", "Bulan pelantikan", "month of inauguration")}
            </div>
            {move || match computed.get() {
                None if data.dataset.with(Option::is_none) => view! { <NoData /> }.into_any(),
                None => {
                    view! {
                        <p role="status">"Memuat usulan… " <span class="en" lang="en">"/ Loading proposals…"</span></p>
                    }
                        .into_any()
                }
                Some(Err(err)) => {
                    view! {
                        <p id="dampak-error" class="error" role="alert">
                            "Dampak tidak dapat dihitung / The impact cannot be computed: " {err}
                        </p>
                    }
                        .into_any()
                }
                Some(Ok(c)) if c.inaugurated == 0 => {
                    view! {
                        <p id="dampak-none" class="note">
                            "Belum ada usulan yang dilantik di perangkat ini. "
                            <span class="en" lang="en">"No inaugurated proposals on this device yet."</span>
                        </p>
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

#[component]
fn Report(c: Arc<Computed>, by: RoundBy, ds: Arc<Dataset>) -> impl IntoView {
    let all = c.all.as_ref().map(|a| {
        let s = a.report.summary;
        let stat = |key: &'static str, value: String, id: &'static str, en: &'static str| {
            view! {
                <li class="stat" data-figure=key>
                    <span class="stat-value">{value}</span>
                    <span class="stat-label">{id} <span class="en" lang="en">" / " {en}</span></span>
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
                    <BarChart
                        label="Kekurangan terisi per unit (negatif = kekurangan bertambah) / Shortage filled per unit (negative = shortage grew)"
                            .to_string()
                        bars=bars
                    />
                    <figcaption>
                        "Kekurangan pegawai yang terisi per unit oleh semua mutasi; batang ke kiri = kekurangan bertambah. "
                        <span class="en" lang="en">
                            "Shortage filled per unit by all the moves; bars to the left = the shortage grew."
                        </span>
                    </figcaption>
                </figure>
            }
        });
        view! {
            <h3>"Ringkasan semua putaran " <span class="en" lang="en">"/ Summary of all rounds"</span></h3>
            <ul id="dampak-summary" class="stats">
                {stat("moves", num(f64::from(s.moves), 0), "Mutasi dilantik", "Moves made")}
                {stat("skp_better", num(f64::from(s.skp_better), 0), "SKP membaik", "SKP better")}
                {stat("skp_same", num(f64::from(s.skp_same), 0), "SKP sama", "SKP same")}
                {stat("skp_worse", num(f64::from(s.skp_worse), 0), "SKP menurun", "SKP worse")}
                {stat("skp_not_yet_known", num(f64::from(s.skp_not_yet_known), 0), "SKP belum diketahui", "SKP not yet known")}
                {stat("shortage_filled", num(s.shortage_filled, 2), "Kekurangan terisi", "Shortage filled")}
                {stat("shortage_created", num(s.shortage_created, 2), "Kekurangan bertambah", "Shortage created")}
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
                <p>
                    "Pelantikan berikut tidak dihitung: "
                    <span class="en" lang="en">"These inaugurations are not counted:"</span>
                </p>
                <ul id="dampak-not-undone">
                    {not_undone
                        .into_iter()
                        .map(|n| view! { <li data-proposal=n.proposal>{n.reason.to_string()}</li> })
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
    let title = round_label(&r.key, by);
    let when = if r.first == r.last {
        date_id(r.first)
    } else {
        format!("{} – {}", date_id(r.first), date_id(r.last))
    };
    let s = r.report.summary;
    view! {
        <section class="round" data-round=r.key.clone() data-moves=s.moves>
            <h3>{title}</h3>
            <p class="note">
                {format!(
                    "{when}: {} mutasi; SKP membaik {}, sama {}, menurun {}, belum diketahui {}; kekurangan terisi {}, bertambah {}.",
                    s.moves,
                    s.skp_better,
                    s.skp_same,
                    s.skp_worse,
                    s.skp_not_yet_known,
                    num(s.shortage_filled, 2),
                    num(s.shortage_created, 2)
                )}
                <span class="en" lang="en">
                    {format!(
                        " {} moves; SKP better {}, same {}, worse {}, not yet known {}; shortage filled {}, created {}.",
                        s.moves,
                        s.skp_better,
                        s.skp_same,
                        s.skp_worse,
                        s.skp_not_yet_known,
                        num(s.shortage_filled, 2),
                        num(s.shortage_created, 2)
                    )}
                </span>
            </p>
            <People report=r.report.clone() ds=ds />
            <Units report=r.report />
        </section>
    }
}

#[component]
fn People(report: ImpactReport, ds: Arc<Dataset>) -> impl IntoView {
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
            let (id, en) = trend_label(p.trend);
            let skp = |r: Option<mutasi_core::model::SkpRecord>| {
                r.map(|r| format!("{} {}", r.year, r.predikat))
            };
            let before = skp(p.skp_before).unwrap_or_else(|| "– / –".into());
            let after = skp(p.skp_after)
                .unwrap_or_else(|| "belum diketahui / not yet known".into());
            let trend_class = match p.trend {
                SkpTrend::Better => "trend better",
                SkpTrend::Worse => "trend worse",
                _ => "trend",
            };
            view! {
                <tr data-nip=p.nip.to_string()>
                    <th scope="row">{p.name} <br /> <span class="note">"NIP " {p.nip.to_string()}</span></th>
                    <td>{before_after(unit_name(&p.from_unit), unit_name(&p.to_unit))}</td>
                    <td>{date_id(p.on)}</td>
                    <td class="skp-before">{before}</td>
                    <td class="skp-after">{after}</td>
                    <td class=trend_class data-trend=format!("{:?}", p.trend)>
                        {id} <span class="en" lang="en">" / " {en}</span>
                    </td>
                    <td class="note">{p.note.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="people">
                <caption>"SKP per pegawai / SKP per person"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Nama / NIP " <span class="en">"/ Name"</span></th>
                        <th scope="col">"Unit asal → tujuan " <span class="en">"/ Unit from → to"</span></th>
                        <th scope="col">"Dilantik " <span class="en">"/ Inaugurated"</span></th>
                        <th scope="col">"SKP sebelum " <span class="en">"/ before"</span></th>
                        <th scope="col">"SKP sesudah " <span class="en">"/ after"</span></th>
                        <th scope="col">"Tren " <span class="en">"/ Trend"</span></th>
                        <th scope="col">"Rincian " <span class="en">"/ Details"</span></th>
                    </tr>
                </thead>
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
                <caption>"Indikator ABK per unit / ABK indicators per unit"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Unit"</th>
                        <th scope="col" class="num">"Masuk / keluar " <span class="en">"/ In / out"</span></th>
                        <th scope="col" class="num">"Kebutuhan " <span class="en">"/ Need"</span></th>
                        <th scope="col" class="num">"Bezetting " <span class="en">"/ Headcount"</span></th>
                        <th scope="col" class="num">"Kekurangan " <span class="en">"/ Shortage"</span></th>
                        <th scope="col" class="num">"Terisi " <span class="en">"/ Filled"</span></th>
                        <th scope="col">"Efektivitas (kelas) " <span class="en">"/ Effectiveness (class)"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
