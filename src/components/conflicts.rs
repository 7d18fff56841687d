//! The conflicts panel: changes the server refused because the record moved on meanwhile (HTTP
//! 409), because a rule forbids them (HTTP 422), or because it cannot take them as they are
//! (403, 404, 422 `invalid_op`: e.g. a scope changed while the device was offline). Each shows
//! my change beside the server's current record and offers to keep the server's version (forget
//! my change) or, when the workflow still allows it, to apply the same change again on the
//! server's version (a new op).
//!
//! [`reapply`] is the pure decision; the component only writes what it returns.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::text::Text;
use mutasi_core::wire::auth::Account;
use mutasi_core::wire::sync::{Change, Op, Proposal, Record, RecordKind};
use mutasi_core::workflow::Step;

use super::format::clip;
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};
use crate::pages::usulan::actions::{apply, refusal};
use crate::pages::usulan::model::{action_name, status_name};
use crate::state::proposals::use_proposals;
use crate::state::session::Session;
use crate::state::sync::SyncState;
use crate::store::outbox::{self, ConflictEntry};
use crate::store::{self, records};

/// How much of a change's notes the panel shows.
const NOTES_SHOWN: usize = 160;

/// The op that applies the change of `entry` again on the server's current record (new id
/// `op_id`, `base_version` = the server's version) and the optimistic local copy; or why it
/// cannot be applied again.
pub fn reapply(
    entry: &ConflictEntry,
    by: &Account,
    op_id: String,
    at: &str,
) -> Result<(Op, Record), Text> {
    let Some(current) = entry.current.as_ref() else {
        return Err(Text::new(
            "server menolak perubahan ini; tidak dapat diterapkan lagi apa adanya",
            "the server refused this change; it cannot be applied again as it is",
        ));
    };
    let mut local = current.clone();
    local.version = current.version + 1;
    match &entry.op.change {
        Change::SetPreferences { preferences, .. } => {
            local.data["preferences"] = serde_json::to_value(preferences).unwrap_or_default();
        }
        change => {
            let p: Proposal = serde_json::from_value(current.data.clone()).map_err(|_| {
                Text::new(
                    "data usulan di server tidak terbaca",
                    "the server's proposal cannot be read",
                )
            })?;
            let step = Step::of(change)
                .ok_or_else(|| Text::new("langkah tidak dikenal", "unknown step"))?;
            if let Some(why) = refusal(by, None, &p, step) {
                return Err(why);
            }
            let next = apply(&p, change, entry.op.reason.as_deref(), by, at)?;
            local.data = serde_json::to_value(&next).unwrap_or_default();
        }
    }
    let op = Op {
        id: op_id,
        base_version: current.version,
        reason: entry.op.reason.clone(),
        change: entry.op.change.clone(),
    };
    Ok((op, local))
}

/// Where to move the sync cursor when my change is dropped without the server's copy (a rule
/// refusal): just before the local record's last pulled change, so the next pull brings it.
pub fn rewind_for(entry: &ConflictEntry, local: Option<&Record>) -> Option<u64> {
    match (&entry.current, local) {
        (None, Some(r)) if r.version > entry.op.base_version => Some(r.seq.saturating_sub(1)),
        _ => None,
    }
}

fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
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
                    let (op, local) = reapply(&entry, &by, crate::ids::uuid_v7(), &now_iso())
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
                            let blocked = account
                                .as_ref()
                                .map(|a| reapply(&entry, a, String::new(), "").err())
                                .unwrap_or_else(|| Some(Text::new("belum masuk", "not logged in")));
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
