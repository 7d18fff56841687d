//! The people's part of the evidence: "apakah pegawai yang dimutasi bekerja lebih baik?"
//! Employees moved within the observed SKP years against employees due for rotation who stayed,
//! on their SKP scores. Everything shown is [`mutasi_core::evaluation::people_evidence`]'s: the
//! answer, the estimate with its interval, the comparison group, the pre-trend check and the
//! naive before/after (labelled). No list of people: the figures are about groups.

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::evaluation::{people_evidence, Outcome, PeopleEvidence};
use mutasi_core::Dataset;

use super::evidence::{points, pre_trend_text};
use crate::components::format::num;
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};

/// The section for the city `ds`.
#[component]
pub fn PeopleEvidenceSection(ds: Arc<Dataset>) -> impl IntoView {
    let evidence = people_evidence(&ds, ds.rules()).map(Arc::new);
    view! {
        <section id="pegawai-bukti" class="evidence">
            <h3>{tr(|l| td_string!(l, dampak.pegawai.title))}</h3>
            <p>{tr(|l| td_string!(l, dampak.pegawai.intro))}</p>
            {match evidence {
                Ok(ev) => view! { <Answer ev=ev /> }.into_any(),
                Err(e) => {
                    view! { <p id="pegawai-error" class="error">{e.to_string()}</p> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn Answer(ev: Arc<PeopleEvidence>) -> impl IntoView {
    let i18n = use_i18n();
    let answer = ev.verdict.text();
    let estimate = match &ev.outcome {
        Outcome::Estimated(e) => {
            let o = e.overall;
            let (est, low, high) = (points(o.estimate), num(o.low, 2), num(o.high, 2));
            let level = num(e.confidence * 100.0, 0);
            let (moved, due) = (
                num(e.treated_units as f64, 0),
                num(e.comparison_units as f64, 0),
            );
            let (first, last) = (
                ev.years.first().copied().unwrap_or_default(),
                ev.years.last().copied().unwrap_or_default(),
            );
            let pre = e.pre_trend;
            let pre_text = move || pre_trend_text(pre, i18n.get_locale());
            let naive = ev.naive.map(|n| {
                let value = points(n.mean_change);
                let people = num(n.units as f64, 0);
                view! {
                    <p id="pegawai-naive" class="note naive">
                        {move || {
                            td_string!(i18n.get_locale(), dampak.pegawai.naive, value = value.clone(), n = people.clone())
                                .to_string()
                        }}
                    </p>
                }
            });
            Some(view! {
                <p id="pegawai-estimate" class="estimate" data-value=o.estimate.to_string()>
                    {move || {
                        td_string!(i18n.get_locale(), dampak.pegawai.estimate, value = est.clone())
                            .to_string()
                    }}
                </p>
                <p id="pegawai-interval">
                    {move || {
                        td_string!(i18n.get_locale(), dampak.bukti.interval, level = level.clone(), low = low.clone(), high = high.clone())
                            .to_string()
                    }}
                </p>
                <p id="pegawai-comparison">
                    {move || {
                        td_string!(i18n.get_locale(), dampak.pegawai.comparison, due = due.clone(), moved = moved.clone(), first, last)
                            .to_string()
                    }}
                </p>
                <p id="pegawai-pretrend">{pre_text}</p>
                {naive}
            })
        }
        Outcome::NotEnoughData { .. } => None,
    };
    view! {
        <p id="pegawai-answer" class="answer">
            <strong>{tr(|l| td_string!(l, dampak.bukti.answer))} ": "</strong>
            {move || pick(&answer)}
        </p>
        {estimate}
    }
}
