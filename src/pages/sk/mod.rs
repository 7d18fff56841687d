//! Draf SK (`/sk`): the decree for approved proposals, then its record as issued, then the
//! inauguration.
//!
//! - [`local`]: the proposal records on this device, the next serial, the ops of the steps.
//! - [`document`]: the decree as printed (number, considerations, attachment table).
//! - [`download`]: saving the attachment table as CSV.
//! - [`issued`]: proposals whose SK is issued, waiting for the inauguration.
//!
//! The draft itself is [`mutasi_core::workflow::sk::sk_draft`]; recording the SK and the
//! inauguration are workflow ops queued through [`crate::state::sync::SyncState`] (BKPSDM desk
//! only: a planner with city scope), sent when online and re-checked by the server.

pub mod document;
pub mod download;
pub mod issued;
pub mod local;

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::text::Text;
use mutasi_core::wire::sync::{Proposal, ProposalStatus};
use mutasi_core::workflow::sk::{sk_draft, sk_number, SkDraft, SkProblem};
use mutasi_core::Dataset;

use crate::components::format::date_shown;
use crate::components::no_data::NoData;
use crate::components::table::{cols, TableHead};
use crate::i18n::*;
use crate::lang::{is_en, pick, tr, use_i18n};
use crate::pages::usulan::both;
use crate::state::data::use_city_data;
use crate::state::session::Session;
use crate::state::sync::SyncState;
use crate::store;
use download::{offer, Download, DownloadLink};
use local::{issued_numbers, next_serial, Stored};

/// The route `/sk`.
#[component]
pub fn Sk() -> impl IntoView {
    view! { <SkPage db=store::DB_NAME /> }
}

/// Everything the SK screen needs from its context, taken once when it is created.
#[derive(Clone, Copy)]
pub struct Recorder {
    /// Where ops are queued (None: no sync engine, e.g. in tests).
    pub sync: Option<SyncState>,
    /// The signed-in account sits at the BKPSDM desk.
    pub can: Signal<bool>,
    /// The session (whose account takes the steps).
    pub session: Option<Session>,
    /// Read the proposals again.
    pub reload: RwSignal<u32>,
}

