//! The run form: scope (the city, a kind of unit, a principals' rotation, an OPD), effective
//! date (TMT), move limit; run, cancel and progress.

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::model::UnitKind;
use mutasi_core::plan::Scope;
use mutasi_core::Dataset;

use mutasi_core::plan::Stage;

use crate::components::format::{date_shown, num};
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};
use crate::planner::protocol::Step;
use crate::planner::runner::RunState;
use crate::planner::state::use_planner;

/// A label in the language given.
pub type Label = fn(Locale) -> &'static str;

/// Unit kinds a plan can cover as a whole, with their labels.
pub const KIND_SCOPES: [(UnitKind, Label); 5] = [
    (UnitKind::SdNegeri, |l| {
        td_string!(l, rencana.form.kinds.sd_negeri)
    }),
    (UnitKind::SmpNegeri, |l| {
        td_string!(l, rencana.form.kinds.smp_negeri)
    }),
    (UnitKind::Puskesmas, |l| {
        td_string!(l, rencana.form.kinds.puskesmas)
    }),
    (UnitKind::Kelurahan, |l| {
        td_string!(l, rencana.form.kinds.kelurahan)
    }),
    (UnitKind::Kecamatan, |l| {
        td_string!(l, rencana.form.kinds.kecamatan)
    }),
];

/// Principals' rotations (the principals' posts and the teachers who may become principals),
/// with their labels.
pub const PRINCIPAL_SCOPES: [(Option<UnitKind>, Label); 3] = [
    (Some(UnitKind::SdNegeri), |l| {
        td_string!(l, rencana.form.principals.sd_negeri)
    }),
    (Some(UnitKind::SmpNegeri), |l| {
        td_string!(l, rencana.form.principals.smp_negeri)
    }),
    (None, |l| td_string!(l, rencana.form.principals.all)),
];

/// The name of a unit kind as `Scope::parse` reads it (`SdNegeri`).
fn kind_name(k: &UnitKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// What a step of the run does, in `locale`.
pub fn step_name(step: Step, locale: Locale) -> &'static str {
    match step {
        Step::Starting => td_string!(locale, rencana.progress.steps.starting),
        Step::Loading => td_string!(locale, rencana.progress.steps.loading),
        Step::Plan(Stage::Candidates) => td_string!(locale, rencana.progress.steps.candidates),
        Step::Plan(Stage::Solving) => td_string!(locale, rencana.progress.steps.solving),
        Step::Plan(Stage::Report) => td_string!(locale, rencana.progress.steps.report),
    }
}

/// The `<select>` value of a scope (the CLI form `Scope::parse` reads).
pub fn scope_value(s: &Scope) -> String {
    match s {
        Scope::City => "city".into(),
        Scope::Unit { unit } => format!("unit:{unit}"),
        Scope::UnitKind { unit_kind } => format!("kind:{}", kind_name(unit_kind)),
        Scope::Principals { unit_kind: None } => "principals".into(),
        Scope::Principals { unit_kind: Some(k) } => format!("principals:{}", kind_name(k)),
    }
}

