//! Proposals whose SK is issued, waiting for the inauguration (pelantikan): one action per
//! proposal records it on the chosen date (BKPSDM desk). The server then moves the employee
//! (their record and both slots), which this device sees after the next pull.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::wire::sync::ProposalStatus;
use mutasi_core::Dataset;

use mutasi_core::text::Text;

use super::local::{self, Stored};
use super::{describe, message_view, who_text, Recorder};
use crate::components::format::date_shown;
use crate::components::table::{cols, TableHead};
use crate::i18n::*;
use crate::lang::{tr, use_i18n};
use crate::pages::usulan::both;
use crate::state::data::use_city_data;

#[component]
pub fn Issued(ds: Arc<Dataset>, list: Arc<Vec<Stored>>, desk: Recorder) -> impl IntoView {
    let data = use_city_data();
    let i18n = use_i18n();
    let on = RwSignal::new(data.today.get_untracked());
    let message = RwSignal::new(None::<Result<Text, Text>>);
    let busy = RwSignal::new(false);
    let waiting: Vec<Stored> = list
        .iter()
        .filter(|s| s.proposal.status == ProposalStatus::SkIssued)
        .cloned()
        .collect();
    // The data the step is judged on, as a `Copy` handle for every row's button.
    let judged_on = StoredValue::new(ds.clone());
    let record = move |s: Stored| {
        let (Some(sync), Some(by)) = (desk.sync, desk.session.and_then(|s| s.account())) else {
            message.set(Some(Err(both!(sk.no_sync))));
            return;
        };
        let date = on.get_untracked();
        // The core's decision, as the server's: a refusal is never queued.
        let taken =
            judged_on.with_value(|ds| local::inaugurate(&s, &by, ds, date, crate::clock::now()));
        let (op, local) = match taken {
            Ok(x) => x,
            Err(why) => {
                message.set(Some(Err(why)));
                return;
            }
        };
        busy.set(true);
        spawn_local(async move {
            let result = sync.record_change(op, Some(local)).await;
            let _ = message.try_set(Some(match result {
                // The Indonesian date as "3 Oktober 2026", the English one as written (ISO).
                Ok(()) => Ok(Text::new(
                    td_string!(
                        Locale::id,
                        sk.inaug.done,
                        nip = &s.proposal.nip,
                        date = date_shown(date)
                    )
                    .to_string(),
                    td_string!(Locale::en, sk.inaug.done, nip = &s.proposal.nip, date).to_string(),
                )),
                Err(e) => Err(Text::same(format!("{}: {e}", s.proposal.id))),
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
            let who = move || who_text(who.as_deref(), i18n.get_locale());
            let sk =
                p.sk.as_ref()
                    .map(|r| format!("{} ({})", r.number, date_shown(r.date)))
                    .unwrap_or_else(|| "-".into());
            let item = s.clone();
            view! {
                <tr data-proposal=p.id.clone()>
                    <td>{who} <br /> <span class="note">"NIP " {p.nip.to_string()}</span></td>
                    <td>{to}</td>
                    <td>{sk}</td>
                    <td>{let d = p.tmt; move || date_shown(d)}</td>
                    <td>
                        <button
                            type="button"
                            class="inaugurate"
                            disabled=move || busy.get() || !desk.can.get()
                            on:click=move |_| record(item.clone())
                        >
                            {tr(|l| td_string!(l, sk.inaug.record))}
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section id="sk-inauguration" class="no-print" aria-labelledby="sk-inauguration-h">
            <h3 id="sk-inauguration-h">
                {tr(|l| td_string!(l, sk.inaug.heading))}
            </h3>
            {if waiting.is_empty() {
                view! {
                    <p class="note">{tr(|l| td_string!(l, sk.inaug.none))}</p>
                }
                    .into_any()
            } else {
                view! {
                    <label class="inline">
                        {tr(|l| td_string!(l, sk.inaug.date))} " "
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
                            <TableHead cols=cols![[sk.col] name, post, sk, tmt, action] />
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
            <div role="status" id="inaug-result">
                {message_view(message)}
            </div>
        </section>
    }
}
