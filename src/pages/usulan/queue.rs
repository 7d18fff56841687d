//! The decision queue of Baperjakat and the PPK (and of any account with a step to take): the
//! proposals waiting for the signed-in account's review or decision, one row each with the
//! decision pack's facts ([`super::pack`]: the one verdict, what fails or warns, overridden
//! rules, the fit, retirement, the chain), chosen with checkboxes and decided together. A step
//! taken on many proposals asks once more, naming how many, and records each through the same
//! core function as the action panel ([`super::actions::build`]); what fails is listed by name.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::text::{fmt_count, Text};
use mutasi_core::wire::sync::ProposalStatus;

use super::actions::{available, build, Action, Inputs};
use super::model::{person_name, target_text};
use super::pack::pack;
use super::panel::StepButton;
use super::usulan_href;
use crate::components::form::NotesField;
use crate::components::format::{date_shown, score};
use crate::components::verdict::StandingWord;
use crate::i18n::*;
use crate::lang::{pick, tr, tr_attr, use_i18n};
use crate::state::data::CityData;
use crate::state::proposals::{use_proposals, Item, Proposals};
use crate::state::session::Session;
use crate::state::sync::SyncState;

/// The steps the queue offers: reviewing and deciding (file checks, SKs and inaugurations are
/// done one by one on the proposal's page).
const QUEUE_ACTIONS: [Action; 4] = [
    Action::Review { recommend: true },
    Action::Review { recommend: false },
    Action::Decide(ProposalStatus::Approved),
    Action::Decide(ProposalStatus::Rejected),
];

/// The queue's actions `actions` has, in order.
fn queue_actions(actions: &[Action]) -> Vec<Action> {
    QUEUE_ACTIONS
        .into_iter()
        .filter(|a| actions.contains(a))
        .collect()
}

/// The actions every chosen row offers.
pub fn common_actions(rows: &[(Item, Vec<Action>)], chosen: &[String]) -> Vec<Action> {
    let picked: Vec<&Vec<Action>> = rows
        .iter()
        .filter(|(i, _)| chosen.contains(&i.record.id))
        .map(|(_, a)| a)
        .collect();
    if picked.is_empty() {
        return Vec::new();
    }
    QUEUE_ACTIONS
        .into_iter()
        .filter(|a| picked.iter().all(|x| x.contains(a)))
        .collect()
}

