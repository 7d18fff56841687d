//! Rencana Mutasi (`/rencana`): pick a scope and a date, run the optimiser off the main thread
//! with progress, review the moves as chains and swaps, lock, reject or force moves and re-run,
//! save and compare scenarios, and turn the accepted moves into proposals.
//!
//! - [`form`]: scope, date, limits, run and cancel, progress.
//! - [`review`]: figures before and after, the moves group by group with their actions.
//! - [`decisions`]: the planner's decisions (undo) and the forced-move form.
//! - [`propose`]: accepted moves → proposals.
//! - [`compare`]: saved scenarios side by side.

pub mod compare;
pub mod decisions;
pub mod form;
pub mod propose;
pub mod review;

use leptos::prelude::*;

use crate::components::no_data::NoData;
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
            <h2>"Rencana Mutasi " <span class="en" lang="en">"/ Transfer plan"</span></h2>
            <p>
                "Mesin perencana mencari himpunan mutasi terbaik yang sah untuk cakupan yang dipilih: menutup kekurangan pegawai, menyelesaikan rotasi yang jatuh tempo, dan menempatkan pegawai sesuai kecocokannya. Perhitungan berjalan di perangkat ini, juga saat luring."
            </p>
            <p class="en" lang="en">
                "The planner finds the best legal set of moves for the chosen scope: closing shortages, resolving rotations due and placing people where they fit. It runs on this device, offline too."
            </p>
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
