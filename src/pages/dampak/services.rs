//! The service units' part of the evidence: "apakah pergantian kepala unit layanan membantu?"
//! Puskesmas and other service units whose head changed against units whose head did not, on
//! the satisfaction index, complaints or service time, from the same outcomes as the schools'
//! part. Everything shown is [`mutasi_core::evaluation::service_evidence`]'s: the answer, the
//! estimate with its interval, the comparison group, the pre-trend check, the naive
//! before/after (labelled) and one row per unit whose head changed.

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::evaluation::{service_evidence, Outcome, ServiceEvidence, ServiceRow};
use mutasi_core::model::{Indicator, OutcomeRecord};
use mutasi_core::Dataset;

use super::evidence::{points, pre_trend_text};
use crate::components::format::{date_in, num};
use crate::components::table::{cols, TableHead};
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};

/// The service indicators, in sheet order.
fn indicators() -> impl Iterator<Item = Indicator> {
    Indicator::ALL.into_iter().filter(|i| !i.is_school())
}

/// The section for the city `ds` and the outcomes shown (`None`: none yet).
#[component]
pub fn ServiceEvidenceSection(
    ds: Arc<Dataset>,
    outcomes: Signal<Option<Arc<Vec<OutcomeRecord>>>>,
) -> impl IntoView {
    let indicator = RwSignal::new(Indicator::Ikm);
    let evidence = Memo::new(move |_| {
        let o = outcomes.get()?;
        let i = indicator.get();
        if !o.iter().any(|x| x.indicator == i) {
            return None;
        }
        Some(
            service_evidence(&ds, &o, i, &ds.rules().evaluation)
                .map(Arc::new)
                .map_err(|e| e.to_string()),
        )
    });
    let options = indicators()
        .map(|i| {
            let name = i.name();
            view! {
                <option value=i.code() selected=move || indicator.get() == i>
                    {move || pick(&name)}
                </option>
            }
        })
        .collect_view();
    view! {
        <section id="layanan" class="evidence">
            <h3>{tr(|l| td_string!(l, dampak.layanan.title))}</h3>
            <p>{tr(|l| td_string!(l, dampak.layanan.intro))}</p>
            <label class="field">
                {tr(|l| td_string!(l, dampak.bukti.indicator))}
                <select
                    id="layanan-indicator"
                    on:change=move |ev| {
                        if let Ok(i) = event_target_value(&ev).parse::<Indicator>() {
                            indicator.set(i);
                        }
                    }
                >
                    {options}
                </select>
            </label>
            {move || match evidence.get() {
                None => {
                    view! {
                        <p id="layanan-none" class="note">
                            {tr(|l| td_string!(l, dampak.layanan.none))}
                        </p>
                    }
                        .into_any()
                }
                Some(Err(e)) => view! { <p id="layanan-error" class="error">{e}</p> }.into_any(),
                Some(Ok(ev)) => view! { <Answer ev=ev /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Answer(ev: Arc<ServiceEvidence>) -> impl IntoView {
    let i18n = use_i18n();
    let answer = ev.verdict.text();
    let verdict = ev.verdict.code();
    let estimate = match &ev.outcome {
        Outcome::Estimated(e) => {
            let o = e.overall;
            let (est, low, high) = (points(o.estimate), num(o.low, 2), num(o.high, 2));
            let level = num(e.confidence * 100.0, 0);
            let (treated, comparison) = (e.treated_units, e.comparison_units);
            let (first, last) = (
                ev.years.first().copied().unwrap_or_default(),
                ev.years.last().copied().unwrap_or_default(),
            );
            let pre = e.pre_trend;
            let pre_text = move || pre_trend_text(pre, i18n.get_locale());
            let naive = ev.naive.map(|n| {
                let value = points(n.mean_change);
                let units = n.units;
                view! {
                    <p id="layanan-naive" class="note naive">
                        {move || {
                            td_string!(i18n.get_locale(), dampak.layanan.naive, value = value.clone(), n = units)
                                .to_string()
                        }}
                    </p>
                }
            });
            Some(view! {
                <p id="layanan-estimate" class="estimate" data-value=o.estimate.to_string()>
                    {move || {
                        td_string!(i18n.get_locale(), dampak.layanan.estimate, value = est.clone())
                            .to_string()
                    }}
                </p>
                <p id="layanan-interval">
                    {move || {
                        td_string!(i18n.get_locale(), dampak.bukti.interval, level = level.clone(), low = low.clone(), high = high.clone())
                            .to_string()
                    }}
                </p>
                <p id="layanan-comparison" data-treated=treated.to_string()>
                    {move || {
                        td_string!(i18n.get_locale(), dampak.layanan.comparison, comparison, first, last, treated)
                            .to_string()
                    }}
                </p>
                <p id="layanan-pretrend">{pre_text}</p>
                {naive}
            })
        }
        Outcome::NotEnoughData { .. } => None,
    };
    view! {
        <p id="layanan-answer" class="answer" data-verdict=verdict>
            <strong>{tr(|l| td_string!(l, dampak.bukti.answer))} ": "</strong>
            {move || pick(&answer)}
        </p>
        {estimate}
        <Units rows=ev.changes.clone() />
    }
}

/// One row per unit whose head changed, with its indicator before and after.
#[component]
fn Units(rows: Vec<ServiceRow>) -> impl IntoView {
    let i18n = use_i18n();
    let value = |v: Option<f64>| v.map_or_else(|| "–".to_string(), |v| num(v, 2));
    let body = rows
        .into_iter()
        .map(|r| {
            let since = r.since;
            view! {
                <tr data-unit=r.unit.to_string()>
                    <th scope="row">{r.name}</th>
                    <td>{r.head.unwrap_or_else(|| "–".into())}</td>
                    <td>{move || since.map_or_else(|| "–".into(), |d| date_in(d, i18n.get_locale()))}</td>
                    <td class="num before">{value(r.before)}</td>
                    <td class="num after">{value(r.after)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table id="layanan-units" class="schools">
                <caption>{tr(|l| td_string!(l, dampak.layanan.units.caption))}</caption>
                <TableHead cols=cols![[dampak.layanan.units] unit, head, since, before = num, after = num] />
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
