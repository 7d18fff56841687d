//! The people's part of the evidence: "apakah pegawai yang dimutasi bekerja lebih baik?"
//! Employees moved within the observed SKP years against employees due for rotation who stayed,
//! on their SKP scores. Everything shown is [`mutasi_core::evaluation::people_evidence`]'s: the
//! answer, the estimate with its interval, the comparison group, the pre-trend check and the
//! naive before/after (labelled). No list of people: the figures are about groups.

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::evaluation::panel::span;
use mutasi_core::evaluation::{people_evidence, PeopleEvidence, Subject};
use mutasi_core::Dataset;

use super::answer::{Answer, Words};
use crate::components::format::num;
use crate::i18n::*;
use crate::lang::tr;

/// The section for the city `ds`.
#[component]
pub fn PeopleEvidenceSection(ds: Arc<Dataset>) -> impl IntoView {
    let evidence = people_evidence(&ds, ds.rules()).map(Arc::new);
    view! {
        <section id="pegawai-bukti" class="evidence">
            <h3>{tr(|l| td_string!(l, dampak.pegawai.title))}</h3>
            <p>{tr(|l| td_string!(l, dampak.pegawai.intro))}</p>
            {match evidence {
                Ok(ev) => view! { <PeopleAnswer ev=ev /> }.into_any(),
                Err(e) => {
                    view! { <p id="pegawai-error" class="error">{e.to_string()}</p> }.into_any()
                }
            }}
        </section>
    }
}

/// "Perkiraan dampak: … poin SKP", the people's estimate.
fn estimate_words(l: Locale, value: String) -> String {
    td_string!(l, dampak.pegawai.estimate, value).to_string()
}

#[component]
fn PeopleAnswer(ev: Arc<PeopleEvidence>) -> impl IntoView {
    let (first, last) = span(&ev.years);
    let words = Words {
        estimate: estimate_words,
        comparison: Arc::new(move |l, e| {
            let (due, moved) = (
                num(e.comparison_units as f64, 0),
                num(e.treated_units as f64, 0),
            );
            td_string!(l, dampak.pegawai.comparison, due, moved, first, last).to_string()
        }),
        naive: |l, value, n| td_string!(l, dampak.pegawai.naive, value, n).to_string(),
        chart: None,
    };
    let rater_words = Words {
        estimate: estimate_words,
        comparison: Arc::new(move |l, e| {
            let (changed, moved) = (
                num(e.comparison_units as f64, 0),
                num(e.treated_units as f64, 0),
            );
            td_string!(
                l,
                dampak.pegawai.rater_comparison,
                changed,
                moved,
                first,
                last
            )
            .to_string()
        }),
        naive: |l, value, n| td_string!(l, dampak.pegawai.naive, value, n).to_string(),
        chart: None,
    };
    view! {
        <Answer
            prefix="pegawai"
            outcome=ev.outcome.clone()
            verdict=ev.verdict
            naive=ev.naive
            words
            subject=Subject::People
        />
        <section id="pegawai-penilai" class="evidence">
            <h4>{tr(|l| td_string!(l, dampak.pegawai.rater_title))}</h4>
            <p>{tr(|l| td_string!(l, dampak.pegawai.rater_intro))}</p>
            <Answer
                prefix="pegawai-penilai"
                outcome=ev.rater.outcome.clone()
                verdict=ev.rater.verdict
                naive=None
                words=rater_words
                subject=Subject::People
            />
        </section>
    }
}
