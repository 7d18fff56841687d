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
use mutasi_core::wire::sync::{Proposal, ProposalStatus};
use mutasi_core::workflow::sk::{sk_draft, sk_number, SkDraft};
use mutasi_core::Dataset;

use crate::components::format::date_id;
use crate::components::no_data::NoData;
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
                <h2>"Draf SK " <span class="en" lang="en">"/ Decree draft"</span></h2>
                <p>
                    "Pilih usulan yang sudah disetujui PPK, isi nomor urut dan tanggal, periksa draf keputusan, lalu cetak atau unduh lampirannya. Setelah SK ditandatangani, catat SK terbit dan kemudian pelantikannya."
                </p>
                <p class="en" lang="en">
                    "Choose proposals approved by the PPK, enter the serial and the date, check the decree draft, then print it or download its attachment. Once the SK is signed, record it as issued and later the inauguration."
                </p>
                {move || {
                    (!desk.can.get())
                        .then(|| {
                            view! {
                                <p id="sk-desk-note" class="note">
                                    "Hanya BKPSDM (perencana tingkat kota) yang dapat mencatat SK terbit dan pelantikan. "
                                    <span class="en" lang="en">
                                        "Only BKPSDM (a city-wide planner) can record SKs and inaugurations."
                                    </span>
                                </p>
                            }
                        })
                }}
                <button id="sk-reload" type="button" class="sort" on:click=move |_| reload.update(|n| *n += 1)>
                    "Muat ulang usulan " <span class="en" lang="en">"/ Reload proposals"</span>
                </button>
            </div>
            {move || match (data.dataset.get(), loaded.get()) {
                (None, _) => view! { <NoData /> }.into_any(),
                (_, None) => {
                    view! {
                        <p role="status">
                            "Memuat usulan dari perangkat… " <span class="en" lang="en">"/ Loading proposals from this device…"</span>
                        </p>
                    }
                        .into_any()
                }
                (_, Some(Err(err))) => {
                    view! {
                        <p id="sk-load-error" class="error" role="alert">
                            "Usulan di perangkat tidak dapat dibaca / The proposals on this device could not be read: "
                            {err}
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

/// Names for a proposal's row: who, and where to.
pub fn describe(ds: &Dataset, p: &Proposal) -> (String, String) {
    let who = ds.employee(&p.nip).map_or_else(
        || "(tidak dikenal / unknown)".to_string(),
        |e| e.name.clone(),
    );
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

/// The draft (or its problems) for the chosen proposals.
pub fn draft_for(
    ds: &Dataset,
    chosen: &[Stored],
    serial: u32,
    date: NaiveDate,
) -> Result<SkDraft, Vec<String>> {
    let proposals: Vec<Proposal> = chosen.iter().map(|s| s.proposal.clone()).collect();
    sk_draft(ds, &ds.rules().sk, &proposals, serial, date)
        .map_err(|errs| errs.into_iter().map(|t| t.to_string()).collect())
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
    let approved = rows.len();
    let (l3, d3) = (list.clone(), ds.clone());
    let draft = Memo::new(move |_| {
        let picked = selected.with(|sel| chosen(&l3, sel));
        (!picked.is_empty()).then(|| draft_for(&d3, &picked, serial_now(), date.get()))
    });
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
            let id = p.id.clone();
            let id2 = id.clone();
            let status = (p.status != ProposalStatus::Approved).then(|| {
                view! {
                    <span class="badge warn">
                        {format!("status {} — bukan approved / not approved", p.status)}
                    </span>
                }
            });
            view! {
                <tr data-proposal=p.id.clone()>
                    <td>
                        <input
                            type="checkbox"
                            class="sk-pick compare-box"
                            aria-label=format!("Pilih / Choose {who}")
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
                    <td>{date_id(p.tmt)}</td>
                    <td>{status}</td>
                </tr>
            }
        })
        .collect_view();
    let csv_last = RwSignal::new(None::<Download>);
    let message = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);
    let download = move |_| {
        if let Some(Ok(d)) = draft.get_untracked() {
            let file = format!("lampiran-sk-{}.csv", d.number.replace(['/', ' '], "-"));
            if let Err(e) = offer(csv_last, &d.table_csv(), &file, "text/csv;charset=utf-8") {
                message.set(Some(Err(format!("Unduhan gagal / Download failed: {e}"))));
            }
        }
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            if let Err(e) = w.print() {
                message.set(Some(Err(format!("Cetak gagal / Printing failed: {e:?}"))));
            }
        }
    };
    let l4 = list.clone();
    let record = move |_| {
        let Some(Ok(d)) = draft.get_untracked() else {
            return;
        };
        let Some(sync) = desk.sync else {
            message.set(Some(Err(
                "Sinkronisasi tidak tersedia / Sync is not available".into(),
            )));
            return;
        };
        let picked = selected.with_untracked(|sel| chosen(&l4, sel));
        busy.set(true);
        spawn_local(async move {
            let mut errors = Vec::new();
            let mut done = 0;
            for s in &picked {
                let (op, local) = local::issue_sk(s, &d.number, d.date);
                match sync.record_change(op, Some(local)).await {
                    Ok(()) => done += 1,
                    Err(e) => errors.push(format!("{}: {e}", s.proposal.id)),
                }
            }
            let _ = message.try_set(Some(if errors.is_empty() {
                Ok(format!(
                    "SK {} dicatat terbit untuk {done} usulan; dikirim saat daring. / SK {} recorded as issued for {done} proposals; sent when online.",
                    d.number, d.number
                ))
            } else {
                Err(errors.join("; "))
            }));
            let _ = selected.try_set(Vec::new());
            let _ = serial.try_set(None);
            let _ = busy.try_set(false);
            desk.reload.try_update(|n| *n += 1);
        });
    };
    let example = sk_number(&pattern, 1, date.get_untracked().year());
    view! {
        <section id="sk-choose" class="no-print" aria-labelledby="sk-choose-h">
            <h3 id="sk-choose-h">
                "Usulan disetujui " <span class="en" lang="en">"/ Approved proposals"</span>
            </h3>
            {if approved == 0 {
                view! {
                    <p id="sk-none" class="note">
                        "Belum ada usulan berstatus disetujui di perangkat ini. "
                        <span class="en" lang="en">"No approved proposals on this device yet."</span>
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <div class="toolbar">
                        <button
                            type="button"
                            class="sort"
                            id="sk-all"
                            on:click=move |_| selected.set(all_ids.clone())
                        >
                            "Pilih semua " <span class="en" lang="en">"/ Choose all"</span>
                        </button>
                        <button type="button" class="sort" on:click=move |_| selected.set(Vec::new())>
                            "Kosongkan " <span class="en" lang="en">"/ Clear"</span>
                        </button>
                    </div>
                    <div class="table-wrap">
                        <table id="sk-approved">
                            <thead>
                                <tr>
                                    <th scope="col">"Pilih " <span class="en">"/ Choose"</span></th>
                                    <th scope="col">"Nama / NIP " <span class="en">"/ Name"</span></th>
                                    <th scope="col">"Jabatan baru, unit " <span class="en">"/ New post, unit"</span></th>
                                    <th scope="col">"TMT"</th>
                                    <th scope="col">"Catatan " <span class="en">"/ Note"</span></th>
                                </tr>
                            </thead>
                            <tbody>{table_rows}</tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
            <div class="inline sk-form">
                <label>
                    "Nomor urut (NNN) " <span class="en" lang="en">"/ Serial"</span>
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
                    "Tanggal SK " <span class="en" lang="en">"/ Date"</span>
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
                    {move || format!("Usulan nomor berikutnya: {} / Next serial: {}", suggestion.get(), suggestion.get())}
                    <br />
                    {format!("Pola nomor / Number pattern: {pattern} (mis. / e.g. {example})")}
                </p>
            </div>
        </section>
        {move || match draft.get() {
            None => {
                view! {
                    <p id="sk-empty" class="note no-print">
                        "Pilih minimal satu usulan untuk menyusun draf SK. "
                        <span class="en" lang="en">"Choose at least one proposal to draft the SK."</span>
                    </p>
                }
                    .into_any()
            }
            Some(Err(errs)) => {
                view! {
                    <div id="sk-errors" class="error no-print" role="alert">
                        <p>"Draf SK belum dapat dibuat: " <span class="en" lang="en">"/ The SK cannot be drafted yet:"</span></p>
                        <ul>{errs.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                    </div>
                }
                    .into_any()
            }
            Some(Ok(d)) => {
                view! {
                    <div class="toolbar no-print" role="group" aria-label="Tindakan / Actions">
                        <button id="sk-print" type="button" on:click=print>
                            "Cetak " <span class="en" lang="en">"/ Print"</span>
                        </button>
                        <button id="sk-csv" type="button" on:click=download>
                            "Unduh CSV " <span class="en" lang="en">"/ Download CSV"</span>
                        </button>
                        <button
                            id="sk-issue"
                            type="button"
                            class="primary"
                            disabled=move || busy.get() || !desk.can.get()
                            on:click=record.clone()
                        >
                            "Catat SK terbit " <span class="en" lang="en">"/ Record the SK as issued"</span>
                        </button>
                    </div>
                    <p class="note no-print" lang="en">"The decree is an Indonesian legal text and is shown in Indonesian only."</p>
                    <document::SkDocument draft=d />
                }
                    .into_any()
            }
        }}
        <DownloadLink last=csv_last id="sk-csv-link" />
        <div class="no-print" role="status" id="sk-result">
            {move || match message.get() {
                Some(Ok(m)) => view! { <p class="ok">{m}</p> }.into_any(),
                Some(Err(m)) => view! { <p class="error" role="alert">{m}</p> }.into_any(),
                None => ().into_any(),
            }}
        </div>
    }
}
