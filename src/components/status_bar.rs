//! The always-visible status: online/offline (text and symbol, never colour alone), sync
//! activity, pending changes, conflicts, and when the local cache last synced.

use leptos::prelude::*;

use crate::components::format::moment_in;
use crate::components::sync_progress::SyncProgress;
use crate::i18n::*;
use crate::lang::use_i18n;
use crate::state::cache::{use_cache_status, CacheState};
use crate::state::connectivity::{use_connectivity, Link};
use crate::state::sync::use_sync;

#[component]
pub fn StatusBar() -> impl IntoView {
    let conn = use_connectivity();
    let cache = use_cache_status();
    let sync = use_sync();
    let i18n = use_i18n();
    let link = move || conn.link();
    let link_attr = move || match link() {
        Link::Online => "online",
        Link::Offline => "offline",
        Link::Checking => "checking",
    };
    let link_text = move || match link() {
        Link::Online => td_string!(i18n.get_locale(), common.status.online),
        Link::Offline => td_string!(i18n.get_locale(), common.status.offline),
        Link::Checking => td_string!(i18n.get_locale(), common.status.checking),
    };
    let cache_text = move || match cache.state.get() {
        CacheState::Opening => td_string!(i18n.get_locale(), common.status.opening).to_string(),
        CacheState::Ready { last_synced: None } => {
            td_string!(i18n.get_locale(), common.status.never).to_string()
        }
        CacheState::Ready {
            last_synced: Some(when),
        } => td_string!(
            i18n.get_locale(),
            common.status.last,
            when = moment_in(&when, i18n.get_locale())
        )
        .to_string(),
        CacheState::Failed(err) => err,
    };
    let synced_attr = move || match cache.state.get() {
        CacheState::Ready { last_synced } => last_synced,
        _ => None,
    };
    let cache_attr = move || match cache.state.get() {
        CacheState::Opening => "opening",
        CacheState::Ready { .. } => "ready",
        CacheState::Failed(_) => "failed",
    };
    // While a sync pulls: a progress bar with "N dari M data" once records arrive.
    let sync_view = move || {
        if !sync.syncing.get() {
            return None;
        }
        Some(match sync.progress.get() {
            Some(p) if p.received > 0 => view! {
                {move || td_string!(i18n.get_locale(), common.status.syncing)}
                " "
                <SyncProgress id="sync-progress"
                    progress=Signal::derive(move || sync.progress.get().unwrap_or_default()) />
            }
            .into_any(),
            _ => {
                view! { {move || td_string!(i18n.get_locale(), common.status.syncing)} }.into_any()
            }
        })
    };
    view! {
        // One line that never grows (see style/main.css); on a narrow screen it scrolls
        // sideways, so it takes focus for keyboard scrolling.
        <div class="status-bar" role="status" aria-live="polite" tabindex="0">
            <span id="connection" class="connection" data-state=link_attr>
                {link_text}
            </span>
            <span id="pending" class="pending" data-count=move || sync.pending.get()>
                {move || td_string!(i18n.get_locale(), common.status.pending, n = sync.pending.get()).to_string()}
            </span>
            <Show when=move || { sync.conflicts.get() > 0 }>
                <a id="conflicts" class="conflicts" href="/usulan#konflik" data-count=move || sync.conflicts.get()>
                    {move || td_string!(i18n.get_locale(), common.status.conflicts, n = sync.conflicts.get()).to_string()}
                </a>
            </Show>
            <span id="sync-activity" class="sync-activity">{sync_view}</span>
            {move || {
                sync.last_error
                    .get()
                    .filter(|e| e.worth_showing() && !sync.syncing.get())
                    .map(|e| {
                        let l = i18n.get_locale();
                        let err = e.describe(l);
                        view! {
                            <span id="sync-error" class="sync-error">
                                {td_string!(l, common.status.sync_failed, err).to_string()}
                            </span>
                        }
                    })
            }}
            // `data-synced`: when the last sync ended (ISO 8601), for scripts and tests that
            // wait for a sync newer than an action of theirs.
            <span id="cache-status" class="cache" data-state=cache_attr data-synced=synced_attr>
                {cache_text}
            </span>
        </div>
    }
}
