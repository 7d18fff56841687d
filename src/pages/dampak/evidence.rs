//! The evidence section of Dampak: "apakah mutasi kepala sekolah membantu?" answered with a
//! comparison group. Schools whose principal changed to one with a strong educational background
//! against schools whose principal did not change, before and after, from the schools' outcomes
//! (the workbook's `capaian` sheet, loaded on the server and synced to the device as records of
//! kind `outcome`; a file may also be chosen on the page as a preview, which is not stored).
//! Everything shown is
//! [`mutasi_core::evaluation::school_evidence`]'s: the answer, the estimate and its interval,
//! the comparison group, the pre-trend check, the event study, the naive before/after (only
//! next to the estimate, labelled as having no comparison group) and one row per change.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::evaluation::panel::span;
use mutasi_core::evaluation::{
    school_evidence, school_staff_evidence, Evaluation, PreTrend, SchoolEvidence, SchoolRole,
    SchoolRow, StaffEvidence, Treatment,
};
use mutasi_core::io::workbook::{self, WorkbookError};
use mutasi_core::model::{Indicator, OutcomeRecord};
use mutasi_core::rules::ComparisonGroup;
use mutasi_core::Dataset;
use wasm_bindgen::JsCast;

use crate::components::format::{date_in, num};
use crate::components::table::{cols, TableHead};
use crate::i18n::*;
use crate::lang::{pick, tr, tr_attr, use_i18n};
use crate::pages::dampak::answer::{Answer, Words};
use crate::pages::dampak::services::ServiceEvidenceSection;
use crate::pages::dampak::staff::{by_treatment, Noun, StaffAnswer, StaffRule, TreatmentChoice};
use crate::pages::data::load::read_files;
use crate::state::data::use_city_data;

/// The pre-trend check in words, in `l` (the schools', services' and people's answers say it
/// alike).
pub fn pre_trend_text(pre: PreTrend, l: Locale) -> String {
    match pre {
        PreTrend::Parallel { p_value, periods } => {
            td_string!(l, dampak.bukti.pre_parallel, periods, p = num(p_value, 3)).to_string()
        }
        PreTrend::Diverging { p_value, worst } => td_string!(
            l,
            dampak.bukti.pre_diverging,
            // The chart's event times, with a true minus sign ("−2", as the figures write it).
            e = worst.to_string().replace('-', "−"),
            p = num(p_value, 3)
        )
        .to_string(),
        PreTrend::Untestable => td_string!(l, dampak.bukti.pre_untestable).to_string(),
    }
}

/// Points of an indicator with their sign: "+5,94", "−1,2", "0".
pub fn points(v: f64) -> String {
    let s = num(v, 2);
    if v > 0.0 && s != "0" {
        format!("+{s}")
    } else {
        s
    }
}

/// The outcomes stored on the device: `None` while reading, or what reading them gave.
pub type StoredOutcomes = Option<Result<Arc<Vec<OutcomeRecord>>, String>>;

/// The schools' answer under the treatment chosen.
#[derive(Debug, Clone, PartialEq)]
enum Shown {
    /// A new principal with a strong background.
    Head(Arc<SchoolEvidence>),
    /// New staff.
    Staff(Arc<StaffEvidence>),
}

/// Where the outcomes shown come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// Synced from the server (the device's store).
    Stored,
    /// A file chosen on the page: a preview, not stored.
    File,
}

