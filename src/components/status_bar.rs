//! The always-visible status: online/offline (text and symbol, never colour alone) and when the
//! local cache last synced.

use leptos::prelude::*;

use crate::state::cache::{use_cache_status, CacheState};
use crate::state::connectivity::{use_connectivity, Link};

#[component]
pub fn StatusBar() -> impl IntoView {
    let conn = use_connectivity();
    let cache = use_cache_status();
    let link = move || conn.link();
    let link_attr = move || match link() {
        Link::Online => "online",
        Link::Offline => "offline",
        Link::Checking => "checking",
    };
    let link_text = move || match link() {
        Link::Online => "● Daring / Online",
        Link::Offline => "○ Luring / Offline",
        Link::Checking => "◌ Memeriksa… / Checking…",
    };
    let cache_text = move || match cache.state.get() {
        CacheState::Opening => "Membuka data lokal… / Opening local data…".to_string(),
        CacheState::Ready { last_synced: None } => {
            "Sinkron terakhir: belum pernah / Last synced: never".to_string()
        }
        CacheState::Ready {
            last_synced: Some(when),
        } => {
            format!("Sinkron terakhir / Last synced: {when}")
        }
        CacheState::Failed(err) => err,
    };
    let cache_attr = move || match cache.state.get() {
        CacheState::Opening => "opening",
        CacheState::Ready { .. } => "ready",
        CacheState::Failed(_) => "failed",
    };
    view! {
        <div class="status-bar" role="status" aria-live="polite">
            <span id="connection" class="connection" data-state=link_attr>
                {link_text}
            </span>
            <span id="cache-status" class="cache" data-state=cache_attr>
                {cache_text}
            </span>
        </div>
    }
}
