//! The planner's decisions, each with an undo, and the form to force a move by hand. They apply
//! to the next run.

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::model::{Nip, SlotId};
use mutasi_core::query::{
    find_people, find_posts, person_label, post_label, resolve_person, resolve_post,
};
use mutasi_core::text::Text;
use mutasi_core::Dataset;

use crate::components::picker::{Picker, Search, SUGGESTIONS};
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};
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

/// Reads a forced move typed or picked by hand: the person (NIP, name, or a picked "Name (NIP)")
/// and the post (id, "Kepala SD Negeri 37", or a picked label) must each mean exactly one. The
/// error is in both languages.
pub fn parse_force(ds: &Dataset, who: &str, post: &str) -> Result<Decision, Text> {
    let e = resolve_person(ds, who)?;
    let s = resolve_post(ds, post)?;
    Ok(Decision::Force {
        nip: ds.employees()[e as usize].nip.clone(),
        slot: ds.slots()[s as usize].id.clone(),
    })
}

#[component]
pub fn Decisions(ds: Arc<Dataset>) -> impl IntoView {
    let c = use_planner().constraints;
    let i18n = use_i18n();
    let nip = RwSignal::new(String::new());
    let slot = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);
    let ds2 = ds.clone();
    let ds_p = ds.clone();
    let people: Search = Arc::new(move |q: &str| {
        find_people(&ds_p, q, SUGGESTIONS)
            .into_iter()
            .map(|e| person_label(&ds_p, e))
            .collect()
    });
    let ds_s = ds.clone();
    let posts: Search = Arc::new(move |q: &str| {
        find_posts(&ds_s, q, SUGGESTIONS)
            .into_iter()
            .map(|s| post_label(&ds_s, s))
            .collect()
    });
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
                    <Picker id="force-nip" value=nip search=people>
                        {tr(|l| td_string!(l, rencana.decisions.nip))}
                    </Picker>
                    <Picker id="force-slot" value=slot search=posts>
                        {tr(|l| td_string!(l, rencana.decisions.target_slot))}
                    </Picker>
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
