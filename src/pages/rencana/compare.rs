//! Scenarios: save the shown plan under a name (kept on this device), open a saved one again,
//! and compare two side by side: their figures and the moves only one of them makes.

use leptos::prelude::*;

use crate::components::format::{num, signed};
use crate::planner::runner::RunState;
use crate::planner::scenarios::{compare, FIGURE_ROWS};
use crate::planner::state::use_planner;

/// Moves listed per side in a comparison.
pub const DIFF_LISTED: usize = 20;

#[component]
pub fn Scenarios() -> impl IntoView {
    let planner = use_planner();
    let name = RwSignal::new(String::new());
    let a = RwSignal::new(String::new());
    let b = RwSignal::new(String::new());
    let has_plan = move || matches!(planner.runner.state.get(), RunState::Done { .. });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_string();
        let n = if n.is_empty() {
            format!(
                "Skenario {}",
                planner.scenarios.with_untracked(Vec::len) + 1
            )
        } else {
            n
        };
        planner.save_scenario(n);
        name.set(String::new());
    };
    let names = move || {
        planner
            .scenarios
            .with(|l| l.iter().map(|s| s.name.clone()).collect::<Vec<_>>())
    };
    let options = move || {
        names()
            .into_iter()
            .map(|n| view! { <option value=n.clone()>{n.clone()}</option> })
            .collect_view()
    };
    view! {
        <section id="scenarios" aria-labelledby="scenarios-h">
            <h3 id="scenarios-h">"Skenario " <span class="en" lang="en">"/ Scenarios"</span></h3>
            <Show when=has_plan>
                <form class="inline" on:submit=save>
                    <label>
                        "Nama skenario / Scenario name"
                        <input
                            id="scenario-name"
                            prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))
                        />
                    </label>
                    <button id="scenario-save" type="submit">"Simpan rencana ini / Save this plan"</button>
                </form>
            </Show>
            {move || planner.scenarios_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <ul id="scenario-list">
                {move || {
                    planner
                        .scenarios
                        .get()
                        .into_iter()
                        .map(|s| {
                            let n1 = s.name.clone();
                            let n2 = s.name.clone();
                            let plan = s.plan.clone();
                            let constraints = s.constraints.clone();
                            view! {
                                <li data-name=s.name.clone()>
                                    <span>
                                        {format!(
                                            "{} — {} mutasi, kekurangan {} → {} ",
                                            s.name,
                                            s.plan.moves.len(),
                                            num(s.plan.before.shortage, 1),
                                            num(s.plan.after.shortage, 1)
                                        )}
                                    </span>
                                    <button
                                        type="button"
                                        class="open"
                                        on:click=move |_| {
                                            planner.constraints.set(constraints.clone());
                                            planner.runner.show(plan.clone(), 0.0);
                                        }
                                    >
                                        {format!("Buka / Open {n1}")}
                                    </button>
                                    <button
                                        type="button"
                                        class="delete"
                                        on:click=move |_| planner.delete_scenario(&n2)
                                    >
                                        {format!("Hapus / Delete {}", s.name)}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <Show when=move || { planner.scenarios.with(|l| l.len() >= 2) }>
                <div class="compare-pick">
                    <label>
                        "A "
                        <select id="compare-a" on:change=move |ev| a.set(event_target_value(&ev))>
                            <option value="">"— pilih / choose —"</option>
                            {options}
                        </select>
                    </label>
                    <label>
                        "B "
                        <select id="compare-b" on:change=move |ev| b.set(event_target_value(&ev))>
                            <option value="">"— pilih / choose —"</option>
                            {options}
                        </select>
                    </label>
                </div>
            </Show>
            {move || {
                let list = planner.scenarios.get();
                let sa = list.iter().find(|s| s.name == a.get())?.clone();
                let sb = list.iter().find(|s| s.name == b.get())?.clone();
                let cmp = compare(&sa.plan, &sb.plan);
                Some(view! {
                    <table id="scenario-compare" class="figures">
                        <caption>"Perbandingan skenario / Scenario comparison"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Angka (sesudah) / Figure (after)"</th>
                                <th scope="col">{format!("A: {}", sa.name)}</th>
                                <th scope="col">{format!("B: {}", sb.name)}</th>
                                <th scope="col">"B − A"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {FIGURE_ROWS
                                .iter()
                                .map(|r| {
                                    let (va, vb) = ((r.value)(&sa.plan.after), (r.value)(&sb.plan.after));
                                    view! {
                                        <tr>
                                            <th scope="row">{format!("{} / {}", r.label.0, r.label.1)}</th>
                                            <td>{num(va, r.decimals)}</td>
                                            <td>{num(vb, r.decimals)}</td>
                                            <td>{signed(vb - va)}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                    <p id="scenario-diff" data-both=cmp.both.len() data-only-a=cmp.only_a.len() data-only-b=cmp.only_b.len()>
                        {format!(
                            "{} mutasi sama; {} hanya di A; {} hanya di B. / {} moves in both; {} only in A; {} only in B.",
                            cmp.both.len(), cmp.only_a.len(), cmp.only_b.len(),
                            cmp.both.len(), cmp.only_a.len(), cmp.only_b.len()
                        )}
                    </p>
                    <div class="diff-lists">
                        <ul aria-label="Hanya di A / Only in A">
                            {cmp.only_a.iter().take(DIFF_LISTED).map(|(n, s)| view! { <li>{format!("A: {n} → {s}")}</li> }).collect_view()}
                        </ul>
                        <ul aria-label="Hanya di B / Only in B">
                            {cmp.only_b.iter().take(DIFF_LISTED).map(|(n, s)| view! { <li>{format!("B: {n} → {s}")}</li> }).collect_view()}
                        </ul>
                    </div>
                })
            }}
        </section>
    }
}
