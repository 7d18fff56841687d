//! Scenarios: save the shown plan under a name (kept on this device), open a saved one again,
//! and compare two side by side: their figures and the moves only one of them makes.

use leptos::prelude::*;

use crate::components::format::{num, signed};
use crate::i18n::*;
use crate::lang::{tr, use_i18n};
use crate::planner::runner::RunState;
use crate::planner::scenarios::{compare, FIGURE_ROWS};
use crate::planner::state::use_planner;

/// Moves listed per side in a comparison.
pub const DIFF_LISTED: usize = 20;

#[component]
pub fn Scenarios() -> impl IntoView {
    let planner = use_planner();
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let a = RwSignal::new(String::new());
    let b = RwSignal::new(String::new());
    let has_plan = move || matches!(planner.runner.state.get(), RunState::Done { .. });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_string();
        let n = if n.is_empty() {
            let n = planner.scenarios.with_untracked(Vec::len) + 1;
            td_string!(
                i18n.get_locale_untracked(),
                rencana.scenarios.default_name,
                n
            )
            .to_string()
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
            <h3 id="scenarios-h">{tr(|l| td_string!(l, rencana.scenarios.heading))}</h3>
            <Show when=has_plan>
                <form class="inline" on:submit=save>
                    <label>
                        {tr(|l| td_string!(l, rencana.scenarios.name))}
                        <input
                            id="scenario-name"
                            prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))
                        />
                    </label>
                    <button id="scenario-save" type="submit">{tr(|l| td_string!(l, rencana.scenarios.save))}</button>
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
                            let line = td_string!(i18n.get_locale(),
                                rencana.scenarios.line,
                                name = &s.name,
                                moves = num(s.plan.moves.len() as f64, 0),
                                before = num(s.plan.before.shortage, 1),
                                after = num(s.plan.after.shortage, 1)
                            )
                            .to_string();
                            let open = td_string!(i18n.get_locale(), rencana.scenarios.open, name = &n1).to_string();
                            let delete = td_string!(i18n.get_locale(), rencana.scenarios.delete, name = &s.name)
                                .to_string();
                            view! {
                                <li data-name=s.name.clone()>
                                    <span>{line} " "</span>
                                    <button
                                        type="button"
                                        class="open"
                                        on:click=move |_| {
                                            planner.constraints.set(constraints.clone());
                                            planner.runner.show(plan.clone(), 0.0);
                                        }
                                    >
                                        {open}
                                    </button>
                                    <button
                                        type="button"
                                        class="delete"
                                        on:click=move |_| planner.delete_scenario(&n2)
                                    >
                                        {delete}
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
                            <option value="">{tr(|l| td_string!(l, rencana.scenarios.choose))}</option>
                            {options}
                        </select>
                    </label>
                    <label>
                        "B "
                        <select id="compare-b" on:change=move |ev| b.set(event_target_value(&ev))>
                            <option value="">{tr(|l| td_string!(l, rencana.scenarios.choose))}</option>
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
                let locale = i18n.get_locale();
                Some(view! {
                    <table id="scenario-compare" class="figures">
                        <caption>{tr(|l| td_string!(l, rencana.scenarios.caption))}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{tr(|l| td_string!(l, rencana.scenarios.figure_after))}</th>
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
                                            <th scope="row">{(r.label)(locale)}</th>
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
                        {td_string!(i18n.get_locale(),
                            rencana.scenarios.diff,
                            both = cmp.both.len(),
                            only_a = cmp.only_a.len(),
                            only_b = cmp.only_b.len()
                        )
                        .to_string()}
                    </p>
                    <div class="diff-lists">
                        <ul aria-label=td_string!(i18n.get_locale(), rencana.scenarios.only_a)>
                            {cmp.only_a.iter().take(DIFF_LISTED).map(|(n, s)| view! { <li>{format!("A: {n} → {s}")}</li> }).collect_view()}
                        </ul>
                        <ul aria-label=td_string!(i18n.get_locale(), rencana.scenarios.only_b)>
                            {cmp.only_b.iter().take(DIFF_LISTED).map(|(n, s)| view! { <li>{format!("B: {n} → {s}")}</li> }).collect_view()}
                        </ul>
                    </div>
                })
            }}
        </section>
    }
}
