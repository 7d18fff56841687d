//! The review of a load: the counts per sheet (new, changed, not in the file), the sheets kept,
//! examples of changes field by field, the proposals in progress it touches, the decisions a
//! load may need (why employees left; removing organisation records), and "Terapkan" behind a
//! confirmation.

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::wire::load::{Departure, LoadFile, LoadResponse};

use super::load::departure_label;
use crate::i18n::*;
use crate::lang::{current, tr, use_lang};

/// Examples of changes listed per sheet.
const EXAMPLES: usize = 5;

/// What "Terapkan" sends: the files, the response reviewed, the reason for departures and
/// whether to remove the organisation's records not in the file.
pub type ApplyArgs = (
    Arc<Vec<LoadFile>>,
    Arc<LoadResponse>,
    Option<Departure>,
    bool,
);

#[component]
pub fn Review(
    files: Arc<Vec<LoadFile>>,
    resp: Arc<LoadResponse>,
    apply: Callback<ApplyArgs>,
) -> impl IntoView {
    let lang = use_lang();
    let missing_people = resp
        .counts
        .iter()
        .find(|c| c.sheet == "pegawai")
        .map_or(0, |c| c.missing);
    let missing_org: usize = resp
        .counts
        .iter()
        .filter(|c| c.sheet != "pegawai")
        .map(|c| c.missing)
        .sum();
    let nothing = resp
        .counts
        .iter()
        .all(|c| c.added + c.changed + c.missing == 0);
    let departed = RwSignal::new(None::<Departure>);
    let remove = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let ready = move || {
        (missing_people == 0 || departed.get().is_some()) && (missing_org == 0 || remove.get())
    };
    let counts = resp
        .counts
        .iter()
        .map(|c| {
            view! {
                <tr data-sheet=c.sheet.clone()>
                    <th scope="row">{c.sheet.clone()}</th>
                    <td class="num added">{c.added}</td>
                    <td class="num changed">{c.changed}</td>
                    <td class="num missing">{c.missing}</td>
                </tr>
            }
        })
        .collect_view();
    let kept = (!resp.kept.is_empty()).then(|| {
        let sheets = resp.kept.join(", ");
        view! { <p id="data-kept">{td_string!(current(), data.diff.kept, sheets).to_string()}</p> }
    });
    let examples = resp
        .diff
        .sheets
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| {
            let total = resp
                .counts
                .iter()
                .find(|c| c.sheet == s.sheet)
                .map_or(0, |c| c.changed);
            let items = s
                .changed
                .iter()
                .take(EXAMPLES)
                .map(|c| {
                    let fields = c
                        .fields
                        .iter()
                        .map(|f| format!("{}: {} → {}", f.field, f.old, f.new))
                        .collect::<Vec<_>>()
                        .join("; ");
                    view! { <li><strong>{c.id.clone()}</strong> " " {fields}</li> }
                })
                .collect_view();
            let listed = |ids: &[String], sign: &'static str, class: &'static str| {
                ids.iter()
                    .take(EXAMPLES)
                    .map(|id| view! { <li class=class>{sign} " " <strong>{id.clone()}</strong></li> })
                    .collect_view()
            };
            let added = listed(&s.added, "+", "added");
            let missing = listed(&s.missing, "−", "missing");
            let more = total.saturating_sub(EXAMPLES);
            view! {
                <h5>{s.sheet.clone()}</h5>
                <ul class="data-changes">{added}{items}{missing}</ul>
                {(more > 0).then(|| view! { <p>{td_string!(current(), data.diff.more, n = more).to_string()}</p> })}
            }
        })
        .collect_view();
    let flags = (!resp.flags.is_empty()).then(|| {
        let items = resp
            .flags
            .iter()
            .map(|f| {
                let text = td_string!(
                    current(),
                    data.flags.item,
                    id = f.proposal.clone(),
                    nip = f.nip.clone(),
                    slot = f.slot.clone()
                )
                .to_string();
                view! { <li>{text}</li> }
            })
            .collect_view();
        view! {
            <div id="data-flags" class="warn">
                <h4>{tr(|l| td_string!(l, data.flags.title))}</h4>
                <ul>{items}</ul>
            </div>
        }
    });
    let (files_go, resp_go) = (files.clone(), resp.clone());
    let go = move |_| {
        apply.run((
            files_go.clone(),
            resp_go.clone(),
            departed.get_untracked(),
            remove.get_untracked(),
        ))
    };
    view! {
        <div id="data-review">
            <h4>{tr(|l| td_string!(l, data.diff.title))}</h4>
            <table class="data-counts">
                <thead>
                    <tr>
                        <th scope="col">{tr(|l| td_string!(l, data.diff.sheet))}</th>
                        <th scope="col">{tr(|l| td_string!(l, data.diff.added))}</th>
                        <th scope="col">{tr(|l| td_string!(l, data.diff.changed))}</th>
                        <th scope="col">{tr(|l| td_string!(l, data.diff.missing))}</th>
                    </tr>
                </thead>
                <tbody>{counts}</tbody>
            </table>
            {kept}
            {nothing.then(|| view! { <p id="data-nothing" role="status">{tr(|l| td_string!(l, data.diff.none))}</p> })}
            {(!nothing).then(|| view! { <h4>{tr(|l| td_string!(l, data.diff.changes))}</h4> {examples} })}
            {flags}
            {(missing_people > 0)
                .then(|| {
                    view! {
                        <p>
                            <label for="data-departed">
                                {td_string!(current(), data.decide.departed, n = missing_people).to_string()}
                            </label>
                            " "
                            <select
                                id="data-departed"
                                on:change=move |ev| departed.set(event_target_value(&ev).parse().ok())
                            >
                                <option value="">{tr(|l| td_string!(l, data.decide.choose))}</option>
                                {Departure::ALL
                                    .into_iter()
                                    .map(|d| {
                                        view! {
                                            <option value=d.code()>{move || departure_label(d, lang.get())}</option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </p>
                    }
                })}
            {(missing_org > 0)
                .then(|| {
                    view! {
                        <p>
                            <label>
                                <input
                                    type="checkbox"
                                    id="data-remove"
                                    on:change=move |ev| remove.set(event_target_checked(&ev))
                                />
                                " "
                                {td_string!(current(), data.decide.remove_org, n = missing_org).to_string()}
                            </label>
                        </p>
                    }
                })}
            {(!nothing)
                .then(|| {
                    view! {
                        <p class="actions">
                            <button
                                type="button"
                                id="data-apply"
                                disabled=move || !ready() || confirming.get()
                                on:click=move |_| confirming.set(true)
                            >
                                {tr(|l| td_string!(l, data.apply))}
                            </button>
                        </p>
                        {move || {
                            confirming
                                .get()
                                .then(|| {
                                    view! {
                                        <div id="data-confirm" class="confirm" role="alertdialog" aria-labelledby="data-confirm-text">
                                            <p id="data-confirm-text">{tr(|l| td_string!(l, data.confirm))}</p>
                                            <button type="button" id="data-confirm-yes" on:click=go.clone()>
                                                {tr(|l| td_string!(l, data.confirm_yes))}
                                            </button>
                                            " "
                                            <button type="button" id="data-confirm-no" on:click=move |_| confirming.set(false)>
                                                {tr(|l| td_string!(l, data.cancel))}
                                            </button>
                                        </div>
                                    }
                                })
                        }}
                    }
                })}
        </div>
    }
}
