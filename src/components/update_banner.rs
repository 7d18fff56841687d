//! Tells the user that a new version of the app is ready, and reloads into it on request.

use leptos::prelude::*;

use crate::i18n::*;
use crate::lang::tr;
use crate::state::app_update::use_app_update;

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let update = use_app_update();
    view! {
        <Show when=move || update.update_ready.get()>
            <div class="update-banner" role="alert">
                <span>{tr(|l| td_string!(l, common.update.ready))}</span>
                <button type="button" on:click=move |_| update.apply()>
                    {tr(|l| td_string!(l, common.update.reload))}
                </button>
            </div>
        </Show>
    }
}
