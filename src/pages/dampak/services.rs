//! The service units' part of the evidence: "apakah pergantian kepala unit layanan membantu?"
//! Puskesmas and other service units whose head changed against units whose head did not, on
//! the satisfaction index, complaints or service time, from the same outcomes as the schools'
//! part. Everything shown is [`mutasi_core::evaluation::service_evidence`]'s: the answer, the
//! estimate with its interval, the comparison group, the pre-trend check, the naive
//! before/after (labelled) and one row per unit whose head changed.

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::evaluation::panel::span;
use mutasi_core::evaluation::{
    service_evidence, service_staff_evidence, ServiceEvidence, ServiceRow, StaffEvidence, Treatment,
};
use mutasi_core::model::{Indicator, OutcomeRecord};
use mutasi_core::Dataset;

use super::answer::{Answer, Words};
use super::staff::{by_treatment, Noun, StaffAnswer, StaffRule, TreatmentChoice};
use crate::components::format::{date_in, num};
use crate::components::table::{cols, TableHead};
use crate::i18n::*;
use crate::lang::{pick, tr, tr_attr, use_i18n};

/// The service units' answer under the treatment chosen.
#[derive(Debug, Clone, PartialEq)]
enum Shown {
    /// A new head.
    Head(Arc<ServiceEvidence>),
    /// New staff.
    Staff(Arc<StaffEvidence>),
}

/// "Perkiraan dampak: …", the service units' estimate.
fn estimate_words(l: Locale, value: String) -> String {
    td_string!(l, dampak.layanan.estimate, value).to_string()
}

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
    let treatment = RwSignal::new(Treatment::NewHead);
    let share = ds.rules().evaluation.new_staff_share;
    let evidence = Memo::new(move |_| {
        let o = outcomes.get()?;
        let i = indicator.get();
        if !o.iter().any(|x| x.indicator == i) {
            return None;
        }
        let rules = &ds.rules().evaluation;
        let ev = match treatment.get() {
            Treatment::NewHead => {
                service_evidence(&ds, &o, i, rules).map(|e| Shown::Head(Arc::new(e)))
            }
            Treatment::NewStaff => {
                service_staff_evidence(&ds, &o, i, rules).map(|e| Shown::Staff(Arc::new(e)))
            }
        };
        Some(ev.map_err(|e| e.to_string()))
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
            <h3>
                {by_treatment(
                    treatment,
                    tr_attr(|l| td_string!(l, dampak.layanan.title)),
                    tr_attr(|l| td_string!(l, dampak.layanan.title_staff)),
                )}
            </h3>
            <p>
                {by_treatment(
                    treatment,
                    tr_attr(|l| td_string!(l, dampak.layanan.intro)),
                    tr_attr(|l| td_string!(l, dampak.layanan.intro_staff)),
                )}
            </p>
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
            <TreatmentChoice id="layanan-treatment" treatment />
            {move || {
                (treatment.get() == Treatment::NewStaff)
                    .then(|| view! { <StaffRule id="layanan-staff-rule".to_string() noun=Noun::Units share /> })
            }}
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
                Some(Ok(Shown::Head(ev))) => view! { <HeadAnswer ev=ev /> }.into_any(),
                Some(Ok(Shown::Staff(ev))) => {
                    view! { <StaffAnswer prefix="layanan" ev noun=Noun::Units share estimate=estimate_words /> }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn HeadAnswer(ev: Arc<ServiceEvidence>) -> impl IntoView {
    let (first, last) = span(&ev.years);
    let words = Words {
        estimate: estimate_words,
        comparison: Arc::new(move |l, e| {
            let (comparison, treated) = (e.comparison_units, e.treated_units);
            td_string!(
                l,
                dampak.layanan.comparison,
                comparison,
                first,
                last,
                treated
            )
            .to_string()
        }),
        naive: |l, value, n| td_string!(l, dampak.layanan.naive, value, n).to_string(),
        chart: None,
    };
    view! {
        <Answer
            prefix="layanan"
            outcome=ev.outcome.clone()
            verdict=ev.verdict
            naive=ev.naive
            words
        />
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
