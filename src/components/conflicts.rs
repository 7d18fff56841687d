//! The conflicts panel: changes the server refused because the record moved on meanwhile (HTTP
//! 409), because a rule forbids them (HTTP 422), or because it cannot take them as they are
//! (403, 404, 422 `invalid_op`: e.g. a scope changed while the device was offline). Each shows
//! my change beside the server's current record and offers to keep the server's version (forget
//! my change) or, when the workflow still allows it, to apply the same change again on the
//! server's version (a new op).
//!
//! [`reapply`] is the pure decision; the component only writes what it returns.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::text::Text;
use mutasi_core::wire::auth::Account;
use mutasi_core::wire::sync::{Op, Proposal, Record, RecordKind};
use mutasi_core::workflow::{self, Actor};
use mutasi_core::Dataset;

use super::format::clip;
use crate::clock::{now, now_iso};
use crate::i18n::*;
use crate::lang::{both, pick, tr, use_i18n};
use crate::pages::usulan::model::{action_name, status_name};
use crate::state::data::CityData;
use crate::state::proposals::use_proposals;
use crate::state::session::Session;
use crate::state::sync::SyncState;
use crate::store::outbox::{self, ConflictEntry};
use crate::store::{self, records};

/// How much of a change's notes the panel shows.
const NOTES_SHOWN: usize = 160;

/// The op that applies the change of `entry` again on the server's current record (new id
/// `op_id`, on the server's version and state) and the optimistic local copy, by the core's
/// [`workflow::record`] on the device's data `ds`; or why it cannot be applied again.
pub fn reapply(
    entry: &ConflictEntry,
    by: &Account,
    ds: Option<&Dataset>,
    op_id: String,
    at: DateTime<Utc>,
) -> Result<(Op, Record), Text> {
    let Some(current) = entry.current.as_ref() else {
        return Err(both(|l| td_string!(l, common.conflicts.as_is).to_string()));
    };
    let Some(ds) = ds else {
        return Err(both(|l| {
            td_string!(l, common.conflicts.no_data).to_string()
        }));
    };
    workflow::record(
        &Actor::of(by),
        ds,
        Some(current),
        op_id,
        entry.op.change.clone(),
        entry.op.reason.as_deref(),
        at,
    )
    .map(|r| (r.op, r.local))
    .map_err(|e| e.text())
}

/// Where to move the sync cursor when my change is dropped without the server's copy (a rule
/// refusal): just before the local record's last pulled change, so the next pull brings it.
pub fn rewind_for(entry: &ConflictEntry, local: Option<&Record>) -> Option<u64> {
    match (&entry.current, local) {
        (None, Some(r)) if r.version > entry.op.base_version => Some(r.seq.saturating_sub(1)),
        _ => None,
    }
}

/// A short description of a record as the server holds it, in `locale`.
fn record_text(r: &Record, locale: Locale) -> String {
    match r.kind {
        RecordKind::Proposal => match serde_json::from_value::<Proposal>(r.data.clone()) {
            Ok(p) => {
                let last = p.history.last().map(|h| {
                    let action = action_name(&h.action, locale);
                    let at = crate::components::format::moment_in(&h.at, locale);
                    format!(" — {action} ({}, {at})", h.by)
                });
                format!(
                    "v{}: {}{}",
                    r.version,
                    status_name(p.status, locale),
                    last.unwrap_or_default()
                )
            }
            Err(_) => format!("v{}", r.version),
        },
        _ => format!("{} {} v{}", r.kind.as_str(), r.id, r.version),
    }
}

