//! The one answer of every Dampak question (schools, service units, people, and the people's
//! rater comparison): the plain answer and, when there is an estimate, its value, interval,
//! comparison group, pre-trend check, the event study (where the question draws it) and the
//! naive before/after labelled as having no comparison group. A question gives the prefix of
//! its element ids (`bukti`, `layanan`, …) and its own sentences ([`Words`]).

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::evaluation::{Evaluation, NaiveBeforeAfter, Outcome, PreTrend, Subject, Verdict};

use super::evidence::{points, pre_trend_text};
use crate::components::event_chart::{EventChart, EventPoint};
use crate::components::format::num;
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};

/// A sentence about an evaluation, in a locale.
pub type Sentence = Arc<dyn Fn(Locale, &Evaluation) -> String + Send + Sync>;

/// A question's own sentences.
#[derive(Clone)]
pub struct Words {
    /// "Perkiraan dampak: …" for the value shown ("+5,22").
    pub estimate: fn(Locale, String) -> String,
    /// The comparison group.
    pub comparison: Sentence,
    /// The naive before/after for its value shown and number of units shown.
    pub naive: fn(Locale, String, String) -> String,
    /// The event study's label, when the question draws it.
    pub chart: Option<fn(Locale) -> String>,
}

/// The answer to one question, its elements' ids starting with `prefix`.
#[component]
pub fn Answer(
    prefix: &'static str,
    outcome: Outcome,
    verdict: Verdict,
    naive: Option<NaiveBeforeAfter>,
    words: Words,
    /// What the compared units are (the people's questions compare employees).
    #[prop(optional)]
    subject: Subject,
) -> impl IntoView {
    let answer = verdict.text_about(subject);
    let estimate = outcome
        .evaluation()
        .map(|e| view! { <Estimate prefix e=e.clone() naive words /> });
    view! {
        <p id=format!("{prefix}-answer") class="answer" data-verdict=verdict.code()>
            <strong>{tr(|l| td_string!(l, dampak.bukti.answer))} ": "</strong>
            {move || pick(&answer)}
        </p>
        {estimate}
    }
}

#[component]
fn Estimate(
    prefix: &'static str,
    e: Evaluation,
    naive: Option<NaiveBeforeAfter>,
    words: Words,
) -> impl IntoView {
    let i18n = use_i18n();
    let o = e.overall;
    let level = num(e.confidence * 100.0, 0);
    let (est, low, high) = (points(o.estimate), num(o.low, 2), num(o.high, 2));
    let pre = e.pre_trend;
    let pre_key = match pre {
        PreTrend::Parallel { .. } => "Parallel",
        PreTrend::Diverging { .. } => "Diverging",
        PreTrend::Untestable => "Untestable",
    };
    let estimate_words = words.estimate;
    let comparison = {
        let (e, say) = (e.clone(), words.comparison.clone());
        move || say(i18n.get_locale(), &e)
    };
    let naive = naive.map(|n| {
        let (value, units) = (points(n.mean_change), num(n.units as f64, 0));
        let say = words.naive;
        view! {
            <p id=format!("{prefix}-naive") class="note naive">
                {move || say(i18n.get_locale(), value.clone(), units.clone())}
            </p>
        }
    });
    let chart = words.chart.map(|label| {
        let shown: Vec<EventPoint> = e
            .event_study
            .iter()
            .map(|p| EventPoint {
                event_time: p.event_time,
                estimate: p.estimate.estimate,
                low: p.estimate.low,
                high: p.estimate.high,
                base: p.base,
                shown: points(p.estimate.estimate),
            })
            .collect();
        view! {
            <figure class="chart">
                {move || view! { <EventChart label=label(i18n.get_locale()) points=shown.clone() /> }}
                <figcaption>{tr(|l| td_string!(l, dampak.bukti.chart_caption))}</figcaption>
            </figure>
        }
    });
    view! {
        <p id=format!("{prefix}-estimate") class="estimate" data-value=o.estimate.to_string()>
            {move || estimate_words(i18n.get_locale(), est.clone())}
        </p>
        <p id=format!("{prefix}-interval")>
            {move || {
                td_string!(i18n.get_locale(), dampak.bukti.interval, level = level.clone(), low = low.clone(), high = high.clone())
                    .to_string()
            }}
        </p>
        <p
            id=format!("{prefix}-comparison")
            data-treated=e.treated_units
            data-comparison=e.comparison_units
        >
            {comparison}
        </p>
        <p id=format!("{prefix}-pretrend") data-pretrend=pre_key>
            {move || pre_trend_text(pre, i18n.get_locale())}
        </p>
        {chart}
        {naive}
    }
}