#[component]
pub fn PlanForm(ds: Arc<Dataset>) -> impl IntoView {
    let planner = use_planner();
    let c = planner.constraints;
    let runner = planner.runner;
    let i18n = use_i18n();
    let mut opds: Vec<(String, String)> = ds
        .units()
        .iter()
        .filter(|u| u.kind == UnitKind::Opd)
        .map(|u| (format!("unit:{}", u.id), u.name.clone()))
        .collect();
    opds.sort_by(|a, b| a.1.cmp(&b.1));
    let on_scope = move |ev| {
        if let Ok(s) = Scope::parse(&event_target_value(&ev)) {
            c.update(|c| c.scope = s);
        }
    };
    let on_date = move |ev| {
        if let Ok(d) = chrono::NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d") {
            c.update(|c| c.date = d);
        }
    };
    let on_max = move |ev| {
        let v = event_target_value(&ev);
        c.update(|c| c.max_moves = v.trim().parse().ok().filter(|n: &u32| *n > 0));
    };
    let running = move || runner.is_running();
    view! {
        <form
            class="plan-form"
            on:submit=move |ev| {
                ev.prevent_default();
                planner.run();
            }
        >
            <label class="scope">
                {tr(|l| td_string!(l, rencana.form.scope))}
                " "
                <select
                    id="plan-scope"
                    prop:value=move || scope_value(&c.get().scope)
                    on:change=on_scope
                >
                    <option value="city">{tr(|l| td_string!(l, rencana.form.city))}</option>
                    <optgroup label=move || td_string!(i18n.get_locale(), rencana.form.kind_group)>
                        {KIND_SCOPES
                            .iter()
                            .map(|&(k, label)| {
                                let v = scope_value(&Scope::UnitKind { unit_kind: k });
                                view! { <option value=v>{move || label(i18n.get_locale())}</option> }
                            })
                            .collect_view()}
                    </optgroup>
                    <optgroup label=move || td_string!(i18n.get_locale(), rencana.form.principals_group)>
                        {PRINCIPAL_SCOPES
                            .iter()
                            .map(|&(k, label)| {
                                let v = scope_value(&Scope::Principals { unit_kind: k });
                                view! { <option value=v>{move || label(i18n.get_locale())}</option> }
                            })
                            .collect_view()}
                    </optgroup>
                    <optgroup label=move || td_string!(i18n.get_locale(), rencana.form.opd_group)>
                        {opds
                            .into_iter()
                            .map(|(v, name)| view! { <option value=v>{name}</option> })
                            .collect_view()}
                    </optgroup>
                </select>
            </label>
            <label>
                {tr(|l| td_string!(l, rencana.form.date))}
                " "
                <input
                    id="plan-date"
                    type="date"
                    prop:value=move || c.get().date.format("%Y-%m-%d").to_string()
                    on:change=on_date
                />
                <span class="hint">{move || date_shown(c.get().date)}</span>
            </label>
            <label>
                {tr(|l| td_string!(l, rencana.form.max_moves))}
                " "
                <input
                    id="plan-max"
                    type="number"
                    min="1"
                    inputmode="numeric"
                    placeholder=move || td_string!(i18n.get_locale(), rencana.form.no_limit)
                    prop:value=move || c.get().max_moves.map(|n| n.to_string()).unwrap_or_default()
                    on:change=on_max
                />
            </label>
            <div class="actions">
                <button id="plan-run" type="submit" class="primary" disabled=running>
                    {move || {
                        if matches!(runner.state.get(), RunState::Done { .. }) {
                            td_string!(i18n.get_locale(), rencana.form.rerun)
                        } else {
                            td_string!(i18n.get_locale(), rencana.form.run)
                        }
                    }}
                </button>
                <Show when=running>
                    <button id="plan-cancel" type="button" on:click=move |_| runner.cancel()>
                        {tr(|l| td_string!(l, rencana.form.cancel))}
                    </button>
                </Show>
            </div>
        </form>
        <Progress />
    }
}

/// Progress of the run, or its error.
#[component]
fn Progress() -> impl IntoView {
    let runner = use_planner().runner;
    let i18n = use_i18n();
    let total = Step::ALL.len();
    move || match runner.state.get() {
        RunState::Running { step } => {
            let n = step.index() + 1;
            view! {
                <div id="plan-progress" class="progress" role="status" data-step=n>
                    <progress
                        max=total
                        value=n
                        aria-label=move || td_string!(i18n.get_locale(), rencana.progress.label)
                    ></progress>
                    <p>
                        {move || {
                            let name = step_name(step, i18n.get_locale());
                            td_string!(i18n.get_locale(), rencana.progress.step, n, total, name).to_string()
                        }}
                        " · "
                        {move || {
                            let secs = num(runner.elapsed_ms.get() / 1000.0, 1);
                            td_string!(i18n.get_locale(), rencana.progress.seconds, secs).to_string()
                        }}
                    </p>
                </div>
            }
            .into_any()
        }
        RunState::Failed(msg) => view! {
            <div id="plan-error" class="error" role="alert">
                <p>{move || pick(&msg)}</p>
            </div>
        }
        .into_any(),
        _ => ().into_any(),
    }
}