/// The list of unresolved conflicts with their two resolutions (renders nothing without any).
#[component]
pub fn ConflictsPanel() -> impl IntoView {
    let Some(proposals) = use_proposals() else {
        return ().into_any();
    };
    let i18n = use_i18n();
    let message = RwSignal::new(None::<String>);
    // Read from context here, in the component: inside the spawned task below there is no
    // owner to read it from.
    let city = use_context::<CityData>();
    let resolve = move |entry: ConflictEntry, again: bool| {
        let sync = use_context::<SyncState>();
        let account = use_context::<Session>().and_then(|s| s.account());
        spawn_local(async move {
            let result: Result<String, String> = async {
                let db = store::open(store::DB_NAME)
                    .await
                    .map_err(|e| e.to_string())?;
                let done = if again {
                    let by =
                        account.ok_or(td_string!(i18n.get_locale(), common.errors.log_in_first))?;
                    let ds = city.and_then(|d| d.dataset.get_untracked());
                    let (op, local) =
                        reapply(&entry, &by, ds.as_deref(), crate::ids::uuid_v7(), now())
                            .map_err(|t| pick(&t))?;
                    outbox::requeue_conflict(&db, &entry.op_id, &op, Some(&local), &now_iso())
                        .await
                        .map(|_| {
                            td_string!(i18n.get_locale(), common.conflicts.reapplied).to_string()
                        })
                } else {
                    let (kind, id) = entry.op.change.target();
                    let local = records::get(&db, kind, &id).await.ok().flatten();
                    outbox::discard_conflict(&db, &entry.op_id, rewind_for(&entry, local.as_ref()))
                        .await
                        .map(|_| td_string!(i18n.get_locale(), common.conflicts.kept).to_string())
                };
                let counts = (
                    outbox::pending_count(&db).await.unwrap_or(0),
                    outbox::conflict_count(&db).await.unwrap_or(0) as usize,
                );
                db.close();
                let done = done.map_err(|e| e.to_string())?;
                if let Some(sync) = sync {
                    sync.pending.set(counts.0);
                    sync.conflicts.set(counts.1 as u32);
                    sync.request_soon();
                }
                Ok(done)
            }
            .await;
            proposals.reload();
            message.set(Some(result.unwrap_or_else(|e| e)));
        });
    };
    view! {
        <Show when=move || {
            proposals.conflicts.with(|c| !c.is_empty()) || message.with(Option::is_some)
        }>
            <section id="konflik" class="conflicts-panel" aria-labelledby="konflik-h">
                <h3 id="konflik-h">{tr(|l| td_string!(l, common.conflicts.title))}</h3>
                <p>{tr(|l| td_string!(l, common.conflicts.intro))}</p>
                <ul class="conflict-list">
                    <For
                        each=move || proposals.conflicts.get()
                        key=|c| c.op_id.clone()
                        let:entry
                    >
                        {
                            let account = use_context::<Session>().and_then(|s| s.account());
                            let ds = use_context::<CityData>().and_then(|d| d.dataset.get());
                            let blocked = match account.as_ref() {
                                Some(a) => reapply(&entry, a, ds.as_deref(), String::new(), now()).err(),
                                None => Some(both(|l| td_string!(l, common.errors.log_in_first).to_string())),
                            };
                            let (target_kind, target_id) = entry.op.change.target();
                            let lang = crate::lang::use_lang();
                            let (action, base, why) = (
                                entry.op.change.action().to_string(),
                                entry.op.base_version,
                                // Notes can be long (a pasted text): the gist is enough here.
                                entry.op.reason.as_ref().map(|r| format!(": {}", clip(r, NOTES_SHOWN))).unwrap_or_default(),
                            );
                            let mine = move || {
                                format!("{} (v{base}){why}", action_name(&action, lang.get()))
                            };
                            let current = entry.current.clone();
                            let server = move || match &current {
                                Some(r) => record_text(r, lang.get()),
                                None => td_string!(i18n.get_locale(), common.conflicts.not_sent).to_string(),
                            };
                            let href = (target_kind == RecordKind::Proposal)
                                .then(|| format!("/usulan/{target_id}"));
                            let keep_entry = entry.clone();
                            let again_entry = entry.clone();
                            let can_reapply = blocked.is_none();
                            view! {
                                <li class="conflict" data-op=entry.op_id.clone() data-target=target_id.clone()>
                                    <p class="conflict-target">
                                        {target_kind.as_str()} " "
                                        {match href {
                                            Some(h) => view! { <a href=h>{target_id.clone()}</a> }.into_any(),
                                            None => view! { <span>{target_id.clone()}</span> }.into_any(),
                                        }}
                                    </p>
                                    {match (entry.why.clone(), entry.reason.clone()) {
                                        (Some(why), _) => Some(view! { <p class="conflict-reason">{move || pick(&why)}</p> }.into_any()),
                                        (None, Some(r)) => Some(view! { <p class="conflict-reason">{r}</p> }.into_any()),
                                        (None, None) => None,
                                    }}
                                    <dl class="conflict-compare">
                                        <dt>{tr(|l| td_string!(l, common.conflicts.mine))}</dt>
                                        <dd class="conflict-mine">{mine}</dd>
                                        <dt>{tr(|l| td_string!(l, common.conflicts.server))}</dt>
                                        <dd class="conflict-server">{server}</dd>
                                    </dl>
                                    <div class="conflict-actions">
                                        <button type="button" class="conflict-keep" on:click=move |_| resolve(keep_entry.clone(), false)>
                                            {tr(|l| td_string!(l, common.conflicts.keep))}
                                        </button>
                                        <button type="button" class="conflict-reapply primary" disabled=!can_reapply on:click=move |_| resolve(again_entry.clone(), true)>
                                            {tr(|l| td_string!(l, common.conflicts.reapply))}
                                        </button>
                                    </div>
                                    {blocked.map(|why| view! {
                                        <p class="conflict-why">
                                            {move || td_string!(i18n.get_locale(), common.conflicts.cannot, why = pick(&why)).to_string()}
                                        </p>
                                    })}
                                </li>
                            }
                        }
                    </For>
                </ul>
                <p id="konflik-status" role="status">{move || message.get()}</p>
            </section>
        </Show>
    }
    .into_any()
}
