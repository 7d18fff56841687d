//! The message every data page shows while the device holds no city data.

use leptos::prelude::*;

use leptos_router::components::A;

use crate::components::sync_progress::SyncProgress;
use crate::i18n::*;
use crate::lang::{tr, use_i18n};
use crate::state::data::{use_city_data, DataState};
use crate::state::session::Session;
use crate::state::sync::SyncState;

/// "No data on this device yet", or why: loading, failed, signed out (with the login link), or
/// the first sync under way (with its progress bar: records received of the total).
#[component]
pub fn NoData() -> impl IntoView {
    let data = use_city_data();
    let i18n = use_i18n();
    let session = use_context::<Session>();
    let sync = use_context::<SyncState>();
    // Signed out (once the stored session has been read): the data waits for a login.
    let signed_out = move || session.is_some_and(|s| s.restored.get() && s.account().is_none());
    // The first sync under way: how far it is.
    let syncing = move || {
        sync.filter(|s| s.syncing.get())
            .map(|s| s.progress.get().unwrap_or_default())
    };
    view! {
        <div class="no-data" role="status">
            {move || match data.state.get() {
                DataState::Loading => {
                    view! { <p>{tr(|l| td_string!(l, common.no_data.loading))}</p> }
                        .into_any()
                }
                DataState::Failed(err) => {
                    view! { <p>{move || td_string!(i18n.get_locale(), common.no_data.failed, err = &err).to_string()}</p> }
                        .into_any()
                }
                _ if signed_out() => {
                    view! {
                        <p>
                            {tr(|l| td_string!(l, common.no_data.signed_out))}
                            " "
                            <A href="/masuk" attr:id="no-data-login">{tr(|l| td_string!(l, common.account.login))}</A>
                        </p>
                    }
                        .into_any()
                }
                _ => match syncing() {
                    Some(_) => view! {
                        <p id="first-sync">
                            {tr(|l| td_string!(l, common.no_data.syncing))}
                            <br />
                            <SyncProgress id="first-sync-progress"
                                progress=Signal::derive(move || syncing().unwrap_or_default()) />
                        </p>
                    }
                        .into_any(),
                    None => view! { <p>{tr(|l| td_string!(l, common.no_data.empty))}</p> }
                        .into_any(),
                },
            }}
        </div>
    }
}