/// The queue (nothing when the account has no review or decision waiting).
#[component]
pub fn DecisionQueue() -> impl IntoView {
    // Read when needed: after a reload the session is restored after the page is drawn.
    let session = use_context::<Session>();
    let data = use_context::<CityData>();
    let proposals = use_proposals().unwrap_or_default();
    let i18n = use_i18n();
    let rows = Memo::new(move |_| {
        let Some(acct) = session.and_then(|s| s.account()) else {
            return Vec::new();
        };
        let ds = data.and_then(|d| d.dataset.get());
        proposals.items.with(|items| {
            items
                .iter()
                .filter_map(|i| {
                    let a = queue_actions(&available(&acct, ds.as_deref(), &i.proposal));
                    (!a.is_empty()).then(|| (i.clone(), a))
                })
                .collect::<Vec<_>>()
        })
    });
    let chosen = RwSignal::new(Vec::<String>::new());
    let reason = RwSignal::new(String::new());
    let confirming = RwSignal::new(None::<Action>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<(usize, Vec<Text>)>);
    let common = Memo::new(move |_| rows.with(|r| chosen.with(|c| common_actions(r, c))));
    // The chosen proposals, as they are now.
    let chosen_items = move || -> Vec<Item> {
        rows.with_untracked(|r| {
            chosen.with_untracked(|c| {
                r.iter()
                    .filter(|(i, _)| c.contains(&i.record.id))
                    .map(|(i, _)| i.clone())
                    .collect()
            })
        })
    };
    let needs_reason = move || common.with(|a| a.iter().any(|a| a.needs_reason()));
    let min_notes = data
        .and_then(|d| d.dataset.get_untracked())
        .map_or(10, |ds| ds.rules().reason_min_chars);

    let take_all = Callback::new(move |action: Action| {
        let Some(ds) = data.and_then(|d| d.dataset.get_untracked()) else {
            return;
        };
        let Some(sync) = use_context::<SyncState>() else {
            done.set(Some((0, vec![both!(usulan.no_sync)])));
            return;
        };
        let picked = chosen_items();
        let inputs = Inputs {
            reason: reason.get_untracked(),
            ..Inputs::default()
        };
        let proposals = use_proposals();
        let Some(by) = session.and_then(|s| s.account()) else {
            return;
        };
        busy.set(true);
        done.set(None);
        spawn_local(async move {
            let (mut ok, mut failed) = (0, Vec::new());
            for item in picked {
                let who =
                    person_name(Some(&ds), &item).unwrap_or_else(|| item.proposal.nip.to_string());
                let built = build(
                    &item,
                    action,
                    &inputs,
                    &by,
                    &ds,
                    crate::ids::uuid_v7(),
                    crate::clock::now(),
                );
                let result = match built {
                    Ok((op, local)) => Proposals::record_mine(proposals, sync, op, local)
                        .await
                        .map_err(Text::same),
                    Err(why) => Err(why),
                };
                match result {
                    Ok(()) => ok += 1,
                    Err(why) => failed.push(Text::new(
                        format!("{who}: {}", why.id),
                        format!("{who}: {}", why.en),
                    )),
                }
            }
            if failed.is_empty() {
                reason.set(String::new());
            }
            chosen.set(Vec::new());
            busy.set(false);
            done.set(Some((ok, failed)));
        });
    });

    let table = move || {
        let ds = data.and_then(|d| d.dataset.get())?;
        let all = proposals.items.get();
        let list = rows.get();
        if list.is_empty() {
            return None;
        }
        let ids: Vec<String> = list.iter().map(|(i, _)| i.record.id.clone()).collect();
        let body = list
            .into_iter()
            .map(|(item, _)| {
                let p = &item.proposal;
                let id = item.record.id.clone();
                let id2 = id.clone();
                let row_id = id.clone();
                let pk = pack(&ds, p, &all);
                let standing = pk.as_ref().map(|pk| pk.standing);
                let name = person_name(Some(&ds), &item).unwrap_or_else(|| p.nip.to_string());
                let target = target_text(Some(&ds), &item);
                let tmt = date_shown(p.tmt);
                let (fit, lines, retire, chain) = match pk {
                    Some(pk) => {
                        let lines: Vec<(String, Text)> = pk
                            .rules
                            .into_iter()
                            .map(|r| {
                                let reason = match r.overridden {
                                    Some(why) => Text::new(
                                        format!("{} — alasan: {why}", r.reason.id),
                                        format!("{} — reason: {why}", r.reason.en),
                                    ),
                                    None => r.reason,
                                };
                                (r.kind.to_string(), reason)
                            })
                            .collect();
                        let left = Text::new(pk.left.id(), pk.left.en());
                        let date = date_shown(pk.retires);
                        (
                            score(pk.fit.score),
                            lines,
                            Some((date, left)),
                            pk.chain.len() + usize::from(pk.blocked_by.is_some()),
                        )
                    }
                    None => (String::new(), Vec::new(), None, 0),
                };
                let label = format!("{name} → {target}");
                view! {
                    <tr data-id=row_id>
                        <td data-label=tr_attr(|l| td_string!(l, usulan.queue.pick))>
                            <input
                                type="checkbox"
                                class="queue-pick"
                                aria-label=label
                                prop:checked=move || chosen.with(|c| c.contains(&id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| {
                                        c.retain(|x| x != &id2);
                                        if on {
                                            c.push(id2.clone());
                                        }
                                    });
                                }
                            />
                        </td>
                        <th scope="row">
                            <a href=usulan_href(&item.record.id)>{name}</a>
                            <br />
                            <small>{target}</small>
                        </th>
                        <td data-label="TMT">{tmt}</td>
                        <td class="num" data-label=tr_attr(|l| td_string!(l, usulan.queue.fit))>{fit}</td>
                        <td data-label=tr_attr(|l| td_string!(l, usulan.queue.standing))>
                            {standing.map(|standing| view! { <StandingWord standing /> })}
                        </td>
                        <td data-label=tr_attr(|l| td_string!(l, usulan.queue.rules))>
                            <ul class="queue-rules">
                                {lines
                                    .into_iter()
                                    .map(|(kind, t)| view! { <li class=format!("rule rule-{kind}")>{move || pick(&t)}</li> })
                                    .collect_view()}
                            </ul>
                        </td>
                        <td class="queue-retires" data-label=tr_attr(|l| td_string!(l, usulan.queue.retires))>
                            {retire.map(|(date, left)| view! { {date} <br /> <small>{move || pick(&left)}</small> })}
                        </td>
                        <td class="num" data-label=tr_attr(|l| td_string!(l, usulan.queue.chain))>{chain}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <div class="table-wrap">
                <table id="queue-table" class="cards">
                    <thead>
                        <tr>
                            <th scope="col" class="keep">
                                <input
                                    type="checkbox"
                                    id="queue-all"
                                    aria-label=move || td_string!(i18n.get_locale(), usulan.queue.all).to_string()
                                    prop:checked=move || chosen.with(|c| !c.is_empty() && c.len() == ids.len())
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let ids = rows.with_untracked(|r| r.iter().map(|(i, _)| i.record.id.clone()).collect());
                                        chosen.set(if on { ids } else { Vec::new() });
                                    }
                                />
                            </th>
                            <th scope="col">{tr(|l| td_string!(l, usulan.queue.who))}</th>
                            <th scope="col">"TMT"</th>
                            <th scope="col" class="num">{tr(|l| td_string!(l, usulan.queue.fit))}</th>
                            <th scope="col">{tr(|l| td_string!(l, usulan.queue.standing))}</th>
                            <th scope="col">{tr(|l| td_string!(l, usulan.queue.rules))}</th>
                            <th scope="col">{tr(|l| td_string!(l, usulan.queue.retires))}</th>
                            <th scope="col" class="num">{tr(|l| td_string!(l, usulan.queue.chain))}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        })
    };

    // The inputs are checked on every chosen proposal before the question is asked.
    let check = Callback::new(move |action: Action| {
        let Some(ds) = data.and_then(|d| d.dataset.get_untracked()) else {
            return;
        };
        let inputs = Inputs {
            reason: reason.get_untracked(),
            ..Inputs::default()
        };
        let Some(by) = session.and_then(|s| s.account()) else {
            return;
        };
        let failed: Vec<Text> = chosen_items()
            .iter()
            .filter_map(|i| {
                let at = crate::clock::now();
                build(i, action, &inputs, &by, &ds, String::new(), at).err()
            })
            .collect();
        match failed.first() {
            Some(first) => {
                confirming.set(None);
                done.set(Some((0, vec![first.clone()])));
            }
            None => {
                done.set(None);
                confirming.set(Some(action));
            }
        }
    });
    let buttons = move || {
        common
            .get()
            .into_iter()
            .map(|a| view! { <StepButton action=a prefix="queue" busy press=check /> })
            .collect_view()
    };
    let confirm = move || {
        confirming.get().map(|a| {
            let n = fmt_count(chosen.with(Vec::len));
            view! {
                <div id="queue-confirm" class="confirm" role="alertdialog" aria-labelledby="queue-confirm-q">
                    <p id="queue-confirm-q">
                        {move || td_string!(i18n.get_locale(), usulan.queue.confirm,
                            step = a.label(i18n.get_locale()), n = &n).to_string()}
                    </p>
                    <button type="button" id="queue-confirm-yes" class="primary"
                        on:click=move |_| { confirming.set(None); take_all.run(a); }>
                        {tr(|l| td_string!(l, usulan.queue.yes))}
                    </button>
                    <button type="button" id="queue-confirm-no" class="secondary"
                        on:click=move |_| confirming.set(None)>
                        {tr(|l| td_string!(l, usulan.queue.no))}
                    </button>
                </div>
            }
        })
    };
    let outcome = move || {
        done.get().map(|(ok, failed)| {
            let recorded = ok > 0 || failed.is_empty();
            let ok = fmt_count(ok);
            view! {
                {recorded.then(|| view! {
                    <p id="queue-done" role="status">
                        {move || td_string!(i18n.get_locale(), usulan.queue.done, n = &ok).to_string()}
                    </p>
                })}
                <ul id="queue-failed" class="error">
                    {failed.into_iter().map(|t| view! { <li role="alert">{move || pick(&t)}</li> }).collect_view()}
                </ul>
            }
        })
    };
    view! {
        <Show when=move || rows.with(|r| !r.is_empty()) || done.with(Option::is_some)>
            <section id="queue" class="queue" aria-labelledby="queue-h">
                <h3 id="queue-h">
                    {move || {
                        let n = fmt_count(rows.with(Vec::len));
                        td_string!(i18n.get_locale(), usulan.queue.heading, n = &n).to_string()
                    }}
                </h3>
                <p>{tr(|l| td_string!(l, usulan.queue.intro))}</p>
                {table}
                <p id="queue-chosen">
                    {move || {
                        let n = fmt_count(chosen.with(Vec::len));
                        td_string!(i18n.get_locale(), usulan.queue.chosen, n = &n).to_string()
                    }}
                </p>
                {move || needs_reason().then(|| view! {
                    <NotesField id="queue-reason" value=reason>
                        {move || td_string!(i18n.get_locale(), usulan.panel.reason, n = min_notes).to_string()}
                    </NotesField>
                })}
                <div class="action-buttons">{buttons}</div>
                {confirm}
                {outcome}
            </section>
        </Show>
    }
}