/// The SK screen reading the proposals of the IndexedDB database `db`.
#[component]
pub fn SkPage(#[prop(into)] db: String) -> impl IntoView {
    let data = use_city_data();
    let session = use_context::<Session>();
    let reload = RwSignal::new(0u32);
    let loaded = local::use_proposals(db, reload);
    let desk = Recorder {
        sync: use_context::<SyncState>(),
        can: Signal::derive(move || local::is_bkpsdm(session.and_then(|s| s.account()).as_ref())),
        session,
        reload,
    };
    let form = Form {
        selected: RwSignal::new(Vec::new()),
        serial: RwSignal::new(None),
        date: RwSignal::new(data.today.get_untracked()),
    };
    view! {
        <section class="page sk">
            <div class="no-print">
                <h2>{tr(|l| td_string!(l, sk.title))}</h2>
                <p>{tr(|l| td_string!(l, sk.intro))}</p>
                {move || {
                    (!desk.can.get())
                        .then(|| {
                            view! {
                                <p id="sk-desk-note" class="note">{tr(|l| td_string!(l, sk.desk_note))}</p>
                            }
                        })
                }}
                <button id="sk-reload" type="button" class="sort" on:click=move |_| reload.update(|n| *n += 1)>
                    {tr(|l| td_string!(l, sk.reload))}
                </button>
            </div>
            {move || match (data.dataset.get(), loaded.get()) {
                (None, _) => view! { <NoData /> }.into_any(),
                (_, None) => {
                    view! {
                        <p role="status">{tr(|l| td_string!(l, sk.loading))}</p>
                    }
                        .into_any()
                }
                (_, Some(Err(err))) => {
                    view! {
                        <p id="sk-load-error" class="error" role="alert">
                            {tr(|l| td_string!(l, sk.load_error))} " " {err}
                        </p>
                    }
                        .into_any()
                }
                (Some(ds), Some(Ok(list))) => {
                    view! {
                        <SkBody ds=ds.clone() list=list.clone() form desk />
                        <issued::Issued ds list desk />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// The planner's choices, kept while the proposals are read again.
#[derive(Clone, Copy)]
pub struct Form {
    /// Proposal ids chosen for the decree.
    pub selected: RwSignal<Vec<String>>,
    /// The serial typed in (None: the suggestion).
    pub serial: RwSignal<Option<u32>>,
    pub date: RwSignal<NaiveDate>,
}

/// Names for a proposal's row: who (None: not on this device), and where to.
pub fn describe(ds: &Dataset, p: &Proposal) -> (Option<String>, String) {
    let who = ds.employee(&p.nip).map(|e| e.name.clone());
    let to = ds.slot_idx(&p.slot).map_or_else(
        || p.slot.to_string(),
        |s| format!("{}, {}", ds.slot_position(s).name, ds.slot_unit(s).name),
    );
    (who, to)
}

/// The chosen proposals, in the order of the list.
pub fn chosen(list: &[Stored], selected: &[String]) -> Vec<Stored> {
    list.iter()
        .filter(|s| selected.contains(&s.proposal.id))
        .cloned()
        .collect()
}

/// The draft (or its problems, in both languages) for the chosen proposals.
pub fn draft_for(
    ds: &Dataset,
    chosen: &[Stored],
    serial: u32,
    date: NaiveDate,
) -> Result<SkDraft, Vec<Text>> {
    let proposals: Vec<Proposal> = chosen.iter().map(|s| s.proposal.clone()).collect();
    sk_draft(ds, &ds.rules().sk, &proposals, serial, date)
        .map_err(|problems| problems.iter().map(SkProblem::text).collect())
}

/// The name of a person, or "unknown" in `locale`.
pub fn who_text(who: Option<&str>, locale: Locale) -> String {
    who.unwrap_or(td_string!(locale, sk.unknown)).to_string()
}

/// A message of the SK screen: done (`Ok`) or failed, in both languages.
pub type Message = Option<Result<Text, Text>>;

/// The message in the chosen language (tracked), or nothing.
pub fn message_view(message: RwSignal<Message>) -> impl IntoView {
    move || match message.get() {
        Some(Ok(m)) => view! { <p class="ok">{pick(&m)}</p> }.into_any(),
        Some(Err(m)) => view! { <p class="error" role="alert">{pick(&m)}</p> }.into_any(),
        None => ().into_any(),
    }
}

#[component]
fn SkBody(ds: Arc<Dataset>, list: Arc<Vec<Stored>>, form: Form, desk: Recorder) -> impl IntoView {
    let Form {
        selected,
        serial,
        date,
    } = form;
    let pattern = ds.rules().sk.number_pattern.clone();
    let l2 = list.clone();
    let p2 = pattern.clone();
    let suggestion = Memo::new(move |_| next_serial(&p2, date.get().year(), issued_numbers(&l2)));
    let serial_now = move || serial.get().unwrap_or_else(|| suggestion.get());
    // Approved proposals, and any chosen one that is no longer approved (so it can be unticked).
    let rows: Vec<Stored> = list
        .iter()
        .filter(|s| {
            s.proposal.status == ProposalStatus::Approved
                || selected.with_untracked(|sel| sel.contains(&s.proposal.id))
        })
        .cloned()
        .collect();
    let (l3, d3) = (list.clone(), ds.clone());
    let draft = Memo::new(move |_| {
        let picked = selected.with(|sel| chosen(&l3, sel));
        (!picked.is_empty()).then(|| draft_for(&d3, &picked, serial_now(), date.get()))
    });
    let csv_last = RwSignal::new(None::<Download>);
    let message = RwSignal::new(None::<Result<Text, Text>>);
    let busy = RwSignal::new(false);
    let download = Callback::new(move |()| {
        if let Some(Ok(d)) = draft.get_untracked() {
            let file = format!("lampiran-sk-{}.csv", d.number.replace(['/', ' '], "-"));
            if let Err(e) = offer(csv_last, &d.table_csv(), &file, "text/csv;charset=utf-8") {
                message.set(Some(Err(both!(sk.draft.download_failed, error = &e))));
            }
        }
    });
    let print = Callback::new(move |()| {
        if let Some(w) = web_sys::window() {
            if let Err(e) = w.print() {
                let e = format!("{e:?}");
                message.set(Some(Err(both!(sk.draft.print_failed, error = &e))));
            }
        }
    });
    let (l4, d4) = (list.clone(), ds.clone());
    let record = Callback::new(move |()| {
        let Some(Ok(d)) = draft.get_untracked() else {
            return;
        };
        let (Some(sync), Some(by)) = (desk.sync, desk.session.and_then(|s| s.account())) else {
            message.set(Some(Err(both!(sk.no_sync))));
            return;
        };
        let ds = d4.clone();
        let picked = selected.with_untracked(|sel| chosen(&l4, sel));
        busy.set(true);
        spawn_local(async move {
            let mut errors = Vec::new();
            let mut done = 0;
            for s in &picked {
                let at = crate::clock::now();
                let recorded = match local::issue_sk(s, &by, &ds, &d.number, d.date, at) {
                    Ok((op, local)) => sync.record_change(op, Some(local)).await,
                    Err(why) => Err(pick(&why)),
                };
                match recorded {
                    Ok(()) => done += 1,
                    Err(e) => errors.push(format!("{}: {e}", s.proposal.id)),
                }
            }
            let _ = message.try_set(Some(if errors.is_empty() {
                Ok(both!(sk.draft.issued, number = &d.number, n = done))
            } else {
                Err(Text::same(errors.join("; ")))
            }));
            let _ = selected.try_set(Vec::new());
            let _ = serial.try_set(None);
            let _ = busy.try_set(false);
            desk.reload.try_update(|n| *n += 1);
        });
    });
    let actions = DraftActions {
        print,
        download,
        record,
        busy,
        can: desk.can,
        confirming: RwSignal::new(false),
    };
    view! {
        <section id="sk-choose" class="no-print" aria-labelledby="sk-choose-h">
            <h3 id="sk-choose-h">
                {tr(|l| td_string!(l, sk.choose.heading))}
            </h3>
            <ApprovedTable ds rows selected />
            <NumberAndDate serial date suggestion pattern />
        </section>
        {move || draft_view(draft.get(), actions)}
        <DownloadLink last=csv_last id="sk-csv-link" />
        <div class="no-print" role="status" id="sk-result">
            {message_view(message)}
        </div>
    }
}

/// The approved proposals to choose from (and any chosen one no longer approved), with "all"
/// and "none".
#[component]
fn ApprovedTable(
    ds: Arc<Dataset>,
    rows: Vec<Stored>,
    selected: RwSignal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! {
            <p id="sk-none" class="note">{tr(|l| td_string!(l, sk.choose.none))}</p>
        }
        .into_any();
    }
    let all_ids: Vec<String> = rows
        .iter()
        .filter(|s| s.proposal.status == ProposalStatus::Approved)
        .map(|s| s.proposal.id.clone())
        .collect();
    let table_rows = rows
        .iter()
        .map(|s| {
            let p = &s.proposal;
            let (who, to) = describe(&ds, p);
            let who = move || who_text(who.as_deref(), i18n.get_locale());
            let id = p.id.clone();
            let id2 = id.clone();
            let status = (p.status != ProposalStatus::Approved).then(|| {
                let status = p.status;
                view! {
                    <span class="badge warn">
                        {move || {
                            let locale = i18n.get_locale();
                            let status = crate::pages::usulan::model::status_name(status, locale);
                            td_string!(locale, sk.choose.not_approved, status).to_string()
                        }}
                    </span>
                }
            });
            let pick_label = {
                let who = who.clone();
                move || td_string!(i18n.get_locale(), sk.choose.pick, who = who()).to_string()
            };
            view! {
                <tr data-proposal=p.id.clone()>
                    <td>
                        <input
                            type="checkbox"
                            class="sk-pick compare-box"
                            aria-label=pick_label
                            prop:checked=move || selected.with(|s| s.contains(&id))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                selected
                                    .update(|s| {
                                        s.retain(|x| x != &id2);
                                        if on {
                                            s.push(id2.clone());
                                        }
                                    })
                            }
                        />
                    </td>
                    <td>{who.clone()} <br /> <span class="note">"NIP " {p.nip.to_string()}</span></td>
                    <td>{to}</td>
                    <td>{let d = p.tmt; move || date_shown(d)}</td>
                    <td>{status}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="toolbar">
            <button
                type="button"
                class="sort"
                id="sk-all"
                on:click=move |_| selected.set(all_ids.clone())
            >
                {tr(|l| td_string!(l, sk.choose.all))}
            </button>
            <button type="button" class="sort" on:click=move |_| selected.set(Vec::new())>
                {tr(|l| td_string!(l, sk.choose.clear))}
            </button>
        </div>
        <div class="table-wrap">
            <table id="sk-approved">
                <TableHead cols=cols![[sk.col] choose, name, post, tmt, note] />
                <tbody>{table_rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The decree's serial (the next one suggested) and date, with the number pattern.
#[component]
fn NumberAndDate(
    serial: RwSignal<Option<u32>>,
    date: RwSignal<NaiveDate>,
    suggestion: Memo<u32>,
    pattern: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let serial_now = move || serial.get().unwrap_or_else(|| suggestion.get());
    let example = sk_number(&pattern, 1, date.get_untracked().year());
    view! {
        <div class="inline sk-form">
            <label>
                {tr(|l| td_string!(l, sk.choose.serial))} " "
                <input
                    id="sk-serial"
                    type="number"
                    min="1"
                    inputmode="numeric"
                    prop:value=move || serial_now().to_string()
                    on:input=move |ev| serial.set(event_target_value(&ev).trim().parse().ok().filter(|n| *n > 0))
                />
            </label>
            <label>
                {tr(|l| td_string!(l, sk.choose.date))} " "
                <input
                    id="sk-date"
                    type="date"
                    prop:value=move || date.get().to_string()
                    on:change=move |ev| {
                        if let Ok(d) = event_target_value(&ev).parse() {
                            date.set(d);
                        }
                    }
                />
            </label>
            <p class="note">
                {move || td_string!(i18n.get_locale(), sk.choose.next_serial, n = suggestion.get()).to_string()}
                <br />
                {move || td_string!(i18n.get_locale(), sk.choose.pattern, pattern = &pattern, example = &example).to_string()}
            </p>
        </div>
    }
}

/// What the draft's toolbar does.
#[derive(Clone, Copy)]
struct DraftActions {
    print: Callback<()>,
    download: Callback<()>,
    record: Callback<()>,
    busy: RwSignal<bool>,
    can: Signal<bool>,
    /// "Catat SK terbit" was pressed: the confirmation is shown.
    confirming: RwSignal<bool>,
}

/// The draft (nothing chosen, its problems, or the decree with its toolbar).
fn draft_view(draft: Option<Result<SkDraft, Vec<Text>>>, a: DraftActions) -> AnyView {
    let i18n = use_i18n();
    match draft {
        None => view! {
            <p id="sk-empty" class="note no-print">{tr(|l| td_string!(l, sk.draft.empty))}</p>
        }
        .into_any(),
        Some(Err(errs)) => view! {
            <div id="sk-errors" class="error no-print" role="alert">
                <p>{tr(|l| td_string!(l, sk.draft.errors))}</p>
                <ul>{errs.into_iter().map(|e| view! { <li>{move || pick(&e)}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any(),
        Some(Ok(d)) => view! {
            <div class="toolbar no-print" role="group" aria-label=move || td_string!(i18n.get_locale(), sk.draft.actions)>
                <button id="sk-print" type="button" on:click=move |_| a.print.run(())>
                    {tr(|l| td_string!(l, sk.draft.print))}
                </button>
                <button id="sk-csv" type="button" on:click=move |_| a.download.run(())>
                    {tr(|l| td_string!(l, sk.draft.csv))}
                </button>
                <button
                    id="sk-issue"
                    type="button"
                    class="primary"
                    disabled=move || a.busy.get() || !a.can.get() || a.confirming.get()
                    on:click=move |_| a.confirming.set(true)
                >
                    {tr(|l| td_string!(l, sk.draft.issue))}
                </button>
            </div>
            // Recording the SK as issued cannot be undone: asked once more, with what it records.
            {
                let (number, n) = (d.number.clone(), d.rows.len());
                move || a.confirming.get().then(|| {
                    let number = number.clone();
                    view! {
                        <div id="sk-confirm" class="confirm no-print" role="alertdialog" aria-labelledby="sk-confirm-q">
                            <p id="sk-confirm-q">
                                {move || td_string!(i18n.get_locale(), sk.draft.confirm, number = &number, n).to_string()}
                            </p>
                            <button
                                id="sk-confirm-yes"
                                type="button"
                                class="primary"
                                on:click=move |_| {
                                    a.confirming.set(false);
                                    a.record.run(());
                                }
                            >
                                {tr(|l| td_string!(l, sk.draft.confirm_yes))}
                            </button>
                            " "
                            <button id="sk-confirm-no" type="button" on:click=move |_| a.confirming.set(false)>
                                {tr(|l| td_string!(l, sk.draft.confirm_no))}
                            </button>
                        </div>
                    }
                })
            }
            // Said to English readers only: the decree below stays Indonesian.
            {move || is_en().then(|| view! {
                <p id="sk-indonesian-only" class="note no-print">{tr(|l| td_string!(l, sk.draft.indonesian_only))}</p>
            })}
            <document::SkDocument draft=d />
        }
        .into_any(),
    }
}
