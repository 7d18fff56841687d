//! The treatment choice of the schools' and service units' questions: "Kepala baru" (a new
//! head) or "Staf baru" (new staff, [`mutasi_core::evaluation::staff`]). The choice, the rule in
//! words, the new-staff answer's sentences and its table of units with new staff.

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::evaluation::panel::span;
use mutasi_core::evaluation::{Evaluation, StaffEvidence, StaffRow, Treatment};
use mutasi_core::rules::ComparisonGroup;

use super::answer::{Answer, Words};
use crate::components::format::num;
use crate::components::table::{cols, TableHead};
use crate::i18n::*;
use crate::lang::{tr, use_i18n};

/// The text of `head` or of `staff`, as the question's treatment is chosen (its title, its
/// introduction).
pub fn by_treatment(
    treatment: RwSignal<Treatment>,
    head: impl Fn() -> &'static str + Send + Sync + 'static,
    staff: impl Fn() -> &'static str + Send + Sync + 'static,
) -> impl Fn() -> &'static str + Send + Sync + 'static {
    move || match treatment.get() {
        Treatment::NewHead => head(),
        Treatment::NewStaff => staff(),
    }
}

/// The units a question is about, for its sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    /// "sekolah".
    Schools,
    /// "unit".
    Units,
}

impl Noun {
    fn word(self, l: Locale) -> &'static str {
        match self {
            Noun::Schools => td_string!(l, dampak.staf.schools),
            Noun::Units => td_string!(l, dampak.staf.units),
        }
    }
}

/// A share as a whole percentage ("25").
fn percent(share: f64) -> String {
    num(share * 100.0, 0)
}

/// The choice between a new head and new staff, as a select with id `id`.
#[component]
pub fn TreatmentChoice(id: &'static str, treatment: RwSignal<Treatment>) -> impl IntoView {
    view! {
        <label class="field">
            {tr(|l| td_string!(l, dampak.staf.choice))}
            <select
                id=id
                on:change=move |ev| {
                    treatment.set(match event_target_value(&ev).as_str() {
                        "staff" => Treatment::NewStaff,
                        _ => Treatment::NewHead,
                    })
                }
            >
                <option value="head" selected=move || treatment.get() == Treatment::NewHead>
                    {tr(|l| td_string!(l, dampak.staf.head))}
                </option>
                <option value="staff" selected=move || treatment.get() == Treatment::NewStaff>
                    {tr(|l| td_string!(l, dampak.staf.staff))}
                </option>
            </select>
        </label>
    }
}

/// The new-staff rule in words, for `noun` at `share`.
#[component]
pub fn StaffRule(id: String, noun: Noun, share: f64) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p id=id class="note">
            {move || {
                let l = i18n.get_locale();
                td_string!(l, dampak.staf.rule, noun = noun.word(l), share = percent(share)).to_string()
            }}
        </p>
    }
}

/// The new-staff answer of a question (ids starting with `prefix`) and its table of units.
#[component]
pub fn StaffAnswer(
    prefix: &'static str,
    ev: Arc<StaffEvidence>,
    noun: Noun,
    share: f64,
    estimate: fn(Locale, String) -> String,
) -> impl IntoView {
    let words = staff_words(&ev, noun, share, estimate);
    view! {
        <Answer
            prefix
            outcome=ev.outcome.clone()
            verdict=ev.verdict
            naive=ev.naive
            words
        />
        <StaffUnits id=format!("{prefix}-staff-units") rows=ev.changes.clone() />
    }
}

/// The new-staff answer's sentences for `noun` (`estimate`: the question's own "Perkiraan
/// dampak" sentence).
fn staff_words(
    ev: &StaffEvidence,
    noun: Noun,
    share: f64,
    estimate: fn(Locale, String) -> String,
) -> Words {
    let (first, last) = span(&ev.years);
    let comparison = move |l: Locale, e: &Evaluation| {
        let (comparison, treated, noun) = (e.comparison_units, e.treated_units, noun.word(l));
        match e.comparison {
            ComparisonGroup::NeverTreated => {
                let share = percent(share);
                td_string!(
                    l,
                    dampak.staf.comparison,
                    comparison,
                    noun,
                    share,
                    first,
                    last,
                    treated
                )
                .to_string()
            }
            ComparisonGroup::NotYetTreated => {
                td_string!(l, dampak.staf.comparison_not_yet, comparison, noun, treated).to_string()
            }
        }
    };
    let naive: fn(Locale, String, String) -> String = match noun {
        Noun::Schools => |l, value, n| {
            td_string!(l, dampak.staf.naive, value, n, noun = Noun::Schools.word(l)).to_string()
        },
        Noun::Units => |l, value, n| {
            td_string!(l, dampak.staf.naive, value, n, noun = Noun::Units.word(l)).to_string()
        },
    };
    Words {
        estimate,
        comparison: Arc::new(comparison),
        naive,
        chart: Some(|l| td_string!(l, dampak.staf.chart_label).to_string()),
    }
}

/// One row per unit with new staff, with its indicator before and after; table id `id`.
#[component]
fn StaffUnits(id: String, rows: Vec<StaffRow>) -> impl IntoView {
    let value = |v: Option<f64>| v.map_or_else(|| "–".to_string(), |v| num(v, 2));
    let body = rows
        .into_iter()
        .map(|r| {
            view! {
                <tr data-unit=r.unit.to_string()>
                    <th scope="row">{r.name}</th>
                    <td class="num">{r.staff}</td>
                    <td>{r.year}</td>
                    <td class="num">{format!("{}%", percent(r.share))}</td>
                    <td class="num before">{value(r.before)}</td>
                    <td class="num after">{value(r.after)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table id=id class="schools">
                <caption>{tr(|l| td_string!(l, dampak.staf.table.caption))}</caption>
                <TableHead cols=cols![[dampak.staf.table] unit, staff = num, year, share = num, before = num, after = num] />
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
