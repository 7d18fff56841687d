//! The run form: scope, effective date (TMT), move limit; run, cancel and progress.

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::model::UnitKind;
use mutasi_core::plan::Scope;
use mutasi_core::Dataset;

use crate::components::format::{date_id, num};
use crate::planner::protocol::Step;
use crate::planner::runner::RunState;
use crate::planner::state::use_planner;

/// Unit kinds a plan can cover as a whole, with their labels.
pub const KIND_SCOPES: [(UnitKind, &str, &str); 5] = [
    (
        UnitKind::SdNegeri,
        "Semua SD Negeri",
        "All state primary schools",
    ),
    (
        UnitKind::SmpNegeri,
        "Semua SMP Negeri",
        "All state junior high schools",
    ),
    (UnitKind::Puskesmas, "Semua Puskesmas", "All health centres"),
    (
        UnitKind::Kelurahan,
        "Semua kantor kelurahan",
        "All kelurahan offices",
    ),
    (
        UnitKind::Kecamatan,
        "Semua kantor kecamatan",
        "All kecamatan offices",
    ),
];

/// The `<select>` value of a scope (the CLI form `Scope::parse` reads).
pub fn scope_value(s: &Scope) -> String {
    match s {
        Scope::City => "city".into(),
        Scope::Unit { unit } => format!("unit:{unit}"),
        Scope::UnitKind { unit_kind } => format!(
            "kind:{}",
            serde_json::to_value(unit_kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        ),
    }
}

#[component]
pub fn PlanForm(ds: Arc<Dataset>) -> impl IntoView {
    let planner = use_planner();
    let c = planner.constraints;
    let runner = planner.runner;
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
                "Cakupan " <span class="en" lang="en">"/ Scope"</span>
                <select
                    id="plan-scope"
                    prop:value=move || scope_value(&c.get().scope)
                    on:change=on_scope
                >
                    <option value="city">"Seluruh Pemerintah Kota / Whole city"</option>
                    <optgroup label="Jenis unit / Kind of unit">
                        {KIND_SCOPES
                            .iter()
                            .map(|(k, id, en)| {
                                let v = scope_value(&Scope::UnitKind { unit_kind: *k });
                                view! { <option value=v>{format!("{id} / {en}")}</option> }
                            })
                            .collect_view()}
                    </optgroup>
                    <optgroup label="OPD (beserta unit di bawahnya) / OPD with its units">
                        {opds
                            .into_iter()
                            .map(|(v, name)| view! { <option value=v>{name}</option> })
                            .collect_view()}
                    </optgroup>
                </select>
            </label>
            <label>
                "TMT (tanggal berlaku) " <span class="en" lang="en">"/ Effective date"</span>
                <input
                    id="plan-date"
                    type="date"
                    prop:value=move || c.get().date.format("%Y-%m-%d").to_string()
                    on:change=on_date
                />
                <span class="hint">{move || date_id(c.get().date)}</span>
            </label>
            <label>
                "Paling banyak mutasi " <span class="en" lang="en">"/ At most moves"</span>
                <input
                    id="plan-max"
                    type="number"
                    min="1"
                    inputmode="numeric"
                    placeholder="tanpa batas / no limit"
                    prop:value=move || c.get().max_moves.map(|n| n.to_string()).unwrap_or_default()
                    on:change=on_max
                />
            </label>
            <div class="actions">
                <button id="plan-run" type="submit" class="primary" disabled=running>
                    {move || {
                        if matches!(runner.state.get(), RunState::Done { .. }) {
                            "Jalankan ulang / Re-run"
                        } else {
                            "Jalankan / Run"
                        }
                    }}
                </button>
                <Show when=running>
                    <button id="plan-cancel" type="button" on:click=move |_| runner.cancel()>
                        "Batalkan / Cancel"
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
    let total = Step::ALL.len();
    move || match runner.state.get() {
        RunState::Running { step } => {
            let (id, en) = step.label();
            let n = step.index() + 1;
            view! {
                <div id="plan-progress" class="progress" role="status" data-step=n>
                    <progress max=total value=n aria-label="Kemajuan / Progress"></progress>
                    <p>
                        {format!("Langkah {n} dari {total}: {id}")}
                        <span class="en" lang="en">{format!(" / Step {n} of {total}: {en}")}</span>
                        " · "
                        {move || format!("{} detik / s", num(runner.elapsed_ms.get() / 1000.0, 1))}
                    </p>
                </div>
            }
            .into_any()
        }
        RunState::Failed(msg) => view! {
            <div id="plan-error" class="error" role="alert">
                <p>{msg}</p>
            </div>
        }
        .into_any(),
        _ => ().into_any(),
    }
}
