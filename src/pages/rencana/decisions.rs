//! The planner's decisions, each with an undo, and the form to force a move by hand. They apply
//! to the next run.

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::model::{Nip, SlotId};
use mutasi_core::Dataset;

use crate::planner::constraints::Decision;
use crate::planner::state::use_planner;

/// A decision in words, with names from the dataset.
pub fn describe(ds: &Dataset, d: &Decision) -> String {
    let who = |nip: &Nip| {
        ds.employee_idx(nip)
            .map(|e| format!("{} ({nip})", ds.employees()[e as usize].name))
            .unwrap_or_else(|| nip.to_string())
    };
    let post = |slot: &SlotId| {
        ds.slot_idx(slot)
            .map(|s| format!("{} — {}", ds.slot_position(s).name, ds.slot_unit(s).name))
            .unwrap_or_else(|| slot.to_string())
    };
    match d {
        Decision::Lock { nip, slot } => {
            format!("Dikunci / Locked: {} → {}", who(nip), post(slot))
        }
        Decision::Reject { nip, slot } => {
            format!("Ditolak / Rejected: {} ↛ {}", who(nip), post(slot))
        }
        Decision::Keep { nip } => format!("Tetap di tempat / Kept in place: {}", who(nip)),
        Decision::Force { nip, slot } => {
            format!("Dipaksa / Forced: {} → {}", who(nip), post(slot))
        }
    }
}

/// Checks a forced move typed by hand: both must exist.
pub fn parse_force(ds: &Dataset, nip: &str, slot: &str) -> Result<Decision, String> {
    let nip = Nip::parse(nip.trim()).map_err(|e| format!("NIP: {e}"))?;
    if ds.employee_idx(&nip).is_none() {
        return Err(format!("NIP {nip} tidak ditemukan / not found"));
    }
    let slot = SlotId::new(slot.trim()).map_err(|e| format!("Slot: {e}"))?;
    if ds.slot_idx(&slot).is_none() {
        return Err(format!("Slot {slot} tidak ditemukan / not found"));
    }
    Ok(Decision::Force { nip, slot })
}

#[component]
pub fn Decisions(ds: Arc<Dataset>) -> impl IntoView {
    let c = use_planner().constraints;
    let nip = RwSignal::new(String::new());
    let slot = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let ds2 = ds.clone();
    let force = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_force(&ds2, &nip.get_untracked(), &slot.get_untracked()) {
            Ok(d) => {
                c.update(|c| c.decide(d));
                nip.set(String::new());
                slot.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <details class="decisions" open=move || !c.with(|c| c.decisions.is_empty())>
            <summary>
                {move || format!("Keputusan perencana: {} ", c.with(|c| c.decisions.len()))}
                <span class="en" lang="en">"/ Planner's decisions (apply to the next run)"</span>
            </summary>
            <ul id="decisions">
                {move || {
                    c.get()
                        .decisions
                        .into_iter()
                        .map(|d| {
                            let text = describe(&ds, &d);
                            view! {
                                <li>
                                    <span>{text}</span>
                                    " "
                                    <button
                                        type="button"
                                        class="undo"
                                        on:click=move |_| c.update(|c| c.undo(&d))
                                    >
                                        "Batalkan / Undo"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <form class="force" on:submit=force>
                <fieldset>
                    <legend>"Paksa mutasi / Force a move"</legend>
                    <label>
                        "NIP"
                        <input
                            id="force-nip"
                            inputmode="numeric"
                            prop:value=move || nip.get()
                            on:input=move |ev| nip.set(event_target_value(&ev))
                        />
                    </label>
                    <label>
                        "Slot tujuan / Target slot"
                        <input
                            id="force-slot"
                            prop:value=move || slot.get()
                            on:input=move |ev| slot.set(event_target_value(&ev))
                        />
                    </label>
                    <button id="force-add" type="submit">"Tambahkan / Add"</button>
                    {move || {
                        error.get().map(|e| view! { <p id="force-error" class="error" role="alert">{e}</p> })
                    }}
                </fieldset>
            </form>
        </details>
    }
}
