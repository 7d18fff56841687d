//! The one verdict of a move ([`mutasi_core::eligibility::Summary`]) as every screen shows it:
//! Karier Saya's options, the employee's request form, Kandidat and the plan's moves. The word
//! ("Boleh", "Boleh dengan alasan tertulis", "Belum boleh"), what is still needed with the date
//! it is met, and the warnings.

use leptos::prelude::*;
use mutasi_core::eligibility::{Standing, Summary};

use crate::components::format::date_shown;
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};

/// The verdict's word, with its class `standing standing-<token>`.
#[component]
pub fn StandingWord(standing: Standing) -> impl IntoView {
    let label = standing.label();
    view! {
        <span class=format!("standing standing-{}", standing.token())>{move || pick(&label)}</span>
    }
}

/// The verdict: its word, what is still needed (and by when), the warnings.
#[component]
pub fn VerdictSummary(summary: Summary) -> impl IntoView {
    let i18n = use_i18n();
    let Summary {
        standing,
        needs,
        warnings,
        allowed_from,
    } = summary;
    let needs = (!needs.is_empty()).then(|| {
        let items = needs
            .into_iter()
            .map(|n| {
                let text = n.text();
                let class = if n.hard { "need hard" } else { "need soft" };
                view! { <li class=class>{move || pick(&text)}</li> }
            })
            .collect_view();
        view! {
            <p class="needs-h">{tr(|l| td_string!(l, common.verdict.needs))}</p>
            <ul class="needs">{items}</ul>
        }
    });
    let note = (standing == Standing::NeedsReason).then(
        || view! { <p class="reason-note">{tr(|l| td_string!(l, common.verdict.reason_note))}</p> },
    );
    let from = allowed_from.map(|d| {
        let date = date_shown(d);
        view! {
            <p class="allowed-from">
                {move || td_string!(i18n.get_locale(), common.verdict.allowed_from, date = &date).to_string()}
            </p>
        }
    });
    let warnings = (!warnings.is_empty()).then(|| {
        let items = warnings
            .into_iter()
            .map(|t| view! { <li class="warning">"⚠ " {move || pick(&t)}</li> })
            .collect_view();
        view! {
            <p class="warnings-h">{tr(|l| td_string!(l, common.verdict.warnings))}</p>
            <ul class="warnings">{items}</ul>
        }
    });
    view! {
        <div class=format!("verdict verdict-{}", standing.token())>
            <StandingWord standing />
            {needs}
            {from}
            {note}
            {warnings}
        </div>
    }
}
