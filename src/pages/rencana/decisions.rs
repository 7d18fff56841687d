//! The planner's decisions, each with an undo, and the form to force a move by hand. They apply
//! to the next run.

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::model::{Nip, SlotId};
use mutasi_core::text::Text;
use mutasi_core::Dataset;

use crate::components::form::InputField;
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};
use crate::planner::both;
use crate::planner::constraints::Decision;
use crate::planner::state::use_planner;

/// A decision in words in `locale`, with names from the dataset.
pub fn describe(ds: &Dataset, d: &Decision, locale: Locale) -> String {
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
            let (who, post) = (who(nip), post(slot));
            td_string!(locale, rencana.decisions.locked, who, post).to_string()
        }
        Decision::Reject { nip, slot } => {
            let (who, post) = (who(nip), post(slot));
            td_string!(locale, rencana.decisions.rejected, who, post).to_string()
        }
        Decision::Keep { nip } => {
            td_string!(locale, rencana.decisions.kept, who = who(nip)).to_string()
        }
        Decision::Force { nip, slot } => {
            let (who, post) = (who(nip), post(slot));
            td_string!(locale, rencana.decisions.forced, who, post).to_string()
        }
    }
}

/// Checks a forced move typed by hand: both must exist. The error is in both languages.
pub fn parse_force(ds: &Dataset, nip: &str, slot: &str) -> Result<Decision, Text> {
    let nip = Nip::parse(nip.trim())
        .map_err(|e| both(|l| td_string!(l, rencana.decisions.bad_nip, detail = &e).to_string()))?;
    if ds.employee_idx(&nip).is_none() {
        return Err(both(|l| {
            td_string!(l, rencana.decisions.unknown_nip, nip = &nip).to_string()
        }));
    }
    let slot = SlotId::new(slot.trim()).map_err(|e| {
        both(|l| td_string!(l, rencana.decisions.bad_slot, detail = &e).to_string())
    })?;
    if ds.slot_idx(&slot).is_none() {
        return Err(both(|l| {
            td_string!(l, rencana.decisions.unknown_slot, slot = &slot).to_string()
        }));
    }
    Ok(Decision::Force { nip, slot })
}

#[component]
pub fn Decisions(ds: Arc<Dataset>) -> impl IntoView {
    let c = use_planner().constraints;
    let i18n = use_i18n();
    let nip = RwSignal::new(String::new());
    let slot = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);
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
                {move || {
                    let n = c.with(|c| c.decisions.len());
                    td_string!(i18n.get_locale(), rencana.decisions.summary, n).to_string()
                }}
            </summary>
            <ul id="decisions">
                {move || {
                    let locale = i18n.get_locale();
                    c.get()
                        .decisions
                        .into_iter()
                        .map(|d| {
                            let text = describe(&ds, &d, locale);
                            view! {
                                <li>
                                    <span>{text}</span>
                                    " "
                                    <button
                                        type="button"
                                        class="undo"
                                        on:click=move |_| c.update(|c| c.undo(&d))
                                    >
                                        {tr(|l| td_string!(l, rencana.decisions.undo))}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <form class="force" on:submit=force>
                <fieldset>
                    <legend>{tr(|l| td_string!(l, rencana.decisions.force_legend))}</legend>
                    <InputField id="force-nip" value=nip inputmode="numeric">
                        {tr(|l| td_string!(l, rencana.decisions.nip))}
                    </InputField>
                    <InputField id="force-slot" value=slot>
                        {tr(|l| td_string!(l, rencana.decisions.target_slot))}
                    </InputField>
                    <button id="force-add" type="submit">{tr(|l| td_string!(l, rencana.decisions.add))}</button>
                    {move || {
                        error
                            .get()
                            .map(|e| {
                                view! {
                                    <p id="force-error" class="error" role="alert">{move || pick(&e)}</p>
                                }
                            })
                    }}
                </fieldset>
            </form>
        </details>
    }
}
