//! Rencana Mutasi (`/rencana`): pick a scope and a date, run the optimiser off the main thread
//! with progress, review the moves as chains and swaps, accept them one by one or a chain, a
//! page or a filter at once, reject or force moves and re-run,
//! save and compare scenarios, and turn the accepted moves into proposals.
//!
//! - [`form`]: scope, date, limits, run and cancel, progress.
//! - [`review`]: figures before and after, the moves group by group with their actions.
//! - [`filter`]: which groups the review shows (text, kind, warnings, principals).
//! - [`bulk`]: accept a group, a page or everything shown at once, with one undo.
//! - [`decisions`]: the planner's decisions (undo) and the forced-move form.
//! - [`propose`]: accepted moves → proposals.
//! - [`compare`]: saved scenarios side by side.

pub mod bulk;
pub mod compare;
pub mod decisions;
pub mod filter;
pub mod form;
pub mod propose;
pub mod review;

use leptos::prelude::*;

use crate::components::no_data::NoData;
use crate::i18n::*;
use crate::lang::tr;
use crate::planner::runner::RunState;
use crate::planner::state::use_planner;
use crate::state::data::use_city_data;

/// The route `/rencana`.
#[component]
pub fn Rencana() -> impl IntoView {
    let data = use_city_data();
    let planner = use_planner();
    view! {
        <section class="page rencana">
            <h2>{tr(|l| td_string!(l, rencana.title))}</h2>
            <p>{tr(|l| td_string!(l, rencana.intro))}</p>
            {move || match data.dataset.get() {
                None => view! { <NoData /> }.into_any(),
                Some(ds) => {
                    view! {
                        <form::PlanForm ds=ds.clone() />
                        <decisions::Decisions ds=ds.clone() />
                        {move || match planner.runner.state.get() {
                            RunState::Done { plan, elapsed_ms } => {
                                view! {
                                    <review::Review ds=ds.clone() plan=plan.clone() elapsed_ms />
                                    <propose::Propose ds=ds.clone() plan />
                                }
                                    .into_any()
                            }
                            _ => ().into_any(),
                        }}
                        <compare::Scenarios />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