/// The evidence section for the city `ds`: from the outcomes `chosen` in a file (a preview)
/// when there is one, otherwise from those `stored` on the device.
#[component]
pub fn Evidence(
    ds: Arc<Dataset>,
    stored: RwSignal<StoredOutcomes>,
    chosen: RwSignal<Option<Arc<Vec<OutcomeRecord>>>>,
) -> impl IntoView {
    let data = use_city_data();
    let indicator = RwSignal::new(Indicator::Literasi);
    let problems = RwSignal::new(Vec::<WorkbookError>::new());
    let for_memo = ds.clone();
    let services_ds = ds.clone();
    let shown = Memo::new(move |_| match chosen.get() {
        Some(o) => Some((Source::File, o)),
        None => match stored.get() {
            Some(Ok(o)) if !o.is_empty() => Some((Source::Stored, o)),
            _ => None,
        },
    });
    let treatment = RwSignal::new(Treatment::NewHead);
    let share = ds.rules().evaluation.new_staff_share;
    let evidence = Memo::new(move |_| {
        let (_, o) = shown.get()?;
        let rules = &for_memo.rules().evaluation;
        let ev = match treatment.get() {
            Treatment::NewHead => school_evidence(&for_memo, &o, indicator.get(), rules)
                .map(|e| Shown::Head(Arc::new(e))),
            Treatment::NewStaff => school_staff_evidence(&for_memo, &o, indicator.get(), rules)
                .map(|e| Shown::Staff(Arc::new(e))),
        };
        Some(ev.map_err(|e| e.to_string()))
    });
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let ds = ds.clone();
        let today = data.today.get_untracked();
        spawn_local(async move {
            let files = match read_files(&input).await {
                Ok(f) => f,
                Err(e) => {
                    problems.set(vec![WorkbookError::new(
                        "",
                        0,
                        "",
                        "",
                        mutasi_core::text::Text::same(e),
                    )]);
                    return;
                }
            };
            match workbook::read(&files, Some(ds.parts()), today) {
                Ok(loaded) => {
                    problems.set(Vec::new());
                    chosen.set(loaded.outcomes.map(Arc::new));
                }
                Err(errs) => problems.set(errs),
            }
        });
    };
    let options = Indicator::ALL
        .into_iter()
        .filter(|i| i.is_school())
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
        <section id="bukti" class="evidence">
            <h3>
                {by_treatment(
                    treatment,
                    tr_attr(|l| td_string!(l, dampak.bukti.title)),
                    tr_attr(|l| td_string!(l, dampak.bukti.title_staff)),
                )}
            </h3>
            <p>
                {by_treatment(
                    treatment,
                    tr_attr(|l| td_string!(l, dampak.bukti.intro)),
                    tr_attr(|l| td_string!(l, dampak.bukti.intro_staff)),
                )}
            </p>
            {move || {
                shown
                    .get()
                    .map(|(source, o)| {
                        let n = num(o.len() as f64, 0);
                        let i18n = use_i18n();
                        let (key, text) = match source {
                            Source::Stored => (
                                "stored",
                                Signal::derive({
                                    let n = n.clone();
                                    move || {
                                        td_string!(
                                            i18n.get_locale(), dampak.bukti.source_stored, n = n.clone()
                                        )
                                        .to_string()
                                    }
                                }),
                            ),
                            Source::File => (
                                "file",
                                Signal::derive(move || {
                                    td_string!(
                                        i18n.get_locale(), dampak.bukti.source_file, n = n.clone()
                                    )
                                    .to_string()
                                }),
                            ),
                        };
                        let back = (source == Source::File
                            && stored.with(|s| matches!(s, Some(Ok(o)) if !o.is_empty())))
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    id="bukti-use-stored"
                                    on:click=move |_| chosen.set(None)
                                >
                                    {tr(|l| td_string!(l, dampak.bukti.use_stored))}
                                </button>
                            }
                        });
                        view! {
                            <p id="bukti-source" class="note" data-source=key>
                                {text}
                                " "
                                {back}
                            </p>
                        }
                    })
            }}
            {move || {
                stored
                    .get()
                    .and_then(Result::err)
                    .map(|e| view! { <p id="bukti-store-error" class="error">{e}</p> })
            }}
            <label class="field">
                {tr(|l| td_string!(l, dampak.bukti.file_label))}
                <input id="bukti-file" type="file" accept=".csv,.xlsx" multiple on:change=on_file />
            </label>
            <p class="note">{tr(|l| td_string!(l, dampak.bukti.file_note))}</p>
            {move || {
                let list = problems.get();
                (!list.is_empty())
                    .then(|| {
                        view! {
                            <div id="bukti-problems" class="error" role="alert">
                                <p>{tr(|l| td_string!(l, dampak.bukti.problems))}</p>
                                <ul>
                                    {list
                                        .into_iter()
                                        .take(50)
                                        .map(|e| view! { <li>{e.to_string()}</li> })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
            <label class="field">
                {tr(|l| td_string!(l, dampak.bukti.indicator))}
                <select
                    id="bukti-indicator"
                    on:change=move |ev| {
                        if let Ok(i) = event_target_value(&ev).parse::<Indicator>() {
                            indicator.set(i);
                        }
                    }
                >
                    {options}
                </select>
            </label>
            <TreatmentChoice id="bukti-treatment" treatment />
            {move || {
                (treatment.get() == Treatment::NewStaff)
                    .then(|| view! { <StaffRule id="bukti-staff-rule".to_string() noun=Noun::Schools share /> })
            }}
            {move || match evidence.get() {
                None => {
                    view! { <p id="bukti-none" class="note">{tr(|l| td_string!(l, dampak.bukti.no_file))}</p> }
                        .into_any()
                }
                Some(Err(e)) => view! { <p id="bukti-error" class="error">{e}</p> }.into_any(),
                Some(Ok(Shown::Head(ev))) => view! { <Report ev=ev /> }.into_any(),
                Some(Ok(Shown::Staff(ev))) => {
                    view! { <StaffAnswer prefix="bukti" ev noun=Noun::Schools share estimate=estimate_words /> }
                        .into_any()
                }
            }}
        </section>
        <ServiceEvidenceSection ds=services_ds outcomes=Signal::derive(move || shown.get().map(|(_, o)| o)) />
    }
}

/// "Perkiraan dampak: … poin", the schools' estimate.
fn estimate_words(l: Locale, value: String) -> String {
    td_string!(l, dampak.bukti.estimate, value).to_string()
}

/// The schools' comparison group under a new principal.
fn comparison_words(l: Locale, e: &Evaluation, first: i32, last: i32) -> String {
    let (comparison, treated) = (e.comparison_units, e.treated_units);
    match e.comparison {
        ComparisonGroup::NeverTreated => {
            td_string!(l, dampak.bukti.comparison, comparison, first, last, treated).to_string()
        }
        ComparisonGroup::NotYetTreated => {
            td_string!(l, dampak.bukti.comparison_not_yet, comparison, treated).to_string()
        }
    }
}

#[component]
fn Report(ev: Arc<SchoolEvidence>) -> impl IntoView {
    let (first, last) = span(&ev.years);
    let words = Words {
        estimate: estimate_words,
        comparison: Arc::new(move |l, e| comparison_words(l, e, first, last)),
        naive: |l, value, n| td_string!(l, dampak.bukti.naive, value, n).to_string(),
        chart: Some(|l| td_string!(l, dampak.bukti.chart_label).to_string()),
    };
    view! {
        <Answer
            prefix="bukti"
            outcome=ev.outcome.clone()
            verdict=ev.verdict
            naive=ev.naive
            words
        />
        <Changes rows=ev.changes.clone() />
    }
}

#[component]
fn Changes(rows: Vec<SchoolRow>) -> impl IntoView {
    let i18n = use_i18n();
    let value = |v: Option<f64>| v.map_or_else(|| "–".to_string(), |v| num(v, 2));
    let body = rows
        .into_iter()
        .map(|r| {
            let role = r.role;
            let strong = r.strong;
            let since = r.since;
            view! {
                <tr data-school=r.school.to_string() data-role=format!("{:?}", r.role)>
                    <th scope="row">{r.name}</th>
                    <td>{r.principal.unwrap_or_else(|| "–".into())}</td>
                    <td>{move || since.map_or_else(|| "–".into(), |d| date_in(d, i18n.get_locale()))}</td>
                    <td class="strong">
                        {move || {
                            let l = i18n.get_locale();
                            if strong { td_string!(l, dampak.bukti.yes) } else { td_string!(l, dampak.bukti.no) }
                        }}
                    </td>
                    <td class="role">
                        {move || {
                            let l = i18n.get_locale();
                            match role {
                                SchoolRole::Treated => td_string!(l, dampak.bukti.role.treated),
                                SchoolRole::Comparison => td_string!(l, dampak.bukti.role.comparison),
                                SchoolRole::OtherChange => td_string!(l, dampak.bukti.role.other),
                                SchoolRole::NoDefinitive => td_string!(l, dampak.bukti.role.none),
                            }
                        }}
                    </td>
                    <td class="num before">{value(r.before)}</td>
                    <td class="num after">{value(r.after)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table id="bukti-schools" class="schools">
                <caption>{tr(|l| td_string!(l, dampak.bukti.schools.caption))}</caption>
                <TableHead cols=cols![[dampak.bukti.schools] school, principal, since, strong, role, before = num, after = num] />
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
