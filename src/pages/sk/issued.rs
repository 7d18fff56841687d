//! Proposals whose SK is issued, waiting for the inauguration (pelantikan): one action per
//! proposal records it on the chosen date (BKPSDM desk). The server then moves the employee
//! (their record and both slots), which this device sees after the next pull.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::wire::sync::ProposalStatus;
use mutasi_core::Dataset;

use super::local::{self, Stored};
use super::{describe, Recorder};
use crate::components::format::date_id;
use crate::state::data::use_city_data;

#[component]
pub fn Issued(ds: Arc<Dataset>, list: Arc<Vec<Stored>>, desk: Recorder) -> impl IntoView {
    let data = use_city_data();
    let on = RwSignal::new(data.today.get_untracked());
    let message = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);
    let waiting: Vec<Stored> = list
        .iter()
        .filter(|s| s.proposal.status == ProposalStatus::SkIssued)
        .cloned()
        .collect();
    let record = move |s: Stored| {
        let Some(sync) = desk.sync else {
            message.set(Some(Err(
                "Sinkronisasi tidak tersedia / Sync is not available".into(),
            )));
            return;
        };
        let date = on.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let (op, local) = local::inaugurate(&s, date);
            let result = sync.record_change(op, Some(local)).await;
            let _ = message.try_set(Some(match result {
                Ok(()) => Ok(format!(
                    "Pelantikan {} pada {} dicatat; dikirim saat daring. / Inauguration of {} on {date} recorded; sent when online.",
                    s.proposal.nip,
                    date_id(date),
                    s.proposal.nip
                )),
                Err(e) => Err(format!("{}: {e}", s.proposal.id)),
            }));
            let _ = busy.try_set(false);
            desk.reload.try_update(|n| *n += 1);
        });
    };
    let rows = waiting
        .iter()
        .map(|s| {
            let p = &s.proposal;
            let (who, to) = describe(&ds, p);
            let sk = p
                .sk
                .as_ref()
                .map(|r| format!("{} ({})", r.number, date_id(r.date)))
                .unwrap_or_else(|| "-".into());
            let item = s.clone();
            view! {
                <tr data-proposal=p.id.clone()>
                    <td>{who} <br /> <span class="note">"NIP " {p.nip.to_string()}</span></td>
                    <td>{to}</td>
                    <td>{sk}</td>
                    <td>{date_id(p.tmt)}</td>
                    <td>
                        <button
                            type="button"
                            class="inaugurate"
                            disabled=move || busy.get() || !desk.can.get()
                            on:click=move |_| record(item.clone())
                        >
                            "Catat pelantikan " <span class="en" lang="en">"/ Record inauguration"</span>
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section id="sk-inauguration" class="no-print" aria-labelledby="sk-inauguration-h">
            <h3 id="sk-inauguration-h">
                "Menunggu pelantikan " <span class="en" lang="en">"/ Waiting for the inauguration"</span>
            </h3>
            {if waiting.is_empty() {
                view! {
                    <p class="note">
                        "Belum ada usulan dengan SK terbit. " <span class="en" lang="en">"No proposals with an issued SK."</span>
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <label class="inline">
                        "Tanggal pelantikan " <span class="en" lang="en">"/ Inauguration date"</span>
                        <input
                            id="inaug-date"
                            type="date"
                            prop:value=move || on.get().to_string()
                            on:change=move |ev| {
                                if let Ok(d) = event_target_value(&ev).parse() {
                                    on.set(d);
                                }
                            }
                        />
                    </label>
                    <div class="table-wrap">
                        <table id="sk-issued">
                            <thead>
                                <tr>
                                    <th scope="col">"Nama / NIP " <span class="en">"/ Name"</span></th>
                                    <th scope="col">"Jabatan baru, unit " <span class="en">"/ New post, unit"</span></th>
                                    <th scope="col">"SK"</th>
                                    <th scope="col">"TMT"</th>
                                    <th scope="col">"Tindakan " <span class="en">"/ Action"</span></th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
            <div role="status" id="inaug-result">
                {move || match message.get() {
                    Some(Ok(m)) => view! { <p class="ok">{m}</p> }.into_any(),
                    Some(Err(m)) => view! { <p class="error" role="alert">{m}</p> }.into_any(),
                    None => ().into_any(),
                }}
            </div>
        </section>
    }
}
